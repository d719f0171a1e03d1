"""The export screen, the register of protected names and the decisions log, with keys."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from screens.common.export import ExportScreen
from screens.decisions.decisions import DecisionsScreen
from screens.meetings.meeting import MeetingScreen
from screens.register.register import RegisterScreen
from tests.appkit import SIZE, notices, press, sample_app, settle, steps, type_text
from tests.test_export import GOLDEN, exec_meeting


async def open_export(pilot: Pilot[Any], tmp_path: Path) -> ExportScreen:
    app = pilot.app
    mid = exec_meeting(app.store)  # type: ignore[attr-defined]
    app.push_screen(MeetingScreen(mid))
    await pilot.pause()
    await press(pilot, "x")
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    await settle(pilot)
    return screen


async def test_export_preview_save_and_unredacted_copy(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        screen = await open_export(pilot, tmp_path)
        preview = screen.query_one("#export-preview", TextArea).text
        assert "Child B's health visitor" in preview and "Kayden" not in preview
        status = str(screen.query_one("#export-status", Static).render())
        assert status.startswith("Redacted: the 15 names on the register")
        path = screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "out" / "minutes.md")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert any("does not exist" in n for n in (await notices(pilot)))
        path.value = str(tmp_path / "minutes.md")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        saved = tmp_path / "minutes.md"
        assert saved.read_text() == (GOLDEN / "minutes-executive-2026-11-19.md").read_text()
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600

        await press(pilot, "ctrl+u", "n")
        await settle(pilot)
        assert screen.redacted
        await press(pilot, "ctrl+u", "y")
        await settle(pilot)
        preview = screen.query_one("#export-preview", TextArea).text
        assert preview.splitlines()[2].startswith("**UNREDACTED COPY") and "Kayden" in preview
        assert path.value.endswith("-UNREDACTED.md")


async def test_register_a_name_with_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "R")
        assert isinstance(app.screen, RegisterScreen)
        await press(pilot, "n")
        await type_text(pilot, "Tommy Ashdown")
        await press(pilot, "tab")
        await type_text(pilot, "Tommy; Ashdown")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, RegisterScreen)
    record = next(p for p in app.store.register.all() if p.real_name == "Tommy Ashdown")
    assert record.pseudonym == "Child E" and record.forms == ("Tommy Ashdown", "Tommy", "Ashdown")


async def test_decisions_log_search(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "D")
        assert isinstance(app.screen, DecisionsScreen)
        await settle(pilot)
        table = app.screen.query_one("#decisions-table", DataTable)
        assert table.row_count == app.store.decisions.count() == 9
        await press(pilot, "slash")
        await type_text(pilot, "lcspr")
        await settle(pilot)
        refs = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert refs == ["D-2026-009", "D-2026-008", "D-2026-006", "D-2026-004"]
        # "LCSPR" is in each one's words or rationale, not only its item's title.
        for decision, _, _ in app.store.decisions.page("lcspr"):
            assert "lcspr" in f"{decision.text} {decision.rationale}".lower()


def test_export_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        screen = await open_export(pilot, tmp_path)
        screen.query_one(
            "#export-path", Input
        ).value = "/home/chair/Documents/2026-11-19-minutes.md"
        await steps()(pilot)

    assert snap_compare(sample_app(tmp_path), run_before=run, terminal_size=SIZE)


def test_register_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("R"), terminal_size=SIZE)


def test_decisions_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await press(pilot, "D")
        await settle(pilot)
        await steps()(pilot)

    assert snap_compare(sample_app(tmp_path), run_before=run, terminal_size=SIZE)


async def test_letters_typed_in_the_preview_go_to_the_path(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, tmp_path)
        screen.query_one("#export-preview", TextArea).focus()
        await pilot.pause()
        before = screen.query_one("#export-path", Input).value
        await press(pilot, "p", "d")  # People and Dashboard, were they the app's keys
        assert app.screen is screen
        assert screen.query_one("#export-path", Input).value.startswith(before)
        assert "pd" in screen.query_one("#export-path", Input).value
