"""The writer's streamed path, for documents that grow with the file (the action
log, the decisions log): part of the one writer, reached only through
``writer.write``.

The builder yields the text in order, a page of table rows at a time
(``builder.Rows``); each piece is redacted and escaped by the builder as any
document is, then checked here as ``writer.prepare`` checks a whole document
(registered names in the source and in what a reader sees, then identifiers and
near misses), written to a private temporary file beside the target and added to
the digest. Only at the end, when every piece has passed and every finding is
accepted, is the file renamed into place and the copy recorded; a registered name
or a finding anywhere, or a failed write, leaves nothing behind. So memory holds
one page, whatever the number of rows.

Each piece is checked with the last line (the source) or the last block (what a
reader sees) of the one before it, so a name or an identifier that runs across
the join between two pieces is still seen. One rule is per piece rather than per
document: a short name form's near miss typed with a capital is not flagged when
it is also typed in lowercase elsewhere, and "elsewhere" is the page (of hundreds
of rows): a document with such a word both ways in different pages is asked
about where the whole-text check would not ask (it never asks less).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, TextIO

from store.domain import errors
from store.exports.builder import Chunk, Rows
from store.exports.writer import (
    ActionLog,
    Block,
    DecisionsLog,
    Document,
    Finding,
    IdentifiersFound,
    Written,
    _check_what_a_reader_sees,
    _circulated,
    _redactor,
    _Scan,
    reader_blocks,
    suggested_name,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from store import Store
    from store.domain.redact import Redactor


def write_streamed(
    store: Store,
    request: ActionLog | DecisionsLog,
    destination: str | Path | None,
    *,
    redacted: bool,
    accepted: Collection[str] | bool,
    stream: TextIO | None,
) -> Written:
    """``writer.write`` for a log, a page at a time (the same checks, the same
    errors, the same bytes); see the module's docstring."""
    name = suggested_name(store, request, redacted=redacted)
    registered = len(store.register.all())
    target = _target(store, destination, stream, name, redacted)
    checks = _Checks(store) if redacted else None
    digest = hashlib.sha256()
    with _Sink(target) as sink:
        for chunk in _chunks(store, request, redacted):
            text = chunk if isinstance(chunk, str) else chunk.text
            if checks is not None:
                checks.add(chunk, text)
            data = text.encode("utf-8")
            digest.update(data)
            sink.write(data)
        findings = checks.finish() if checks is not None else ()
        document = Document(request, redacted, "", name, findings, registered)
        outstanding = document.outstanding(accepted)
        if outstanding:
            raise IdentifiersFound(outstanding)
        path = sink.commit(stream)
    file = str(path) if path is not None else "(standard output)"
    return Written(path, document, _circulated(store, document, file, digest.hexdigest()))


def _chunks(store: Store, request: ActionLog | DecisionsLog, redacted: bool) -> Iterator[Chunk]:
    if isinstance(request, ActionLog):
        from store.exports.action_log import actions_chunks

        return actions_chunks(store, request.query, redact=redacted)
    from store.exports.decisions_log import decisions_chunks

    return decisions_chunks(store, request.text, request.meeting_id, redact=redacted)


def _target(
    store: Store,
    destination: str | Path | None,
    stream: TextIO | None,
    name: str,
    redacted: bool,
) -> Path | None:
    """Where the file goes (None: ``stream``), refused as ``write_private`` refuses
    it, before any row is read."""
    if destination is None:
        if stream is None:
            raise errors.PathProblem("Say where to write the document.")
        return None
    target = Path(destination).expanduser()
    if target.is_dir():
        target = target / name
    if redacted:
        _redactor(store).check(target.name.replace("-", " ").replace("_", " "))
    if target.is_dir():
        raise errors.PathProblem(f"{target} is a folder; give a file name to write to.")
    if not target.parent.is_dir():
        raise errors.PathProblem(f"The folder {target.parent} does not exist; nothing was written.")
    return target


class _Sink:
    """A private temporary file (0600) beside ``target``, renamed over it by
    ``commit`` (after an fsync); removed if anything fails first. With no target,
    an unnamed temporary file, copied to the stream by ``commit``."""

    def __init__(self, target: Path | None) -> None:
        self.target = target
        self.tmp: Path | None = None
        self.file: IO[bytes]

    def __enter__(self) -> _Sink:
        if self.target is None:
            self.file = tempfile.TemporaryFile()
            return self
        self.tmp = self.target.with_name(f".{self.target.name}.{os.getpid()}.tmp")
        with self._translated():
            fd = os.open(self.tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            self.file = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        with self._translated():
            self.file.write(data)

    def commit(self, stream: TextIO | None) -> Path | None:
        from store.db.files import fsync_dir

        with self._translated():
            self.file.flush()
            if self.target is None or self.tmp is None:
                self.file.seek(0)
                if stream is not None:
                    shutil.copyfileobj(_text(self.file), stream)
                self.file.close()
                return None
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp, self.target)
            self.tmp = None
        fsync_dir(self.target.parent)
        return self.target

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """The errors ``write_private`` gives, in its words."""
        target = self.target or Path("(standard output)")
        try:
            yield
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise errors.DiskFull(
                    f"The disk is full; {target} was not written. Free some space and try again."
                ) from None
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise errors.PathProblem(
                    f"Cannot write {target}: the folder is not writable."
                ) from None
            raise errors.WriteFailed(f"Cannot write {target} ({exc.strerror}).") from None


def _text(file: IO[bytes]) -> TextIO:
    import io

    return io.TextIOWrapper(file, encoding="utf-8")


class _Checks:
    """``writer.prepare``'s checks, a piece at a time (see the module's docstring)."""

    def __init__(self, store: Store) -> None:
        from markdown_it import MarkdownIt

        self.redactor: Redactor = _redactor(store)
        self.scan = _Scan(store, self.redactor)
        self.parser: MarkdownIt = MarkdownIt("gfm-like")
        self.lines = 0  # in the pieces before this one
        self.last_line = ""  # the previous piece's last line
        self.last_block: Block | None = None
        self.section = ""
        self.named: list[str] = []  # pseudonyms found in the source, lines
        self.named_lines: set[int] = set()
        self.seen: list[str] = []  # ... and in what a reader sees
        self.seen_lines: set[int] = set()
        self.findings: list[Finding] = []

    def add(self, chunk: Chunk, text: str) -> None:
        from store.domain.redact import RedactionError

        if not text.endswith("\n"):
            raise ValueError("a streamed piece of a document must be whole lines")
        # 1. the source, with the line before it
        probe, first = (self.last_line + "\n" + text, self.lines) if self.lines else (text, 1)
        try:
            self.redactor.check(probe)
        except RedactionError as exc:
            _merge(self.named, self.named_lines, exc, first - 1)
        # 2. what a reader sees, with the block before it
        if isinstance(chunk, Rows):
            blocks = self._rows(chunk)
        else:
            blocks = reader_blocks(
                text, section=self.section, first_line=self.lines + 1, parser=self.parser
            )
        context = [self.last_block] if self.last_block is not None else []
        try:
            _check_what_a_reader_sees(self.redactor, context + blocks)
        except RedactionError as exc:
            _merge(self.seen, self.seen_lines, exc, 0)
        # 3. identifiers and near misses
        self.findings += self.scan.findings(context + blocks, skip=len(context))
        if blocks:
            self.last_block = blocks[-1]
            self.section = blocks[-1].section
        self.lines += text.count("\n")
        self.last_line = text[:-1].rsplit("\n", 1)[-1]

    def _rows(self, rows: Rows) -> list[Block]:
        """The blocks a reader sees in table rows: each cell's text, read here when
        nothing in the row is syntax but backslash escapes, else by markdown-it
        under the table's own header."""
        blocks: list[Block] = []
        line = self.lines
        ncols = rows.head.split("\n", 1)[0].count("|") - 1
        for row in rows.text[:-1].split("\n"):
            line += 1
            cells = _plain_row(row, ncols, self.parser)
            if cells is None:
                parsed = reader_blocks(
                    rows.head + "\n" + rows.text,
                    section=self.section,
                    first_line=self.lines - 1,
                    parser=self.parser,
                )
                return [b for b in parsed if b.line > self.lines]
            blocks.extend(Block(cell, line, self.section) for cell in cells)
        return blocks

    def finish(self) -> tuple[Finding, ...]:
        """Raise for a registered name anywhere (the source first, as ``prepare``
        does); else the findings."""
        from store.domain.redact import RedactionError

        if self.named:
            raise RedactionError(tuple(self.named), tuple(sorted(self.named_lines)))
        if self.seen:
            raise RedactionError(tuple(self.seen), tuple(sorted(self.seen_lines)))
        return tuple(self.findings)


def _merge(names: list[str], lines: set[int], exc: Exception, offset: int) -> None:
    from store.domain.redact import RedactionError

    assert isinstance(exc, RedactionError)
    names.extend(p for p in exc.pseudonyms if p not in names)
    lines.update(n + offset for n in exc.lines)


# ASCII punctuation: what a backslash escapes in CommonMark.
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# Syntax in a cell: code, emphasis, strikeout, links and images, raw HTML and
# autolinks, an entity, whitespace but a space, and percent escapes (a linked
# address is shown decoded).
_UNSAFE = re.compile(r"[`*_~\[<%\x00]|[^\S ]|&[A-Za-z#]")
# What linkify could take for an address (then it is asked).
_LINKY = re.compile(r"[:@]|\.\S")


def _plain_row(line: str, ncols: int, parser: MarkdownIt) -> list[str] | None:
    """What a reader sees in each of the ``ncols`` cells of a table row, when nothing
    in the row is syntax but backslash escapes of punctuation; None otherwise (then
    markdown-it reads it). Held to markdown-it's own reading by a property test
    (tests/test_export_streamed.py)."""
    if not (line.startswith("| ") and line.endswith(" |")):
        return None
    body = line[1:-1]
    if "\\" not in body:
        if _UNSAFE.search(body):
            return None
        cells = body.split("|")
        if len(cells) != ncols or any(_linked(c, parser) for c in cells):
            return None
        return [c.strip(" ") for c in cells]
    # Escapes: the table keeps an escaped pipe in its cell, and what stands
    # between escapes is what linkify looks at.
    out: list[str] = []
    text: list[str] = []
    for k, piece in enumerate(_ESCAPE.split(body)):
        if k % 2:
            if piece not in _ESCAPABLE or piece == "\\":
                return None
            text.append(piece)
            continue
        if _UNSAFE.search(piece):
            return None
        for n, part in enumerate(piece.split("|")):
            if n:
                out.append("".join(text).strip(" "))
                text = []
            if _linked(part, parser):
                return None
            text.append(part)
    out.append("".join(text).strip(" "))
    return out if len(out) == ncols else None


def _linked(text: str, parser: MarkdownIt) -> bool:
    """Whether linkify would make a link of ``text`` (whose shown text may then be
    decoded): asked only when there is a dot, a colon or an at sign."""
    linkify = parser.linkify
    return linkify is not None and bool(_LINKY.search(text)) and bool(linkify.test(text))
