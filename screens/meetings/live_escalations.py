"""The escalations standing item, inside the live meeting: the open escalations
(overdue first), each escalated, resolved or closed unresolved with a key, or a
new one raised. Every move made here is recorded against this meeting, so its
minutes list it (store.escalations.moves)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from screens.common.base import fit, plain, row_id, select_row
from screens.escalations.common import due_text, standing_text
from screens.reviews.common import pseudonyms
from store.escalations import EscalationQuery

if TYPE_CHECKING:
    from store import Store
    from store.domain.models.escalations import Escalation

SHOWN = 50
EMPTY = "No open escalations."


class OpenEscalations(DataTable[Any]):
    """The open escalations; tab from the minutes editor reaches it."""

    BINDINGS = [
        Binding("e", "move('escalate')", "Escalate", id="le-escalate"),
        Binding("r", "move('resolve')", "Resolve", id="le-resolve"),
        Binding("c", "move('close')", "Close unresolved", id="le-close"),
        Binding("n", "move('raise')", "Raise one", id="le-raise"),
    ]

    class Move(Message):
        def __init__(self, escalation_id: int | None, kind: str) -> None:
            super().__init__()
            self.escalation_id = escalation_id
            self.kind = kind

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_by_id: dict[int, Escalation] = {}
        self.moving = True  # False while a closed meeting is corrected

    def load(self, store: Store, meeting_id: int) -> None:
        """The open escalations, and what this meeting has done with each."""
        keep = row_id(self)
        now = store.clock()
        listed = store.escalations.page(EscalationQuery(state="open"), 0, SHOWN, now)
        moved = {m.escalation.id: m.what for m in store.escalations.moves(meeting_id)}
        # Those resolved or closed here stay in sight, so the chair sees the move.
        done_here = [
            m.escalation
            for m in store.escalations.moves(meeting_id)
            if m.escalation.closed_on is not None
        ]
        self.rows_by_id = {e.id or 0: e for e in [*listed, *done_here]}
        self.clear(columns=True)
        self.show_header = bool(self.rows_by_id)
        if not self.rows_by_id:
            self.cursor_type = "none"
            self.add_column("", key="empty")
            self.add_row(Text(EMPTY + " n raises one.", style="italic"))
            self.refresh_bindings()
            return
        self.cursor_type = "row"
        names = pseudonyms(store)
        agencies = {a.id: a.short_name for a in store.directory.agencies()}
        # The minutes' column, laid out or not yet (the table has just been shown).
        width = self.parent.size.width if isinstance(self.parent, Widget) else 0
        width = width or max(self.app.size.width - 38, 40)
        # Wide: every column; middling (an 80-column minutes pane): no child or
        # parties; narrow: no due date either (the standing says "2 days late").
        wide, dated = width >= 100, width >= 70
        # Cells have a column of padding either side; 2 for the scroll bar.
        shown = [11, *([9, 14] if wide else []), 5, *([8] if dated else []), 13]
        moved_width = max(10, width - sum(shown) - 2 * (len(shown) + 1) - 2)
        self.add_column("Ref", width=11)
        if wide:
            self.add_column("Child", width=9)
            self.add_column("Between", width=14)
        self.add_column("Stage", width=5)
        if dated:
            self.add_column("Due", width=8)
        self.add_column("Standing", width=13)
        self.add_column("At this meeting", width=moved_width)
        for e in self.rows_by_id.values():
            parties = f"{agencies.get(e.raised_by_agency_id, '?')} → "
            parties += agencies.get(e.raised_with_agency_id, "?")
            cells: list[Any] = [e.reference]
            if wide:
                cells += [fit(plain(names.get(e.child_id or 0, "—")), 9), fit(plain(parties), 14)]
            cells.append(str(e.stage))
            if dated:
                cells.append(due_text(e, short=True) if e.closed_on is None else "")
            cells += [
                fit(standing_text(self.app, store, e, now), 13),
                fit(plain(moved.get(e.id, "")), moved_width),
            ]
            self.add_row(*cells, key=str(e.id))
        select_row(self, keep)
        self.refresh_bindings()

    def _current(self) -> Escalation | None:
        escalation_id = row_id(self) if self.cursor_type != "none" else None
        return self.rows_by_id.get(escalation_id) if escalation_id is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            if not self.moving:
                return None
            if parameters != ("raise",):
                from screens.escalations.escalation import can_move

                current = self._current()
                if current is None or not can_move(self.screen, str(parameters[0]), current):  # type: ignore[arg-type]
                    return None
        return super().check_action(action, parameters)

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_move(self, kind: str) -> None:
        if self.check_action("move", (kind,)) is None:
            return
        current = self._current()
        self.post_message(self.Move(current.id if current else None, kind))
