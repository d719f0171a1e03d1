"""The store's side of agendas and the live meeting: order, templates, clocks, quorum."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from store.domain.agenda_times import project
from store.domain.models import Meeting
from tests.conftest import Clock

START = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "live.db", clock=clock)
    yield store
    store.close()


def partners(s: Store) -> dict[str, int]:
    ids = {}
    for kind, short, name in [
        ("local_authority", "KVC", "Ann Lee"),
        ("health", "ICB", "Bo Chan"),
        ("police", "KVP", "Cy Dale"),
    ]:
        agency = s.directory.add_agency(name=short, short_name=short, kind=kind, statutory=True)
        ids[kind] = (
            s.directory.add_person(
                name=name, initials="".join(w[0] for w in name.split()), agency_id=agency.id
            ).id
            or 0
        )
    school = s.directory.add_agency(name="Millbrook Primary", short_name="MP", kind="education")
    ids["education"] = (
        s.directory.add_person(name="Di Eve", initials="DE", agency_id=school.id).id or 0
    )
    return ids


def executive(s: Store, **extra: object) -> Meeting:
    return s.meetings.add(
        title="Executive", kind="executive", series="exec", date="2026-12-03", **extra
    )


def test_formal_meeting_starts_with_the_standard_running_order(s: Store) -> None:
    meeting = executive(s)
    titles = [i.title for i in s.agenda.items(meeting.id or 0)]
    assert titles[:4] == [
        "Welcome, introductions and apologies",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Matters arising and the action log",
    ]
    assert titles[-2:] == ["Any other business", "Date of next meeting"]
    event = s.meetings.add(title="Learning", kind="learning_event", series="le", date="2027-01-21")
    assert s.agenda.items(event.id or 0) == []


def test_items_insert_move_and_remove_keep_positions_dense(s: Store) -> None:
    meeting = executive(s)
    mid = meeting.id or 0
    budget = s.agenda.add(mid, title="Budget", position=5, planned_minutes=20)
    report = s.agenda.add(mid, title="Annual report", position=5, planned_minutes=15)
    assert [i.title for i in s.agenda.items(mid)][4:6] == ["Annual report", "Budget"]
    s.agenda.move(budget.id or 0, -1)
    assert [i.title for i in s.agenda.items(mid)][4:6] == ["Budget", "Annual report"]
    s.agenda.move(budget.id or 0, -100)
    assert s.agenda.items(mid)[0].title == "Budget"
    s.agenda.remove(report.id or 0)
    assert [i.position for i in s.agenda.items(mid)] == list(range(1, 8))


def test_chair_can_change_the_standard_running_order(s: Store) -> None:
    meeting = executive(s)
    mid = meeting.id or 0
    first = s.agenda.items(mid)[0]
    s.agenda.update(first.id or 0, title="Welcome and apologies")
    s.agenda.add(mid, title="Risk register", position=5, standing=True)
    template = s.agenda.set_standard_items(mid)
    assert template[0].title == "Welcome and apologies"
    fresh = executive(s)
    assert [i.title for i in s.agenda.items(fresh.id or 0)][:5] == [
        "Welcome and apologies",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Matters arising and the action log",
        "Risk register",
    ]


def test_next_meeting_in_the_series_copies_standing_items(s: Store) -> None:
    ids = partners(s)
    meeting = executive(s, chair_id=ids["local_authority"], location="Kingfisher Room")
    s.agenda.add(meeting.id or 0, title="One-off item", position=5)
    nxt = s.meetings.plan_next(meeting.id or 0, "2027-02-04")
    assert (nxt.series, nxt.chair_id, nxt.location) == (
        "exec",
        ids["local_authority"],
        "Kingfisher Room",
    )
    titles = [i.title for i in s.agenda.items(nxt.id or 0)]
    assert "One-off item" not in titles and len(titles) == 6
    assert s.meetings.next_in_series(meeting.id or 0) == nxt


def test_quorum_by_meeting_kind(s: Store) -> None:
    ids = partners(s)
    meeting = executive(s)
    mid = meeting.id or 0
    assert s.attendance.quorum(mid).missing == (
        "no one from the local authority",
        "no one from the ICB",
        "no one from the police",
    )
    s.attendance.mark(mid, ids["local_authority"], "present")
    s.attendance.mark(mid, ids["health"], "present")
    s.attendance.mark(mid, ids["education"], "present")
    s.attendance.mark(mid, ids["police"], "in_attendance")
    assert s.attendance.quorum(mid).summary == "Not quorate: no one from the police."
    cdr = s.meetings.add(title="CDOP", kind="child_death_review", series="cdop", date="2026-12-03")
    s.attendance.mark(cdr.id or 0, ids["local_authority"], "present")
    s.attendance.mark(cdr.id or 0, ids["health"], "present")
    assert s.attendance.quorum(cdr.id or 0).quorate
    board = s.meetings.add(
        title="Board", kind="partnership_board", series="b", date="2026-12-03", quorum_members=3
    )
    s.attendance.mark(board.id or 0, ids["local_authority"], "present")
    s.attendance.mark(board.id or 0, ids["education"], "present")
    assert s.attendance.quorum(board.id or 0).missing == ("1 more member needed",)


def test_a_deputy_represents_the_partner(s: Store) -> None:
    ids = partners(s)
    police = next(a for a in s.directory.agencies() if a.kind.value == "police")
    deputy = s.directory.add_person(name="Eve Fox", initials="EF", agency_id=police.id)
    mid = executive(s).id or 0
    s.attendance.mark(mid, ids["local_authority"], "present")
    s.attendance.mark(mid, ids["health"], "present")
    s.attendance.mark(mid, ids["police"], "apologies", deputy_id=deputy.id)
    assert s.attendance.quorum(mid).quorate


def test_departure_that_loses_quorum_is_recorded_with_its_time(s: Store, clock: Clock) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    for kind in ("local_authority", "health", "police"):
        s.attendance.mark(mid, ids[kind], "present")
    s.live.start(mid)
    clock.advance(30)
    after = s.attendance.record_movement(mid, ids["police"], "left")
    assert not after.quorate
    clock.advance(10)
    assert s.attendance.record_movement(mid, ids["police"], "arrived").quorate
    events = [(e.at, e.quorate, e.missing) for e in s.attendance.quorum_events(mid)]
    assert events == [
        (START, True, ""),
        (START + dt.timedelta(minutes=30), False, "no one from the police"),
        (START + dt.timedelta(minutes=40), True, ""),
    ]


def test_item_clocks_overrun_and_projected_finish(s: Store, clock: Clock) -> None:
    mid = executive(s).id or 0  # 5+5+5+15+10+5 = 45 planned minutes
    s.live.start(mid)
    clock.advance(8)  # item 1 planned 5: 3 minutes over
    p = s.live.projection(mid)
    assert p.item is not None and p.item.position == 1
    assert p.overrun == dt.timedelta(minutes=3)
    assert p.finish == START + dt.timedelta(minutes=48)
    assert p.late_by == dt.timedelta(minutes=3)
    s.live.step(mid, 1)
    clock.advance(2)
    s.live.step(mid, -1)  # back to item 1: its clock carries on from 8 minutes
    clock.advance(1)
    assert s.live.projection(mid).elapsed == dt.timedelta(minutes=9)
    # The live screen's clock works from what it read at the item change.
    meeting, items = s.meetings.get(mid), s.agenda.items(mid)
    assert project(meeting, items, clock()) == s.live.projection(mid)
    later = project(meeting, items, clock() + dt.timedelta(minutes=7))
    assert later.elapsed == dt.timedelta(minutes=16)
    s.live.go_to(mid, s.agenda.items(mid)[-1].id or 0)
    clock.advance(5)
    ended = s.live.end(mid)
    assert ended.status.value == "closed" and ended.ended_at == START + dt.timedelta(minutes=16)
    items = s.agenda.items(mid)
    assert items[0].started_at == START and items[0].elapsed_seconds == 9 * 60
    assert items[1].elapsed_seconds == 120 and items[2].started_at is None
    assert items[-1].ended_at == START + dt.timedelta(minutes=16)


def test_cannot_start_a_closed_or_empty_meeting(s: Store) -> None:
    empty = s.meetings.add(title="L", kind="learning_event", series="le", date="2026-12-03")
    with pytest.raises(errors.InvalidValue, match="agenda"):
        s.live.start(empty.id or 0)
    mid = executive(s).id or 0
    s.live.start(mid)
    s.live.end(mid)
    with pytest.raises(errors.InvalidValue, match="closed"):
        s.live.start(mid)


def test_minutes_corrections_after_closing_are_audited(s: Store) -> None:
    mid = executive(s).id or 0
    s.live.start(mid)
    item = s.agenda.items(mid)[0].id or 0
    for text in ("W", "We", "Welcome all"):
        s.live.save_minutes(item, text)
    assert not [e for e in s.audit_trail("agenda_items", item) if e.field == "minutes"]
    s.live.end(mid)
    s.live.save_minutes(item, "Welcome all; apologies noted")
    changes = [(e.old, e.new) for e in s.audit_trail("agenda_items", item) if e.field == "minutes"]
    assert changes == [("Welcome all", "Welcome all; apologies noted")]


def test_decisions_and_declarations(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    item = s.agenda.items(mid)[2].id
    s.decisions.add(mid, item, "Minutes agreed as an accurate record")
    s.attendance.declare(
        mid, ids["education"], item, "Governor of a school named in the item", left_room=True
    )
    assert [d.text for d in s.decisions.of_meeting(mid)] == ["Minutes agreed as an accurate record"]
    (decl,) = s.attendance.declarations(mid)
    assert decl.left_room and decl.item_id == item
    with pytest.raises(errors.InvalidValue):
        s.decisions.add(mid, item, "   ")


def test_pasted_agenda_matches_presenters_and_takes_the_start(s: Store) -> None:
    ids = partners(s)
    mid = s.meetings.add(title="L", kind="learning_event", series="le", date="2027-01-21").id or 0
    result = s.agenda.import_pasted(
        mid,
        [
            ("Introduction", 5, None, "Ann Lee"),
            ("Legal framework", 10, None, "Dr Nobody"),
            ("Break", None, None, None),
        ],
        start_time=dt.time(12, 30),
    )
    items = s.agenda.items(mid)
    assert [(i.title, i.planned_minutes, i.presenter_id) for i in items] == [
        ("Introduction", 5, ids["local_authority"]),
        ("Legal framework", 10, None),
        ("Break", 10, None),
    ]
    assert result.unmatched_presenters == ["Dr Nobody"]
    assert s.meetings.get(mid).start_time == dt.time(12, 30)


def test_a_deputy_who_leaves_and_returns_is_not_listed_twice(s: Store) -> None:
    ids = partners(s)
    police = next(a for a in s.directory.agencies() if a.kind.value == "police")
    deputy = s.directory.add_person(name="Eve Fox", initials="EF", agency_id=police.id).id or 0
    mid = executive(s).id or 0
    s.attendance.mark(mid, ids["local_authority"], "present")
    s.attendance.mark(mid, ids["health"], "present")
    s.attendance.mark(mid, ids["police"], "apologies", deputy_id=deputy)
    s.live.start(mid)
    assert not s.attendance.record_movement(mid, deputy, "left").quorate
    assert s.attendance.record_movement(mid, deputy, "arrived").quorate
    assert deputy not in {r.person_id for r in s.attendance.of(mid)}
    late = s.directory.add_person(name="Gus Hale", initials="GH").id or 0
    s.attendance.record_movement(mid, late, "arrived")
    assert {r.person_id: r.status.value for r in s.attendance.of(mid)}[late] == "present"


def test_removing_someone_from_the_list(s: Store) -> None:
    ids = partners(s)
    mid = executive(s).id or 0
    s.attendance.mark(mid, ids["education"], "absent")
    s.attendance.mark(mid, ids["police"], "present")
    s.live.start(mid)
    s.attendance.record_movement(mid, ids["police"], "left")
    s.attendance.remove(mid, ids["education"])
    with pytest.raises(errors.InUse):
        s.attendance.remove(mid, ids["police"])
    with pytest.raises(errors.NotFound):
        s.attendance.remove(mid, ids["education"])
    assert [r.person_id for r in s.attendance.of(mid)] == [ids["police"]]


def test_a_pasted_agenda_goes_before_the_closing_standing_items(s: Store) -> None:
    mid = executive(s).id or 0
    s.agenda.import_pasted(mid, [("Budget", 20, None, None), ("Annual report", 15, None, None)])
    titles = [i.title for i in s.agenda.items(mid)]
    assert titles[3:] == [
        "Matters arising and the action log",
        "Budget",
        "Annual report",
        "Any other business",
        "Date of next meeting",
    ]
    s.agenda.import_pasted(mid, [("Risk register", 10, None, None)])
    assert [i.title for i in s.agenda.items(mid)][6] == "Risk register"
