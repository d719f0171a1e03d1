"""Helpers for Pilot and snapshot tests: the app on a copy of sample.db, typing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from store import Store
from tests.conftest import copy_sample, frozen_clock
from tui.app import QuorateApp

SIZE = (120, 36)


def sample_app(
    tmp_path: Path,
    crash_dir: Path | None = None,
    *,
    clock: Callable[[], dt.datetime] = frozen_clock,
    readonly: bool = False,
) -> QuorateApp:
    """The app on a private copy of sample.db (made once per ``tmp_path``), its
    clock frozen or the one given; ``readonly`` opens the copy read-only."""
    target = tmp_path / "app.db"
    if not target.exists():
        copy_sample(target)
    database = Store.open(target, readonly=True, clock=clock) if readonly else target
    return QuorateApp(database, clock=clock, crash_dir=crash_dir or tmp_path / "crash")


def quorum_banner(app: QuorateApp) -> str:
    """What the attendance screen's quorum banner says."""
    return str(app.screen.query_one("#quorum-banner", Static).render())


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the workers have finished and the screen has its data."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if not getattr(screen, "busy", False) and not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("the screen never settled")


async def notices(pilot: Pilot[Any]) -> list[str]:
    """The notices on screen, as the chair reads them (Textual's toasts), once
    the screen has drawn the latest."""
    await pilot.pause()
    if not pilot.app.screen.query("ToastRack"):
        raise AssertionError("notices are shown only under run_test(notifications=True)")
    return [str(toast.render()) for toast in pilot.app.screen.query("Toast")]


def empty_app(tmp_path: Path) -> QuorateApp:
    return QuorateApp(tmp_path / "empty.db", clock=frozen_clock, crash_dir=tmp_path / "crash")


async def press(pilot: Pilot[object], *keys: str) -> None:
    """Press keys one by one, letting the app settle after each (a key may switch
    screens, and the next key must reach the new one)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type text as keys, the way a chair would (one press per character)."""
    keys = ["space" if ch == " " else ch for ch in text]
    await pilot.press(*keys)


async def fill(pilot: Pilot[Any], value: str) -> None:
    """Put ``value`` in the focused field in one go (a key a character is slow)."""
    focused = pilot.app.screen.focused
    assert isinstance(focused, Input | TextArea), focused
    if isinstance(focused, Input):
        focused.value = value
    else:
        focused.load_text(value)
    await pilot.pause()


async def choose(pilot: Pilot[object], text: str) -> None:
    """Open the focused Select, type to find an option, take it."""
    await press(pilot, "enter")
    await type_text(pilot, text)
    await press(pilot, "enter")


def steps(*keys: str):  # type: ignore[no-untyped-def]
    """A snapshot ``run_before``: press keys, then stop cursors blinking so the
    picture does not depend on when it was taken."""

    async def run(pilot: Pilot[object]) -> None:
        await press(pilot, *keys)
        await settle(pilot)  # type: ignore[arg-type]
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    return run
