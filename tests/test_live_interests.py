"""In the live screen, each item shows who declared an interest in it and who is
in attendance for it; the declarations item shows every declaration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from screens.meetings.attendance import AttendanceScreen
from screens.meetings.live import LiveScreen
from store import Store
from tests.appkit import SIZE, press, sample_app
from tests.conftest import Clock
from tests.test_live_screen import open_live

EXECUTIVE_DAY = dt.date(2027, 1, 14)


def person(store: Store, name: str) -> int:
    return next(p.id or 0 for p in store.directory.people() if p.name == name)


def shown(app: Any) -> str:
    return str(app.screen.query_one("#item-decisions", Static).render())


async def go_to(pilot: Pilot[Any], position: int) -> None:
    await press(pilot, "ctrl+g", *str(position), "enter")


async def test_declarations_and_people_in_attendance_show_on_their_items(
    tmp_path: Path,
) -> None:
    clock = Clock(dt.datetime.combine(EXECUTIVE_DAY, dt.time(10, 0), tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    meeting_id = next(m.id or 0 for m in store.meetings.all() if m.date == EXECUTIVE_DAY)
    items = store.agenda.items(meeting_id)
    store.attendance.mark(
        meeting_id, person(store, "Sarah Greenwood"), "in_attendance", note="for items 5 to 6"
    )
    store.attendance.declare(
        meeting_id, person(store, "Daniel Brennan"), items[5].id, "Trustee of a provider", True
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, meeting_id)
        assert isinstance(app.screen, LiveScreen)
        assert "Interest declared" not in shown(app)  # item 1: none on it

        await go_to(pilot, 6)
        text = shown(app)
        assert (
            "Interest declared: Daniel Brennan: Trustee of a provider · left the room for the item"
        ) in text
        assert "In attendance for this item: Sarah Greenwood" in text

        await go_to(pilot, 5)
        assert "In attendance for this item: Sarah Greenwood" in shown(app)
        assert "Interest declared" not in shown(app)

        # The declarations item lists every declaration, with its item.
        await go_to(pilot, 2)
        assert items[1].title.lower().startswith("declarations")
        assert "Interest declared: Daniel Brennan (item 6): Trustee of a provider" in shown(app)
        assert "In attendance for this item" not in shown(app)

        # One declared during the meeting (from attendance) shows on return.
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, AttendanceScreen)
        store.attendance.declare(
            meeting_id, person(store, "Gareth Llewellyn"), items[1].id, "Governor of a school"
        )
        await press(pilot, "escape")
        assert isinstance(app.screen, LiveScreen)
        assert "Gareth Llewellyn (item 2): Governor of a school" in shown(app)
