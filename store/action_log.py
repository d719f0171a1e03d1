"""The action log's query: what a page of the log asks for, the rows it gets,
and the SQL that reads them in order from the indexes (migration 0003), so that
50,000 actions open, filter and scroll without delay."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.domain.deadlines import AMBER_DAYS, rag
from store.domain.kinds import ActionStatus
from store.domain.search import fts_query

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import Action

OPEN_STATES = tuple(s.value for s in ActionStatus if s.is_open)


@dataclass(frozen=True)
class ActionQuery:
    """What the action log shows: every field is optional."""

    statuses: tuple[str, ...] = ()
    rag: str | None = None  # a Rag value: red / amber / green / no_date / closed
    owner_id: int | None = None
    agency_id: int | None = None
    meeting_id: int | None = None
    text: str = ""
    sort: str = "due"  # or "reference"


@dataclass(frozen=True)
class ActionRow:
    """One row of the log, with the names the table shows."""

    action: Action
    owner: str
    agency: str
    meeting: str
    rag: str


def count_actions(unit: Unit, query: ActionQuery, amber_days: int) -> int:
    """How many actions the query matches (for the log's scroll bar)."""
    where, params = where_clause(query, unit.clock().date(), amber_days)
    return int(unit.scalar(f"SELECT count(*) FROM actions a{where}", params))


def page_of_actions(
    unit: Unit, query: ActionQuery, offset: int, limit: int, amber_days: int
) -> list[ActionRow]:
    """One page of the log: the table asks only for the rows it can show."""
    from store.domain.models import Action

    sql, params = _select(query, unit.clock().date(), amber_days)
    rows = unit.rows(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    today = unit.clock().date()
    return [_action_row(Action, row, today, amber_days) for row in rows]


def _action_row(
    model: type[Action], row: dict[str, Any], today: dt.date, amber_days: int
) -> ActionRow:
    extra = {k: row.pop(k) for k in ("owner_name", "agency_name", "meeting_title", "meeting_date")}
    action = model.model_validate(row)
    meeting = (
        f"{extra['meeting_title']} ({extra['meeting_date']})" if extra["meeting_title"] else ""
    )
    return ActionRow(
        action,
        extra["owner_name"] or "",
        extra["agency_name"] or "",
        meeting,
        rag_of(action, today, amber_days),
    )


def _select(query: ActionQuery, today: dt.date, amber_days: int) -> tuple[str, list[Any]]:
    """The log's SELECT in the log's order, without LIMIT: (sql, params)."""
    where, params = where_clause(query, today, amber_days)
    # References are A-YYYY-NNN: past 999 in a year, text order would put
    # A-2026-1000 before A-2026-101, so sort by year, then the number: the
    # expressions of the index actions_reference_order (migration 0014), which
    # a page then reads in order. Change one, change the other.
    order = (
        "substr(a.reference, 3, 4), CAST(substr(a.reference, 8) AS INTEGER)"
        if query.sort == "reference"
        else "a.due IS NULL, a.due, a.reference"
    )
    sql = (
        "SELECT a.*, p.name AS owner_name, g.short_name AS agency_name, "
        "m.title AS meeting_title, m.date AS meeting_date "
        "FROM actions a LEFT JOIN people p ON p.id = a.owner_id "
        "LEFT JOIN agencies g ON g.id = a.agency_id "
        f"LEFT JOIN meetings m ON m.id = a.meeting_id{where} "
        f"ORDER BY {order}"
    )
    return sql, params


@contextlib.contextmanager
def read_all_actions(
    unit: Unit, query: ActionQuery, amber_days: int, batch: int
) -> Iterator[tuple[int, Iterator[list[ActionRow]]]]:
    """Every row the query matches, for an export: ``(count, pages)``, the pages
    ``batch`` rows at a time from one cursor, count and rows in one read
    transaction (so the count is the rows'). Only one page is held at a time."""
    from store.domain.models import Action

    today = unit.clock().date()
    sql, params = _select(query, today, amber_days)
    where, _ = where_clause(query, today, amber_days)
    with unit.reading() as conn:
        began = not conn.in_transaction
        if began:
            conn.execute("BEGIN")
        try:
            count = int(
                conn.execute(f"SELECT count(*) FROM actions a{where}", params).fetchone()[0]
            )
            cursor = conn.execute(sql, params)

            def pages() -> Iterator[list[ActionRow]]:
                names = [d[0] for d in cursor.description]
                while chunk := cursor.fetchmany(batch):
                    yield [
                        _action_row(Action, dict(zip(names, r, strict=True)), today, amber_days)
                        for r in chunk
                    ]

            try:
                yield count, pages()
            finally:
                cursor.close()
        finally:
            if began:
                conn.execute("COMMIT")


def where_clause(query: ActionQuery, today: dt.date, amber_days: int) -> tuple[str, list[Any]]:
    """The WHERE of a query, spelt so that SQLite reads a page in order from an index."""
    week = today + dt.timedelta(days=amber_days)
    # Spelt exactly as in the actions_*_open_order indexes (migration 0003),
    # with literals, so that SQLite reads a page in order from the index.
    is_open = "(a.status IN ('open', 'in_progress'))"
    clauses: list[str] = []
    params: list[Any] = []
    if query.statuses:
        clauses.append(f"a.status IN ({', '.join('?' for _ in query.statuses)})")
        params.extend(query.statuses)
        if set(query.statuses) <= set(OPEN_STATES):
            clauses.append(f"{is_open} = 1")
        elif not set(query.statuses) & set(OPEN_STATES):
            clauses.append(f"{is_open} = 0")
    # The RAG rule of store.domain.deadlines.rag, in SQL (tests/test_rag.py
    # holds the two to one table of cases). A NULL due date is neither overdue
    # nor inside the amber window, hence the explicit IS NULL tests.
    not_red = "a.blocked = 0 AND (a.due IS NULL OR a.due >= ?)"
    if query.rag == "closed":
        clauses.append(f"{is_open} = 0")
    elif query.rag == "red":
        clauses.append(f"{is_open} = 1 AND (a.blocked = 1 OR a.due < ?)")
        params.append(today.isoformat())
    elif query.rag == "amber":
        clauses.append(f"{is_open} = 1 AND {not_red} AND (a.at_risk = 1 OR a.due <= ?)")
        params.extend([today.isoformat(), week.isoformat()])
    elif query.rag == "green":
        clauses.append(f"{is_open} = 1 AND a.blocked = 0 AND a.at_risk = 0 AND a.due > ?")
        params.append(week.isoformat())
    elif query.rag == "no_date":
        clauses.append(f"{is_open} = 1 AND (a.due IS NULL) = 1 AND a.blocked = 0 AND a.at_risk = 0")
    for column in ("owner_id", "agency_id", "meeting_id"):
        value = getattr(query, column)
        if value is not None:
            clauses.append(f"a.{column} = ?")
            params.append(value)
    match = fts_query(query.text)
    if match:
        clauses.append("a.id IN (SELECT rowid FROM actions_fts WHERE actions_fts MATCH ?)")
        params.append(match)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def rag_of(action: Action, today: dt.date, amber_days: int = AMBER_DAYS) -> str:
    """The action's ``Rag`` value: red: overdue or blocked; amber: at risk or due
    within ``amber_days`` (the setting); no_date: open with no due date; green:
    on track; closed."""
    return rag(
        action.status.value,
        action.due,
        today,
        blocked=action.blocked,
        at_risk=action.at_risk,
        amber_days=amber_days,
    ).value
