"""The attendance screen's two forms: someone in attendance for an item, and a
declaration of interest; and how people and items are named in its pickers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO
from store.domain.kinds import AttendanceStatus
from store.domain.models import Attendance

if TYPE_CHECKING:
    from store import Store


class InAttendanceForm(FormScreen):
    def __init__(self, store: Store, record: Attendance):
        self.store, self.record = store, record
        super().__init__(
            f"{store.directory.person(record.person_id).name}: in attendance",
            [Field("note", "For which items", record.note or "", placeholder="for item 6")],
        )

    def save(self, values: dict[str, Any]) -> int:
        record = self.record
        self.store.attendance.mark(
            record.meeting_id,
            record.person_id,
            AttendanceStatus.IN_ATTENDANCE,
            note=str(values["note"] or ""),
        )
        return record.person_id


class DeclarationForm(FormScreen):
    def __init__(self, store: Store, meeting_id: int, people: list[tuple[str, int]], who: int):
        self.store, self.meeting_id = store, meeting_id
        items = [
            (item_label(it.position, it.title), it.id) for it in store.agenda.items(meeting_id)
        ]
        current = store.meetings.get(meeting_id).current_item_id
        super().__init__(
            "Declaration of interest",
            [
                Field("person_id", "Who declares", who, options=people),
                Field("item_id", "Agenda item it concerns", current, options=items),
                Field("nature", "Nature of the interest"),
                Field("left_room", "Left the room for the item", False, YES_NO, allow_blank=False),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        declaration = self.store.attendance.declare(
            self.meeting_id,
            person_id=values["person_id"],
            item_id=values["item_id"],
            nature=str(values["nature"] or ""),
            left_room=bool(values["left_room"]),
        )
        return declaration.person_id


def person_label(name: str, initials: str, agency: str | None, job: str | None) -> Text:
    """One line of a person picker, as plain text (never markup)."""
    return Text(" · ".join(part for part in (f"{name} ({initials})", agency, job) if part))


def item_label(position: int, title: str) -> str:
    return f"{position}. {title}"
