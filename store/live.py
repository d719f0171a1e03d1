"""Running a meeting: start, move between items, minutes, decisions, arrivals
and departures, quorum, declarations, end and reopen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store import errors
from store.base import StoreBase
from store.kinds import AttendanceStatus, MeetingStatus, MovementKind
from store.quorum import Quorum, assess

if TYPE_CHECKING:
    from store.models import (
        Agency,
        AgendaItem,
        Attendance,
        AuditEntry,
        Decision,
        Declaration,
        Meeting,
        Movement,
        QuorumEvent,
    )


@dataclass(frozen=True)
class Projection:
    """Where the meeting stands: the current item's clock and the projected finish."""

    item: AgendaItem | None
    elapsed: dt.timedelta
    planned: dt.timedelta
    finish: dt.datetime
    planned_finish: dt.datetime

    @property
    def overrun(self) -> dt.timedelta:
        return max(self.elapsed - self.planned, dt.timedelta(0))

    @property
    def late_by(self) -> dt.timedelta:
        return self.finish - self.planned_finish


@dataclass(frozen=True)
class Correction:
    """One change to a meeting's record: the audit entry and what it changed
    ("Item 4: Neglect strategy", "Decision D-2026-014")."""

    entry: AuditEntry
    what: str
    after_closing: bool


class LiveMixin(StoreBase):
    # -- starting, moving, ending ---------------------------------------------

    def start_meeting(self, meeting_id: int) -> Meeting:
        """Start (or resume) a meeting: it goes live on its first item, or where it was."""
        from store.models import Meeting

        meeting = self._get(Meeting, "meetings", meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            raise errors.InvalidValue({"status": "this meeting is closed; reopen it to correct it"})
        if meeting.status is MeetingStatus.CANCELLED:
            raise errors.InvalidValue({"status": "this meeting was cancelled; reinstate it first"})
        items = self.agenda(meeting_id)  # type: ignore[attr-defined]
        if not items:
            raise errors.InvalidValue({"agenda": "add agenda items before starting"})
        now = self.clock()
        current = meeting.current_item_id or items[0].id or 0
        changes: dict[str, object] = {"status": MeetingStatus.LIVE, "current_item_id": current}
        if meeting.started_at is None:
            changes["started_at"] = now
        with self._write():
            self._enter(current, now)
            started = self._update(Meeting, "meetings", meeting_id, changes)
            self._note_quorum(meeting_id, now, force=meeting.started_at is None)
        return started

    def go_to_item(self, meeting_id: int, item_id: int) -> AgendaItem:
        """Leave the current item (its clock stops) and enter another."""
        from store.models import AgendaItem, Meeting

        meeting = self._get(Meeting, "meetings", meeting_id)
        item = self._get(AgendaItem, "agenda_items", item_id)
        if item.meeting_id != meeting_id:
            raise errors.InvalidValue({"item": "that item is on another meeting's agenda"})
        if meeting.current_item_id == item_id:
            return item
        now = self.clock()
        with self._write():
            if meeting.current_item_id is not None:
                self._leave(meeting.current_item_id, now)
            if meeting.status is MeetingStatus.LIVE:
                item = self._enter(item_id, now)
            self._update(Meeting, "meetings", meeting_id, {"current_item_id": item_id})
        return item

    def step_item(self, meeting_id: int, by: int) -> AgendaItem | None:
        """Go to the next (``by=1``) or previous (``by=-1``) item; None at either end."""
        from store.models import Meeting

        meeting = self._get(Meeting, "meetings", meeting_id)
        items = self.agenda(meeting_id)  # type: ignore[attr-defined]
        ids = [it.id for it in items]
        index = ids.index(meeting.current_item_id) if meeting.current_item_id in ids else -1
        target = index + by
        if not 0 <= target < len(items):
            return None
        return self.go_to_item(meeting_id, items[target].id or 0)

    def end_meeting(self, meeting_id: int) -> Meeting:
        """Close the meeting: the current item's clock stops; the end time is recorded.
        Anyone invited and never marked is recorded as absent (``unmarked`` lists
        them, so the chair can be told first)."""
        from store.models import Attendance, Meeting

        meeting = self._get(Meeting, "meetings", meeting_id)
        if meeting.status is MeetingStatus.CANCELLED:
            raise errors.InvalidValue({"status": "this meeting was cancelled"})
        now = self.clock()
        with self._write():
            for record in self.unmarked(meeting_id):  # type: ignore[attr-defined]
                self._update(
                    Attendance, "attendance", record.id or 0, {"status": AttendanceStatus.ABSENT}
                )
            if meeting.current_item_id is not None and meeting.status is MeetingStatus.LIVE:
                self._leave(meeting.current_item_id, now)
            changes: dict[str, object] = {"status": MeetingStatus.CLOSED}
            if meeting.status is MeetingStatus.LIVE:
                changes["ended_at"] = now
            return self._update(Meeting, "meetings", meeting_id, changes)

    def _enter(self, item_id: int, now: dt.datetime) -> AgendaItem:
        """Start the item's clock (and note when it was first taken); returns it."""
        from store.models import AgendaItem

        started = self._scalar("SELECT started_at FROM agenda_items WHERE id = ?", [item_id])
        changes: dict[str, object] = {"entered_at": now}
        if started is None:
            changes["started_at"] = now
        return self._update(AgendaItem, "agenda_items", item_id, changes)

    def _leave(self, item_id: int, now: dt.datetime) -> None:
        from store.models import AgendaItem

        item = self._get(AgendaItem, "agenda_items", item_id)
        if item.entered_at is None:
            return
        spent = int(item.elapsed(now).total_seconds())
        self._update(
            AgendaItem,
            "agenda_items",
            item_id,
            {"elapsed_seconds": spent, "entered_at": None, "ended_at": now},
        )

    def projection(self, meeting_id: int) -> Projection:
        """The current item's clock and the meeting's projected finish, as of now."""
        from store.models import Meeting

        meeting = self._get(Meeting, "meetings", meeting_id)
        items = self.agenda(meeting_id)  # type: ignore[attr-defined]
        return project(meeting, items, self.clock())

    # -- minutes and decisions ----------------------------------------------------

    def save_minutes(self, item_id: int, text: str) -> None:
        """Store an item's minutes as typed (called by the autosave, often).

        While the meeting is live the draft is not audited field by field (it
        would be a row per pause in typing); once the meeting is closed, every
        change is audited, so corrections after closing can be seen.
        """
        try:
            self._store_minutes(item_id, text)
        except errors.FileMoved as exc:
            kept = self._keep_recovered(item_id, text)
            raise errors.FileMoved(f"{exc} What you typed is kept in {kept}.") from None

    def _keep_recovered(self, item_id: int, text: str) -> str:
        from store.files import keep_recovered

        try:
            title = self._scalar("SELECT title FROM agenda_items WHERE id = ?", [item_id])
        except errors.StoreError:
            title = None
        body = f"# {title or 'Agenda item'} (item id {item_id})\n\n{text}\n"
        try:
            return str(keep_recovered(self.path, f"item-{item_id}", body))
        except errors.StoreError as exc:
            return f"this window only ({exc})"

    def _store_minutes(self, item_id: int, text: str) -> None:
        with self._write() as db:
            row = self._row(
                "SELECT i.minutes, m.status FROM agenda_items i JOIN meetings m "
                "ON m.id = i.meeting_id WHERE i.id = ?",
                [item_id],
            )
            if row is None:
                raise errors.NotFound(f"No agenda item with id {item_id}.")
            if row["minutes"] == text:
                return
            db.execute("UPDATE agenda_items SET minutes = ? WHERE id = ?", [text, item_id])
            if row["status"] == MeetingStatus.CLOSED.value:
                self._audit("agenda_items", item_id, "minutes", row["minutes"], text)

    def add_decision(self, meeting_id: int, item_id: int | None, text: str) -> Decision:
        """Record a decision, against the item it was made on."""
        from store.models import Decision, validate

        now = self.clock()
        decision = validate(
            Decision,
            {"meeting_id": meeting_id, "item_id": item_id, "text": text, "made_at": now},
        )
        with self._write():
            reference = self._next_reference("D", now.year)  # type: ignore[attr-defined]
            decision = decision.model_copy(update={"reference": reference})
            decision_id = self._insert("decisions", decision)
        return decision.model_copy(update={"id": decision_id})

    def decision(self, decision_id: int) -> Decision:
        from store.models import Decision

        return self._get(Decision, "decisions", decision_id)

    def update_decision(self, decision_id: int, text: str) -> Decision:
        """Change a decision's wording; audited, so the earlier text is kept."""
        from store.models import Decision

        current = self.decision(decision_id)
        if current.withdrawn:
            raise errors.InvalidValue({"text": "this decision was withdrawn; it cannot be changed"})
        return self._update(Decision, "decisions", decision_id, {"text": text})

    def withdraw_decision(self, decision_id: int, reason: str) -> Decision:
        """Withdraw a decision recorded in error: it is kept, marked withdrawn, with
        the reason and the time; never deleted."""
        from store.models import Decision

        current = self.decision(decision_id)
        if current.withdrawn:
            raise errors.InvalidValue({"reason": "this decision is already withdrawn"})
        if not reason.strip():
            raise errors.InvalidValue({"reason": "say why it is withdrawn"})
        return self._update(
            Decision,
            "decisions",
            decision_id,
            {"withdrawn_at": self.clock(), "withdrawn_reason": reason},
        )

    def decision_history(self, decision_id: int) -> list[AuditEntry]:
        """Every change to one decision, oldest first (its earlier wordings included)."""
        return self.audit_trail("decisions", decision_id)

    def corrections(self, meeting_id: int) -> list[Correction]:
        """The meeting's record as changed after it was first closed, oldest first:
        each item's minutes (audited only once the meeting is closed) and each of
        its decisions' wording or withdrawal (audited always; only changes are
        listed, not the first recording)."""
        from store.models import AuditEntry

        first_close = self._scalar(
            "SELECT min(at) FROM audit WHERE table_name = 'meetings' AND record_id = ? "
            "AND field = 'status' AND new = 'closed'",
            [meeting_id],
        )
        rows = self._rows(
            "SELECT a.*, i.position AS position, i.title AS what FROM audit a "
            "JOIN agenda_items i ON i.id = a.record_id "
            "WHERE a.table_name = 'agenda_items' AND a.field = 'minutes' AND a.old IS NOT NULL "
            "AND i.meeting_id = ? "
            "UNION ALL "
            "SELECT a.*, NULL AS position, d.reference AS what FROM audit a "
            "JOIN decisions d ON d.id = a.record_id "
            "WHERE a.table_name = 'decisions' AND a.old IS NOT NULL "
            "AND a.field IN ('text', 'withdrawn_reason') AND d.meeting_id = ? "
            "UNION ALL "
            "SELECT a.*, NULL AS position, d.reference AS what FROM audit a "
            "JOIN decisions d ON d.id = a.record_id "
            "WHERE a.table_name = 'decisions' AND a.field = 'withdrawn_reason' "
            "AND a.old IS NULL AND d.meeting_id = ? "
            "ORDER BY id",
            [meeting_id, meeting_id, meeting_id],
        )
        out = []
        for row in rows:
            position, what = row.pop("position"), row.pop("what")
            entry = AuditEntry.model_validate(row)
            if entry.table_name == "agenda_items":
                label = f"Item {position}: {what}"
            elif entry.field == "withdrawn_reason" and entry.old is None:
                label = f"Decision {what} withdrawn"
            else:
                label = f"Decision {what}"
            after_close = first_close is not None and entry.at.isoformat() >= str(first_close)
            out.append(Correction(entry, label, after_close or entry.table_name == "agenda_items"))
        return out

    def decisions(self, meeting_id: int) -> list[Decision]:
        from store.models import Decision

        rows = self._rows("SELECT * FROM decisions WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [Decision.model_validate(r) for r in rows]

    # -- people in the room ---------------------------------------------------------

    def record_movement(self, meeting_id: int, person_id: int, kind: MovementKind | str) -> Quorum:
        """Someone arrived or left, now. Returns the quorum after it.

        A departure that makes the meeting inquorate is recorded with its time
        (``quorum_events``), so the minutes can say when the quorum was lost.
        """
        from store.models import Meeting, Movement, validate

        status = self._get(Meeting, "meetings", meeting_id).status
        if status is MeetingStatus.PLANNED and MovementKind(kind) is MovementKind.LEFT:
            raise errors.NotNow(
                "The meeting has not started, so no one can leave it yet: mark them "
                "absent (3) or as sending apologies (2) instead."
            )
        if status in (MeetingStatus.CLOSED, MeetingStatus.CANCELLED):
            raise errors.NotNow(
                f"The meeting is {status.label.lower()}: arrivals and departures are "
                "recorded while it runs."
            )
        movement = validate(
            Movement,
            {"meeting_id": meeting_id, "person_id": person_id, "kind": kind, "at": self.clock()},
        )
        with self._write():
            self._insert("movements", movement)
            if movement.kind is MovementKind.ARRIVED:
                record = self._row(
                    "SELECT id, status FROM attendance WHERE meeting_id = ? AND person_id = ?",
                    [meeting_id, person_id],
                )
                deputising = self._scalar(
                    "SELECT 1 FROM attendance WHERE meeting_id = ? AND deputy_id = ? "
                    "AND status = 'apologies'",
                    [meeting_id, person_id],
                )
                # A late arrival is marked present; a deputy is already on the list
                # through the apologies they came for, and must not appear twice.
                if not deputising and (
                    record is None or record["status"] not in ("present", "in_attendance")
                ):
                    self.set_attendance(meeting_id, person_id, "present")  # type: ignore[attr-defined]
            return self._note_quorum(meeting_id, movement.at)

    def movements(self, meeting_id: int) -> list[Movement]:
        from store.models import Movement

        rows = self._rows(
            "SELECT * FROM movements WHERE meeting_id = ? ORDER BY at, id", [meeting_id]
        )
        return [Movement.model_validate(r) for r in rows]

    def departed(self, meeting_id: int) -> set[int]:
        """People whose latest movement is leaving the room."""
        last: dict[int, MovementKind] = {}
        for move in self.movements(meeting_id):
            last[move.person_id] = move.kind
        return {person for person, kind in last.items() if kind is MovementKind.LEFT}

    def quorum(self, meeting_id: int) -> Quorum:
        """Whether the meeting is quorate now, and if not, who is missing."""
        from store.models import Agency, Meeting

        meeting = self._get(Meeting, "meetings", meeting_id)
        attendance: list[Attendance] = self.attendance(meeting_id)  # type: ignore[attr-defined]
        rows = self._rows(
            "SELECT p.id AS person_id, a.* FROM people p LEFT JOIN agencies a ON a.id = p.agency_id"
        )
        agency_of: dict[int, Agency | None] = {
            r["person_id"]: Agency.model_validate({k: v for k, v in r.items() if k != "person_id"})
            if r["id"] is not None
            else None
            for r in rows
        }
        return assess(
            meeting.kind, meeting.quorum_members, attendance, agency_of, self.departed(meeting_id)
        )

    def quorum_events(self, meeting_id: int) -> list[QuorumEvent]:
        from store.models import QuorumEvent

        rows = self._rows(
            "SELECT * FROM quorum_events WHERE meeting_id = ? ORDER BY at, id", [meeting_id]
        )
        return [QuorumEvent.model_validate(r) for r in rows]

    def _note_quorum(self, meeting_id: int, at: dt.datetime, *, force: bool = False) -> Quorum:
        """Record a change of quorum (or the state at the start) with its time;
        returns the quorum as it now stands."""
        from store.models import QuorumEvent

        quorum = self.quorum(meeting_id)
        if not quorum.applies:
            return quorum
        last = self._scalar(
            "SELECT quorate FROM quorum_events WHERE meeting_id = ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            [meeting_id],
        )
        if force or last is None or bool(last) != quorum.quorate:
            event = QuorumEvent(
                meeting_id=meeting_id,
                at=at,
                quorate=quorum.quorate,
                missing="; ".join(quorum.missing),
            )
            self._insert("quorum_events", event)
        return quorum

    # -- declarations of interest ----------------------------------------------------

    def add_declaration(
        self,
        meeting_id: int,
        person_id: int,
        item_id: int | None,
        nature: str,
        left_room: bool = False,
    ) -> Declaration:
        """Record a declaration of interest against the item it concerns."""
        from store.models import Declaration, validate

        declaration = validate(
            Declaration,
            {
                "meeting_id": meeting_id,
                "person_id": person_id,
                "item_id": item_id,
                "nature": nature,
                "left_room": left_room,
            },
        )
        self._check_person("person_id", person_id)
        return declaration.model_copy(update={"id": self._insert("declarations", declaration)})

    def declarations(self, meeting_id: int) -> list[Declaration]:
        from store.models import Declaration

        rows = self._rows(
            "SELECT * FROM declarations WHERE meeting_id = ? ORDER BY id", [meeting_id]
        )
        return [Declaration.model_validate(r) for r in rows]


def project(meeting: Meeting, items: list[AgendaItem], now: dt.datetime) -> Projection:
    """``projection`` from a meeting and its agenda already read: the live screen's
    clock works it out every second without going back to the file."""
    start = meeting.started_at or dt.datetime.combine(
        meeting.date, meeting.start_time, tzinfo=now.tzinfo
    )
    planned_total = sum((it.planned_minutes for it in items), 0)
    planned_finish = start + dt.timedelta(minutes=planned_total)
    current = next((it for it in items if it.id == meeting.current_item_id), None)
    remaining = dt.timedelta(0)
    elapsed = planned = dt.timedelta(0)
    if current is not None:
        elapsed = current.elapsed(now)
        planned = dt.timedelta(minutes=current.planned_minutes)
        remaining += max(planned - elapsed, dt.timedelta(0))
    for it in items:
        if it is not current and it.started_at is None:
            remaining += dt.timedelta(minutes=it.planned_minutes)
    base = now if meeting.status is MeetingStatus.LIVE else start
    finish = base + remaining if meeting.status is MeetingStatus.LIVE else planned_finish
    return Projection(current, elapsed, planned, finish, planned_finish)
