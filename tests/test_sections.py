"""A section's key shows that section's list, wherever the chair left it (issue 16:
`m` used to return to the last screen of the meetings section, such as the export
screen)."""

from __future__ import annotations

from pathlib import Path

from screens.dashboard.dashboard import DashboardScreen
from screens.meetings.agenda import AgendaScreen
from screens.meetings.meeting import MeetingScreen
from screens.meetings.meetings import MeetingsScreen
from tests.appkit import SIZE, press, sample_app, settle


async def test_m_shows_the_meetings_list_from_anywhere(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await press(pilot, "g")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        # Away to the dashboard and back: the list, not the agenda.
        await press(pilot, "d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert len(app.screen_stack) == 1
        # Within the section too: from a meeting, m is the list.
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await press(pilot, "m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert len(app.screen_stack) == 1


async def test_a_screen_that_cannot_save_stays(tmp_path: Path) -> None:
    """A screen whose typed work is not saved (a full disk) is not closed by a section
    key: the chair is told and stays with it."""
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, "m")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        meeting.flush = lambda: False  # type: ignore[attr-defined]
        await press(pilot, "d", "m")
        await settle(pilot)
        assert app.screen is meeting
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any("Not saved yet" in t for t in toasts), toasts
