"""What a due date means for an action on a given day: its RAG rating (red when
overdue or blocked, amber inside the amber window, green after), and the short
"in 5 days" / "3 days overdue" a table shows.

Pure functions, like ``store.domain.dates`` (which reads a due date as typed):
``today`` is always passed in.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from store.domain.dates import DAY_NAMES, MONTH_NAMES, DateError, parse_due
from store.domain.kinds import ActionStatus

__all__ = ["AMBER_DAYS", "Rag", "describe_due", "rag"]

AMBER_DAYS = 7  # an open action due within this many days is amber


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    CLOSED = "closed"


def rag(
    status: str,
    due: dt.date | None,
    today: dt.date,
    *,
    blocked: bool = False,
    amber_days: int = AMBER_DAYS,
) -> Rag:
    """The RAG rating of an action on ``today``.

    Done or dropped: CLOSED (shown apart). Otherwise blocked or overdue: RED;
    due within ``amber_days`` (today up to today + 7 by default): AMBER; later or no due date:
    GREEN. ``status`` is an ``ActionStatus`` value; anything else is a bug.
    """
    try:
        if not ActionStatus(status).is_open:
            return Rag.CLOSED
    except ValueError:
        raise ValueError(f"unknown action status {status!r}") from None
    if blocked:
        return Rag.RED
    if due is None:
        return Rag.GREEN
    if due < today:
        return Rag.RED
    if due <= today + dt.timedelta(days=amber_days):
        return Rag.AMBER
    return Rag.GREEN


def describe_due(due: dt.date, today: dt.date) -> str:
    """Short text for a table: "today", "tomorrow", "in 5 days", "3 days overdue", "Fri 12 Dec".

    Dates more than two weeks ahead are written out; the year is added only
    when "12 Dec" alone would be read (by ``parse_due``) as a different date.
    """
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "1 day overdue"
    if days < 0:
        return f"{-days} days overdue"
    if days <= 14:
        return f"in {days} days"
    day_month = f"{due.day} {MONTH_NAMES[due.month - 1][:3]}"
    text = f"{DAY_NAMES[due.weekday()][:3]} {day_month}"
    try:
        read_back: dt.date | None = parse_due(day_month, today=today)
    except DateError:  # only near the year 9999
        read_back = None
    if read_back != due:
        text += f" {due.year}"
    return text
