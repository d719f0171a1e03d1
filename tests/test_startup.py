"""What start-up does and does not do before the first screen shows.

The start-up benchmark (benchmarks/startup.py) measures the time; these tests
hold the design that makes it fast, so a later change cannot undo it unseen:
the first frame is drawn without pydantic, sqlite-utils or markdown-it loaded,
the dashboard's CSS is parsed with the app's, and the cyclic collector, held
off by the command line during start-up, is back on once the screen shows.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from screens.dashboard.dashboard import DashboardScreen
from tests.appkit import SIZE, press, sample_app, settle
from tests.conftest import REPO, copy_sample
from tui.app import QuorateApp

FIRST_FRAME = r"""
import asyncio, json, sys
from tui.app import QuorateApp

LATER = ("pydantic", "sqlite_utils", "markdown_it", "store.domain.models")

async def main(path):
    app = QuorateApp(path)
    seen = {}
    after_first_frame = app._after_first_frame

    def spy():
        seen["loaded_at_first_frame"] = [m for m in LATER if m in sys.modules]
        table = app.screen.query_one("#next-meetings")
        seen["rows_at_first_frame"] = table.row_count
        after_first_frame()

    app._after_first_frame = spy
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        seen["loaded_after"] = [m for m in LATER if m in sys.modules]
        await pilot.press("m")
        await pilot.pause()
        seen["meetings_screen"] = type(app.screen).__name__
    print(json.dumps(seen))

asyncio.run(main(sys.argv[1]))
"""


def test_the_first_frame_shows_data_without_the_models(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    copy_sample(db)
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["loaded_at_first_frame"] == []
    assert seen["rows_at_first_frame"] >= 1  # the next meetings are there
    # Loaded in the background once the screen shows, ready for the next screen.
    assert {"store.domain.models", "pydantic", "sqlite_utils"} <= set(seen["loaded_after"])
    assert seen["meetings_screen"] == "MeetingsScreen"


def test_importing_the_store_does_not_import_pydantic() -> None:
    code = (
        "import sys, store, store.domain.views, store.domain.kinds\n"
        "print(sorted(m for m in ('pydantic', 'sqlite_utils') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


async def test_the_collector_comes_back_on_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    freezes: list[str] = []
    freeze = gc.freeze

    def counted() -> None:
        freezes.append(threading.current_thread().name)
        freeze()

    monkeypatch.setattr(gc, "freeze", counted)
    copy_sample(tmp_path / "s.db")
    app = QuorateApp(tmp_path / "s.db", collector_held=True)
    gc.disable()  # as tui.cli.main does before it imports the app
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
            # What the background work (the models, the search catch-up) leaves is
            # frozen too, once it is done, on the UI thread, so no full pass of the
            # collector falls on a later key.
            await settle(pilot)
            await pilot.pause()
            assert freezes == ["MainThread", "MainThread"]
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_built_by_a_script_leaves_the_collector_alone(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    frozen = gc.get_freeze_count()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen
    # A caller that keeps the collector off for its own reasons keeps it off.
    gc.disable()
    try:
        async with sample_app(tmp_path).run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_dashboard_is_the_home_section_with_its_own_rules(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, DashboardScreen)
        # dashboard.tcss is read with the app's CSS: its panel borders apply.
        assert home.query_one("#next-panel").styles.border_top[0] == "round"
        await press(pilot, "m")
        assert not isinstance(app.screen, DashboardScreen)
        await press(pilot, "d")
        assert app.screen is home  # the same screen, not a second one
        await press(pilot, "d")
        assert app.screen is home
