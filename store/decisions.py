"""Decisions: recorded on an item, with why and by whom, reworded or withdrawn
(never deleted), and the decisions log."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, Literal

from store.domain import errors
from store.domain.kinds import MeetingStatus
from store.domain.search import fts_query

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        AuditEntry,
        Decision,
        Meeting,
    )


class _Keep(enum.Enum):
    KEEP = enum.auto()


# ``update``'s default for a field not given: it stays as it is (None clears it).
KEEP: Final = _Keep.KEEP
Kept = Literal[_Keep.KEEP]


def _decisions_where(text: str, meeting_id: int | None) -> tuple[str, list[Any]]:
    """The decisions log's filter (table alias ``d``): the count and the rows share it.

    Each word typed must be in the reference or the wording (the search index,
    as a prefix) or anywhere in the rationale. The index (migration 0006) holds
    the reference and the text only, so the rationale is searched with LIKE, a
    scan of one column that takes a few milliseconds on 10,000 decisions.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for word in text.split():
        match = fts_query(word)
        if not match:
            continue
        clauses.append(
            "(d.id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)"
            " OR d.rationale LIKE ?)"
        )
        # fts_query keeps letters and digits only, so no LIKE wildcard gets through.
        params.extend([match, f"%{match[1:-2]}%"])
    if meeting_id is not None:
        clauses.append("d.meeting_id = ?")
        params.append(meeting_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


class DecisionsPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit

    def add(
        self,
        meeting_id: int,
        item_id: int | None,
        text: str,
        *,
        rationale: str | None = None,
        decided_by: str | None = None,
    ) -> Decision:
        """Record a decision, against the item it was made on, with why
        (``rationale``) and who made it (``decided_by``: None, or blank, for the
        meeting itself; else as typed, "The lead safeguarding partners").

        It is dated by the meeting (``made_at``) and numbered in the meeting's
        year: a decision added to the record after the meeting is dated when
        the meeting was held, not when it was typed in.
        """
        from store.domain.models import Decision, Meeting, validate

        with self.unit.write():
            meeting = self.unit.get(Meeting, "meetings", meeting_id)
            self.unit.check_unlocked(meeting_id, "its decisions")
            decision = validate(
                Decision,
                {
                    "meeting_id": meeting_id,
                    "item_id": item_id,
                    "text": text,
                    "made_at": self._made_at(meeting),
                    "rationale": rationale,
                    "decided_by": decided_by,
                },
            )
            reference = self.unit.next_reference("D", meeting.date.year)
            decision = decision.model_copy(update={"reference": reference})
            decision_id = self.unit.insert("decisions", decision)
        return decision.model_copy(update={"id": decision_id})

    def _made_at(self, meeting: Meeting) -> dt.datetime:
        """When a decision recorded now was made: now, while the meeting is live;
        otherwise (a closed meeting being corrected, or one not yet held) when it
        ended, else its day at its start time, in the clock's time zone."""
        now = self.unit.clock()
        if meeting.status is MeetingStatus.LIVE:
            return now
        if meeting.ended_at is not None:
            return meeting.ended_at
        return dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=now.tzinfo)

    def get(self, decision_id: int) -> Decision:
        from store.domain.models import Decision

        return self.unit.get(Decision, "decisions", decision_id)

    def update(
        self,
        decision_id: int,
        text: str,
        *,
        rationale: str | Kept | None = KEEP,
        decided_by: str | Kept | None = KEEP,
    ) -> Decision:
        """Change a decision's wording, its rationale or who made it (each left
        as it is when not given; None or blank clears it, and a cleared
        ``decided_by`` is the meeting); audited, so the earlier values are kept."""
        from store.domain.models import Decision

        current = self.get(decision_id)
        if current.withdrawn:
            raise errors.InvalidValue({"text": "this decision was withdrawn; it cannot be changed"})
        self.unit.check_unlocked(current.meeting_id, "its decisions")
        changes: dict[str, Any] = {"text": text}
        if rationale is not KEEP:
            changes["rationale"] = rationale
        if decided_by is not KEEP:
            changes["decided_by"] = decided_by
        return self.unit.update(Decision, "decisions", decision_id, changes)

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

    @contextlib.contextmanager
    def read_all(
        self, text: str = "", meeting_id: int | None = None, batch: int = 500
    ) -> Iterator[Iterator[list[tuple[Decision, str, str]]]]:
        """Every decision that matches, for an export, newest first as ``page``
        gives them: ``with store.decisions.read_all() as pages``, ``batch`` a page
        from one cursor in one read transaction, one page held at a time."""
        from store.domain.models import Decision

        where, params = _decisions_where(text, meeting_id)
        with self.unit.reading() as conn:
            cursor = conn.execute(
                "SELECT d.*, m.title AS meeting_title, i.title AS item_title FROM decisions d "
                "JOIN meetings m ON m.id = d.meeting_id "
                "LEFT JOIN agenda_items i ON i.id = d.item_id"
                f"{where} ORDER BY d.made_at DESC, d.id DESC",
                params,
            )

            def pages() -> Iterator[list[tuple[Decision, str, str]]]:
                names = [d[0] for d in cursor.description]
                while chunk := cursor.fetchmany(batch):
                    out = []
                    for values in chunk:
                        row = dict(zip(names, values, strict=True))
                        meeting_title, item_title = row.pop("meeting_title"), row.pop("item_title")
                        out.append(
                            (Decision.model_validate(row), meeting_title or "", item_title or "")
                        )
                    yield out

            try:
                yield pages()
            finally:
                cursor.close()
