"""One action: its fields, its dated history and its audit trail; the forms that
raise, edit and update actions (the action log uses them too)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from screens.common.base import QuorateScreen
from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO, due_from_text
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.actions import rag_of
from store.domain.dates import Rag, describe_due
from store.domain.errors import InvalidValue, NotFound, StoreError
from store.domain.models import Action, ActionStatus, Meeting

if TYPE_CHECKING:
    from store import Store

DUE_HINT = "e.g. +2w, 12 Dec, end of month, next meeting; blank: none"
DATE_FIELDS = frozenset({"raised_on", "due", "closed_on", "latest_update_on"})
STATUS_VALUES = frozenset(s.value for s in ActionStatus)
RAG_LABELS = {r.value: r.value.capitalize() for r in Rag}
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
    "closed_on": "Closed on",
    "latest_update": "Latest update",
    "latest_update_on": "Latest update on",
}


def meeting_label(meeting: Meeting) -> Text:
    return Text(f"{meeting.date:%d %b %Y}  {meeting.title}")


def meetings_latest_first(store: Store) -> list[Meeting]:
    return store.meetings.latest(200)


def wrapped_table(titles: list[str], rows: list[list[Text]], fixed: int) -> Table:
    """A read-only table whose last columns wrap to the screen's width (no colours
    of its own, so the theme's apply); the first ``fixed`` columns never wrap."""
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
    for n, title in enumerate(titles):
        table.add_column(title, no_wrap=n < fixed, ratio=None if n < fixed else 1)
    for row in rows:
        table.add_row(*row)
    return table


def due_text(due: dt.date | None) -> str:
    """A due date as a chair would type it back (parse_due reads it)."""
    return f"{due.day} {due:%b %Y}" if due else ""


class ActionForm(FormScreen):
    """Raise an action (``action`` None) or edit one; dismisses with its id."""

    def __init__(self, store: Store, action: Action | None = None):
        self.store = store
        self.action = action
        people = store.directory.people()
        self.agency_of = {p.id: p.agency_id for p in people}
        owner = action.owner_id if action else None
        agency = action.agency_id if action else None
        if agency is not None and agency == self.agency_of.get(owner):
            agency = None  # blank follows the owner, so a new owner brings their agency
        fields = [
            Field("description", "Action", action.description if action else ""),
            Field("owner_id", "Owner", owner, options=[(Text(p.name), p.id) for p in people]),
            Field(
                "agency_id",
                "Agency (blank: the owner's)",
                agency,
                options=[(Text(a.name), a.id) for a in store.directory.agencies()],
            ),
            Field("due", "Due date", due_text(action.due) if action else "", placeholder=DUE_HINT),
        ]
        if action is None:
            fields.append(
                Field(
                    "meeting_id",
                    "Raised at meeting (optional)",
                    None,
                    options=[(meeting_label(m), m.id) for m in meetings_latest_first(store)],
                )
            )
        else:
            fields += [
                Field(
                    "status",
                    "Status",
                    action.status,
                    options=[(s.label, s) for s in ActionStatus],
                    allow_blank=False,
                ),
                Field("blocked", "Blocked", action.blocked, options=YES_NO, allow_blank=False),
            ]
        super().__init__(f"Edit {action.reference}" if action else "New action", fields)

    def save(self, values: dict[str, Any]) -> int:
        meeting_id = self.action.meeting_id if self.action else values.get("meeting_id")
        try:
            due = due_from_text(
                self.store, meeting_id, str(values.pop("due") or ""), self.past_seen
            )
        except InvalidValue as exc:
            # Say what else is missing too, rather than one message per save.
            errors = dict(exc.errors)
            if not str(values["description"] or "").strip():
                errors["description"] = "required"
            raise InvalidValue(errors) from None
        owner, agency = values["owner_id"], values.pop("agency_id")
        if agency is None and owner is None:
            values["agency_id"] = None
        elif agency is not None:
            values["agency_id"] = agency
        if self.action is None:
            return (
                self.store.actions.add(
                    values["description"],
                    owner_id=owner,
                    agency_id=values.get("agency_id"),
                    due=due,
                    meeting_id=meeting_id,
                ).id
                or 0
            )
        action_id = self.action.id or 0
        self.store.actions.update(action_id, due=due, **values)
        return action_id


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
        badge.update(
            f"RAG: {RAG_LABELS[rag]}" + (" (blocked)" if action.blocked and rag == "red" else "")
        )
        for name in RAG_LABELS:
            badge.set_class(name == rag, f"-{name}")
        self.query_one("#action-fields", Static).update(
            self._fields(action, today, people, agencies, meetings)
        )
        self._history(meetings)
        self._audit(people, agencies, meetings)
        self.sub_title = action.reference
        self.refresh_bindings()

    def _fields(
        self,
        action: Action,
        today: dt.date,
        people: dict[int | None, str],
        agencies: dict[int | None, str],
        meetings: dict[int | None, Meeting],
    ) -> Text:
        raised = meetings.get(action.meeting_id)
        if action.due is None:
            due = "no due date"
        elif action.status.is_open:
            due = f"{action.due:%a %d %b %Y} ({describe_due(action.due, today)})"
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
            ("Status", action.status.label + (" (blocked)" if action.blocked else "")),
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

    def _history(self, meetings: dict[int | None, Meeting]) -> None:
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

    def _audit(
        self,
        people: dict[int | None, str],
        agencies: dict[int | None, str],
        meetings: dict[int | None, Meeting],
    ) -> None:
        def shown(field: str, value: str | None) -> str:
            """An audited value in words: names for ids, dates written out."""
            if value is None or value == "":
                return "—"
            if field in DATE_FIELDS:
                try:
                    return f"{dt.date.fromisoformat(value):%d %b %Y}"
                except ValueError:
                    return value
            if field == "owner_id":
                return people.get(_int(value), value)
            if field == "agency_id":
                return agencies.get(_int(value), value)
            if field == "meeting_id":
                meeting = meetings.get(_int(value))
                return f"{meeting.title} ({meeting.date:%d %b %Y})" if meeting else value
            if field == "item_id":
                try:
                    return self.store.agenda.item(_int(value) or 0).title
                except NotFound:
                    return value
            if field == "status" and value in STATUS_VALUES:
                return ActionStatus(value).label
            return {"true": "yes", "false": "no"}.get(value, value) if field == "blocked" else value

        rows = []
        for entry in self.store.audit_trail("actions", self.action_id):
            change = Text(shown(entry.field, entry.old))
            change.append(" → ", style="bold")
            change.append(shown(entry.field, entry.new))
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
                self.store.actions.update(self.action_id, status=ActionStatus.DONE)
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


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None
