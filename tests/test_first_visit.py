"""First visits to the action log and the decisions log: the key shows the screen
at once and its rows arrive after it (issue 16); the action text gets the room.

The store's reads are held back with an Event, so "the screen showed before its
rows" is asserted, never timed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from screens.actions.actions import ACTION_LEAST, ActionLogScreen
from screens.decisions.decisions import DecisionsScreen
from tests.appkit import press, sample_app, settle

HELD_S = 10.0  # longest a held read waits: a failing test ends, it never hangs


def held(read: Any, release: threading.Event) -> Any:
    """``read``, waiting in its worker thread until ``release`` is set."""

    def wait_then_read(*args: Any, **kwargs: Any) -> Any:
        release.wait(HELD_S)
        return read(*args, **kwargs)

    return wait_then_read


def line(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_action_log_shows_before_its_rows(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    release = threading.Event()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        actions = app.store.actions
        pytest.MonkeyPatch().setattr(actions, "count", held(actions.count, release))
        await press(pilot, "l")
        screen = app.screen
        assert isinstance(screen, ActionLogScreen)
        assert line(screen, "#action-count") == "Reading the actions…"
        assert screen.table.row_count == 0 and screen.busy
        release.set()
        await settle(pilot)
        assert screen.table.row_count == 35
        assert line(screen, "#action-count").startswith("35 actions · sorted by due date")


async def test_decisions_show_before_their_rows(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    release = threading.Event()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        decisions = app.store.decisions
        pytest.MonkeyPatch().setattr(decisions, "page", held(decisions.page, release))
        await press(pilot, "D")
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        assert line(screen, "#decisions-count") == "Reading the decisions…"
        assert screen.query_one("#decisions-table", DataTable).row_count == 0 and screen.busy
        release.set()
        await settle(pilot)
        assert screen.query_one("#decisions-table", DataTable).row_count == 9
        assert line(screen, "#decisions-count").startswith("9 decisions, newest first")
        # The meeting filter's choices came with the rows, after the first frame.
        assert len(screen.meeting_select._options) > 1


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_action_text_has_the_room(tmp_path: Path, size: tuple[int, int]) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActionLogScreen)
        table = screen.table
        widths = dict(zip((c.title for c in table.columns), table._widths, strict=True))
        action = widths.pop("Action")
        assert all(action > width for width in widths.values()), widths
        # The chair still sees whose action it is, when it is due and how it stands.
        assert widths["Owner"] and widths["Due"] and widths["RAG"]
        assert action >= ACTION_LEAST
        # The table fills the window's width, and not more (no sideways scrolling).
        shown = [w for w in table._widths if w]
        assert sum(shown) + len(shown) - 1 == table.scrollable_content_region.width
