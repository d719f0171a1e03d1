"""Small dialogs of the live meeting: pick an item, record a decision."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.widgets.form import Field, FormScreen
from store.models import AgendaItem

if TYPE_CHECKING:
    from store import Store


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
            yield Static(Text("Go to item (enter to go, esc to stay)", style="bold"))
            yield OptionList(*options, id="item-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [it.id for it in self.items]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        options.focus()

    def on_key(self, event: Any) -> None:
        # A digit jumps to that item number, as a chair reads the agenda.
        if event.character and event.character.isdigit():
            number = int(event.character)
            match = next((it for it in self.items if it.position == number), None)
            if match is not None:
                self.query_one(OptionList).highlighted = self.items.index(match)
                event.stop()

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
        decision = self.store.add_decision(self.meeting_id, self.item_id, values["text"])
        return decision.id or 0
