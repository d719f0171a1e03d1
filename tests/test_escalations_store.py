"""Escalations, the store's side (store/escalations.py): raised at stage 1 of the
policy it keeps, moved on stage by stage with each stage's due date from the
calendar (or the urgent route's 24 hours), resolved or closed unresolved; its
history kept and never deleted; the list and its overdue filter in SQL agreeing
with the record; the figures; what was open on a day and what a meeting did.

Every expected date is counted by hand from a calendar (tests/test_escalation_policy.py
has the calendars); the day a stage is entered is not counted. The clock starts
on Friday 27 November 2026 at 14:30 UTC (tests/conftest.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sqlite3
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from store import Store
from store.db.migrations import latest_version
from store.domain import errors
from store.domain.closures import ClosureDay
from store.domain.escalation_policy import DEFAULT_POLICY, policy_text, read_policy
from store.domain.kinds import EscalationCategory, EscalationStatus, ItemKind, Referral
from store.domain.models.escalations import Escalation, EscalationStage
from store.domain.workdays import working_days_between
from store.escalations import Count, EscalationFigures, EscalationQuery
from tests.conftest import FROZEN_NOW, Clock
from tests.test_live_store import partners
from tests.test_migrations import file_at_version

D = dt.date
UTC = dt.UTC
OPEN, RESOLVED, CLOSED = EscalationStatus.OPEN, EscalationStatus.RESOLVED, EscalationStatus.CLOSED


def at(day: dt.date, hour: int, minute: int = 0, tz: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


class World:
    """A store with four agencies (KVC, ICB, KVP and a school, MP), a person in
    each, and a short way to raise an escalation between two of them."""

    def __init__(self, s: Store) -> None:
        self.s = s
        self.people = partners(s)
        self.agency = {k: s.directory.person(p).agency_id or 0 for k, p in self.people.items()}

    def raise_(
        self,
        on: dt.date | str,
        by: str = "health",
        with_: str = "local_authority",
        category: str = "thresholds",
        **given: Any,
    ) -> Escalation:
        return self.s.escalations.add(
            raised_on=on,
            raised_by_agency_id=self.agency[by],
            raised_with_agency_id=self.agency[with_],
            category=category,
            **given,
        )

    def all(self) -> list[Escalation]:
        return self.s.escalations.page(EscalationQuery(state=""), limit=10_000)


@pytest.fixture
def clock() -> Clock:
    return Clock(FROZEN_NOW)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "escalations.db", clock=clock)
    yield store
    store.close()


@pytest.fixture
def w(s: Store) -> World:
    return World(s)


def eid(e: Escalation) -> int:
    assert e.id is not None
    return e.id


def stage_rows(s: Store, escalation: Escalation) -> list[tuple[Any, ...]]:
    return [
        (r.stage, r.name, r.entered_on, r.due, r.holder, r.holder_id, r.note, r.left_on)
        for r in s.escalations.stages(eid(escalation))
    ]


def table_count(s: Store, table: str) -> int:
    return int(s.unit.scalar(f"SELECT count(*) FROM {table}"))


# -- raising one -------------------------------------------------------------------------


def test_raised_at_stage_one_due_five_working_days_later(s: Store, w: World) -> None:
    # Raised Mon 23 Nov: due Mon 30 Nov.
    e = w.raise_("2026-11-23", decision_disputed="No strategy discussion held.")
    assert e.reference == "ESC-2026-01"
    assert (e.stage, e.status, e.urgent) == (1, OPEN, False)
    assert (e.stage_due, e.stage_due_at) == (D(2026, 11, 30), None)
    assert e.holder == "practitioner to practitioner" and e.holder_id is None
    assert e.policy_json and s.escalations.policy(e) == DEFAULT_POLICY
    [row] = s.escalations.stages(eid(e))
    assert (row.stage, row.name, row.entered_on, row.entered_at, row.due, row.due_at) == (
        1,
        "Practitioners",
        D(2026, 11, 23),
        None,
        D(2026, 11, 30),
        None,
    )
    assert row.left_on is None
    # Raised on a Friday (today): due the next Friday.
    friday = w.raise_(D(2026, 11, 27), by="police")
    assert (friday.reference, friday.stage_due) == ("ESC-2026-02", D(2026, 12, 4))
    # Numbered in the year it was raised.
    assert w.raise_("2025-12-01").reference == "ESC-2025-01"
    assert w.raise_("2026-11-02").reference == "ESC-2026-03"
    assert s.escalations.get(eid(e)) == e
    assert s.escalations.by_reference(" esc-2026-01 ") == e
    assert s.escalations.days_open(e) == 4  # 24 to 27 Nov


def test_a_reference_given_is_kept_in_capitals_and_only_once(s: Store, w: World) -> None:
    e = w.raise_("2026-11-23", reference=" esc-2026-09 ")
    assert e.reference == "ESC-2026-09"
    stored = s.unit.scalar("SELECT reference FROM escalations WHERE id = ?", [eid(e)])
    assert stored == "ESC-2026-09"
    assert s.escalations.by_reference("ESC-2026-09") == e
    with pytest.raises(errors.InvalidValue) as taken:
        w.raise_("2026-11-24", reference="ESC-2026-09")
    assert "taken" in taken.value.errors["reference"]
    with pytest.raises(errors.InvalidValue) as bad:
        w.raise_("2026-11-24", reference="ESC/9")
    assert "reference" in bad.value.errors
    assert s.escalations.count(EscalationQuery(state="")) == 1
    assert w.raise_("2026-11-24").reference == "ESC-2026-02"


def test_what_cannot_be_raised_is_refused_and_nothing_is_written(s: Store, w: World) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"on": "2026-11-28"}, "raised_on"),  # tomorrow
        ({"on": "2026-11-23", "with_": "health"}, "raised_with_agency_id"),
        ({"on": "2026-11-23", "raised_by_id": 999}, "raised_by_id"),
        ({"on": "2026-11-23", "holder_id": 999}, "holder_id"),
        ({"on": "2026-11-23", "child_id": 999}, "child_id"),
        ({"on": "2026-11-23", "category": "gossip"}, "category"),
        ({"on": "2026-11-23", "stage": 3}, "stage"),
        ({"on": "2026-11-23", "status": "resolved"}, "status"),
        ({"on": "2026-11-23", "meeting_id": 999}, "meeting_id"),
        ({"on": "not a date"}, "raised_on"),
    ]
    for case, field in cases:
        with pytest.raises(errors.InvalidValue) as bad:
            w.raise_(**case)
        assert field in bad.value.errors, (case, bad.value.errors)
    with pytest.raises(errors.InvalidValue) as unknown:
        s.escalations.add(
            raised_on="2026-11-23",
            raised_by_agency_id=999,
            raised_with_agency_id=w.agency["health"],
            category="roles",
        )
    assert "no such agency" in unknown.value.errors["raised_by_agency_id"]
    assert table_count(s, "escalations") == 0
    assert table_count(s, "escalation_stages") == 0


# -- moving it on ------------------------------------------------------------------------


def test_through_all_four_stages_each_kept_with_its_dates_holder_and_note(
    s: Store, w: World, clock: Clock
) -> None:
    ids = w.people
    e = w.raise_("2026-11-23", holder_id=ids["health"], note="Disputes the threshold decision.")
    # Stage 2 on Mon 30 Nov: due Mon 7 Dec.
    clock.at(D(2026, 11, 30), 11, 0)
    two = s.escalations.escalate(
        eid(e),
        "2026-11-30",
        holder_id=ids["local_authority"],
        holder="Team manager, children's services",
        note="No agreement between the practitioners.",
    )
    assert (two.stage, two.stage_due, two.holder_id) == (2, D(2026, 12, 7), ids["local_authority"])
    assert two.holder == "Team manager, children's services"
    # Stage 3 on Mon 7 Dec: due Mon 14 Dec; held by the stage's role.
    clock.at(D(2026, 12, 7), 11, 0)
    three = s.escalations.escalate(eid(e), D(2026, 12, 7))
    assert (three.stage, three.stage_due) == (3, D(2026, 12, 14))
    assert (three.holder, three.holder_id) == ("senior managers and heads of service", None)
    # Stage 4 on Mon 14 Dec, 14 working days: 15 to 18 (4), 21 to 24 (8), 29 to
    # 31 (11; 25 and 28 Dec off), 1 Jan off, 4, 5, 6 Jan (14).
    clock.at(D(2026, 12, 14), 11, 0)
    four = s.escalations.escalate(eid(e), "2026-12-14", note="To the executive.")
    assert (four.stage, four.stage_due) == (4, D(2027, 1, 6))
    with pytest.raises(errors.NotNow, match="last stage"):
        s.escalations.escalate(eid(e), "2026-12-14")
    assert stage_rows(s, e) == [
        (
            1,
            "Practitioners",
            D(2026, 11, 23),
            D(2026, 11, 30),
            "practitioner to practitioner",
            ids["health"],
            "Disputes the threshold decision.",
            D(2026, 11, 30),
        ),
        (
            2,
            "Line managers",
            D(2026, 11, 30),
            D(2026, 12, 7),
            "Team manager, children's services",
            ids["local_authority"],
            "No agreement between the practitioners.",
            D(2026, 12, 7),
        ),
        (
            3,
            "Senior managers",
            D(2026, 12, 7),
            D(2026, 12, 14),
            "senior managers and heads of service",
            None,
            "",
            D(2026, 12, 14),
        ),
        (
            4,
            "Partnership executive",
            D(2026, 12, 14),
            D(2027, 1, 6),
            "the partnership executive, with the scrutineer",
            None,
            "To the executive.",
            None,
        ),
    ]

    # Resolved at stage 4 on Fri 18 Dec: 19 working days after Mon 23 Nov.
    clock.at(D(2026, 12, 18), 16, 0)
    with pytest.raises(errors.InvalidValue) as no_outcome:
        s.escalations.resolve(eid(e), "2026-12-18", "   ")
    assert "outcome" in no_outcome.value.errors
    done = s.escalations.resolve(eid(e), "2026-12-18", "A joint assessment agreed.")
    assert (done.status, done.stage, done.closed_on, done.days_open) == (
        RESOLVED,
        4,
        D(2026, 12, 18),
        19,
    )
    assert done.outcome == "A joint assessment agreed." and done.referred_to is None
    assert s.escalations.stages(eid(e))[-1].left_on == D(2026, 12, 18)
    assert s.escalations.days_open(done, D(2027, 3, 1)) == 19
    assert not s.escalations.overdue(done, at(D(2027, 3, 1), 9))

    # A resolved escalation does not move.
    tries_1: list[Callable[[], object]] = [
        lambda: s.escalations.escalate(eid(e), "2026-12-18"),
        lambda: s.escalations.resolve(eid(e), "2026-12-18", "Again."),
        lambda: s.escalations.close_unresolved(eid(e), "2026-12-18", "executive"),
    ]
    for move in tries_1:
        with pytest.raises(errors.NotNow, match="resolved on 18 Dec 2026"):
            move()
    assert len(s.escalations.stages(eid(e))) == 4
    assert s.escalations.get(eid(e)) == done


def test_dates_in_the_future_or_before_the_stage_began_are_refused(s: Store, w: World) -> None:
    e = w.raise_("2026-11-23")
    for bad_day in ("2026-11-28", D(2026, 12, 25)):
        with pytest.raises(errors.InvalidValue) as future:
            s.escalations.escalate(eid(e), bad_day)
        assert "has not come yet" in future.value.errors["on"]
        with pytest.raises(errors.InvalidValue) as future_close:
            s.escalations.resolve(eid(e), bad_day, "Agreed.")
        assert "closed_on" in future_close.value.errors
    with pytest.raises(errors.InvalidValue) as before:
        s.escalations.escalate(eid(e), "2026-11-22")
    assert before.value.errors["on"] == "before stage 1 began (23 Nov 2026)"
    with pytest.raises(errors.InvalidValue) as blank:
        s.escalations.escalate(eid(e), "")
    assert "on" in blank.value.errors

    s.escalations.escalate(eid(e), "2026-11-25")
    tries_2: list[Callable[[], object]] = [
        lambda: s.escalations.escalate(eid(e), "2026-11-24"),
        lambda: s.escalations.resolve(eid(e), "2026-11-24", "Agreed."),
        lambda: s.escalations.close_unresolved(eid(e), "2026-11-24", "executive"),
    ]
    for move in tries_2:
        with pytest.raises(errors.InvalidValue, match="before stage 2 began"):
            move()
    # The day the stage began is allowed: stage 2 is entered and left on 25 Nov.
    three = s.escalations.escalate(eid(e), "2026-11-25")
    assert three.stage == 3
    assert [(r.entered_on, r.left_on) for r in s.escalations.stages(eid(e))] == [
        (D(2026, 11, 23), D(2026, 11, 25)),
        (D(2026, 11, 25), D(2026, 11, 25)),
        (D(2026, 11, 25), None),
    ]


def test_a_move_refused_halfway_changes_nothing(s: Store, w: World) -> None:
    e = w.raise_("2026-11-23")
    before = stage_rows(s, e)
    with pytest.raises(errors.InvalidValue) as nobody:
        s.escalations.escalate(eid(e), "2026-11-25", holder_id=999)
    assert "holder_id" in nobody.value.errors
    with pytest.raises(errors.InvalidValue):
        s.escalations.escalate(eid(e), "2026-11-25", meeting_id=999)
    assert stage_rows(s, e) == before
    assert s.escalations.get(eid(e)) == e


def test_closed_unresolved_needs_where_it_went(s: Store, w: World) -> None:
    e = w.raise_("2026-11-23")
    for nowhere in ("", "nobody"):
        with pytest.raises(errors.InvalidValue) as bad:
            s.escalations.close_unresolved(eid(e), "2026-11-26", nowhere)
        assert "referred_to" in bad.value.errors
    assert s.escalations.get(eid(e)).status is OPEN
    closed = s.escalations.close_unresolved(
        eid(e), "2026-11-26", "scrutineer", "No agreement.", learning_theme="Thresholds"
    )
    assert (closed.status, closed.referred_to, closed.closed_on) == (
        CLOSED,
        Referral.SCRUTINEER,
        D(2026, 11, 26),
    )
    assert (closed.outcome, closed.learning_theme, closed.days_open) == (
        "No agreement.",
        "Thresholds",
        3,
    )
    other = w.raise_("2026-11-23", by="police")
    went = s.escalations.close_unresolved(eid(other), "2026-11-27", Referral.EXECUTIVE)
    assert went.referred_to is Referral.EXECUTIVE
    with pytest.raises(errors.NotNow, match="closed unresolved on 27 Nov 2026"):
        s.escalations.escalate(eid(other), "2026-11-27")


def test_what_the_record_says_already_is_kept_when_it_is_closed(s: Store, w: World) -> None:
    e = w.raise_("2026-11-23")
    s.escalations.update(eid(e), learning_theme="Information sharing", outcome="Draft outcome.")
    resolved = s.escalations.resolve(eid(e), "2026-11-26", "Agreed.")
    assert (resolved.outcome, resolved.learning_theme) == ("Agreed.", "Information sharing")
    other = w.raise_("2026-11-23", by="police")
    s.escalations.update(eid(other), outcome="The police would not share.")
    closed = s.escalations.close_unresolved(eid(other), "2026-11-26", "executive")
    assert closed.outcome == "The police would not share."
    # A theme given replaces it.
    third = w.raise_("2026-11-23", by="education")
    s.escalations.update(eid(third), learning_theme="Old")
    assert s.escalations.resolve(
        eid(third), "2026-11-26", "Ok.", learning_theme="New"
    ).learning_theme == ("New")


def test_corrections_to_the_record(s: Store, w: World) -> None:
    ids = w.people
    e = w.raise_("2026-11-23")
    s.escalations.escalate(eid(e), "2026-11-25")
    first_before = s.escalations.stages(eid(e))[0]
    updated = s.escalations.update(
        eid(e),
        holder="Head of early help",
        holder_id=ids["local_authority"],
        raiser_position="The threshold was met.",
        raised_by_id=ids["health"],
    )
    assert (updated.holder, updated.holder_id) == ("Head of early help", ids["local_authority"])
    assert updated.raiser_position == "The threshold was met."
    first, second = s.escalations.stages(eid(e))
    assert first == first_before  # only the current stage's holder changes
    assert (second.holder, second.holder_id) == ("Head of early help", ids["local_authority"])

    refused: list[tuple[dict[str, Any], str]] = [
        ({"raised_with_agency_id": w.agency["health"]}, "raised_with_agency_id"),
        ({"raised_by_agency_id": w.agency["local_authority"]}, "raised_with_agency_id"),
        ({"raised_with_agency_id": 999}, "raised_with_agency_id"),
        ({"raised_by_id": 999}, "raised_by_id"),
        ({"holder_id": 999}, "holder_id"),
        ({"child_id": 999}, "child_id"),
        ({"category": "gossip"}, "category"),
        ({"stage": 1}, "stage"),
        ({"stage_due": "2027-01-01"}, "stage_due"),
        ({"status": "resolved"}, "status"),
        ({"policy_json": "{}"}, "policy_json"),
    ]
    kept = s.escalations.get(eid(e))
    rows = stage_rows(s, e)
    for change, field in refused:
        with pytest.raises(errors.InvalidValue) as bad:
            s.escalations.update(eid(e), **change)
        assert field in bad.value.errors, (change, bad.value.errors)
    assert s.escalations.get(eid(e)) == kept
    assert stage_rows(s, e) == rows


def test_nothing_is_deleted_and_every_change_is_audited(s: Store, w: World, clock: Clock) -> None:
    e = w.raise_("2026-11-23", note="Raised.")
    snapshots = [s.escalations.stages(eid(e))]
    s.escalations.escalate(eid(e), "2026-11-24")
    snapshots.append(s.escalations.stages(eid(e)))
    s.escalations.update(eid(e), other_position="Below threshold.")
    s.escalations.escalate(eid(e), "2026-11-26", holder="Head of service")
    snapshots.append(s.escalations.stages(eid(e)))
    s.escalations.resolve(eid(e), "2026-11-27", "Agreed.", learning_theme="Thresholds")
    snapshots.append(s.escalations.stages(eid(e)))
    # Each step only adds a row, or notes the day the current one was left.
    for before, after in itertools.pairwise(snapshots):
        assert len(after) in (len(before), len(before) + 1)
        for old, new in zip(before, after, strict=False):
            assert old.model_copy(update={"left_on": new.left_on}) == new
            assert old.left_on in (None, new.left_on)
    assert len(snapshots[-1]) == 3
    assert (table_count(s, "escalations"), table_count(s, "escalation_stages")) == (1, 3)

    trail = s.audit_trail("escalations", eid(e))
    fields = {entry.field for entry in trail}
    assert {
        "reference",
        "raised_on",
        "stage",
        "stage_due",
        "holder",
        "other_position",
        "status",
        "outcome",
        "closed_on",
        "days_open",
        "learning_theme",
    } <= fields
    assert [(x.old, x.new) for x in trail if x.field == "stage"] == [
        (None, "1"),
        ("1", "2"),
        ("2", "3"),
    ]
    assert ("open", "resolved") in [(x.old, x.new) for x in trail if x.field == "status"]
    first = s.escalations.stages(eid(e))[0]
    assert [(x.field, x.new) for x in s.audit_trail("escalation_stages", first.id)][-1] == (
        "left_on",
        "2026-11-24",
    )
    deleted = s.unit.scalar(
        "SELECT count(*) FROM audit WHERE field = '*' "
        "AND table_name IN ('escalations', 'escalation_stages')"
    )
    assert deleted == 0


# -- the calendar ------------------------------------------------------------------------


def test_bank_holidays_and_closure_days_push_the_due_dates(
    s: Store, w: World, clock: Clock
) -> None:
    # Easter 2026: raised Thu 2 Apr, due Mon 13 Apr (3 and 6 Apr off); stage 2
    # entered Mon 13 Apr is due Mon 20 Apr.
    easter = w.raise_("2026-04-02")
    assert easter.stage_due == D(2026, 4, 13)
    assert s.escalations.escalate(eid(easter), "2026-04-13").stage_due == D(2026, 4, 20)

    # Christmas 2026: raised Mon 21 Dec, due Wed 30 Dec (25 and 28 Dec off).
    clock.at(D(2026, 12, 21), 10, 0)
    christmas = w.raise_("2026-12-21")
    assert christmas.stage_due == D(2026, 12, 30)
    # The partnership shut 29 to 31 Dec: raised the same day, due Tue 5 Jan 2027.
    s.settings.set_closure_days(
        [
            ClosureDay(D(2026, 12, 29), "Christmas closure"),
            ClosureDay(D(2026, 12, 30)),
            ClosureDay(D(2026, 12, 31)),
        ]
    )
    shut = w.raise_("2026-12-21", by="police")
    assert shut.stage_due == D(2027, 1, 5)
    # The one raised before keeps the due date it was given.
    assert s.escalations.get(eid(christmas)).stage_due == D(2026, 12, 30)
    # Moved on on a closure day (Wed 30 Dec): 31 Dec shut, 1 Jan off, then
    # Mon 4 to Fri 8 Jan.
    clock.at(D(2026, 12, 30), 10, 0)
    assert s.escalations.escalate(eid(christmas), "2026-12-30").stage_due == D(2027, 1, 8)
    # Working days open skip the closures too: 22, 23, 24 Dec, 4, 5 Jan.
    assert s.escalations.days_open(christmas, D(2027, 1, 5)) == 5


def test_the_urgent_route_runs_on_24_calendar_hours(s: Store, w: World, clock: Clock) -> None:
    # Raised now, Fri 27 Nov at 14:30: due Sat 28 Nov at 14:30, not Monday.
    u = w.raise_(D(2026, 11, 27), urgent=True)
    due_at = at(D(2026, 11, 28), 14, 30)
    assert (u.stage_due, u.stage_due_at) == (D(2026, 11, 28), due_at)
    [row] = s.escalations.stages(eid(u))
    assert (row.entered_at, row.due, row.due_at) == (FROZEN_NOW, D(2026, 11, 28), due_at)
    plain = w.raise_(D(2026, 11, 27), by="police")  # due Fri 4 Dec
    assert plain.stage_due_at is None

    def overdue_now(now: dt.datetime) -> set[int]:
        python = {eid(e) for e in (u, plain) if s.escalations.overdue(e, now)}
        query = EscalationQuery(overdue=True)
        sql = {eid(e) for e in s.escalations.page(query, now=now)}
        assert python == sql, now
        assert s.escalations.count(query, now=now) == len(sql)
        return python

    assert overdue_now(at(D(2026, 11, 28), 10)) == set()
    assert overdue_now(due_at) == set()  # at the moment: not yet past it
    assert overdue_now(due_at + dt.timedelta(minutes=1)) == {eid(u)}
    # By the moment, not the date: late on Saturday the due date is still today.
    assert overdue_now(at(D(2026, 11, 28), 23, 59)) == {eid(u)}
    # In another offset: 15:00 in UTC+1 is 14:00 UTC, before the moment.
    plus_one = dt.timezone(dt.timedelta(hours=1))
    assert overdue_now(at(D(2026, 11, 28), 15, 0, plus_one)) == set()
    assert overdue_now(at(D(2026, 11, 28), 15, 31, plus_one)) == {eid(u)}
    # The working-day one is overdue once its due date has passed.
    assert overdue_now(at(D(2026, 12, 4), 23, 59)) == {eid(u)}
    assert overdue_now(at(D(2026, 12, 5), 0, 0)) == {eid(u), eid(plain)}

    # Moved on on Saturday at noon (given): due Sunday at noon.
    clock.at(D(2026, 11, 28), 13, 0)
    two = s.escalations.escalate(eid(u), "2026-11-28", at=at(D(2026, 11, 28), 12, 0))
    assert (two.stage, two.stage_due, two.stage_due_at) == (
        2,
        D(2026, 11, 29),
        at(D(2026, 11, 29), 12, 0),
    )
    assert s.escalations.stages(eid(u))[-1].entered_at == at(D(2026, 11, 28), 12, 0)
    with pytest.raises(errors.InvalidValue) as naive:
        s.escalations.escalate(eid(u), "2026-11-28", at=dt.datetime(2026, 11, 28, 12, 30))
    assert "at" in naive.value.errors
    # Without a time, today is now: due Sunday at 13:00.
    three = s.escalations.escalate(eid(u), "2026-11-28")
    assert three.stage_due_at == at(D(2026, 11, 29), 13, 0)
    # A past day without a time: from 09:00 that day.
    past = w.raise_("2026-11-20", by="education", urgent=True)
    assert past.stage_due_at == at(D(2026, 11, 21), 9, 0)
    given = w.raise_("2026-11-26", by="police", urgent=True, raised_at=at(D(2026, 11, 26), 17, 45))
    assert given.stage_due_at == at(D(2026, 11, 27), 17, 45)


def test_the_urgent_route_s_moments_are_checked(s: Store, w: World, clock: Clock) -> None:
    esc = s.escalations
    for raised_at, words in (
        (at(D(2026, 11, 25), 10), "not on 26 Nov 2026"),
        (dt.datetime(2026, 11, 26, 10, 0), "offset"),
    ):
        with pytest.raises(errors.InvalidValue) as bad:
            w.raise_("2026-11-26", urgent=True, raised_at=raised_at)
        assert words in bad.value.errors["raised_at"]
    with pytest.raises(errors.InvalidValue) as later:
        w.raise_(D(2026, 11, 27), urgent=True, raised_at=at(D(2026, 11, 27), 18, 0))
    assert later.value.errors["raised_at"] == "that time has not come yet"
    assert esc.count(EscalationQuery(state="")) == 0

    u = w.raise_("2026-11-26", urgent=True, raised_at=at(D(2026, 11, 26), 15, 0))
    rows = stage_rows(s, u)
    for moment, words in (
        (at(D(2026, 11, 26), 14, 59), "before the stage it leaves began (15:00 on 26 Nov 2026)"),
        (at(D(2026, 11, 25), 16, 0), "not on 26 Nov 2026"),
    ):
        with pytest.raises(errors.InvalidValue) as bad:
            esc.escalate(eid(u), "2026-11-26", at=moment)
        assert words in bad.value.errors["at"]
    with pytest.raises(errors.InvalidValue) as future:
        esc.escalate(eid(u), "2026-11-27", at=at(D(2026, 11, 27), 15, 0))
    assert future.value.errors["at"] == "that time has not come yet"
    assert stage_rows(s, u) == rows
    # The same past day without a time: not 09:00, before stage 1 was entered,
    # but the moment stage 1 was.
    two = esc.escalate(eid(u), "2026-11-26")
    assert esc.stages(eid(u))[-1].entered_at == at(D(2026, 11, 26), 15, 0)
    assert two.stage_due_at == at(D(2026, 11, 27), 15, 0)


def test_a_day_the_calendar_does_not_know_is_refused_in_words(s: Store, w: World) -> None:
    for day in ("1850-03-01", "0926-11-23"):
        with pytest.raises(errors.InvalidValue) as bad:
            w.raise_(day)
        assert "1872 to 2100" in bad.value.errors["raised_on"]
    assert table_count(s, "escalations") == 0


# -- the policy it started under ---------------------------------------------------------


NEW_POLICY = (
    "Talk (the practitioners) 2; Managers (their managers) 3; Chiefs (the directors) 10; "
    "urgent 12 hours"
)


def test_an_escalation_keeps_the_policy_it_started_under(s: Store, w: World) -> None:
    old = w.raise_("2026-11-23")
    s.settings.update(escalation_policy=NEW_POLICY)
    assert s.escalations.policy() == read_policy(NEW_POLICY)
    assert s.settings.get().escalation_policy == NEW_POLICY
    assert "escalation_policy" in {e.field for e in s.audit_trail("settings", 1)}
    # The one open before: stage 2 on Wed 25 Nov is its own 5 working days, due Wed 2 Dec.
    moved = s.escalations.escalate(eid(old), "2026-11-25")
    assert moved.stage_due == D(2026, 12, 2) and moved.holder == (
        "line managers and designated safeguarding leads"
    )
    assert s.escalations.stages(eid(old))[-1].name == "Line managers"
    assert s.escalations.policy(moved) == DEFAULT_POLICY
    # A new one: 2, 3 and 10 working days, three stages.
    new = w.raise_("2026-11-25", by="police")
    assert (new.stage_due, new.holder) == (D(2026, 11, 27), "the practitioners")
    assert s.escalations.escalate(eid(new), "2026-11-27").stage_due == D(2026, 12, 2)
    chiefs = s.escalations.escalate(eid(new), "2026-11-27")
    assert (chiefs.stage, chiefs.stage_due, chiefs.holder) == (3, D(2026, 12, 11), "the directors")
    assert [r.name for r in s.escalations.stages(eid(new))] == ["Talk", "Managers", "Chiefs"]
    with pytest.raises(errors.NotNow, match="last stage"):
        s.escalations.escalate(eid(new), "2026-11-27")
    # The old one still has four stages.
    s.escalations.escalate(eid(old), "2026-11-26")
    assert s.escalations.escalate(eid(old), "2026-11-26").stage == 4
    # The urgent route's hours are the new policy's for a new one.
    urgent = w.raise_(D(2026, 11, 27), by="education", urgent=True)
    assert urgent.stage_due_at == at(D(2026, 11, 28), 2, 30)


def test_a_policy_that_cannot_be_read_is_refused_in_words(s: Store) -> None:
    s.settings.update(escalation_policy=NEW_POLICY)
    for typed, words in (
        ("Only (one stage) 5", "give 2 to 6 stages"),
        ("A (x) 0; B (y) 5", "1 to 60 working days, not 0"),
        ("A (x) 61; B (y) 5", "not 61"),
        ("A (x) 5; a (y) 5", "same name"),
        ("A () 5; B (y) 5", "say who holds it"),
        ("A 5; B (y) 5", "cannot be read"),
    ):
        with pytest.raises(errors.InvalidValue) as bad:
            s.settings.update(escalation_policy=typed)
        assert words in bad.value.errors["escalation_policy"], typed
        with pytest.raises(errors.InvalidValue):
            s.settings.check(escalation_policy=typed)
    assert s.escalations.policy() == read_policy(NEW_POLICY)
    # Blank is the default again.
    s.settings.update(escalation_policy="")
    assert s.escalations.policy() == DEFAULT_POLICY
    assert s.settings.get().escalation_policy == policy_text(DEFAULT_POLICY)


def test_a_policy_spoiled_by_another_tool_is_the_default(s: Store, w: World) -> None:
    e = w.raise_("2026-11-23")
    with s.unit.write() as db:
        db.execute("UPDATE settings SET escalation_policy = 'gibberish' WHERE id = 1")
        db.execute("UPDATE escalations SET policy_json = '{\"stages\": 3}' WHERE id = ?", [eid(e)])
    assert s.settings.escalation_policy() == DEFAULT_POLICY
    moved = s.escalations.escalate(eid(e), "2026-11-25")
    assert (moved.stage, moved.stage_due) == (2, D(2026, 12, 2))


# -- the list, overdue, and the figures --------------------------------------------------


def varied(w: World, clock: Clock) -> dict[str, Escalation]:
    """A dozen escalations of every kind, raised and moved up to 27 Nov 2026."""
    s = w.s
    es: dict[str, Escalation] = {}
    es["a"] = w.raise_("2026-10-01", "health", "local_authority", "thresholds")
    es["b"] = w.raise_("2026-10-12", "police", "local_authority", "assessment_outcome")
    es["c"] = w.raise_("2026-11-02", "education", "health", "roles")
    es["d"] = w.raise_("2026-11-16", "local_authority", "police", "information_sharing")
    es["e"] = w.raise_("2026-11-20", "health", "police", "services", urgent=True)
    es["f"] = w.raise_(
        "2026-11-26",
        "education",
        "local_authority",
        "thresholds",
        urgent=True,
        raised_at=at(D(2026, 11, 26), 16, 10),
    )
    es["g"] = w.raise_("2026-11-25", "police", "health", "other")
    es["h"] = w.raise_("2026-09-07", "health", "local_authority", "thresholds")
    es["i"] = w.raise_("2026-09-14", "local_authority", "education", "roles")
    es["j"] = w.raise_("2026-10-05", "police", "education", "information_sharing")
    es["k"] = w.raise_("2026-10-19", "health", "education", "services")
    es["l"] = w.raise_("2026-11-09", "education", "police", "thresholds")
    es["m"] = w.raise_("2026-11-23", "local_authority", "health", "assessment_outcome", urgent=True)
    esc = s.escalations
    esc.escalate(eid(es["a"]), "2026-10-08")
    esc.escalate(eid(es["a"]), "2026-10-15")
    esc.escalate(eid(es["b"]), "2026-11-20")
    esc.escalate(eid(es["c"]), "2026-11-25")
    esc.escalate(eid(es["e"]), "2026-11-21", at=at(D(2026, 11, 21), 10, 0))
    esc.escalate(eid(es["h"]), "2026-09-14")
    esc.resolve(eid(es["h"]), "2026-09-25", "Agreed a plan.", learning_theme="Thresholds")
    esc.resolve(eid(es["i"]), "2026-09-16", "Roles agreed.", learning_theme="Roles")
    esc.escalate(eid(es["j"]), "2026-10-12")
    esc.escalate(eid(es["j"]), "2026-10-19")
    esc.escalate(eid(es["j"]), "2026-10-26")
    esc.close_unresolved(eid(es["j"]), "2026-11-13", "executive", learning_theme="thresholds")
    esc.resolve(eid(es["k"]), "2026-11-05", "Service offered.", learning_theme="Services")
    esc.escalate(eid(es["l"]), "2026-11-13")
    esc.close_unresolved(eid(es["l"]), "2026-11-24", "scrutineer", learning_theme="THRESHOLDS")
    esc.update(eid(es["d"]), learning_theme="Not counted while open")
    esc.resolve(eid(es["m"]), "2026-11-23", "Sorted the same day.")
    return {key: esc.get(eid(e)) for key, e in es.items()}


def test_overdue_in_python_and_in_sql_agree_at_every_moment(
    s: Store, w: World, clock: Clock
) -> None:
    es = varied(w, clock)
    everyone = w.all()
    assert len(everyone) == len(es)
    # By hand at the frozen now (Fri 27 Nov 14:30): a (stage 3 from 15 Oct, due
    # 22 Oct), b (stage 2 from 20 Nov, due 27 Nov: today, not yet), d (due
    # 23 Nov), e (urgent stage 2 due Sun 22 Nov 10:00), f (urgent, due 16:10
    # today: not yet).
    assert {k for k, e in es.items() if s.escalations.overdue(e)} == {"a", "d", "e"}
    nows = [at(D(2026, 9, 1), 0) + dt.timedelta(hours=7, minutes=13) * n for n in range(400)]
    nows += [
        at(D(2026, 11, 27), 16, 10),
        at(D(2026, 11, 27), 16, 11),
        at(D(2026, 11, 27), 17, 10, dt.timezone(dt.timedelta(hours=1))),
        at(D(2026, 11, 27), 17, 11, dt.timezone(dt.timedelta(hours=1))),
        at(D(2026, 11, 28), 0, 30, dt.timezone(dt.timedelta(hours=5))),
        at(D(2026, 11, 27), 20, 0, dt.timezone(dt.timedelta(hours=-5))),
    ]
    seen = set()
    for now in nows:
        python = {eid(e) for e in everyone if s.escalations.overdue(e, now)}
        for state in ("", "open"):
            query = EscalationQuery(state=state, overdue=True)
            sql = [eid(e) for e in s.escalations.page(query, limit=1000, now=now)]
            assert set(sql) == python, (now, state)
            assert s.escalations.count(query, now=now) == len(sql)
        assert s.escalations.figures(now).overdue == len(python)
        seen.add(len(python))
        # Closed ones are never overdue.
        assert not python & {eid(es[k]) for k in "hijklm"}
    assert len(seen) >= 4  # the moments chosen cover several states
    assert not s.escalations.overdue(es["f"], at(D(2026, 11, 27), 16, 10))
    assert s.escalations.overdue(es["f"], at(D(2026, 11, 27), 16, 11))


def test_the_list_puts_the_overdue_first_then_by_due_date(s: Store, w: World, clock: Clock) -> None:
    es = varied(w, clock)
    page = s.escalations.page(EscalationQuery(state=""), limit=1000)
    statuses = [e.status for e in page]
    opened = statuses.count(OPEN)
    assert statuses[:opened] == [OPEN] * opened and OPEN not in statuses[opened:]
    flags = [s.escalations.overdue(e) for e in page[:opened]]
    assert flags == sorted(flags, reverse=True) and flags.count(True) == 3
    for part in (page[: flags.count(True)], page[flags.count(True) : opened]):
        dues = [e.stage_due for e in part]
        assert dues == sorted(dues)  # type: ignore[type-var]
    closed = page[opened:]
    assert [e.raised_on for e in closed] == sorted((e.raised_on for e in closed), reverse=True)
    assert [e.reference for e in page[:3]] == [es[k].reference for k in ("a", "e", "d")]
    # Pages of three make the same list.
    paged = [
        e
        for offset in range(0, len(page), 3)
        for e in s.escalations.page(EscalationQuery(state=""), offset=offset, limit=3)
    ]
    assert paged == page


def test_the_list_filters_as_the_record_says(s: Store, w: World, clock: Clock) -> None:
    varied(w, clock)
    everyone = w.all()
    agencies = list(w.agency.values())

    def check(query: EscalationQuery, keep: Any) -> None:
        expected = {eid(e) for e in everyone if keep(e)}
        got = s.escalations.page(query, limit=1000)
        assert {eid(e) for e in got} == expected, query
        assert s.escalations.count(query) == len(got)

    for state in ("open", "resolved", "closed", ""):
        check(EscalationQuery(state=state), lambda e, st=state: not st or e.status.value == st)
    for stage in (1, 2, 3, 4, 5):
        check(EscalationQuery(stage=stage), lambda e, n=stage: e.status is OPEN and e.stage == n)
        check(EscalationQuery(state="", stage=stage), lambda e, n=stage: e.stage == n)
    for agency in agencies:
        check(
            EscalationQuery(state="", agency_id=agency),
            lambda e, a=agency: a in (e.raised_by_agency_id, e.raised_with_agency_id),
        )
        check(
            EscalationQuery(agency_id=agency),
            lambda e, a=agency: (
                e.status is OPEN and a in (e.raised_by_agency_id, e.raised_with_agency_id)
            ),
        )
    for category in EscalationCategory:
        check(
            EscalationQuery(state="", category=category.value),
            lambda e, c=category: e.category is c,
        )
    for urgent in (True, False):
        check(EscalationQuery(state="", urgent=urgent), lambda e, u=urgent: e.urgent is u)
        check(
            EscalationQuery(urgent=urgent), lambda e, u=urgent: e.status is OPEN and e.urgent is u
        )
    check(
        EscalationQuery(state="", text="esc-2026-0"), lambda e: e.reference.startswith("ESC-2026-0")
    )
    check(
        EscalationQuery(state="", stage=2, agency_id=w.agency["local_authority"]),
        lambda e: (
            e.stage == 2
            and w.agency["local_authority"] in (e.raised_by_agency_id, e.raised_with_agency_id)
        ),
    )
    check(
        EscalationQuery(overdue=True, agency_id=w.agency["police"]),
        lambda e: (
            s.escalations.overdue(e)
            and w.agency["police"] in (e.raised_by_agency_id, e.raised_with_agency_id)
        ),
    )
    assert s.escalations.count() == sum(1 for e in everyone if e.status is OPEN) == 7


def test_the_figures_are_what_the_record_adds_up_to(s: Store, w: World, clock: Clock) -> None:
    es = varied(w, clock)
    everyone = s.escalations.page(EscalationQuery(state=""), limit=10_000)
    short = {a.id: a.short_name for a in s.directory.agencies()}
    opened = [e for e in everyone if e.status is OPEN]
    resolved = [e for e in everyone if e.status is RESOLVED]
    closed = [e for e in everyone if e.status is CLOSED]

    def ranked(counter: Counter[str], key: Any = str.lower) -> tuple[Count, ...]:
        return tuple(
            Count(label, n)
            for label, n in sorted(counter.items(), key=lambda x: (-x[1], key(x[0])))
        )

    stages = Counter(e.stage for e in opened)
    by_agency: Counter[str] = Counter()
    for e in opened:
        by_agency[short[e.raised_by_agency_id]] += 1
        by_agency[short[e.raised_with_agency_id]] += 1
    categories = Counter(e.category for e in opened)
    # Working days from raised to resolved, counted again here.
    days = [working_days_between(e.raised_on, e.closed_on or e.raised_on) for e in resolved]
    assert sorted(days) == sorted(e.days_open or 0 for e in resolved)
    themes = Counter(
        (e.learning_theme or "").lower()
        for e in everyone
        if e.status is not OPEN and e.learning_theme
    )
    expected = EscalationFigures(
        open=len(opened),
        overdue=sum(s.escalations.overdue(e) for e in opened),
        urgent_open=sum(e.urgent for e in opened),
        open_by_stage=tuple(Count(f"Stage {n}", stages[n]) for n in sorted(stages)),
        open_by_agency=ranked(by_agency),
        open_by_category=tuple(
            Count(c.label, n)
            for c, n in sorted(categories.items(), key=lambda x: (-x[1], x[0].value))
        ),
        resolved=len(resolved),
        resolved_by_stage=tuple(
            Count(f"Stage {n}", k) for n, k in sorted(Counter(e.stage for e in resolved).items())
        ),
        median_days=float(statistics.median(days)),
        closed=len(closed),
        to_executive=sum(e.referred_to is Referral.EXECUTIVE for e in everyone),
        to_scrutineer=sum(e.referred_to is Referral.SCRUTINEER for e in everyone),
        reached_last=sum(e.stage >= s.escalations.policy(e).last for e in everyone),
        themes=ranked(themes),
    )
    figures = s.escalations.figures()
    # Themes are counted whatever their capitals (one label of the spellings).
    got_themes = tuple(Count(c.label.lower(), c.count) for c in figures.themes)
    assert dataclasses.replace(figures, themes=got_themes) == expected

    # And by hand, so that the Python above is not merely the SQL again.
    assert (figures.open, figures.overdue, figures.urgent_open) == (7, 3, 2)
    assert figures.open_by_stage == (Count("Stage 1", 3), Count("Stage 2", 3), Count("Stage 3", 1))
    assert figures.resolved_by_stage == (Count("Stage 1", 3), Count("Stage 2", 1))
    # h: 7 Sep to 25 Sep, 14; i: 14 to 16 Sep, 2; k: 19 Oct to 5 Nov, 13; m: 0.
    assert sorted(days) == [0, 2, 13, 14] and figures.median_days == 7.5
    assert (figures.closed, figures.to_executive, figures.to_scrutineer) == (2, 1, 1)
    assert got_themes == (Count("thresholds", 3), Count("roles", 1), Count("services", 1))
    assert es["d"].learning_theme not in {c.label for c in figures.themes}
    # KVC, ICB and KVP are each on one side of four open ones: by name; the school of two.
    assert [(c.label, c.count) for c in figures.open_by_agency] == [
        ("ICB", 4),
        ("KVC", 4),
        ("KVP", 4),
        ("MP", 2),
    ]


def test_the_figures_of_an_empty_file(s: Store) -> None:
    figures = s.escalations.figures()
    assert (figures.open, figures.overdue, figures.resolved, figures.closed) == (0, 0, 0, 0)
    assert figures.median_days is None and figures.open_by_stage == () and figures.themes == ()
    assert s.escalations.page() == [] and s.escalations.count() == 0
    assert s.escalations.open_on(D(2026, 11, 27)) == []


# -- what was open on a day, and what a meeting did ---------------------------------------


def test_what_was_open_on_a_day_comes_from_the_history(s: Store, w: World) -> None:
    esc = s.escalations
    a = w.raise_("2026-11-02")
    esc.escalate(eid(a), "2026-11-09")
    esc.resolve(eid(a), "2026-11-16", "Agreed.")
    b = w.raise_("2026-11-05", by="police")
    esc.escalate(eid(b), "2026-11-09")
    esc.escalate(eid(b), "2026-11-12")
    c = w.raise_("2026-11-12", by="education")
    esc.close_unresolved(eid(c), "2026-11-12", "executive")
    w.raise_("2026-11-20", by="local_authority", with_="police")
    # Each stage as it was held: [entered, left).
    held = [
        (1, D(2026, 11, 2), D(2026, 11, 9)),
        (2, D(2026, 11, 9), D(2026, 11, 16)),
        (1, D(2026, 11, 5), D(2026, 11, 9)),
        (2, D(2026, 11, 9), D(2026, 11, 12)),
        (3, D(2026, 11, 12), None),
        (1, D(2026, 11, 20), None),
    ]
    day = D(2026, 10, 30)
    while day <= D(2026, 11, 27):
        counts = Counter(n for n, start, end in held if start <= day and (end is None or day < end))
        assert esc.open_on(day) == [Count(f"Stage {n}", counts[n]) for n in sorted(counts)], day
        day += dt.timedelta(days=1)
    assert esc.open_on(D(2026, 11, 1)) == []
    assert esc.open_on(D(2026, 11, 12)) == [Count("Stage 2", 1), Count("Stage 3", 1)]
    assert esc.open_on(D(2026, 11, 27)) == [Count("Stage 1", 1), Count("Stage 3", 1)]
    assert sum(c.count for c in esc.open_on(D(2026, 11, 27))) == esc.count()


def test_what_a_meeting_did_with_escalations(s: Store, w: World) -> None:
    esc = s.escalations
    meeting = s.meetings.add(title="Executive", kind="executive", series="exec", date="2026-11-26")
    other = s.meetings.add(title="Executive", kind="executive", series="exec2", date="2026-11-19")
    mid, oid = meeting.id or 0, other.id or 0
    y = w.raise_("2026-11-02")
    z = w.raise_("2026-11-03", by="police")
    v = w.raise_("2026-11-04", by="education")
    u = w.raise_("2026-11-05", by="local_authority", with_="police")
    esc.escalate(eid(u), "2026-11-19", meeting_id=oid, note="At the November executive.")

    x = w.raise_("2026-11-26", by="police", with_="education", meeting_id=mid, note="Raised here.")
    esc.escalate(eid(y), "2026-11-26", meeting_id=mid, note="Not agreed by the managers.")
    esc.resolve(eid(z), "2026-11-26", "A strategy meeting agreed.", meeting_id=mid)
    esc.close_unresolved(eid(v), "2026-11-26", "scrutineer", "No agreement.", meeting_id=mid)

    moves = [(m.escalation.reference, m.what, m.note) for m in esc.moves(mid)]
    assert [(ref, what.lower(), note) for ref, what, note in moves] == [
        (x.reference, "raised", "Raised here."),
        (y.reference, "escalated to stage 2 (line managers)", "Not agreed by the managers."),
        (z.reference, "resolved at stage 1 (practitioners)", "A strategy meeting agreed."),
        (
            v.reference,
            "closed unresolved at stage 1 (practitioners), referred to the independent scrutineer",
            "No agreement.",
        ),
    ]
    assert [m.escalation.status for m in esc.moves(mid)] == [OPEN, OPEN, RESOLVED, CLOSED]
    assert [(m.escalation.reference, m.what.lower()) for m in esc.moves(oid)] == [
        (u.reference, "escalated to stage 2 (line managers)")
    ]
    assert esc.get(eid(z)).closed_meeting_id == mid
    assert esc.stages(eid(y))[-1].meeting_id == mid


def test_a_meeting_whose_minutes_were_agreed_takes_no_more_moves(s: Store, w: World) -> None:
    esc = s.escalations
    meeting = s.meetings.add(title="Executive", kind="executive", series="exec", date="2026-11-20")
    mid = meeting.id or 0
    e = w.raise_("2026-11-20", meeting_id=mid)
    s.live.start(mid)
    s.live.end(mid)
    s.record.agree(mid)
    before = (esc.get(eid(e)), stage_rows(s, e), table_count(s, "escalations"))
    tries_3: list[Callable[[], object]] = [
        lambda: w.raise_("2026-11-20", by="police", meeting_id=mid),
        lambda: esc.escalate(eid(e), "2026-11-23", meeting_id=mid),
        lambda: esc.resolve(eid(e), "2026-11-23", "Agreed.", meeting_id=mid),
        lambda: esc.close_unresolved(eid(e), "2026-11-23", "executive", meeting_id=mid),
    ]
    for move in tries_3:
        with pytest.raises(errors.NotNow, match="minutes were agreed"):
            move()
    assert (esc.get(eid(e)), stage_rows(s, e), table_count(s, "escalations")) == before
    tries_4: list[Callable[[], object]] = [
        lambda: esc.escalate(eid(e), "2026-11-23", meeting_id=999),
        lambda: esc.resolve(eid(e), "2026-11-23", "Agreed.", meeting_id=999),
    ]
    for move in tries_4:
        with pytest.raises(errors.InvalidValue) as nowhere:
            move()
        assert "meeting_id" in nowhere.value.errors
    # What it minuted is still there; a move outside a meeting goes ahead.
    assert [m.what for m in esc.moves(mid)] == ["Raised"]
    assert esc.escalate(eid(e), "2026-11-23").stage == 2


# -- the migration -----------------------------------------------------------------------


def test_a_version_11_file_gets_escalations_and_its_standing_items(tmp_path: Path) -> None:
    path = tmp_path / "v11.db"
    file_at_version(path, 11)
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        INSERT INTO agencies (id, name, short_name, kind, statutory)
            VALUES (1, 'Kestrel Vale Council', 'KVC', 'local_authority', 1),
                   (2, 'Kestrel Vale ICB', 'ICB', 'health', 1);
        INSERT INTO meetings (id, title, kind, series, date, start_time, status)
            VALUES (1, 'Executive', 'executive', 'Executive', '2026-10-01', '10:00', 'planned');
        INSERT INTO agenda_items (id, meeting_id, position, title, purpose, planned_minutes, kind)
            VALUES (1, 1, 1, 'Open escalations: by stage, agency and category', 'information',
                    10, NULL),
                   (2, 1, 2, 'Escalations', 'discussion', 10, NULL),
                   (3, 1, 3, '  the escalations log', 'information', 5, NULL),
                   (4, 1, 4, 'Escalation policy refresh', 'decision', 5, NULL),
                   (5, 1, 5, 'Reopen escalations procedure', 'decision', 5, NULL),
                   (6, 1, 6, 'Open escalations', 'information', 5, 'matters_arising'),
                   (7, 1, 7, 'Any other business', 'information', 5, NULL);
        INSERT INTO agenda_template (position, title, purpose, planned_minutes, at_end)
            VALUES (20, 'Open escalations', 'information', 10, 0);
        """
    )
    conn.commit()
    conn.close()

    store = Store.open(path, clock=lambda: FROZEN_NOW)
    try:
        assert store.unit.version == latest_version() >= 12
        kinds = {r["id"]: r["kind"] for r in store.unit.rows("SELECT id, kind FROM agenda_items")}
        assert kinds == {
            1: "escalations",
            2: "escalations",
            3: "escalations",
            4: None,
            5: None,
            6: "matters_arising",
            7: None,
        }
        assert store.agenda.items(1)[0].kind is ItemKind.ESCALATIONS
        template = store.unit.row(
            "SELECT kind FROM agenda_template WHERE title = 'Open escalations'"
        )
        assert template == {"kind": "escalations"}
        assert store.settings.escalation_policy() == DEFAULT_POLICY
        assert store.settings.get().escalation_policy == policy_text(DEFAULT_POLICY)
        columns = {c["name"] for c in store.unit.rows("PRAGMA table_info(circulations)")}
        assert "review_id" in columns
        assert store.escalations.count(EscalationQuery(state="")) == 0
        e = store.escalations.add(
            raised_on="2026-11-23",
            raised_by_agency_id=2,
            raised_with_agency_id=1,
            category="services",
        )
        assert (e.reference, e.stage_due) == ("ESC-2026-01", D(2026, 11, 30))
        stage = store.escalations.stages(eid(e))[0]
        assert isinstance(stage, EscalationStage) and stage.uid
    finally:
        store.close()
