"""Agenda arithmetic that screens, the live clock and exports share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from store.domain.kinds import MeetingStatus

if TYPE_CHECKING:
    from store.domain.models import AgendaItem, Meeting


class Planned(Protocol):
    """Anything with a planned length: an agenda item, a pasted agenda's row."""

    @property
    def planned_minutes(self) -> int: ...


def planned_starts(
    day: dt.date, start: dt.time, items: Sequence[Planned]
) -> tuple[list[dt.datetime], dt.datetime]:
    """Each item's planned start (meeting start plus the items before it), and the planned finish."""
    at = dt.datetime.combine(day, start)
    starts = []
    for item in items:
        starts.append(at)
        at += dt.timedelta(minutes=item.planned_minutes)
    return starts, at


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
