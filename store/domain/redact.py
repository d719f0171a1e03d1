"""Keep the names of children and their families out of every paper meant for circulation.

A register of ``Protected`` people (real name, other forms of it, pseudonym) builds a ``Redactor``.
``redact`` puts the pseudonym in place of every registered name form; ``check`` is the last gate
before a file is written and raises ``RedactionError`` if any form is still there. The error names
pseudonyms only, never a real name, so it is safe to show, log or email. ``near_misses`` lists
words one letter from a registered form ("Kaydn" for "Kayden"): likely the name misspelt, which
nothing here replaces, for a person to look at.

How matching works
------------------
Both functions share one scanner, so whatever ``check`` would find, ``redact`` has replaced (a
property test holds them to that). The text is first *folded* into a comparison form, keeping for
each folded character the span of the original text it came from:

1. Markdown backslash escapes before ASCII punctuation are undone (``Ellie\\-Mae``, ``O\\'Brien``);
   any other backslash (``Harr\\ington``, ``C:\\files\\ellie``) becomes an invisible mark (step 3).
2. HTML character references are decoded (``&#39;``, ``&#x27;``, ``&amp;``, ``&eacute;``; named
   ones only with their ``;``, numeric ones also without it; ``&amp;#39;`` too).
3. Each character: any whitespace (line breaks, tabs, NBSP) -> a space; hyphens and dashes -> ``-``;
   apostrophe look-alikes (``’ ‘ ` ´ ʼ``) -> ``'``; invisible format and control characters
   (U+200B, U+200C, U+200D, U+2060, U+FEFF, soft hyphen, bidi controls, tag characters) and
   characters drawn blank (Hangul fillers U+3164, U+115F, U+1160, U+FFA0, the braille blank
   U+2800, variation selectors, the combining grapheme joiner) -> one *mark*; otherwise NFKD,
   combining marks dropped, a few letters with no decomposition spelt plainly (``ø``->o,
   ``ł``->l, ``æ``->ae, ``ß``->ss ...), letters of other scripts that look Latin as the Latin
   letters they look like, and casefolded. So ``Élodie``, ``ELODIE``, ``E\\u0301lodie`` (NFD),
   full-width ``Ｅｌｏｄｉｅ`` and ``Еlodie`` (Cyrillic Е) all fold to ``elodie``.
4. A line that holds right-to-left letters or bidi controls (RLM, ALM, RLE, RLO, RLI) is folded
   a second time in the order it is *displayed* (UAX #9, cut down to what moves letters: see
   ``_visual_order``), under a left-to-right and a right-to-left paragraph, and that copy is
   scanned too. So ``<RLO>nedyaJ``, which shows as "Jayden", is found.

Look-alikes come from Unicode TR39's confusables (the data the ``confusable_homoglyphs``
package ships), read once, on the first character that needs them: a letter or digit whose
TR39 prototype is Latin letters (``а`` ``е`` ``о`` ``р`` ``с`` ``у`` ``і`` ``ј``, Greek ``Α``
``Ν`` ``Ο`` ``ο`` ``ν``, Latin alpha ``ɑ``, Cherokee ``Ꭺ``, Armenian ``օ``), and small capitals
(``ᴊᴀʏᴅᴇɴ``). It is looked up before case folding, as Greek capital Nu looks like N and its
small letter like v; a capital TR39 gives as l (it draws I as l) counts as I.

A name form is folded the same way into its *skeleton* (its letters) and the places where its parts
join (space, hyphen, apostrophe, dot). One regular expression holds every skeleton, longest first:
between any two letters may stand marks and Markdown emphasis markers (``* _ ~``); at a join any
run of spaces, hyphens, apostrophes, dots, marks or markers, including none. Why one folded scan
rather than a pattern of accented character classes per name: folding gets NFD, ligatures,
look-alikes, entities and escapes right once for every name, and the span map puts each
replacement exactly on the original text.

Rules decided
-------------
- **Whole words.** A letter or digit may not touch either end of a match; ``_`` and all punctuation
  may, so ``*Ellie*``, ``_Ellie_``, ``[Ellie]``, ``Ellie|``, ``(Ellie)``, ``Ellie.``, ``Ellie\\`` and
  ``ellie_report.pdf`` match; ``Ellies`` and ``Harringtonshire`` do not. A mark counts as a
  boundary, so ``x<U+200B>Ellie`` is caught (errs towards refusing).
- **Possessives.** ``Ellie's``/``Ellie’s`` -> ``Child A's``/``Child A’s`` (the suffix is left as
  typed). ``James'`` -> ``Child D's``, unless an apostrophe opens the name too (``'James'`` is a
  quotation). The plural possessive ``Harringtons'`` -> ``Child A's``. A bare plural (``the
  Harringtons``) is *not* matched, because ``Mark``/``marks`` or ``Hope``/``hopes`` would
  false-alarm: register ``Harringtons`` as a form if the family is spoken of that way (it is
  a near miss of ``Harrington``, so it is reported).
- **Joins are equivalent.** ``Ellie-Mae``, ``Ellie Mae``, ``Ellie–Mae``, ``Ellie-\\nMae``,
  ``EllieMae`` and ``O'Brien``, ``O’Brien``, ``OBrien``, ``O Brien`` match each other. Forms with the
  same skeleton are one form, and their joins are pooled.
- **Emphasis typed inside a name** (``Jay*den*``, ``**Jay**den``, ``O*konkwo*``, ``~~Jay~~den``)
  is what every reader shows as "Jayden", so it is the name. The pseudonym replaces the name
  together with the markers before and after it that pair with markers inside it, the way
  CommonMark pairs them: all of those become a plain ``Child A``, ``**Jay*den* said**`` becomes
  ``**Child A said**``, and emphasis round a whole name stays (``**Ellie**`` -> ``**Child A**``).
  A marker with no partner is left outside (``*Jay*den*`` -> ``Child A*``). An underscore inside
  a word is no emphasis in CommonMark, so ``Jay_den_`` -> ``Child A_``, as it was shown.
- **Bidi.** A name found only in display order is replaced from the first to the last of the
  characters that show it (bidi controls between them go too), and its pseudonym is put in an
  LRI ... PDI isolate, so that it reads the right way round inside an override. An override
  (RLO, LRO) or embedding ends at its PDF or at the end of the line: a renderer that joins the
  lines of a Markdown paragraph may carry one further, which is not modelled.
- **A replacement that completes a name.** When a pseudonym, with the text just after or before
  it, reads as a registered name (``A-Aa`` typed as ``a-Aaa-Aa``: the "A" of "Child A" and the
  "-Aa" left over), or a replacement took a bidi control that reordered its line, ``redact``
  goes over its own output again, so ``check`` passes on whatever ``redact`` returns.
- **Longest form wins** at any position (``Ellie-Mae Harrington`` before ``Ellie``). Pseudonyms are in
  the same scan and are left alone, so redaction is idempotent and a surname that is part of a
  pseudonym (``Child``) does not turn ``Child A`` into ``Child A A``. The cost: ``Child`` then also
  replaces the ordinary word "child" everywhere, and the text "Child A" reads as the pseudonym,
  unless a registered name starts inside it and runs on past it ("the child O'Brien" with a
  "Child O" registered is a name). Pseudonyms are trusted text; do not put a real name in one.
- **Shared forms.** A form registered for several people (siblings' surname) becomes all their
  pseudonyms: ``Harrington`` -> ``Child A / Child B``. The joiner has no letters: a word such
  as "or" could itself be a registered name ("Or" is a given name), which the final check
  would then find in the redacted text.
- **Minimum length.** A form needs at least ``MIN_FORM_LENGTH`` (2) characters once spaces,
  hyphens, apostrophes and dots are left out, else ``ValueError`` from ``Protected``. Two-letter forms are accepted but risky: ``Jo`` also hits the initials "JO" in an
  attendance table, since case is ignored. A form that reads as a pseudonym is refused.
- **Look-alikes cost a little:** a Greek word that looks like a registered name is replaced
  (``και`` reads "kai", so with "Kai" registered it goes). Symbols TR39 also lists stay symbols
  (``∣`` for l, ``×`` for x, ``∞`` for oo): as letters, a table rule or a sign beside a name would
  glue to it and hide it. The four drawn only as letters (``⍺ ⍳ ⍴ ℮``) are folded.

Near misses (reported, not redacted)
------------------------------------
``near_misses`` finds words at most one edit from a registered form (a letter changed, added,
dropped, or two neighbours swapped: OSA distance, from ``rapidfuzz``), compared folded, so case,
accents and look-alikes do not count. A word whose letters *are* a form's but which ``redact``
does not replace ("Jay-den": a hyphen where the form has no join) is one too. To keep false
alarms rare:

- only forms of one word (``Ellie-Mae`` and ``O'Brien`` are one word; ``Ellie Mae`` is two)
  with at least ``NEAR_MISS_MIN_LENGTH`` (5) letters: "Mark"/"Mary", "Hope"/"Hops",
  "Jon"/"Jan" never come up;
- the word starts with the form's first letter (slips seldom hit it, and names that differ
  there are often other names: Jayden, Hayden, Kayden);
- for a form shorter than ``NEAR_MISS_ANY_CASE`` (7) letters, only a word typed with a
  capital, and never typed in lowercase elsewhere in the document ("White": "While" and
  "Write" start sentences, but "while" and "write" give them away);
- never a name ``redact`` replaces or a word inside one, a word of a pseudonym, or a word the
  caller passes as ``known`` (the professionals' own names).

Measured: over the sample partnership's papers (every meeting's minutes and both logs,
redacted and not: 26 documents, 126,000 characters), no near miss. Over the standard library's
docstrings (1.6 million characters) against 50 realistic people and 200 forms, surnames that
are words included (White, Green, Wood, Parker, Moore, Mason), two: "Löwis" for "Lewis" and
"Robert" for "Roberts", both names. Without the capital rules that was 792 (more, write,
archive, parser, while ...); with the first letter free, three ("Barry" for "Harry").

Not covered
-----------
Redacted: all of the above, look-alikes, bidi, blank fillers and emphasis inside a name
included. Reported only: misspellings one edit away, as above. Neither: ASCII digits for
letters (``J0nes``, ``E11ie``), names spelt out with spaces between letters or split by a space
where the form has none ("Jay den"), misspellings two edits away or at the first letter,
a short form misspelt in lowercase, misspellings of forms of several words (the one-word forms
beside them are looked at), and a name broken up by HTML tags (``K<i></i>ayden``: the export
writer checks the rendered text for that). ``check`` is a net, not a proof.

Speed (measured, not asserted, on a busy shared two-core machine where one run differs from
the next by a fifth or more; best of 21, the previous version of this module in the same
run): a 2,000-line, 176,000-character document with 50 registered people and 200 name forms
redacts in 80 to 105 ms (the previous version: 70 to 85) and checks in about 77 ms (72); with
accents, entities and escapes throughout, 125 to 165 ms (85 to 125) and 90 to 125 ms (85 to
110). ``near_misses`` takes 85 to 100 ms on the redacted document and 135 to 190 ms on the
unredacted one, whose every name it looks at and sets aside: about one ``redact``. The
previous version measured 14 and 13 ms on a faster machine, so expect about a sixth of these
there (``near_misses``: some 15 to 30 ms). Building a ``Redactor`` takes about 5 ms (3); the
look-alike table, once per process and only for a text with a letter outside Latin, 50 to 70
ms.
"""

# The subject here is look-alike characters; the docstring and tables have to show them.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, pairwise

__all__ = [
    "MIN_FORM_LENGTH",
    "NEAR_MISS_ANY_CASE",
    "NEAR_MISS_MIN_LENGTH",
    "NearMiss",
    "Protected",
    "RedactionError",
    "Redactor",
]

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


# ---- the order a reader sees (UAX #9, cut down to what moves letters) -------------------------

# Any character that can make a line display out of its typed order: right-to-left letters
# (Hebrew, Arabic, Syriac, Thaana, NKo ...), RLM, ALM, RLE, RLO, RLI. Without one, every
# line reads in typed order and no second scan is made.
_RTL = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_PARAGRAPH = re.compile("[\n\r\x1c-\x1e\x85\u2029]")
_SEPARATOR = "|"  # between the typed text and its reordered copy: not a letter, not a join


def _first_strong(chars: str, start: int) -> str:
    for c in chars[start:]:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
        if kind == "PDI":
            break
    return "L"


def _visual_order(chars: str, base: int) -> list[int]:
    """The indices of one line in the order it is displayed, paragraph level ``base``.

    UAX #9 cut down to what can move letters: the explicit embeddings, overrides and
    isolates (X1-X8, the removed controls kept as neutrals); strong types only, numbers
    counting as neutral; neutrals between two strong runs of one direction take it (N1),
    others the embedding's (N2), looking past an isolate's content as an isolating run
    sequence does; implicit levels (I1-I2); then reversal (L2)."""
    n = len(chars)
    levels = [base] * n
    types = ["N"] * n
    stack: list[tuple[int, str, bool]] = [(base, "", False)]  # level, override, isolate
    chains: list[list[int]] = [[]]  # indices outside the open isolates, innermost last
    closed: list[list[int]] = []
    for i, c in enumerate(chars):
        kind = unicodedata.bidirectional(c)
        level, override, _ = stack[-1]
        levels[i] = level
        chains[-1].append(i)
        if kind in ("RLE", "LRE", "RLO", "LRO"):
            new = (level + 1) | 1 if kind[0] == "R" else (level + 2) & ~1
            if new <= 125:
                stack.append((new, kind[0] if kind[2] == "O" else "", False))
        elif kind == "PDF":
            if len(stack) > 1 and not stack[-1][2]:
                stack.pop()
        elif kind in ("RLI", "LRI", "FSI"):
            types[i] = override or "N"
            rtl = kind == "RLI" or (kind == "FSI" and _first_strong(chars, i + 1) == "R")
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= 125:
                stack.append((new, "", True))
                chains.append([])
        elif kind == "PDI":
            if len(chains) > 1:
                while not stack.pop()[2]:
                    pass
                chains[-1].pop()
                closed.append(chains.pop())
                chains[-1].append(i)
            level, override, _ = stack[-1]
            levels[i] = level
            types[i] = override or "N"
        else:
            strong = "L" if kind == "L" else "R" if kind in ("R", "AL") else "N"
            types[i] = override or strong
    for chain in closed + chains:  # neutrals, one level run of each chain at a time
        i = 0
        while i < len(chain):
            j = i
            while j < len(chain) and levels[chain[j]] == levels[chain[i]]:
                j += 1
            level = levels[chain[i]]
            own = "R" if level % 2 else "L"
            prev = "R" if max(level, levels[chain[i - 1]] if i else base) % 2 else "L"
            after = "R" if max(level, levels[chain[j]] if j < len(chain) else base) % 2 else "L"
            k = i
            while k < j:
                if types[chain[k]] != "N":
                    prev = types[chain[k]]
                    k += 1
                    continue
                m = k
                while m < j and types[chain[m]] == "N":
                    m += 1
                fill = prev if prev == (types[chain[m]] if m < j else after) else own
                for x in chain[k:m]:
                    types[x] = fill
                k = m
            i = j
    for x in range(n):
        if levels[x] % 2 != (types[x] == "R"):
            levels[x] += 1
    odd = [level for level in levels if level % 2]
    order = list(range(n))
    if not odd:
        return order
    pairs = list(zip(levels, order, strict=True))
    for level in range(max(levels), min(odd) - 1, -1):
        x = 0
        while x < n:
            if pairs[x][0] < level:
                x += 1
                continue
            y = x
            while y < n and pairs[y][0] >= level:
                y += 1
            pairs[x:y] = pairs[x:y][::-1]
            x = y
    return [i for _, i in pairs]


def _reordered(text: str) -> list[int]:
    """Unit indices of every line of ``text`` that displays out of typed order, in display
    order, each line after a -1 (the separator). Both paragraph directions are tried: a
    Markdown renderer may set it (``dir="auto"`` takes the first strong letter) or not."""
    out: list[int] = []
    pos = 0
    for brk in [*_PARAGRAPH.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        line = text[pos:end]
        if _RTL.search(line):
            seen = {tuple(range(len(line)))}
            for base in (0, 1):
                order = _visual_order(line, base)
                if tuple(order) not in seen:
                    seen.add(tuple(order))
                    out.append(-1)
                    out.extend(pos + i for i in order)
        pos = end + 1
    return out


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


@dataclass(frozen=True)
class Protected:
    """A person whose name must never be circulated.

    ``pseudonym`` stands in for them ("Child A", "Mother of Child A"); ``names`` is the real name
    first, then every other form it may be typed in ("Ellie-Mae Harrington", "Ellie", "Ellie-Mae",
    "Harrington"). Validation messages name the pseudonym, never the name.
    """

    pseudonym: str
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.names))
        if not isinstance(self.pseudonym, str) or not any(c.isalnum() for c in self.pseudonym):
            raise ValueError("a pseudonym needs at least one letter or digit")
        if not self.names:
            raise ValueError(f"{self.pseudonym}: register at least the real name")
        for form in self.names:
            if not isinstance(form, str):
                raise ValueError(f"{self.pseudonym}: each name form must be text")
            if len(_skeleton(form)[0]) < MIN_FORM_LENGTH:
                raise ValueError(
                    f"{self.pseudonym}: a registered name form is shorter than "
                    f"{MIN_FORM_LENGTH} letters, which would match ordinary words"
                )


class RedactionError(Exception):
    """A finished document still holds a registered name; the message gives pseudonyms only."""

    def __init__(self, pseudonyms: tuple[str, ...], lines: tuple[int, ...] = ()) -> None:
        self.pseudonyms = pseudonyms
        self.lines = lines
        children = all(p.casefold().startswith("child ") for p in pseudonyms)
        noun = (
            ("child" if children else "person")
            if len(pseudonyms) == 1
            else ("children" if children else "people")
        )
        where = ""
        if lines:
            where = f" (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})"
        super().__init__(
            f"the document still names the {noun} registered as {_and(pseudonyms)}; "
            f"it was not written{where}"
        )


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class NearMiss:
    """A word one letter from a registered name form ("Kaydn" for "Kayden"): likely the name
    misspelt, left as typed for a person to look at. Offsets are into the document given to
    ``Redactor.near_misses``, ``line`` counts from 1, and only pseudonyms name anyone, so it
    is safe to show or log."""

    start: int
    end: int
    line: int
    pseudonyms: tuple[str, ...]


@dataclass(frozen=True)
class _Hit:
    start: int  # original span
    end: int
    pseudonyms: tuple[str, ...]
    possessive: str | None  # the apostrophe as typed, when the hit took it ("James'")
    isolate: bool = False  # found only in display order: the pseudonym goes in an LRI...PDI


def _compile(branches: dict[str, list[tuple[int, int, str]]]) -> re.Pattern[str] | None:
    """One alternative per first character, longest forms first (pseudonyms first on a tie)."""
    alternatives = [
        re.escape(first) + _BEFORE + "(?:" + "|".join(r for *_, r in sorted(alts)) + ")"
        for first, alts in branches.items()
    ]
    return re.compile("(?:" + "|".join(alternatives) + ")" + _TAIL) if alternatives else None


def _skeleton_of(m: re.Match[str]) -> str:
    matched = m.group().translate(_DROP_GAPS)
    return matched[:-1] if m.group().endswith("'") else matched  # the tail took "s'"


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


# ---- near misses -------------------------------------------------------------------------------

# A word as the folded text has it: letters, with hyphens, apostrophes, invisible marks and
# emphasis markers inside ("O'Brian", "Ellie-Mea", "Kay*dn*"), standing alone.
_TOKEN = re.compile(r"(?<![^\W_])[^\W\d_]+(?:[\x00*_~'\-]+[^\W\d_]+)*(?![^\W_])")
_PIECE = re.compile(r"[^\W\d_]+")
_JOINERS = "\x00*_~'-"
_DROP_JOINERS = str.maketrans("", "", _JOINERS)


def _deletions(word: str) -> set[str]:
    """``word`` and every way of leaving out one letter but the first: two words within
    one edit (OSA: a letter changed, added, dropped, or two neighbours swapped) that start
    with the same letter always share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(1, len(word)))}


def _candidates(token: str) -> Iterator[tuple[int, int, str]]:
    """Where in ``token`` a misspelt name may be: the whole word (a possessive ``'s`` left
    off), then each of its parts when it has several, as (start, end, letters)."""
    if token.endswith("'s"):
        token = token[:-2].rstrip(_JOINERS)
    letters = token.translate(_DROP_JOINERS)
    yield 0, len(token), letters
    if len(letters) != len(token):
        for piece in _PIECE.finditer(token):
            yield piece.start(), piece.end(), piece.group()


class Redactor:
    """Replaces registered names by pseudonyms, and refuses documents that still hold one."""

    def __init__(self, protected: Iterable[Protected]) -> None:
        names: dict[str, list[str]] = {}  # skeleton -> pseudonyms, in register order
        joins: dict[str, set[int]] = {}
        single: set[str] = set()  # skeletons of forms of one word ("Ellie-Mae", not "Ellie Mae")
        keep: dict[str, str] = {}  # pseudonym skeleton -> the pseudonym, folded
        for person in protected:
            if not isinstance(person, Protected):
                raise TypeError("the register holds Protected entries only")
            for form in person.names:
                skeleton, at = _skeleton(form)
                owners = names.setdefault(skeleton, [])
                if person.pseudonym not in owners:
                    owners.append(person.pseudonym)
                joins.setdefault(skeleton, set()).update(at)
                if " " not in _fold(form, visual=False).text.strip():
                    single.add(skeleton)
            words = _fold(person.pseudonym, visual=False).text.split()
            keep["".join(words).translate(_DROP_GAPS)] = " ".join(words)
        for skeleton in keep:
            if skeleton in names:
                raise ValueError(
                    f"a name form registered for {_and(tuple(names[skeleton]))} reads as a pseudonym"
                )
        self._names = {s: tuple(p) for s, p in names.items()}
        self._joins = {s: frozenset(j) for s, j in joins.items()}
        self._keep = frozenset(keep)
        self._pseudonym_words = frozenset(w for f in keep.values() for w in f.split())
        # Every form of one word long enough to misspell, by each of its one-letter deletions.
        self._fuzzy: dict[str, list[str]] = {}
        fuzzy = sorted(s for s in single if len(s) >= NEAR_MISS_MIN_LENGTH)
        for skeleton in fuzzy:
            for key in _deletions(skeleton):
                self._fuzzy.setdefault(key, []).append(skeleton)
        self._fuzzy_first = frozenset(s[0] for s in fuzzy)
        lengths = [len(s) for s in fuzzy] or [0]
        self._fuzzy_lengths = (min(lengths) - 1, max(lengths) + 1)
        # How far from a word a name containing it may run (gaps are seldom long).
        self._reach = 4 * max(map(len, names), default=0) + 32
        self._completes: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}
        # Grouped by first character, so the regex engine rules out most positions at once.
        branches: dict[str, list[tuple[int, int, str]]] = {}
        for skeleton, cuts in joins.items():
            rest = "".join(
                (_GAP if i in cuts else _INNER) + re.escape(c) for i, c in enumerate(skeleton) if i
            )
            branches.setdefault(skeleton[0], []).append((-len(skeleton), 1, rest))
        for skeleton, folded in keep.items():  # pseudonyms exactly, bar the spacing
            rest = " +".join(re.escape(w) for w in folded[1:].split(" "))
            branches.setdefault(folded[0], []).append((-len(skeleton), 0, rest))
        self._pattern = _compile(branches)
        self._names_only = _compile(
            {
                c: [a for a in alts if a[1]]
                for c, alts in branches.items()
                if any(a[1] for a in alts)
            }
        )

    def _hits(self, text: str, folded: _Folded | None = None) -> list[_Hit]:
        if self._pattern is None or self._names_only is None:
            return []
        if folded is None:
            folded = _fold(text)
        found = folded.text
        hits: list[_Hit] = []
        shown: list[_Hit] = []  # found in the display-order copy
        pos = 0
        while (m := self._pattern.search(found, pos)) is not None:
            pos = m.end()
            if _skeleton_of(m) in self._keep:
                # A pseudonym stays, unless a name starts inside it and runs on past its end:
                # "the child O'Brien" with a "Child O" registered.
                for w in _WORD_START.finditer(found, m.start() + 1, m.end()):
                    inner = self._names_only.match(found, w.start())
                    # ...though "Child S's" is a possessive, not a name "S'S".
                    if inner is not None and found[m.end() : inner.end()] not in ("", "'s"):
                        m = inner
                        break
                else:
                    continue
                pos = m.end()
            skeleton = _skeleton_of(m)
            # Every alternative in the pattern is a key of `_names` or `_keep`.
            pseudonyms = self._names.get(skeleton, ())
            if folded.split is not None and m.start() >= folded.split:
                start, end = folded.span(m.start(), m.end() - 1)
                isolate = folded.reordered(m.start(), m.end() - 1)
                shown.append(_Hit(start, end, pseudonyms, None, isolate))
                continue
            plural = m.group().endswith("'")
            last = m.end() - 1
            if (
                not plural
                and skeleton.endswith("s")
                and found[m.end() : m.end() + 1] == "'"
                and not _WORDISH.match(found, m.end() + 1)
                and found[m.start() - 1 : m.start()] != "'"  # 'James' is a quotation
            ):
                last = m.end()  # "James'" -> "Child A's"
            start, end = folded.span(m.start(), last)
            apostrophe = None
            if last != m.end() - 1 or plural:
                a, b = folded.span(last, last)
                apostrophe = text[a:b]
            elif "*" in (span := text[start:end]) or "~" in span:
                start, end = _with_emphasis(text, start, end)
            hits.append(_Hit(start, end, pseudonyms, apostrophe))
        if shown:
            # The display-order copy finds most names again; only what it adds is kept.
            typed = [(h.start, h.end) for h in hits]
            for hit in shown:
                if not any(a <= hit.start and hit.end <= b for a, b in typed):
                    typed.append((hit.start, hit.end))
                    hits.append(hit)
            hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def redact(self, text: str) -> str:
        """``text`` with every registered name form replaced by its pseudonym.

        Case, accents (typed or not, NFC or NFD), look-alike letters from other scripts,
        possessives, line breaks and runs of spaces or NBSP inside a full name, invisible and
        blank characters, emphasis typed inside a name, Markdown escapes, HTML entities and
        bidi controls that display a name are all seen through; the replacement covers
        exactly the original characters of the name (with the emphasis markers that pair
        with ones inside it), and a possessive ``'s`` stays as typed. Never raises on any
        ``str``; ``redact(redact(t)) == redact(t)``.
        """
        for _ in range(8):  # one pass, bar a name the replacement itself completes
            out, again = self._replace(text)
            if not again:
                return out
            text = out
        return out  # not reached in practice; check would refuse what is left

    def _replace(self, text: str) -> tuple[str, bool]:
        """One pass of ``redact``, and whether a pseudonym it put in may, with the text after
        or before it, read as a registered name ("A-Aa" typed as "a-Aaa-Aa": the "A" of
        "Child A" and the "-Aa" left over)."""
        out: list[str] = []
        placed: list[tuple[int, int, str]] = []  # where each replacement went in the output
        length = pos = 0
        for hit in self._hits(text):
            start = max(hit.start, pos)  # two hits can share one original character ("ß" -> "ss")
            if start >= hit.end:
                continue
            pseudonyms = PSEUDONYM_JOINER.join(hit.pseudonyms)
            piece = f"\u2066{pseudonyms}\u2069" if hit.isolate else pseudonyms
            if hit.possessive is not None:
                piece += hit.possessive + "s"
            out.append(text[pos:start])
            length += start - pos
            placed.append((length, length + len(piece), piece))
            out.append(piece)
            length += len(piece)
            pos = hit.end
        out.append(text[pos:])
        result = "".join(out)
        if placed and _RTL.search(result):
            # A replacement that took a bidi control or right-to-left letter with the name
            # can change how the rest of its line is displayed: look at the whole again.
            return result, bool(self._hits(result))
        for a, b, piece in placed:
            joined, glued, precede = self._may_complete(piece)
            after = before = False
            # Mostly a space or a stop follows, and only a join can stand there.
            if joined or (glued and _TABLE[ord(result[b : b + 1] or " ")] in _INNER_CHARS):
                m = _NEXT_LETTER.match(result, b)
                if m is not None:
                    letter = _TABLE[ord(m.group(1))][:1]
                    between = result[b : m.start(1)]
                    inner = all(_TABLE[ord(c)] in _INNER_CHARS for c in between)
                    after = letter in joined or (inner and letter in glued)
            if precede:
                m = _LAST_LETTER.search(result, max(0, a - 16), a)
                before = m is not None and _TABLE[ord(m.group(1))][-1:] in precede
            if after or before:
                lo = max(0, a - self._reach) if before else a
                window = result[lo : b + self._reach]
                if any(h.start < b - lo and h.end > a - lo for h in self._hits(window)):
                    return result, True
        return result, False

    def _may_complete(self, piece: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """What could let a registered name start inside ``piece`` and run on into the text
        after it: the next letter, past a join (a space, hyphen ...) or past invisible
        characters and emphasis only; and the last letter before ``piece`` that could let
        one end inside it. Nearly always empty; cached, since few pieces recur."""
        known = self._completes.get(piece)
        if known is None:
            folded = _fold(piece, visual=False).text
            starts = [m.start() for m in _WORD_START.finditer(folded) if m.start()]
            heads = [folded[w:].translate(_DROP_GAPS) for w in starts]
            ends = [m.end() for m in _WORD_RUN.finditer(folded)]
            tails = [folded[:e].translate(_DROP_GAPS) for e in ends]
            joined: set[str] = set()
            glued: set[str] = set()
            for skeleton, cuts in self._joins.items():
                for head in heads:
                    if len(skeleton) > len(head) and skeleton.startswith(head):
                        (joined if len(head) in cuts else glued).add(skeleton[len(head)])
            precede = {
                s[-len(t) - 1]
                for t in tails
                for s in self._names
                if len(s) > len(t) and s.endswith(t)
            }
            known = (frozenset(joined), frozenset(glued), frozenset(precede))
            self._completes[piece] = known
        return known

    def check(self, document: str) -> None:
        """Raise ``RedactionError`` if the finished ``document`` still holds a registered name.

        Call it on the exact text about to be written, after every export step. It sees through
        everything ``redact`` does, plus what an export may have added: backslash escapes,
        zero-width characters, HTML entities. The error carries pseudonyms and line numbers only.
        """
        found: list[str] = []
        lines: set[int] = set()
        for hit in self._hits(document, _fold_document(document)):
            found.extend(p for p in hit.pseudonyms if p not in found)
            lines.add(document.count("\n", 0, hit.start) + 1)
        if found:
            raise RedactionError(tuple(found), tuple(sorted(lines)))

    def near_misses(self, document: str, *, known: Iterable[str] = ()) -> list[NearMiss]:
        """Words in ``document`` one letter from a registered name form: likely the name
        misspelt ("Kaydn", "Jaiden", "Jyaden" for "Kayden" and "Jayden"), which ``redact``
        leaves as typed. For a person to look at, not to redact: each comes with the
        pseudonyms of the forms it is close to, in document order.

        One edit is a letter changed, added, left out, or two side by side swapped (OSA
        distance 1), compared folded, so case, accents and look-alikes do not count. Only
        forms of one word (a hyphen or apostrophe inside is still one word) of at least
        ``NEAR_MISS_MIN_LENGTH`` letters are compared, and only with words that start with
        the same letter. A form shorter than ``NEAR_MISS_ANY_CASE`` letters is one letter
        from many ordinary words ("White": "While", "Write"), so its near misses count only
        when typed with a capital and never in lowercase elsewhere in the document. Never a
        near miss: a name ``redact`` replaces or a word inside one, a word of a pseudonym, or
        a word of ``known`` (say, the names of the professionals present). A word with a
        form's very letters that ``redact`` leaves ("Jay-den") is one.
        """
        if not self._fuzzy:
            return []
        from rapidfuzz.distance import OSA

        folded = _fold_document(document)
        found = folded.text if folded.split is None else folded.text[: folded.split]
        ignored = {
            word.translate(_DROP_JOINERS)
            for entry in known
            for word in _fold(entry, visual=False).text.split()
        }
        words: dict[str, tuple[tuple[str, ...], int]] = {}
        flagged: dict[str, list[tuple[int, int, tuple[str, ...], int]]] = {}
        low, high = self._fuzzy_lengths
        for token in set(_TOKEN.findall(found)):
            near = []
            for i, (a, b, word) in enumerate(_candidates(token)):
                if word not in words:
                    words[word] = (
                        self._close_to(word, OSA.distance)
                        if low <= len(word) <= high
                        and word[0] in self._fuzzy_first
                        and word not in ignored
                        else ((), 0)
                    )
                pseudonyms, shortest = words[word]
                if pseudonyms:
                    near.append((a, b, pseudonyms, shortest))
                    if i == 0:
                        break  # the whole word is one; its parts are not looked at
            if near:
                flagged[token] = near
        if not flagged:
            return []
        # Every place a flagged word stands, and whether it is ever typed in lowercase.
        places: list[tuple[int, int, tuple[str, ...], int, str]] = []
        lowercase: set[str] = set()
        where = re.compile(
            r"(?<![^\W_])(?<![^\W\d_][\x00*_~'\-])(?:"
            + "|".join(map(re.escape, sorted(flagged, key=len, reverse=True)))
            + r")(?![^\W_])(?![\x00*_~'\-]+[^\W\d_])"
        )
        for m in where.finditer(found):
            for a, b, pseudonyms, shortest in flagged[m.group()]:
                first, last = m.start() + a, m.start() + b
                if self._inside_name(found, first, last):
                    continue  # redact replaces it anyway: "O'Brien's", "Harringtons'"
                start, end = folded.span(first, last - 1)
                word = found[first:last]
                capital = next((c for c in document[start:end] if c.isalpha()), "")
                if not capital.isupper():
                    lowercase.add(word)
                places.append((start, end, pseudonyms, shortest, word))
        misses: list[NearMiss] = []
        line, counted = 1, 0
        for start, end, pseudonyms, shortest, word in places:
            if shortest < NEAR_MISS_ANY_CASE and word in lowercase:
                continue
            line += document.count("\n", counted, start)
            counted = start
            misses.append(NearMiss(start, end, line, pseudonyms))
        return misses

    def _inside_name(self, found: str, first: int, last: int) -> bool:
        """Whether folded ``found[first:last]`` lies in a registered name (looked for nearby
        only: a whole-document scan would cost as much as ``check``)."""
        if self._names_only is None:
            return False
        pos = max(0, first - self._reach)
        stop = min(len(found), last + self._reach)
        while (m := self._names_only.search(found, pos, stop)) is not None and m.start() <= first:
            if m.end() >= last:
                return True
            pos = m.start() + 1
        return False

    def _close_to(self, word: str, distance: Callable[..., int]) -> tuple[tuple[str, ...], int]:
        """The pseudonyms of the forms ``word`` is at most one edit from, and the shortest
        form's length. No edit at all counts too: a form split where it has no join
        ("Jay-den") is not something ``redact`` replaces."""
        if len(word) < NEAR_MISS_MIN_LENGTH - 1 or word in self._pseudonym_words:
            return (), 0
        found: list[str] = []
        shortest = 0
        for key in _deletions(word):
            for skeleton in self._fuzzy.get(key, ()):
                # Typing slips seldom hit the first letter, and names that differ there are
                # often other names (Jayden, Hayden, Kayden).
                if skeleton[0] == word[0] and distance(word, skeleton, score_cutoff=1) <= 1:
                    found.extend(p for p in self._names[skeleton] if p not in found)
                    shortest = min(shortest or len(skeleton), len(skeleton))
        return tuple(found), shortest
