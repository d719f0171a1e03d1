"""The meetings list pages from SQL: upcoming first (soonest first), then past
(latest first), the same order as ``meetings.all``, with only a few pages held,
so ten years of meetings open as fast as one year's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from screens.meetings.meeting import MeetingScreen
from screens.meetings.meetings import MeetingsScreen
from store import Store
from tests.appkit import press, sample_app, settle
from tests.conftest import FROZEN_NOW, copy_sample, frozen_clock

TODAY = FROZEN_NOW.date()
EXTRA = 640  # past meetings added: more than the table holds (5 pages of 100)


def add_history(path: Path, count: int = EXTRA) -> None:
    """Past meetings, several on one day and some at the same time (ties the
    order must break by id), and a few upcoming ones on one day."""
    store = Store.open(path, clock=frozen_clock)
    for n in range(count):
        day = TODAY - dt.timedelta(days=3 + n // 3)
        store.meetings.add(
            title=f"Locality forum {n}",
            kind="sub_group",
            series="locality",
            date=day.isoformat(),
            start_time="09:30" if n % 3 else "14:00",
            standard_agenda=False,
        )
    for n in range(3):
        store.meetings.add(
            title=f"Strategy meeting {n}",
            kind="sub_group",
            series="strategy",
            date=(TODAY + dt.timedelta(days=40)).isoformat(),
            start_time="10:00",
            standard_agenda=False,
        )
    store.close()


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = copy_sample(tmp_path / "app.db")  # the file sample_app opens
    add_history(path)
    return path


def test_the_pages_are_the_whole_list_in_order(history: Path) -> None:
    store = Store.open(history, readonly=True, clock=frozen_clock)
    try:
        expected = [m.id for m in store.meetings.all(TODAY)]
        upcoming, past = store.meetings.listed_count(TODAY)
        assert upcoming + past == len(expected)
        assert upcoming == sum(1 for m in store.meetings.all(TODAY) if m.date >= TODAY)
        paged: list[int] = []
        for offset in range(0, len(expected), 7):  # pages that straddle the upcoming/past edge
            paged += [m.id for m in store.meetings.listed(TODAY, offset, 7, upcoming)]
        assert paged == expected
        assert [m.id for m in store.meetings.listed(TODAY, 0, 500)] == expected[:500]
        for index in (0, upcoming - 1, upcoming, upcoming + 1, len(expected) - 1, 200, 201):
            assert store.meetings.listed_position(TODAY, expected[index]) == index
        assert store.meetings.listed_position(TODAY, 10_000_000) is None
    finally:
        store.close()


def test_each_side_reads_the_date_index_in_order(history: Path) -> None:
    """No temporary sort: a page costs the same on ten years as on one."""
    store = Store.open(history, readonly=True, clock=frozen_clock)
    try:
        plans: list[str] = []
        for comparison, order in (
            (">=", "date, start_time, id"),
            ("<", "date DESC, start_time DESC, id DESC"),
        ):
            rows = store.unit.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id, title FROM meetings "
                f"WHERE date {comparison} ? ORDER BY {order} LIMIT 100 OFFSET 300",
                [TODAY.isoformat()],
            ).fetchall()
            plans += [str(r[-1]) for r in rows]
        assert plans and all("meetings_date" in p for p in plans), plans
        assert not any("TEMP B-TREE" in p for p in plans), plans
    finally:
        store.close()


async def test_the_list_holds_a_few_pages_and_reaches_the_oldest_meeting(
    history: Path, tmp_path: Path
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        table = screen.table
        everything = app.store.meetings.all(TODAY)
        assert table.row_count == len(everything)
        assert screen.selected_id() == everything[0].id
        await press(pilot, "end")
        await settle(pilot)
        assert table.cursor_value is not None and table.cursor_value.id == everything[-1].id
        assert table.cached_row_count <= table.max_pages * table.page_size < len(everything)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting_id == everything[-1].id


async def test_a_new_meeting_is_selected_in_the_list(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "m")
        await settle(pilot)
        before = app.store.meetings.listed_count(TODAY)
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        added = app.store.meetings.add(
            title="Extraordinary executive",
            kind="executive",
            series="exec",
            date=(TODAY + dt.timedelta(days=2)).isoformat(),
        )
        screen.saved(added.id)  # what the form's callback does once it is saved
        await settle(pilot)
        assert screen.selected_id() == added.id
        assert app.store.meetings.listed_count(TODAY)[0] == before[0] + 1
        heading = str(screen.query_one("#meetings-heading").render())
        assert f"{before[0] + 1:,} upcoming" in heading


def test_check_lists_the_upcoming_and_the_last_twenty_held_unless_asked_for_all(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    store = Store.open(history, readonly=True)
    total = sum(store.meetings.listed_count())
    upcoming = store.meetings.listed_count()[0]
    store.close()
    assert main(["check", str(history)]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if "  meeting " in line]
    assert len(listed) == upcoming + 20
    assert main(["check", str(history), "--all"]) == 0
    out = capsys.readouterr().out
    assert len([line for line in out.splitlines() if "  meeting " in line]) == total
    assert "not listed" not in out
