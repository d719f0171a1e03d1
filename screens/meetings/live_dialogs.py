"""Small dialogs of the live meeting: pick an item, record a decision, change an
action under matters arising (actions are raised with screens.actions.form)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.actions.form import people_options
from screens.common.form import Field, FormScreen
from screens.common.forms import due_from_text
from store.domain.errors import InvalidValue
from store.domain.models import AgendaItem

if TYPE_CHECKING:
    from store import Store


ASCII_DIGITS = frozenset("0123456789")
NUMBER_PAUSE_S = 1.0  # digits typed within this of each other make one number


class ItemPicker(ModalScreen[int | None]):
    """Choose an agenda item: arrows or its number, enter to go."""

    DEFAULT_CSS = """
    ItemPicker {
        align: center middle;
    }
    ItemPicker > Vertical {
        width: 80;
        height: auto;
        max-height: 80%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ItemPicker OptionList {
        height: auto;
        max-height: 30;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker-cancel")]

    def __init__(self, items: Sequence[AgendaItem], current: int | None):
        super().__init__()
        self.items = list(items)
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(f"{it.position:>2}. {it.title}"), id=str(it.id)) for it in self.items
        ]
        with Vertical():
            yield Static(
                Text("Go to item: type its number (enter to go, esc to stay)", style="bold"),
                id="item-prompt",
            )
            yield OptionList(*options, id="item-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [it.id for it in self.items]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        options.focus()

    _typed = ""
    _typed_at = 0.0

    def on_key(self, event: Any) -> None:
        # Digits jump to that item number, as a chair reads the agenda: "1", "2"
        # typed together is item 12. ASCII digits only: "²".isdigit() is true too.
        character = event.character
        if not character or character not in ASCII_DIGITS:
            return
        event.stop()
        now = time.monotonic()
        typed = (self._typed if now - self._typed_at < NUMBER_PAUSE_S else "") + character
        match = self._item(int(typed))
        if match is None and len(typed) > 1:  # "13" on a 12-item agenda: start again at 3
            typed = character
            match = self._item(int(typed))
        self._typed, self._typed_at = typed, now
        self.query_one("#item-prompt", Static).update(
            Text(f"Go to item {typed} (enter to go, esc to stay)", style="bold")
        )
        if match is not None:
            self.query_one(OptionList).highlighted = self.items.index(match)

    def _item(self, number: int) -> AgendaItem | None:
        return next((it for it in self.items if it.position == number), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DecisionForm(FormScreen):
    """Record a decision against the current item: its wording, why, and who made
    it (blank: the meeting).

    Enter in the wording saves at once, as a chair records most decisions in the
    meeting; tab goes on to the rationale and who decided (enter there moves on,
    then saves)."""

    def __init__(self, store: Store, meeting_id: int, item_id: int | None):
        self.store = store
        self.meeting_id = meeting_id
        self.item_id = item_id
        super().__init__(
            "Decision on this item (enter saves; tab for why, and who decided)",
            [
                Field("text", "Decision", ""),
                Field("rationale", "Rationale (why)", "", placeholder="The criteria are met"),
                Field(
                    "decided_by",
                    "Decided by (blank: the meeting)",
                    "",
                    placeholder="The lead safeguarding partners",
                ),
            ],
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "field-text":
            event.stop()
            self.action_save()
        else:
            super().on_input_submitted(event)

    def save(self, values: dict[str, Any]) -> int:
        decision = self.store.decisions.add(
            self.meeting_id,
            self.item_id,
            values["text"],
            rationale=values["rationale"] or None,
            decided_by=values["decided_by"] or None,
        )
        return decision.id or 0


class ActionChangeForm(FormScreen):
    """Matters arising: an update, a new due date, a new owner, or closing."""

    def __init__(self, store: Store, meeting_id: int, action_id: int, mode: str):
        self.store = store
        self.meeting_id = meeting_id
        self.action_id = action_id
        self.mode = mode
        action = store.actions.get(action_id)
        fields = {
            "update": [Field("update", "Update")],
            "close": [Field("update", "Closing note (optional)")],
            "redate": [
                Field("due", "New due date", action.due.isoformat() if action.due else ""),
                Field("update", "Why (optional)"),
            ],
            "reassign": [
                Field(
                    "owner_id",
                    "New owner (type to find)",
                    action.owner_id,
                    options=people_options(store),
                ),
                Field("update", "Note (optional)"),
            ],
        }[mode]
        super().__init__(f"{action.reference}: {action.description}", fields)

    def save(self, values: dict[str, Any]) -> int:
        actions, note, at = self.store.actions, str(values.get("update") or ""), self.meeting_id
        if self.mode == "close":
            actions.close(self.action_id, note=note, meeting_id=at)
        elif self.mode == "redate":
            due = due_from_text(self.store, at, values["due"], self.past_seen)
            if due is None:
                raise InvalidValue({"due": "enter the new due date"})
            actions.update(self.action_id, update=note, meeting_id=at, due=due)
        elif self.mode == "reassign":
            owner_id: int | None = values["owner_id"]
            actions.update(self.action_id, update=note, meeting_id=at, owner_id=owner_id)
        elif not note.strip():
            raise InvalidValue({"update": "required"})
        else:
            actions.update(self.action_id, update=note, meeting_id=at)
        return self.action_id
