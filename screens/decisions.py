"""The decisions log: reference, date, meeting, item, decision; newest first,
filtered by meeting and searched by its words."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Select, Static

from screens.action import meeting_label, meetings_latest_first
from screens.base import QuorateScreen, plain
from screens.widgets.keybar import KeyBar
from store.kinds import MeetingStatus

SHOWN = 500  # newest first; a search narrows the rest down


class DecisionsScreen(QuorateScreen):
    CSS_PATH = "decisions.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", id="decisions-search", key_display="/"),
        Binding("escape", "clear", "Clear", id="decisions-clear"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="decisions-filters"):
            yield Input(placeholder="Search decisions (/)", id="decisions-query")
            yield Select[int]([], prompt="Any meeting", id="decisions-meeting")
        yield Static(id="decisions-count")
        yield DataTable(id="decisions-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#decisions-table", DataTable)
        table.add_columns("Ref", "Date", "Meeting", "Item", "Decision")
        # The same labels as the action log's meeting filter.
        meetings = [
            (meeting_label(m), m.id or 0)
            for m in meetings_latest_first(self.store)
            if m.status is not MeetingStatus.PLANNED
        ]
        self.query_one("#decisions-meeting", Select).set_options(meetings)
        table.focus()
        # The rows load with the ScreenResume that follows the mount.

    def on_screen_resume(self) -> None:
        self.load()

    def _filters(self) -> tuple[str, int | None]:
        text = self.query_one("#decisions-query", Input).value
        meeting = self.query_one("#decisions-meeting", Select).value
        return text, None if meeting is Select.NULL else int(meeting)  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, group="decisions")
    def load(self) -> None:
        text, meeting_id = self._filters()
        rows = self.store.decisions_log(text, meeting_id, limit=SHOWN)
        total = self.store.count_decisions(text, meeting_id)
        self.app.call_from_thread(self._show, rows, total)

    def _show(self, rows: list[Any], total: int) -> None:
        table = self.query_one("#decisions-table", DataTable)
        table.clear()
        for decision, meeting_title, item_title in rows:
            table.add_row(
                decision.reference or "",
                f"{decision.made_at:%d %b %Y}",
                plain(meeting_title),
                plain(item_title),
                plain(decision.text),
                key=str(decision.id),
            )
        shown = f"{len(rows)} of {total:,}" if total > len(rows) else f"{total:,}"
        self.query_one("#decisions-count", Static).update(Text(f"{shown} decisions, newest first"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.load()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.load()

    def action_search(self) -> None:
        self.query_one("#decisions-query", Input).focus()

    def action_clear(self) -> None:
        self.query_one("#decisions-query", Input).value = ""
        self.query_one("#decisions-meeting", Select).clear()
        self.query_one("#decisions-table", DataTable).focus()
