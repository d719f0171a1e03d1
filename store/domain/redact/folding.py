"""Folding text into the form names are compared in, keeping where each folded
character came from (the package docstring, steps 1 to 3 and 5)."""

# The subject here is look-alike characters; the tables have to show them.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, pairwise

from store.domain.redact.bidi import _RTL, _SEPARATOR, _reordered

PSEUDONYM_JOINER = " / "  # between the pseudonyms of a shared form; no letters
MIN_FORM_LENGTH = 2
NEAR_MISS_MIN_LENGTH = 5  # letters; a shorter form is one letter from too many words
NEAR_MISS_ANY_CASE = 7  # letters; a shorter form's near misses count only as capitalised words

_MARK = "\x00"  # one invisible character (zero-width, soft hyphen, stray backslash ...)
_GAP_CHARS = " -'.*_~" + _MARK  # may stand where the parts of a name join
_GAP = r"[ '.*_~\x00\-]*"
_INNER = r"[*_~\x00]*"  # between any two letters: marks, and emphasis typed inside a name
_BEFORE = r"(?<![^\W_][\s\S])"  # placed after a match's first character: nothing word-like before
_TAIL = r"(?:s'(?![^\W_])|(?![^\W_]))"
_DROP_GAPS = str.maketrans("", "", _GAP_CHARS)
_WORDISH = re.compile(r"[^\W_]")
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")
_WORD_RUN = re.compile(r"[^\W_]+")
_INNER_CHARS = frozenset(("", _MARK, "*", "_", "~"))  # folded: what may stand inside a part
_NEXT_LETTER = re.compile(r"[\W_]*([^\W\d_])")  # the first letter after a replacement
_LAST_LETTER = re.compile(r"([^\W\d_])[\W_]*\Z")  # the last one before it

_SPECIAL = {
    **dict.fromkeys(
        "'\u2018\u2019\u201b`\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u2032\u2035\uff07", "'"
    ),
    **dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d", "-"),
}
# Letters NFKD leaves alone, spelt as they are typed on an English keyboard.
_PLAIN = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
_PLAIN.update({"ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ȷ": "j", "ſ": "s"})
# Drawn as nothing or as a blank, yet letters or symbols to Unicode: Hangul fillers, the
# braille blank, and the default-ignorable characters (variation selectors, the combining
# grapheme joiner, Mongolian free variation selectors, Khmer inherent vowels ...).
_BLANK = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Where TR39's prototype is not what a reader reads: it pairs β with ß, which we spell "ss".
_LOOKALIKE_FIXES = {"β": "b", "ꞵ": "b"}
# Symbols drawn as letters and used for nothing else. Others TR39 lists stay symbols: as
# letters, a bar (∣ ￨ ‖) or a sign (× ∞ ∪) would glue a name to a table rule beside it.
_LETTER_SYMBOLS = {"⍺": "a", "⍳": "i", "⍴": "p", "℮": "e"}
_SMALL_CAPITAL = re.compile(r"LATIN LETTER SMALL CAPITAL ([A-Z])")
_ASCII_LETTERS = re.compile(r"[a-z]+")

_BACKSLASH = re.compile(r"\\([!-/:-@\[-`{-~])?")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};)")


def _fold_char(c: str, depth: int = 0, lookalikes: bool = True) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    if c.isspace():
        return " "
    if _BLANK.match(c):
        return _MARK
    category = unicodedata.category(c)
    if category in ("Cc", "Cf", "Cs"):
        return _MARK
    if category.startswith("M"):
        return ""
    if depth < 4:
        decomposed = unicodedata.normalize("NFKD", c)
        if decomposed != c:
            return "".join(_fold_char(x, depth + 1, lookalikes) for x in decomposed)
        if c in _PLAIN:
            return _PLAIN[c]
        # Before case folding: Greek capital Nu looks like N, its small letter like v.
        if lookalikes and not c.isascii():
            latin = _lookalikes().get(c) if c.isalnum() else _LETTER_SYMBOLS.get(c)
            if latin is not None:
                return latin
        folded = c.casefold()
        if folded != c:
            return "".join(_fold_char(x, depth + 1, lookalikes) for x in folded)
    return c


@functools.cache
def _lookalikes() -> dict[str, str]:
    """Each letter or digit of another script (or an odd Latin one) that a reader takes for
    Latin letters, and those letters folded: TR39's confusables (``а``, ``Ο``, ``ɑ``, ``Ꭺ``),
    and small capitals (``ᴊᴀʏᴅᴇɴ``). Built on first need (see Speed in the module docstring).

    Only word characters are mapped: one that already stood between words (``∣``, ``ǃ``)
    would, as a letter, glue a name to its neighbour and hide it."""
    import json
    from pathlib import Path

    import confusable_homoglyphs

    # The package's own data file, read directly: its module would import urllib.request
    # (some 60 ms) for a download helper we never call.
    data = json.loads(
        Path(confusable_homoglyphs.__file__).with_name("confusables.json").read_text("utf-8")
    )
    folds: dict[str, str] = {}

    def latin(text: str) -> str | None:
        out = []
        for c in text:
            if c not in folds:
                folds[c] = _small_capital(c) or _fold_char(c, lookalikes=False)
            out.append(folds[c])
        folded = "".join(out)
        return folded if _ASCII_LETTERS.fullmatch(folded) else None

    table: dict[str, str] = {}
    for key, entries in data.items():
        source = key if len(key) == 1 else key.strip("\u200e\u200f")  # RTL ones come in LRMs
        if len(source) != 1 or source < "\x80" or not source.isalnum() or source in _PLAIN:
            continue
        if unicodedata.normalize("NFKD", source) != source:
            continue  # NFKD has its say first, in _fold_char
        small = _small_capital(source)
        if small is not None:
            table[source] = small
            continue
        targets = set()
        for entry in entries:
            glyph = entry["c"]
            if glyph.isascii():
                if not glyph.isalpha():
                    continue
                # TR39 draws capital I as l; a capital that looks like one is an I.
                target = "i" if glyph == "l" and source.isupper() else glyph.casefold()
            else:
                target = latin(glyph.replace("\u200e", "").replace("\u200f", ""))
            if target is not None:
                targets.add(target)
        if len(targets) == 1:
            table[source] = targets.pop()
    for c in "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ":  # small capitals TR39 leaves out (ɴ, ʀ ...)
        table.setdefault(c, _small_capital(c) or c)
    table.update(_LOOKALIKE_FIXES)
    return table


def _small_capital(c: str) -> str | None:
    if not ("\u0250" <= c <= "\u02af" or "\u1d00" <= c <= "\u1d2b" or "\ua730" <= c <= "\ua7ff"):
        return None
    small = _SMALL_CAPITAL.fullmatch(unicodedata.name(c, ""))
    return small.group(1).lower() if small is not None else None


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character on first sight and remembers it."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()  # characters that fold to other than one character

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key))
        if len(value) != 1:
            self.uneven.add(chr(key))  # before the entry, for a thread that finds the entry
        self[key] = value
        return value


_TABLE = _FoldTable()


@dataclass(frozen=True)
class _Folded:
    """Text in comparison form, and the way back to the original text's positions.

    When the text holds right-to-left characters or bidi controls, ``text`` goes on, after
    ``split``, with the lines concerned again in the order a reader sees them."""

    text: str
    cum: list[int] | None  # running folded length per unit; None when each unit folds to one char
    starts: list[int] | None  # original span per unit; None when the units are the original chars
    ends: list[int] | None
    split: int | None = None  # where the reordered copy starts in ``text``

    def units(self, first: int, last: int) -> tuple[int, int]:
        if self.cum is None:
            return first, last
        return bisect_right(self.cum, first), bisect_right(self.cum, last)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The original ``[start, end)`` behind folded characters ``first`` to ``last``."""
        a, b = self.units(first, last)
        if self.starts is None or self.ends is None:
            return a, b + 1
        if self.split is not None and first >= self.split:  # reordered: any order
            return min(self.starts[a : b + 1]), max(self.ends[a : b + 1])
        return self.starts[a], self.ends[b]

    def reordered(self, first: int, last: int) -> bool:
        """Whether folded ``first`` to ``last`` show the original out of its typed order."""
        if self.split is None or first < self.split or self.starts is None:
            return False
        a, b = self.units(first, last)
        run = self.starts[a : b + 1]
        return any(x > y for x, y in pairwise(run))


def _backslashes(text: str) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _BACKSLASH.finditer(text):
        a = m.start()
        out.append(text[pos:a])
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        escaped = m.group(1)
        out.append(_MARK if escaped in (None, "\\") else escaped)
        starts.append(a)
        ends.append(m.end())
        pos = m.end()
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(out), starts, ends


def _decode_entity(ref: str) -> str | None:
    decoded = html.unescape(ref) if ref[1] == "#" else html.entities.html5.get(ref[1:])
    return None if decoded is None or decoded == ref else decoded


def _entities(
    text: str, starts: list[int] | None, ends: list[int] | None
) -> tuple[str, list[int] | None, list[int] | None, bool]:
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    again = False
    for m in _ENTITY.finditer(text):
        decoded = _decode_entity(m.group())
        if decoded is None:
            continue
        a, b = m.start(), m.end()
        out.append(text[pos:a])
        new_starts.extend(starts[pos:a] if starts is not None else range(pos, a))
        new_ends.extend(ends[pos:a] if ends is not None else range(pos + 1, a + 1))
        out.append(decoded)
        new_starts.extend([starts[a] if starts is not None else a] * len(decoded))
        new_ends.extend([ends[b - 1] if ends is not None else b] * len(decoded))
        again = again or "&" in decoded
        pos = b
    if not out:
        return text, starts, ends, False
    out.append(text[pos:])
    new_starts.extend(starts[pos:] if starts is not None else range(pos, len(text)))
    new_ends.extend(ends[pos:] if ends is not None else range(pos + 1, len(text) + 1))
    return "".join(out), new_starts, new_ends, again


def _fold(text: str, *, visual: bool = True) -> _Folded:
    starts: list[int] | None = None
    ends: list[int] | None = None
    if "\\" in text:
        text, starts, ends = _backslashes(text)
    for _ in range(3):  # "&amp;#39;" takes two rounds; a third is plenty
        if "&" not in text:
            break
        text, starts, ends, again = _entities(text, starts, ends)
        if not again:
            break
    split_units = None
    if visual and _RTL.search(text):
        order = _reordered(text)
        if order:
            n = len(text)
            if starts is None or ends is None:
                starts, ends = list(range(n)), list(range(1, n + 1))
            text += "".join(_SEPARATOR if i < 0 else text[i] for i in order)
            starts = starts + [starts[i] if i >= 0 else 0 for i in order]
            ends = ends + [ends[i] if i >= 0 else 0 for i in order]
            split_units = n
    chars = set(text)
    for c in chars:
        _TABLE[ord(c)]  # fold each distinct character once, so `uneven` is complete
    folded = text.translate(_TABLE)
    cum = None
    if not chars.isdisjoint(_TABLE.uneven):
        cum = list(accumulate(len(_TABLE[ord(c)]) for c in text))
    split = None
    if split_units is not None:
        split = split_units if cum is None else cum[split_units - 1]
    return _Folded(folded, cum, starts, ends, split)


@functools.lru_cache(maxsize=2)
def _fold_document(text: str) -> _Folded:
    """``_fold``, remembered for the last two documents: an export checks its text and then
    looks for near misses in the same text."""
    return _fold(text)


def _skeleton(form: str) -> tuple[str, frozenset[int]]:
    """A form's letters, and the positions in them where its parts join."""
    letters: list[str] = []
    joins: set[int] = set()
    for c in _fold(form, visual=False).text:
        if c in _GAP_CHARS:
            joins.add(len(letters))
        else:
            letters.append(c)
    return "".join(letters), frozenset(j for j in joins if 0 < j < len(letters))
