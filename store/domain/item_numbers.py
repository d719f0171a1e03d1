"""Which agenda items a note names: "for item 6", "items 7 to 9", "7-9", "7, 8 and 9".

Someone "in attendance" comes for some items only, and the attendance list says
which in a note typed as a chair types it. Only ASCII digits are read (an
AZERTY "²" is not a 2), a clock time is not an item ("for item 6, from 10:30"
names item 6 only), and nothing typed raises.
"""

from __future__ import annotations

import re

MAX_ITEM = 200  # no agenda is longer; a range beyond it is a slip, not 10,000 items
_NUMBER = r"(?<![0-9])([0-9]{1,3})(?![0-9])"
# 10:30, 10.30, 9.15am: read before the numbers, so their digits are not items.
_CLOCK = re.compile(r"(?<![0-9])[0-9]{1,2}[:.][0-9]{2}(?![0-9])(?:\s*[ap]\.?m\b\.?)?", re.I)
_RANGE = re.compile(
    _NUMBER + r"\s*(?:-|\u2013|\u2014|to|until|through)\s*" + _NUMBER, re.IGNORECASE
)
_SINGLE = re.compile(_NUMBER)


def item_numbers(note: str | None) -> frozenset[int]:
    """The item numbers a note names (1 to ``MAX_ITEM``); empty when it names none."""
    if not note:
        return frozenset()
    found: set[int] = set()
    text = _CLOCK.sub(" ", note)
    for match in _RANGE.finditer(text):
        first, last = sorted((int(match.group(1)), int(match.group(2))))
        if 1 <= first and last <= MAX_ITEM:
            found.update(range(first, last + 1))
    for match in _SINGLE.finditer(_RANGE.sub(" ", text)):
        number = int(match.group(1))
        if 1 <= number <= MAX_ITEM:
            found.add(number)
    return frozenset(found)
