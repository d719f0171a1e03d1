"""The action log as Markdown for circulation: one table, with the log's filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.actions import ActionQuery
from store.domain import markdown as md
from store.domain.deadlines import Rag
from store.exports.builder import Builder, day, long_date

if TYPE_CHECKING:
    from store import Store


def actions_markdown(store: Store, query: ActionQuery | None = None, *, redact: bool = True) -> str:
    """The action log (with the log's filters), as one table."""
    query = query or ActionQuery()
    x = Builder(store, redact=redact)
    today = store.clock().date()
    # Every row goes in the document, so one read (paging only re-ran the query
    # past a growing offset). The log's rows carry their RAG already, written
    # in the screens' words ("NO DATE" for an open action without one).
    rows = [
        [
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
        for row in store.actions.page(query, 0, store.actions.count(query))
    ]
    headers = [
        "Ref",
        "Action",
        "Owner",
        "Agency",
        "Raised",
        "Due",
        "Status",
        "RAG",
        "Latest update",
    ]
    body = [
        f"# Action log: {x.f(x.settings.partnership_name)}",
        x.f(f"As at {long_date(today)}; {len(rows)} action{'' if len(rows) == 1 else 's'}."),
        md.table(headers, rows) if rows else "No actions match.",
    ]
    return x.wrap(body)
