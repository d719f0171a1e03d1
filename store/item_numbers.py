"""Which agenda items a note names: "for item 6", "items 7 to 9", "7-9", "7, 8 and 9".

Someone "in attendance" comes for some items only, and the attendance list says
which in a note typed as a chair types it. Only ASCII digits are read (an
AZERTY "²" is not a 2), and nothing typed raises.
"""

from __future__ import annotations

import re

MAX_ITEM = 200  # no agenda is longer; a range beyond it is a slip, not 10,000 items
_NUMBER = r"(?<![0-9])([0-9]{1,3})(?![0-9])"
_RANGE = re.compile(
    _NUMBER + r"\s*(?:-|\u2013|\u2014|to|until|through)\s*" + _NUMBER, re.IGNORECASE
)
_SINGLE = re.compile(_NUMBER)


def item_numbers(note: str | None) -> frozenset[int]:
    """The item numbers a note names; empty when it names none."""
    if not note:
        return frozenset()
    found: set[int] = set()
    rest = note
    for match in _RANGE.finditer(note):
        first, last = int(match.group(1)), int(match.group(2))
        if first > last:
            first, last = last, first
        if 1 <= first and last <= MAX_ITEM:
            found.update(range(first, last + 1))
    rest = _RANGE.sub(" ", note)
    for match in _SINGLE.finditer(rest):
        number = int(match.group(1))
        if 1 <= number <= MAX_ITEM:
            found.add(number)
    return frozenset(found)
