"""The decisions log: reference, date, meeting, decision, who decided; newest
first, filtered by meeting and searched by its words (and its rationale's). The
highlighted decision is shown in full below the list, with its rationale, and
enter opens it (to change its wording or withdraw it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Select, Static
from textual.worker import get_current_worker

from screens.actions.action import meeting_label, meetings_latest_first
from screens.common.base import QuorateScreen, plain
from screens.widgets.keybar import KeyBar
from store.domain.kinds import MeetingStatus

if TYPE_CHECKING:
    from store.domain.models import Decision

# A decision as the log lists it: the decision, its meeting's title, its item's.
Row = tuple["Decision", str, str]

SHOWN = 500  # newest first; a search narrows the rest down
THE_MEETING = "The meeting"  # who decided, when no one else is named


def cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(width - 1, 0)].rstrip() + "…"


class DecisionsScreen(QuorateScreen):
    CSS_PATH = "decisions.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", id="decisions-open"),
        Binding("slash", "search", "Search", id="decisions-search", key_display="/"),
        Binding("escape", "clear", "Clear", id="decisions-clear"),
    ]
    _rows: dict[str, Row]

    table = getters.query_one("#decisions-table", DataTable)
    search_box = getters.query_one("#decisions-query", Input)
    meeting_select = getters.query_one("#decisions-meeting", Select)
    count_line = getters.query_one("#decisions-count", Static)
    preview_box = getters.query_one("#decisions-preview", Static)

    @dataclass
    class Loaded(Message):
        """A page of the log, read for the filters of load number ``generation``."""

        rows: list[Row]
        total: int
        generation: int

    _generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="decisions-filters"):
            yield Input(placeholder="Search decisions (/)", id="decisions-query")
            yield Select[int]([], prompt="Any meeting", id="decisions-meeting")
        yield Static("Reading the decisions…", id="decisions-count")
        yield DataTable(id="decisions-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="decisions-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self._rows = {}
        table = self.table
        self._add_columns(table)
        table.focus()
        # The meetings and the rows are read after the frame that shows the
        # screen (with the ScreenResume that follows the mount), so the key shows
        # the log at once.

    _meetings_read = False

    @property
    def busy(self) -> bool:
        """True until the rows for the filters as they are have arrived (for tests)."""
        return self.resume_queued or self._loading

    _loading = False

    def on_screen_resume(self) -> None:
        self.read_after_frame()

    def read_resumed(self) -> None:
        if not self._meetings_read:
            self._meetings_read = True
            # The same labels as the action log's meeting filter.
            meetings = [
                (meeting_label(m), m.id or 0)
                for m in meetings_latest_first(self.store)
                if m.status is not MeetingStatus.PLANNED
            ]
            self.meeting_select.set_options(meetings)
        self.load()

    def load(self) -> None:
        """Read the log again for the filters as they are now (on the UI thread:
        the worker is given them, it does not read widgets)."""
        chosen = self.meeting_select.value
        meeting_id = chosen if isinstance(chosen, int) else None
        self._generation += 1
        self._loading = True
        self._read(self.search_box.value, meeting_id, self._generation)

    @work(thread=True, exclusive=True, group="decisions")
    def _read(self, text: str, meeting_id: int | None, generation: int) -> None:
        rows = self.store.decisions.page(text, meeting_id, limit=SHOWN)
        total = self.store.decisions.count(text, meeting_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(rows, total, generation))

    def on_decisions_screen_loaded(self, message: Loaded) -> None:
        if message.generation == self._generation:  # else a newer load is on its way
            self._loading = False
            self._show(message.rows, message.total)

    def _widths(self) -> tuple[int, int, int]:
        """(meeting, decided by, decision) column widths: the decision takes what
        is left (24 at 80 columns, 44 at 120)."""
        width = max(self.size.width, 60)
        meeting, decided_by = (12, 12) if width < 100 else (26, 18)
        # Ref 11, date 9, cell padding 2 each, the scroll bar 2.
        return meeting, decided_by, max(20, width - 11 - 9 - meeting - decided_by - 10 - 2)

    def _add_columns(self, table: DataTable[Any]) -> None:
        meeting, decided_by, decision = self._widths()
        table.add_column("Ref", width=11)
        table.add_column("Date", width=9)
        table.add_column("Meeting", width=meeting)
        table.add_column("Decision", width=decision)
        table.add_column("Decided by", width=decided_by)

    def on_resize(self) -> None:
        if self.table.columns and self._rows:
            self._show(list(self._rows.values()), self._total)

    _total = 0

    def _show(self, rows: list[Row], total: int) -> None:
        table = self.table
        keep = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table)
        meeting_width, decided_by_width, decision_width = self._widths()
        self._rows = {}
        self._total = total
        for decision, meeting_title, item_title in rows:
            if decision.withdrawn_at is None:
                text = plain(cut(decision.text, decision_width))
            else:
                text = Text("withdrawn: ", style="bold") + Text(
                    cut(decision.text, decision_width - 11), style="strike dim"
                )
            table.add_row(
                decision.reference or "",
                f"{decision.made_at:%d %b %y}",
                plain(cut(meeting_title, meeting_width)),
                text,
                _decided_by(decision, decided_by_width),
                key=str(decision.id),
            )
            self._rows[str(decision.id)] = (decision, meeting_title, item_title)
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        shown = f"{len(rows)} of {total:,}" if total > len(rows) else f"{total:,}"
        noun = "decision" if total == 1 else "decisions"
        self.count_line.update(Text(f"{shown} {noun}, newest first · enter opens one"))
        self._preview()

    def _preview(self) -> None:
        """The highlighted decision in full: its words, its meeting and item, who
        decided and why."""
        preview = self.preview_box
        key = self._highlighted()
        if key is None:
            preview.update(Text("No decisions match.", style="italic"))
            return
        decision, meeting_title, item_title = self._rows[key]
        text = Text(f"{decision.reference}", style="bold")
        text.append(f" · {decision.made_at:%d %b %Y} · {meeting_title}")
        if item_title:
            text.append(f" · {item_title}")
        text.append("\n")
        text.append(decision.text)
        text.append("\nDecided by: ", style="bold")
        text.append(decision.decided_by or THE_MEETING)
        if decision.rationale:
            text.append("\nRationale: ", style="bold")
            text.append(decision.rationale)
        if decision.withdrawn_at is not None:
            text.append(
                f"\nWithdrawn on {decision.withdrawn_at:%d %b %Y}: "
                f"{decision.withdrawn_reason or ''}",
                style="bold red",
            )
        preview.update(text)

    def _highlighted(self) -> str | None:
        table = self.table
        if not self._rows or table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return key if key in self._rows else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from screens.meetings.record import DecisionScreen

        key = self._highlighted()
        if key is not None:
            self.app.push_screen(DecisionScreen(int(key)))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.load()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.load()

    def action_search(self) -> None:
        self.search_box.focus()

    def action_clear(self) -> None:
        self.search_box.value = ""
        self.meeting_select.clear()
        self.table.focus()


def _decided_by(decision: Decision, width: int) -> Text:
    """Who decided, for the list: the meeting (dim, as most are) or as typed."""
    if decision.decided_by is None:
        return Text(cut(THE_MEETING, width), style="dim")
    return plain(cut(decision.decided_by, width))
