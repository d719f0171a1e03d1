"""Meetings cancelled rather than lost, decisions changed or withdrawn with their
history kept, the people invited and never marked, and the settings that rule
quorum and RAG: the store's side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from tests.conftest import Clock
from tests.test_live_store import START, executive, partners


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "kept.db", clock=clock)
    yield store
    store.close()


# -- cancelling and deleting meetings ------------------------------------------------


def test_a_cancelled_meeting_is_kept_and_leaves_the_upcoming_list(s: Store) -> None:
    meeting = executive(s)
    mid = meeting.id or 0
    assert [m.id for m in s.dashboard.upcoming()] == [mid]
    cancelled = s.meetings.cancel(mid, "The chair is unwell; moved to January.")
    assert cancelled.status.value == "cancelled"
    assert cancelled.cancelled_at == START
    assert s.meetings.get(mid).cancelled_reason == "The chair is unwell; moved to January."
    assert s.dashboard.upcoming() == []
    assert s.dashboard.counts()["upcoming meetings"] == 0
    assert mid in [m.id for m in s.meetings.all()], "kept, marked cancelled"
    with pytest.raises(errors.InvalidValue):
        s.live.start(mid)
    with pytest.raises(errors.InvalidValue):
        s.meetings.cancel(mid)
    fields = [(e.field, e.new) for e in s.audit_trail("meetings", mid)]
    assert ("status", "cancelled") in fields

    again = s.meetings.reinstate(mid)
    assert (again.status.value, again.cancelled_at, again.cancelled_reason) == (
        "planned",
        None,
        None,
    )
    assert [m.id for m in s.dashboard.upcoming()] == [mid]


def test_only_a_planned_meeting_can_be_cancelled(s: Store) -> None:
    mid = executive(s).id or 0
    s.live.start(mid)
    with pytest.raises(errors.InvalidValue, match="only a planned meeting"):
        s.meetings.cancel(mid)
    s.live.end(mid)
    with pytest.raises(errors.InvalidValue):
        s.meetings.cancel(mid)


def test_a_meeting_with_no_record_can_be_deleted_with_its_agenda(s: Store) -> None:
    mid = executive(s).id or 0
    items = [i.id for i in s.agenda.items(mid)]
    assert items and s.meetings.record_of(mid) == []
    s.meetings.delete(mid)
    with pytest.raises(errors.NotFound):
        s.meetings.get(mid)
    assert s.unit.db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == 0
    # The audit trail keeps what was removed.
    assert [e.field for e in s.audit_trail("meetings", mid)][-1] == "*"


def test_a_meeting_that_holds_any_record_cannot_be_deleted(s: Store) -> None:
    ids = partners(s)
    for make_record in (
        lambda mid: s.attendance.mark(mid, ids["police"], "invited"),
        lambda mid: s.live.save_minutes(s.agenda.items(mid)[0].id or 0, "Welcome."),
        lambda mid: s.decisions.add(mid, None, "Agreed."),
        lambda mid: s.actions.add(description="Write to schools", meeting_id=mid),
    ):
        mid = executive(s).id or 0
        make_record(mid)
        with pytest.raises(errors.InUse, match="Cancel it instead"):
            s.meetings.delete(mid)
        assert s.meetings.get(mid).id == mid
    started = executive(s).id or 0
    s.live.start(started)
    with pytest.raises(errors.InUse, match="part of the record"):
        s.meetings.delete(started)


def test_meeting_record_names_what_it_holds(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    s.attendance.mark(mid, ids["police"], "present")
    s.attendance.mark(mid, ids["health"], "present")
    s.decisions.add(mid, None, "Agreed.")
    assert s.meetings.record_of(mid) == ["2 attendance records", "1 decision"]


# -- decisions ------------------------------------------------------------------------


def test_a_decision_is_changed_with_its_earlier_wording_kept(s: Store, clock: Clock) -> None:
    mid = executive(s).id or 0
    decision = s.decisions.add(mid, None, "Agreed the neglect strategy.")
    clock.now = START + dt.timedelta(minutes=5)
    changed = s.decisions.update(decision.id or 0, "Agreed the neglect strategy, as amended.")
    assert s.decisions.get(decision.id or 0).text == changed.text
    history = [(e.field, e.old, e.new) for e in s.decisions.history(decision.id or 0)]
    assert ("text", "Agreed the neglect strategy.", changed.text) in history
    with pytest.raises(errors.InvalidValue):
        s.decisions.update(decision.id or 0, "  ")


def test_a_withdrawn_decision_is_kept_with_its_reason(s: Store, clock: Clock) -> None:
    mid = executive(s).id or 0
    decision = s.decisions.add(mid, None, "Agreed twice by mistake.")
    with pytest.raises(errors.InvalidValue, match="say why"):
        s.decisions.withdraw(decision.id or 0, "   ")
    clock.now = START + dt.timedelta(hours=1)
    withdrawn = s.decisions.withdraw(decision.id or 0, "Recorded twice.")
    assert withdrawn.withdrawn and withdrawn.withdrawn_at == clock.now
    assert [d.id for d in s.decisions.of_meeting(mid)] == [decision.id], "never deleted"
    with pytest.raises(errors.InvalidValue):
        s.decisions.withdraw(decision.id or 0, "Again.")
    with pytest.raises(errors.InvalidValue):
        s.decisions.update(decision.id or 0, "New words.")


def test_minutes_mark_a_withdrawn_decision(s: Store) -> None:
    from store.exports.minutes import minutes_markdown

    mid = executive(s).id or 0
    kept = s.decisions.add(mid, None, "Agreed the plan.")
    gone = s.decisions.add(mid, None, "Agreed the plan again.")
    s.decisions.withdraw(gone.id or 0, "Recorded twice.")
    text = minutes_markdown(s, mid)
    assert f"- {kept.reference}: Agreed the plan.\n" in text
    assert (
        f"- {gone.reference}: Agreed the plan again. *(withdrawn on 3 December 2026: Recorded twice.)*"
        in text
    )


# -- attendance: invited, then marked -----------------------------------------------


def test_people_invited_and_never_marked_are_recorded_absent_at_the_end(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    for kind in ("local_authority", "health", "police"):
        s.attendance.mark(mid, ids[kind], "present")
    s.attendance.mark(mid, ids["education"], "invited")
    assert [r.person_id for r in s.attendance.unmarked(mid)] == [ids["education"]]
    assert s.attendance.quorum(mid).present == 3, "someone invited counts for nothing"
    s.live.start(mid)
    s.live.end(mid)
    assert s.attendance.unmarked(mid) == []
    statuses = {r.person_id: r.status.value for r in s.attendance.of(mid)}
    assert statuses[ids["education"]] == "absent"


def test_no_one_leaves_a_meeting_that_has_not_started(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    s.attendance.mark(mid, ids["police"], "present")
    with pytest.raises(errors.NotNow, match="has not started"):
        s.attendance.record_movement(mid, ids["police"], "left")
    assert s.attendance.movements(mid) == [] and s.attendance.quorum_events(mid) == []
    s.live.start(mid)
    s.attendance.record_movement(mid, ids["police"], "left")
    s.live.end(mid)
    with pytest.raises(errors.NotNow, match="closed"):
        s.attendance.record_movement(mid, ids["police"], "arrived")
    assert len(s.attendance.movements(mid)) == 1


# -- settings -------------------------------------------------------------------------


def test_the_default_quorum_goes_to_new_boards_and_sub_groups(s: Store) -> None:
    board = dict(kind="partnership_board", series="Board", date="2026-12-10")
    assert s.meetings.add(title="Board", **board).quorum_members is None
    s.settings.update(quorum_members=6)
    assert s.meetings.add(title="Board", **board).quorum_members == 6
    assert s.meetings.add(title="Board", quorum_members=4, **board).quorum_members == 4
    assert executive(s).quorum_members is None, "an executive is quorate by partners"
    with pytest.raises(errors.InvalidValue):
        s.settings.update(quorum_members=0)


def test_the_amber_window_is_a_setting(s: Store) -> None:
    from store.actions import ActionQuery

    s.actions.add(description="Due in ten days", due="2026-12-13")
    assert [r.rag for r in s.actions.page(ActionQuery())] == ["green"]
    assert s.actions.count(ActionQuery(rag="amber")) == 0
    s.settings.update(amber_days=14)
    assert s.settings.amber_days() == 14
    assert [r.rag for r in s.actions.page(ActionQuery())] == ["amber"]
    assert s.actions.count(ActionQuery(rag="amber")) == 1
    assert s.dashboard.overview().due_this_week == 1
    with pytest.raises(errors.InvalidValue):
        s.settings.update(amber_days=0)
    assert s.settings.amber_days() == 14


def test_minutes_of_a_cancelled_meeting_say_so(s: Store) -> None:
    from store.exports.minutes import minutes_markdown

    mid = executive(s).id or 0
    s.meetings.cancel(mid, "Chair unwell")
    assert "| Status | Cancelled on 3 December 2026: Chair unwell |" in minutes_markdown(s, mid)
