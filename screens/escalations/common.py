"""What the escalation screens share: how an escalation's standing and its due
date read, in words and in the theme's colours."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from screens.reviews.common import days_left, toned
from store.domain.kinds import EscalationStatus

if TYPE_CHECKING:
    from textual.app import App

    from store import Store
    from store.domain.models.escalations import Escalation


def due_text(escalation: Escalation, *, short: bool = False) -> str:
    """ "Wed 2 Dec 2026", or on the urgent route with its time "Sat 28 Nov 14:30"."""
    if escalation.stage_due_at is not None:
        at = escalation.stage_due_at
        return f"{at:%a} {at.day} {at:%b %H:%M}"
    due = escalation.stage_due
    if due is None:
        return ""
    return f"{due.day} {due:%b}" if short else f"{due:%a} {due.day} {due:%b %Y}"


def standing(store: Store, escalation: Escalation, now: dt.datetime) -> tuple[str, str | None]:
    """Where it stands in words, and its tone: "3 days left" (working days),
    "due today", "2 days late", "overdue by 5 hours", "resolved", "closed"."""
    from store.domain.workdays import working_days_between

    if escalation.status is EscalationStatus.RESOLVED:
        return "resolved", "success"
    if escalation.status is EscalationStatus.CLOSED:
        referred = escalation.referred_to.value if escalation.referred_to else ""
        return f"to the {referred}" if referred else "closed", "warning"
    if escalation.stage_due_at is not None:
        hours = (escalation.stage_due_at - now).total_seconds() / 3600
        if hours < 0:
            return f"overdue by {_hours(-hours)}", "error"
        return f"{_hours(hours)} left", "warning"
    due = escalation.stage_due
    if due is None:
        return "", None
    today = now.date()
    closures = store.settings.closures()
    if due < today:
        return days_left(-working_days_between(due, today, closures)), "error"
    left = working_days_between(today, due, closures)
    return days_left(left), "warning" if left <= 1 else "success"


def standing_text(app: App[object], store: Store, escalation: Escalation, now: dt.datetime) -> Text:
    words, tone = standing(store, escalation, now)
    return toned(app, words, tone, bold=tone == "error")


def _hours(hours: float) -> str:
    whole = max(1, round(hours))
    return "1 hour" if whole == 1 else f"{whole} hours"


def pseudonym(store: Store, child_id: int | None, names: dict[int, str] | None = None) -> str:
    if child_id is None:
        return ""
    if names is not None:
        return names.get(child_id, "")
    return store.register.get(child_id).pseudonym
