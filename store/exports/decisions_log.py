"""The decisions log as Markdown for circulation: one table, newest first, with
the columns domain.md gives the log (reference, date, decision, rationale,
decided by) and the meeting and item each decision was made on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from store.exports.builder import Builder, Chunk, day

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import Decision

THE_MEETING = "The meeting"  # who decided, when no one else is named
PAGE = 500  # rows read, built and checked at a time
HEADERS = ["Ref", "Date", "Meeting", "Item", "Decision", "Rationale", "Decided by"]


def _withdrawn(x: Builder, decision: Decision, *, why: bool) -> str:
    """A withdrawn decision's note, "*(withdrawn on 1 October 2026: the reason)*"
    (the log without the reason, which has its own column); "" for one that
    stands."""
    if decision.withdrawn_at is None:
        return ""
    if not why:
        return f" *(withdrawn on {x.f(day(decision.withdrawn_at.date()))})*"
    reason = f": {x.f(decision.withdrawn_reason)}" if decision.withdrawn_reason else ""
    return f" *(withdrawn on {x.f(day(decision.withdrawn_at.date()))}{reason})*"


def decision_line(x: Builder, decision: Decision) -> str:
    """One decision as a Markdown list item, for the minutes:
    "- D-2026-002: wording *(withdrawn on …: reason)* Rationale: … Decided by: …".

    A withdrawn one is kept, struck through in words; the rationale and who
    decided follow when there are any (a decision of the meeting itself, as most
    in its own minutes are, does not say so)."""
    line = f"- {x.f(decision.reference)}: {x.f(decision.text)}"
    line += _withdrawn(x, decision, why=True)
    if decision.rationale:
        line += f" Rationale: {x.f(decision.rationale)}"
    if decision.decided_by:
        line += f" Decided by: {x.f(decision.decided_by)}"
    return line


def decisions_markdown(
    store: Store, text: str = "", meeting_id: int | None = None, *, redact: bool = True
) -> str:
    """The decisions log, newest first."""
    chunks = decisions_chunks(store, text, meeting_id, redact=redact)
    return "".join(c if isinstance(c, str) else c.text for c in chunks)


def decisions_chunks(
    store: Store,
    text: str = "",
    meeting_id: int | None = None,
    *,
    redact: bool = True,
    page: int | None = None,
) -> Iterator[Chunk]:
    """The decisions log's text in order, a page of rows at a time (the writer's
    streamed path); joined, exactly ``decisions_markdown``."""
    x = Builder(store, redact=redact)
    heading = [f"# Decisions log: {x.f(x.settings.partnership_name)}"]
    with store.decisions.read_all(text, meeting_id, batch=page or PAGE) as pages:
        rows = (
            [
                [
                    x.f(decision.reference),
                    x.f(day(decision.made_at.date())),
                    x.f(meeting_title),
                    x.f(item_title),
                    x.f(decision.text) + _withdrawn(x, decision, why=False),
                    x.f(decision.rationale),
                    x.f(decision.decided_by or THE_MEETING),
                ]
                for decision, meeting_title, item_title in decisions
            ]
            for decisions in pages
        )
        yield from x.table_chunks(heading, HEADERS, rows, "No decisions.")
