"""The keys a chair presses to agree minutes and amend them once agreed: on the
meeting screen (A), and on the next meeting's "minutes of the previous meeting"
item (ctrl+l); then what the store holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea

from screens.meetings.agree import AgreeMinutesForm, AmendMinutesScreen
from screens.meetings.live import LiveScreen
from screens.meetings.meeting import MeetingScreen
from screens.widgets.confirm import ConfirmScreen
from store.domain.kinds import ItemKind
from tests.appkit import SIZE, notices, press, sample_app, type_text

EXECUTIVE_NOVEMBER = 8  # closed; the next executive (14 Jan 2027) is planned
EXECUTIVE_JANUARY = 10


async def open_meeting(pilot: Pilot[Any], meeting_id: int) -> None:
    await pilot.app.push_screen(MeetingScreen(meeting_id))
    await pilot.pause()


async def test_a_agrees_the_minutes_and_then_offers_only_an_amendment(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_meeting(pilot, EXECUTIVE_NOVEMBER)
        assert app.store.record.agreement(EXECUTIVE_NOVEMBER) is None
        assert app.screen.check_action("correct", ()) is True
        assert app.screen.check_action("amend", ()) is False
        await press(pilot, "A")
        assert isinstance(app.screen, AgreeMinutesForm)
        await type_text(pilot, "Item 7: GBP 428,500 not 425,800")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        agreement = app.store.record.agreement(EXECUTIVE_NOVEMBER)
        assert agreement is not None
        assert agreement.amendments == "Item 7: GBP 428,500 not 425,800"
        assert any("locked" in n for n in await notices(pilot))
        details = str(app.screen.query_one("#meeting-details", Static).render())
        assert "Minutes agreed 27 Nov 2026" in details
        # Locked: no correcting, no editing; A now amends.
        assert app.screen.check_action("correct", ()) is False
        assert app.screen.check_action("edit", ()) is False
        assert app.screen.check_action("agree", ()) is False
        assert app.screen.check_action("amend", ()) is True


async def test_an_amendment_takes_the_item_a_reason_and_the_new_text(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.store.record.agree(EXECUTIVE_NOVEMBER)
        item = app.store.agenda.items(EXECUTIVE_NOVEMBER)[6]
        await open_meeting(pilot, EXECUTIVE_NOVEMBER)
        await press(pilot, "A")
        screen = app.screen
        assert isinstance(screen, AmendMinutesScreen)
        # Saving with no item chosen says what is missing.
        await press(pilot, "ctrl+s")
        assert "Choose the item" in str(screen.query_one("#amend-error", Static).render())
        select = screen.query_one("#amend-item", Select)
        select.value = item.id or 0
        await pilot.pause()
        area = screen.query_one("#amend-text", TextArea)
        assert area.text == item.minutes
        screen.query_one("#amend-reason", Input).focus()
        await type_text(pilot, "The forecast was misread")
        await press(pilot, "enter")  # on to the text
        assert area.has_focus
        await type_text(pilot, " Corrected.")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        amended = app.store.record.amendments(EXECUTIVE_NOVEMBER)
        assert [a.reason for a in amended] == ["The forecast was misread"]
        assert amended[0].what == f"Item 7, {item.title}"
        assert app.store.agenda.item(item.id or 0).minutes == item.minutes + " Corrected."


async def test_escape_in_an_amendment_asks_before_throwing_it_away(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.store.record.agree(EXECUTIVE_NOVEMBER)
        await open_meeting(pilot, EXECUTIVE_NOVEMBER)
        await press(pilot, "A")
        app.screen.query_one("#amend-reason", Input).focus()
        await type_text(pilot, "A reason")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, AmendMinutesScreen)
        assert app.screen.query_one("#amend-reason", Input).value == "A reason"


async def test_ctrl_l_on_the_previous_minutes_item_agrees_them_at_this_meeting(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        store = app.store
        await app.push_screen(LiveScreen(EXECUTIVE_JANUARY))
        await pilot.pause()
        live = app.screen
        assert isinstance(live, LiveScreen)
        assert live.check_action("agree_previous", ()) is False  # not on that item yet
        target = next(
            i for i in store.agenda.items(EXECUTIVE_JANUARY) if i.kind is ItemKind.PREVIOUS_MINUTES
        )
        store.live.go_to(EXECUTIVE_JANUARY, target.id or 0)
        live.item = store.agenda.item(target.id or 0)
        live._show_decisions()
        await pilot.pause()
        assert live.check_action("agree_previous", ()) is True
        shown = str(live.query_one("#item-decisions", Static).render())
        assert "not yet agreed. ctrl+l records them as agreed." in shown
        await press(pilot, "ctrl+l")
        assert isinstance(app.screen, AgreeMinutesForm)
        await press(pilot, "ctrl+s")
        agreement = store.record.agreement(EXECUTIVE_NOVEMBER)
        assert agreement is not None and agreement.at_meeting_id == EXECUTIVE_JANUARY
        assert "agreed 27 November 2026 at this meeting" in str(
            live.query_one("#item-decisions", Static).render()
        )
