"""Actions: references, history, the log's filters and search, matters arising."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.actions import ActionQuery, rag_of
from store.domain import errors
from store.domain.search import fts_query

TODAY = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "a.db", clock=lambda: TODAY)
    yield store
    store.close()


def people(s: Store) -> tuple[int, int, int]:
    la = s.directory.add_agency(
        name="Kestrel Vale Council", short_name="KVC", kind="local_authority", statutory=True
    )
    pol = s.directory.add_agency(
        name="Kestrel Vale Constabulary", short_name="KVP", kind="police", statutory=True
    )
    a = s.directory.add_person(name="Joanne Okafor", initials="JO", agency_id=la.id)
    b = s.directory.add_person(name="Imran Qureshi", initials="IQ", agency_id=pol.id)
    return a.id or 0, b.id or 0, pol.id or 0


def test_references_are_unique_per_year_and_readable(s: Store) -> None:
    first = s.actions.add("Circulate the annual report")
    second = s.actions.add("Publish the strategy")
    meeting = s.meetings.add(title="Exec", kind="executive", series="exec", date="2027-01-14")
    third = s.actions.add("Next year's action", meeting_id=meeting.id)
    assert [first.reference, second.reference, third.reference] == [
        "A-2026-001",
        "A-2026-002",
        "A-2027-001",
    ]
    assert s.actions.by_reference("a-2026-002") == s.actions.get(second.id or 0)
    assert third.raised_on == dt.date(2027, 1, 14)


def test_owner_brings_their_agency_which_can_be_changed(s: Store) -> None:
    jo, iq, police = people(s)
    action = s.actions.add("Audit the referrals", owner_id=jo)
    assert action.agency_id == s.directory.person(jo).agency_id
    other = s.actions.add("Check the MASH log", owner_id=jo, agency_id=police)
    assert other.agency_id == police
    moved = s.actions.update(action.id or 0, owner_id=iq)
    assert moved.agency_id == police


def test_updates_and_history(s: Store) -> None:
    jo, iq, _ = people(s)
    meeting = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-11-27")
    action = s.actions.add("Chase Section 11 returns", owner_id=jo, due="2026-12-01")
    s.actions.update(action.id or 0, update="Two of three returned", meeting_id=meeting.id)
    s.actions.update(action.id or 0, due=dt.date(2026, 12, 15), owner_id=iq, meeting_id=meeting.id)
    done = s.actions.update(action.id or 0, status="done", meeting_id=meeting.id)
    assert done.closed_on == TODAY.date() and done.latest_update == "Two of three returned"
    kinds = [(u.kind.value, u.text) for u in s.actions.history(action.id or 0)]
    assert kinds == [
        ("created", "Raised"),
        ("update", "Two of three returned"),
        ("due", "Due date: 15 Dec 2026"),
        ("owner", "Owner: Imran Qureshi"),
        ("status", "Status: Done"),
    ]
    assert {a.reference for a, _ in s.actions.updates_at_meeting(meeting.id or 0)} == {
        action.reference
    }
    audit_fields = {e.field for e in s.audit_trail("actions", action.id)}
    assert {"status", "due", "owner_id"} <= audit_fields


def test_bad_values_are_field_errors(s: Store) -> None:
    with pytest.raises(errors.InvalidValue) as info:
        s.actions.add("  ", due="not a date")
    assert set(info.value.errors) == {"description", "due"}
    with pytest.raises(errors.InvalidValue):
        s.actions.add("x", owner_id=999)
    assert s.actions.count() == 0


def test_rag() -> None:
    from store.domain.models import Action

    def make(**kw: object) -> Action:
        return Action.model_validate({"description": "x", "raised_on": "2026-11-01"} | kw)

    today = TODAY.date()
    assert rag_of(make(due="2026-11-26"), today) == "red"
    assert rag_of(make(due="2026-11-27"), today) == "amber"
    assert rag_of(make(due="2026-12-04"), today) == "amber"
    assert rag_of(make(due="2026-12-05"), today) == "green"
    assert rag_of(make(), today) == "no_date", "no due date is not on track"
    assert rag_of(make(at_risk=True), today) == "amber"
    assert rag_of(make(due="2027-01-01", at_risk=True), today) == "amber"
    assert rag_of(make(due="2026-11-26", at_risk=True), today) == "red"
    assert rag_of(make(due="2027-01-01", blocked=True), today) == "red"
    assert rag_of(make(due="2026-01-01", status="done"), today) == "closed"


def test_log_filters_search_and_paging(s: Store) -> None:
    jo, iq, police = people(s)
    for n in range(30):
        s.actions.add(
            f"Action number {n} about {'neglect' if n % 3 == 0 else 'budgets'}",
            owner_id=jo if n % 2 else iq,
            due=(TODAY.date() + dt.timedelta(days=n - 10)).isoformat(),
        )
    s.actions.update(s.actions.by_reference("A-2026-030").id or 0, status="dropped")  # type: ignore[union-attr]
    assert s.actions.count() == 30
    assert s.actions.count(ActionQuery(rag="red")) == 10
    assert s.actions.count(ActionQuery(rag="amber")) == 8
    assert s.actions.count(ActionQuery(rag="closed")) == 1
    assert s.actions.count(ActionQuery(owner_id=jo)) == 15
    assert s.actions.count(ActionQuery(agency_id=police)) == 15
    assert s.actions.count(ActionQuery(text="negl")) == 10
    assert s.actions.count(ActionQuery(text="negl", owner_id=iq)) == 5
    page = s.actions.page(ActionQuery(), offset=0, limit=5)
    assert [r.action.reference for r in page] == [f"A-2026-00{n}" for n in range(1, 6)]
    assert page[0].rag == "red" and page[0].owner == "Imran Qureshi" and page[0].agency == "KVP"
    by_ref = s.actions.page(ActionQuery(sort="reference"), offset=25, limit=10)
    assert [r.action.reference for r in by_ref][-1] == "A-2026-030"


def test_search_text_is_never_fts_syntax() -> None:
    assert fts_query('"neglect" OR (') == '"neglect"* "OR"*'
    assert fts_query("  ") == ""


def test_matters_arising_are_open_actions_from_earlier_meetings_in_the_series(s: Store) -> None:
    jo, _, _ = people(s)
    july = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-07-16")
    sept = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-09-17")
    board = s.meetings.add(
        title="Board", kind="partnership_board", series="board", date="2026-09-01"
    )
    nov = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-11-19")
    open_july = s.actions.add("Open from July", owner_id=jo, meeting_id=july.id, due="2026-10-01")
    done_july = s.actions.add("Done in July", meeting_id=july.id)
    s.actions.update(done_july.id or 0, status="done")
    s.actions.add("From the board", meeting_id=board.id)
    open_sept = s.actions.add("Open from September", meeting_id=sept.id, due="2026-12-01")
    s.actions.add("Raised in November itself", meeting_id=nov.id)
    arising = s.actions.matters_arising(nov.id or 0)
    assert [a.id for a in arising] == [open_july.id, open_sept.id]
    # Closed at the November meeting: it stays in that meeting's matters arising,
    # after the open ones.
    s.actions.update(open_july.id or 0, status="done", meeting_id=nov.id)
    assert [a.id for a in s.actions.matters_arising(nov.id or 0)] == [open_sept.id, open_july.id]


def test_overview_for_the_dashboard(s: Store) -> None:
    jo, iq, _ = people(s)
    s.actions.add("Old", owner_id=jo, due="2026-09-01")
    s.actions.add("Late", owner_id=iq, due="2026-11-20")
    s.actions.add("Soon", owner_id=iq, due="2026-11-30")
    s.actions.add("Later", owner_id=iq, due="2027-02-01")
    view = s.dashboard.overview()
    assert view.overdue == 2 and view.oldest_overdue is not None
    assert view.oldest_overdue.description == "Old"
    oldest = s.actions.get(view.oldest_overdue.id)
    assert (view.oldest_overdue.reference, view.oldest_overdue.due) == (
        oldest.reference,
        oldest.due,
    )
    assert view.due_this_week == 1
    assert view.open_by_agency == [("KVP", 3), ("KVC", 1)]


def test_decisions_have_references_and_are_searchable(s: Store) -> None:
    meeting = s.meetings.add(title="Exec", kind="executive", series="exec", date="2026-11-27")
    item = s.agenda.items(meeting.id or 0)[2]
    s.decisions.add(meeting.id or 0, item.id, "Minutes agreed as an accurate record")
    s.decisions.add(meeting.id or 0, None, "Neglect strategy approved")
    log = s.decisions.page()
    assert [d.reference for d, _, _ in log] == ["D-2026-002", "D-2026-001"]
    assert [(d.text, m, i) for d, m, i in s.decisions.page("strateg")] == [
        ("Neglect strategy approved", "Exec", "")
    ]


def test_editing_a_closed_action_keeps_the_day_it_closed(tmp_path: Path) -> None:
    now = [TODAY]
    store = Store.open(tmp_path / "c.db", clock=lambda: now[0])
    try:
        action = store.actions.add("Publish the strategy", due="2026-12-01")
        store.actions.update(action.id or 0, status="done")
        now[0] = TODAY + dt.timedelta(days=30)
        # The edit form passes every field, the unchanged status included.
        edited = store.actions.update(action.id or 0, description="Publish it", status="done")
        assert edited.closed_on == TODAY.date()
        dropped = store.actions.update(action.id or 0, status="dropped")
        assert dropped.closed_on == TODAY.date()  # closed all along
        reopened = store.actions.update(action.id or 0, status="open")
        assert reopened.closed_on is None
        with pytest.raises(errors.InvalidValue, match="status"):
            store.actions.update(action.id or 0, status="finished")
    finally:
        store.close()
