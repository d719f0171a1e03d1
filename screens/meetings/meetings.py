"""Meetings: upcoming first (soonest first), then past (latest first)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.binding import Binding

from screens.common.base import RecordList, plain
from screens.common.forms import MeetingForm
from screens.meetings.meeting import MeetingScreen
from store.domain.kinds import MeetingKind, MeetingStatus

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
PADDING = 2  # each column's cell padding, left and right


def columns_for(width: int) -> list[tuple[str, str, int | None]]:
    """The columns and their widths for a window ``width`` wide: title and place
    share what is left once the short columns have theirs (the title more)."""
    if width >= WIDE:
        fixed = [("", "", 8), ("Date", "Date", 15), ("Time", "Time", 5)]
        after = [("Kind", "Kind", 18), ("Status", "Status", 9)]
    else:
        fixed = [("When", "When", 15)]
        after = [("Short kind", "Kind", 12), ("Status", "Status", 9)]
    count = len(fixed) + len(after) + 2
    spare = max(width - 2 - count * PADDING - sum(w for *_, w in fixed + after), 20)
    title = max(spare * 2 // 3, 12)
    return [
        *fixed,
        ("Title", "Title", title),
        *after,
        ("Location", "Location", max(spare - title, 8)),
    ]


class MeetingsScreen(RecordList):
    TABLE_ID = "meetings-table"
    ENTER_ACTION = "open"
    HEADING = "Meetings: upcoming first, then past"
    COLUMNS = ("", "Date", "Time", "When", "Title", "Kind", "Short kind", "Status", "Location")
    BINDINGS = [
        Binding("n", "new", "New meeting", id="meeting-new"),
        Binding("enter,o", "open", "Open", id="meeting-open", key_display="enter"),
        Binding("e", "edit", "Edit details", id="meeting-edit"),
    ]

    def columns_for(self, width: int) -> list[tuple[str, str, int | None]]:
        return columns_for(width)

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        today = self.store.clock().date()
        out: list[tuple[int, Sequence[Any]]] = []
        for m in self.store.meetings.all(today):
            upcoming = m.date >= today
            tone = "bold" if upcoming else "dim"
            cancelled = m.status is MeetingStatus.CANCELLED
            cells = (
                Text("upcoming" if upcoming else "past", style=tone),
                m.date.strftime("%a %d %b %Y"),
                m.start_time.strftime("%H:%M"),
                Text(f"{m.date:%d %b %y} {m.start_time:%H:%M}", style=tone),
                Text(m.title, style="strike dim" if cancelled else ""),
                m.kind.label,
                SHORT_KIND[m.kind],
                Text(m.status.label, style="dim italic" if cancelled else ""),
                plain(m.location),
            )
            out.append((m.id or 0, cells))
        return out

    def action_new(self) -> None:
        self.app.push_screen(MeetingForm(self.store), self._created)

    def _created(self, meeting_id: int | None) -> None:
        if meeting_id:
            self.request_reload(select=meeting_id)
            self.app.push_screen(MeetingScreen(meeting_id))

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
