"""The action log: references, owners, due dates, status, RAG, updates; matters
arising. Queries are paged and indexed so that 50,000 actions open, filter and
scroll without delay."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, Unpack

from store.domain import errors
from store.domain.fields import ActionChanges
from store.domain.kinds import (
    ActionStatus,
    ActionUpdateKind,
)

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        Action,
        ActionUpdate,
        Meeting,
    )
    from store.settings import SettingsPart
from store.action_log import (
    OPEN_STATES,
    ActionQuery,
    ActionRow,
    count_actions,
    page_of_actions,
    rag_of,
    read_all_actions,
)

ALL = ActionQuery()  # the whole log
# A series' first meeting reports the actions closed in this many days before it.
CLOSED_LOOKBACK_DAYS = 90

__all__ = ["OPEN_STATES", "ActionChange", "ActionQuery", "ActionRow", "ActionsPart", "rag_of"]

_DATE_FIELDS = frozenset({"raised_on", "due", "closed_on", "latest_update_on"})

# An audited value, decoded: a date, yes/no, a status, the meeting an id names,
# a name for a person, agency or agenda item; text as it was; None for nothing.
ChangeValue: TypeAlias = "str | bool | dt.date | ActionStatus | Meeting | None"


@dataclass(frozen=True)
class ActionChange:
    """One audited change to an action's field, its values decoded (``ChangeValue``).

    A person, agency or agenda item is given by its name as it is now; one that
    has since been removed by the id that was recorded."""

    at: dt.datetime
    who: str
    field: str
    old: ChangeValue
    new: ChangeValue


class ActionsPart:
    def __init__(self, unit: Unit, settings: SettingsPart) -> None:
        self.unit = unit
        self._settings = settings

    def add(
        self,
        description: str,
        *,
        owner_id: int | None = None,
        agency_id: int | None = None,
        due: dt.date | str | None = None,
        meeting_id: int | None = None,
        item_id: int | None = None,
    ) -> Action:
        """Raise an action; its reference (A-2026-014) is unique in the file.

        The owner's agency is used unless ``agency_id`` is given.
        """
        from store.domain.models import Action, Meeting, validate

        today = self.unit.clock().date()
        agency_id = self.agency_for(owner_id, agency_id)
        raised_on = today
        if meeting_id is not None:
            meeting = self.unit.get(Meeting, "meetings", meeting_id)
            raised_on = meeting.date
        action = validate(
            Action,
            {
                "description": description,
                "owner_id": owner_id,
                "agency_id": agency_id,
                "due": due,
                "meeting_id": meeting_id,
                "item_id": item_id,
                "raised_on": raised_on,
            },
        )
        with self.unit.write():
            reference = self.unit.next_reference("A", raised_on.year)
            action = action.model_copy(update={"reference": reference})
            action_id = self.unit.insert("actions", action)
            self._add_update(action_id, ActionUpdateKind.CREATED, "Raised", meeting_id)
        return action.model_copy(update={"id": action_id})

    def agency_for(self, owner_id: int | None, agency_id: int | None = None) -> int | None:
        """The agency an action is held by: the one given, else its owner's (an
        action with neither has none). ``InvalidValue`` on an owner who is not on file."""
        if agency_id is not None or owner_id is None:
            return agency_id
        owner = self.unit.row("SELECT agency_id FROM people WHERE id = ?", [owner_id])
        if owner is None:
            raise errors.InvalidValue({"owner_id": "no such person"})
        return int(owner["agency_id"]) if owner["agency_id"] is not None else None

    def agency_apart_from_owner(self, action: Action) -> int | None:
        """The action's agency when it is not simply its owner's, else None: what a
        form shows, so that leaving it blank lets a new owner bring their agency."""
        if action.agency_id is None or action.owner_id is None:
            return action.agency_id
        owners = self.agency_for(action.owner_id) if self._person_exists(action.owner_id) else None
        return None if action.agency_id == owners else action.agency_id

    def _person_exists(self, person_id: int) -> bool:
        return bool(self.unit.scalar("SELECT count(*) FROM people WHERE id = ?", [person_id]))

    def get(self, action_id: int) -> Action:
        from store.domain.models import Action

        return self.unit.get(Action, "actions", action_id)

    def by_reference(self, reference: str) -> Action | None:
        from store.domain.models import Action

        row = self.unit.row(
            "SELECT * FROM actions WHERE reference = ?", [reference.strip().upper()]
        )
        return Action.model_validate(row) if row else None

    def update(
        self,
        action_id: int,
        *,
        update: str | None = None,
        meeting_id: int | None = None,
        **given: Unpack[ActionChanges],
    ) -> Action:
        """Change an action and record it in its history.

        ``update`` is a dated progress note; changes of status, due date and
        owner are recorded as updates too (with the meeting where they were
        made, so that meeting's minutes can show them). A new owner brings
        their agency unless one is given, and an agency given as None is the
        owner's (``agency_for``).
        """
        return self._change(action_id, dict(given), update, meeting_id)

    def close(
        self,
        action_id: int,
        *,
        on: dt.date | None = None,
        note: str | None = None,
        meeting_id: int | None = None,
    ) -> Action:
        """Close an action as done on ``on`` (today when not given), with an
        optional closing note, at ``meeting_id`` when closed in a meeting (its
        minutes show it). One already closed keeps the day it closed."""
        return self._change(action_id, {"status": ActionStatus.DONE}, note, meeting_id, on)

    def _change(
        self,
        action_id: int,
        changes: dict[str, Any],
        update: str | None,
        meeting_id: int | None,
        closed_on: dt.date | None = None,
    ) -> Action:
        from store.domain.models import Action

        today = self.unit.clock().date()
        if update is not None and update.strip():
            changes |= {"latest_update": update.strip(), "latest_update_on": today}
        with self.unit.write():
            current = self.get(action_id)
            if "owner_id" in changes or ("agency_id" in changes and changes["agency_id"] is None):
                owner_id = changes.get("owner_id", current.owner_id)
                changes["agency_id"] = self.agency_for(owner_id, changes.get("agency_id"))
            if closed_on is not None and closed_on < current.raised_on:
                raise errors.InvalidValue(
                    {"closed_on": f"{current.reference} was raised on {current.raised_on:%d %b %Y}"}
                )
            if "status" in changes:
                # Closed on the day it closed: an edit that passes the same status
                # again (the form always does) keeps that day.
                try:
                    status = ActionStatus(changes["status"])
                except ValueError:
                    raise errors.InvalidValue(
                        {"status": f"choose one of {', '.join(ActionStatus)}"}
                    ) from None
                if not status.is_open:
                    changes["closed_on"] = (
                        current.closed_on if not current.status.is_open else closed_on or today
                    )
                else:
                    changes["closed_on"] = None
            updated = self.unit.update(Action, "actions", action_id, changes)
            if update is not None and update.strip():
                self._add_update(action_id, ActionUpdateKind.UPDATE, update.strip(), meeting_id)
            if updated.status != current.status:
                self._add_update(
                    action_id,
                    ActionUpdateKind.STATUS,
                    f"Status: {updated.status.label}",
                    meeting_id,
                )
            if updated.due != current.due:
                when = updated.due.strftime("%d %b %Y") if updated.due else "none"
                self._add_update(action_id, ActionUpdateKind.DUE, f"Due date: {when}", meeting_id)
            if updated.owner_id != current.owner_id:
                owner = self.unit.row("SELECT name FROM people WHERE id = ?", [updated.owner_id])
                self._add_update(
                    action_id,
                    ActionUpdateKind.OWNER,
                    f"Owner: {owner['name'] if owner else 'none'}",
                    meeting_id,
                )
        return updated

    def _add_update(
        self, action_id: int, kind: ActionUpdateKind, text: str, meeting_id: int | None
    ) -> None:
        from store.domain.models import ActionUpdate

        now = self.unit.clock()
        record = ActionUpdate(
            action_id=action_id,
            at=now,
            on_date=now.date(),
            meeting_id=meeting_id,
            kind=kind,
            text=text,
        )
        self.unit.insert("action_updates", record)

    def history(self, action_id: int) -> list[ActionUpdate]:
        from store.domain.models import ActionUpdate

        rows = self.unit.rows(
            "SELECT * FROM action_updates WHERE action_id = ? ORDER BY id", [action_id]
        )
        return [ActionUpdate.model_validate(r) for r in rows]

    def changes(self, action_id: int) -> list[ActionChange]:
        """The action's audit trail, oldest first, each value decoded
        (``ActionChange``): what the action's screen shows as its audit."""
        from store.domain.models import Meeting

        names = {
            "owner_id": "SELECT name FROM people WHERE id = ?",
            "agency_id": "SELECT short_name FROM agencies WHERE id = ?",
            "item_id": "SELECT title FROM agenda_items WHERE id = ?",
        }

        def decoded(field: str, value: str | None) -> ChangeValue:
            if value is None or value == "":
                return None
            if field in _DATE_FIELDS:
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    return value
            if field in ("blocked", "at_risk"):
                return {"true": True, "false": False}.get(value, value)
            if field == "status":
                try:
                    return ActionStatus(value)
                except ValueError:
                    return value
            if field == "meeting_id" and value.isdigit():
                row = self.unit.row("SELECT * FROM meetings WHERE id = ?", [int(value)])
                return Meeting.model_validate(row) if row else value
            if field in names and value.isdigit():
                row = self.unit.row(names[field], [int(value)])
                return str(next(iter(row.values()))) if row else value
            return value

        return [
            ActionChange(
                entry.at,
                entry.who,
                entry.field,
                decoded(entry.field, entry.old),
                decoded(entry.field, entry.new),
            )
            for entry in self.unit.audit_trail("actions", action_id)
        ]

    def updates_at_meeting(self, meeting_id: int) -> list[tuple[Action, ActionUpdate]]:
        """Updates made at a meeting to actions raised elsewhere, at any meeting
        of any series or outside a meeting (its matters arising), by reference."""
        from store.domain.models import Action, ActionUpdate

        rows = self.unit.rows(
            "SELECT u.* FROM action_updates u JOIN actions a ON a.id = u.action_id "
            "WHERE u.meeting_id = ? AND (a.meeting_id IS NULL OR a.meeting_id != ?) "
            "ORDER BY a.reference, u.id",
            [meeting_id, meeting_id],
        )
        updates = [ActionUpdate.model_validate(row) for row in rows]
        ids = sorted({u.action_id for u in updates})
        marks = ", ".join("?" for _ in ids)
        actions = {
            a["id"]: Action.model_validate(a)
            for a in self.unit.rows(f"SELECT * FROM actions WHERE id IN ({marks})", ids)
        }  # one read for them all, not one per update
        return [(actions[u.action_id], u) for u in updates]

    def of_meeting(self, meeting_id: int) -> list[Action]:
        """Actions raised at this meeting, by reference."""
        from store.domain.models import Action

        rows = self.unit.rows(
            "SELECT * FROM actions WHERE meeting_id = ? ORDER BY reference", [meeting_id]
        )
        return [Action.model_validate(r) for r in rows]

    def count(self, query: ActionQuery = ALL) -> int:
        """How many actions the query matches (for the log's scroll bar)."""
        return count_actions(self.unit, query, self._settings.amber_days())

    def page(self, query: ActionQuery = ALL, offset: int = 0, limit: int = 100) -> list[ActionRow]:
        """One page of the log: the table asks only for the rows it can show."""
        return page_of_actions(self.unit, query, offset, limit, self._settings.amber_days())

    def read_all(
        self, query: ActionQuery = ALL, batch: int = 500
    ) -> contextlib.AbstractContextManager[tuple[int, Iterator[list[ActionRow]]]]:
        """Every row of the log the query matches, for an export: ``with
        store.actions.read_all(query) as (count, pages)``, in the log's order,
        ``batch`` rows a page, count and rows from one read transaction, one page
        held at a time."""
        return read_all_actions(self.unit, query, self._settings.amber_days(), batch)

    def matters_arising(self, meeting_id: int) -> list[Action]:
        """The actions this meeting reviews under matters arising, in one read.

        Raised at an earlier meeting of its series, at an earlier meeting of a
        kind that reports to this meeting's kind (``settings.reports_to``), or,
        when that setting sends them here, outside any meeting on or before its
        date; and either open, or closed after the series' previous meeting (in
        the ``CLOSED_LOOKBACK_DAYS`` before it when there is none) and by its
        date, so that each closure is reported once. Besides these, every action
        raised elsewhere that was changed at this meeting, so that no update
        made here is missing from its minutes (``updates_at_meeting``).
        Open first by due date (undated last), then closed; then by reference.
        """
        from store.domain.models import Action, Meeting
        from store.domain.models.directory import OUTSIDE

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        day, start = meeting.date.isoformat(), meeting.start_time.isoformat()
        bodies = {body for body, to in self._settings.reports_to().items() if to == meeting.kind}
        kinds = sorted(bodies - {OUTSIDE})
        # Before this meeting: an earlier day, or earlier the same day.
        earlier = "(m.date < ? OR (m.date = ? AND m.start_time < ?))"
        # Closed since the series last met (a cancelled meeting did not meet).
        previous = self.unit.scalar(
            "SELECT max(m.date) FROM meetings m WHERE m.series = ? AND m.id != ? "
            f"AND m.status != 'cancelled' AND {earlier}",
            [meeting.series, meeting_id, day, day, start],
        )
        lookback = meeting.date - dt.timedelta(days=CLOSED_LOOKBACK_DAYS)
        since = str(previous) if previous else lookback.isoformat()
        changed_here = "SELECT action_id FROM action_updates WHERE meeting_id = ?"
        # Where it was raised, by meeting id ("+": not by walking the index over
        # every action of every earlier meeting, most of them long closed).
        origin = ["m.series = ?"]
        if kinds:
            origin.append(f"m.kind IN ({', '.join('?' for _ in kinds)})")
        raised = (
            "+a.meeting_id IN (SELECT m.id FROM meetings m "
            f"WHERE ({' OR '.join(origin)}) AND m.id != ? AND {earlier})"
        )
        raised_params: list[Any] = [meeting.series, *kinds, meeting_id, day, day, start]
        if OUTSIDE in bodies:
            raised += " OR (a.meeting_id IS NULL AND a.raised_on <= ?)"
            raised_params.append(day)
        is_open = "(a.status IN ('open', 'in_progress'))"
        # The candidates come from the indexes (the open ones, those changed
        # here), and the recently closed from one pass over the table: there is
        # no index on closed_on.
        rows = self.unit.rows(
            "SELECT a.* FROM actions a WHERE a.id IN ("
            "SELECT id FROM actions WHERE (status IN ('open', 'in_progress')) = 1 "
            "UNION ALL SELECT id FROM actions WHERE closed_on > ? AND closed_on <= ? "
            f"UNION ALL {changed_here}) "
            f"AND (({raised}) OR (a.meeting_id IS NOT ? AND a.id IN ({changed_here}))) "
            f"ORDER BY {is_open} = 0, a.due IS NULL, a.due, a.reference",
            [since, day, meeting_id, *raised_params, meeting_id, meeting_id],
        )
        return [Action.model_validate(r) for r in rows]
