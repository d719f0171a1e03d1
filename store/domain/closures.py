"""Local closure days: the days a partnership's offices are shut beyond the bank
holidays (the week between Christmas and New Year, a training day). The
working-day clocks (store/domain/workdays.py) skip them as they skip bank
holidays. The partnership keeps the list in its settings.

As typed in the settings form or on the command line: days separated by commas,
each a date as a due date is typed, optionally followed by what it is:
``24 Dec 2026 Christmas closure, 29/12/2026, 30 Dec 2026``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.domain.dates import DateError, parse_due
from store.domain.errors import InvalidValue
from store.domain.workdays import bank_holidays


@dataclass(frozen=True)
class ClosureDay:
    day: dt.date
    reason: str = ""

    def describe(self) -> str:
        text = f"{self.day.day} {self.day:%b %Y}"
        return f"{text} {self.reason}" if self.reason else text


def closure_days_text(days: list[ClosureDay]) -> str:
    """The list as the form shows it (and reads it back)."""
    return ", ".join(day.describe() for day in sorted(days, key=lambda d: d.day))


def read_closure_days(
    text: str, *, today: dt.date, field: str = "closure_days"
) -> list[ClosureDay]:
    """Read the typed list; ``InvalidValue`` naming every piece that is not a day
    that could be closed (unreadable, a weekend, a bank holiday, twice)."""
    found: dict[dt.date, ClosureDay] = {}
    problems: list[str] = []
    for piece in (p.strip() for p in text.replace(";", ",").split(",")):
        if not piece:
            continue
        try:
            closure = _read_one(piece, today)
        except DateError as exc:
            problems.append(f"“{piece}”: {exc}")
            continue
        why_not = not_closable(closure.day)
        if why_not is not None:
            problems.append(why_not)
        elif closure.day in found:
            problems.append(f"{closure.describe()} is listed twice")
        else:
            found[closure.day] = closure
    if problems:
        raise InvalidValue({field: "; ".join(problems)})
    return sorted(found.values(), key=lambda d: d.day)


def not_closable(day: dt.date) -> str | None:
    """Why ``day`` need not be a closure day (it is not a working day anyway)."""
    label = f"{day:%a} {day.day} {day:%b %Y}"
    if day.weekday() >= 5:
        return f"{label} is a weekend day: not a working day anyway"
    try:
        holiday = bank_holidays(day.year).get(day)
    except ValueError:
        return f"{label}: the working-day calendar does not cover {day.year}"
    if holiday is not None:
        return f"{label} is a bank holiday ({holiday}): not a working day anyway"
    return None


def _read_one(piece: str, today: dt.date) -> ClosureDay:
    """The longest run of leading words that reads as a date; the rest is what it is."""
    words = piece.split()
    first_problem: DateError | None = None
    for end in range(len(words), 0, -1):
        try:
            day = parse_due(" ".join(words[:end]), today=today)
        except DateError as exc:
            if first_problem is None:
                first_problem = exc
            continue
        return ClosureDay(day, " ".join(words[end:]))
    assert first_problem is not None
    raise first_problem
