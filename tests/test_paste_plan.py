"""The plan a pasted agenda is previewed and added from: positions, starts, moved times."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from store import Store
from store.domain.agenda_paste import parse_agenda
from tests.conftest import copy_sample, frozen_clock

FIXTURE = Path(__file__).parent / "fixtures" / "learning_event_agenda.txt"


def store_with_meeting(tmp_path: Path) -> tuple[Store, int]:
    copy_sample(tmp_path / "s.db")
    s = Store.open(tmp_path / "s.db", clock=frozen_clock)
    mid = s.meetings.add(
        title="Executive", kind="executive", series="plan", date="2027-03-18", start_time="14:00"
    ).id
    return s, mid or 0


def test_the_plan_is_what_is_added(tmp_path: Path) -> None:
    s, mid = store_with_meeting(tmp_path)
    before = s.agenda.items(mid)
    assert before and all(it.standing for it in before)  # the standard running order
    plan = s.agenda.plan_paste(mid, parse_agenda(FIXTURE.read_text()))
    assert not plan.keep_times and plan.timetable == dt.time(12, 30)
    assert plan.start_time == dt.time(14, 0)
    s.agenda.add_pasted(mid, plan)
    after = s.agenda.items(mid)
    assert [(r.title, r.minutes, r.purpose) for r in plan.rows] == [
        (it.title, it.planned_minutes, it.purpose) for it in after
    ]
    assert s.meetings.get(mid).start_time == dt.time(14, 0)


def test_keeping_the_times_says_which_move_and_by_how_much(tmp_path: Path) -> None:
    s, mid = store_with_meeting(tmp_path)
    plan = s.agenda.plan_paste(mid, parse_agenda(FIXTURE.read_text()), keep_times=True)
    ahead = sum(row.minutes for row in plan.before)
    assert plan.before
    assert plan.start_time == dt.time(12, 30) and plan.moves_start
    assert {row.moved_by for row in plan.moved} == {ahead}
    assert len(plan.moved) == 11
    s.agenda.add_pasted(mid, plan)
    assert s.meetings.get(mid).start_time == dt.time(12, 30)


def test_on_an_empty_agenda_every_pasted_time_is_kept(tmp_path: Path) -> None:
    s, mid = store_with_meeting(tmp_path)
    mid = (
        s.meetings.add(
            title="Learning event",
            kind="learning_event",
            series="le",
            date="2027-03-18",
            start_time="10:00",
            standard_agenda=False,
        ).id
        or 0
    )
    plan = s.agenda.plan_paste(mid, parse_agenda(FIXTURE.read_text()))
    assert plan.keep_times and plan.moved == []
    assert [f"{r.start:%H:%M}" for r in plan.rows][:3] == ["12:30", "12:50", "12:55"]
    assert f"{plan.finish:%H:%M}" == "16:30"
