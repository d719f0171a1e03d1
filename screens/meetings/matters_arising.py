"""Matters arising, inside the live meeting: the actions ``store.actions.
matters_arising`` gives (open ones from earlier meetings of the series and of
the bodies that report to it, and those closed since the series last met, shown
closed), each updated, closed, re-dated or re-assigned with a key. Every change
is recorded against this meeting, so its minutes show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from screens.common.base import plain
from screens.common.forms import short_date

if TYPE_CHECKING:
    from store import Store

# RAG colours come from the theme (variables resolved when drawn), so every theme
# works; "no date" has none (neither on track nor late).
RAG_VARIABLE = {"red": "error", "amber": "warning", "green": "success", "closed": "text-muted"}
# Owner and due sit beside the action, which takes the width left (cut with "…"), so
# the chair reads all three without moving along; the status (the RAG already says
# "closed") and the update made at this meeting follow.
COLUMNS = ("Ref", "RAG", "Action", "Owner", "Due", "Status", "Update at this meeting")
EMPTY = "No open actions from earlier meetings."  # as the minutes say it
OWNER_WIDTH = 16  # "Gareth Llewellyn"; a longer name is cut
ACTION_MIN = 20  # narrower than this, owner and due give way (off to the right)
PADDING = 2  # a cell's padding, one each side


def cell(value: object) -> Text:
    """User text cut with "…" at its column's edge, never parsed as markup."""
    text = plain(value)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def fit(available: int, fixed: list[int], action: int) -> int:
    """The action column's width: what is left of ``available`` beside the columns
    before and after it that must be seen, at least ``ACTION_MIN``, at most what
    the longest action needs."""
    left = available - sum(width + PADDING for width in fixed) - PADDING
    return max(ACTION_MIN, min(action, left))


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
        self._rows: list[tuple[str, tuple[Text, ...]]] = []  # (action id, cells)
        self._fitted = -1  # the width the columns were last fitted to

    def on_mount(self) -> None:
        self.add_columns(*COLUMNS)

    def load(self, store: Store, meeting_id: int) -> None:
        """Show this meeting's matters arising (the store's list, in its order)."""
        from store.actions import rag_of
        from store.domain.deadlines import Rag

        arising = store.actions.matters_arising(meeting_id)
        self._closed_ids = {a.id or 0 for a in arising if not a.status.is_open}
        people = {p.id: p.name for p in store.directory.people()}
        today = store.clock().date()
        latest: dict[int, str] = {}
        for action, update in store.actions.updates_at_meeting(meeting_id):
            latest[action.id or 0] = update.text
        self._rows = []
        for action in arising:
            rag = rag_of(action, today, store.settings.amber_days())
            variable = RAG_VARIABLE.get(rag)
            colour = self.app.theme_variables.get(variable, "") if variable else ""
            cells = (
                cell(action.reference),
                Text(Rag(rag).label.upper(), style=f"bold {colour}".strip()),
                cell(action.description),
                cell(people.get(action.owner_id, "")),
                cell(short_date(action.due, today) if action.due else ""),
                cell(action.status.label),
                cell(latest.get(action.id or 0, "")),
            )
            self._rows.append((str(action.id), cells))
        self._fill()

    @property
    def empty(self) -> bool:
        """Nothing arising: the list says so ("No open actions from earlier meetings.")."""
        return not self._rows

    def _available(self) -> int:
        """The width the columns share: the table's, less a scroll bar when one shows."""
        parent = self.parent
        width = self.size.width or (parent.size.width if isinstance(parent, Widget) else 0)
        if self.show_vertical_scrollbar:
            width -= self.styles.scrollbar_size_vertical
        return width

    def _fill(self) -> None:
        keep = self.cursor_row
        self._fitted = self._available()
        self.clear(columns=True)
        self.show_header = bool(self._rows)
        self.cursor_type = "row" if self._rows else "none"
        if not self._rows:
            self.add_column("", key="empty")
            self.add_row(Text(EMPTY, style="italic"))
            self.refresh_bindings()
            return
        widths = [
            max(cell_len(label), *(row[i].cell_len for _key, row in self._rows))
            for i, label in enumerate(COLUMNS)
        ]
        widths[3] = min(widths[3], OWNER_WIDTH)
        ref, rag, action, owner, due = widths[:5]
        widths[2] = fit(self._fitted, [ref, rag, owner, due], action)
        for label, width in zip(COLUMNS, widths, strict=True):
            self.add_column(label, width=width)
        for key, cells in self._rows:
            self.add_row(*cells, key=key)
        self.move_cursor(row=min(keep, self.row_count - 1))
        self.refresh_bindings()

    def on_resize(self) -> None:
        # Fitted before the table had its width (it shows when its item does), or
        # the window changed: fit the action's column again.
        if self._rows and self._available() != self._fitted:
            self._fill()

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
