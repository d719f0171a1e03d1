"""Agenda items: add, edit, remove, reorder; the standard running order; a pasted agenda."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Unpack

from store.domain import errors
from store.domain.fields import AgendaItemFields
from store.domain.kinds import MeetingStatus, Purpose
from store.domain.paste_plan import PastePlan, plan_paste
from store.domain.standing_items import kind_of_title

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.agenda_paste import PastedAgenda
    from store.domain.models import (
        AgendaItem,
        Person,
        TemplateItem,
    )


@dataclass(frozen=True)
class ImportResult:
    added: list[AgendaItem]
    unmatched_presenters: list[str]
    start_time: dt.time | None


class AgendaPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit

    def items(self, meeting_id: int) -> list[AgendaItem]:
        """A meeting's agenda items in order."""
        from store.domain.models import AgendaItem

        rows = self.unit.rows(
            "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", [meeting_id]
        )
        return [AgendaItem.model_validate(r) for r in rows]

    def item(self, item_id: int) -> AgendaItem:
        from store.domain.models import AgendaItem

        return self.unit.get(AgendaItem, "agenda_items", item_id)

    def add(self, meeting_id: int, **given: Unpack[AgendaItemFields]) -> AgendaItem:
        """Add an item at the end, or at ``position`` (later items move down)."""
        fields: dict[str, Any] = dict(given)
        from store.domain.models import AgendaItem, Meeting, validate

        self.unit.get(Meeting, "meetings", meeting_id)
        self.unit.check_unlocked(meeting_id, "the agenda")
        last = int(
            self.unit.scalar(
                "SELECT coalesce(max(position), 0) FROM agenda_items WHERE meeting_id = ?",
                [meeting_id],
            )
        )
        position = min(int(fields.pop("position", last + 1) or last + 1), last + 1)
        if fields.get("kind") is None:
            fields["kind"] = kind_of_title(str(fields.get("title") or ""))
        item = validate(
            AgendaItem, fields | {"meeting_id": meeting_id, "position": max(position, 1)}
        )
        self.unit.check_person("presenter_id", item.presenter_id)
        with self.unit.write() as db:
            db.execute(
                "UPDATE agenda_items SET position = position + 1 "
                "WHERE meeting_id = ? AND position >= ?",
                [meeting_id, item.position],
            )
            item_id = self.unit.insert("agenda_items", item)
        return item.model_copy(update={"id": item_id})

    def update(self, item_id: int, **given: Unpack[AgendaItemFields]) -> AgendaItem:
        """Change an item's title, purpose, presenter, planned minutes or minutes."""
        changes: dict[str, Any] = dict(given)
        from store.domain.models import AgendaItem

        if "presenter_id" in changes:
            self.unit.check_person("presenter_id", changes["presenter_id"])
        self.unit.check_unlocked(self.item(item_id).meeting_id, "the agenda")
        return self.unit.update(AgendaItem, "agenda_items", item_id, changes)

    def remove(self, item_id: int) -> None:
        """Remove an item; the ones after it move up. Refused once the meeting is
        closed (nothing recorded is deleted), and for an item that holds minutes,
        decisions, actions or declarations."""
        item = self.item(item_id)
        status = self.unit.scalar("SELECT status FROM meetings WHERE id = ?", [item.meeting_id])
        if status == "closed":
            raise errors.NotNow(
                "The meeting is closed, so its agenda items are part of the record and are "
                "kept: correct the item's title or minutes instead."
            )
        held = self._held_by(item_id)
        if item.minutes.strip():
            held.insert(0, "minutes")
        if held:
            raise errors.InUse(
                f"This item holds {', '.join(held)}, so it is kept: change its title instead."
            )
        with self.unit.write() as db:
            self.unit.delete("agenda_items", item_id)
            db.execute(
                "UPDATE agenda_items SET position = position - 1 "
                "WHERE meeting_id = ? AND position > ?",
                [item.meeting_id, item.position],
            )

    def _held_by(self, item_id: int) -> list[str]:
        counts = self.unit.row(
            "SELECT (SELECT count(*) FROM decisions WHERE item_id = ?1) AS decisions, "
            "(SELECT count(*) FROM actions WHERE item_id = ?1) AS actions, "
            "(SELECT count(*) FROM declarations WHERE item_id = ?1) AS declarations",
            [item_id],
        )
        return [name for name, n in (counts or {}).items() if n]

    def move(self, item_id: int, by: int) -> AgendaItem:
        """Move an item up (negative) or down (positive), within the agenda."""
        from store.domain.models import AgendaItem

        item = self.item(item_id)
        status = self.unit.scalar("SELECT status FROM meetings WHERE id = ?", [item.meeting_id])
        if status == "closed":
            raise errors.NotNow(
                "The meeting is closed: its items keep their numbers, which the minutes cite."
            )
        items = self.items(item.meeting_id)
        index = next(i for i, it in enumerate(items) if it.id == item_id)
        target = max(0, min(len(items) - 1, index + by))
        if target == index:
            return item
        moved = items.pop(index)
        items.insert(target, moved)
        with self.unit.write():
            for position, it in enumerate(items, 1):
                if it.position != position:
                    self.unit.update(AgendaItem, "agenda_items", it.id or 0, {"position": position})
        return self.item(item_id)

    def standard_items(self) -> list[TemplateItem]:
        """The standard running order a formal meeting starts with."""
        from store.domain.models import TemplateItem

        rows = self.unit.rows("SELECT * FROM agenda_template ORDER BY position")
        return [TemplateItem.model_validate(r) for r in rows]

    def set_standard_items(self, meeting_id: int) -> list[TemplateItem]:
        """Make this meeting's standing items the standard running order.

        Items before the first non-standing item open the agenda; the rest close it.
        """
        from store.domain.models import TemplateItem

        items = self.items(meeting_id)
        standing = [it for it in items if it.standing]
        if not standing:
            raise errors.InvalidValue({"standing": "mark at least one item as standing first"})
        first_other = next((it.position for it in items if not it.standing), None)
        with self.unit.write() as db:
            db.execute("DELETE FROM agenda_template")
            for position, it in enumerate(standing, 1):
                at_end = first_other is not None and it.position > first_other
                template = TemplateItem(
                    position=position,
                    title=it.title,
                    purpose=it.purpose,
                    planned_minutes=it.planned_minutes,
                    at_end=at_end,
                    kind=it.kind,
                )
                self.unit.insert("agenda_template", template)
        return self.standard_items()

    def apply_standard(self, meeting_id: int) -> list[AgendaItem]:
        """Put the standard running order around the meeting's current items."""
        with self.unit.write():
            self.apply_template(meeting_id)
        return self.items(meeting_id)

    def apply_template(self, meeting_id: int) -> None:
        template = self.standard_items()
        opening = [t for t in template if not t.at_end]
        for offset, t in enumerate(opening):
            self.add(
                meeting_id,
                position=offset + 1,
                title=t.title,
                purpose=t.purpose,
                planned_minutes=t.planned_minutes,
                standing=True,
                kind=t.kind,
            )
        for t in template:
            if t.at_end:
                self.add(
                    meeting_id,
                    title=t.title,
                    purpose=t.purpose,
                    planned_minutes=t.planned_minutes,
                    standing=True,
                    kind=t.kind,
                )

    def plan_paste(
        self, meeting_id: int, parsed: PastedAgenda, *, keep_times: bool | None = None
    ) -> PastePlan:
        """The agenda as it will be once ``parsed`` is added: what the paste screen shows,
        and what ``add_pasted`` adds. ``keep_times`` starts the meeting at the paste's
        first clock time; by default it does when the agenda is empty. A meeting that has
        started keeps its start. Presenters are matched to people by name or initials."""
        from store.domain.models import Meeting, Person

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        existing = self.items(meeting_id)
        if meeting.status is not MeetingStatus.PLANNED:
            keep_times = False
        elif keep_times is None:
            keep_times = not existing
        opening = sum(1 for t in self.standard_items() if not t.at_end)
        plan = plan_paste(
            parsed,
            day=meeting.date,
            start_time=meeting.start_time,
            existing=existing,
            opening_standard=opening,
            keep_times=keep_times,
        )
        people = [Person.model_validate(r) for r in self.unit.rows("SELECT * FROM people")]
        rows = []
        for row in plan.rows:
            person = _match(row.presenter, people) if row.added and row.presenter else None
            rows.append(replace(row, presenter_id=person.id) if person else row)
        return replace(plan, rows=rows, can_move=meeting.status is MeetingStatus.PLANNED)

    def add_pasted(self, meeting_id: int, plan: PastePlan) -> ImportResult:
        """Add the pasted items of ``plan`` (from ``plan_paste``) where it shows them, and
        move the meeting's start if it says so. Refused if the agenda changed meanwhile."""
        from store.domain.models import Meeting

        meeting = self.unit.get(Meeting, "meetings", meeting_id)
        if tuple(it.id or 0 for it in self.items(meeting_id)) != plan.existing_ids or (
            meeting.start_time != plan.was
        ):
            raise errors.NotNow("The agenda changed while pasting: look at the preview again.")
        added: list[AgendaItem] = []
        with self.unit.write():
            for offset, row in enumerate(plan.added):
                added.append(
                    self.add(
                        meeting_id,
                        position=plan.position + offset,
                        title=row.title,
                        planned_minutes=row.minutes,
                        purpose=row.purpose,
                        presenter_id=row.presenter_id,
                    )
                )
            if plan.moves_start:
                self.unit.update(Meeting, "meetings", meeting_id, {"start_time": plan.start_time})
        unmatched = [r.presenter for r in plan.added if r.presenter and r.presenter_id is None]
        return ImportResult(added, unmatched, plan.start_time if plan.moves_start else None)

    def import_pasted(
        self,
        meeting_id: int,
        items: list[tuple[str, int | None, Purpose | None, str | None]],
        *,
        start_time: dt.time | None = None,
        default_minutes: int = 10,
    ) -> ImportResult:
        """Add pasted items (title, minutes, purpose, presenter name) at the end, before
        the closing standing items. Presenters are matched to people by name or initials;
        a name that matches nobody is reported back, not invented. If the agenda was empty
        and the paste gave a start time, the meeting starts then."""
        # Here, not at the top: it brings markdown-it, which the first frame does without.
        from store.domain.agenda_paste import PastedAgenda, PastedItem

        parsed = PastedAgenda(
            [
                PastedItem(title, minutes, purpose, presenter, None, n + 1)
                for n, (title, minutes, purpose, presenter) in enumerate(items)
            ],
            [],
            None,
            start_time,
            default_minutes=default_minutes,
        )
        if parsed.items and start_time is not None:
            parsed.items[0] = replace(parsed.items[0], start=start_time)
        return self.add_pasted(meeting_id, self.plan_paste(meeting_id, parsed))


def _match(name: str, people: list[Person]) -> Person | None:
    wanted = " ".join(name.replace(".", " ").split()).casefold()
    for person in people:
        if person.initials.casefold() == wanted or person.name.casefold() == wanted:
            return person
    # "Dr Marsh" or "Marsh": a unique surname match.
    surname = wanted.split()[-1] if wanted else ""
    hits = [p for p in people if p.name.casefold().split()[-1] == surname]
    return hits[0] if len(hits) == 1 else None
