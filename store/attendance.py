"""Who is at a meeting: the list, arrivals and departures, the quorum and its
history, declarations of interest."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from store.domain import errors
from store.domain.kinds import (
    AttendanceStatus,
    MeetingStatus,
    MovementKind,
)

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        Agency,
        Attendance,
        Declaration,
        Movement,
        QuorumEvent,
    )
    from store.meetings import MeetingsPart
from store.domain.quorum import Quorum, assess


class AttendancePart:
    def __init__(self, unit: Unit, meetings: MeetingsPart) -> None:
        self.unit = unit
        self._meetings = meetings

    def of(self, meeting_id: int) -> list[Attendance]:
        from store.domain.models import Attendance

        rows = self.unit.rows(
            "SELECT a.* FROM attendance a JOIN people p ON p.id = a.person_id "
            "WHERE a.meeting_id = ? ORDER BY p.name COLLATE NOCASE",
            [meeting_id],
        )
        return [Attendance.model_validate(r) for r in rows]

    def unmarked(self, meeting_id: int) -> list[Attendance]:
        """People invited and not yet marked present, absent or with apologies."""
        return [
            record for record in self.of(meeting_id) if record.status is AttendanceStatus.INVITED
        ]

    def change_status(
        self,
        meeting_id: int,
        person_id: int,
        status: AttendanceStatus | str,
        *,
        deputy_id: int | None = None,
    ) -> Attendance:
        """Change someone's status on the list, keeping their note, except the note
        of someone in attendance (which items they came for): it means nothing once
        they are a member again."""
        current = self.unit.row(
            "SELECT status, note FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        note = None
        if current is not None and current["status"] != AttendanceStatus.IN_ATTENDANCE.value:
            note = current["note"]
        return self.mark(meeting_id, person_id, status, deputy_id=deputy_id, note=note)

    def mark(
        self,
        meeting_id: int,
        person_id: int,
        status: AttendanceStatus | str,
        *,
        deputy_id: int | None = None,
        note: str | None = None,
    ) -> Attendance:
        """Record one person's attendance at a meeting, replacing what was there."""
        from store.domain.models import Attendance, validate

        record = validate(
            Attendance,
            {
                "meeting_id": meeting_id,
                "person_id": person_id,
                "status": status,
                "deputy_id": deputy_id,
                "note": note,
            },
        )
        if record.deputy_id is not None and record.status is not AttendanceStatus.APOLOGIES:
            raise errors.InvalidValue({"deputy_id": "a deputy goes with apologies"})
        self._meetings.get(meeting_id)
        self.unit.check_person("person_id", person_id)
        self.unit.check_person("deputy_id", record.deputy_id)
        existing = self.unit.row(
            "SELECT id FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        if existing is None:
            return record.model_copy(update={"id": self.unit.insert("attendance", record)})
        return self.unit.update(
            Attendance,
            "attendance",
            existing["id"],
            {"status": record.status, "deputy_id": record.deputy_id, "note": record.note},
        )

    def remove(self, meeting_id: int, person_id: int) -> None:
        """Take someone off a meeting's list; refused once they have moved or declared."""
        row = self.unit.row(
            "SELECT id FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        if row is None:
            raise errors.NotFound("That person is not on this meeting's list.")
        used = self.unit.scalar(
            "SELECT (SELECT count(*) FROM movements WHERE meeting_id = ? AND person_id = ?)"
            " + (SELECT count(*) FROM declarations WHERE meeting_id = ? AND person_id = ?)",
            [meeting_id, person_id, meeting_id, person_id],
        )
        if used:
            raise errors.InUse(
                "They cannot be taken off the list: their arrivals, departures or "
                "declarations at this meeting are recorded."
            )
        self.unit.delete("attendance", row["id"])

    def record_movement(self, meeting_id: int, person_id: int, kind: MovementKind | str) -> Quorum:
        """Someone arrived or left, now. Returns the quorum after it.

        A departure that makes the meeting inquorate is recorded with its time
        (``quorum_events``), so the minutes can say when the quorum was lost.
        """
        from store.domain.models import Meeting, Movement, validate

        status = self.unit.get(Meeting, "meetings", meeting_id).status
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
            {
                "meeting_id": meeting_id,
                "person_id": person_id,
                "kind": kind,
                "at": self.unit.clock(),
            },
        )
        with self.unit.write():
            self.unit.insert("movements", movement)
            if movement.kind is MovementKind.ARRIVED:
                record = self.unit.row(
                    "SELECT id, status FROM attendance WHERE meeting_id = ? AND person_id = ?",
                    [meeting_id, person_id],
                )
                deputising = self.unit.scalar(
                    "SELECT 1 FROM attendance WHERE meeting_id = ? AND deputy_id = ? "
                    "AND status = 'apologies'",
                    [meeting_id, person_id],
                )
                # A late arrival is marked present; a deputy is already on the list
                # through the apologies they came for, and must not appear twice.
                if not deputising and (
                    record is None or record["status"] not in ("present", "in_attendance")
                ):
                    self.mark(meeting_id, person_id, "present")
            return self.note_quorum(meeting_id, movement.at)

    def movements(self, meeting_id: int) -> list[Movement]:
        from store.domain.models import Movement

        rows = self.unit.rows(
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
        from store.domain.models import Agency, Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        attendance: list[Attendance] = self.of(meeting_id)
        rows = self.unit.rows(
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
        from store.domain.models import QuorumEvent

        rows = self.unit.rows(
            "SELECT * FROM quorum_events WHERE meeting_id = ? ORDER BY at, id", [meeting_id]
        )
        return [QuorumEvent.model_validate(r) for r in rows]

    def note_quorum(self, meeting_id: int, at: dt.datetime, *, force: bool = False) -> Quorum:
        """Record a change of quorum (or the state at the start) with its time;
        returns the quorum as it now stands."""
        from store.domain.models import QuorumEvent

        quorum = self.quorum(meeting_id)
        if not quorum.applies:
            return quorum
        last = self.unit.scalar(
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
            self.unit.insert("quorum_events", event)
        return quorum

    def declare(
        self,
        meeting_id: int,
        person_id: int,
        item_id: int | None,
        nature: str,
        left_room: bool = False,
    ) -> Declaration:
        """Record a declaration of interest against the item it concerns."""
        from store.domain.models import Declaration, validate

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
        self.unit.check_person("person_id", person_id)
        return declaration.model_copy(update={"id": self.unit.insert("declarations", declaration)})

    def declarations(self, meeting_id: int) -> list[Declaration]:
        from store.domain.models import Declaration

        rows = self.unit.rows(
            "SELECT * FROM declarations WHERE meeting_id = ? ORDER BY id", [meeting_id]
        )
        return [Declaration.model_validate(r) for r in rows]
