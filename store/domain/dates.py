"""Due dates as a chair types them, read into dates (``store.domain.deadlines``
says what a due date means for an action: its RAG rating, the amber window).

Pure functions: no database, no clock (``today`` is always passed in), no
locale (month and weekday names are ours, so output does not change with
``LANG``).

``parse_due`` reads a small, explicit grammar instead of handing text to
``dateutil.parser``: the fuzzy parser turns "12", "2w" or "march" into some
date without saying so, and a wrong due date silently changes an action's RAG.
Everything it does not recognise is a ``DateError`` whose message can be shown
under the field. ``dateutil.relativedelta`` does the calendar arithmetic.

Choices, so that the screens and the tests agree:

- Numeric dates are day first (UK): "03/04/2026" is 3 April. Separators ``/``,
  ``.`` and ``-``, the same one twice; a two-digit year is 20YY. Without a
  year only "/" will do ("12/12"): "1.5" is more likely a slip than 1 May.
  Year first ("2026-12-12", "2026/12/12") is ISO order.
- A day and month without a year ("12 Dec", "12/12") is the next such date on
  or after today; "29 Feb" is the next 29 February that exists.
- A weekday name ("fri", "friday", "next friday") is the next such day strictly
  after today: on a Friday, "friday" means a week today. "next friday" means
  the same, since people use it both ways and a week's difference is what
  matters to a due date. A weekday written before a date ("Fri 11 Dec") must
  agree with it, or the text is refused: one of the two is a mistake and we
  cannot tell which.
- "end of week" / "eow" is this week's Friday (today on a Friday); on Saturday
  and Sunday it is the coming Friday. "end of next week" is the Friday of
  "next week" (so at a weekend it is the same day as "end of week").
- "next week" is Monday of next week; "next month" is the first of next month;
  "end of month" / "eom" the last day of this month; "end of next month",
  "end of year", "end of March" (the next March that has not ended) likewise.
- "+3d", "+2w", "+1m", "+1y", "3 days", "in 2 weeks", "a fortnight": counted
  from today; months and years with ``relativedelta`` (31 Jan + 1m = 28 Feb).
  Abbreviated units need the plus or "in": "2w" alone is refused with a
  hint ("did you mean +2w"), since it is as likely half of something else.
- A leading "by" and any "the" are ignored: "by the end of the month".
- A date more than 10 years from today, before or after, is refused as a
  probable typo. Past dates inside that are returned: the form decides
  whether an overdue due date is allowed.
- "next meeting" returns ``next_meeting`` as given, unchecked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from store.domain.errors import InvalidValue, StoreError

__all__ = ["DAY_NAMES", "MONTH_NAMES", "DateError", "parse_due"]

HINT = "try 12 Dec, 12/12/2026, +2w or end of month"
UNREADABLE = f"not a date I can read: {HINT}"
MAX_YEARS = 10
TOO_FAR = f"that is more than {MAX_YEARS} years away: probably a typo"

# Our own names, not calendar.month_name: those follow the locale.
MONTH_NAMES = tuple(
    "January February March April May June July August September October November December".split()
)
DAY_NAMES = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS |= {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS["sept"] = 9

WEEKDAYS = {name.lower(): number for number, name in enumerate(DAY_NAMES)}
WEEKDAYS |= {name[:3].lower(): number for number, name in enumerate(DAY_NAMES)}
WEEKDAYS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}

# Offsets: each unit word and its kind (d, w, f for fortnight, m, y). Without a
# plus or "in", only the full words will do: "2 weeks" yes, "2w" gets a hint.
FULL_UNITS = {"day": "d", "week": "w", "fortnight": "f", "month": "m", "year": "y"}
FULL_UNITS |= {word + "s": unit for word, unit in FULL_UNITS.items()}
UNITS = FULL_UNITS | {"d": "d", "w": "w", "wk": "w", "wks": "w", "m": "m", "mo": "m"}
UNITS |= {"mth": "m", "mths": "m", "y": "y", "yr": "y", "yrs": "y"}
SHORT_UNITS = {"d": "days", "w": "weeks", "f": "fortnights", "m": "months", "y": "years"}

# re.ASCII: \d must not accept other scripts' digits, which int() would take.
_FLAGS = re.ASCII
ISO_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", _FLAGS)
# Day first; without a year, "/" only (see the module docstring).
NUMERIC_RE = re.compile(r"(\d{1,2})(?:([-/.])(\d{1,2})\2(\d{4}|\d{2})|(/)(\d{1,2}))", _FLAGS)
RELATIVE_RE = re.compile(r"(?:(\+)|in )?\s*(\d+|an?)\s*([a-z]+)", _FLAGS)
DAY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", _FLAGS)
YEAR_RE = re.compile(r"'?(\d{4}|\d{2})", _FLAGS)
# Splits "12-Dec-2026", "Friday, 11 December" and "12/dec" into words.
WORD_SPLIT_RE = re.compile(r"[\s,/-]+")


class DateError(StoreError, ValueError):
    """A due date that cannot be read; ``str(e)`` is one sentence for under the field.

    A ``ValueError`` too, so a pydantic validator may raise it unchanged.
    """


def parse_due(
    text: str, *, today: dt.date, next_meeting: dt.date | None = None, back: bool = False
) -> dt.date:
    """Read a due date as a chair types it; raise ``DateError`` if it cannot be read.

    Accepts ISO dates, UK day-first dates ("12/12/2026", "12.12.26"), written
    dates ("12 Dec", "Dec 12", "12th December 2026", "Fri 11 Dec 2026"),
    "today", "tomorrow", weekday names, offsets ("+3d", "+2w", "+1m", "+1y",
    "in 2 weeks"), "end of week/month/year", "next week/month" and "next
    meeting". The module docstring lists the choices made for the unclear cases.
    A day and month without a year is the next one, or with ``back`` the last one
    on or before today (a search's "from 1 Aug" in December is this August's).
    """
    words = _normalise(text)
    if not words:
        raise DateError(f"enter a due date: {HINT}")
    phrase = " ".join(words)
    if phrase in ("next meeting", "next mtg"):
        if next_meeting is None:
            raise DateError("no next meeting is planned in this series")
        return next_meeting
    found = _read(phrase, words, today, back)
    return _in_range(found, today)


class PastDate(InvalidValue):
    """A due date that reads but has passed: usually a slip ("1 Jan" typed in
    December meant next year), so it is said before it is kept."""


def read_due(
    text: str,
    *,
    today: dt.date,
    next_meeting: dt.date | None = None,
    past_ok: bool = False,
) -> dt.date | None:
    """An action's due date as typed into its form: None when blank, else
    ``parse_due``'s reading. An unreadable date is an ``InvalidValue`` on "due";
    a past one a ``PastDate`` unless ``past_ok`` (the chair was told and saved
    the same text again)."""
    if not text.strip():
        return None
    try:
        due = parse_due(text, today=today, next_meeting=next_meeting)
    except DateError as exc:
        raise InvalidValue({"due": str(exc)}) from None
    if due < today and not past_ok:
        raise PastDate(
            {"due": f"{due:%a} {due.day} {due:%B %Y} is in the past: ctrl+s again to keep it"}
        )
    return due


def read_date(
    text: str, *, today: dt.date, field: str = "date", back: bool = False
) -> dt.date | None:
    """Any other date typed into a form, read as due dates are ("9 Dec",
    "09/12/2026", "next Thursday", ISO): one reading for every date the chair
    types; ``back`` reads a day and month without a year as the last one (a
    search's dates look back). None when blank; ``InvalidValue`` on ``field``
    when unreadable."""
    if not text.strip():
        return None
    try:
        return parse_due(text, today=today, back=back)
    except DateError as exc:
        raise InvalidValue({field: str(exc).replace("due date", "date")}) from None


# -- reading ------------------------------------------------------------------


def _normalise(text: str) -> list[str]:
    words = text.lower().split()
    if words and words[0] == "by":
        words = words[1:]
    return [word for word in words if word != "the"]


def _read(phrase: str, words: list[str], today: dt.date, back: bool = False) -> dt.date:
    simple = _keyword(phrase, today)
    if simple is not None:
        return simple
    if match := ISO_RE.fullmatch(phrase):
        year, month, day = int(match[1]), int(match[3]), int(match[4])
        return _make(year, month, day)
    if match := NUMERIC_RE.fullmatch(phrase):
        day = int(match[1])
        if match[4] is None:
            return _next_day_month(day, int(match[6]), today, back)
        return _make(_full_year(match[4]), int(match[3]), day)
    if (match := RELATIVE_RE.fullmatch(phrase)) and (moved := _relative(match, today)) is not None:
        return moved
    if phrase.startswith("end of "):
        return _end_of_month_named(phrase.removeprefix("end of "), today)
    if len(words) == 2 and words[0] == "next" and words[1] in WEEKDAYS:
        return _next_weekday(WEEKDAYS[words[1]], today)
    if len(words) == 1 and words[0] in WEEKDAYS:
        return _next_weekday(WEEKDAYS[words[0]], today)
    written = _written(phrase, today, back)
    if written is not None:
        return written
    raise DateError(_why_not(phrase, words))


def _keyword(phrase: str, today: dt.date) -> dt.date | None:
    friday = 4
    if phrase == "today":
        return today
    if phrase == "tomorrow":
        return today + dt.timedelta(days=1)
    if phrase in ("end of week", "eow", "end of this week"):
        return today + dt.timedelta(days=(friday - today.weekday()) % 7)
    if phrase == "end of next week":  # the Friday of "next week"
        return today + dt.timedelta(days=7 - today.weekday() + friday)
    if phrase in ("end of month", "eom", "end of this month"):
        return _last_day(today.year, today.month)
    if phrase == "end of next month":
        first = _shift(today.replace(day=1), months=1)
        return _last_day(first.year, first.month)
    if phrase in ("end of year", "eoy", "end of this year"):
        return dt.date(today.year, 12, 31)
    if phrase == "next week":
        return today + dt.timedelta(days=7 - today.weekday())
    if phrase == "next month":
        return _shift(today.replace(day=1), months=1)
    return None


def _relative(match: re.Match[str], today: dt.date) -> dt.date | None:
    """ "+2w", "+ 3 days", "in 2 weeks", "a fortnight"; None if the unit is not one of ours."""
    plus, count, unit_word = match[1], match[2], match[3]
    unit = UNITS.get(unit_word)
    if unit is None:
        return None
    abbreviated = unit_word not in FULL_UNITS
    if count in ("a", "an"):
        if abbreviated:  # "a w" is not English
            raise DateError(UNREADABLE)
        number = 1
    else:
        if len(count.lstrip("0")) > 5:  # also keeps int() away from huge digit strings
            raise DateError(TOO_FAR)
        number = int(count)
    if plus is None and abbreviated and not match[0].startswith("in "):
        units = SHORT_UNITS[unit].removesuffix("s") if number == 1 else SHORT_UNITS[unit]
        raise DateError(f"did you mean +{number}{unit_word}, {number} {units} from today?")
    try:
        if unit == "d":
            return today + dt.timedelta(days=number)
        if unit == "w":
            return today + dt.timedelta(weeks=number)
        if unit == "f":
            return today + dt.timedelta(weeks=2 * number)
        if unit == "m":
            return _shift(today, months=number)
        return _shift(today, years=number)
    except (ValueError, OverflowError):
        raise DateError(TOO_FAR) from None


def _end_of_month_named(rest: str, today: dt.date) -> dt.date:
    """ "end of March" (the next March not yet over) or "end of March 2027"."""
    parts = rest.split()
    if not parts or parts[0].rstrip(".") not in MONTHS:
        raise DateError(UNREADABLE)
    month = MONTHS[parts[0].rstrip(".")]
    if len(parts) == 1:
        year = today.year if month >= today.month else today.year + 1
    elif len(parts) == 2 and (match := YEAR_RE.fullmatch(parts[1])):
        year = _full_year(match[1])
    else:
        raise DateError(UNREADABLE)
    _check_year(year)
    return _last_day(year, month)


def _written(phrase: str, today: dt.date, back: bool = False) -> dt.date | None:
    """ "12 Dec", "Dec 12", "12th of December 2026", "Fri, 11 Dec 2026", "12-Dec-26"."""
    words = [word.rstrip(".") for word in WORD_SPLIT_RE.split(phrase) if word]
    weekday: int | None = None
    if words and words[0] in WEEKDAYS:
        weekday = WEEKDAYS[words[0]]
        words = words[1:]
    words = [word for word in words if word != "of"]
    if len(words) not in (2, 3):
        return None
    if words[0] in MONTHS:
        month_word, day_word = words[0], words[1]
    elif words[1] in MONTHS:
        day_word, month_word = words[0], words[1]
    else:
        return None
    day_match = DAY_RE.fullmatch(day_word)
    if day_match is None:
        return None
    day, month = int(day_match[1]), MONTHS[month_word]
    if len(words) == 2:
        found = _next_day_month(day, month, today, back)
    else:
        year_match = YEAR_RE.fullmatch(words[2])
        if year_match is None:
            return None
        found = _make(_full_year(year_match[1]), month, day)
    if weekday is not None and found.weekday() != weekday:
        raise DateError(
            f"{_long(found)} is a {DAY_NAMES[found.weekday()]}, not a {DAY_NAMES[weekday]}"
        )
    return found


def _why_not(phrase: str, words: list[str]) -> str:
    """The most helpful refusal for text that matched nothing."""
    bare = [word.rstrip(".") for word in WORD_SPLIT_RE.split(phrase) if word]
    if len(bare) in (1, 2) and bare[0] in MONTHS and all(w.isdigit() for w in bare[1:]):
        name = MONTH_NAMES[MONTHS[bare[0]] - 1]
        return f"which day in {name}? try 1 {name} or end of {name}"
    if len(words) == 1 and (match := DAY_RE.fullmatch(words[0])) and 1 <= int(match[1]) <= 31:
        day = int(match[1])
        return f"a day needs a month: try {day} Dec, or +{day}d for {day} days from today"
    if len(words) == 1 and words[0] == "next":
        return "next what? try next week, next month, next friday or next meeting"
    return UNREADABLE


# -- building -----------------------------------------------------------------


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _check_year(year: int) -> None:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DateError(f"the year {year} is more than {MAX_YEARS} years away: probably a typo")


def _check_day_month(day: int, month: int, year: int | None) -> None:
    if not 1 <= month <= 12:
        raise DateError(f"there is no month {month}: dates go day first, as in 12/12/2026")
    name = MONTH_NAMES[month - 1]
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if not 1 <= day <= longest:
        raise DateError(f"there is no {day} {name}")
    if year is not None and day > calendar.monthrange(year, month)[1]:
        raise DateError(f"there is no {day} {name} in {year}")


def _make(year: int, month: int, day: int) -> dt.date:
    _check_year(year)
    _check_day_month(day, month, year)
    return dt.date(year, month, day)


def _next_day_month(day: int, month: int, today: dt.date, back: bool = False) -> dt.date:
    """The first ``day`` ``month`` on or after today (29 February may be years ahead),
    or with ``back`` the last on or before today."""
    _check_day_month(day, month, None)
    if back:
        for year in range(today.year, max(today.year - 9, dt.MINYEAR - 1), -1):
            if day <= calendar.monthrange(year, month)[1]:
                found = dt.date(year, month, day)
                if found <= today:
                    return found
        raise DateError(f"there is no {day} {MONTH_NAMES[month - 1]} recent enough")
    for year in range(today.year, min(today.year + 9, dt.MAXYEAR + 1)):
        if day <= calendar.monthrange(year, month)[1]:
            found = dt.date(year, month, day)
            if found >= today:
                return found
    # Unreachable for real dates: a 29 February comes round within 8 years.
    raise DateError(f"there is no {day} {MONTH_NAMES[month - 1]} soon enough")


def _next_weekday(weekday: int, today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _shift(day: dt.date, *, months: int = 0, years: int = 0) -> dt.date:
    """Calendar months and years, clamped to the month's end: 31 Jan + 1 month = 28 Feb."""
    shifted: dt.date = day + relativedelta(months=months, years=years)
    return shifted


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _long(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _in_range(found: dt.date, today: dt.date) -> dt.date:
    try:
        earliest = _shift(today, years=-MAX_YEARS)
    except (ValueError, OverflowError):
        earliest = dt.date.min
    try:
        latest = _shift(today, years=MAX_YEARS)
    except (ValueError, OverflowError):
        latest = dt.date.max
    if found > latest:
        raise DateError(f"{_long(found)} is more than {MAX_YEARS} years away: probably a typo")
    if found < earliest:
        raise DateError(f"{_long(found)} is more than {MAX_YEARS} years ago: probably a typo")
    return found
