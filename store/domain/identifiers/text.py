"""The kinds of identifier, a finding, and the comparison form of the text."""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

KIND_DOB = "date of birth"
KIND_POSTCODE = "postcode"
KIND_ADDRESS = "street address"
KIND_NHS = "NHS number"
KIND_PHONE = "phone number"
KIND_EMAIL = "email address"
KIND_NI = "National Insurance number"
KINDS = (KIND_DOB, KIND_POSTCODE, KIND_ADDRESS, KIND_NHS, KIND_PHONE, KIND_EMAIL, KIND_NI)


@dataclass(frozen=True)
class Finding:
    """One identifier: its kind (a ``KIND_*`` label) and where it is, never its value."""

    kind: str
    start: int
    end: int


# ---- the comparison form ----------------------------------------------------------------------

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_SPECIAL = re.compile(r"[^\n -~]")  # what the fold may change in ASCII: control characters
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_APOSTROPHES = frozenset("\u2018\u2019\u201b\u02bc\u2032\u00b4\uff07")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """One character for one: offsets survive the fold."""
    if c in _LINE_BREAKS:
        return "\n"
    if c.isspace():
        return " "
    if c in _DASHES:
        return "-"
    if c in _APOSTROPHES:
        return "'"
    if c.isdecimal():
        return str(unicodedata.decimal(c))
    compatible = unicodedata.normalize("NFKC", c)
    if len(compatible) == 1 and compatible.isascii() and compatible.isprintable():
        return compatible
    return c


class _Text:
    """The comparison form of a text, and the way back to the original offsets."""

    def __init__(self, text: str) -> None:
        if text.isascii():
            special = set(_SPECIAL.findall(text))
        else:
            special = {c for c in set(text) if not (" " <= c <= "~" or c == "\n")}
        invisible = {
            c for c in special if unicodedata.category(c) in ("Cf", "Cc") and not c.isspace()
        }
        # For each left-out character, the comparison offset where it stood.
        self.removed: list[int] = []
        if invisible:
            pattern = re.compile("[" + "".join(map(re.escape, sorted(invisible))) + "]")
            for n, match in enumerate(pattern.finditer(text)):
                self.removed.append(match.start() - n)
            text = pattern.sub("", text)
        # One replace() per character that changes: translate() is slow on a text that is not
        # ASCII, and a text holds few distinct characters.
        for c in special - invisible:
            if (folded := _fold_char(c)) != c:
                text = text.replace(c, folded)
        self.s = text

    @cached_property
    def lower(self) -> str:
        """The comparison form in lower case, offset for offset."""
        low = self.s.lower()
        return low if len(low) == len(self.s) else self.s.translate(_ASCII_LOWER)

    @cached_property
    def upper(self) -> str:
        up = self.s.upper()
        return up if len(up) == len(self.s) else self.s.translate(_ASCII_UPPER)

    def original(self, start: int, end: int) -> tuple[int, int]:
        if not self.removed:
            return start, end
        first = start + bisect_right(self.removed, start)
        last = end - 1 + bisect_right(self.removed, end - 1)
        return first, last + 1
