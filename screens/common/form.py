"""A modal form: labelled fields, a message under each, save and cancel keys.

Subclasses list their fields and implement ``save``; a ``store.domain.errors.InvalidValue``
raised there puts each message under its own field, so the store's validation
is the only validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from screens.common.base import after_typed_keys
from store.domain.errors import InvalidValue, StoreError


@dataclass
class Field:
    name: str
    label: str
    value: Any = None
    options: Sequence[tuple[str | Text, Any]] | None = None  # a Select when given
    placeholder: str = ""
    allow_blank: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class FormScreen(ModalScreen[Any]):
    """Fill in, press ctrl+s (or enter in the last field) to save, escape to cancel.

    Enter in any other field moves to the next one, so a half-filled form is never
    saved by reflex; escape asks before it throws away anything typed.
    """

    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
    }
    FormScreen > VerticalScroll {
        width: 76;
        max-height: 90%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormScreen .form-title {
        text-style: bold;
        padding: 1 0;
    }
    FormScreen .field-label {
        margin-top: 1;
        color: $text-muted;
    }
    FormScreen Input {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    FormScreen Input:focus {
        border: none;
        background: $primary 30%;
    }
    FormScreen .field-error {
        color: $error;
        height: auto;
        display: none;
    }
    FormScreen .field-error.-shown {
        display: block;
    }
    FormScreen .form-error {
        color: $error;
        height: auto;
    }
    FormScreen .form-buttons {
        height: auto;
        margin: 1 0;
    }
    FormScreen .form-buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]

    def __init__(self, title: str, fields: Sequence[Field]):
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.past_seen = set()

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Static(Text(self.form_title), classes="form-title")
            for spec in self.fields:
                yield Label(Text(spec.label), classes="field-label")
                if spec.options is not None:
                    # Labels are user text (names of people, agencies): never markup.
                    yield Select(
                        [(Text(str(label)), value) for label, value in spec.options],
                        value=spec.value if spec.value is not None else Select.NULL,
                        allow_blank=spec.allow_blank,
                        id=f"field-{spec.name}",
                    )
                else:
                    # Not selected on focus: a key typed into a filled field adds to
                    # it rather than replacing a long wording at a stroke.
                    yield Input(
                        "" if spec.value is None else str(spec.value),
                        placeholder=spec.placeholder,
                        id=f"field-{spec.name}",
                        select_on_focus=False,
                    )
                yield Static("", id=f"error-{spec.name}", classes="field-error")
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    _initial: dict[str, Any] | None = None
    past_seen: set[str]  # dates in the past the chair has been told of (screens.common.forms)

    def on_mount(self) -> None:
        if self.fields:
            # Focused without scrolling to it: the form opens at its top, heading shown.
            self.query_one(f"#field-{self.fields[0].name}").focus(scroll_visible=False)
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_home(animate=False)
        # Again once laid out: a focused field low in a long form on a small
        # window would otherwise leave the heading scrolled out of sight.
        self.call_after_refresh(scroll.scroll_home, animate=False)
        self._initial = self.values()

    def changed(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self._initial is not None and self.values() != self._initial

    def values(self) -> dict[str, Any]:
        """Each field's current value: text as typed, a choice or None."""
        out: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                out[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def save(self, values: dict[str, Any]) -> Any:
        """Write the record; return what the form dismisses with."""
        raise NotImplementedError

    @after_typed_keys
    def action_save(self) -> None:
        for spec in self.fields:
            error = self.query_one(f"#error-{spec.name}", Static)
            error.update("")
            error.remove_class("-shown")
        general = self.query_one("#form-error", Static)
        general.update("")
        try:
            result = self.save(self.values())
        except InvalidValue as exc:
            self.show_errors(exc.errors)
            return
        except StoreError as exc:
            general.update(Text(str(exc)))
            return
        self.dismiss(result)

    def show_errors(self, errors: dict[str, str]) -> None:
        names = {spec.name for spec in self.fields}
        leftover = []
        first = None
        for name, message in errors.items():
            if name in names:
                error = self.query_one(f"#error-{name}", Static)
                error.update(Text(message))
                error.add_class("-shown")
                first = first or name
            else:
                leftover.append(f"{name}: {message}")
        if leftover:
            self.query_one("#form-error", Static).update(Text("; ".join(leftover)))
        if first:
            field = self.query_one(f"#field-{first}")
            # No scroll animation: the form should settle at once.
            field.focus(scroll_visible=False)
            self.query_one(VerticalScroll).scroll_to_widget(field, animate=False)

    def action_cancel(self) -> None:
        dismiss_asking(self, self.changed(), "Throw away what you typed in this form?")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = self.fields[-1].name if self.fields else None
        inputs = [s.name for s in self.fields if s.options is None]
        if event.input.id in (f"field-{last}", f"field-{inputs[-1]}" if inputs else None):
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()


def dismiss_asking(screen: ModalScreen[Any], changed: bool, question: str) -> None:
    """Close ``screen`` with None: at once when nothing was ``changed``, else once
    the chair says yes to ``question`` (n keeps editing)."""
    if not changed:
        screen.dismiss(None)
        return
    from screens.widgets.confirm import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen(f"{question} (n: keep editing)"), answered)
