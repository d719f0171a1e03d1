"""One spelling for every time Quorate writes: ISO 8601 to the second, with the
offset written out ("2026-11-27T23:24:34+00:00").

Pydantic writes UTC as "Z", ``str()`` of a datetime puts a space in the middle
and sqlite-utils keeps microseconds; a file read by other tools (sqlite-utils,
Datasette, a spreadsheet) should not hold three forms of one thing.
"""

from __future__ import annotations

import datetime as dt


def stamp(value: dt.datetime) -> str:
    """The one spelling of a time."""
    return value.isoformat(timespec="seconds")


def normalised(text: str | None) -> str | None:
    """``text`` in the one spelling if it is a time in any ISO form; otherwise as it was."""
    if not text or len(text) < 16 or text[4] != "-" or text[10] not in "T ":
        return text
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return stamp(value)
