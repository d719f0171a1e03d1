"""The record of a meeting after it: the facts frozen when it closed, the minutes
agreed as an accurate record, each amendment to agreed minutes, and each copy
circulated with a hash of its content.

The minutes of a closed meeting are built from its frozen facts
(``MeetingFacts``), so the same file exported today and after any later change
elsewhere (an action closed, a job title changed, the next meeting moved) is
byte-identical. Its own record changes only by corrections (audited) and, once
agreed, by amendments with a reason.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from store.domain import errors
from store.domain.kinds import MeetingStatus

if TYPE_CHECKING:
    from pathlib import Path

    from store.actions import ActionsPart
    from store.agenda import AgendaPart
    from store.attendance import AttendancePart
    from store.db.unit import Unit
    from store.domain.models import Meeting
    from store.domain.models.record import Agreement, Amendment, Circulation, MeetingFacts
    from store.meetings import MeetingsPart
    from store.settings import SettingsPart


class RecordPart:
    def __init__(
        self,
        unit: Unit,
        settings: SettingsPart,
        meetings: MeetingsPart,
        agenda: AgendaPart,
        actions: ActionsPart,
        attendance: AttendancePart,
    ) -> None:
        self.unit = unit
        self._settings = settings
        self._meetings = meetings
        self._agenda = agenda
        self._actions = actions
        self._attendance = attendance

    # -- the facts as at the meeting ---------------------------------------------

    def facts(self, meeting_id: int) -> MeetingFacts:
        """What the minutes of the meeting show beyond its own record: frozen when
        it closed (one closed before this version kept them is frozen the first
        time they are asked for, unless the file is read-only); for a meeting not
        yet closed, as they are now."""
        from store.domain.models.record import MeetingFacts

        text = self.unit.scalar(
            "SELECT facts FROM meeting_records WHERE meeting_id = ?", [meeting_id]
        )
        if text is not None:
            return MeetingFacts.model_validate_json(text)
        closed = self._meetings.get(meeting_id).status is MeetingStatus.CLOSED
        if closed and not self.unit.readonly:
            # Closed before this version kept them: kept now, as they are, so
            # that from now on its minutes do not change either.
            return self.freeze(meeting_id)
        return self.gather(meeting_id)

    def frozen(self, meeting_id: int) -> bool:
        return bool(
            self.unit.scalar(
                "SELECT count(*) FROM meeting_records WHERE meeting_id = ?", [meeting_id]
            )
        )

    def freeze(self, meeting_id: int) -> MeetingFacts:
        """Keep the facts as they are now as the meeting's own (done when it
        closes; a meeting's facts are frozen once and never replaced)."""
        from store.domain.models.record import MeetingFacts

        with self.unit.write() as db:
            text = self.unit.scalar(
                "SELECT facts FROM meeting_records WHERE meeting_id = ?", [meeting_id]
            )
            if text is not None:
                return MeetingFacts.model_validate_json(text)
            facts = self.gather(meeting_id)
            db.execute(
                "INSERT INTO meeting_records (uid, meeting_id, taken_at, facts) VALUES (?, ?, ?, ?)",
                [self.unit.new_uid(), meeting_id, self.unit.now_text(), facts.model_dump_json()],
            )
        return facts

    def gather(self, meeting_id: int) -> MeetingFacts:
        """The facts as they are now (``facts`` for a meeting not yet frozen)."""
        from store.domain.deadlines import rag
        from store.domain.models import Agency, Person
        from store.domain.models.record import MeetingFacts, NextMeeting, Represented

        meeting = self._meetings.get(meeting_id)
        settings = self._settings.get()
        arising = self._actions.matters_arising(meeting_id)
        raised = self._actions.of_meeting(meeting_id)
        actions = {a.id or 0: a for a in [*arising, *raised]}
        open_log = [a.id or 0 for a in [*arising, *raised] if a.status.is_open]
        rags = {
            action_id: rag(
                a.status.value,
                a.due,
                meeting.date,
                blocked=a.blocked,
                at_risk=a.at_risk,
                amber_days=settings.amber_days,
            ).value
            for action_id, a in actions.items()
        }
        agencies = {
            int(row["id"]): Agency.model_validate(row)
            for row in self.unit.rows("SELECT * FROM agencies ORDER BY id")
        }
        wanted = self._people_of(meeting_id) | {
            a.owner_id for a in actions.values() if a.owner_id is not None
        }
        wanted |= {
            person
            for agency in agencies.values()
            for person in (agency.lead_partner_id, agency.delegated_partner_id)
            if person is not None
        }
        if meeting.chair_id is not None:
            wanted.add(meeting.chair_id)
        ids = sorted(wanted)
        marks = ", ".join("?" for _ in ids)
        people = {
            int(row["id"]): Person.model_validate(row)
            for row in self.unit.rows(f"SELECT * FROM people WHERE id IN ({marks})", ids)
        }
        nxt = self._meetings.next_in_series(meeting_id)
        at_close = self._attendance.quorum(meeting_id)
        represented = [
            Represented(
                partner=r.partner, person_id=r.person_id, role=r.role.label if r.role else ""
            )
            for r in self._attendance.quorum(meeting_id, whole_meeting=True).represented
        ]
        return MeetingFacts(
            represented=represented,
            quorum=at_close.summary if at_close.applies else "",
            taken_at=self.unit.clock(),
            classification=settings.classification,
            people=people,
            agencies=agencies,
            actions=actions,
            rags=rags,
            arising=[a.id or 0 for a in arising],
            open_log=open_log,
            next_meeting=NextMeeting(
                date=nxt.date, start_time=nxt.start_time, location=nxt.location
            )
            if nxt is not None and nxt.status is not MeetingStatus.CANCELLED
            else None,
        )

    def _people_of(self, meeting_id: int) -> set[int]:
        """Everyone the meeting's own record names: attendance and deputies,
        presenters, declarations, arrivals and departures."""
        rows = self.unit.rows(
            "SELECT person_id AS id FROM attendance WHERE meeting_id = ?1 "
            "UNION SELECT deputy_id FROM attendance WHERE meeting_id = ?1 "
            "UNION SELECT presenter_id FROM agenda_items WHERE meeting_id = ?1 "
            "UNION SELECT person_id FROM declarations WHERE meeting_id = ?1 "
            "UNION SELECT person_id FROM movements WHERE meeting_id = ?1",
            [meeting_id],
        )
        return {int(r["id"]) for r in rows if r["id"] is not None}

    # -- agreeing the minutes ----------------------------------------------------

    def previous(self, meeting_id: int) -> Meeting | None:
        """The meeting of the same series before this one that was held (closed):
        the one whose minutes are agreed at this one."""
        from store.domain.models import Meeting

        meeting = self._meetings.get(meeting_id)
        row = self.unit.row(
            "SELECT * FROM meetings WHERE series = ? AND status = 'closed' AND id != ? "
            "AND (date < ? OR (date = ? AND start_time < ?)) "
            "ORDER BY date DESC, start_time DESC, id DESC LIMIT 1",
            [
                meeting.series,
                meeting_id,
                meeting.date.isoformat(),
                meeting.date.isoformat(),
                meeting.start_time.isoformat(),
            ],
        )
        return Meeting.model_validate(row) if row else None

    def agreement(self, meeting_id: int) -> Agreement | None:
        """When (and where) the meeting's minutes were agreed, if they were."""
        from store.domain.models.record import Agreement

        row = self.unit.row("SELECT * FROM minutes_agreed WHERE meeting_id = ?", [meeting_id])
        return Agreement.model_validate(row) if row else None

    def agreed_at(self, at_meeting_id: int) -> Agreement | None:
        """The agreement recorded at a meeting (of the previous meeting's minutes)."""
        from store.domain.models.record import Agreement

        row = self.unit.row(
            "SELECT * FROM minutes_agreed WHERE at_meeting_id = ? ORDER BY id LIMIT 1",
            [at_meeting_id],
        )
        return Agreement.model_validate(row) if row else None

    def agree(
        self, meeting_id: int, *, at_meeting_id: int | None = None, amendments: str | None = None
    ) -> Agreement:
        """Record the meeting's minutes as agreed, as an accurate record, with any
        amendments agreed with them (text), at ``at_meeting_id`` (the next meeting)
        or on the meeting screen. From then on the minutes are locked: a change is
        an amendment (``amend``)."""
        from store.domain.models import validate
        from store.domain.models.record import Agreement

        meeting = self._meetings.get(meeting_id)
        if meeting.status is not MeetingStatus.CLOSED:
            raise errors.NotNow(
                f"The meeting is {meeting.status.label.lower()}: minutes are agreed once it "
                "has closed."
            )
        if at_meeting_id is not None:
            self._meetings.get(at_meeting_id)
            if at_meeting_id == meeting_id:
                raise errors.InvalidValue(
                    {"at_meeting_id": "minutes are agreed at a later meeting"}
                )
        agreement = validate(
            Agreement,
            {
                "meeting_id": meeting_id,
                "agreed_at": self.unit.clock(),
                "at_meeting_id": at_meeting_id,
                "amendments": amendments,
            },
        )
        with self.unit.write():
            done = self.agreement(meeting_id)
            if done is not None:
                raise errors.NotNow(
                    f"These minutes were agreed on {done.agreed_at:%d %b %Y}: a change now "
                    "is an amendment."
                )
            self.freeze(meeting_id)
            new_id = self.unit.insert("minutes_agreed", agreement)
        return agreement.model_copy(update={"id": new_id})

    def check_unlocked(self, meeting_id: int, what: str = "its record") -> None:
        """``NotNow`` if the meeting's minutes are agreed (locked): ``what`` names
        the change refused."""
        self.unit.check_unlocked(meeting_id, what)

    def amend(self, meeting_id: int, item_id: int, minutes: str, reason: str) -> Amendment:
        """Change one item's minutes after they were agreed: the amendment keeps
        its reason and date, the audit trail the text before and after."""
        from store.domain.models import AgendaItem, validate
        from store.domain.models.record import Amendment

        if self.agreement(meeting_id) is None:
            raise errors.NotNow(
                "These minutes are not agreed yet: correct them (r) rather than amend them."
            )
        if not reason.strip():
            raise errors.InvalidValue({"reason": "say why the agreed minutes are amended"})
        item = self._agenda.item(item_id)
        if item.meeting_id != meeting_id:
            raise errors.InvalidValue({"item_id": "that item is not on this meeting's agenda"})
        amendment = validate(
            Amendment,
            {
                "meeting_id": meeting_id,
                "at": self.unit.clock(),
                "reason": reason,
                "what": f"Item {item.position}, {item.title}"[:500],
            },
        )
        if minutes == item.minutes:
            raise errors.InvalidValue({"minutes": "the minutes are as they were: nothing to amend"})
        with self.unit.write():
            self.unit.update(AgendaItem, "agenda_items", item_id, {"minutes": minutes})
            new_id = self.unit.insert("amendments", amendment)
        return amendment.model_copy(update={"id": new_id})

    def amendments(self, meeting_id: int) -> list[Amendment]:
        """The amendments to the meeting's agreed minutes, oldest first."""
        from store.domain.models.record import Amendment

        rows = self.unit.rows(
            "SELECT * FROM amendments WHERE meeting_id = ? ORDER BY at, id", [meeting_id]
        )
        return [Amendment.model_validate(r) for r in rows]

    # -- what was circulated ------------------------------------------------------

    def circulated(
        self,
        document: str,
        file: str | Path,
        text: str,
        *,
        redacted: bool,
        meeting_id: int | None,
        review_id: int | None = None,
        sha256: str | None = None,
    ) -> Circulation | None:
        """Record a copy written for circulation (None when the file is open
        read-only: nothing can be recorded, and the writer says so). ``sha256``:
        the hash of a copy streamed to its file, whose ``text`` is not held."""
        from store.domain.models.record import Circulation

        if self.unit.readonly:
            return None
        record = Circulation(
            meeting_id=meeting_id,
            review_id=review_id,
            document=document,
            at=self.unit.clock(),
            file=str(file),
            sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            redacted=redacted,
        )
        return record.model_copy(update={"id": self.unit.insert("circulations", record)})

    def circulations(self, meeting_id: int | None = None) -> list[Circulation]:
        """The copies written, newest first (of one meeting's minutes, or all)."""
        from store.domain.models.record import Circulation

        if meeting_id is None:
            rows = self.unit.rows("SELECT * FROM circulations ORDER BY at DESC, id DESC")
        else:
            rows = self.unit.rows(
                "SELECT * FROM circulations WHERE meeting_id = ? ORDER BY at DESC, id DESC",
                [meeting_id],
            )
        return [Circulation.model_validate(r) for r in rows]


__all__ = ["RecordPart"]
