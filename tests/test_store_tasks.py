"""The task-shaped store methods the screens call: closing an action, its decoded
audit, whose agency an action is, the register's typed forms, typed dates and
who is in the room."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from store.domain.dates import PastDate, read_date, read_due
from store.domain.kinds import ActionStatus, ActionUpdateKind, AttendanceStatus
from store.domain.models import Attendance, Meeting
from store.domain.quorum import counts_for_quorum, puts_in_room, room_person

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "t.db", clock=lambda: NOW)
    yield store
    store.close()


def two_people(s: Store) -> tuple[int, int, int, int]:
    la = s.directory.add_agency(
        name="Kestrel Vale Council", short_name="KVC", kind="local_authority", statutory=True
    )
    pol = s.directory.add_agency(
        name="Kestrel Vale Constabulary", short_name="KVP", kind="police", statutory=True
    )
    jo = s.directory.add_person(name="Joanne Okafor", initials="JO", agency_id=la.id)
    iq = s.directory.add_person(name="Imran Qureshi", initials="IQ", agency_id=pol.id)
    return jo.id or 0, iq.id or 0, la.id or 0, pol.id or 0


def test_close_on_a_day_with_a_note_at_a_meeting(s: Store) -> None:
    meeting = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-11-20")
    action = s.actions.add("Chase the returns", meeting_id=meeting.id)
    closed = s.actions.close(
        action.id or 0, on=dt.date(2026, 11, 25), note="All in", meeting_id=meeting.id
    )
    assert (closed.status, closed.closed_on, closed.latest_update) == (
        ActionStatus.DONE,
        dt.date(2026, 11, 25),
        "All in",
    )
    kinds = [(u.kind, u.meeting_id) for u in s.actions.history(action.id or 0)]
    assert kinds[-2:] == [
        (ActionUpdateKind.UPDATE, meeting.id),
        (ActionUpdateKind.STATUS, meeting.id),
    ]
    # Closed again, it keeps the day it closed.
    assert s.actions.close(action.id or 0).closed_on == dt.date(2026, 11, 25)


def test_close_defaults_to_today_and_refuses_a_day_before_it_was_raised(s: Store) -> None:
    action = s.actions.add("Publish the strategy")
    with pytest.raises(errors.InvalidValue) as info:
        s.actions.close(action.id or 0, on=TODAY - dt.timedelta(days=1))
    assert set(info.value.errors) == {"closed_on"}
    assert s.actions.get(action.id or 0).status is ActionStatus.OPEN
    assert s.actions.close(action.id or 0).closed_on == TODAY


def test_an_agency_left_blank_is_the_owners(s: Store) -> None:
    jo, iq, la, pol = two_people(s)
    assert s.actions.agency_for(jo) == la
    assert s.actions.agency_for(jo, pol) == pol
    assert s.actions.agency_for(None) is None
    with pytest.raises(errors.InvalidValue):
        s.actions.agency_for(999)
    action = s.actions.add("Audit the referrals", owner_id=jo, agency_id=pol)
    assert s.actions.agency_apart_from_owner(action) == pol
    # Given as None with an owner: the owner's.
    moved = s.actions.update(action.id or 0, owner_id=iq, agency_id=None)
    assert moved.agency_id == pol and s.actions.agency_apart_from_owner(moved) is None
    back = s.actions.update(action.id or 0, agency_id=None)
    assert back.agency_id == pol
    nobody = s.actions.update(action.id or 0, owner_id=None, agency_id=None)
    assert nobody.agency_id is None


def test_changes_are_decoded(s: Store) -> None:
    jo, iq, _la, _pol = two_people(s)
    meeting = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-11-20")
    action = s.actions.add("Chase", owner_id=jo, due="2026-12-01", meeting_id=meeting.id)
    s.actions.update(action.id or 0, owner_id=iq, blocked=True, due="2026-12-08")
    s.actions.close(action.id or 0)
    changes = [(c.field, c.old, c.new) for c in s.actions.changes(action.id or 0)]
    assert ("owner_id", "Joanne Okafor", "Imran Qureshi") in changes
    assert ("agency_id", "KVC", "KVP") in changes
    assert ("blocked", False, True) in changes
    assert ("due", dt.date(2026, 12, 1), dt.date(2026, 12, 8)) in changes
    assert ("status", ActionStatus.OPEN, ActionStatus.DONE) in changes
    (raised_at,) = [c.new for c in s.actions.changes(action.id or 0) if c.field == "meeting_id"]
    assert isinstance(raised_at, Meeting) and raised_at.id == meeting.id


def test_register_reads_forms_as_typed_or_as_a_list(s: Store) -> None:
    typed = s.register.add(real_name="Kayden Ashby", other_names=" Kayden ; Ashby;; ")
    assert typed.forms == ("Kayden Ashby", "Kayden", "Ashby")
    listed = s.register.add(real_name="Mia Hart", other_names=["Mia", " Hart "])
    assert listed.other_names == "Mia\nHart"
    # A blank pseudonym keeps the one the entry has.
    kept = s.register.update(typed.id or 0, pseudonym=" ", other_names="Kay")
    assert kept.pseudonym == typed.pseudonym
    assert "Ashby" in kept.former


def test_typed_dates() -> None:
    assert read_due("", today=TODAY) is None
    assert read_due("+2w", today=TODAY) == TODAY + dt.timedelta(days=14)
    with pytest.raises(PastDate):
        read_due("1 Jan 2026", today=TODAY)
    assert read_due("1 Jan 2026", today=TODAY, past_ok=True) == dt.date(2026, 1, 1)
    with pytest.raises(errors.InvalidValue) as info:
        read_due("31/02/2027", today=TODAY)
    assert info.value.errors == {"due": "there is no 31 February"}
    assert read_date("", today=TODAY) is None
    with pytest.raises(errors.InvalidValue) as bad:
        read_date("soon", today=TODAY, field="date")
    assert set(bad.value.errors) == {"date"}


def test_who_is_in_the_room() -> None:
    def record(status: AttendanceStatus, deputy: int | None = None) -> Attendance:
        return Attendance(meeting_id=1, person_id=7, status=status, deputy_id=deputy)

    deputised = record(AttendanceStatus.APOLOGIES, 9)
    assert (room_person(deputised), puts_in_room(deputised), counts_for_quorum(deputised)) == (
        9,
        True,
        True,
    )
    apologies = record(AttendanceStatus.APOLOGIES)
    assert (room_person(apologies), puts_in_room(apologies)) == (7, False)
    visitor = record(AttendanceStatus.IN_ATTENDANCE)
    assert puts_in_room(visitor) and not counts_for_quorum(visitor)


def test_a_status_change_keeps_a_note_but_not_the_items_someone_came_for(
    sample_store: Store,
) -> None:
    meeting = next(m for m in sample_store.meetings.all() if m.status.value == "planned")
    mid = meeting.id or 0
    first, second = sample_store.directory.people()[:2]
    sample_store.attendance.mark(mid, first.id or 0, "apologies", note="on leave")
    sample_store.attendance.mark(mid, second.id or 0, "in_attendance", note="items 4 and 5")
    sample_store.attendance.change_status(mid, first.id or 0, "present")
    sample_store.attendance.change_status(mid, second.id or 0, "present")
    notes = {a.person_id: a.note for a in sample_store.attendance.of(mid)}
    assert notes[first.id] == "on leave"
    assert notes[second.id] is None
