"""One action: its fields, its dated history and its audit trail; the update
form (the action form is screens/actions/form.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from screens.actions.form import ActionForm, meeting_label, meetings_latest_first
from screens.common.base import QuorateScreen
from screens.common.form import Field, FormScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.actions import ChangeValue, rag_of
from store.domain.deadlines import Rag, due_from_now
from store.domain.errors import InvalidValue, StoreError
from store.domain.kinds import ActionStatus
from store.domain.models import Action, Meeting

if TYPE_CHECKING:
    from store import Store

RAG_LABELS = {r.value: r.label for r in Rag}  # "No date" for an open action without one
# meeting_label and meetings_latest_first moved to screens.actions.form; named
# here still for the decision log, which imports them from this module.
__all__ = [
    "RAG_LABELS",
    "ActionForm",
    "ActionScreen",
    "UpdateForm",
    "meeting_label",
    "meetings_latest_first",
]
AUDIT_LABELS = {
    "reference": "Reference",
    "description": "Description",
    "owner_id": "Owner",
    "agency_id": "Agency",
    "meeting_id": "Raised at",
    "item_id": "Agenda item",
    "raised_on": "Raised on",
    "due": "Due",
    "status": "Status",
    "blocked": "Blocked",
    "at_risk": "At risk",
    "closed_on": "Closed on",
    "latest_update": "Latest update",
    "latest_update_on": "Latest update on",
}


def wrapped_table(titles: list[str], rows: list[list[Text]], fixed: int) -> Table:
    """A read-only table whose last columns wrap to the screen's width (no colours
    of its own, so the theme's apply); the first ``fixed`` columns never wrap."""
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
    for n, title in enumerate(titles):
        table.add_column(title, no_wrap=n < fixed, ratio=None if n < fixed else 1)
    for row in rows:
        table.add_row(*row)
    return table


class UpdateForm(FormScreen):
    """A dated progress note on one action."""

    def __init__(self, store: Store, action: Action):
        self.store = store
        self.action = action
        super().__init__(
            f"Update on {action.reference}",
            [Field("update", "Update (dated today)", "", placeholder="What has happened since")],
        )

    def save(self, values: dict[str, Any]) -> int:
        text = str(values["update"] or "").strip()
        if not text:
            raise InvalidValue({"update": "required"})
        self.store.actions.update(self.action.id or 0, update=text)
        return self.action.id or 0


class ActionScreen(QuorateScreen):
    WRITES = QuorateScreen.WRITES | {"add_update", "close_action"}
    CSS_PATH = "action.tcss"
    BINDINGS = [
        Binding("u", "add_update", "Add update", id="action-update"),
        Binding("e", "edit", "Edit", id="action-edit"),
        Binding("c", "close_action", "Close (done)", id="action-close"),
        Binding("escape,backspace", "back", "Back", id="action-back", key_display="esc"),
    ]

    def __init__(self, action_id: int):
        super().__init__()
        self.action_id = action_id
        self.action: Action | None = None  # as last read by reload

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="action-body"):
            yield Static(id="action-title")
            yield Static(id="action-rag")
            yield Static(id="action-fields")
            yield Static("History", classes="section-heading")
            yield Static(id="action-history")
            yield Static("Audit trail", classes="section-heading")
            yield Static(id="action-audit")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # Follows the mount, and every form or question closed over this screen.
        self.reload()

    # A single action's history and audit are a few dozen rows: read on the UI thread.
    def reload(self) -> None:
        store = self.store
        action = self.action = store.actions.get(self.action_id)
        today = store.clock().date()
        people = {p.id: p.name for p in store.directory.people()}
        agencies = {a.id: a.short_name for a in store.directory.agencies()}
        # Only the meetings this action refers to, fetched as needed (ten years
        # of meetings is thousands).
        meetings = _MeetingLookup(store)
        title = Text(action.reference, style="bold")
        title.append("  ")
        title.append(action.description)
        self.query_one("#action-title", Static).update(title)
        rag = rag_of(action, today, self.store.settings.amber_days())
        badge = self.query_one("#action-rag", Static)
        badge.update(f"RAG: {RAG_LABELS[rag]}{_why(action, rag)}")
        for name in RAG_LABELS:
            badge.set_class(name == rag, f"-{name}")
        self.query_one("#action-fields", Static).update(
            self._fields(action, today, people, agencies, meetings)
        )
        self._history(meetings)
        self._audit()
        self.sub_title = action.reference
        self.refresh_bindings()

    def _fields(
        self,
        action: Action,
        today: dt.date,
        people: dict[int | None, str],
        agencies: dict[int | None, str],
        meetings: _MeetingLookup,
    ) -> Text:
        raised = meetings.get(action.meeting_id)
        if action.due is None:
            due = "no due date"
        elif action.status.is_open:
            due = f"{action.due:%a %d %b %Y} ({due_from_now(action.due, today)})"
        else:  # "105 days overdue" is wrong once it is done
            due = f"{action.due:%a %d %b %Y}"
        rows = [
            ("Owner", people.get(action.owner_id, "nobody yet")),
            ("Agency", agencies.get(action.agency_id, "")),
            (
                "Raised",
                f"{action.raised_on:%d %b %Y}" + (f" at {raised.title}" if raised else ""),
            ),
            ("Due", due),
            ("Status", action.status.label + _flags(action)),
        ]
        if action.closed_on:
            rows.append(("Closed", f"{action.closed_on:%d %b %Y}"))
        if action.latest_update:
            when = f"{action.latest_update_on:%d %b %Y}: " if action.latest_update_on else ""
            rows.append(("Latest update", when + action.latest_update))
        text = Text()
        for label, value in rows:
            text.append(f"{label:<14}", style="bold")
            text.append(f"{value}\n")
        text.rstrip()
        return text

    def _history(self, meetings: _MeetingLookup) -> None:
        rows = []
        for update in self.store.actions.history(self.action_id):
            meeting = meetings.get(update.meeting_id)
            rows.append(
                [
                    Text(f"{update.on_date:%d %b %Y}"),
                    Text(update.kind.value.capitalize()),
                    Text(f"{meeting.title} ({meeting.date:%d %b %Y})" if meeting else ""),
                    Text(update.text),
                ]
            )
        self.query_one("#action-history", Static).update(
            wrapped_table(["Date", "What", "At meeting", "Note"], rows, fixed=2)
        )

    def _audit(self) -> None:
        rows = []
        for entry in self.store.actions.changes(self.action_id):
            change = Text(_shown(entry.old))
            change.append(" → ", style="bold")
            change.append(_shown(entry.new))
            rows.append(
                [
                    Text(f"{entry.at:%d %b %Y %H:%M}"),
                    Text(entry.who),
                    Text(AUDIT_LABELS.get(entry.field, entry.field)),
                    change,
                ]
            )
        self.query_one("#action-audit", Static).update(
            wrapped_table(["When", "Who", "Field", "Change"], rows, fixed=3)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_action" and self.action is not None:
            if not self.action.status.is_open:
                return None
        return super().check_action(action, parameters)

    # The screen reloads when the form or question closes (ScreenResume).
    def action_add_update(self) -> None:
        if self.action is not None:
            self.app.push_screen(UpdateForm(self.store, self.action))

    def action_edit(self) -> None:
        if self.action is not None:
            self.app.push_screen(ActionForm(self.store, self.action))

    def action_close_action(self) -> None:
        action = self.action
        if action is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.actions.close(self.action_id)
            except StoreError as exc:
                self.report(exc)
                return
            self.notify(f"{action.reference} closed as done.")
            self.reload()  # written after the question closed (and the screen resumed)

        self.app.push_screen(ConfirmScreen(f"Close {action.reference} as done?"), answered)

    def action_back(self) -> None:
        self.dismiss()


class _MeetingLookup:
    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[int, Meeting | None] = {}

    def get(self, meeting_id: int | None) -> Meeting | None:
        if meeting_id is None:
            return None
        if meeting_id not in self.cache:
            try:
                self.cache[meeting_id] = self.store.meetings.get(meeting_id)
            except StoreError:
                self.cache[meeting_id] = None
        return self.cache[meeting_id]


def _flags(action: Action) -> str:
    """What the owner has reported, in brackets: blocked, at risk, both or neither."""
    flags = [name for name, on in (("blocked", action.blocked), ("at risk", action.at_risk)) if on]
    return f" ({', '.join(flags)})" if flags else ""


def _why(action: Action, rag: str) -> str:
    """Why the badge is red or amber when the due date alone would not say so."""
    if rag == Rag.RED and action.blocked:
        return " (blocked)"
    if rag == Rag.AMBER and action.at_risk:
        return " (at risk)"
    return ""


def _shown(value: ChangeValue) -> str:
    """An audited value in words: dates written out, statuses and yes/no named."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, ActionStatus):
        return value.label
    if isinstance(value, Meeting):
        return f"{value.title} ({value.date:%d %b %Y})"
    if isinstance(value, dt.date):
        return f"{value:%d %b %Y}"
    return value
