"""``quorate search PATH WORDS… [--kind KIND …] [--since DATE] [--until DATE]``:
the whole record searched from the command line, redacted unless --unredacted.
Imports no textual, and the store only once its arguments are read."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.common import files, refused

if TYPE_CHECKING:
    from store.search import SearchHit

# store.search.KINDS, spelt here so that --help loads no store (a test checks them).
KIND_CHOICES = ("item", "decision", "action", "review", "escalation")
# How the matching words are marked in what is printed.
SHOWN_START = "**"
SHOWN_END = "**"


def search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quorate search",
        description="Search the whole record: meetings' items and minutes, decisions, "
        "actions and their updates, rapid reviews and escalations. Words are prefixes "
        '("negl" finds neglect), "words in quotes" a phrase; case and accents do not '
        "matter. Results are grouped by kind, best first, each with its date, meeting or "
        "reference and the matching words in context (between **). Names on the register "
        "are replaced by pseudonyms unless --unredacted. The search index is brought up "
        "to date first where the file can be written.",
    )
    files(parser.add_argument("path", help="the Quorate database"))
    parser.add_argument("words", nargs="+", help="the words to find")
    parser.add_argument(
        "--kind",
        action="append",
        choices=KIND_CHOICES,
        help="only this kind: item (titles and minutes), decision, action, review, "
        "escalation (may be repeated)",
    )
    parser.add_argument("--since", metavar="DATE", help="on or after this date (ISO, 9 Dec 2025)")
    parser.add_argument("--until", metavar="DATE", help="on or before this date")
    parser.add_argument("--series", help="only meetings of this series")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    parser.add_argument(
        "--unredacted",
        action="store_true",
        help="show children's names as recorded (not for circulation)",
    )
    return parser


def search(argv: list[str]) -> int:
    """``quorate search PATH WORDS…``: print the matches, grouped by kind."""
    args = search_parser().parse_args(argv)
    from store import Store
    from store.domain.dates import read_date
    from store.domain.errors import InvalidValue, StoreError
    from store.search import KIND_LABELS, grouped

    path = Path(args.path).expanduser()
    if not path.is_file():
        return refused(f"{args.path}: no such file")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        store = Store.open(path, readonly=not writable, create=False)
    except StoreError as exc:
        return refused(exc)
    try:
        today = store.clock().date()
        try:
            since = read_date(args.since or "", today=today, field="--since", back=True)
            until = read_date(args.until or "", today=today, field="--until", back=True)
        except InvalidValue as exc:
            return refused("; ".join(f"{field}: {why}" for field, why in exc.errors.items()))
        if not store.readonly:
            store.search.catch_up()
        elif behind := store.search.pending():  # what it lacks, read once
            print(
                f"quorate: {args.path} is read-only: searched what is indexed "
                f"({behind:,} records not yet indexed)",
                file=sys.stderr,
            )
        hits = store.search.find(
            " ".join(args.words),
            kinds=args.kind,
            since=since,
            until=until,
            series=args.series,
            limit=args.limit,
        )
        # Every printed field goes through the register (the pseudonyms are
        # printed); the chair's own record (--unredacted) is printed as it is.
        redact = None if args.unredacted else store.register.redacted
        lines: list[str] = []
        for kind, found in grouped(hits).items():
            lines.append(f"{KIND_LABELS[kind]} ({len(found)})")
            lines.extend(_shown(hit, redact) for hit in found)
    except StoreError as exc:
        return refused(exc)
    finally:
        store.close()
    if not lines:
        print("no matches", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def _shown(hit: SearchHit, redact: Callable[[str], str] | None) -> str:
    """A hit as two lines: the date and label, then the snippet, its matching words
    between ``SHOWN_START`` and ``SHOWN_END``."""
    from store.search import MARK_END, MARK_START

    label, snippet = hit.label, " ".join(hit.snippet.split())
    if redact is not None:
        # The redactor reads through the marks (invisible characters to it), and a
        # name replaced may take a mark with it: what is left is paired again.
        label, snippet = redact(label), _paired(redact(snippet), MARK_START, MARK_END)
    snippet = snippet.replace(MARK_START, SHOWN_START).replace(MARK_END, SHOWN_END)
    day = hit.on_date.isoformat() if hit.on_date else "-"
    return f"  {day:<10}  {label}\n      {snippet}"


def _paired(text: str, start: str, end: str) -> str:
    """``text`` with every mark that lost its partner dropped."""
    out: list[str] = []
    opened: int | None = None
    for ch in text:
        if ch == start:
            if opened is not None:
                continue
            opened = len(out)
        elif ch == end:
            if opened is None:
                continue
            opened = None
        out.append(ch)
    if opened is not None:
        del out[opened]
    return "".join(out)
