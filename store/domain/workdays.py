"""Working days in England and Wales, for deadlines counted in working days.

The rapid review's 15-working-day clock and the time limits of each escalation
stage stand on this module: a deadline is "n working days after" the day a
notice was sent, and a screen may explain it by naming the bank holidays that
pushed it back.

A working day is Monday to Friday that is neither a bank holiday of England and
Wales (substitute days and one-off days such as the Queen's funeral on
19 September 2022 and the coronation on 8 May 2023 included) nor a local
closure day given by the caller. We keep no list of holidays of our own: the
``holidays`` package computes them for any year it knows (1872 to 2100 in
version 0.109), and a year outside that range is refused with ``ValueError``
rather than silently treated as having no bank holidays at all.

Algorithm: nothing loops day by day. The weekdays in a span are counted
arithmetically from date ordinals (whole weeks times five plus the remainder),
then the weekday bank holidays in the span are subtracted (found by bisection
in a sorted, per-year cached tuple) and so are the weekday closures that are not
already bank holidays. Adding n working days first jumps n weekdays ahead, then
repeatedly jumps ahead by however many working days are still missing; each
jump is one span count, so a multi-year span costs a handful of steps, each of
work proportional to the number of years and closures involved.

Bank holidays are computed once per year (``functools.lru_cache``), and a
``closures`` iterable is read once, into a frozenset, so a generator is fine.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType

import holidays

__all__ = [
    "add_working_days",
    "bank_holidays",
    "is_working_day",
    "working_days_between",
]

# The holidays package's code for the United Kingdom and for England within it.
# Wales has the same bank holidays as England; Scotland and Northern Ireland do not.
_COUNTRY = "GB"
_SUBDIV = "ENG"
# Asked for explicitly: left unset, holidays picks the language of the names
# from the environment's locale.
_LANGUAGE = "en_GB"

_SATURDAY = 5


def _england_and_wales(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(_COUNTRY, subdiv=_SUBDIV, years=year, language=_LANGUAGE)


@functools.cache
def _known_years() -> tuple[int, int]:
    """The first and last year the holidays package has bank holidays for."""
    calendar = _england_and_wales(2000)
    return calendar.start_year, calendar.end_year


def _check_year(year: int) -> None:
    first, last = _known_years()
    if not first <= year <= last:
        raise ValueError(
            f"Bank holidays of England and Wales are known only for {first} to {last}, "
            f"so working days in {year} cannot be counted."
        )


@functools.lru_cache(maxsize=512)
def _holidays_of(year: int) -> Mapping[date, str]:
    """Every bank holiday in a year by date, weekend ones included (read-only)."""
    _check_year(year)
    calendar = _england_and_wales(year)
    return MappingProxyType(dict(sorted(calendar.items())))


@functools.lru_cache(maxsize=512)
def _weekday_holidays_of(year: int) -> tuple[date, ...]:
    """The bank holidays in a year that fall on a weekday, in order."""
    return tuple(day for day in _holidays_of(year) if day.weekday() < _SATURDAY)


def _weekdays_up_to(day: date) -> int:
    """How many weekdays there are from 1 January of year 1 (a Monday) to ``day``."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _add_weekdays(start: date, n: int) -> date:
    """The n-th weekday after ``start`` (n >= 1), ignoring holidays."""
    if start.weekday() >= _SATURDAY:
        # The weekdays after a Saturday or Sunday are those after the Friday before.
        start -= timedelta(days=start.weekday() - 4)
    weeks, rest = divmod(n, 5)
    days = weeks * 7 + rest
    if start.weekday() + rest >= _SATURDAY:
        days += 2
    return start + timedelta(days=days)


def _count(a: date, b: date, closures: frozenset[date]) -> int:
    """Working days after ``a`` up to and including ``b``, given closures as a set."""
    if b <= a:
        return 0
    first = a + timedelta(days=1)
    count = _weekdays_up_to(b) - _weekdays_up_to(a)
    for year in range(first.year, b.year + 1):
        days = _weekday_holidays_of(year)
        count -= bisect_right(days, b) - bisect_left(days, first)
    for day in closures:
        if first <= day <= b and day.weekday() < _SATURDAY and day not in _holidays_of(day.year):
            count -= 1
    return count


def is_working_day(day: date, closures: Iterable[date] = ()) -> bool:
    """Whether ``day`` is a weekday, not a bank holiday and not a closure day."""
    return (
        day.weekday() < _SATURDAY
        and day not in _holidays_of(day.year)
        and day not in frozenset(closures)
    )


def bank_holidays(year: int) -> dict[date, str]:
    """The bank holidays of England and Wales in ``year``, by date, with their names.

    Days on a weekend are included as well as the substitute days for them
    (named, for example, "Boxing Day (observed)"), so a screen can say why a
    deadline moved. The dict is a fresh copy the caller may change.
    """
    return dict(_holidays_of(year))


def working_days_between(a: date, b: date, closures: Iterable[date] = ()) -> int:
    """How many working days there are after ``a`` up to and including ``b`` (0 if b <= a)."""
    return _count(a, b, frozenset(closures))


def add_working_days(start: date, n: int, closures: Iterable[date] = ()) -> date:
    """The n-th working day after ``start``, which itself is not counted.

    With n = 0 this is ``start`` when it is a working day and otherwise the next
    working day after it.
    """
    if n < 0:
        raise ValueError(f"The number of working days to add must not be negative, not {n}.")
    shut = frozenset(closures)
    if n == 0:
        if is_working_day(start, shut):
            return start
        n = 1
    # Each jump adds exactly as many weekdays as working days are still missing,
    # so it can never overshoot; it stops on a weekday that completes the count,
    # which is therefore itself a working day.
    day = start
    missing = n
    while missing > 0:
        day = _add_weekdays(day, missing)
        missing = n - _count(start, day, shut)
    return day
