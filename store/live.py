"""Running a meeting: start, move between items, the clock, minutes, end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from store.db.autosave import MinutesSaver
from store.domain import errors
from store.domain.kinds import (
    AttendanceStatus,
    MeetingStatus,
)

if TYPE_CHECKING:
    from store.agenda import AgendaPart
    from store.attendance import AttendancePart
    from store.db.unit import Unit
    from store.domain.models import (
        AgendaItem,
        Meeting,
    )
    from store.record import RecordPart
from store.domain.agenda_times import Projection, project

# The autosave's type goes with the part that makes it (screens hold one).
__all__ = ["LivePart", "MinutesSaver"]


class LivePart:
    def __init__(
        self, unit: Unit, agenda: AgendaPart, attendance: AttendancePart, record: RecordPart
    ) -> None:
        self.unit = unit
        self._agenda = agenda
        self._attendance = attendance
        self._record = record

    def start(self, meeting_id: int) -> Meeting:
        """Start (or resume) a meeting: it goes live on its first item, or where it was."""
        from store.domain.models import Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            raise errors.InvalidValue({"status": "this meeting is closed; reopen it to correct it"})
        if meeting.status is MeetingStatus.CANCELLED:
            raise errors.InvalidValue({"status": "this meeting was cancelled; reinstate it first"})
        items = self._agenda.items(meeting_id)
        if not items:
            raise errors.InvalidValue({"agenda": "add agenda items before starting"})
        now = self.unit.clock()
        current = meeting.current_item_id or items[0].id or 0
        changes: dict[str, object] = {"status": MeetingStatus.LIVE, "current_item_id": current}
        if meeting.started_at is None:
            changes["started_at"] = now
        with self.unit.write():
            self._enter(current, now)
            started = self.unit.update(Meeting, "meetings", meeting_id, changes)
            self._attendance.note_quorum(meeting_id, now, force=meeting.started_at is None)
        return started

    def go_to(self, meeting_id: int, item_id: int) -> AgendaItem:
        """Leave the current item (its clock stops) and enter another."""
        from store.domain.models import AgendaItem, Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        item = self.unit.get(AgendaItem, "agenda_items", item_id)
        if item.meeting_id != meeting_id:
            raise errors.InvalidValue({"item": "that item is on another meeting's agenda"})
        if meeting.current_item_id == item_id:
            return item
        now = self.unit.clock()
        with self.unit.write():
            if meeting.current_item_id is not None:
                self._leave(meeting.current_item_id, now)
            if meeting.status is MeetingStatus.LIVE:
                item = self._enter(item_id, now)
            self.unit.update(Meeting, "meetings", meeting_id, {"current_item_id": item_id})
        return item

    def step(self, meeting_id: int, by: int) -> AgendaItem | None:
        """Go to the next (``by=1``) or previous (``by=-1``) item; None at either end."""
        from store.domain.models import Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        items = self._agenda.items(meeting_id)
        ids = [it.id for it in items]
        index = ids.index(meeting.current_item_id) if meeting.current_item_id in ids else -1
        target = index + by
        if not 0 <= target < len(items):
            return None
        return self.go_to(meeting_id, items[target].id or 0)

    def end(self, meeting_id: int) -> Meeting:
        """Close the meeting: the current item's clock stops; the end time is recorded.
        Anyone invited and never marked is recorded as absent (``unmarked`` lists
        them, so the chair can be told first)."""
        from store.domain.models import Attendance, Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        if meeting.status is MeetingStatus.CANCELLED:
            raise errors.InvalidValue({"status": "this meeting was cancelled"})
        now = self.unit.clock()
        with self.unit.write():
            for record in self._attendance.unmarked(meeting_id):
                self.unit.update(
                    Attendance, "attendance", record.id or 0, {"status": AttendanceStatus.ABSENT}
                )
            if meeting.current_item_id is not None and meeting.status is MeetingStatus.LIVE:
                self._leave(meeting.current_item_id, now)
            changes: dict[str, object] = {"status": MeetingStatus.CLOSED}
            if meeting.status is MeetingStatus.LIVE:
                changes["ended_at"] = now
            closed = self.unit.update(Meeting, "meetings", meeting_id, changes)
            # What was true at the meeting is kept with it: its minutes do not
            # change with later edits elsewhere.
            self._record.freeze(meeting_id)
            return closed

    def _enter(self, item_id: int, now: dt.datetime) -> AgendaItem:
        """Start the item's clock (and note when it was first taken); returns it."""
        from store.domain.models import AgendaItem

        started = self.unit.scalar("SELECT started_at FROM agenda_items WHERE id = ?", [item_id])
        changes: dict[str, object] = {"entered_at": now}
        if started is None:
            changes["started_at"] = now
        return self.unit.update(AgendaItem, "agenda_items", item_id, changes)

    def _leave(self, item_id: int, now: dt.datetime) -> None:
        from store.domain.models import AgendaItem

        item = self.unit.get(AgendaItem, "agenda_items", item_id)
        if item.entered_at is None:
            return
        spent = int(item.elapsed(now).total_seconds())
        self.unit.update(
            AgendaItem,
            "agenda_items",
            item_id,
            {"elapsed_seconds": spent, "entered_at": None, "ended_at": now},
        )

    def projection(self, meeting_id: int) -> Projection:
        """The current item's clock and the meeting's projected finish, as of now."""
        from store.domain.models import Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        items = self._agenda.items(meeting_id)
        return project(meeting, items, self.unit.clock())

    def autosave(
        self,
        *,
        on_error: Callable[[errors.StoreError], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
    ) -> MinutesSaver:
        """The live screen's autosave: typed minutes reach the file within 0.2 s,
        written on a thread of its own (see store/db/autosave.py)."""
        return MinutesSaver(self.save_minutes, on_error=on_error, on_recovered=on_recovered)

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
        from store.db.files import keep_recovered

        try:
            title = self.unit.scalar("SELECT title FROM agenda_items WHERE id = ?", [item_id])
        except errors.StoreError:
            title = None
        body = f"# {title or 'Agenda item'} (item id {item_id})\n\n{text}\n"
        try:
            return str(keep_recovered(self.unit.path, f"item-{item_id}", body))
        except errors.StoreError as exc:
            return f"this window only ({exc})"

    def _store_minutes(self, item_id: int, text: str) -> None:
        with self.unit.write() as db:
            row = self.unit.row(
                "SELECT i.minutes, m.status FROM agenda_items i JOIN meetings m "
                "ON m.id = i.meeting_id WHERE i.id = ?",
                [item_id],
            )
            if row is None:
                raise errors.NotFound(f"No agenda item with id {item_id}.")
            if row["minutes"] == text:
                return
            if row["status"] == MeetingStatus.CLOSED.value:
                self._record.check_unlocked(
                    int(
                        self.unit.scalar(
                            "SELECT meeting_id FROM agenda_items WHERE id = ?", [item_id]
                        )
                    ),
                    "its minutes",
                )
            db.execute("UPDATE agenda_items SET minutes = ? WHERE id = ?", [text, item_id])
            if row["status"] == MeetingStatus.CLOSED.value:
                self.unit.audit("agenda_items", item_id, "minutes", row["minutes"], text)
