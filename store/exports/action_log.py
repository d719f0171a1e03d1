"""The action log as Markdown for circulation: one table, with the log's filters,
streamed a page of rows at a time (``actions_chunks``) so that ten years of
actions cost no more memory than a page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from store.actions import ActionQuery
from store.domain.deadlines import Rag
from store.exports.builder import Builder, Chunk, day, long_date

if TYPE_CHECKING:
    from store import Store
    from store.actions import ActionRow

HEADERS = ["Ref", "Action", "Owner", "Agency", "Raised", "Due", "Status", "RAG", "Latest update"]
PAGE = 500  # rows read, built and checked at a time


def actions_markdown(store: Store, query: ActionQuery | None = None, *, redact: bool = True) -> str:
    """The action log (with the log's filters), as one table."""
    chunks = actions_chunks(store, query, redact=redact)
    return "".join(c if isinstance(c, str) else c.text for c in chunks)


def actions_chunks(
    store: Store,
    query: ActionQuery | None = None,
    *,
    redact: bool = True,
    page: int | None = None,
) -> Iterator[Chunk]:
    """The action log's text in order, a page of rows at a time (the writer's
    streamed path); joined, exactly ``actions_markdown``."""
    query = query or ActionQuery()
    x = Builder(store, redact=redact)
    today = store.clock().date()
    # The log's rows carry their RAG already, written in the screens' words
    # ("NO DATE" for an open action without one).
    with store.actions.read_all(query, batch=page or PAGE) as (count, pages):
        heading = [
            f"# Action log: {x.f(x.settings.partnership_name)}",
            x.f(f"As at {long_date(today)}; {count} action{'' if count == 1 else 's'}."),
        ]
        rows = ([_cells(x, row) for row in rows] for rows in pages)
        yield from x.table_chunks(heading, HEADERS, rows, "No actions match.")


def _cells(x: Builder, row: ActionRow) -> list[str]:
    return [
        x.f(row.action.reference),
        x.f(row.action.description),
        x.f(row.owner),
        x.f(row.agency),
        x.f(day(row.action.raised_on)),
        x.f(day(row.action.due) if row.action.due else ""),
        x.f(row.action.status.label),
        x.f(Rag(row.rag).label.upper()),
        x.f(row.action.latest_update),
    ]
