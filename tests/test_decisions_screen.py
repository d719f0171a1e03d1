"""The decisions log screen: who decided, in a column, and the rationale with the
highlighted decision in full; a search finds the rationale's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from screens.decisions.decisions import DecisionsScreen
from tests.appkit import SIZE, press, sample_app, settle, type_text
from tui.app import QuorateApp

RATIONALE = "The Panel holds the learning already; its quinquennial thematic review covers it."
PARTNERS = "The lead safeguarding partners"


def with_rationale(tmp_path: Path) -> tuple[QuorateApp, int]:
    """The sample with its newest decision given a rationale and named deciders,
    and the next one made by the meeting, with no rationale."""
    app = sample_app(tmp_path)
    newest, second = (row[0] for row in app.store.decisions.page(limit=2))
    app.store.decisions.update(
        newest.id or 0, newest.text, rationale=RATIONALE, decided_by=PARTNERS
    )
    app.store.decisions.update(second.id or 0, second.text, rationale=None, decided_by=None)
    return app, newest.id or 0


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_log_shows_who_decided_and_why(tmp_path: Path, size: tuple[int, int]) -> None:
    app, _ = with_rationale(tmp_path)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, DecisionsScreen)
        table = app.screen.query_one("#decisions-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "Ref",
            "Date",
            "Meeting",
            "Decision",
            "Decided by",
        ]
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= size[0]
        decided = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert decided[0].startswith("The lead sa")
        assert decided[1] == "The meeting"
        preview = " ".join(str(app.screen.query_one("#decisions-preview", Static).render()).split())
        assert f"Decided by: {PARTNERS}" in preview
        assert f"Rationale: {RATIONALE}" in preview
        await press(pilot, "down")
        preview = str(app.screen.query_one("#decisions-preview", Static).render())
        assert "Decided by: The meeting" in preview and "Rationale" not in preview


async def test_a_search_finds_the_start_of_a_word_of_the_rationale(tmp_path: Path) -> None:
    app, newest = with_rationale(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "D")
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "quinquen")
        await settle(pilot)
        table = app.screen.query_one("#decisions-table", DataTable)
        assert table.row_count == 1
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(newest)
