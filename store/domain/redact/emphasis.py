"""Emphasis typed inside a name: the delimiters that pair across it go with it."""

# The subject here is look-alike characters; the tables have to show them.

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# ---- emphasis typed inside a name -------------------------------------------------------------

_DELIMITER_RUN = {c: re.compile(re.escape(c) + "+") for c in "*~"}


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the delimiter run ``text[start:end]`` can open and close emphasis (CommonMark's
    left- and right-flanking rules)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "

    def punct(c: str) -> bool:
        return unicodedata.category(c)[0] in "PS"

    opens = not after.isspace() and (not punct(after) or before.isspace() or punct(before))
    closes = not before.isspace() and (not punct(before) or after.isspace() or punct(after))
    return opens, closes


@dataclass
class _Opener:
    where: str  # "before", "inside" or "after" the name
    left: int  # characters not yet paired
    length: int  # of the whole run, for the rule of 3
    closes: bool  # can also close


def _pairs(opener: _Opener, length: int, opens: bool, marker: str) -> bool:
    if marker == "~":  # GFM strikethrough: one or two tildes, the same on both sides
        return opener.length == length and length <= 2
    if not (opens or opener.closes):
        return True
    total = opener.length + length
    return total % 3 != 0 or (opener.length % 3 == 0 and length % 3 == 0)


def _emphasis_partners(text: str, start: int, end: int, marker: str) -> tuple[int, int]:
    """How many ``marker`` characters just before and just after the name ``text[start:end]``
    pair with the ones typed inside it, the way CommonMark pairs them (rule of 3 included;
    GFM's ``~`` pairs runs of the same length only). Those go with the name: ``Jay*den*``,
    ``**Jay**den`` and ``~~Jay~~den`` become a plain pseudonym, ``**Ellie**`` keeps its
    emphasis, and ``**Jay*den* said**`` keeps the outer ``**``."""
    left = start
    while left and text[left - 1] == marker:
        left -= 1
    right = end
    while right < len(text) and text[right] == marker:
        right += 1
    runs: list[tuple[str, int, int]] = []  # where (before, inside, after), start, end
    if left < start:
        runs.append(("before", left, start))
    for m in _DELIMITER_RUN[marker].finditer(text, start, end):
        if text[m.start() - 1 : m.start()] != "\\":  # an escaped marker is a plain character
            runs.append(("inside", m.start(), m.end()))
    if right > end:
        runs.append(("after", end, right))
    taken = {"before": 0, "after": 0}
    openers: list[_Opener] = []
    for where, a, b in runs:
        opens, closes = _flanking(text, a, b)
        length = remaining = b - a
        while closes and remaining:
            k = len(openers) - 1
            while k >= 0 and not _pairs(openers[k], length, opens, marker):
                k -= 1
            if k < 0:
                break
            del openers[k + 1 :]  # CommonMark drops the openers in between
            opener = openers[k]
            use = remaining if marker == "~" else 2 if opener.left >= 2 and remaining >= 2 else 1
            opener.left -= use
            remaining -= use
            if (opener.where, where) == ("before", "inside"):
                taken["before"] += use
            elif (opener.where, where) == ("inside", "after"):
                taken["after"] += use
            if not opener.left:
                openers.pop()
        if remaining and opens:
            openers.append(_Opener(where, remaining, length, closes))
    return taken["before"], taken["after"]


def _with_emphasis(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a name widened over the emphasis markers that pair with ones inside it."""
    for marker in "*~":
        if marker in text[start:end]:
            before, after = _emphasis_partners(text, start, end, marker)
            start, end = start - before, end + after
    return start, end
