"""What a due date means for an action on a given day: its RAG rating (red when
overdue or blocked, amber inside the amber window or at risk, green after, "no
date" when an open action has none), and the short "in 5 days" / "3 days
overdue" a table shows.

Pure functions, like ``store.domain.dates`` (which reads a due date as typed):
``today`` is always passed in.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from store.domain.dates import DAY_NAMES, MONTH_NAMES, DateError, parse_due
from store.domain.kinds import ActionStatus

__all__ = ["AMBER_DAYS", "Rag", "describe_due", "due_from_now", "rag"]

AMBER_DAYS = 7  # an open action due within this many days is amber


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    # Open, with no due date and nothing wrong reported: not "on track", since
    # nobody has said by when (domain.md's green means on track).
    NO_DATE = "no_date"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        """The word a table, a badge or a circulated log shows."""
        return _LABELS[self]


_LABELS = {
    Rag.RED: "Red",
    Rag.AMBER: "Amber",
    Rag.GREEN: "Green",
    Rag.NO_DATE: "No date",
    Rag.CLOSED: "Closed",
}


def rag(
    status: str,
    due: dt.date | None,
    today: dt.date,
    *,
    blocked: bool = False,
    at_risk: bool = False,
    amber_days: int = AMBER_DAYS,
) -> Rag:
    """The RAG rating of an action on ``today``.

    Done or dropped: CLOSED (shown apart). Otherwise blocked or overdue: RED;
    at risk, or due within ``amber_days`` (today up to today + 7 by default):
    AMBER; no due date: NO_DATE; later: GREEN. ``status`` is an ``ActionStatus``
    value; anything else is a bug. ``store.action_log.where_clause`` spells the
    same rule in SQL: change both together.
    """
    try:
        if not ActionStatus(status).is_open:
            return Rag.CLOSED
    except ValueError:
        raise ValueError(f"unknown action status {status!r}") from None
    if blocked or (due is not None and due < today):
        return Rag.RED
    if at_risk or (due is not None and due <= today + dt.timedelta(days=amber_days)):
        return Rag.AMBER
    if due is None:
        return Rag.NO_DATE
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


def due_from_now(due: dt.date, today: dt.date) -> str:
    """How far off the due date is, beside the date written out: "in 5 days",
    "3 days overdue", "in 6 weeks", "in 4 months" (``describe_due`` writes the
    date itself out beyond two weeks, which would say the date twice: this one is
    for beside a date already written out, as the action's screen shows it)."""
    days = (due - today).days
    if days <= 14:
        return describe_due(due, today)
    if days < 63:
        return f"in {days // 7} weeks"
    return f"in {round(days / 30.44)} months"
