"""Matters arising, inside the live meeting: the open actions from earlier
meetings of the series, each updated, closed, re-dated or re-assigned with a key.
Every change is recorded against this meeting, so its minutes show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from screens.common.base import plain

if TYPE_CHECKING:
    from store import Store

# RAG colours come from the theme (variables resolved when drawn), so every theme works.
RAG_VARIABLE = {"red": "error", "amber": "warning", "green": "success", "closed": "text-muted"}


class MattersArising(DataTable[Any]):
    """The actions table; tab from the minutes editor reaches it."""

    BINDINGS = [
        Binding("u", "change('update')", "Update", id="ma-update"),
        Binding("c", "change('close')", "Close", id="ma-close"),
        Binding("d", "change('redate')", "Re-date", id="ma-redate"),
        Binding("o", "change('reassign')", "Re-assign", id="ma-reassign"),
    ]

    class Change(Message):
        def __init__(self, action_id: int, mode: str) -> None:
            super().__init__()
            self.action_id = action_id
            self.mode = mode

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        self.add_columns("Ref", "RAG", "Action", "Owner", "Due", "Update at this meeting")

    def load(self, store: Store, meeting_id: int) -> None:
        from store.actions import rag_of

        keep = self.cursor_row
        self.clear()
        people = {p.id: p.name for p in store.directory.people()}
        today = store.clock().date()
        latest: dict[int, str] = {}
        for action, update in store.actions.updates_at_meeting(meeting_id):
            latest[action.id or 0] = update.text
        for action in store.actions.matters_arising(meeting_id):
            rag = rag_of(action, today, store.settings.amber_days())
            colour = self.app.theme_variables.get(RAG_VARIABLE[rag], "")
            self.add_row(
                action.reference,
                Text(rag.upper(), style=f"bold {colour}".strip()),
                plain(action.description),
                plain(people.get(action.owner_id, "")),
                action.due.strftime("%d %b %Y") if action.due else "",
                plain(latest.get(action.id or 0, "")),
                key=str(action.id),
            )
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))

    def action_change(self, mode: str) -> None:
        if not self.row_count:
            return
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        if key.value is not None:
            self.post_message(self.Change(int(key.value), mode))
