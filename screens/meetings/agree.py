"""Agreeing a meeting's minutes as an accurate record, and amending them once
agreed (each amendment with its reason; the audit trail keeps the text before)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from screens.common.base import after_typed_keys
from screens.common.form import Field, FormScreen, dismiss_asking
from store import Store
from store.domain.errors import InvalidValue, StoreError


class AgreeMinutesForm(FormScreen):
    """The minutes of ``meeting_id`` agreed, at ``at_meeting_id`` (the next
    meeting's "minutes of the previous meeting" item) or on the meeting screen."""

    def __init__(self, store: Store, meeting_id: int, at_meeting_id: int | None = None):
        self.store = store
        self.meeting_id = meeting_id
        self.at_meeting_id = at_meeting_id
        meeting = store.meetings.get(meeting_id)
        super().__init__(
            f"Agree the minutes of {store.register.redacted(meeting.title)}, "
            f"{meeting.date.day} {meeting.date:%B %Y}, as an accurate record? Once agreed "
            "they are locked: a later change is an amendment with its reason.",
            [
                Field(
                    "amendments",
                    "Amendments agreed with them (blank: none)",
                    placeholder="Item 5: 'ICB' for 'CCG' in the second paragraph",
                )
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        agreement = self.store.record.agree(
            self.meeting_id,
            at_meeting_id=self.at_meeting_id,
            amendments=values["amendments"] or None,
        )
        return agreement.id or 0


class AmendMinutesScreen(ModalScreen[int | None]):
    """Change one item's agreed minutes: choose the item, say why, edit the text;
    ctrl+s saves the amendment, escape asks before throwing the edit away."""

    DEFAULT_CSS = """
    AmendMinutesScreen {
        align: center middle;
    }
    AmendMinutesScreen > Vertical {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    AmendMinutesScreen .form-title {
        text-style: bold;
        padding: 1 0 0 0;
    }
    AmendMinutesScreen .field-label {
        margin-top: 1;
        color: $text-muted;
    }
    AmendMinutesScreen Input {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    AmendMinutesScreen Input:focus {
        border: none;
        background: $primary 30%;
    }
    AmendMinutesScreen TextArea {
        height: 1fr;
        min-height: 4;
    }
    AmendMinutesScreen #amend-error {
        color: $error;
        height: auto;
    }
    AmendMinutesScreen .form-buttons {
        height: auto;
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save amendment", id="amend-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="amend-cancel"),
    ]

    def __init__(self, store: Store, meeting_id: int):
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.agenda = [item for item in store.agenda.items(meeting_id) if item.id is not None]
        self._original: dict[int, str] = {item.id or 0: item.minutes for item in self.agenda}
        self._edited: dict[int, str] = {}
        self._item_id: int | None = None

    def compose(self) -> ComposeResult:
        meeting = self.store.meetings.get(self.meeting_id)
        with Vertical():
            yield Static(
                Text(
                    f"Amend the agreed minutes of {self.store.register.redacted(meeting.title)}, "
                    f"{meeting.date.day} {meeting.date:%B %Y}"
                ),
                classes="form-title",
            )
            yield Label("Item", classes="field-label")
            yield Select(
                [(Text(f"{item.position}. {item.title}"), item.id or 0) for item in self.agenda],
                id="amend-item",
                allow_blank=True,
            )
            yield Label("Reason for the amendment (kept with it)", classes="field-label")
            yield Input(placeholder="The ICB's name was given wrongly", id="amend-reason")
            yield Label("The item's minutes as amended", classes="field-label")
            yield TextArea(id="amend-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="amend-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save amendment (ctrl+s)", id="amend-save-button", variant="primary")
                yield Button("Cancel (esc)", id="amend-cancel-button")

    def on_mount(self) -> None:
        self.query_one("#amend-text", TextArea).disabled = True
        self.query_one("#amend-item", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        area = self.query_one("#amend-text", TextArea)
        if self._item_id is not None:
            self._edited[self._item_id] = area.text
        chosen = event.value
        if chosen is Select.NULL or not isinstance(chosen, int):
            self._item_id = None
            area.load_text("")
            area.disabled = True
            return
        self._item_id = chosen
        area.disabled = False
        area.load_text(self._edited.get(chosen, self._original.get(chosen, "")))
        area.move_cursor(area.document.end)  # most amendments add to the end

    def _text(self) -> str:
        return self.query_one("#amend-text", TextArea).text

    def changed(self) -> bool:
        if self.query_one("#amend-reason", Input).value.strip():
            return True
        edits = dict(self._edited)
        if self._item_id is not None:
            edits[self._item_id] = self._text()
        return any(self._original.get(item) != text for item, text in edits.items())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#amend-text", TextArea).focus()

    @after_typed_keys
    def action_save(self) -> None:
        error = self.query_one("#amend-error", Static)
        if self._item_id is None:
            error.update("Choose the item whose minutes are amended.")
            return
        reason = self.query_one("#amend-reason", Input).value
        try:
            amendment = self.store.record.amend(
                self.meeting_id, self._item_id, self._text(), reason
            )
        except InvalidValue as exc:
            words = {"reason": "Reason", "minutes": "Minutes", "what": "Item"}
            error.update(Text("; ".join(f"{words.get(k, k)}: {v}" for k, v in exc.errors.items())))
            return
        except StoreError as exc:
            error.update(Text(str(exc)))
            return
        self.dismiss(amendment.id)

    def action_cancel(self) -> None:
        dismiss_asking(self, self.changed(), "Throw away this amendment?")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "amend-save-button":
            self.action_save()
        else:
            self.action_cancel()
