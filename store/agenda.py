"""Agenda arithmetic that screens and exports share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.models import AgendaItem


def planned_starts(
    day: dt.date, start: dt.time, items: Sequence[AgendaItem]
) -> tuple[list[dt.datetime], dt.datetime]:
    """Each item's planned start (meeting start plus the items before it), and the planned finish."""
    at = dt.datetime.combine(day, start)
    starts = []
    for item in items:
        starts.append(at)
        at += dt.timedelta(minutes=item.planned_minutes)
    return starts, at
