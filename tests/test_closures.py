"""Local closure days: read as typed, kept in the settings (audited), and
skipped by the working-day clocks."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest

from store import Store
from store.domain.closures import ClosureDay, closure_days_text, read_closure_days
from store.domain.errors import InvalidValue
from store.domain.workdays import add_working_days, working_days_between

TODAY = dt.date(2026, 11, 27)
CHRISTMAS_WEEK = "29 Dec 2026 Christmas closure, 30/12/2026, 31 Dec 2026 Christmas closure"


def test_days_are_read_as_typed_with_what_they_are() -> None:
    days = read_closure_days(CHRISTMAS_WEEK, today=TODAY)
    assert days == [
        ClosureDay(dt.date(2026, 12, 29), "Christmas closure"),
        ClosureDay(dt.date(2026, 12, 30), ""),
        ClosureDay(dt.date(2026, 12, 31), "Christmas closure"),
    ]
    # What the form shows reads back as the same list.
    assert read_closure_days(closure_days_text(days), today=TODAY) == days
    assert read_closure_days(" , ;", today=TODAY) == []


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("26 Dec 2026", "weekend day"),  # a Saturday
        ("25 Dec 2026", "bank holiday (Christmas Day)"),
        ("28 Dec 2026", "bank holiday (Boxing Day (observed))"),
        ("30 Dec 2026, 30/12/2026", "listed twice"),
        ("the thirtieth", "“the thirtieth”"),
    ],
)
def test_a_day_that_cannot_be_closed_is_named(typed: str, said: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        read_closure_days(typed, today=TODAY)
    assert said in raised.value.errors["closure_days"]


def test_the_store_keeps_the_list_audited_with_a_stable_id(store: Store) -> None:
    days = read_closure_days(CHRISTMAS_WEEK, today=TODAY)
    assert store.settings.set_closure_days(days) == days
    assert store.settings.closures() == {d.day for d in days}
    uids = [row["uid"] for row in store.unit.rows("SELECT uid FROM closure_days ORDER BY day")]
    assert len(set(uids)) == 3 and all(uuid.UUID(u) for u in uids)
    # Change one reason, take one day off: each is audited, the others untouched.
    store.settings.set_closure_days([ClosureDay(dt.date(2026, 12, 29), "Office closed"), days[2]])
    assert [d.reason for d in store.settings.closure_days()] == [
        "Office closed",
        "Christmas closure",
    ]
    trail = [(e.field, e.old, e.new) for e in store.audit_trail("closure_days")]
    assert ("reason", "Christmas closure", "Office closed") in trail
    assert ("day", "2026-12-30", None) in trail
    kept = store.unit.rows("SELECT uid FROM closure_days ORDER BY day")
    assert [row["uid"] for row in kept] == [uids[0], uids[2]], "a changed day keeps its id"


def test_the_store_refuses_a_day_that_is_not_a_working_day(store: Store) -> None:
    with pytest.raises(InvalidValue):
        store.settings.set_closure_days([ClosureDay(dt.date(2026, 12, 25))])
    assert store.settings.closure_days() == []


def test_the_database_refuses_a_day_that_is_not_a_date(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.unit.conn.execute("INSERT INTO closure_days (uid, day) VALUES ('x', '29 Dec')")


def test_the_clocks_skip_the_partnerships_closure_days(store: Store) -> None:
    store.settings.set_closure_days(read_closure_days(CHRISTMAS_WEEK, today=TODAY))
    closures = store.settings.closures()
    notified = dt.date(2026, 12, 21)  # a Monday; 25, 28 Dec and 1 Jan are bank holidays
    assert add_working_days(notified, 15) == dt.date(2027, 1, 14)
    assert add_working_days(notified, 15, closures) == dt.date(2027, 1, 19)
    assert working_days_between(notified, dt.date(2027, 1, 19), closures) == 15
