"""Matters arising, inside the live meeting: the actions ``store.actions.
matters_arising`` gives (open ones from earlier meetings of the series and of
the bodies that report to it, and those closed since the series last met, shown
closed), each updated, closed, re-dated or re-assigned with a key. Every change
is recorded against this meeting, so its minutes show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from screens.common.base import plain

if TYPE_CHECKING:
    from store import Store

# RAG colours come from the theme (variables resolved when drawn), so every theme
# works; "no date" has none (neither on track nor late).
RAG_VARIABLE = {"red": "error", "amber": "warning", "green": "success", "closed": "text-muted"}
# The status beside the RAG, in sight even when a long action runs off the edge.
COLUMNS = ("Ref", "RAG", "Status", "Action", "Owner", "Due", "Update at this meeting")
EMPTY = "No open actions from earlier meetings."  # as the minutes say it


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
        self._closed_ids: set[int] = set()  # the closed ones shown (reported closed once)

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def load(self, store: Store, meeting_id: int) -> None:
        """Show this meeting's matters arising (the store's list, in its order)."""
        from store.actions import rag_of
        from store.domain.deadlines import Rag

        keep = self.cursor_row
        arising = store.actions.matters_arising(meeting_id)
        self._closed_ids = {a.id or 0 for a in arising if not a.status.is_open}
        self.clear(columns=True)
        self.show_header = bool(arising)
        self.cursor_type = "row" if arising else "none"
        if not arising:
            self.add_column("", key="empty")
            self.add_row(Text(EMPTY, style="italic"))
            self.refresh_bindings()
            return
        self.add_columns(*COLUMNS)
        people = {p.id: p.name for p in store.directory.people()}
        today = store.clock().date()
        latest: dict[int, str] = {}
        for action, update in store.actions.updates_at_meeting(meeting_id):
            latest[action.id or 0] = update.text
        for action in arising:
            rag = rag_of(action, today, store.settings.amber_days())
            variable = RAG_VARIABLE.get(rag)
            colour = self.app.theme_variables.get(variable, "") if variable else ""
            self.add_row(
                action.reference,
                Text(Rag(rag).label.upper(), style=f"bold {colour}".strip()),
                action.status.label,
                plain(action.description),
                plain(people.get(action.owner_id, "")),
                action.due.strftime("%d %b %Y") if action.due else "",
                plain(latest.get(action.id or 0, "")),
                key=str(action.id),
            )
        self.move_cursor(row=min(keep, self.row_count - 1))
        self.refresh_bindings()

    def _current(self) -> int | None:
        """The highlighted action's id; None in the empty state."""
        if not self.row_count or self.cursor_type == "none":
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value and key.value.isdigit() else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None dims a key: nothing to act on, or (close) closed already.
        if action == "change":
            current = self._current()
            if current is None or (parameters == ("close",) and current in self._closed_ids):
                return None
        return super().check_action(action, parameters)

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()  # "close" comes and goes with the row

    def action_change(self, mode: str) -> None:
        current = self._current()
        if current is None or (mode == "close" and current in self._closed_ids):
            return
        self.post_message(self.Change(current, mode))
