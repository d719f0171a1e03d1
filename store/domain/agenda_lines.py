"""Reading one line of a pasted agenda: its clock time or range, its title, and
the duration, purpose and presenter taken out of the title.

``store.domain.agenda_paste`` finds the lines (Markdown lists, tables, headings,
plain lines) and builds the plan from what this module reads in each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from store.domain.kinds import Purpose

MAX_TITLE = 200
MAX_LINE = 1000  # longer is a paragraph, not an agenda line; also keeps the patterns cheap
MD = MarkdownIt("commonmark").enable("table")

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
PURPOSE = re.compile(rf"\b(?:(?:for|to)\s+)?({_WORDS})\b", re.I)
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
QUOTE = re.compile(r"^\s*(?:>\s?)*\s*(?:#{1,6}\s)?")


@dataclass
class Entry:
    """What one line said: an item (or a finish line), its times in minutes after midnight."""

    title: str
    minutes: int | None = None
    purpose: Purpose | None = None
    presenter: str | None = None
    start: int | None = None  # minutes after midnight
    end: int | None = None
    maybe_pm: bool = False  # "9:30" with no am/pm could be evening once earlier times are known


# Per line: an entry (an item, or a finish line), a reason it is unreadable, or None (skipped).
Outcome = Entry | str | None


@dataclass
class Found:
    """The duration, purpose and presenters taken out of a title so far."""

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
        if m := PURPOSE.fullmatch(piece):
            self.purpose = self.purpose or _PURPOSES[m[1].lower()]
            return True
        who = m[1] if (m := _WHO_KEY.fullmatch(piece)) else piece
        if m or (_WHO_NAME.fullmatch(piece) and piece.replace(".", "").upper() not in _ACRONYMS):
            self.who.append(who)
            return True
        return False


def squash(text: str, limit: int = MAX_TITLE) -> str:
    """``text`` on one line, its spaces single, cut with "…" at ``limit``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(src: str) -> str:
    """Inline Markdown reduced to the text a reader sees: no emphasis, links or tags."""
    out: list[str] = []
    for block in MD.parseInline(src):
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


def read_clock(s: str) -> tuple[int, bool, int | None, str] | str | None:
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


def read_line(text: str) -> Outcome:
    """One line's text (inline Markdown already removed) as an entry, a reason, or skipped."""
    s = " ".join(text.split())
    if len(s) > MAX_LINE:
        return "too long for an agenda line"
    if _HEADING.fullmatch(s) or _DATE.match(s):
        return None
    clock = read_clock(s := _MARKER.sub("", s, count=1))
    if isinstance(clock, str):
        return clock
    entry = Entry("")
    if clock is not None:
        entry.start, entry.maybe_pm, entry.end, s = clock
        s = _MARKER.sub("", _LEAD_SEP.sub("", s, count=1), count=1)
    found = Found()
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
    entry.title = squash(title)
    entry.minutes, entry.purpose = found.minutes, found.purpose
    entry.presenter = squash(", ".join(found.who)) or None
    return entry


def _all(found: Found, inside: str, bare: bool) -> bool:
    """True (and recorded) if every piece of a bracketed group is a duration, purpose or name."""
    pieces = [p for p in _SPLIT.split(inside) if p.strip()]
    if not pieces or not all(Found().take(p, bare=bare) for p in pieces):
        return False
    for piece in pieces:
        found.take(piece, bare=bare)
    return True


def read_raw(raw: str) -> Outcome:
    """A line as pasted, outside any list, table or heading: quotes and Markdown taken off."""
    if not raw.strip():
        return None
    s = QUOTE.sub("", raw, count=1)
    if s.lstrip().startswith("|"):  # a table row Markdown did not see as a table
        s = " \u2013 ".join(cell.strip() for cell in s.split("|") if cell.strip())
    return read_line(plain(s))
