"""Keep the names of children and their families out of every paper meant for circulation.

A register of ``Protected`` people (real name, other forms of it, pseudonym) builds a ``Redactor``.
``redact`` puts the pseudonym in place of every registered name form; ``check`` is the last gate
before a file is written and raises ``RedactionError`` if any form is still there. The error names
pseudonyms only, never a real name, so it is safe to show, log or email.

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
   (U+200B, U+200C, U+200D, U+2060, U+FEFF, soft hyphen, bidi marks) -> one *mark*; otherwise NFKD,
   combining marks dropped, casefolded, and a few letters with no decomposition spelt plainly
   (``ø``->o, ``ł``->l, ``æ``->ae, ``ß``->ss ...). So ``Élodie``, ``ELODIE``, ``E\\u0301lodie``
   (NFD) and full-width ``Ｅｌｏｄｉｅ`` all fold to ``elodie``.

A name form is folded the same way into its *skeleton* (its letters) and the places where its parts
join (space, hyphen, apostrophe, dot). One regular expression holds every skeleton, longest first:
letters may have marks between them; at a join any run of spaces, hyphens, apostrophes, dots,
marks or Markdown emphasis (``* _ ~``) may stand, including none. Why one folded scan rather than a
pattern of accented character classes per name: folding gets NFD, ligatures, entities and escapes
right once for every name, and the span map puts each replacement exactly on the original text.

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
  false-alarm: register ``Harringtons`` as a form if the family is spoken of that way.
- **Joins are equivalent.** ``Ellie-Mae``, ``Ellie Mae``, ``Ellie–Mae``, ``Ellie-\\nMae``,
  ``EllieMae`` and ``O'Brien``, ``O’Brien``, ``OBrien``, ``O Brien`` match each other. Forms with the
  same skeleton are one form, and their joins are pooled.
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
- **Not covered:** look-alike letters from other scripts (Cyrillic ``е`` for ``e``), names spelt out
  with spaces between letters, and misspellings. ``check`` is a net, not a proof.

Speed (measured once, not asserted): a 2,000-line, 167,000-character document with 50 registered
people and 200 name forms redacts in about 14 ms and checks in 13 ms; with accents, entities and
escapes throughout, about 28 ms and 23 ms. Building a ``Redactor`` takes about 1 ms.
"""

# The subject here is look-alike characters; the docstring and tables have to show them.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate

__all__ = ["MIN_FORM_LENGTH", "Protected", "RedactionError", "Redactor"]

PSEUDONYM_JOINER = " / "  # between the pseudonyms of a shared form; no letters
MIN_FORM_LENGTH = 2

_MARK = "\x00"  # one invisible character (zero-width, soft hyphen, stray backslash ...)
_GAP_CHARS = " -'.*_~" + _MARK  # may stand where the parts of a name join
_GAP = r"[ '.*_~\x00\-]*"
_INNER = r"\x00*"
_BEFORE = r"(?<![^\W_][\s\S])"  # placed after a match's first character: nothing word-like before
_TAIL = r"(?:s'(?![^\W_])|(?![^\W_]))"
_DROP_GAPS = str.maketrans("", "", _GAP_CHARS)
_WORDISH = re.compile(r"[^\W_]")
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")

_SPECIAL = {
    **dict.fromkeys(
        "'\u2018\u2019\u201b`\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\u2032\u2035\uff07", "'"
    ),
    **dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d", "-"),
}
# Letters NFKD leaves alone, spelt as they are typed on an English keyboard.
_PLAIN = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
_PLAIN.update({"ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ȷ": "j", "ſ": "s"})

_BACKSLASH = re.compile(r"\\([!-/:-@\[-`{-~])?")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};)")


def _fold_char(c: str, depth: int = 0) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    if c.isspace():
        return " "
    category = unicodedata.category(c)
    if category in ("Cc", "Cf", "Cs"):
        return _MARK
    if category.startswith("M"):
        return ""
    if depth < 4:
        decomposed = unicodedata.normalize("NFKD", c)
        if decomposed != c:
            return "".join(_fold_char(x, depth + 1) for x in decomposed)
        folded = c.casefold()
        if folded != c:
            return "".join(_fold_char(x, depth + 1) for x in folded)
    return _PLAIN.get(c, c)


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
    """Text in comparison form, and the way back to the original text's positions."""

    text: str
    cum: list[int] | None  # running folded length per unit; None when each unit folds to one char
    starts: list[int] | None  # original span per unit; None when the units are the original chars
    ends: list[int] | None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The original ``[start, end)`` behind folded characters ``first`` to ``last``."""
        a, b = (
            (first, last)
            if self.cum is None
            else (bisect_right(self.cum, first), bisect_right(self.cum, last))
        )
        if self.starts is None or self.ends is None:
            return a, b + 1
        return self.starts[a], self.ends[b]


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


def _fold(text: str) -> _Folded:
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
    chars = set(text)
    for c in chars:
        _TABLE[ord(c)]  # fold each distinct character once, so `uneven` is complete
    folded = text.translate(_TABLE)
    cum = None
    if not chars.isdisjoint(_TABLE.uneven):
        cum = list(accumulate(len(_TABLE[ord(c)]) for c in text))
    return _Folded(folded, cum, starts, ends)


def _skeleton(form: str) -> tuple[str, frozenset[int]]:
    """A form's letters, and the positions in them where its parts join."""
    letters: list[str] = []
    joins: set[int] = set()
    for c in _fold(form).text:
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
class _Hit:
    start: int  # original span
    end: int
    pseudonyms: tuple[str, ...]
    possessive: str | None  # the apostrophe as typed, when the hit took it ("James'")


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


class Redactor:
    """Replaces registered names by pseudonyms, and refuses documents that still hold one."""

    def __init__(self, protected: Iterable[Protected]) -> None:
        names: dict[str, list[str]] = {}  # skeleton -> pseudonyms, in register order
        joins: dict[str, set[int]] = {}
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
            words = _fold(person.pseudonym).text.split()
            keep["".join(words).translate(_DROP_GAPS)] = " ".join(words)
        for skeleton in keep:
            if skeleton in names:
                raise ValueError(
                    f"a name form registered for {_and(tuple(names[skeleton]))} reads as a pseudonym"
                )
        self._names = {s: tuple(p) for s, p in names.items()}
        self._keep = frozenset(keep)
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

    def _hits(self, text: str) -> Iterator[_Hit]:
        if self._pattern is None or self._names_only is None:
            return
        folded = _fold(text)
        found = folded.text
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
            # Every alternative in the pattern is a key of `_names` or `_keep`.
            yield _Hit(start, end, self._names.get(skeleton, ()), apostrophe)

    def redact(self, text: str) -> str:
        """``text`` with every registered name form replaced by its pseudonym.

        Case, accents (typed or not, NFC or NFD), possessives, line breaks and runs of spaces or
        NBSP inside a full name, Markdown escapes and HTML entities are all seen through; the
        replacement covers exactly the original characters of the name, and a possessive
        ``'s`` stays as typed. Never raises on any ``str``; ``redact(redact(t)) == redact(t)``.
        """
        out: list[str] = []
        pos = 0
        for hit in self._hits(text):
            start = max(hit.start, pos)  # two hits can share one original character ("ß" -> "ss")
            if start >= hit.end:
                continue
            out.append(text[pos:start])
            out.append(PSEUDONYM_JOINER.join(hit.pseudonyms))
            if hit.possessive is not None:
                out.append(hit.possessive + "s")
            pos = hit.end
        out.append(text[pos:])
        return "".join(out)

    def check(self, document: str) -> None:
        """Raise ``RedactionError`` if the finished ``document`` still holds a registered name.

        Call it on the exact text about to be written, after every export step. It sees through
        everything ``redact`` does, plus what an export may have added: backslash escapes,
        zero-width characters, HTML entities. The error carries pseudonyms and line numbers only.
        """
        found: list[str] = []
        lines: set[int] = set()
        for hit in self._hits(document):
            found.extend(p for p in hit.pseudonyms if p not in found)
            lines.add(document.count("\n", 0, hit.start) + 1)
        if found:
            raise RedactionError(tuple(found), tuple(sorted(lines)))
