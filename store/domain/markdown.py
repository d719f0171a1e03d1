"""Markdown that shows user text exactly as typed, in CommonMark, GFM and pandoc.

Three readers open what Quorate writes: GitHub (GFM, with its autolinks),
editors (CommonMark), and pandoc's own Markdown on the way to Word, which has
far more syntax than either (attributes, spans, divs, citations, footnotes,
definition lists, line blocks, maths, fancy list markers, table captions…).
Two kinds of user text:

- fields (titles, names, decisions, table cells): one line in which nothing is
  syntax;
- minutes: a chair may use paragraphs, ``-``/``*``/``+``/``1.`` lists (nested
  by indentation) and ``*emphasis*``, ``_emphasis_``, ``**strong**``; nothing
  else is syntax.

Rather than hunting for hostile syntax, this module recognises the little it
allows and escapes everything else: a character that is syntax anywhere is
always backslash-escaped, one that is syntax only at the start of a line is
escaped there, and list markers and emphasis are written out in one plain form
that all three readers agree on. Indentation is Quorate's own, so no line can
become a code block.

A link in a circulated paper must never come from what someone typed, and an
address must still copy exactly as typed. So ``//`` and ``www.`` get an
escaped character (GFM links at parse time, and an escape stops it), as do the
dots of bare domains (markdown-it's linkify links ``gov.uk``); an email address
becomes inline code, because GFM finds emails after escapes are resolved.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Syntax wherever it stands: escapes, code, emphasis, links, images, footnotes,
# spans and task boxes, raw HTML and autolinks, tables and line blocks,
# strikeout and subscript, superscript and inline notes, maths, citations and
# example lists, attributes.
_ALWAYS = frozenset("\\`*_[]<|~^$@{}")
# In a field, also a heading's closing sequence ("# Title #").
_FIELD_ALWAYS = _ALWAYS | {"#"}
# Syntax at the start of a line: lists, rules, setext underlines, tables, YAML
# blocks (-+*=_), headings, block quotes, fenced divs, definitions and table
# captions (#>:~), pandoc's title block (%).
_LINE_START = frozenset("-+*=_#>:%~")
# "1." "iv)" "B." at the start of a line: a list item (pandoc's fancy_lists and
# startnum take letters, roman numerals and any number).
_ENUMERATOR = re.compile(r"(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
# "(1)" "(a)" "(iv)": pandoc's parenthesised list markers.
_PAREN_ENUMERATOR = re.compile(r"\((\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)\)(?=\s|$)")
# "Table: x" or ": x" beside a table becomes its caption in pandoc.
_CAPTION = re.compile(r"(?i)table(?=:)")
# An HTML entity or a numeric character reference.
_ENTITY = re.compile(r"#?\w{1,40};")
# What a bare domain's top-level label looks like (linkify-it wants two letters).
_LABEL = re.compile(r"[^\W\d_][\w-]")
# An email address as GFM finds one, from each "@" (a pattern tried at every
# position of a long line costs too much): a local part, which "mailto:" or
# "xmpp:" may stand for, then a domain with a dot in it. Wider than GFM's.
_LOCAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.+_-")
_DOMAIN = re.compile(r"[A-Za-z0-9._-]*\.[A-Za-z0-9_-](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?")
_SCHEMES = ("mailto:", "xmpp:")
# A field that holds no syntax at all, so ``_render`` would return it unchanged:
# ASCII letters and digits first, then those, spaces and punctuation that is never
# syntax mid-line, a dot only before a space or at the end (no domain to link).
# Held to ``_render`` by a property test (tests/test_markdown.py).
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ,;'?!-]|\.(?= |$))*")
# Invisible control characters (not tab or line breaks): shown as spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A list item as the chair types it: a marker, a space, then something.
_ITEM = re.compile(r"([-*+]|\d{1,9}[.)])[ \t]+(\S.*)")
# pandoc makes "[ ] " or "[x] " at the start of an item a ticked or empty box
# however it is escaped (it looks at the text once read): such a line is text.
_TASK = re.compile(r"\[[ xX]\]\s")
# Emphasis: what may stand before an opening delimiter and after a closing one,
# kept to what CommonMark's flanking rules and pandoc's reader agree on.
_BEFORE_OPEN = frozenset(" \t(\"'")
_AFTER_CLOSE = frozenset(" \t.,;:!?)\"'")
_MAX_DEPTH = 6  # list levels; markdown-it stops parsing past 20 nested tokens


def field(text: str | None) -> str:
    """A one-line field shown exactly as typed: syntax escaped, line breaks as spaces."""
    if not text:
        return ""
    line = " ".join(_CONTROL.sub(" ", text).split())
    if _PLAIN.fullmatch(line) and not (
        _ENUMERATOR.match(line) or _PAREN_ENUMERATOR.match(line) or _CAPTION.match(line)
    ):
        return line  # nothing in it is syntax: most of a log's cells
    return _render(line, emphasis=False)


def minutes(text: str) -> str:
    """Typed minutes as Markdown: paragraphs, lists and emphasis kept, nothing else."""
    return "\n".join(_Minutes().lines(_split_lines(text))).strip("\n")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A GFM table; cells must already be escaped with ``field`` (which escapes pipes)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return "\n".join(lines)


def _split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub(" ", text).split("\n")


@dataclass
class _Level:
    indent: int  # the chair's indentation, to tell children from siblings
    content: int  # the column the item's text starts at in what we write
    kind: str  # "-", "*", "+", "." or ")": a change starts a new list


class _Minutes:
    """Paragraphs and lists, written with Quorate's own indentation."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.levels: list[_Level] = []
        self.last = "blank"  # "blank", "para" or "item"

    def lines(self, raw_lines: Iterable[str]) -> list[str]:
        for raw in raw_lines:
            stripped = raw.strip()
            if not stripped:
                if self.last != "blank":
                    self.out.append("")
                    self.last = "blank"
                continue
            match = _ITEM.fullmatch(stripped)
            if match and not _TASK.match(match.group(2)):
                self._item(_indent(raw), match.group(1), match.group(2).rstrip())
            elif self.last == "item":
                # A line straight after an item continues it.
                self.out.append(" " * self.levels[-1].content + _render(stripped))
            else:
                self.levels = []
                self.out.append(_render(stripped))
                self.last = "para"
        return self.out

    def _item(self, indent: int, marker: str, text: str) -> None:
        kind = marker if marker in "-*+" else marker[-1]
        levels = self.levels if self.last != "para" else []
        popped = None
        while len(levels) > 1 and levels[-1].indent > indent:
            popped = levels.pop()
        if levels and (levels[-1].indent >= indent or len(levels) >= _MAX_DEPTH):
            popped = levels.pop()
        new_list = popped is None or popped.kind != kind
        # pandoc wants a blank line before a list that follows a paragraph, and
        # CommonMark lets no ordered list but "1." interrupt a line of text.
        if self.last == "para" or (
            self.last == "item" and new_list and kind in ".)" and int(marker[:-1]) != 1
        ):
            self.out.append("")
        column = levels[-1].content if levels else 0
        levels.append(_Level(indent, column + len(marker) + 1, kind))
        self.levels = levels
        self.out.append(f"{' ' * column}{marker} {_render(text)}")
        self.last = "item"


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == "\t":
            width += 4 - width % 4
        elif ch.isspace():
            width += 1
        else:
            break
    return width


@dataclass(frozen=True)
class _Code:
    start: int
    end: int


def _render(line: str, *, emphasis: bool = True) -> str:
    """One line of text, every piece of syntax escaped but the emphasis allowed."""
    codes = _addresses(line)
    units: list[int | _Code] = []
    position = 0
    for code in codes:
        units.extend(range(position, code.start))
        units.append(code)
        position = code.end
    units.extend(range(position, len(line)))
    escape = _escapes(line, codes, _ALWAYS if emphasis else _FIELD_ALWAYS)
    kept = _Emphasis(line, units).kept("*_") if emphasis else set()
    out = []
    for unit in units:
        if isinstance(unit, _Code):
            out.append(_code_span(line[unit.start : unit.end]))
        elif unit in escape and unit not in kept:
            out.append("\\" + line[unit])
        else:
            out.append(line[unit])
    return "".join(out)


def _addresses(line: str) -> list[_Code]:
    """Where GFM would find an email address: these go into code spans.

    GFM finds them once escapes are resolved, so no escape stops it.
    """
    codes: list[_Code] = []
    floor = 0
    at = line.find("@")
    while at != -1:
        start = at
        while start > floor and line[start - 1] in _LOCAL:
            start -= 1
        for scheme in _SCHEMES:
            before = start - len(scheme)
            if before >= floor and line[before:start].lower() == scheme:
                start = before
                break
        domain = _DOMAIN.match(line, at + 1)
        if domain is None or start == at:
            at = line.find("@", at + 1)
            continue
        if codes and codes[-1].end == start:
            # Two code spans side by side would read as one opened by "``".
            start = codes.pop().start
        codes.append(_Code(start, domain.end()))
        floor = domain.end()
        at = line.find("@", floor)
    return codes


def _escapes(line: str, codes: list[_Code], always: frozenset[str]) -> set[int]:
    inside = {i for code in codes for i in range(code.start, code.end)}
    escape = set()
    for i, ch in enumerate(line):
        if i in inside:
            continue
        if (
            ch in always
            or (ch == "&" and _ENTITY.match(line, i + 1))
            or (ch == "/" and i > 0 and line[i - 1] == "/")
            or (ch == "." and _links_a_domain(line, i))
        ):
            escape.add(i)
    if line[:1] in _LINE_START:
        escape.add(0)
    for pattern, group in ((_ENUMERATOR, 2), (_CAPTION, 0)):
        match = pattern.match(line)
        if match:
            escape.add(match.end(group) if group == 0 else match.start(group))
    if _PAREN_ENUMERATOR.match(line):
        escape.add(0)
    return escape


def _links_a_domain(line: str, i: int) -> bool:
    """Whether the dot at ``i`` joins two labels of a domain a reader might link."""
    if i == 0:
        return False
    # linkify-it takes anything but spaces, punctuation and controls for a
    # letter of a host name ("☃.com" is a link).
    before = line[i - 1]
    category = unicodedata.category(before)
    if category == "Cc" or (category[0] in "PZ" and before not in "-_"):
        return False
    return line[max(0, i - 3) : i].lower() == "www" or bool(_LABEL.match(line, i + 1))


def _code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] in "` " or text[-1:] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class _Emphasis:
    """Finds the ``*x*``, ``_x_``, ``**x**`` and ``__x__`` every reader agrees on.

    A delimiter is kept only at a word's edge (space or an opening bracket or
    quote before it, text after; text before the closer, then space or
    punctuation), where CommonMark, GFM and pandoc read it alike; the other
    character may nest inside once. Every other ``*`` and ``_`` is escaped.
    """

    def __init__(self, line: str, units: list[int | _Code]) -> None:
        self.chars = ["`" if isinstance(u, _Code) else line[u] for u in units]
        self.units = units
        # How many quotes that could open one of pandoc's smart quotes stand
        # before each unit: pandoc would look for the closing quote past the
        # closing delimiter and take the delimiter as text. An apostrophe
        # ("children's") cannot open one.
        self.quotes = [0]
        for k, ch in enumerate(self.chars):
            opens = ch == '"' or (ch == "'" and not (k and self.chars[k - 1].isalnum()))
            self.quotes.append(self.quotes[-1] + opens)
        # Where a closing run of each kind could stand, whatever opened it.
        self.closers: dict[tuple[str, int], list[int]] = {}
        n = len(self.chars)
        for k in range(1, n):
            c = self.chars[k]
            if c not in "*_" or not _solid(self.char(k - 1), c):
                continue
            run = 1
            while self.char(k + run) == c:
                run += 1
            if run <= 2 and (k + run == n or self.char(k + run) in _AFTER_CLOSE):
                self.closers.setdefault((c, run), []).append(k)

    def char(self, index: int) -> str:
        """The character of a unit ("" past either end, "`" for a code span)."""
        return self.chars[index] if 0 <= index < len(self.chars) else ""

    def kept(self, chars: str) -> set[int]:
        kept: set[int] = set()
        self._scan(0, len(self.chars), chars, kept)
        return kept

    def _scan(self, lo: int, hi: int, chars: str, kept: set[int]) -> None:
        i = lo
        while i < hi:
            c = self.chars[i]
            if c not in chars:
                i += 1
                continue
            run = 1
            while i + run < hi and self.chars[i + run] == c:
                run += 1
            start = i + run
            opens = (
                run <= 2
                and (i == lo or self.chars[i - 1] in _BEFORE_OPEN)
                and start < hi
                and _solid(self.chars[start], c)
            )
            closer = self._closer(start, hi, c, run) if opens else None
            if closer is None or self.quotes[closer] > self.quotes[start]:
                i = start
                continue
            for unit in (*self.units[i:start], *self.units[closer : closer + run]):
                assert isinstance(unit, int)
                kept.add(unit)
            self._scan(start, closer, chars.replace(c, ""), kept)
            i = closer + run

    def _closer(self, start: int, hi: int, c: str, run: int) -> int | None:
        found = None
        candidates = self.closers.get((c, run), [])
        at = bisect.bisect_left(candidates, start + 1)
        if at < len(candidates) and candidates[at] + run <= hi:
            found = candidates[at]
        # At the end of an inner span the outer delimiter follows the closer.
        k = hi - run
        if (
            hi < len(self.chars)
            and k > start
            and (found is None or k < found)
            and all(self.chars[k + n] == c for n in range(run))
            and _solid(self.chars[k - 1], c)
        ):
            found = k
        return found


def _solid(ch: str, delimiter: str) -> bool:
    """Text that may touch a delimiter on its inner side: not space, not the delimiter."""
    return bool(ch) and not ch.isspace() and ch != delimiter
