"""The database file moved or deleted while Quorate has it open (a sync client, a
tidy-up): the next save notices, says so in one line, and the typed text is kept
beside where the file was; quitting then says what was not saved."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from screens.meetings.live import LiveScreen
from screens.meetings.meeting import MeetingScreen
from screens.widgets.confirm import ConfirmScreen
from store import Store
from store.domain import errors
from tests.appkit import SIZE, press, sample_app
from tests.conftest import Clock, copy_sample
from tests.test_live_screen import open_live

PLANNED_BOARD = 9


def live_item(store: Store) -> int:
    store.live.start(PLANNED_BOARD)
    return store.agenda.items(PLANNED_BOARD)[0].id or 0


@pytest.mark.parametrize("how", ["moved", "deleted", "replaced"])
def test_a_save_after_the_file_went_keeps_the_text_beside_it(tmp_path: Path, how: str) -> None:
    path = copy_sample(tmp_path / "partnership.db")
    store = Store.open(path, clock=Clock())
    try:
        item = live_item(store)
        store.live.save_minutes(item, "Before the move.")
        if how == "moved":
            path.rename(tmp_path / "elsewhere.db")
        elif how == "deleted":
            path.unlink()
        else:  # a sync client put another copy in its place
            path.rename(tmp_path / "old.db")
            copy_sample(path)
        with pytest.raises(errors.FileMoved) as raised:
            store.live.save_minutes(item, "Before the move. After it.")
        message = str(raised.value)
        assert "moved or deleted while open" in message and "\n" not in message
        kept = tmp_path / f"partnership.db.unsaved-item-{item}.md"
        assert str(kept) in message
        assert "Before the move. After it." in kept.read_text()
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        # Later typing replaces the kept text: it always holds the latest.
        with pytest.raises(errors.FileMoved):
            store.live.save_minutes(item, "Before the move. After it. And more.")
        assert kept.read_text().count("Before the move") == 1
        assert "And more." in kept.read_text()
        # Nothing else is written either.
        with pytest.raises(errors.FileMoved):
            store.decisions.add(PLANNED_BOARD, item, "Agreed.")
    finally:
        store.close()
    if how == "replaced":
        fresh = Store.open(path, readonly=True)
        try:
            assert fresh.agenda.item(item).minutes != "Before the move. After it."
        finally:
            fresh.close()


async def test_the_live_screen_warns_once_and_q_says_what_was_not_saved(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    path = tmp_path / "app.db"
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, PLANNED_BOARD)
        assert isinstance(app.screen, LiveScreen)
        editor = app.screen.query_one("#minutes-editor", TextArea)
        editor.insert("Typed before the move.")
        assert app.screen.flush()
        path.rename(tmp_path / "synced-away.db")
        editor.insert(" Typed after it.")
        assert app.screen.flush() is False
        await pilot.pause(0.2)
        warning = app.screen.query_one("#save-problem", Static)
        assert warning.display
        assert "moved or deleted while open" in str(warning.render())
        item = app.screen.item
        assert item is not None
        kept = tmp_path / f"app.db.unsaved-item-{item.id}.md"
        assert "Typed before the move. Typed after it." in kept.read_text()
        # esc with the text unsaved does not drop it: the chair is asked first.
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "could not be saved" in str(app.screen.question)
        await press(pilot, "n")
        assert isinstance(app.screen, LiveScreen)
        # Leaving anyway hands the text to the app, which goes on trying to save
        # it, and q still says what is not saved.
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, MeetingScreen)
        await press(pilot, "q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Not saved: the minutes of item 1" in str(app.screen.question)
        await press(pilot, "n")
        assert isinstance(app.screen, MeetingScreen)
    assert "Typed after it." in kept.read_text()
