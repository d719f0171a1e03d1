"""Due dates as a chair types them, RAG ratings and the short due text for tables."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.domain.dates import DateError, parse_due
from store.domain.deadlines import Rag, describe_due, rag
from store.domain.errors import StoreError
from store.domain.models import ActionStatus
from tests.conftest import FROZEN_NOW, REPO

# A Friday, the same day as the frozen clock in conftest.
TODAY = FROZEN_NOW.date()
NEXT_MEETING = dt.date(2027, 1, 14)


def due(text: str, today: dt.date = TODAY) -> dt.date:
    return parse_due(text, today=today, next_meeting=NEXT_MEETING)


def refusal(text: str, today: dt.date = TODAY, next_meeting: dt.date | None = None) -> str:
    with pytest.raises(DateError) as caught:
        parse_due(text, today=today, next_meeting=next_meeting)
    return str(caught.value)


def test_today_is_a_friday() -> None:
    assert TODAY == dt.date(2026, 11, 27)
    assert TODAY.weekday() == 4


# -- accepted forms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO, and year-first with other separators
        ("2026-12-12", dt.date(2026, 12, 12)),
        ("2026-1-5", dt.date(2026, 1, 5)),
        ("2026/12/12", dt.date(2026, 12, 12)),
        # day first, UK
        ("12/12/2026", dt.date(2026, 12, 12)),
        ("12/12/26", dt.date(2026, 12, 12)),
        ("12-12-2026", dt.date(2026, 12, 12)),
        ("12.12.2026", dt.date(2026, 12, 12)),
        ("5/1/2027", dt.date(2027, 1, 5)),
        ("05/01/27", dt.date(2027, 1, 5)),
        ("12/12", dt.date(2026, 12, 12)),
        # written
        ("12 Dec", dt.date(2026, 12, 12)),
        ("12 December", dt.date(2026, 12, 12)),
        ("Dec 12", dt.date(2026, 12, 12)),
        ("12th Dec", dt.date(2026, 12, 12)),
        ("1st Dec", dt.date(2026, 12, 1)),
        ("2nd Dec", dt.date(2026, 12, 2)),
        ("3rd Dec", dt.date(2026, 12, 3)),
        ("12th of December", dt.date(2026, 12, 12)),
        ("12 Dec 2026", dt.date(2026, 12, 12)),
        ("12 Dec 26", dt.date(2026, 12, 12)),
        ("12 Dec '26", dt.date(2026, 12, 12)),
        ("12-Dec-2026", dt.date(2026, 12, 12)),
        ("12 Dec. 2026", dt.date(2026, 12, 12)),
        ("December 12th, 2026", dt.date(2026, 12, 12)),
        ("Friday 11 December 2026", dt.date(2026, 12, 11)),
        ("Fri, 11 Dec 2026", dt.date(2026, 12, 11)),
        ("Sat 12 Dec", dt.date(2026, 12, 12)),
        ("3 Sept", dt.date(2027, 9, 3)),
        ("3 Sep 2027", dt.date(2027, 9, 3)),
        ("12 May", dt.date(2027, 5, 12)),
        # words
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 11, 28)),
        # offsets
        ("+0d", TODAY),
        ("+3d", dt.date(2026, 11, 30)),
        ("+2w", dt.date(2026, 12, 11)),
        ("+1m", dt.date(2026, 12, 27)),
        ("+3m", dt.date(2027, 2, 27)),
        ("+1y", dt.date(2027, 11, 27)),
        ("+ 2 w", dt.date(2026, 12, 11)),
        ("+2 weeks", dt.date(2026, 12, 11)),
        ("3 days", dt.date(2026, 11, 30)),
        ("1 day", dt.date(2026, 11, 28)),
        ("2 weeks", dt.date(2026, 12, 11)),
        ("in 2 weeks", dt.date(2026, 12, 11)),
        ("in 2w", dt.date(2026, 12, 11)),
        ("in 6 months", dt.date(2027, 5, 27)),
        ("a week", dt.date(2026, 12, 4)),
        ("in a fortnight", dt.date(2026, 12, 11)),
        ("2 years", dt.date(2028, 11, 27)),
        # weekdays: strictly after today, so "friday" on a Friday is a week today
        ("friday", dt.date(2026, 12, 4)),
        ("fri", dt.date(2026, 12, 4)),
        ("next friday", dt.date(2026, 12, 4)),
        ("monday", dt.date(2026, 11, 30)),
        ("tues", dt.date(2026, 12, 1)),
        ("thurs", dt.date(2026, 12, 3)),
        ("saturday", dt.date(2026, 11, 28)),
        # ends and starts
        ("end of month", dt.date(2026, 11, 30)),
        ("eom", dt.date(2026, 11, 30)),
        ("end of the month", dt.date(2026, 11, 30)),
        ("by the end of the month", dt.date(2026, 11, 30)),
        ("end of next month", dt.date(2026, 12, 31)),
        ("end of week", TODAY),
        ("eow", TODAY),
        ("end of next week", dt.date(2026, 12, 4)),
        ("end of year", dt.date(2026, 12, 31)),
        ("end of March", dt.date(2027, 3, 31)),
        ("end of November", dt.date(2026, 11, 30)),
        ("end of Feb 2028", dt.date(2028, 2, 29)),
        ("next week", dt.date(2026, 11, 30)),
        ("next month", dt.date(2026, 12, 1)),
        # the series
        ("next meeting", NEXT_MEETING),
        ("by the next meeting", NEXT_MEETING),
        # case and spaces
        ("  TODAY  ", TODAY),
        ("12   DEC", dt.date(2026, 12, 12)),
        ("End Of Month", dt.date(2026, 11, 30)),
        ("by friday", dt.date(2026, 12, 4)),
    ],
)
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert due(text) == expected


def test_day_and_month_without_a_year_roll_over_to_next_year() -> None:
    assert due("3 Jan") == dt.date(2027, 1, 3)
    assert due("27 Nov") == dt.date(2026, 11, 27)  # today counts
    assert due("26 Nov") == dt.date(2027, 11, 26)  # yesterday is next year's
    assert due("26/11") == dt.date(2027, 11, 26)
    assert due("31 Dec", today=dt.date(2026, 12, 31)) == dt.date(2026, 12, 31)
    assert due("1 Jan", today=dt.date(2026, 12, 31)) == dt.date(2027, 1, 1)


def test_29_february_without_a_year_is_the_next_one() -> None:
    assert due("29 Feb") == dt.date(2028, 2, 29)
    assert due("29 Feb", today=dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)


def test_numeric_dates_are_day_first() -> None:
    assert due("03/04/2026") == dt.date(2026, 4, 3)
    assert due("3/4/26") == dt.date(2026, 4, 3)
    assert due("04.03.2026") == dt.date(2026, 3, 4)
    assert due("01/02") == dt.date(2027, 2, 1)


def test_months_are_calendar_months_clamped_to_the_end() -> None:
    assert due("+1m", today=dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert due("+1y", today=dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert due("end of next month", today=dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert due("next month", today=dt.date(2026, 12, 15)) == dt.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("today", "friday", "end_of_week", "next_week", "end_of_next_week"),
    [
        (dt.date(2026, 11, 23), 27, 27, 30, 4),
        (dt.date(2026, 11, 26), 27, 27, 30, 4),
        (dt.date(2026, 11, 27), 4, 27, 30, 4),
        (dt.date(2026, 11, 28), 4, 4, 30, 4),
        (dt.date(2026, 11, 29), 4, 4, 30, 4),
    ],
    ids=["monday", "thursday", "friday", "saturday", "sunday"],
)
def test_week_words_on_each_kind_of_day(
    today: dt.date, friday: int, end_of_week: int, next_week: int, end_of_next_week: int
) -> None:
    """Each expected value is a day of the month: 23 to 30 November, or 4 December."""

    def day(number: int) -> dt.date:
        return dt.date(2026, 11 if number > 20 else 12, number)

    assert due("friday", today) == day(friday)
    assert due("next friday", today) == day(friday)
    assert due("end of week", today) == day(end_of_week)
    assert due("next week", today) == day(next_week)
    assert due("next week", today).weekday() == 0
    assert due("end of next week", today) == day(end_of_next_week)


def test_past_dates_are_returned_for_the_form_to_judge() -> None:
    assert due("1 Nov 2026") == dt.date(2026, 11, 1)
    assert due("2020-01-01") == dt.date(2020, 1, 1)


def test_ten_years_either_way_is_the_limit() -> None:
    assert due("27/11/2036") == dt.date(2036, 11, 27)
    assert due("27/11/2016") == dt.date(2016, 11, 27)
    assert due("+10y") == dt.date(2036, 11, 27)
    assert "probably a typo" in refusal("28/11/2036")
    assert "probably a typo" in refusal("26/11/2016")


def test_next_meeting_is_returned_as_given() -> None:
    assert parse_due("next meeting", today=TODAY, next_meeting=dt.date(2026, 12, 3)) == dt.date(
        2026, 12, 3
    )


# -- refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "enter a due date: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("   ", "enter a due date: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("next meeting", "no next meeting is planned in this series"),
        ("31/02/2026", "there is no 31 February"),
        ("31 Feb", "there is no 31 February"),
        ("31 April 2027", "there is no 31 April"),
        ("29/02/2027", "there is no 29 February in 2027"),
        ("0 Dec", "there is no 0 December"),
        ("32/01/2027", "there is no 32 January"),
        ("12/13/2026", "there is no month 13: dates go day first, as in 12/12/2026"),
        ("2026-13-01", "there is no month 13: dates go day first, as in 12/12/2026"),
        ("Friday 12 December 2026", "12 December 2026 is a Saturday, not a Friday"),
        ("mon 12 dec", "12 December 2026 is a Saturday, not a Monday"),
        ("12/12/1926", "12 December 1926 is more than 10 years ago: probably a typo"),
        ("12/12/99", "12 December 2099 is more than 10 years away: probably a typo"),
        ("+11y", "27 November 2037 is more than 10 years away: probably a typo"),
        ("+99999999999999999999d", "that is more than 10 years away: probably a typo"),
        ("+9999y", "that is more than 10 years away: probably a typo"),
        ("0000-01-01", "the year 0 is more than 10 years away: probably a typo"),
        ("12", "a day needs a month: try 12 Dec, or +12d for 12 days from today"),
        ("12th", "a day needs a month: try 12 Dec, or +12d for 12 days from today"),
        ("2w", "did you mean +2w, 2 weeks from today?"),
        ("3d", "did you mean +3d, 3 days from today?"),
        ("1m", "did you mean +1m, 1 month from today?"),
        ("6 mths", "did you mean +6mths, 6 months from today?"),
        ("march", "which day in March? try 1 March or end of March"),
        ("Sept", "which day in September? try 1 September or end of September"),
        ("march 2027", "which day in March? try 1 March or end of March"),
        ("next", "next what? try next week, next month, next friday or next meeting"),
        ("soon", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("asap", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("1.5", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("12122026", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("12/12-2026", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("+2 hours", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("a w", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("this friday", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("end of time", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
        ("١٢/١٢/٢٠٢٦", "not a date I can read: try 12 Dec, 12/12/2026, +2w or end of month"),
    ],
)
def test_refusals_name_the_problem(text: str, message: str) -> None:
    assert refusal(text) == message


def readable(message: str) -> bool:
    """One short line a form can show: no traceback, no exception names, no repr."""
    return (
        0 < len(message) <= 90
        and "\n" not in message
        and "Error" not in message
        and "Traceback" not in message
        and "'" not in message
        and message == message.strip()
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31/02/2026",
        "Friday 12 December 2026",
        "12/12/1926",
        "+9999999d",
        "12",
        "2w",
        "march",
        "nonsense\nwith a newline",
        "12 Dec 2026 at noon",
        "x" * 500,
        "next meeting",
    ],
)
def test_every_refusal_is_one_short_line(text: str) -> None:
    assert readable(refusal(text))


def test_date_error_is_a_value_error_and_a_store_error() -> None:
    # ValueError: a pydantic validator may raise it; StoreError: the CLI prints it as is.
    assert issubclass(DateError, ValueError)
    assert issubclass(DateError, StoreError)


# -- properties -----------------------------------------------------------------

DATE_WORDS = st.sampled_from(
    (
        "12 31 0 29 2026 26 99 dec feb sept friday fri next end of month week meeting the by in"
        " a + +3 d w m y weeks / - . , th ' 12/12 99999999999 ١٢ today"
    ).split()
)
DATE_LIKE = st.lists(DATE_WORDS, max_size=6).map(" ".join) | st.lists(DATE_WORDS, max_size=6).map(
    "".join
)
ANY_DAY = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=500, deadline=None)
@given(text=st.text() | DATE_LIKE, today=st.just(TODAY) | ANY_DAY)
def test_only_date_errors_escape(text: str, today: dt.date) -> None:
    try:
        found = parse_due(text, today=today)
    except DateError as error:
        assert readable(str(error)), str(error)
    else:
        assert isinstance(found, dt.date)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(2021, 11, 27), max_value=dt.date(2031, 11, 27)))
def test_written_dates_within_five_years_read_back(day: dt.date) -> None:
    assert due(day.isoformat()) == day
    assert due(day.strftime("%d/%m/%Y")) == day
    assert due(f"{day.day} {day:%b} {day.year}") == day
    assert due(f"{day:%A} {day.day} {day:%B} {day.year}") == day


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=3650))
def test_plus_days_counts_from_today(days: int) -> None:
    assert due(f"+{days}d") == TODAY + dt.timedelta(days=days)
    assert due(f"{days} days") == TODAY + dt.timedelta(days=days)


@settings(max_examples=300, deadline=None)
@given(
    today=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    ahead=st.integers(min_value=0, max_value=366),
)
def test_day_and_month_is_never_in_the_past_and_within_a_year(today: dt.date, ahead: int) -> None:
    target = today + dt.timedelta(days=ahead)
    if (target.month, target.day) == (2, 29):
        return  # 29 February may be years ahead; tested above
    found = due(f"{target.day} {target:%b}", today)
    assert today <= found < today + dt.timedelta(days=367)
    assert (found.month, found.day) == (target.month, target.day)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=15, max_value=3000))
def test_describe_due_reads_back(days: int) -> None:
    day = TODAY + dt.timedelta(days=days)
    assert due(describe_due(day, TODAY)) == day


# -- describe_due ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (-400, "400 days overdue"),
        (-3, "3 days overdue"),
        (-1, "1 day overdue"),
        (0, "today"),
        (1, "tomorrow"),
        (2, "in 2 days"),
        (5, "in 5 days"),
        (14, "in 14 days"),
        (15, "Sat 12 Dec"),
        (40, "Wed 6 Jan"),
        (364, "Fri 26 Nov"),
        (365, "Sat 27 Nov 2027"),
        (400, "Sat 1 Jan 2028"),
    ],
)
def test_describe_due(days: int, text: str) -> None:
    assert describe_due(TODAY + dt.timedelta(days=days), TODAY) == text


# -- RAG ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-30, Rag.RED),
        (-1, Rag.RED),
        (0, Rag.AMBER),
        (1, Rag.AMBER),
        (7, Rag.AMBER),
        (8, Rag.GREEN),
        (90, Rag.GREEN),
    ],
)
@pytest.mark.parametrize("status", ["open", "in_progress"])
def test_rag_by_due_date(status: str, days: int, expected: Rag) -> None:
    assert rag(status, TODAY + dt.timedelta(days=days), TODAY) is expected


def test_rag_without_a_due_date_says_no_date_not_green() -> None:
    assert rag("open", None, TODAY) is Rag.NO_DATE


def test_blocked_is_red_whatever_the_date() -> None:
    assert rag("open", TODAY + dt.timedelta(days=90), TODAY, blocked=True) is Rag.RED
    assert rag("in_progress", None, TODAY, blocked=True) is Rag.RED


@pytest.mark.parametrize("status", ["done", "dropped"])
@pytest.mark.parametrize("blocked", [False, True])
def test_closed_actions_are_shown_apart(status: str, blocked: bool) -> None:
    assert rag(status, TODAY - dt.timedelta(days=30), TODAY, blocked=blocked) is Rag.CLOSED
    assert rag(status, None, TODAY, blocked=blocked) is Rag.CLOSED


def test_rag_takes_the_model_status() -> None:
    assert rag(ActionStatus.IN_PROGRESS, TODAY, TODAY) is Rag.AMBER
    assert rag(ActionStatus.DONE, TODAY, TODAY) is Rag.CLOSED
    assert {status.value for status in ActionStatus} == {"open", "in_progress", "done", "dropped"}


def test_an_unknown_status_is_a_bug_not_a_colour() -> None:
    with pytest.raises(ValueError, match="unknown action status"):
        rag("in progress", TODAY, TODAY)


def test_rag_values_are_the_words_the_screens_show() -> None:
    assert [r.value for r in Rag] == ["red", "amber", "green", "no_date", "closed"]


# -- the boundary -----------------------------------------------------------------


def test_dates_module_needs_no_terminal() -> None:
    code = "import sys, store.domain.dates, store.domain.deadlines; assert not {'textual', 'rich'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_a_search_reads_a_day_and_month_as_the_last_one() -> None:
    """ "From 1 Aug" typed in December is this August, not next (issue 17's filters)."""
    from store.domain.dates import read_date

    today = dt.date(2026, 12, 6)
    assert read_date("1 Aug", today=today, back=True) == dt.date(2026, 8, 1)
    assert read_date("1/8", today=today, back=True) == dt.date(2026, 8, 1)
    assert read_date("25 Dec", today=today, back=True) == dt.date(2025, 12, 25)
    assert read_date("6 Dec", today=today, back=True) == today
    assert read_date("29 Feb", today=today, back=True) == dt.date(2024, 2, 29)
    assert read_date("1 Aug 2027", today=today, back=True) == dt.date(2027, 8, 1)
    assert read_date("1 Aug", today=today) == dt.date(2027, 8, 1)  # a due date looks ahead
