"""Matters arising: what a meeting reviews from before it. Its own series' actions,
those of the bodies that report to it (``settings.reports_to``: by default rapid
reviews, sub-groups and actions raised outside a meeting go to the executive),
the ones closed since the series last met (reported closed, once), and every
action changed at the meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain.models import Action, Meeting

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def on(self, day: str) -> None:
        self.now = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), tzinfo=dt.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "ma.db", clock=clock)
    yield store
    store.close()


def meeting(s: Store, kind: str, series: str, day: str, start: str = "10:00") -> Meeting:
    return s.meetings.add(
        title=series.title(), kind=kind, series=series, date=day, start_time=start
    )


def refs(actions: list[Action]) -> list[str]:
    return [a.description for a in actions]


def arising(s: Store, m: Meeting) -> list[str]:
    return refs(s.actions.matters_arising(m.id or 0))


def test_the_bodies_that_report_to_the_executive_reach_its_matters_arising(s: Store) -> None:
    exec_sept = meeting(s, "executive", "executive", "2026-09-17")
    review = meeting(s, "rapid_review", "rapid-review", "2026-10-21")
    qa = meeting(s, "sub_group", "qa-subgroup", "2026-10-08")
    board = meeting(s, "partnership_board", "board", "2026-10-01")
    cdop = meeting(s, "child_death_review", "cdop", "2026-11-05")
    exec_nov = meeting(s, "executive", "executive", "2026-11-19")
    qa_dec = meeting(s, "sub_group", "qa-subgroup", "2026-12-03")
    board_dec = meeting(s, "partnership_board", "board", "2026-12-10")
    s.actions.add("From the September executive", meeting_id=exec_sept.id, due="2026-10-30")
    s.actions.add("Rapid review's immediate action", meeting_id=review.id, due="2026-10-28")
    s.actions.add("From the QA sub-group", meeting_id=qa.id, due="2026-12-31")
    s.actions.add("From the board", meeting_id=board.id, due="2026-11-01")
    s.actions.add("From CDOP", meeting_id=cdop.id, due="2026-11-02")
    s.actions.add(
        "A later rapid review's", meeting_id=meeting(s, "rapid_review", "rr", "2026-11-20").id
    )

    assert arising(s, exec_nov) == [
        "Rapid review's immediate action",
        "From the September executive",
        "From the QA sub-group",
    ]
    # A sub-group still reviews its own; the board, which nothing reports to, its own.
    assert arising(s, qa_dec) == ["From the QA sub-group"]
    assert arising(s, board_dec) == ["From the board"]

    # Which bodies report to which is a setting: the sub-group now reports to the
    # board, and nothing else to anyone.
    s.settings.update(reports_to={"sub_group": "partnership_board"})
    assert arising(s, exec_nov) == ["From the September executive"]
    assert arising(s, board_dec) == ["From the board", "From the QA sub-group"]


def test_actions_raised_outside_a_meeting_go_where_the_setting_says(s: Store, clock: Clock) -> None:
    exec_nov = meeting(s, "executive", "executive", "2026-11-19")
    exec_jan = meeting(s, "executive", "executive", "2027-01-14")
    qa_dec = meeting(s, "sub_group", "qa-subgroup", "2026-12-03")
    clock.on("2026-11-02")
    s.actions.add("Raised between meetings in November", due="2026-12-20")
    clock.on("2026-12-01")
    s.actions.add("Raised between meetings in December")
    clock.on("2026-11-19")
    s.actions.add("Raised on the day of the meeting", due="2026-12-19")

    assert arising(s, exec_nov) == [
        "Raised on the day of the meeting",
        "Raised between meetings in November",
    ]
    assert arising(s, exec_jan) == [
        "Raised on the day of the meeting",
        "Raised between meetings in November",
        "Raised between meetings in December",  # undated last
    ]
    assert arising(s, qa_dec) == []
    s.settings.update(reports_to={"outside": "sub_group"})
    assert arising(s, exec_jan) == []
    assert arising(s, qa_dec) == [
        "Raised on the day of the meeting",
        "Raised between meetings in November",
        "Raised between meetings in December",
    ]


def test_actions_closed_between_meetings_are_reported_closed_once(s: Store) -> None:
    july = meeting(s, "executive", "executive", "2026-07-16")
    sept = meeting(s, "executive", "executive", "2026-09-17")
    nov = meeting(s, "executive", "executive", "2026-11-19")
    jan = meeting(s, "executive", "executive", "2027-01-14")
    cancelled = meeting(s, "executive", "executive", "2026-10-15")
    s.meetings.cancel(cancelled.id or 0, "Chair unwell")
    qa = meeting(s, "sub_group", "qa-subgroup", "2026-10-08")

    def closed(description: str, raised_at: Meeting, on: str) -> Action:
        action = s.actions.add(description, meeting_id=raised_at.id, due="2026-10-01")
        return s.actions.close(action.id or 0, on=dt.date.fromisoformat(on))

    closed("Closed before September", july, "2026-09-01")
    closed("Closed on the day of the September meeting", july, "2026-09-17")
    closed("Closed in October", july, "2026-10-10")
    closed("Closed in October, after the cancelled meeting", sept, "2026-10-20")
    closed("The sub-group's, closed in October", qa, "2026-10-12")
    closed("Closed on the day of the November meeting", sept, "2026-11-19")
    closed("Closed after November", sept, "2026-11-25")
    s.actions.add("Still open, undated", meeting_id=july.id)
    s.actions.add("Still open", meeting_id=sept.id, due="2026-12-01")
    dropped = s.actions.add("Dropped after November", meeting_id=sept.id)
    s.actions.update(dropped.id or 0, status="dropped")  # closed today, 27 Nov

    found = s.actions.matters_arising(nov.id or 0)
    assert refs(found) == [
        "Still open",
        "Still open, undated",
        "Closed in October",
        "Closed in October, after the cancelled meeting",
        "The sub-group's, closed in October",
        "Closed on the day of the November meeting",
    ]
    assert [a.status.value for a in found][2:] == ["done"] * 4
    # January's: only what closed after November, so each closure is reported once.
    assert refs(s.actions.matters_arising(jan.id or 0)) == [
        "Still open",
        "Still open, undated",
        "Closed after November",
        "Dropped after November",
    ]
    assert arising(s, sept) == [
        "Still open, undated",
        "Closed before September",
        "Closed on the day of the September meeting",
    ]


def test_a_series_first_meeting_reports_what_closed_in_the_ninety_days_before_it(
    s: Store,
) -> None:
    review = meeting(s, "rapid_review", "rapid-review", "2026-06-01")
    first = meeting(s, "executive", "executive", "2026-11-19")
    for description, on in (
        ("Closed 120 days before", "2026-07-22"),
        ("Closed 30 days before", "2026-10-20"),
    ):
        action = s.actions.add(description, meeting_id=review.id)
        s.actions.close(action.id or 0, on=dt.date.fromisoformat(on))
    assert arising(s, first) == ["Closed 30 days before"]


def test_an_update_at_the_meeting_on_another_series_action_is_kept(s: Store) -> None:
    qa = meeting(s, "sub_group", "qa-subgroup", "2026-10-08")
    board = meeting(s, "partnership_board", "board", "2026-10-01")
    exec_nov = meeting(s, "executive", "executive", "2026-11-19")
    theirs = s.actions.add("The sub-group's audit", meeting_id=qa.id, due="2026-12-01")
    boards = s.actions.add("The board's", meeting_id=board.id)
    here = s.actions.add("Raised at the executive", meeting_id=exec_nov.id)
    mid = exec_nov.id or 0
    s.actions.update(theirs.id or 0, update="Audit sent to the executive", meeting_id=mid)
    s.actions.close(boards.id or 0, note="Done, the chair reported", meeting_id=mid)
    s.actions.update(here.id or 0, update="Started", meeting_id=mid)

    updates = s.actions.updates_at_meeting(mid)
    assert [(a.description, u.kind.value, u.text) for a, u in updates] == [
        ("The sub-group's audit", "update", "Audit sent to the executive"),
        ("The board's", "update", "Done, the chair reported"),
        ("The board's", "status", "Status: Done"),
    ]
    # Each action changed here is among its matters arising, whichever body it
    # came from, so the minutes show every update made at the meeting.
    assert arising(s, exec_nov) == ["The sub-group's audit", "The board's"]
    assert "The board's" not in arising(s, meeting(s, "executive", "executive", "2027-01-14"))
