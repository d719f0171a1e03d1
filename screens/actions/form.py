"""The action form: raise an action (from the log or in a meeting) or edit one.

One form for every place an action is raised, so the chair meets the same
fields in the same order; which agency holds an action is the store's rule
(``store.actions.agency_for``: the one chosen, else the owner's).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text

from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO, due_from_text
from store.domain.errors import InvalidValue
from store.domain.kinds import ActionStatus

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import Action, Meeting

DUE_HINT = "e.g. +2w, 12 Dec, end of month, next meeting; blank: none"


def meeting_label(meeting: Meeting) -> Text:
    return Text(f"{meeting.date:%d %b %Y}  {meeting.title}")


def meetings_latest_first(store: Store) -> list[Meeting]:
    return store.meetings.latest(200)


def people_options(store: Store) -> list[tuple[str | Text, int]]:
    """Everyone, as "name (agency)", so two people of one name can be told apart."""
    agencies = {a.id: a.short_name for a in store.directory.agencies()}
    return [
        (f"{p.name} ({agencies.get(p.agency_id, 'no agency')})", p.id or 0)
        for p in store.directory.people()
    ]


def due_text(due: dt.date | None) -> str:
    """A due date as a chair would type it back (parse_due reads it)."""
    return f"{due.day} {due:%b %Y}" if due else ""


class ActionForm(FormScreen):
    """Raise an action (``action`` None) or edit one; dismisses with its id.

    Raised in a meeting, ``meeting_id`` and ``item_id`` say where; raised from
    the log, the chair may choose the meeting. An agency left blank is the
    owner's, so a new owner brings their agency.
    """

    def __init__(
        self,
        store: Store,
        action: Action | None = None,
        *,
        meeting_id: int | None = None,
        item_id: int | None = None,
    ):
        self.store = store
        self.action = action
        self.meeting_id = action.meeting_id if action else meeting_id
        self.item_id = action.item_id if action else item_id
        agency = store.actions.agency_apart_from_owner(action) if action else None
        fields = [
            Field("description", "Action", action.description if action else ""),
            Field(
                "owner_id",
                "Owner (type to find)",
                action.owner_id if action else None,
                options=people_options(store),
            ),
            Field(
                "agency_id",
                "Agency (blank: the owner's)",
                agency,
                options=[(Text(a.name), a.id) for a in store.directory.agencies()],
            ),
            Field("due", "Due date", due_text(action.due) if action else "", placeholder=DUE_HINT),
        ]
        if action is None and meeting_id is None:
            fields.append(
                Field(
                    "meeting_id",
                    "Raised at meeting (optional)",
                    None,
                    options=[(meeting_label(m), m.id) for m in meetings_latest_first(store)],
                )
            )
        elif action is not None:
            fields += [
                Field(
                    "status",
                    "Status",
                    action.status,
                    options=[(s.label, s) for s in ActionStatus],
                    allow_blank=False,
                ),
                Field("blocked", "Blocked", action.blocked, options=YES_NO, allow_blank=False),
                Field("at_risk", "At risk", action.at_risk, options=YES_NO, allow_blank=False),
            ]
        if action:
            title = f"Edit {action.reference}"
        else:
            title = "New action on this item" if meeting_id is not None else "New action"
        super().__init__(title, fields)

    def save(self, values: dict[str, Any]) -> int:
        meeting_id = self.meeting_id if self.meeting_id is not None else values.get("meeting_id")
        description = str(values["description"] or "")
        try:
            due = due_from_text(self.store, meeting_id, str(values["due"] or ""), self.past_seen)
        except InvalidValue as exc:
            # Say what else is missing too, rather than one message per save.
            errors = dict(exc.errors)
            if not description.strip():
                errors["description"] = "required"
            raise InvalidValue(errors) from None
        owner_id: int | None = values["owner_id"]
        agency_id: int | None = values["agency_id"]
        if self.action is None:
            action = self.store.actions.add(
                description,
                owner_id=owner_id,
                agency_id=agency_id,
                due=due,
                meeting_id=meeting_id,
                item_id=self.item_id,
            )
            return action.id or 0
        action_id = self.action.id or 0
        self.store.actions.update(
            action_id,
            description=description,
            owner_id=owner_id,
            agency_id=agency_id,
            due=due,
            status=ActionStatus(values["status"]),
            blocked=bool(values["blocked"]),
            at_risk=bool(values["at_risk"]),
        )
        return action_id
