"""Working days in England and Wales: bank holidays, closures and deadlines."""

from __future__ import annotations

import ast
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.domain.workdays import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)

MODULE = Path(__file__).resolve().parents[1] / "store" / "domain" / "workdays.py"


def brute_between(a: date, b: date, closures: frozenset[date] = frozenset()) -> int:
    """The slow, obvious count, day by day, to check the arithmetic against."""
    count = 0
    day = a + timedelta(days=1)
    while day <= b:
        count += is_working_day(day, closures)
        day += timedelta(days=1)
    return count


def brute_add(start: date, n: int, closures: frozenset[date] = frozenset()) -> date:
    if n == 0 and is_working_day(start, closures):
        return start
    day = start
    for _ in range(max(n, 1)):
        day += timedelta(days=1)
        while not is_working_day(day, closures):
            day += timedelta(days=1)
    return day


# -- the rapid review -------------------------------------------------------------


def test_rapid_review_fifteen_working_days_over_easter_2026() -> None:
    # Notification sent on Wednesday 25 March 2026. Counting the working days after it:
    #   Thu 26 Mar (1), Fri 27 (2), Mon 30 (3), Tue 31 (4), Wed 1 Apr (5), Thu 2 (6),
    #   Fri 3 Apr Good Friday and Mon 6 Apr Easter Monday are bank holidays,
    #   Tue 7 (7), Wed 8 (8), Thu 9 (9), Fri 10 (10),
    #   Mon 13 (11), Tue 14 (12), Wed 15 (13), Thu 16 (14), Fri 17 Apr (15).
    sent = date(2026, 3, 25)
    assert sent.weekday() == 2
    deadline = add_working_days(sent, 15)
    assert deadline == date(2026, 4, 17)
    assert working_days_between(sent, deadline) == 15
    # Without the two Easter bank holidays it would have been the Wednesday before.
    assert (deadline - sent).days == 23


def test_rapid_review_with_a_local_closure_day() -> None:
    # The same notice, but the office is shut on Thursday 26 March 2026: one more
    # working day is needed, so the deadline moves from Fri 17 to Mon 20 April.
    sent = date(2026, 3, 25)
    assert add_working_days(sent, 15, closures=[date(2026, 3, 26)]) == date(2026, 4, 20)


# -- Easter ---------------------------------------------------------------------------


def test_good_friday_and_easter_monday_2026() -> None:
    names = bank_holidays(2026)
    assert names[date(2026, 4, 3)] == "Good Friday"
    assert names[date(2026, 4, 6)] == "Easter Monday"
    assert not is_working_day(date(2026, 4, 3))
    assert not is_working_day(date(2026, 4, 6))
    assert is_working_day(date(2026, 4, 2))
    assert is_working_day(date(2026, 4, 7))
    # Maundy Thursday to the Tuesday after: the four days between are not working days.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1


# -- Christmas, New Year and substitute days ------------------------------------------


@pytest.mark.parametrize(
    ("christmas_eve", "next_working_day", "shut"),
    [
        # 2021: Christmas on a Saturday, Boxing Day on a Sunday; substitutes Mon 27, Tue 28.
        (date(2021, 12, 24), date(2021, 12, 29), [date(2021, 12, 27), date(2021, 12, 28)]),
        # 2022: Christmas on a Sunday; Boxing Day Mon 26, Christmas substitute Tue 27.
        (date(2022, 12, 23), date(2022, 12, 28), [date(2022, 12, 26), date(2022, 12, 27)]),
        # 2027: like 2021, Saturday and Sunday; substitutes Mon 27 and Tue 28.
        (date(2027, 12, 24), date(2027, 12, 29), [date(2027, 12, 27), date(2027, 12, 28)]),
        # 2026: Christmas on a Friday, Boxing Day on a Saturday; substitute Mon 28.
        (date(2026, 12, 24), date(2026, 12, 29), [date(2026, 12, 25), date(2026, 12, 28)]),
    ],
)
def test_christmas_week(christmas_eve: date, next_working_day: date, shut: list[date]) -> None:
    assert is_working_day(christmas_eve)
    assert add_working_days(christmas_eve, 1) == next_working_day
    for day in shut:
        assert not is_working_day(day)
        assert day in bank_holidays(day.year)


def test_substitute_days_are_named_as_observed() -> None:
    names = bank_holidays(2021)
    assert names[date(2021, 12, 25)] == "Christmas Day"
    assert names[date(2021, 12, 27)] == "Christmas Day (observed)"
    assert names[date(2021, 12, 28)] == "Boxing Day (observed)"
    # New Year's Day 2022 on a Saturday: the substitute is Monday 3 January.
    assert bank_holidays(2022)[date(2022, 1, 3)] == "New Year's Day (observed)"
    assert not is_working_day(date(2022, 1, 3))


@pytest.mark.parametrize(
    ("last_friday", "first_working_day"),
    [
        # New Year's Day 2022 a Saturday, substitute Monday 3 January.
        (date(2021, 12, 31), date(2022, 1, 4)),
        # New Year's Day 2023 a Sunday, substitute Monday 2 January.
        (date(2022, 12, 30), date(2023, 1, 3)),
        # New Year's Eve 2027 a Friday, New Year's Day 2028 a Saturday: Monday 3 is shut.
        (date(2027, 12, 31), date(2028, 1, 4)),
    ],
)
def test_new_year(last_friday: date, first_working_day: date) -> None:
    assert last_friday.weekday() == 4
    assert add_working_days(last_friday, 1) == first_working_day
    assert working_days_between(last_friday, first_working_day) == 1


def test_span_across_the_year_end() -> None:
    # Thu 24 Dec 2026 to Mon 4 Jan 2027: Christmas (Fri 25), Boxing Day substitute (Mon 28)
    # and New Year's Day (Fri 1) are shut, leaving Tue 29, Wed 30, Thu 31 and Mon 4.
    start = date(2026, 12, 24)
    assert add_working_days(start, 4) == date(2027, 1, 4)
    assert working_days_between(start, date(2027, 1, 4)) == 4
    assert working_days_between(start, date(2027, 1, 3)) == 3


# -- one-off days ---------------------------------------------------------------------


def test_state_funeral_of_the_queen() -> None:
    funeral = date(2022, 9, 19)
    assert funeral.weekday() == 0
    assert bank_holidays(2022)[funeral] == "State Funeral of Queen Elizabeth II"
    assert not is_working_day(funeral)
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_coronation() -> None:
    coronation = date(2023, 5, 8)
    assert coronation.weekday() == 0
    assert bank_holidays(2023)[coronation] == "Coronation of Charles III"
    assert not is_working_day(coronation)
    assert add_working_days(date(2023, 5, 5), 1) == date(2023, 5, 9)
    # May Day was the Monday before: two Mondays off in a row.
    assert working_days_between(date(2023, 4, 28), date(2023, 5, 12)) == 8


def test_platinum_jubilee_moved_the_spring_bank_holiday() -> None:
    names = bank_holidays(2022)
    assert names[date(2022, 6, 2)] == "Spring Bank Holiday"
    assert names[date(2022, 6, 3)] == "Platinum Jubilee of Elizabeth II"
    assert is_working_day(date(2022, 5, 30))


# -- leap years and the far future --------------------------------------------------------


def test_29_february_2028_is_a_working_day() -> None:
    leap_day = date(2028, 2, 29)
    assert leap_day.weekday() == 1
    assert is_working_day(leap_day)
    assert add_working_days(date(2028, 2, 28), 1) == leap_day
    assert add_working_days(date(2028, 2, 28), 2) == date(2028, 3, 1)
    assert working_days_between(date(2028, 2, 25), date(2028, 3, 3)) == 5


def test_far_future_christmas_2090() -> None:
    # Christmas Day 2090 is a Monday and Boxing Day a Tuesday: no substitutes needed.
    names = bank_holidays(2090)
    assert names[date(2090, 12, 25)] == "Christmas Day"
    assert names[date(2090, 12, 26)] == "Boxing Day"
    assert add_working_days(date(2090, 12, 22), 1) == date(2090, 12, 27)
    assert working_days_between(date(2090, 12, 22), date(2090, 12, 29)) == 3


def test_a_year_the_holidays_package_does_not_know_is_refused() -> None:
    # Rather than silently counting every weekday of 2101 as a working day.
    with pytest.raises(ValueError, match="known only for"):
        bank_holidays(2101)
    with pytest.raises(ValueError, match="known only for"):
        is_working_day(date(2101, 1, 3))
    with pytest.raises(ValueError, match="known only for"):
        add_working_days(date(2100, 12, 20), 30)


# -- closures, n = 0 and refusals -----------------------------------------------------


def test_closure_day_is_skipped() -> None:
    # Tuesday 10 November 2026 shut for a staff training day.
    shut = date(2026, 11, 10)
    assert is_working_day(shut)
    assert not is_working_day(shut, closures=[shut])
    assert add_working_days(date(2026, 11, 9), 1, closures=[shut]) == date(2026, 11, 11)
    assert working_days_between(date(2026, 11, 6), date(2026, 11, 13), closures=[shut]) == 4


def test_closures_on_weekends_and_bank_holidays_are_not_counted_twice() -> None:
    closures = [date(2026, 4, 4), date(2026, 4, 6), date(2026, 4, 8)]  # Sat, Easter Mon, Wed
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 10), closures) == 3


def test_closures_given_as_a_generator_are_read_once() -> None:
    def closures() -> Iterator[date]:
        yield date(2026, 3, 26)
        yield date(2026, 3, 27)

    sent = date(2026, 3, 25)
    assert add_working_days(sent, 15, closures()) == date(2026, 4, 21)
    assert working_days_between(sent, date(2026, 4, 21), closures()) == 15


def test_zero_on_a_working_day_is_that_day() -> None:
    assert add_working_days(date(2026, 3, 25), 0) == date(2026, 3, 25)


def test_zero_on_a_saturday_is_the_next_working_day() -> None:
    assert add_working_days(date(2026, 3, 28), 0) == date(2026, 3, 30)
    # Good Friday 2026: the Monday after is Easter Monday, so Tuesday.
    assert add_working_days(date(2026, 4, 3), 0) == date(2026, 4, 7)


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        add_working_days(date(2026, 3, 25), -1)


def test_between_is_zero_when_b_is_not_after_a() -> None:
    assert working_days_between(date(2026, 3, 25), date(2026, 3, 25)) == 0
    assert working_days_between(date(2026, 3, 25), date(2026, 3, 1)) == 0


def test_bank_holidays_gives_a_copy() -> None:
    names = bank_holidays(2026)
    names.clear()
    assert date(2026, 12, 25) in bank_holidays(2026)


# -- long spans ---------------------------------------------------------------------------


def test_long_spans_match_the_day_by_day_count_and_are_quick() -> None:
    closures = frozenset({date(2030, 7, 1), date(2041, 2, 14), date(2055, 12, 24)})
    started = time.perf_counter()
    between = working_days_between(date(1995, 1, 1), date(2080, 12, 31), closures)
    later = add_working_days(date(1995, 1, 1), between, closures)
    half_year = add_working_days(date(2026, 1, 1), 125)
    elapsed = time.perf_counter() - started
    assert between == brute_between(date(1995, 1, 1), date(2080, 12, 31), closures)
    assert later == brute_add(date(1995, 1, 1), between, closures)
    assert half_year == brute_add(date(2026, 1, 1), 125)
    assert elapsed < 1.0


# -- the module stays pure ----------------------------------------------------------------


def test_module_imports_no_database_or_terminal_ui() -> None:
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"sqlite3", "sqlite_utils", "textual", "rich"}


# -- properties -----------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1995, 1, 1), max_value=date(2080, 12, 31))
COUNTS = st.integers(min_value=0, max_value=800)
CLOSURES = st.frozensets(DAYS, max_size=5)


def near_closures(start: date) -> st.SearchStrategy[frozenset[date]]:
    """Closure days within a few months after ``start``, so that they matter."""
    return st.frozensets(
        st.integers(min_value=0, max_value=120).map(lambda k: start + timedelta(days=k)),
        max_size=8,
    )


@settings(max_examples=100, deadline=None)
@given(st.data(), DAYS, COUNTS)
def test_adding_lands_on_a_working_day(data: st.DataObject, start: date, n: int) -> None:
    closures = data.draw(near_closures(start))
    day = add_working_days(start, n, closures)
    assert is_working_day(day, closures)
    assert day >= start
    if n >= 1:
        assert day > start


@settings(max_examples=100, deadline=None)
@given(st.data(), DAYS, st.integers(min_value=1, max_value=800))
def test_between_undoes_adding(data: st.DataObject, start: date, n: int) -> None:
    closures = data.draw(near_closures(start))
    day = add_working_days(start, n, closures)
    assert working_days_between(start, day, closures) == n
    # And it is the first such day: the day before has one working day fewer.
    assert working_days_between(start, day - timedelta(days=1), closures) == n - 1


@settings(max_examples=100, deadline=None)
@given(DAYS)
def test_adding_zero(start: date) -> None:
    day = add_working_days(start, 0)
    if is_working_day(start):
        assert day == start
        assert working_days_between(start, day) == 0
    else:
        assert day == add_working_days(start, 1)
        assert working_days_between(start, day) == 1


@settings(max_examples=100, deadline=None)
@given(DAYS, DAYS, DAYS, CLOSURES)
def test_between_is_monotonic_in_b(a: date, b1: date, b2: date, closures: frozenset[date]) -> None:
    low, high = sorted((b1, b2))
    assert working_days_between(a, low, closures) <= working_days_between(a, high, closures)


@settings(max_examples=100, deadline=None)
@given(DAYS, DAYS)
def test_between_is_zero_unless_b_is_after_a(a: date, b: date) -> None:
    if b <= a:
        assert working_days_between(a, b) == 0
    else:
        assert working_days_between(a, b) >= 0


@settings(max_examples=100, deadline=None)
@given(st.data(), DAYS, st.integers(min_value=0, max_value=400))
def test_matches_the_day_by_day_count(data: st.DataObject, a: date, span: int) -> None:
    closures = data.draw(near_closures(a))
    b = a + timedelta(days=span)
    assert working_days_between(a, b, closures) == brute_between(a, b, closures)


@settings(max_examples=100, deadline=None)
@given(st.data(), DAYS, st.integers(min_value=0, max_value=300))
def test_adding_matches_the_day_by_day_walk(data: st.DataObject, start: date, n: int) -> None:
    closures = data.draw(near_closures(start))
    assert add_working_days(start, n, closures) == brute_add(start, n, closures)
