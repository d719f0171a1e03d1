"""Meetings: upcoming first (soonest first), then past (latest first)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.binding import Binding

from screens.base import RecordList, plain
from screens.forms import MeetingForm
from screens.meeting import MeetingScreen


class MeetingsScreen(RecordList):
    TABLE_ID = "meetings-table"
    ENTER_ACTION = "open"
    HEADING = "Meetings: upcoming first, then past"
    COLUMNS = ("", "Date", "Time", "Title", "Kind", "Status", "Location")
    BINDINGS = [
        Binding("n", "new", "New meeting", id="meeting-new"),
        Binding("enter,o", "open", "Open", id="meeting-open", key_display="enter"),
        Binding("e", "edit", "Edit details", id="meeting-edit"),
    ]

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        today = self.store.clock().date()
        return [
            (
                m.id or 0,
                (
                    Text(
                        "upcoming" if m.date >= today else "past",
                        style="bold" if m.date >= today else "dim",
                    ),
                    m.date.strftime("%a %d %b %Y"),
                    m.start_time.strftime("%H:%M"),
                    plain(m.title),
                    m.kind.label,
                    m.status.label,
                    plain(m.location),
                ),
            )
            for m in self.store.meetings(today)
        ]

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
                MeetingForm(self.store, self.store.meeting(meeting_id)), self.saved
            )

    def action_open(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.app.push_screen(MeetingScreen(meeting_id))
