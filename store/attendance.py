"""Who is at a meeting: the list, arrivals and departures, the quorum and its
history, declarations of interest.

While a meeting is live every change that puts someone in the room or takes
them out of it (``record_movement``, or a status marked with ``mark``) is a
movement with its time and the agenda item under way, and a change of quorum
is a ``quorum_events`` row saying who came or went, when and during which item.
A closed meeting's list may be corrected (each change is in the audit trail)
but no one is taken off it.
"""

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
        Meeting,
        Movement,
        QuorumEvent,
    )
    from store.meetings import MeetingsPart
    from store.settings import SettingsPart
from store.domain.quorum import Quorum, Representation, assess, has_deputy, in_the_room

# The statuses that put the member themself in the room.
_HERE = (AttendanceStatus.PRESENT, AttendanceStatus.IN_ATTENDANCE)


class AttendancePart:
    def __init__(
        self, unit: Unit, meetings: MeetingsPart, settings: SettingsPart | None = None
    ) -> None:
        self.unit = unit
        self._meetings = meetings
        # The quorum rules are settings (read from the row when no part is given).
        self._settings = settings

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
        they are a member again.

        A member who sent apologies with a deputy and is marked present once the
        meeting has started keeps the deputy: both were there, each with their
        own times (the deputy stays in the room until marked as leaving)."""
        from store.domain.models import Attendance

        row = self.unit.row(
            "SELECT * FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        current = Attendance.model_validate(row) if row else None
        note = None
        if current is not None and current.status is not AttendanceStatus.IN_ATTENDANCE:
            note = current.note
        if (
            deputy_id is None
            and current is not None
            and has_deputy(current)
            and AttendanceStatus(status) is AttendanceStatus.PRESENT
            and self._meetings.get(meeting_id).status is not MeetingStatus.PLANNED
        ):
            deputy_id = current.deputy_id
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
        """Record one person's attendance at a meeting, replacing what was there.

        While the meeting is live, a change that puts someone in the room or takes
        them out of it (the member, or the deputy who came for them) is recorded
        as their arrival or departure, now and during the current item, and a
        change of quorum it makes is a quorum event. On a closed meeting this is
        a correction: allowed, and kept in the audit trail like every change."""
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
        meeting = self._meetings.get(meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            self.unit.check_unlocked(meeting_id, "its attendance")
        if record.deputy_id is not None:
            if record.deputy_id == person_id:
                raise errors.InvalidValue({"deputy_id": "a member cannot deputise for themself"})
            late = (
                record.status is AttendanceStatus.PRESENT
                and meeting.status is not MeetingStatus.PLANNED
            )
            if record.status is not AttendanceStatus.APOLOGIES and not late:
                raise errors.InvalidValue(
                    {
                        "deputy_id": "a deputy goes with apologies (and stays if the member "
                        "arrives once the meeting has started)"
                    }
                )
        self.unit.check_person("person_id", person_id)
        self.unit.check_person("deputy_id", record.deputy_id)
        with self.unit.write():
            live = meeting.status is MeetingStatus.LIVE
            before = self.in_room(meeting_id) if live else set()
            previous, saved = self._save(record)
            if live:
                self._note_room(meeting, before, previous, saved)
        return saved

    def _save(self, record: Attendance) -> tuple[Attendance | None, Attendance]:
        """Write one attendance record over what was there: (before, after)."""
        from store.domain.models import Attendance

        row = self.unit.row(
            "SELECT * FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [record.meeting_id, record.person_id],
        )
        if row is None:
            return None, record.model_copy(update={"id": self.unit.insert("attendance", record)})
        previous = Attendance.model_validate(row)
        return previous, self.unit.update(
            Attendance,
            "attendance",
            previous.id or 0,
            {"status": record.status, "deputy_id": record.deputy_id, "note": record.note},
        )

    def _note_room(
        self,
        meeting: Meeting,
        before: set[int],
        previous: Attendance | None,
        saved: Attendance,
    ) -> None:
        """After a status change in a live meeting: record who came into the room or
        went out of it, and the quorum it leaves (inside the write)."""
        meeting_id = meeting.id or 0
        # Marking someone present (or in attendance) says they are here now, even
        # after they left; naming a new deputy says the deputy came.
        asserted: set[int] = set()
        if saved.status in _HERE:
            asserted.add(saved.person_id)
        if saved.deputy_id is not None and (
            previous is None or not has_deputy(previous) or previous.deputy_id != saved.deputy_id
        ):
            asserted.add(saved.deputy_id)
        after = in_the_room(self.of(meeting_id), self.departed(meeting_id) - asserted)
        now = self.unit.clock()
        moves = [(p, MovementKind.ARRIVED) for p in sorted(after - before)]
        moves += [(p, MovementKind.LEFT) for p in sorted(before - after)]
        for person, kind in moves:
            self._insert_movement(meeting, person, kind, now)
        # The quorum event names the member marked if they moved, else the first who did.
        mover = next((m for m in moves if m[0] == saved.person_id), moves[0] if moves else None)
        if mover is not None:
            who, change = mover[0], mover[1].value
        elif previous is not None and previous.status is saved.status:
            return
        else:
            who, change = saved.person_id, f"marked {saved.status.label.lower()}"
        self.note_quorum(meeting_id, now, person_id=who, change=change)

    def _insert_movement(
        self, meeting: Meeting, person_id: int, kind: MovementKind, at: dt.datetime
    ) -> Movement:
        from store.domain.models import Movement, validate

        item = meeting.current_item_id if meeting.status is MeetingStatus.LIVE else None
        movement = validate(
            Movement,
            {
                "meeting_id": meeting.id,
                "person_id": person_id,
                "kind": kind,
                "at": at,
                "item_id": item,
            },
        )
        return movement.model_copy(update={"id": self.unit.insert("movements", movement)})

    def remove(self, meeting_id: int, person_id: int) -> None:
        """Take someone off a meeting's list; refused once they (or their deputy)
        have moved or declared, and on a closed meeting, whose list is the record."""
        from store.domain.models import Attendance

        row = self.unit.row(
            "SELECT * FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        if row is None:
            raise errors.NotFound("That person is not on this meeting's list.")
        meeting = self._meetings.get(meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            raise errors.NotNow(
                "The meeting is closed, so no one can be taken off its list: correct "
                "their status instead (absent, 3); every correction is kept in the audit trail."
            )
        record = Attendance.model_validate(row)
        people = [person_id] + ([record.deputy_id] if record.deputy_id is not None else [])
        marks = ", ".join("?" for _ in people)
        used = self.unit.scalar(
            f"SELECT (SELECT count(*) FROM movements WHERE meeting_id = ? AND person_id IN ({marks}))"
            " + (SELECT count(*) FROM declarations WHERE meeting_id = ? AND person_id = ?)",
            [meeting_id, *people, meeting_id, person_id],
        )
        if used:
            raise errors.InUse(
                "They cannot be taken off the list: their arrivals, departures or "
                "declarations at this meeting are recorded."
            )
        with self.unit.write():
            self.unit.delete("attendance", row["id"])
            if meeting.status is MeetingStatus.LIVE:
                change = "taken off the list"
                self.note_quorum(meeting_id, self.unit.clock(), person_id=person_id, change=change)

    def record_movement(self, meeting_id: int, person_id: int, kind: MovementKind | str) -> Quorum:
        """Someone arrived or left, now (during the current item). Returns the
        quorum after it.

        A change of quorum is recorded with its time, who came or went and the
        item (``quorum_events``), so the minutes can say when the quorum was lost.
        A member who sent apologies and arrives once the meeting has started is
        marked present and keeps the deputy who came for them.
        """
        from store.domain.models import Attendance

        meeting = self._meetings.get(meeting_id)
        status = meeting.status
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
        self.unit.check_person("person_id", person_id)
        at = self.unit.clock()
        with self.unit.write():
            movement = self._insert_movement(meeting, person_id, MovementKind(kind), at)
            if movement.kind is MovementKind.ARRIVED:
                row = self.unit.row(
                    "SELECT * FROM attendance WHERE meeting_id = ? AND person_id = ?",
                    [meeting_id, person_id],
                )
                record = Attendance.model_validate(row) if row else None
                deputising = self.unit.scalar(
                    "SELECT 1 FROM attendance WHERE meeting_id = ? AND deputy_id = ? "
                    "AND status IN ('apologies', 'present')",
                    [meeting_id, person_id],
                )
                # A late arrival is marked present; a deputy is already on the list
                # through the apologies they came for, and must not appear twice.
                if not deputising and (record is None or record.status not in _HERE):
                    keep = None
                    if record is not None and has_deputy(record) and status is MeetingStatus.LIVE:
                        keep = record.deputy_id
                    note = record.note if record is not None else None
                    self._save(
                        Attendance(
                            meeting_id=meeting_id,
                            person_id=person_id,
                            status=AttendanceStatus.PRESENT,
                            deputy_id=keep,
                            note=note,
                        )
                    )
            if status is not MeetingStatus.LIVE:
                return self.quorum(meeting_id)
            return self.note_quorum(
                meeting_id, movement.at, person_id=person_id, change=movement.kind.value
            )

    def movements(self, meeting_id: int) -> list[Movement]:
        """Every arrival and departure, in order: who (``person_id``), ``kind``
        (arrived or left), when (``at``) and during which agenda item (``item_id``,
        None before the meeting started)."""
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

    def in_room(self, meeting_id: int) -> set[int]:
        """Everyone in the room now (members, deputies, people in attendance),
        less those who have left: what ``l`` and ``r`` apply to."""
        return in_the_room(self.of(meeting_id), self.departed(meeting_id))

    def quorum(self, meeting_id: int, *, whole_meeting: bool = False) -> Quorum:
        """Whether the meeting is quorate now, and if not, what is missing; who
        represented each partner the meeting's rule needs (``represented``), and
        which partners have no lead or delegated partner on file (``unrecorded``).
        With ``whole_meeting``, everyone who was in the room at any time counts
        (who represented each partner over the meeting, for its minutes).

        The rule is the setting for the meeting's kind (``Settings.quorum_rules``);
        people in the room are counted once each."""
        from store.domain.models import Agency, Meeting, Settings

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        if self._settings is not None:
            settings = self._settings.get()
        else:
            settings = Settings.model_validate(
                self.unit.row(
                    "SELECT quorum_rules, each_local_authority FROM settings WHERE id = 1"
                )
                or {}
            )
        from store.domain.models.directory import QuorumRule

        rule = settings.quorum_rules.get(meeting.kind, QuorumRule())
        attendance: list[Attendance] = self.of(meeting_id)
        agencies = [Agency.model_validate(r) for r in self.unit.rows("SELECT * FROM agencies")]
        by_id = {a.id: a for a in agencies}
        people = self.unit.rows("SELECT id, name, agency_id FROM people")
        agency_of: dict[int, Agency | None] = {p["id"]: by_id.get(p["agency_id"]) for p in people}
        return assess(
            rule,
            meeting.quorum_members,
            attendance,
            agency_of,
            set() if whole_meeting else self.departed(meeting_id),
            agencies=agencies,
            each_local_authority=settings.each_local_authority,
            names={p["id"]: p["name"] for p in people},
        )

    def representation(self, meeting_id: int) -> tuple[Representation, ...]:
        """Per partner the meeting's rule needs, who represents it now: the person
        (``person_id``, ``name``) and as what (``role``: lead, delegated partner,
        deputy or member), or ``person_id`` None when no one does."""
        return self.quorum(meeting_id).represented

    def quorum_events(self, meeting_id: int) -> list[QuorumEvent]:
        """The quorum's history, oldest first: when (``at``), ``quorate`` or not and
        what was ``missing``; who came or went to change it (``person_id``), how
        (``change``: "start", "arrived", "left", or e.g. "marked in attendance")
        and during which agenda item (``item_id``)."""
        from store.domain.models import QuorumEvent

        rows = self.unit.rows(
            "SELECT * FROM quorum_events WHERE meeting_id = ? ORDER BY at, id", [meeting_id]
        )
        return [QuorumEvent.model_validate(r) for r in rows]

    def note_quorum(
        self,
        meeting_id: int,
        at: dt.datetime,
        *,
        force: bool = False,
        person_id: int | None = None,
        item_id: int | None = None,
        change: str | None = None,
    ) -> Quorum:
        """Record a change of quorum (or, with ``force``, the state at the start)
        with its time, who changed it and how, and the item under way (default:
        the meeting's current item); returns the quorum as it now stands."""
        from store.domain.models import Meeting, QuorumEvent

        quorum = self.quorum(meeting_id)
        if not quorum.applies:
            return quorum
        last = self.unit.scalar(
            "SELECT quorate FROM quorum_events WHERE meeting_id = ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            [meeting_id],
        )
        if force or last is None or bool(last) != quorum.quorate:
            if item_id is None:
                item_id = self.unit.get(Meeting, "meetings", meeting_id).current_item_id
            event = QuorumEvent(
                meeting_id=meeting_id,
                at=at,
                quorate=quorum.quorate,
                missing="; ".join(quorum.missing),
                person_id=person_id,
                item_id=item_id,
                change=change or ("start" if force else None),
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
