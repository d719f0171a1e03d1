"""What the rapid review screens share: how a review's standing and its
milestones read, in words and in the theme's colours."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from store.domain.review_clock import MilestoneStatus, Standing, State

if TYPE_CHECKING:
    from textual.app import App

    from store import Store

# A review's standing (ReviewClock.standing) in the theme's colours.
TONES = {
    Standing.ON_TIME: "success",
    Standing.DUE: "warning",
    Standing.OVERDUE: "error",
    Standing.SENT_LATE: "error",
}
# A milestone in a list's cell or a line (its label is the review screen's).
SHORT = {
    "template": "template to agencies",
    "returns": "agency returns",
    "meeting": "review meeting",
    "panel": "record to the Panel",
    "complete": "whole review",
}
STATE_WORDS = {
    State.DONE_ON_TIME: "done on time",
    State.DONE_LATE: "done late",
    State.DONE_EARLY: "done early",
    State.DUE: "due",
    State.OVERDUE: "overdue",
    State.NOT_RECORDED: "not recorded",
}


def toned(app: App[object], text: str, tone: str | None, *, bold: bool = False) -> Text:
    """``text`` in one of the theme's colours (success, warning, error), so a
    user's theme keeps working."""
    colour = getattr(app.current_theme, tone, None) if tone else None
    return Text(text, style=Style(color=colour, bold=bold))


def day_text(day: dt.date | None) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}" if day else ""


def typed(day: dt.date | None) -> str:
    """A date as a chair would type it back (store.domain.dates reads it)."""
    return f"{day.day} {day:%b %Y}" if day else ""


def days_left(days: int) -> str:
    """Working days to a deadline, short: "2 days left", "due today", "3 days late"."""
    if days < 0:
        return "1 day late" if days == -1 else f"{-days} days late"
    if days == 0:
        return "due today"
    return "1 day left" if days == 1 else f"{days} days left"


def working_days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def milestone_state(status: MilestoneStatus) -> str:
    """A milestone's state in words: "due (3 working days left)", "overdue by 2
    working days", "done on time"."""
    words = STATE_WORDS[status.state]
    left = status.days_left
    if status.state is State.DUE and left is not None:
        return "due today" if left <= 0 else f"due ({working_days(left)} left)"
    if status.state is State.OVERDUE and left is not None:
        return f"overdue by {working_days(-left)}"
    return words


def milestone_tone(status: MilestoneStatus) -> str | None:
    if status.state is State.OVERDUE or status.state is State.DONE_LATE:
        return "error"
    if status.state is State.DUE and status.days_left is not None and status.days_left <= 1:
        return "warning"
    if status.state.is_done:
        return "success"
    return None


def pseudonyms(store: Store) -> dict[int, str]:
    """Every register entry's pseudonym by id (the real names stay out)."""
    return {p.id or 0: p.pseudonym for p in store.register.all()}
