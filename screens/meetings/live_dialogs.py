"""Small dialogs of the live meeting: pick an item, record a decision."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Select, Static
from textual.widgets.option_list import Option

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
    """Record a decision against the current item."""

    def __init__(self, store: Store, meeting_id: int, item_id: int | None):
        self.store = store
        self.meeting_id = meeting_id
        self.item_id = item_id
        super().__init__("Decision on this item", [Field("text", "Decision", "")])

    def save(self, values: dict[str, Any]) -> int:
        decision = self.store.decisions.add(self.meeting_id, self.item_id, values["text"])
        return decision.id or 0


class ActionForm(FormScreen):
    """Raise an action on the current item: what, who (their agency fills in), when."""

    def __init__(self, store: Store, meeting_id: int, item_id: int | None):
        self.store = store
        self.meeting_id = meeting_id
        self.item_id = item_id
        self._agency_of = {p.id: p.agency_id for p in store.directory.people()}
        super().__init__(
            "New action on this item",
            [
                Field("description", "Action"),
                Field("owner_id", "Owner (type to find)", None, options=people_options(store)),
                Field(
                    "agency_id",
                    "Agency",
                    None,
                    options=[(a.name, a.id) for a in store.directory.agencies()],
                ),
                Field(
                    "due",
                    "Due (12 Dec, 12/12/2026, +2w, end of month, next meeting)",
                    "",
                ),
            ],
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        # The owner's agency fills in; the chair can still change it.
        if event.select.id == "field-owner_id" and event.value is not Select.NULL:
            agency = self._agency_of.get(event.value)  # type: ignore[call-overload]
            if agency is not None:
                self.query_one("#field-agency_id", Select).value = agency

    def save(self, values: dict[str, Any]) -> int:
        due = due_from_text(self.store, self.meeting_id, values["due"], self.past_seen)
        action = self.store.actions.add(
            values["description"],
            owner_id=values["owner_id"],
            agency_id=values["agency_id"],
            due=due,
            meeting_id=self.meeting_id,
            item_id=self.item_id,
        )
        return action.id or 0


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
        changes: dict[str, Any] = {}
        if self.mode == "close":
            changes["status"] = "done"
        elif self.mode == "redate":
            changes["due"] = due_from_text(
                self.store, self.meeting_id, values["due"], self.past_seen
            )
            if changes["due"] is None:
                raise InvalidValue({"due": "enter the new due date"})
        elif self.mode == "reassign":
            changes["owner_id"] = values["owner_id"]
        elif not values["update"].strip():
            raise InvalidValue({"update": "required"})
        self.store.actions.update(
            self.action_id, update=values.get("update"), meeting_id=self.meeting_id, **changes
        )
        return self.action_id


def people_options(store: Store) -> list[tuple[str, int]]:
    agencies = {a.id: a.short_name for a in store.directory.agencies()}
    return [
        (f"{p.name} ({agencies.get(p.agency_id, 'no agency')})", p.id or 0)
        for p in store.directory.people()
    ]
