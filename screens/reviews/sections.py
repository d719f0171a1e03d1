"""The review's written sections (background, practice episodes, good practice,
learning, how racism, inequality and disability shaped it, the decision's
rationale) in one multi-line editor: choose a section, write; ctrl+s saves every
section changed, escape asks before throwing the edits away."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static, TextArea

from screens.common.base import after_typed_keys
from screens.common.form import dismiss_asking
from store import Store
from store.domain.errors import InvalidValue, StoreError

SECTIONS: dict[str, str] = {
    "background": "Background",
    "practice_episodes": "Key practice episodes",
    "good_practice": "Good practice",
    "learning_local": "Learning: local",
    "learning_national": "Learning: national",
    "inequality": "How racism, inequality and disability shaped the child's experience "
    "and the services' response",
    "rationale": "The decision's rationale",
    "other_learning": "Another learning activity instead of an LCSPR",
    "late_reason": "Why the review was late",
}


class SectionsEditor(ModalScreen[bool | None]):
    """Write the review's sections; dismisses with True once saved."""

    DEFAULT_CSS = """
    SectionsEditor {
        align: center middle;
    }
    SectionsEditor > Vertical {
        width: 90%;
        max-width: 110;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    SectionsEditor .form-title {
        text-style: bold;
        padding: 1 0 0 0;
    }
    SectionsEditor .field-label {
        margin-top: 1;
        color: $text-muted;
    }
    SectionsEditor TextArea {
        height: 1fr;
        min-height: 4;
    }
    SectionsEditor #sections-error {
        color: $error;
        height: auto;
    }
    SectionsEditor .form-buttons {
        height: auto;
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save sections", id="sections-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="sections-cancel"),
    ]

    def __init__(self, store: Store, review_id: int, section: str = "background"):
        super().__init__()
        self.store = store
        self.review_id = review_id
        review = store.reviews.get(review_id)
        self.reference = review.reference
        self._original = {name: str(getattr(review, name) or "") for name in SECTIONS}
        self._edited: dict[str, str] = {}
        self._section = section if section in SECTIONS else "background"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text(f"The sections of {self.reference} (names here are redacted on export)"),
                classes="form-title",
            )
            yield Label(
                "Section (the text of each is kept as you move between them)", classes="field-label"
            )
            yield Select(
                [(Text(label), name) for name, label in SECTIONS.items()],
                value=self._section,
                allow_blank=False,
                id="sections-which",
            )
            yield TextArea(
                self._original[self._section],
                id="sections-text",
                soft_wrap=True,
                show_line_numbers=False,
            )
            yield Static("", id="sections-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", id="sections-save-button", variant="primary")
                yield Button("Cancel (esc)", id="sections-cancel-button")

    @property
    def area(self) -> TextArea:
        return self.query_one("#sections-text", TextArea)

    def on_mount(self) -> None:
        area = self.area
        area.move_cursor(area.document.end)
        area.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        chosen = event.value
        if not isinstance(chosen, str) or chosen == self._section:
            return
        self._edited[self._section] = self.area.text
        self._section = chosen
        area = self.area
        area.load_text(self._edited.get(chosen, self._original[chosen]))
        area.move_cursor(area.document.end)

    def edits(self) -> dict[str, str]:
        """The sections whose text differs from what the review holds."""
        texts = dict(self._edited)
        texts[self._section] = self.area.text
        return {name: text for name, text in texts.items() if text != self._original[name]}

    @after_typed_keys
    def action_save(self) -> None:
        error = self.query_one("#sections-error", Static)
        changes = self.edits()
        if not changes:
            self.dismiss(None)
            return
        try:
            self.store.reviews.update(self.review_id, **changes)
        except InvalidValue as exc:
            error.update(
                Text("; ".join(f"{SECTIONS.get(k, k)}: {v}" for k, v in exc.errors.items()))
            )
            return
        except StoreError as exc:
            error.update(Text(str(exc)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        dismiss_asking(self, bool(self.edits()), "Throw away what you wrote in these sections?")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "sections-save-button":
            self.action_save()
        else:
            self.action_cancel()
