"""The action log: references, owners, due dates, status, RAG, updates; matters
arising. Queries are paged and indexed so that 50,000 actions open, filter and
scroll without delay."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Unpack

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
    )
    from store.settings import SettingsPart
from store.domain.dates import AMBER_DAYS, rag
from store.domain.search import fts_query

OPEN_STATES = tuple(s.value for s in ActionStatus if s.is_open)


@dataclass(frozen=True)
class ActionQuery:
    """What the action log shows: every field is optional."""

    statuses: tuple[str, ...] = ()
    rag: str | None = None  # red / amber / green / closed
    owner_id: int | None = None
    agency_id: int | None = None
    meeting_id: int | None = None
    text: str = ""
    sort: str = "due"  # or "reference"


@dataclass(frozen=True)
class ActionRow:
    """One row of the log, with the names the table shows."""

    action: Action
    owner: str
    agency: str
    meeting: str
    rag: str


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
        if owner_id is not None and agency_id is None:
            owner = self.unit.row("SELECT agency_id FROM people WHERE id = ?", [owner_id])
            if owner is None:
                raise errors.InvalidValue({"owner_id": "no such person"})
            agency_id = owner["agency_id"]
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
        made, so that meeting's minutes can show them).
        """
        changes: dict[str, Any] = dict(given)
        from store.domain.models import Action

        today = self.unit.clock().date()
        if "owner_id" in changes and "agency_id" not in changes and changes["owner_id"] is not None:
            owner = self.unit.row(
                "SELECT agency_id FROM people WHERE id = ?", [changes["owner_id"]]
            )
            if owner is None:
                raise errors.InvalidValue({"owner_id": "no such person"})
            changes["agency_id"] = owner["agency_id"]
        if update is not None and update.strip():
            changes |= {"latest_update": update.strip(), "latest_update_on": today}
        with self.unit.write():
            current = self.get(action_id)
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
                        current.closed_on if not current.status.is_open else today
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

    def updates_at_meeting(self, meeting_id: int) -> list[tuple[Action, ActionUpdate]]:
        """Updates made at a meeting to actions raised elsewhere (its matters arising)."""
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

    def count(self, query: ActionQuery = ActionQuery()) -> int:
        """How many actions the query matches (for the log's scroll bar)."""
        where, params = self._where(query)
        return int(self.unit.scalar(f"SELECT count(*) FROM actions a{where}", params))

    def page(
        self, query: ActionQuery = ActionQuery(), offset: int = 0, limit: int = 100
    ) -> list[ActionRow]:
        """One page of the log: the table asks only for the rows it can show."""
        from store.domain.models import Action

        where, params = self._where(query)
        # References are A-YYYY-NNN: past 999 in a year, text order would put
        # A-2026-1000 before A-2026-101, so sort by year, then the number.
        order = (
            "substr(a.reference, 3, 4), CAST(substr(a.reference, 8) AS INTEGER)"
            if query.sort == "reference"
            else "a.due IS NULL, a.due, a.reference"
        )
        rows = self.unit.rows(
            "SELECT a.*, p.name AS owner_name, g.short_name AS agency_name, "
            "m.title AS meeting_title, m.date AS meeting_date "
            "FROM actions a LEFT JOIN people p ON p.id = a.owner_id "
            "LEFT JOIN agencies g ON g.id = a.agency_id "
            f"LEFT JOIN meetings m ON m.id = a.meeting_id{where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        today = self.unit.clock().date()
        out = []
        for row in rows:
            extra = {
                k: row.pop(k)
                for k in ("owner_name", "agency_name", "meeting_title", "meeting_date")
            }
            action = Action.model_validate(row)
            meeting = (
                f"{extra['meeting_title']} ({extra['meeting_date']})"
                if extra["meeting_title"]
                else ""
            )
            out.append(
                ActionRow(
                    action,
                    extra["owner_name"] or "",
                    extra["agency_name"] or "",
                    meeting,
                    rag_of(action, today, self._settings.amber_days()),
                )
            )
        return out

    def _where(self, query: ActionQuery) -> tuple[str, list[Any]]:
        today = self.unit.clock().date()
        week = today + dt.timedelta(days=self._settings.amber_days())
        # Spelt exactly as in the actions_*_open_order indexes (migration 0003),
        # with literals, so that SQLite reads a page in order from the index.
        is_open = "(a.status IN ('open', 'in_progress'))"
        clauses: list[str] = []
        params: list[Any] = []
        if query.statuses:
            clauses.append(f"a.status IN ({', '.join('?' for _ in query.statuses)})")
            params.extend(query.statuses)
            if set(query.statuses) <= set(OPEN_STATES):
                clauses.append(f"{is_open} = 1")
            elif not set(query.statuses) & set(OPEN_STATES):
                clauses.append(f"{is_open} = 0")
        if query.rag == "closed":
            clauses.append(f"{is_open} = 0")
        elif query.rag == "red":
            clauses.append(f"{is_open} = 1 AND (a.blocked = 1 OR a.due < ?)")
            params.append(today.isoformat())
        elif query.rag == "amber":
            clauses.append(f"{is_open} = 1 AND a.blocked = 0 AND a.due >= ? AND a.due <= ?")
            params.extend([today.isoformat(), week.isoformat()])
        elif query.rag == "green":
            clauses.append(f"{is_open} = 1 AND a.blocked = 0 AND (a.due IS NULL OR a.due > ?)")
            params.append(week.isoformat())
        for column in ("owner_id", "agency_id", "meeting_id"):
            value = getattr(query, column)
            if value is not None:
                clauses.append(f"a.{column} = ?")
                params.append(value)
        match = fts_query(query.text)
        if match:
            clauses.append("a.id IN (SELECT rowid FROM actions_fts WHERE actions_fts MATCH ?)")
            params.append(match)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def matters_arising(self, meeting_id: int) -> list[Action]:
        """Open actions from earlier meetings of this meeting's series, by due date."""
        from store.domain.models import Action, Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        rows = self.unit.rows(
            "SELECT a.* FROM actions a JOIN meetings m ON m.id = a.meeting_id "
            "WHERE m.series = ? AND m.id != ? AND (m.date < ? OR (m.date = ? AND m.start_time < ?)) "
            "AND (a.status IN ('open', 'in_progress') "
            "     OR a.id IN (SELECT action_id FROM action_updates WHERE meeting_id = ?)) "
            "ORDER BY a.due IS NULL, a.due, a.reference",
            [
                meeting.series,
                meeting_id,
                meeting.date.isoformat(),
                meeting.date.isoformat(),
                meeting.start_time.isoformat(),
                meeting_id,
            ],
        )
        return [Action.model_validate(r) for r in rows]


def rag_of(action: Action, today: dt.date, amber_days: int = AMBER_DAYS) -> str:
    """red: overdue or blocked; amber: due within ``amber_days`` (the setting);
    green: on track; closed."""
    return rag(
        action.status.value, action.due, today, blocked=action.blocked, amber_days=amber_days
    ).value
