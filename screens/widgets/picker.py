"""Type-to-filter person picker, reusable wherever a chair chooses people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    pass

NO_DEPUTY = 0


class PersonPicker(ModalScreen[int | None]):
    """Type to filter a list of people; enter takes the highlighted one.

    With ``on_pick`` the picker stays open: each person taken is handed to it
    (it returns True when that worked) and leaves the list, so a chair can invite
    a dozen people in one go. Without it, the picker dismisses with the person's
    id (``NO_DEPUTY`` for the "none" option), or None on escape.
    """

    # A modal is a screen of its own, which AttendanceScreen's nested rules cannot reach.
    DEFAULT_CSS = """
    PersonPicker { align: center middle; }
    PersonPicker > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PersonPicker .picker-title { text-style: bold; padding-top: 1; }
    PersonPicker .picker-keys { color: $text-muted; padding-bottom: 1; }
    PersonPicker Input, PersonPicker Input:focus {
        border: none; height: 1; padding: 0 1; background: $boost;
    }
    PersonPicker OptionList { height: auto; max-height: 16; border: none; margin: 1 0; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="picker-close"),
        Binding("down", "move('down')", "Next", show=False, id="picker-down"),
        Binding("up", "move('up')", "Previous", show=False, id="picker-up"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[int, Text]],
        *,
        none_label: str | None = None,
        on_pick: Callable[[int], bool] | None = None,
        highlight: int | None = None,
    ):
        super().__init__()
        self.title_text, self.choices, self.none_label = title, list(choices), none_label
        self.on_pick, self.highlight = on_pick, highlight

    def compose(self) -> ComposeResult:
        keys = "enter: add (the list stays open)" if self.on_pick else "enter: choose"
        with Vertical():
            yield Static(Text(self.title_text), classes="picker-title")
            yield Static(f"Type to filter · ↑↓ · {keys} · esc: close", classes="picker-keys")
            yield Input(placeholder="name, initials, agency or job title")
            yield OptionList()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.can_focus = False  # typing stays in the filter
        self.refilter("")
        if self.highlight is not None:
            options.highlighted = options.get_option_index(str(self.highlight))

    def refilter(self, query: str) -> None:
        words = query.lower().split()
        choices = list(self.choices)
        if self.none_label is not None:
            choices.insert(0, (NO_DEPUTY, Text(self.none_label, style="italic")))
        shown = [
            Option(label, id=str(person_id))
            for person_id, label in choices
            if all(word in label.plain.lower() for word in words)
        ]
        options = self.query_one(OptionList)
        options.set_options(shown)
        options.highlighted = 0 if shown else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.take(int(options.get_option_at_index(options.highlighted).id or 0))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.take(int(event.option.id or 0))

    def take(self, person_id: int) -> None:
        if self.on_pick is None:
            self.dismiss(person_id)
        elif self.on_pick(person_id):
            self.choices = [c for c in self.choices if c[0] != person_id]
            self.query_one(Input).value = ""
            self.refilter("")

    def action_move(self, direction: str) -> None:
        options = self.query_one(OptionList)
        if direction == "down":
            options.action_cursor_down()
        else:
            options.action_cursor_up()
