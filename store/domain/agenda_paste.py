"""Read an agenda pasted from an email or document into items with planned minutes.

Pure text in, plain data out: no database and no terminal. Every line of the paste ends up in
exactly one place (an item, ``unreadable`` or ``skipped``), so the screen can show the chair the
lines it could not read instead of dropping them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from store.domain.agenda_lines import (
    MAX_LINE,
    MD,
    PURPOSE,
    QUOTE,
    Entry,
    Found,
    Outcome,
    plain,
    read_clock,
    read_line,
    read_raw,
    squash,
)
from store.domain.kinds import Purpose

_FINISH = re.compile(
    r"(?:(?:the\s+)?(?:meeting|event|day|session)\s+)?(?:close[sd]?|ends?|finish(?:es)?)"
    r"(?:\s+of\s+(?:the\s+)?(?:meeting|event|day|session))?\.?",
    re.I,
)
_CUE = re.compile(r"(?:[0-9]{1,3}|[a-z])[.)]\s", re.I)
_ROLES = {  # table header words, tried in this order: "Time (mins)" is a duration
    "number": r"(?:no|#|ref|number|item\s+(?:no|number))\.?",
    "minutes": r".*\b(?:duration|mins?|minutes|length|allowed|allocated)\b.*",
    "time": r".*\b(?:time|start|starts|when)\b.*",
    "presenter": r".*\b(?:presenter|presented|lead|who|speaker|owner)\b.*",
    "purpose": r".*\b(?:purpose|for|type|action)\b.*",
    "title": r".*\b(?:item|title|topic|subject|business|agenda|description)\b.*",
}


@dataclass(frozen=True)
class PastedItem:
    title: str
    planned_minutes: int | None  # None when the text gave no time or duration
    purpose: Purpose | None
    presenter: str | None
    start: dt.time | None
    line: int  # 1-based line number in the pasted text


@dataclass(frozen=True)
class Unreadable:
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class PastedAgenda:
    items: list[PastedItem]
    unreadable: list[Unreadable]
    finish: dt.time | None
    start: dt.time | None
    # Lines read but giving no item: blank, headings, dates, table rules, folded sub-points, "Close".
    skipped: list[int] = field(default_factory=list)
    default_minutes: int = 10

    def minutes_for(self, item: PastedItem) -> int:
        """The item's planned minutes, or the default when the paste gave none."""
        return item.planned_minutes or self.default_minutes


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``parse_agenda`` numbers them (markdown-it's line breaks)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _list(tokens: list[Token], lines: list[str], done: dict[int, Outcome]) -> None:
    """One item per top-level list item; sub-lists and later paragraphs fold into it."""
    for k, tok in enumerate(tokens[:-2]):
        if tok.type != "list_item_open" or tok.level != 1 or tok.map is None:
            continue
        first, end = tok.map
        lazy: set[int] = set()
        head, inline = tokens[k + 1], tokens[k + 2]
        if head.type in ("paragraph_open", "heading_open") and inline.map:
            at, parts = inline.map[0], inline.content.split("\n")
            indent = len(lines[first]) - len(lines[first].lstrip())
            # An unindented line straight after an item is the next agenda line, not a wrapped title.
            for n in range(at + 1, min(at + len(parts), len(lines))):
                if lazy or len(lines[n]) - len(lines[n].lstrip()) <= indent:
                    lazy.add(n)
            done[at] = read_line(plain(" ".join(parts[: len(parts) - len(lazy)])))
        else:
            done[first] = "list item without text" if lines[first].strip() else None
        for n in range(first, end):
            if n not in done and n not in lazy:
                done[n] = None


_RULE = re.compile(r"\|?(?:\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?")


def _cells(row: str) -> list[str]:
    row = row.strip()
    return [c.strip() for c in row.removeprefix("|").removesuffix("|").split("|")]


def _role(header: str) -> str | None:
    return next((r for r, p in _ROLES.items() if re.fullmatch(p, header, re.I)), None)


def _loose_tables(lines: list[str], done: dict[int, Outcome]) -> None:
    """Rows of "|" that Markdown did not see as a table (no rule under the header, an
    indent, a quote, a rule with the wrong number of cells): a header row that names
    its columns ("| Time | Item |") is a header, and the rows under it are read by it."""
    n = 0
    while n < len(lines):
        run: list[int] = []
        while n < len(lines) and n not in done and QUOTE.sub("", lines[n]).lstrip()[:1] == "|":
            run.append(n)
            n += 1
        n += 0 if run else 1
        rows = [(k, QUOTE.sub("", lines[k], count=1).strip()) for k in run]
        for k, row in rows:
            if _RULE.fullmatch(row):
                done[k] = None
        rows = [(k, row) for k, row in rows if k not in done]
        head = [c for c in _cells(rows[0][1]) if c] if rows else []
        if not head or not all(_role(plain(c)) and read_clock(c) is None for c in head):
            continue
        width = len(_cells(rows[0][1]))
        table = [rows[0][1], "|" + " --- |" * width, *(row for _, row in rows[1:])]
        block = MD.parse("\n".join(table))
        where = [rows[0][0], rows[0][0], *(k for k, _ in rows[1:])]
        if block and block[0].type == "table_open":
            _table(block, done, where)


def _table(tokens: list[Token], done: dict[int, Outcome], where: list[int] | None = None) -> None:
    """Rows become items; columns are found by their header names. ``where`` gives each
    of the table's lines its line in the paste, when the table was rebuilt from loose rows."""
    rows: list[tuple[int, list[str]]] = []
    for tok in tokens:
        if tok.type == "tr_open" and tok.map:
            at = tok.map[0]
            rows.append((where[at] if where and at < len(where) else at, []))
        elif tok.type == "inline" and rows:
            rows[-1][1].append(squash(plain(tok.content), MAX_LINE + 1))
    if where is None:
        for n in range(*(tokens[0].map or (0, 0))):
            done[n] = None  # header and rule; body rows are overwritten below
    elif rows:
        done[rows[0][0]] = None
    header, body = (rows[0][1], rows[1:]) if rows else ([], [])
    roles = [_role(h) or "" for h in header]
    titles = [i for i, r in enumerate(roles) if r == "title"]
    # Of two title-like columns ("Item" holding 1, 2, 3 and "Topic"), the one with words in it.
    worded = [i for i in titles if any(re.search(r"[^\W\d_]{2}", c[i]) for _, c in body if c[i:])]
    title = next(iter(worded or titles or [i for i, r in enumerate(roles) if not r]), None)

    def cell(role: str, cells: list[str]) -> str:
        i = title if role == "title" else next((i for i, r in enumerate(roles) if r == role), None)
        return cells[i] if i is not None and i < len(cells) else ""

    for line, cells in body:
        entry = read_line(cell("title", cells)) if cell("title", cells) else "no title in the row"
        clock = read_clock(cell("time", cells))
        if isinstance(clock, str):  # a bad time in the Time column
            entry = clock if isinstance(entry, Entry) else entry
        elif isinstance(entry, Entry):
            if clock is not None and entry.start is None:
                entry.start, entry.maybe_pm, entry.end, _ = clock
            found = Found()
            found.take(cell("minutes", cells), bare=True)
            if m := PURPOSE.search(cell("purpose", cells)):
                found.take(m[1])
            entry.minutes = found.minutes or entry.minutes
            entry.purpose = found.purpose or entry.purpose
            entry.presenter = squash(cell("presenter", cells)) or entry.presenter
        done[line] = entry


def _heading(tok: Token, inline: Token, done: dict[int, Outcome]) -> None:
    """A one-line heading is a section title, unless it carries a time, number or duration."""
    first, stop = tok.map or (0, 0)
    entry: Outcome = None
    if stop - first <= 2:  # several lines above a "---" are plain lines, not one long heading
        entry = read_line(plain(inline.content))
        if isinstance(entry, Entry) and not _CUE.match(inline.content):
            said = (entry.start, entry.minutes, entry.purpose, entry.presenter)
            entry = None if all(x is None for x in said) else entry
        done[first] = entry
    if tok.markup in ("=", "-") and not isinstance(entry, str):
        done[stop - 1] = None  # the underline, unless the "heading" was junk like "12:30"


def parse_agenda(text: str, *, default_minutes: int = 10) -> PastedAgenda:
    """Read a pasted agenda: clock-time lines, duration lines, plain or Markdown lists, tables.

    Each item's minutes come from its own duration ("(5 mins)", "- 1 hour", "[10]", a Duration
    column), else its time range ("12:30-12:50"), else the next clock time (a final "16:30 Close"
    line gives the last item's minutes and ``finish``). Purpose ("for decision", "(to note)") and
    presenter ("- presented by Dr Marsh", "(JO)", a Lead column) are taken out of the title.
    Never raises on any text: blank lines, headings such as "Agenda", and date lines go to
    ``skipped``; lines with no title or a time earlier than the one before go to ``unreadable``.
    ``default_minutes`` (1..600) is what ``PastedAgenda.minutes_for`` gives an item with none.
    """
    if not 1 <= default_minutes <= 600:
        raise ValueError("default_minutes must be between 1 and 600")
    lines = split_lines(text)
    done: dict[int, Outcome] = {}
    tokens = MD.parse("\n".join(lines))
    opened = 0
    for i, tok in enumerate(tokens):  # top-level blocks; paragraphs and the rest go line by line
        if tok.level == 0 and tok.nesting == 1:
            opened = i
        elif tok.level == 0 and tok.nesting == -1 and tokens[opened].map:
            block = tokens[opened : i + 1]
            if block[0].type == "table_open":
                _table(block, done)
            elif block[0].type in ("bullet_list_open", "ordered_list_open"):
                _list(block, lines, done)
            elif block[0].type == "heading_open":
                _heading(block[0], block[1], done)
    _loose_tables(lines, done)
    for n, raw in enumerate(lines):
        if n not in done:
            done[n] = read_raw(raw)
    return _arrange(lines, done, default_minutes)


def _arrange(lines: list[str], done: dict[int, Outcome], default_minutes: int) -> PastedAgenda:
    """Check the times run forwards, then give each timed item the minutes up to the next time."""
    kept: list[tuple[int, Entry]] = []
    unreadable: list[Unreadable] = []
    skipped: list[int] = []
    timed: list[tuple[int, Entry | None]] = []  # clock times: an item, or None for "Close"
    for n, entry in sorted(done.items()):
        if isinstance(entry, Entry) and entry.start is not None and timed:
            prev = timed[-1][0]
            if entry.maybe_pm and 0 <= entry.start + 720 - prev <= 240:  # "1:00" after "12:30"
                entry.start += 720
                entry.end = None if entry.end is None else entry.end + 720
            if entry.start < prev:
                entry = "times go backwards"
        if isinstance(entry, str):
            unreadable.append(Unreadable(n + 1, squash(lines[n]), entry))
        elif entry is None or _FINISH.fullmatch(entry.title):
            skipped.append(n + 1)
            if entry is not None and entry.start is not None:
                timed.append((entry.start, None))
        else:
            kept.append((n, entry))
            if entry.start is not None:
                timed.append((entry.start, entry))
    for k, (at, item) in enumerate(timed):
        until = item.end if item else None
        if until is None and k + 1 < len(timed):
            until = timed[k + 1][0]
        if item and item.minutes is None and until is not None and 1 <= until - at <= 600:
            item.minutes = until - at
    finish = next((at for at, item in reversed(timed) if item is None), None)
    items = [
        PastedItem(e.title, e.minutes, e.purpose, e.presenter, _time(e.start), n + 1)
        for n, e in kept
    ]
    start = _time(timed[0][0] if timed else None)
    return PastedAgenda(items, unreadable, _time(finish), start, skipped, default_minutes)


def _time(minutes: int | None) -> dt.time | None:
    return None if minutes is None else dt.time(*divmod(minutes % 1440, 60))
