"""Decisions: recorded on an item, reworded or withdrawn (never deleted), and the
decisions log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.domain import errors

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        AuditEntry,
        Decision,
    )
from store.domain.search import fts_query


def _decisions_where(text: str, meeting_id: int | None) -> tuple[str, list[Any]]:
    """The decisions log's filter (table alias ``d``): the count and the rows share it."""
    clauses: list[str] = []
    params: list[Any] = []
    match = fts_query(text)
    if match:
        clauses.append("d.id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)")
        params.append(match)
    if meeting_id is not None:
        clauses.append("d.meeting_id = ?")
        params.append(meeting_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class DecisionsPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit

    def add(self, meeting_id: int, item_id: int | None, text: str) -> Decision:
        """Record a decision, against the item it was made on."""
        from store.domain.models import Decision, validate

        now = self.unit.clock()
        decision = validate(
            Decision,
            {"meeting_id": meeting_id, "item_id": item_id, "text": text, "made_at": now},
        )
        with self.unit.write():
            reference = self.unit.next_reference("D", now.year)
            decision = decision.model_copy(update={"reference": reference})
            decision_id = self.unit.insert("decisions", decision)
        return decision.model_copy(update={"id": decision_id})

    def get(self, decision_id: int) -> Decision:
        from store.domain.models import Decision

        return self.unit.get(Decision, "decisions", decision_id)

    def update(self, decision_id: int, text: str) -> Decision:
        """Change a decision's wording; audited, so the earlier text is kept."""
        from store.domain.models import Decision

        current = self.get(decision_id)
        if current.withdrawn:
            raise errors.InvalidValue({"text": "this decision was withdrawn; it cannot be changed"})
        return self.unit.update(Decision, "decisions", decision_id, {"text": text})

    def withdraw(self, decision_id: int, reason: str) -> Decision:
        """Withdraw a decision recorded in error: it is kept, marked withdrawn, with
        the reason and the time; never deleted."""
        from store.domain.models import Decision

        current = self.get(decision_id)
        if current.withdrawn:
            raise errors.InvalidValue({"reason": "this decision is already withdrawn"})
        if not reason.strip():
            raise errors.InvalidValue({"reason": "say why it is withdrawn"})
        return self.unit.update(
            Decision,
            "decisions",
            decision_id,
            {"withdrawn_at": self.unit.clock(), "withdrawn_reason": reason},
        )

    def history(self, decision_id: int) -> list[AuditEntry]:
        """Every change to one decision, oldest first (its earlier wordings included)."""
        return self.unit.audit_trail("decisions", decision_id)

    def of_meeting(self, meeting_id: int) -> list[Decision]:
        from store.domain.models import Decision

        rows = self.unit.rows(
            "SELECT * FROM decisions WHERE meeting_id = ? ORDER BY id", [meeting_id]
        )
        return [Decision.model_validate(r) for r in rows]

    def count(self, text: str = "", meeting_id: int | None = None) -> int:
        """How many decisions match (the decisions log shows the newest first)."""
        where, params = _decisions_where(text, meeting_id)
        return int(self.unit.scalar(f"SELECT count(*) FROM decisions d{where}", params))

    def page(
        self, text: str = "", meeting_id: int | None = None, offset: int = 0, limit: int = 200
    ) -> list[tuple[Decision, str, str]]:
        """Decisions, newest first: (decision, meeting title, item title)."""
        from store.domain.models import Decision

        where, params = _decisions_where(text, meeting_id)
        rows = self.unit.rows(
            "SELECT d.*, m.title AS meeting_title, i.title AS item_title FROM decisions d "
            "JOIN meetings m ON m.id = d.meeting_id LEFT JOIN agenda_items i ON i.id = d.item_id"
            f"{where} ORDER BY d.made_at DESC, d.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        out = []
        for row in rows:
            meeting_title, item_title = row.pop("meeting_title"), row.pop("item_title")
            out.append((Decision.model_validate(row), meeting_title or "", item_title or ""))
        return out
