"""Meetings, their agenda items and attendance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from store import errors
from store.base import StoreBase
from store.kinds import AttendanceStatus, MeetingKind, MeetingStatus
from store.views import MeetingSummary

if TYPE_CHECKING:
    from store.models import Attendance, Meeting


FORMAL = frozenset({MeetingKind.EXECUTIVE, MeetingKind.PARTNERSHIP_BOARD, MeetingKind.SUB_GROUP})
# Meetings quorate by a number of members (store/quorum.py): they start with the
# partnership's default number, from the settings.
BY_NUMBERS = frozenset(
    {
        MeetingKind.PARTNERSHIP_BOARD,
        MeetingKind.PARTNERSHIP_BOARD.value,
        MeetingKind.SUB_GROUP,
        MeetingKind.SUB_GROUP.value,
    }
)


class MeetingsMixin(StoreBase):
    # -- meetings --------------------------------------------------------------

    def meetings(self, today: dt.date | None = None) -> list[Meeting]:
        """Upcoming meetings first (soonest first), then past ones (latest first)."""
        from store.models import Meeting

        today = today or self.clock().date()
        upcoming = self._rows(
            "SELECT * FROM meetings WHERE date >= ? ORDER BY date, start_time, id",
            [today.isoformat()],
        )
        past = self._rows(
            "SELECT * FROM meetings WHERE date < ? ORDER BY date DESC, start_time DESC, id DESC",
            [today.isoformat()],
        )
        return [Meeting.model_validate(r) for r in upcoming + past]

    def upcoming_meetings(
        self, limit: int = 5, today: dt.date | None = None
    ) -> list[MeetingSummary]:
        """The next ``limit`` meetings from today, soonest first (uses the date index).

        Summaries built from rows, not models: the dashboard shows them on the first frame.
        """
        today = today or self.clock().date()
        rows = self._rows(
            "SELECT id, title, kind, date, start_time, location, status FROM meetings "
            "WHERE date >= ? AND status NOT IN ('closed', 'cancelled') "
            "ORDER BY date, start_time, id LIMIT ?",
            [today.isoformat(), limit],
        )
        return [MeetingSummary.from_row(r) for r in rows]

    def live_meeting_titles(self) -> list[str]:
        """The titles of the meetings under way (started, not ended)."""
        rows = self._rows("SELECT title FROM meetings WHERE status = 'live' ORDER BY date, id")
        return [str(r["title"]) for r in rows]

    def latest_meetings(self, limit: int = 200) -> list[Meeting]:
        """The most recent meetings (planned ones included), latest first: for pickers,
        which must not grow with ten years of history."""
        from store.models import Meeting

        rows = self._rows(
            "SELECT * FROM meetings ORDER BY date DESC, start_time DESC, id DESC LIMIT ?", [limit]
        )
        return [Meeting.model_validate(r) for r in rows]

    def meeting(self, meeting_id: int) -> Meeting:
        from store.models import Meeting

        return self._get(Meeting, "meetings", meeting_id)

    def add_meeting(self, **fields: Any) -> Meeting:
        """Create a meeting; raises ``InvalidValue`` naming each bad field.

        A formal meeting (executive, partnership board, sub-group) starts with
        the standard running order; pass ``standard_agenda=False`` to start empty.
        """
        from store.models import Meeting, validate

        standard = fields.pop("standard_agenda", None)
        if "quorum_members" not in fields and fields.get("kind") in BY_NUMBERS:
            fields["quorum_members"] = self._scalar(
                "SELECT quorum_members FROM settings WHERE id = 1"
            )
        meeting = validate(Meeting, fields)
        self._check_person("chair_id", meeting.chair_id)
        with self._write():
            created = meeting.model_copy(update={"id": self._insert("meetings", meeting)})
            if standard is None:
                standard = created.kind in FORMAL
            if standard:
                self._apply_template(created.id or 0)
        return created

    def _apply_template(self, meeting_id: int) -> None:
        raise NotImplementedError  # provided by AgendaMixin

    def update_meeting(self, meeting_id: int, **changes: Any) -> Meeting:
        from store.models import Meeting

        if "chair_id" in changes:
            self._check_person("chair_id", changes["chair_id"])
        return self._update(Meeting, "meetings", meeting_id, changes)

    def cancel_meeting(self, meeting_id: int, reason: str | None = None) -> Meeting:
        """Mark a planned meeting cancelled: it is kept, with when and why, and leaves
        the upcoming list. A meeting that has started cannot be cancelled."""
        meeting = self.meeting(meeting_id)
        if meeting.status is not MeetingStatus.PLANNED:
            raise errors.InvalidValue(
                {
                    "status": f"this meeting is {meeting.status.label.lower()}: only a planned "
                    "meeting can be cancelled"
                }
            )
        return self.update_meeting(
            meeting_id,
            status=MeetingStatus.CANCELLED,
            cancelled_at=self.clock(),
            cancelled_reason=reason,
        )

    def reinstate_meeting(self, meeting_id: int) -> Meeting:
        """A cancelled meeting is planned again (the cancellation stays in the audit trail)."""
        meeting = self.meeting(meeting_id)
        if meeting.status is not MeetingStatus.CANCELLED:
            raise errors.InvalidValue({"status": "this meeting is not cancelled"})
        return self.update_meeting(
            meeting_id, status=MeetingStatus.PLANNED, cancelled_at=None, cancelled_reason=None
        )

    def meeting_record(self, meeting_id: int) -> list[str]:
        """What a meeting holds of the record, as phrases ("3 attendance records"),
        empty when it holds nothing but its plan (title, date, agenda)."""
        counts = self._row(
            "SELECT "
            "(SELECT count(*) FROM attendance WHERE meeting_id = :m) AS attendance, "
            "(SELECT count(*) FROM agenda_items WHERE meeting_id = :m AND minutes != '') "
            "AS minutes, "
            "(SELECT count(*) FROM actions WHERE meeting_id = :m) AS actions, "
            "(SELECT count(*) FROM decisions WHERE meeting_id = :m) AS decisions, "
            "(SELECT count(*) FROM movements WHERE meeting_id = :m) AS movements, "
            "(SELECT count(*) FROM declarations WHERE meeting_id = :m) AS declarations",
            {"m": meeting_id},
        )
        names = {
            "attendance": ("attendance record", "attendance records"),
            "minutes": ("item with minutes", "items with minutes"),
            "actions": ("action", "actions"),
            "decisions": ("decision", "decisions"),
            "movements": ("arrival or departure", "arrivals and departures"),
            "declarations": ("declaration of interest", "declarations of interest"),
        }
        return [
            f"{n} {names[key][0] if n == 1 else names[key][1]}"
            for key, n in (counts or {}).items()
            if n
        ]

    def delete_meeting(self, meeting_id: int) -> None:
        """Remove a meeting that holds no record yet (planned or cancelled; no
        attendance, minutes, actions, decisions, movements or declarations), with
        its agenda. Anything else is the record: cancel it instead."""
        meeting = self.meeting(meeting_id)
        if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED):
            raise errors.InUse(
                f"This meeting is {meeting.status.label.lower()}: it is part of the record "
                "and cannot be deleted."
            )
        held = self.meeting_record(meeting_id)
        if held:
            raise errors.InUse(
                "This meeting cannot be deleted: it holds " + ", ".join(held) + ". "
                "Cancel it instead (it is kept, marked cancelled)."
            )
        with self._write() as db:
            for row in self._rows(
                "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", [meeting_id]
            ):
                self._delete("agenda_items", row["id"])
            db.execute("UPDATE meetings SET current_item_id = NULL WHERE id = ?", [meeting_id])
            self._delete("meetings", meeting_id)

    def next_in_series(self, meeting_id: int, on_or_after: dt.date | None = None) -> Meeting | None:
        """The next meeting of the same body after this one, if one is planned;
        with ``on_or_after``, the first such meeting on or after that day."""
        from store.models import Meeting

        meeting = self.meeting(meeting_id)
        row = self._row(
            "SELECT * FROM meetings WHERE series = ? AND date >= ? AND "
            "(date > ? OR (date = ? AND start_time > ?) OR (date = ? AND start_time = ? AND id > ?)) "
            "ORDER BY date, start_time, id LIMIT 1",
            [
                meeting.series,
                (on_or_after or meeting.date).isoformat(),
                meeting.date.isoformat(),
                meeting.date.isoformat(),
                meeting.start_time.isoformat(),
                meeting.date.isoformat(),
                meeting.start_time.isoformat(),
                meeting_id,
            ],
        )
        return Meeting.model_validate(row) if row else None

    def series_names(self) -> list[str]:
        return [
            r["series"] for r in self._rows("SELECT DISTINCT series FROM meetings ORDER BY series")
        ]

    # -- attendance --------------------------------------------------------------

    def unmarked(self, meeting_id: int) -> list[Attendance]:
        """People invited and not yet marked present, absent or with apologies."""
        return [
            record
            for record in self.attendance(meeting_id)
            if record.status is AttendanceStatus.INVITED
        ]

    def attendance(self, meeting_id: int) -> list[Attendance]:
        from store.models import Attendance

        rows = self._rows(
            "SELECT a.* FROM attendance a JOIN people p ON p.id = a.person_id "
            "WHERE a.meeting_id = ? ORDER BY p.name COLLATE NOCASE",
            [meeting_id],
        )
        return [Attendance.model_validate(r) for r in rows]

    def set_attendance(
        self,
        meeting_id: int,
        person_id: int,
        status: AttendanceStatus | str,
        *,
        deputy_id: int | None = None,
        note: str | None = None,
    ) -> Attendance:
        """Record one person's attendance at a meeting, replacing what was there."""
        from store.models import Attendance, validate

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
        self.meeting(meeting_id)
        self._check_person("person_id", person_id)
        self._check_person("deputy_id", record.deputy_id)
        existing = self._row(
            "SELECT id FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        if existing is None:
            return record.model_copy(update={"id": self._insert("attendance", record)})
        return self._update(
            Attendance,
            "attendance",
            existing["id"],
            {"status": record.status, "deputy_id": record.deputy_id, "note": record.note},
        )

    def remove_attendance(self, meeting_id: int, person_id: int) -> None:
        """Take someone off a meeting's list; refused once they have moved or declared."""
        row = self._row(
            "SELECT id FROM attendance WHERE meeting_id = ? AND person_id = ?",
            [meeting_id, person_id],
        )
        if row is None:
            raise errors.NotFound("That person is not on this meeting's list.")
        used = self._scalar(
            "SELECT (SELECT count(*) FROM movements WHERE meeting_id = ? AND person_id = ?)"
            " + (SELECT count(*) FROM declarations WHERE meeting_id = ? AND person_id = ?)",
            [meeting_id, person_id, meeting_id, person_id],
        )
        if used:
            raise errors.InUse(
                "They cannot be taken off the list: their arrivals, departures or "
                "declarations at this meeting are recorded."
            )
        self._delete("attendance", row["id"])

    # -- figures -------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many of each record the file holds (for the dashboard and ``check``)."""
        today = self.clock().date().isoformat()
        return {
            "agencies": int(self._scalar("SELECT count(*) FROM agencies")),
            "people": int(self._scalar("SELECT count(*) FROM people")),
            "meetings": int(self._scalar("SELECT count(*) FROM meetings")),
            "upcoming meetings": int(
                self._scalar(
                    "SELECT count(*) FROM meetings WHERE date >= ? AND status NOT IN (?, ?)",
                    [today, MeetingStatus.CLOSED.value, MeetingStatus.CANCELLED.value],
                )
            ),
            "agenda items": int(self._scalar("SELECT count(*) FROM agenda_items")),
        }
