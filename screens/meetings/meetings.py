"""Meetings: upcoming first (soonest first), then past (latest first).

The list pages its rows from the database as the action log does: ten years of
meetings cost what one year's do. The count and the first page are read when the
screen comes to the front (two index reads of a hundred rows at most); the pages
after it load in thread workers as they come into view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from screens.common.base import QuorateScreen
from screens.common.forms import MeetingForm
from screens.meetings.meeting import MeetingScreen
from screens.widgets.keybar import KeyBar
from screens.widgets.virtual_table import Column, VirtualTable
from store.domain.errors import StoreError
from store.domain.kinds import MeetingKind, MeetingStatus
from store.domain.views import MeetingSummary

# Kinds as a narrow window shows them.
SHORT_KIND = {
    MeetingKind.EXECUTIVE: "Executive",
    MeetingKind.PARTNERSHIP_BOARD: "Board",
    MeetingKind.SUB_GROUP: "Sub-group",
    MeetingKind.RAPID_REVIEW: "Rapid review",
    MeetingKind.CHILD_DEATH_REVIEW: "Child death",
    MeetingKind.LEARNING_EVENT: "Learning",
}
WIDE = 110  # from this width the list has room for every column in full
PAGE = 100
TABLE = "meetings-table"

WIDE_COLUMNS = [
    Column("", 8),
    Column("Date", 15),
    Column("Time", 5),
    Column("Title", 20, flex=2),
    Column("Kind", 18),
    Column("Status", 9),
    Column("Location", 8, flex=1),
]
NARROW_COLUMNS = [
    Column("When", 15),
    Column("Title", 12, flex=2),
    Column("Kind", 12),
    Column("Status", 9),
    Column("Location", 8, flex=1),
]


def cells(meeting: MeetingSummary, today: dt.date, wide: bool) -> list[Text]:
    """One row of the list; user text goes in as Text, never as markup."""
    upcoming = meeting.date >= today
    tone = "bold" if upcoming else "dim"
    cancelled = meeting.status is MeetingStatus.CANCELLED
    title = Text(meeting.title, style="strike dim" if cancelled else "")
    status = Text(meeting.status.label, style="dim italic" if cancelled else "")
    location = Text(meeting.location or "")
    if wide:
        return [
            Text("upcoming" if upcoming else "past", style=tone),
            Text(f"{meeting.date:%a %d %b %Y}"),
            Text(f"{meeting.start_time:%H:%M}"),
            title,
            Text(meeting.kind.label),
            status,
            location,
        ]
    return [
        Text(f"{meeting.date:%d %b %y} {meeting.start_time:%H:%M}", style=tone),
        title,
        Text(SHORT_KIND[meeting.kind]),
        status,
        location,
    ]


class MeetingTable(VirtualTable[MeetingSummary]):
    """The list's table: enter opens the highlighted meeting."""

    BINDINGS = [Binding("enter", "select", "Open", id="meetings-table-open", show=False)]


class MeetingsScreen(QuorateScreen):
    HEADING = "Meetings: upcoming first, then past"
    BINDINGS = [
        Binding("n", "new", "New meeting", id="meeting-new"),
        Binding("enter,o", "open", "Open", id="meeting-open", key_display="enter"),
        Binding("e", "edit", "Edit details", id="meeting-edit"),
    ]
    DEFAULT_CSS = """
    MeetingsScreen > MeetingTable {
        height: 1fr;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.wide = True
        self._today = dt.date.min

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.HEADING, classes="section-heading", id="meetings-heading")
        yield MeetingTable(
            WIDE_COLUMNS,
            cells=lambda m: cells(m, self._today, self.wide),
            page_size=PAGE,
            id=TABLE,
        )
        yield KeyBar()

    @property
    def table(self) -> MeetingTable:
        return self.query_one(f"#{TABLE}", MeetingTable)

    @property
    def busy(self) -> bool:
        """True while a page the view needs is on its way (for tests)."""
        return self.table.pages_loading

    def on_mount(self) -> None:
        self._lay_out()
        self.table.focus()
        # The rows come with the ScreenResume that follows every mount.

    def on_resize(self) -> None:
        if self.is_mounted:
            self._lay_out()

    def _lay_out(self) -> None:
        wide = (self.size.width or self.app.size.width) >= WIDE
        if wide != self.wide or not self.table.columns:
            self.wide = wide
            self.table.set_columns(WIDE_COLUMNS if wide else NARROW_COLUMNS)

    def on_screen_resume(self) -> None:
        # First shown, or back from a meeting or a form: a meeting may have been
        # added, moved or cancelled; the cursor stays on the same meeting.
        self.reload(select=self.selected_id())

    def reload(self, select: int | None = None) -> None:
        """Count the meetings and show the page at ``select`` (or the cursor)."""
        store = self.store
        today = store.clock().date()
        try:
            upcoming, past = store.meetings.listed_count(today)
            cursor = self.table.cursor_row
            if select is not None:
                found = store.meetings.listed_position(today, select)
                cursor = cursor if found is None else found
            count = upcoming + past
            cursor = min(cursor, max(count - 1, 0))
            first = cursor // PAGE
            rows = store.meetings.listed(today, first * PAGE, PAGE, upcoming) if count else []
        except StoreError as exc:
            self.report(exc)
            return
        self._today = today
        self.query_one("#meetings-heading", Static).update(
            f"{self.HEADING} · {upcoming:,} upcoming, {past:,} past"
        )
        self.table.reset(
            count,
            partial(self._page, today, upcoming),
            cursor=cursor,
            preload={first: rows},
        )
        self.refresh_bindings()

    def _page(
        self, today: dt.date, upcoming: int, offset: int, limit: int
    ) -> Sequence[MeetingSummary]:
        return self.store.meetings.listed(today, offset, limit, upcoming)

    def selected_id(self) -> int | None:
        meeting = self.table.cursor_value
        return None if meeting is None else meeting.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if allowed and action in {"edit", "open"} and self.table.row_count == 0:
            return None  # dimmed: nothing to act on
        return allowed

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.app.push_screen(MeetingScreen(event.row.id))

    def on_virtual_table_load_failed(self, event: VirtualTable.LoadFailed) -> None:
        event.stop()
        if isinstance(event.error, StoreError):
            self.report(event.error)
        else:
            raise event.error

    # -- keys ---------------------------------------------------------------------

    def action_new(self) -> None:
        self.app.push_screen(MeetingForm(self.store), self._created)

    def _created(self, meeting_id: int | None) -> None:
        if meeting_id:
            self.reload(select=meeting_id)
            self.app.push_screen(MeetingScreen(meeting_id))

    def saved(self, meeting_id: int | None) -> None:
        """Callback for the form: show the saved meeting."""
        if meeting_id:
            self.reload(select=meeting_id)

    def action_edit(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.app.push_screen(
                MeetingForm(self.store, self.store.meetings.get(meeting_id)), self.saved
            )

    def action_open(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.app.push_screen(MeetingScreen(meeting_id))
