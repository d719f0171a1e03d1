"""Where a pasted agenda goes and when each item starts: one plan that the paste screen
previews and the store adds, so what the chair is shown is what the agenda becomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from store.domain.agenda_times import planned_starts
from store.domain.kinds import Purpose

if TYPE_CHECKING:
    from store.domain.agenda_paste import PastedAgenda
    from store.domain.models import AgendaItem


@dataclass(frozen=True)
class PlanRow:
    """One item of the agenda as it will be: already there, or pasted."""

    start: dt.datetime
    title: str
    minutes: int
    purpose: Purpose
    presenter: str | None  # a pasted item's presenter as the paste named them
    pasted_at: dt.time | None  # the clock time the paste gave the item
    item_id: int | None  # an item already on the agenda; None for a pasted one
    standing: bool = False
    presenter_id: int | None = None  # the person in People the presenter is

    @property
    def added(self) -> bool:
        return self.item_id is None

    @property
    def planned_minutes(self) -> int:  # as an agenda item's, for planned_starts
        return self.minutes

    @property
    def moved_by(self) -> int:
        """Minutes later (negative: earlier) than the paste's clock time; 0 when kept or none."""
        if self.pasted_at is None:
            return 0
        asked = dt.datetime.combine(self.start.date(), self.pasted_at)
        return round((self.start - asked).total_seconds() / 60)


@dataclass(frozen=True)
class PastePlan:
    rows: list[PlanRow]  # the whole agenda once the paste is added, in order
    position: int  # 1-based position of the first pasted item
    start_time: dt.time  # the meeting's start once the paste is added
    was: dt.time  # the meeting's start now
    timetable: dt.time | None  # the paste's first item's clock time: the paste runs on times
    keep_times: bool  # the meeting starts at ``timetable``
    finish: dt.datetime
    existing_ids: tuple[int, ...]  # the agenda the plan was made on, to check nothing changed
    can_move: bool = True  # False once the meeting has started: its start stays

    @property
    def added(self) -> list[PlanRow]:
        return [row for row in self.rows if row.added]

    @property
    def moves_start(self) -> bool:
        return self.start_time != self.was

    @property
    def moved(self) -> list[PlanRow]:
        """The pasted items that will not start at the time the paste gave them."""
        return [row for row in self.added if row.moved_by]

    @property
    def before(self) -> list[PlanRow]:
        """The items already on the agenda that come before the pasted ones."""
        return self.rows[: self.position - 1]


def paste_position(existing: Sequence[AgendaItem], opening_standard: int) -> int:
    """Where pasted items go: before the closing standing items (any other business, date
    of next meeting), where a chair's own items belong; after the opening ones when the
    agenda holds only standing items (``opening_standard`` of the standard's come first)."""
    closing = 0
    for item in reversed(existing):
        if not item.standing:
            break
        closing += 1
    if closing == len(existing):
        closing = max(len(existing) - opening_standard, 0)
    return len(existing) - closing + 1


def plan_paste(
    parsed: PastedAgenda,
    *,
    day: dt.date,
    start_time: dt.time,
    existing: Sequence[AgendaItem],
    opening_standard: int,
    keep_times: bool,
) -> PastePlan:
    """The agenda once ``parsed`` is added to ``existing``. With ``keep_times`` and a paste
    whose first item has a clock time, the meeting starts at that time (a learning event
    runs on its clock times); the items before the pasted ones then push them later."""
    position = paste_position(existing, opening_standard)
    timetable = parsed.items[0].start if parsed.items else None
    start = timetable if keep_times and timetable is not None else start_time
    pasted = [
        PlanRow(
            start=dt.datetime.min,
            title=item.title,
            minutes=parsed.minutes_for(item),
            purpose=item.purpose or Purpose.DISCUSSION,
            presenter=item.presenter,
            pasted_at=item.start,
            item_id=None,
        )
        for item in parsed.items
    ]
    have = [
        PlanRow(
            start=dt.datetime.min,
            title=item.title,
            minutes=item.planned_minutes,
            purpose=item.purpose,
            presenter=None,
            pasted_at=None,
            item_id=item.id or 0,
            standing=item.standing,
            presenter_id=item.presenter_id,
        )
        for item in existing
    ]
    ordered = [*have[: position - 1], *pasted, *have[position - 1 :]]
    starts, finish = planned_starts(day, start, ordered)
    return PastePlan(
        rows=[replace(row, start=at) for row, at in zip(ordered, starts, strict=True)],
        position=position,
        start_time=start,
        was=start_time,
        timetable=timetable,
        keep_times=keep_times and timetable is not None,
        finish=finish,
        existing_ids=tuple(item.id or 0 for item in existing),
    )
