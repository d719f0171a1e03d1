"""Dates of birth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

# ---- dates of birth -------------------------------------------------------------------------
# These patterns read the text in lower case (``_Text.lower``): IGNORECASE costs several times
# as much. A pattern starts with a literal or a character set, and any look-behind comes after
# its first character, so that the regex engine can skip ahead to where a match may start.

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![^\W_])\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?(?![^\W_])\.?,?[ ]+)?"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    r"(?:"
    rf"(?:19|20)[0-9]{{2}}[/.\-](?:1[0-2]|0?[1-9])[/.\-]{_DAY}"  # 2016-01-03
    rf"|{_DAY}[/.\-]{_DAY}[/.\-](?:[0-9]{{4}}|[0-9]{{2}})"  # 03/01/2016, 3.1.16, 1/25/2016
    rf"|{_WEEKDAY}{_DAY}{_ORD}(?:[ ]+of)?[ \-]+{_MONTH},?[ \-]+(?:[0-9]{{4}}|'?[0-9]{{2}})"
    rf"|{_WEEKDAY}{_MONTH}[ ]+{_DAY}{_ORD},?[ ]+[0-9]{{4}}"  # January 3, 2016
    rf"|{_MONTH},?[ ]+(?:19|20)[0-9]{{2}}"  # March 2015
    rf"|(?:1[0-2]|0?[1-9])[/.\-](?:19|20)[0-9]{{2}}"  # 03/2015
    rf"|{_WEEKDAY}{_DAY}{_ORD}(?:[ ]+of)?[ ]+{_MONTH}"  # 3 March
    rf"|{_WEEKDAY}{_MONTH}[ ]+{_DAY}{_ORD}"  # March 3
    r")(?![0-9]|[/.\-][0-9])"
)
# A cue: "dob", "d.o.b", "date of birth", "birth date", "birthday", "born", or "b." after a word
# or a bracket. ``trailing`` is set for the cues that may also follow their date.
_CUE = re.compile(
    r"[bd](?<![^\W_][bd])(?<!\.[bd])(?:"
    r"(?<=d)(?P<trailing>\.?[ ]?o\.?[ ]?b(?![^\W_])\.?|ate[ ]+of[ ]+birth(?![^\W_]))"
    r"|(?<=b)(?:irth[ ]?date|irthday|orn)(?![^\W_])"
    r"|(?<=b)\.(?:(?<=\(b\.)|(?<=[^\W_][ ,]b\.)|(?<=[^\W_][,)][ ]b\.))"
    r")"
)
_GAP = r"(?:[ \n:*_|=(\[,\-]|(?<![^\W_])(?:on|in|is|was|of|as)(?![^\W_])){0,12}"
_DATE_AFTER = re.compile(rf"{_GAP}(?P<date>{_DATE})")
_DATE_BEFORE = re.compile(rf"(?<![\w/.\-:£$])(?P<date>{_DATE})[ ]*[(\[,:\-]?[ ]*[*_]*\Z")
_BEFORE_WINDOW = 40  # "wednesday 23rd of september, 2016" is 33
# A cheap first look: what stands before a trailing cue ends in a digit or a letter.
_DATE_ENDS_HERE = re.compile(r"[0-9a-z.][ ]*[(\[,:\-]?[ ]*[*_]*\Z")
_MORE_DATES = re.compile(rf"[ ]*(?:,|;|&|and)[ ]*(?P<date>{_DATE})")
_DATE_CELL = re.compile(rf"[ *_]*(?P<date>{_DATE})[ *_]*")
_CUE_CELL = re.compile(
    r"[ *_]*(?:d\.?[ ]?o\.?[ ]?b\.?|date[ ]+of[ ]+birth|birth[ ]?date|born|birthday)[ *_:]*"
)


def _dates_of_birth(low: str) -> Iterator[tuple[int, int]]:
    cues = 0
    for cue in _CUE.finditer(low):
        cues += 1
        if after := _DATE_AFTER.match(low, cue.end()):
            yield after.span("date")
            at = after.end()
            while more := _MORE_DATES.match(low, at):
                yield more.span("date")
                at = more.end()
        if cue["trailing"] is not None and _DATE_ENDS_HERE.search(
            low, max(0, cue.start() - 12), cue.start()
        ):
            before = _DATE_BEFORE.search(low, max(0, cue.start() - _BEFORE_WINDOW), cue.start())
            if before:
                yield before.span("date")
    if cues and "|" in low:
        yield from _date_columns(low)


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    bounds = [-1, *(i for i, c in enumerate(line) if c == "|"), len(line)]
    return [(offset + a + 1, offset + b) for a, b in pairwise(bounds)]


def _date_columns(s: str) -> Iterator[tuple[int, int]]:
    """Dates in a pipe-table column whose header is a birth cue."""
    columns: set[int] = set()
    offset = 0
    for line in s.split("\n"):
        if "|" not in line:
            columns = set()
        else:
            for k, (a, b) in enumerate(_cells(line, offset)):
                if k in columns and (date := _DATE_CELL.fullmatch(s, a, b)):
                    yield date.span("date")
                elif _CUE_CELL.fullmatch(s, a, b):
                    columns.add(k)
        offset += len(line) + 1
