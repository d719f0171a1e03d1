"""Meetings cancelled rather than lost, decisions changed or withdrawn with their
history kept, the people invited and never marked, and the settings that rule
quorum and RAG: the store's side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store, errors
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
    assert [m.id for m in s.upcoming_meetings()] == [mid]
    cancelled = s.cancel_meeting(mid, "The chair is unwell; moved to January.")
    assert cancelled.status.value == "cancelled"
    assert cancelled.cancelled_at == START
    assert s.meeting(mid).cancelled_reason == "The chair is unwell; moved to January."
    assert s.upcoming_meetings() == []
    assert s.counts()["upcoming meetings"] == 0
    assert mid in [m.id for m in s.meetings()], "kept, marked cancelled"
    with pytest.raises(errors.InvalidValue):
        s.start_meeting(mid)
    with pytest.raises(errors.InvalidValue):
        s.cancel_meeting(mid)
    fields = [(e.field, e.new) for e in s.audit_trail("meetings", mid)]
    assert ("status", "cancelled") in fields

    again = s.reinstate_meeting(mid)
    assert (again.status.value, again.cancelled_at, again.cancelled_reason) == (
        "planned",
        None,
        None,
    )
    assert [m.id for m in s.upcoming_meetings()] == [mid]


def test_only_a_planned_meeting_can_be_cancelled(s: Store) -> None:
    mid = executive(s).id or 0
    s.start_meeting(mid)
    with pytest.raises(errors.InvalidValue, match="only a planned meeting"):
        s.cancel_meeting(mid)
    s.end_meeting(mid)
    with pytest.raises(errors.InvalidValue):
        s.cancel_meeting(mid)


def test_a_meeting_with_no_record_can_be_deleted_with_its_agenda(s: Store) -> None:
    mid = executive(s).id or 0
    items = [i.id for i in s.agenda(mid)]
    assert items and s.meeting_record(mid) == []
    s.delete_meeting(mid)
    with pytest.raises(errors.NotFound):
        s.meeting(mid)
    assert s.db.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == 0
    # The audit trail keeps what was removed.
    assert [e.field for e in s.audit_trail("meetings", mid)][-1] == "*"


def test_a_meeting_that_holds_any_record_cannot_be_deleted(s: Store) -> None:
    ids = partners(s)
    for make_record in (
        lambda mid: s.set_attendance(mid, ids["police"], "invited"),
        lambda mid: s.save_minutes(s.agenda(mid)[0].id or 0, "Welcome."),
        lambda mid: s.add_decision(mid, None, "Agreed."),
        lambda mid: s.add_action(description="Write to schools", meeting_id=mid),
    ):
        mid = executive(s).id or 0
        make_record(mid)
        with pytest.raises(errors.InUse, match="Cancel it instead"):
            s.delete_meeting(mid)
        assert s.meeting(mid).id == mid
    started = executive(s).id or 0
    s.start_meeting(started)
    with pytest.raises(errors.InUse, match="part of the record"):
        s.delete_meeting(started)


def test_meeting_record_names_what_it_holds(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    s.set_attendance(mid, ids["police"], "present")
    s.set_attendance(mid, ids["health"], "present")
    s.add_decision(mid, None, "Agreed.")
    assert s.meeting_record(mid) == ["2 attendance records", "1 decision"]


# -- decisions ------------------------------------------------------------------------


def test_a_decision_is_changed_with_its_earlier_wording_kept(s: Store, clock: Clock) -> None:
    mid = executive(s).id or 0
    decision = s.add_decision(mid, None, "Agreed the neglect strategy.")
    clock.now = START + dt.timedelta(minutes=5)
    changed = s.update_decision(decision.id or 0, "Agreed the neglect strategy, as amended.")
    assert s.decision(decision.id or 0).text == changed.text
    history = [(e.field, e.old, e.new) for e in s.decision_history(decision.id or 0)]
    assert ("text", "Agreed the neglect strategy.", changed.text) in history
    with pytest.raises(errors.InvalidValue):
        s.update_decision(decision.id or 0, "  ")


def test_a_withdrawn_decision_is_kept_with_its_reason(s: Store, clock: Clock) -> None:
    mid = executive(s).id or 0
    decision = s.add_decision(mid, None, "Agreed twice by mistake.")
    with pytest.raises(errors.InvalidValue, match="say why"):
        s.withdraw_decision(decision.id or 0, "   ")
    clock.now = START + dt.timedelta(hours=1)
    withdrawn = s.withdraw_decision(decision.id or 0, "Recorded twice.")
    assert withdrawn.withdrawn and withdrawn.withdrawn_at == clock.now
    assert [d.id for d in s.decisions(mid)] == [decision.id], "never deleted"
    with pytest.raises(errors.InvalidValue):
        s.withdraw_decision(decision.id or 0, "Again.")
    with pytest.raises(errors.InvalidValue):
        s.update_decision(decision.id or 0, "New words.")


def test_minutes_mark_a_withdrawn_decision(s: Store) -> None:
    from store.export import minutes_markdown

    mid = executive(s).id or 0
    kept = s.add_decision(mid, None, "Agreed the plan.")
    gone = s.add_decision(mid, None, "Agreed the plan again.")
    s.withdraw_decision(gone.id or 0, "Recorded twice.")
    text = minutes_markdown(s, mid)
    assert f"- {kept.reference}: Agreed the plan.\n" in text
    assert (
        f"- {gone.reference}: Agreed the plan again. *(withdrawn on 03 Dec 2026: Recorded twice.)*"
        in text
    )


# -- attendance: invited, then marked -----------------------------------------------


def test_people_invited_and_never_marked_are_recorded_absent_at_the_end(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    for kind in ("local_authority", "health", "police"):
        s.set_attendance(mid, ids[kind], "present")
    s.set_attendance(mid, ids["education"], "invited")
    assert [r.person_id for r in s.unmarked(mid)] == [ids["education"]]
    assert s.quorum(mid).present == 3, "someone invited counts for nothing"
    s.start_meeting(mid)
    s.end_meeting(mid)
    assert s.unmarked(mid) == []
    statuses = {r.person_id: r.status.value for r in s.attendance(mid)}
    assert statuses[ids["education"]] == "absent"


def test_no_one_leaves_a_meeting_that_has_not_started(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    s.set_attendance(mid, ids["police"], "present")
    with pytest.raises(errors.NotNow, match="has not started"):
        s.record_movement(mid, ids["police"], "left")
    assert s.movements(mid) == [] and s.quorum_events(mid) == []
    s.start_meeting(mid)
    s.record_movement(mid, ids["police"], "left")
    s.end_meeting(mid)
    with pytest.raises(errors.NotNow, match="closed"):
        s.record_movement(mid, ids["police"], "arrived")
    assert len(s.movements(mid)) == 1


# -- settings -------------------------------------------------------------------------


def test_the_default_quorum_goes_to_new_boards_and_sub_groups(s: Store) -> None:
    board = dict(kind="partnership_board", series="Board", date="2026-12-10")
    assert s.add_meeting(title="Board", **board).quorum_members is None
    s.update_settings(quorum_members=6)
    assert s.add_meeting(title="Board", **board).quorum_members == 6
    assert s.add_meeting(title="Board", quorum_members=4, **board).quorum_members == 4
    assert executive(s).quorum_members is None, "an executive is quorate by partners"
    with pytest.raises(errors.InvalidValue):
        s.update_settings(quorum_members=0)


def test_the_amber_window_is_a_setting(s: Store) -> None:
    from store.actions import ActionQuery

    s.add_action(description="Due in ten days", due="2026-12-13")
    assert [r.rag for r in s.action_page(ActionQuery())] == ["green"]
    assert s.count_actions(ActionQuery(rag="amber")) == 0
    s.update_settings(amber_days=14)
    assert s.amber_days() == 14
    assert [r.rag for r in s.action_page(ActionQuery())] == ["amber"]
    assert s.count_actions(ActionQuery(rag="amber")) == 1
    assert s.action_overview().due_this_week == 1
    with pytest.raises(errors.InvalidValue):
        s.update_settings(amber_days=0)
    assert s.amber_days() == 14


def test_minutes_of_a_cancelled_meeting_say_so(s: Store) -> None:
    from store.export import minutes_markdown

    mid = executive(s).id or 0
    s.cancel_meeting(mid, "Chair unwell")
    assert "| Status | Cancelled on 03 Dec 2026: Chair unwell |" in minutes_markdown(s, mid)
