"""Meetings: planning, cancelling, the next in a series, what a meeting holds of
the record, and its corrections after closing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Unpack

from store.domain import errors
from store.domain.fields import MeetingChanges
from store.domain.kinds import (
    MeetingKind,
    MeetingStatus,
)

if TYPE_CHECKING:
    from store.agenda import AgendaPart
    from store.db.unit import Unit
    from store.domain.models import (
        AuditEntry,
        Meeting,
    )
    from store.domain.views import MeetingSummary


FORMAL = frozenset({MeetingKind.EXECUTIVE, MeetingKind.PARTNERSHIP_BOARD, MeetingKind.SUB_GROUP})


# Meetings quorate by a number of members (store/domain/quorum.py): they start with the
# partnership's default number, from the settings.
BY_NUMBERS = frozenset(
    {
        MeetingKind.PARTNERSHIP_BOARD,
        MeetingKind.PARTNERSHIP_BOARD.value,
        MeetingKind.SUB_GROUP,
        MeetingKind.SUB_GROUP.value,
    }
)


@dataclass(frozen=True)
class Correction:
    """One change to a meeting's record: the audit entry and what it changed
    ("Item 4: Neglect strategy", "Decision D-2026-014")."""

    entry: AuditEntry
    what: str
    after_closing: bool


class MeetingsPart:
    def __init__(self, unit: Unit, agenda: AgendaPart) -> None:
        self.unit = unit
        self._agenda = agenda

    def all(self, today: dt.date | None = None) -> list[Meeting]:
        """Upcoming meetings first (soonest first), then past ones (latest first)."""
        from store.domain.models import Meeting

        today = today or self.unit.clock().date()
        upcoming = self.unit.rows(
            "SELECT * FROM meetings WHERE date >= ? ORDER BY date, start_time, id",
            [today.isoformat()],
        )
        past = self.unit.rows(
            "SELECT * FROM meetings WHERE date < ? ORDER BY date DESC, start_time DESC, id DESC",
            [today.isoformat()],
        )
        return [Meeting.model_validate(r) for r in upcoming + past]

    def listed_count(self, today: dt.date | None = None) -> tuple[int, int]:
        """How many meetings the list holds: (upcoming, past), split at ``today``."""
        day = (today or self.unit.clock().date()).isoformat()
        upcoming = int(self.unit.scalar("SELECT count(*) FROM meetings WHERE date >= ?", [day]))
        past = int(self.unit.scalar("SELECT count(*) FROM meetings WHERE date < ?", [day]))
        return upcoming, past

    def listed(
        self,
        today: dt.date,
        offset: int,
        limit: int,
        upcoming: int | None = None,
    ) -> list[MeetingSummary]:
        """Rows ``offset`` to ``offset + limit`` of the meetings list: upcoming first
        (soonest first), then past (latest first), as plain rows. Each side reads
        the date index in its order, so a page costs the same on ten years of
        meetings as on one (``upcoming``: the count, when the caller has it)."""
        from store.domain.views import MeetingSummary

        day = today.isoformat()
        if upcoming is None:
            upcoming = self.listed_count(today)[0]
        columns = "id, title, kind, date, start_time, location, status"
        rows: list[dict[str, Any]] = []
        if offset < upcoming:
            rows += self.unit.rows(
                f"SELECT {columns} FROM meetings WHERE date >= ? "
                "ORDER BY date, start_time, id LIMIT ? OFFSET ?",
                [day, limit, offset],
            )
        if len(rows) < limit:
            rows += self.unit.rows(
                f"SELECT {columns} FROM meetings WHERE date < ? "
                "ORDER BY date DESC, start_time DESC, id DESC LIMIT ? OFFSET ?",
                [day, limit - len(rows), max(offset - upcoming, 0)],
            )
        return [MeetingSummary.from_row(r) for r in rows]

    def listed_position(self, today: dt.date, meeting_id: int) -> int | None:
        """Where a meeting stands in the list (``listed``), or None if it is not there."""
        row = self.unit.row("SELECT date, start_time FROM meetings WHERE id = ?", [meeting_id])
        if row is None:
            return None
        day, start = row["date"], row["start_time"] or ""
        key = [day, day, start, day, start, meeting_id]
        if day >= today.isoformat():
            return int(
                self.unit.scalar(
                    "SELECT count(*) FROM meetings WHERE date >= ? AND (date < ? OR "
                    "(date = ? AND (coalesce(start_time, '') < ? OR "
                    "(date = ? AND coalesce(start_time, '') = ? AND id < ?))))",
                    [today.isoformat(), *key],
                )
            )
        upcoming = self.listed_count(today)[0]
        return upcoming + int(
            self.unit.scalar(
                "SELECT count(*) FROM meetings WHERE date < ? AND (date > ? OR "
                "(date = ? AND (coalesce(start_time, '') > ? OR "
                "(date = ? AND coalesce(start_time, '') = ? AND id > ?))))",
                [today.isoformat(), *key],
            )
        )

    def latest(self, limit: int = 200) -> list[Meeting]:
        """The most recent meetings (planned ones included), latest first: for pickers,
        which must not grow with ten years of history."""
        from store.domain.models import Meeting

        rows = self.unit.rows(
            "SELECT * FROM meetings ORDER BY date DESC, start_time DESC, id DESC LIMIT ?", [limit]
        )
        return [Meeting.model_validate(r) for r in rows]

    def get(self, meeting_id: int) -> Meeting:
        from store.domain.models import Meeting

        return self.unit.get(Meeting, "meetings", meeting_id)

    def add(
        self, *, standard_agenda: bool | None = None, **given: Unpack[MeetingChanges]
    ) -> Meeting:
        """Create a meeting; raises ``InvalidValue`` naming each bad field.

        A formal meeting (executive, partnership board, sub-group) starts with
        the standard running order; pass ``standard_agenda=False`` to start empty.
        """
        fields: dict[str, Any] = dict(given)
        from store.domain.models import Meeting, validate

        kind = fields.get("kind")
        if not str(fields.get("series") or "").strip() and kind in set(MeetingKind):
            # Meetings of the same body share a series; by default, the kind's.
            fields["series"] = MeetingKind(kind).value
        standard = standard_agenda
        if "quorum_members" not in fields and fields.get("kind") in BY_NUMBERS:
            fields["quorum_members"] = self.unit.scalar(
                "SELECT quorum_members FROM settings WHERE id = 1"
            )
        meeting = validate(Meeting, fields)
        self.unit.check_person("chair_id", meeting.chair_id)
        with self.unit.write():
            created = meeting.model_copy(update={"id": self.unit.insert("meetings", meeting)})
            if standard is None:
                standard = created.kind in FORMAL
            if standard:
                self._agenda.apply_template(created.id or 0)
            self._complete_next_meeting(created)
        return created

    def _complete_next_meeting(self, created: Meeting) -> None:
        """The first next meeting planned after a meeting closed without one is
        its "date of next meeting": its kept facts are completed, once (a later
        move of that meeting does not change them)."""
        previous = self.unit.row(
            "SELECT r.id FROM meetings m JOIN meeting_records r ON r.meeting_id = m.id "
            "WHERE m.series = ? AND m.status = 'closed' AND m.id != ? "
            "AND (m.date < ? OR (m.date = ? AND m.start_time < ?)) "
            "ORDER BY m.date DESC, m.start_time DESC, m.id DESC LIMIT 1",
            [
                created.series,
                created.id,
                created.date.isoformat(),
                created.date.isoformat(),
                created.start_time.isoformat(),
            ],
        )
        if previous is None:
            return
        self.unit.db.execute(
            "UPDATE meeting_records SET facts = json_set(facts, '$.next_meeting', json(?)) "
            "WHERE id = ? AND json_extract(facts, '$.next_meeting') IS NULL",
            [
                json.dumps(
                    {
                        "date": created.date.isoformat(),
                        "start_time": created.start_time.isoformat(),
                        "location": created.location,
                    }
                ),
                previous["id"],
            ],
        )

    def update(self, meeting_id: int, **given: Unpack[MeetingChanges]) -> Meeting:
        changes: dict[str, Any] = dict(given)
        from store.domain.models import Meeting

        if "chair_id" in changes:
            self.unit.check_person("chair_id", changes["chair_id"])
        self.unit.check_unlocked(meeting_id, "the meeting's details")
        return self.unit.update(Meeting, "meetings", meeting_id, changes)

    def cancel(self, meeting_id: int, reason: str | None = None) -> Meeting:
        """Mark a planned meeting cancelled: it is kept, with when and why, and leaves
        the upcoming list. A meeting that has started cannot be cancelled."""
        meeting = self.get(meeting_id)
        if meeting.status is not MeetingStatus.PLANNED:
            raise errors.InvalidValue(
                {
                    "status": f"this meeting is {meeting.status.label.lower()}: only a planned "
                    "meeting can be cancelled"
                }
            )
        return self.update(
            meeting_id,
            status=MeetingStatus.CANCELLED,
            cancelled_at=self.unit.clock(),
            cancelled_reason=reason,
        )

    def reinstate(self, meeting_id: int) -> Meeting:
        """A cancelled meeting is planned again (the cancellation stays in the audit trail)."""
        meeting = self.get(meeting_id)
        if meeting.status is not MeetingStatus.CANCELLED:
            raise errors.InvalidValue({"status": "this meeting is not cancelled"})
        return self.update(
            meeting_id, status=MeetingStatus.PLANNED, cancelled_at=None, cancelled_reason=None
        )

    def record_of(self, meeting_id: int) -> list[str]:
        """What a meeting holds of the record, as phrases ("3 attendance records"),
        empty when it holds nothing but its plan (title, date, agenda)."""
        counts = self.unit.row(
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

    def delete(self, meeting_id: int) -> None:
        """Remove a meeting that holds no record yet (planned or cancelled; no
        attendance, minutes, actions, decisions, movements or declarations), with
        its agenda. Anything else is the record: cancel it instead."""
        meeting = self.get(meeting_id)
        if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED):
            raise errors.InUse(
                f"This meeting is {meeting.status.label.lower()}: it is part of the record "
                "and cannot be deleted."
            )
        held = self.record_of(meeting_id)
        if held:
            raise errors.InUse(
                "This meeting cannot be deleted: it holds " + ", ".join(held) + ". "
                "Cancel it instead (it is kept, marked cancelled)."
            )
        with self.unit.write() as db:
            for row in self.unit.rows(
                "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position", [meeting_id]
            ):
                self.unit.delete("agenda_items", row["id"])
            db.execute("UPDATE meetings SET current_item_id = NULL WHERE id = ?", [meeting_id])
            self.unit.delete("meetings", meeting_id)

    def next_in_series(self, meeting_id: int, on_or_after: dt.date | None = None) -> Meeting | None:
        """The next meeting of the same body after this one, if one is planned;
        with ``on_or_after``, the first such meeting on or after that day."""
        from store.domain.models import Meeting

        meeting = self.get(meeting_id)
        row = self.unit.row(
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
            r["series"]
            for r in self.unit.rows("SELECT DISTINCT series FROM meetings ORDER BY series")
        ]

    def plan_next(
        self, meeting_id: int, date: dt.date | str, start_time: dt.time | str | None = None
    ) -> Meeting:
        """The next meeting of the same body: same details, the standing items copied."""
        from store.domain.models import Meeting

        this = self.unit.get(Meeting, "meetings", meeting_id)
        fields = this.model_dump(
            include={"title", "kind", "series", "location", "chair_id", "quorum_members"}
        )
        fields |= {"date": date, "start_time": start_time or this.start_time}
        with self.unit.write():
            nxt = self.add(**fields, standard_agenda=False)
            for it in self._agenda.items(meeting_id):
                if it.standing:
                    self._agenda.add(
                        nxt.id or 0,
                        title=it.title,
                        purpose=it.purpose,
                        presenter_id=it.presenter_id,
                        planned_minutes=it.planned_minutes,
                        standing=True,
                    )
        return nxt

    def corrections(self, meeting_id: int) -> list[Correction]:
        """The meeting's record as changed after it was first closed, oldest first:
        each item's minutes (audited only once the meeting is closed) and each of
        its decisions' wording or withdrawal (audited always; only changes are
        listed, not the first recording)."""
        from store.domain.models import AuditEntry

        first_close = self.unit.scalar(
            "SELECT min(at) FROM audit WHERE table_name = 'meetings' AND record_id = ? "
            "AND field = 'status' AND new = 'closed'",
            [meeting_id],
        )
        # The audit entry of the first close: what is audited after it is a correction.
        closed_id = self.unit.scalar(
            "SELECT coalesce(min(id), (SELECT coalesce(max(id), 0) + 1 FROM audit)) FROM audit "
            "WHERE table_name = 'meetings' AND record_id = ? AND field = 'status' "
            "AND new = 'closed'",
            [meeting_id],
        )
        rows = self.unit.rows(
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
            # After closing (audited after the first close): the meeting's
            # details, its attendance, item titles.
            "UNION ALL "
            "SELECT a.*, NULL AS position, 'details' AS what FROM audit a "
            "WHERE a.table_name = 'meetings' AND a.record_id = ? AND a.id > ? "
            "AND a.field IN ('title', 'kind', 'series', 'date', "
            "'start_time', 'location', 'chair_id', 'quorum_members') "
            "UNION ALL "
            "SELECT a.*, NULL AS position, p.name AS what FROM audit a "
            "JOIN attendance t ON t.id = a.record_id JOIN people p ON p.id = t.person_id "
            "WHERE a.table_name = 'attendance' AND t.meeting_id = ? AND a.id > ? "
            "UNION ALL "
            "SELECT a.*, i.position AS position, i.title AS what FROM audit a "
            "JOIN agenda_items i ON i.id = a.record_id "
            "WHERE a.table_name = 'agenda_items' AND a.field = 'title' AND i.meeting_id = ? "
            "AND a.id > ? "
            "ORDER BY id",
            [
                meeting_id,
                meeting_id,
                meeting_id,
                meeting_id,
                closed_id,
                meeting_id,
                closed_id,
                meeting_id,
                closed_id,
            ],
        )
        out = []
        for row in rows:
            position, what = row.pop("position"), row.pop("what")
            entry = AuditEntry.model_validate(row)
            if entry.table_name == "meetings":
                label = f"Meeting {entry.field.removesuffix('_id').replace('_', ' ')}"
            elif entry.table_name == "attendance":
                label = f"Attendance: {what}"
            elif entry.table_name == "agenda_items" and entry.field == "title":
                label = f"Item {position} title"
            elif entry.table_name == "agenda_items":
                label = f"Item {position}: {what}"
            elif entry.field == "withdrawn_reason" and entry.old is None:
                label = f"Decision {what} withdrawn"
            else:
                label = f"Decision {what}"
            after_close = first_close is not None and entry.at.isoformat() >= str(first_close)
            out.append(Correction(entry, label, after_close or entry.table_name == "agenda_items"))
        return out
