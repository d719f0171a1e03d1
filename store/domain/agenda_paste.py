"""Read an agenda pasted from an email or document into items with planned minutes.

Pure text in, plain data out: no database and no terminal. Every line of the paste ends up in
exactly one place (an item, ``unreadable`` or ``skipped``), so the screen can show the chair the
lines it could not read instead of dropping them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from store.domain.kinds import Purpose

MAX_TITLE = 200
MAX_LINE = 1000  # longer is a paragraph, not an agenda line; also keeps the patterns cheap
_MD = MarkdownIt("commonmark").enable("table")

_D = "\u2013\u2014"  # en and em dash, as Word and Outlook type them
_T = r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(?:\s*([ap])\.?m\b\.?)?"
_CLOCK = re.compile(rf"{_T}(?:\s*(?:[-{_D}]|to|until|till)\s*{_T})?(?![0-9])", re.I)
_M = r"\s*(?:m|mins?|minutes?)\b\.?"
_DUR = rf"(?:([0-9]{{1,2}}(?:\.[0-9]{{1,2}})?)\s*(?:h|hrs?|hours?)\b\.?(?:\s*(?:and\s+)?([0-9]{{1,2}}){_M})?|([0-9]{{1,3}}){_M})"
_DUR_FULL = re.compile(_DUR, re.I)
_PURPOSES = {
    **dict.fromkeys("decision decide approval approve agreement agree".split(), Purpose.DECISION),
    **dict.fromkeys(["discussion", "discuss"], Purpose.DISCUSSION),
    **dict.fromkeys("information info noting note assurance".split(), Purpose.INFORMATION),
}
_WORDS = "|".join(_PURPOSES)
_PURPOSE = re.compile(rf"\b(?:(?:for|to)\s+)?({_WORDS})\b", re.I)
# Only at the end of a clause: "Requests for information sharing" keeps its words.
_PURPOSE_ANY = re.compile(
    rf"\bfor\s+(decision|discussion|information|noting)\b(?=\s*(?:$|[-{_D}|,;:.)(\[]))", re.I
)
_HEAD = re.compile(rf"^(?:(?:(?:for|to)\s+)?(?:{_WORDS})|{_DUR})\s*[-{_D}:|]\s+", re.I)
_TAIL = re.compile(
    rf"(?:^|\s+)(?:{_DUR}|to\s+(?:note|agree|approve|discuss|decide)|(?:presented\s+by|(?:presenter|lead)\s*:)\s*\S.*)\s*$",
    re.I,
)
_WHO_KEY = re.compile(
    r"(?:(?:presented|led|introduced)\s+by\s*:?|(?:presenter|lead|speaker|owner)\s*:)\s*(\S.*)",
    re.I,
)
_TITLED = r"Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|DCI|DI|DS|DC|DCS|Supt|Insp|Sgt|Cllr|Rev|Sir|Dame"
_NAME = r"[A-Z][\w'\u2019.-]*"
_WHO_NAME = re.compile(
    rf"[A-Z]{{2,3}}|(?:[A-Z]\.){{2,3}}|(?:{_TITLED})\.?\s+{_NAME}(?:\s+{_NAME}){{0,3}}"
)
# Capitals in brackets that name an agency or a thing, not a presenter's initials.
_ACRONYMS = frozenset(
    "LA ICB CCG NHS GP GPS AOB DSL DHR SAR CSE CME LAC CIN CP CPP SEN YOT YJS VCS PCC UK TBC TBA"
    " QA KPI RAG HR IT CSC ACE EHA EHC FGM SIN DFE".split()
)
_GROUP = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_SPLIT = re.compile(rf"\s*[,;/]\s*|\s+[-{_D}]\s+")
_TAIL_SEP = re.compile(rf"(.*\S)(?:\s+[-|]\s+|\s*[{_D}|]\s*|[,;:]\s+)(\S.*)")
_SEP_RUN = re.compile(rf"(?:\s*[{_D}|,;:]|\s+-)(?:\s*[{_D}|,;:]|\s+-)+")
_EDGE = f" \t-{_D}:|,;"
_MARKER = re.compile(  # "1.", "2)", "a.", "(iv)", "Item 3:", "-", "*", bullets; never "12.30"
    rf"^(?:(?:(?:[0-9]{{1,3}}(?:\.[0-9]{{1,2}})*|[a-z]|[ivx]{{2,6}})[.)]|\((?:[0-9]{{1,3}}|[a-z]|[ivx]{{1,6}})\)"
    rf"|item\s+[0-9]{{1,3}}[.:)]?|[-*+{_D}])\s+|[\u2022\u00b7\u25aa\u25e6\u2023\u25ba\u25b8]\s*)",
    re.I,
)
_LEAD_SEP = re.compile(rf"^[\s\-{_D}:|,.)]+")
# "Board agenda" is a heading; "Items for the next agenda" is a standing item.
_HEADING = re.compile(
    rf"(?!.*\b(?:for|next|future|forward)\b)(?:[\w'\u2019&,{_D}-]+\s+){{0,6}}agenda(?:\s+items?)?[:.]?",
    re.I,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# A date ("Thursday 21 January 2027, Town Hall") or a header field ("Venue: ...") starts the line.
_DATE = re.compile(
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(?:[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    rf"|{_MONTH}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?|[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-][0-9]{{2,4}})"
    rf"\b(?=\s*(?:$|[,{_D}\-|(@]|[0-9]{{4}}|at\b))|(?:date|time|venue|location|where|when|room|chair)\s*:",
    re.I,
)
_FINISH = re.compile(
    r"(?:(?:the\s+)?(?:meeting|event|day|session)\s+)?(?:close[sd]?|ends?|finish(?:es)?)"
    r"(?:\s+of\s+(?:the\s+)?(?:meeting|event|day|session))?\.?",
    re.I,
)
_QUOTE = re.compile(r"^\s*(?:>\s?)*\s*(?:#{1,6}\s)?")
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


@dataclass
class _Entry:
    title: str
    minutes: int | None = None
    purpose: Purpose | None = None
    presenter: str | None = None
    start: int | None = None  # minutes after midnight
    end: int | None = None
    maybe_pm: bool = False  # "9:30" with no am/pm could be evening once earlier times are known


# Per line: an entry (an item, or a finish line), a reason it is unreadable, or None (skipped).
_Outcome = _Entry | str | None


@dataclass
class _Found:
    minutes: int | None = None
    purpose: Purpose | None = None
    who: list[str] = field(default_factory=list)

    def take(self, piece: str, *, bare: bool = False) -> bool:
        """Record ``piece`` if it is wholly a duration, a purpose or a presenter."""
        piece = piece.strip(" .")
        m = _DUR_FULL.fullmatch(piece)
        if m or (bare and re.fullmatch("[0-9]{1,3}", piece)):
            hours, mins = (m[1], m[2] or m[3]) if m else (None, piece)
            value = round(float(hours or 0) * 60) + int(mins or 0)
            if self.minutes is None and 1 <= value <= 600:
                self.minutes = value
            return True
        if m := _PURPOSE.fullmatch(piece):
            self.purpose = self.purpose or _PURPOSES[m[1].lower()]
            return True
        who = m[1] if (m := _WHO_KEY.fullmatch(piece)) else piece
        if m or (_WHO_NAME.fullmatch(piece) and piece.replace(".", "").upper() not in _ACRONYMS):
            self.who.append(who)
            return True
        return False


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as ``parse_agenda`` numbers them (markdown-it's line breaks)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _squash(text: str, limit: int = MAX_TITLE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(src: str) -> str:
    """Inline Markdown reduced to the text a reader sees: no emphasis, links or tags."""
    out: list[str] = []
    for block in _MD.parseInline(src):
        for tok in block.children or []:
            if tok.type in ("text", "text_special", "code_inline", "image"):
                out.append(tok.content)
            elif tok.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)


def _minutes(h: str, m: str | None, ap: str | None) -> tuple[int, bool] | None:
    """Minutes after midnight, and whether it could still mean the evening."""
    hour, minute = int(h), int(m or 0)
    if minute > 59 or hour > (12 if ap else 23) or (ap and hour == 0):
        return None
    if ap:
        return (hour % 12 + (12 if ap.lower() == "p" else 0)) * 60 + minute, False
    if 1 <= hour <= 6:  # nobody meets at 3 in the morning: "3.15" is a quarter past three pm
        return (hour + 12) * 60 + minute, False
    return hour * 60 + minute, 7 <= hour <= 11


def _clock(s: str) -> tuple[int, bool, int | None, str] | str | None:
    """A leading clock time or range: (start, maybe pm, end, rest), a reason, or None."""
    m = _CLOCK.match(s)
    if not m or not (m[2] or m[3] or m[5] or m[6]):
        return None
    first = _minutes(m[1], m[2], m[3])
    second = _minutes(m[4], m[5], m[6]) if m[4] else None
    if first is None or (m[4] and second is None):
        return "not a clock time"
    end = None
    if second is not None:
        end = second[0] + (720 if second[1] and second[0] <= first[0] else 0)
        if end <= first[0]:
            return "times go backwards"
    return first[0], first[1], end, s[m.end() :]


def _read(text: str) -> _Outcome:
    """One line's text (inline Markdown already removed) as an entry, a reason, or skipped."""
    s = " ".join(text.split())
    if len(s) > MAX_LINE:
        return "too long for an agenda line"
    if _HEADING.fullmatch(s) or _DATE.match(s):
        return None
    clock = _clock(s := _MARKER.sub("", s, count=1))
    if isinstance(clock, str):
        return clock
    entry = _Entry("")
    if clock is not None:
        entry.start, entry.maybe_pm, entry.end, s = clock
        s = _MARKER.sub("", _LEAD_SEP.sub("", s, count=1), count=1)
    found = _Found()
    s = _GROUP.sub(lambda g: "" if _all(found, g[1], g[0].strip()[0] == "[") else g[0], s)
    if m := _HEAD.match(s):
        found.take(m[0].strip(_EDGE))
        s = s[m.end() :]
    s = _PURPOSE_ANY.sub(lambda p: "" if found.take(p[1]) else p[0], s)
    s = _SEP_RUN.sub(" \u2013 ", s).strip(_EDGE)
    peeled = len(found.who)
    for _ in range(6):  # peel " - 20 minutes", ", JO", " to note", " presented by X" off the end
        if (m := _TAIL_SEP.fullmatch(s)) and found.take(m[2]):
            s = m[1].strip(_EDGE)
        elif (m := _TAIL.search(s)) and found.take(m[0]):
            s = s[: m.start()].strip(_EDGE)
        else:
            break
    found.who[peeled:] = reversed(found.who[peeled:])
    title = re.sub(r"\(\s*\)|\[\s*\]", "", s).strip(_EDGE)
    if not any(c.isalnum() for c in title):
        return "no title after the time" if entry.start is not None else "no title"
    entry.title = _squash(title)
    entry.minutes, entry.purpose = found.minutes, found.purpose
    entry.presenter = _squash(", ".join(found.who)) or None
    return entry


def _all(found: _Found, inside: str, bare: bool) -> bool:
    """True (and recorded) if every piece of a bracketed group is a duration, purpose or name."""
    pieces = [p for p in _SPLIT.split(inside) if p.strip()]
    if not pieces or not all(_Found().take(p, bare=bare) for p in pieces):
        return False
    for piece in pieces:
        found.take(piece, bare=bare)
    return True


def _read_raw(raw: str) -> _Outcome:
    if not raw.strip():
        return None
    s = _QUOTE.sub("", raw, count=1)
    if s.lstrip().startswith("|"):  # a table row Markdown did not see as a table
        s = " \u2013 ".join(cell.strip() for cell in s.split("|") if cell.strip())
    return _read(_plain(s))


def _list(tokens: list[Token], lines: list[str], done: dict[int, _Outcome]) -> None:
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
            done[at] = _read(_plain(" ".join(parts[: len(parts) - len(lazy)])))
        else:
            done[first] = "list item without text" if lines[first].strip() else None
        for n in range(first, end):
            if n not in done and n not in lazy:
                done[n] = None


def _table(tokens: list[Token], done: dict[int, _Outcome]) -> None:
    """Rows become items; columns are found by their header names."""
    rows: list[tuple[int, list[str]]] = []
    for tok in tokens:
        if tok.type == "tr_open" and tok.map:
            rows.append((tok.map[0], []))
        elif tok.type == "inline" and rows:
            rows[-1][1].append(_squash(_plain(tok.content), MAX_LINE + 1))
    for n in range(*(tokens[0].map or (0, 0))):
        done[n] = None  # header and rule; body rows are overwritten below
    header, body = (rows[0][1], rows[1:]) if rows else ([], [])
    roles = [next((r for r, p in _ROLES.items() if re.fullmatch(p, h, re.I)), "") for h in header]
    titles = [i for i, r in enumerate(roles) if r == "title"]
    # Of two title-like columns ("Item" holding 1, 2, 3 and "Topic"), the one with words in it.
    worded = [i for i in titles if any(re.search(r"[^\W\d_]{2}", c[i]) for _, c in body if c[i:])]
    title = next(iter(worded or titles or [i for i, r in enumerate(roles) if not r]), None)

    def cell(role: str, cells: list[str]) -> str:
        i = title if role == "title" else next((i for i, r in enumerate(roles) if r == role), None)
        return cells[i] if i is not None and i < len(cells) else ""

    for line, cells in body:
        entry = _read(cell("title", cells)) if cell("title", cells) else "no title in the row"
        clock = _clock(cell("time", cells))
        if isinstance(clock, str):  # a bad time in the Time column
            entry = clock if isinstance(entry, _Entry) else entry
        elif isinstance(entry, _Entry):
            if clock is not None and entry.start is None:
                entry.start, entry.maybe_pm, entry.end, _ = clock
            found = _Found()
            found.take(cell("minutes", cells), bare=True)
            if m := _PURPOSE.search(cell("purpose", cells)):
                found.take(m[1])
            entry.minutes = found.minutes or entry.minutes
            entry.purpose = found.purpose or entry.purpose
            entry.presenter = _squash(cell("presenter", cells)) or entry.presenter
        done[line] = entry


def _heading(tok: Token, inline: Token, done: dict[int, _Outcome]) -> None:
    """A one-line heading is a section title, unless it carries a time, number or duration."""
    first, stop = tok.map or (0, 0)
    entry: _Outcome = None
    if stop - first <= 2:  # several lines above a "---" are plain lines, not one long heading
        entry = _read(_plain(inline.content))
        if isinstance(entry, _Entry) and not _CUE.match(inline.content):
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
    done: dict[int, _Outcome] = {}
    tokens = _MD.parse("\n".join(lines))
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
    for n, raw in enumerate(lines):
        if n not in done:
            done[n] = _read_raw(raw)
    return _arrange(lines, done, default_minutes)


def _arrange(lines: list[str], done: dict[int, _Outcome], default_minutes: int) -> PastedAgenda:
    """Check the times run forwards, then give each timed item the minutes up to the next time."""
    kept: list[tuple[int, _Entry]] = []
    unreadable: list[Unreadable] = []
    skipped: list[int] = []
    timed: list[tuple[int, _Entry | None]] = []  # clock times: an item, or None for "Close"
    for n, entry in sorted(done.items()):
        if isinstance(entry, _Entry) and entry.start is not None and timed:
            prev = timed[-1][0]
            if entry.maybe_pm and 0 <= entry.start + 720 - prev <= 240:  # "1:00" after "12:30"
                entry.start += 720
                entry.end = None if entry.end is None else entry.end + 720
            if entry.start < prev:
                entry = "times go backwards"
        if isinstance(entry, str):
            unreadable.append(Unreadable(n + 1, _squash(lines[n]), entry))
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
