"""The one way a document leaves Quorate.

Screens and the command line name *what* to export (a ``Request``) and whether it is
redacted; they never hand text to a file. ``prepare`` builds the document, redacts it
and runs every check; ``write`` does the same again from the database (so what is
written is never text a screen held) and only then writes, atomically, mode 0600.

The checks on a document meant for circulation:
1. no registered name (any form ever registered, retired entries included) in the
   Markdown source, in the text a reader sees once it is rendered (emphasis typed
   inside a name, entities, escapes), or in the file's name: a ``RedactionError``,
   nothing written;
2. identifiers other than names (a date of birth, an address, a postcode, an NHS
   number, a phone number, an email address that is not a professional's) and near
   misses of a registered name: ``Finding``s, listed by line, part and kind, never
   the value; the document is written only when each finding is accepted by its key
   (the chair confirmed it) or all are (``--accept-identifiers``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from store.actions import ActionQuery
from store.domain import errors
from store.escalations import EscalationQuery
from store.reviews import ReviewQuery

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from store import Store
    from store.domain.models.record import Circulation
    from store.domain.redact import Redactor

__all__ = [
    "ActionLog",
    "DecisionsLog",
    "Document",
    "EscalationsSummary",
    "Finding",
    "IdentifiersFound",
    "Minutes",
    "RapidReviewRecord",
    "Request",
    "ReviewsList",
    "Written",
    "prepare",
    "reader_blocks",
    "suggested_name",
    "write",
]


@dataclass(frozen=True)
class Minutes:
    """The minutes of one meeting."""

    meeting_id: int


@dataclass(frozen=True)
class ActionLog:
    """The action log, with the log's filters."""

    query: ActionQuery = field(default_factory=ActionQuery)


@dataclass(frozen=True)
class DecisionsLog:
    """The decisions log, optionally searched or for one meeting."""

    text: str = ""
    meeting_id: int | None = None


@dataclass(frozen=True)
class RapidReviewRecord:
    """One rapid review's record, in the template's shape."""

    review_id: int


@dataclass(frozen=True)
class ReviewsList:
    """The rapid reviews, each with its state, and the figures."""

    query: ReviewQuery = field(default_factory=ReviewQuery)


@dataclass(frozen=True)
class EscalationsSummary:
    """The escalations' figures and the open ones (or those ``query`` picks), for
    the partnership executive and the independent scrutineer."""

    query: EscalationQuery = field(default_factory=EscalationQuery)


Request = Minutes | ActionLog | DecisionsLog | RapidReviewRecord | ReviewsList | EscalationsSummary


@dataclass(frozen=True)
class Finding:
    """Something in a document that may identify a child: where it is and what kind,
    never the value (so it is safe to print, log or show to anyone)."""

    kind: str
    line: int  # in the document as written
    section: str  # the heading of the part it is in, as the document shows it
    key: str  # stable across rebuilds: what a confirmation refers to

    def describe(self) -> str:
        where = f"line {self.line}" + (f", {self.section}" if self.section else "")
        return f"{where}: {self.kind}"


class IdentifiersFound(errors.StoreError):
    """The document holds findings nobody has accepted; nothing was written."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        self.findings = findings
        n = len(findings)
        super().__init__(
            f"the document holds {n} possible identifier{'s' if n != 1 else ''} of a child "
            f"({'; '.join(f.describe() for f in findings)}); it was not written"
        )


@dataclass(frozen=True)
class Document:
    """A built, redacted and checked document, ready to preview or write."""

    request: Request
    redacted: bool
    text: str  # "" on what ``write`` returns for a log: streamed to its file, never held
    name: str  # the file name to suggest; redacted whatever ``redacted`` says
    findings: tuple[Finding, ...]
    registered: int  # entries on the register

    def outstanding(self, accepted: Collection[str] | bool) -> tuple[Finding, ...]:
        if not self.redacted or accepted is True:
            return ()
        keys = () if accepted is False else accepted
        return tuple(f for f in self.findings if f.key not in keys)


@dataclass(frozen=True)
class Written:
    path: Path | None  # None when written to a stream
    document: Document
    # The record of the copy (when, which file, its hash); None when the
    # database is open read-only and nothing could be recorded.
    recorded: Circulation | None = None


# -- building ---------------------------------------------------------------------------


def _build(store: Store, request: Request, redact: bool) -> str:
    if isinstance(request, Minutes):
        from store.exports.minutes import minutes_markdown

        return minutes_markdown(store, request.meeting_id, redact=redact)
    if isinstance(request, ActionLog):
        from store.exports.action_log import actions_markdown

        return actions_markdown(store, request.query, redact=redact)
    if isinstance(request, RapidReviewRecord):
        from store.exports.rapid_review import review_markdown

        return review_markdown(store, request.review_id, redact=redact)
    if isinstance(request, ReviewsList):
        from store.exports.rapid_review import reviews_markdown

        return reviews_markdown(store, request.query, redact=redact)
    if isinstance(request, EscalationsSummary):
        from store.exports.escalations import escalations_markdown

        return escalations_markdown(store, request.query, redact=redact)
    from store.exports.decisions_log import decisions_markdown

    return decisions_markdown(store, request.text, request.meeting_id, redact=redact)


def _slug(text: str) -> str:
    import unicodedata

    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-")[:60].strip("-")


def suggested_name(store: Store, request: Request, *, redacted: bool = True) -> str:
    """The file name to suggest for ``request``: built from redacted text only, since a
    file name travels as an email attachment's name even with an unredacted copy."""
    redactor = _redactor(store)
    suffix = "" if redacted else "-UNREDACTED"
    if isinstance(request, Minutes):
        meeting = store.meetings.get(request.meeting_id)
        slug = _slug(redactor.redact(meeting.title)) or "meeting"
        name = f"{meeting.date.isoformat()}-{slug}-minutes{suffix}.md"
    elif isinstance(request, RapidReviewRecord):
        review = store.reviews.get(request.review_id)
        name = (
            f"{review.notified_on.isoformat()}-{review.reference.lower()}-rapid-review{suffix}.md"
        )
    else:
        what = _KIND[type(request)].replace(" ", "-")
        name = f"{store.clock().date().isoformat()}-{what}{suffix}.md"
    redactor.check(name.replace("-", " "))
    return name


def _redactor(store: Store) -> Redactor:
    # From the register as it is now, for every document: another window or a
    # script may have changed it since the store's own copy was made. (Shared with
    # the document's builder while the register is unchanged: redactor_for.)
    from store.domain.redact import Protected, redactor_for

    return redactor_for(Protected(p.pseudonym, p.redacted_forms) for p in store.register.all())


def prepare(store: Store, request: Request, *, redacted: bool = True) -> Document:
    """Build ``request`` and run every check; raises ``RedactionError`` if a registered
    name would be circulated. Findings are returned on the document, not raised."""
    text = _build(store, request, redacted)
    registered = len(store.register.all())
    name = suggested_name(store, request, redacted=redacted)
    findings: tuple[Finding, ...] = ()
    if redacted:
        redactor = _redactor(store)
        redactor.check(text)
        blocks = reader_blocks(text)
        _check_what_a_reader_sees(redactor, blocks)
        findings = _findings(store, redactor, blocks)
    return Document(request, redacted, text, name, findings, registered)


def write(
    store: Store,
    request: Request,
    destination: str | Path | None = None,
    *,
    redacted: bool = True,
    accepted: Collection[str] | bool = (),
    stream: TextIO | None = None,
) -> Written:
    """Build, check and write ``request``: to ``destination`` (a file, or a folder to
    hold the suggested name; atomic, mode 0600) or to ``stream``.

    Everything ``prepare`` checks is checked again here, from the database. A finding
    not in ``accepted`` (or ``accepted=True`` for all) stops the write with
    ``IdentifiersFound``; a registered name in the text or the file name with
    ``RedactionError``. Nothing is written in either case.
    """
    from store.db.files import write_private

    if isinstance(request, ActionLog | DecisionsLog):
        from store.exports.streamed import write_streamed

        return write_streamed(
            store, request, destination, redacted=redacted, accepted=accepted, stream=stream
        )
    document = prepare(store, request, redacted=redacted)
    outstanding = document.outstanding(accepted)
    if outstanding:
        raise IdentifiersFound(outstanding)
    if destination is None:
        if stream is None:
            raise errors.PathProblem("Say where to write the document.")
        stream.write(document.text)
        return Written(None, document, _circulated(store, document, "(standard output)"))
    target = Path(destination).expanduser()
    if target.is_dir():
        target = target / document.name
    if redacted:
        _redactor(store).check(target.name.replace("-", " ").replace("_", " "))
    path = write_private(target, document.text)
    return Written(path, document, _circulated(store, document, str(path)))


_KIND: dict[type, str] = {
    Minutes: "minutes",
    ActionLog: "action log",
    DecisionsLog: "decisions log",
    RapidReviewRecord: "rapid review",
    ReviewsList: "rapid reviews",
    EscalationsSummary: "escalations summary",
}


def document_kind(request: Request) -> str:
    """What a request's document is called: "minutes", "rapid review" … (its file
    name, its circulation record and the export screen use the same word)."""
    return _KIND[type(request)]


def _circulated(
    store: Store, document: Document, file: str, sha256: str | None = None
) -> Circulation | None:
    """Record the copy written: when, which file, a hash of its content (``sha256``
    for a document streamed to its file, which is not held; nothing is recorded in
    a file opened read-only)."""
    request = document.request
    kind = _KIND[type(request)]
    meeting_id = request.meeting_id if isinstance(request, Minutes) else None
    review_id = request.review_id if isinstance(request, RapidReviewRecord) else None
    return store.record.circulated(
        kind,
        file,
        document.text,
        redacted=document.redacted,
        meeting_id=meeting_id,
        review_id=review_id,
        sha256=sha256,
    )


# -- what a reader sees ----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """The visible text of one block of the rendered document."""

    text: str
    line: int  # first line of the block in the source
    section: str  # the visible text of the heading above it


def reader_blocks(
    document: str, *, section: str = "", first_line: int = 1, parser: MarkdownIt | None = None
) -> list[Block]:
    """The document as a reader sees it once rendered (GitHub-flavoured): each block's
    visible text, with its source line and the heading it falls under. Emphasis,
    escapes, entities and link syntax are gone, as they are on the reader's screen.

    For a piece of a longer document (the streamed path): ``section``, the heading
    it starts under, and ``first_line``, the line it starts on."""
    from markdown_it import MarkdownIt

    tokens = (parser or MarkdownIt("gfm-like")).parse(document)
    blocks: list[Block] = []
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type in ("inline", "fence", "code_block", "html_block"):
            if token.type == "inline":
                text = _inline_text(token.children or [])
            elif token.type == "html_block":
                text = re.sub(r"<[^>]*>", " ", token.content)
            else:
                text = token.content
            line = (token.map[0] + first_line) if token.map else 0
            if in_heading:
                section = " ".join(text.split())
            blocks.append(Block(text, line, section))
    return blocks


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)


def _joined(blocks: list[Block]) -> tuple[str, list[int]]:
    starts: list[int] = []
    pieces: list[str] = []
    pos = 0
    for block in blocks:
        starts.append(pos)
        pieces.append(block.text)
        pos += len(block.text) + 2
    return "\n\n".join(pieces), starts


def _check_what_a_reader_sees(redactor: Redactor, blocks: list[Block]) -> None:
    from store.domain.redact import RedactionError

    text, starts = _joined(blocks)
    try:
        redactor.check(text)
    except RedactionError as exc:
        lines = _source_lines(text, starts, blocks, exc.lines)
        raise RedactionError(exc.pseudonyms, lines) from None


def _source_lines(
    text: str, starts: list[int], blocks: list[Block], lines: tuple[int, ...]
) -> tuple[int, ...]:
    from bisect import bisect_right

    offsets = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            offsets.append(i + 1)
    found = {
        blocks[bisect_right(starts, offsets[n - 1]) - 1].line
        for n in lines
        if 0 < n <= len(offsets)
    }
    return tuple(sorted(found))


def _findings(store: Store, redactor: Redactor, blocks: list[Block]) -> tuple[Finding, ...]:
    return tuple(_Scan(store, redactor).findings(blocks))


class _Scan:
    """Finds identifiers and near misses in a document's blocks, in one call or a
    piece at a time (the streamed path), keys counted across the pieces."""

    def __init__(self, store: Store, redactor: Redactor) -> None:
        people = store.directory.people()
        self.redactor = redactor
        self.emails = [p.email for p in people if p.email]
        # The professionals' own names are no near miss of a child's ("Robert" and "Roberts").
        self.known = {word for p in people for word in p.name.split()}
        self.known.update(word for a in store.directory.agencies() for word in a.name.split())
        self.seen: dict[str, int] = {}

    def findings(self, blocks: list[Block], skip: int = 0) -> list[Finding]:
        """The findings in ``blocks``, but for those wholly in the first ``skip``
        (the end of the piece before, there only to be read across)."""
        from bisect import bisect_right

        from store.domain.identifiers import find_identifiers

        text, starts = _joined(blocks)
        floor = starts[skip] - 2 if skip < len(blocks) else len(text)
        raw: list[tuple[int, int, str]] = [
            (f.start, f.end, f.kind) for f in find_identifiers(text, allowed_emails=self.emails)
        ]
        for miss in self.redactor.near_misses(text, known=self.known):
            pseudonyms = " / ".join(miss.pseudonyms)
            raw.append((miss.start, miss.end, f"possible misspelling of {pseudonyms}"))
        raw.sort()
        out: list[Finding] = []
        for start, end, kind in raw:
            if skip and end <= floor:
                continue
            index = bisect_right(starts, start) - 1
            block = blocks[index]
            digest = hashlib.sha256(
                "\x1f".join((kind, block.section, text[start:end])).encode()
            ).hexdigest()[:16]
            self.seen[digest] = self.seen.get(digest, 0) + 1
            line = block.line + text.count("\n", starts[index], start)
            out.append(Finding(kind, line, block.section, f"{digest}.{self.seen[digest]}"))
        return out
