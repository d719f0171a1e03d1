"""One search across the whole record: meetings' items and minutes, decisions,
actions and their updates, rapid reviews and escalations (issue 17).

The index is a table of entries (migration 0013), one per record, and its FTS5
index. It is kept out of the typing path: the minutes autosave writes only the
item's own row. The app calls ``index_item`` when the chair leaves an item,
``index_meeting`` when a meeting ends, and ``catch_up`` (on a worker) on open,
which brings every entry up to date from the record, writing only those that
differ. The entries hold real names, as the record does: the chair's own search
shows them; anything printed for others goes through the register's redaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from store.domain import errors
from store.domain.search import fts_query

if TYPE_CHECKING:
    from store.db.unit import Unit

Kind = Literal["item", "decision", "action", "review", "escalation"]
# In the order results are grouped.
KINDS: Final[tuple[Kind, ...]] = ("item", "decision", "action", "review", "escalation")
KIND_LABELS: Final[dict[Kind, str]] = {
    "item": "Minutes",
    "decision": "Decisions",
    "action": "Actions",
    "review": "Rapid reviews",
    "escalation": "Escalations",
}

# Around each matching word in ``SearchHit.snippet``: control characters that no
# typed text holds, so a screen splits on them (and never parses the text as
# markup) and the redactor reads through them as it does other invisible marks.
MARK_START: Final = "\x02"
MARK_END: Final = "\x03"
ELLIPSIS: Final = "…"
SNIPPET_WORDS: Final = 16
DEFAULT_LIMIT: Final = 50
WINDOW: Final = 400
BATCH: Final = 500
OPTIMIZE_AFTER: Final = 5_000  # entries written per transaction: the autosave never waits long

_LINE = "char(10)"


def _joined(*columns: str) -> str:
    """SQL for the non-empty ``columns`` one per line (SQLite 3.40 has no concat_ws)."""
    return " || ".join(f"coalesce(nullif({c}, '') || {_LINE}, '')" for c in columns)


# For each kind: the record's rows as entries (source_id, meeting_id, item_id,
# series, on_date, label, title, body), the source table's alias for a filter.
_SOURCES: Final[dict[Kind, tuple[str, str]]] = {
    "item": (
        """SELECT i.id AS source_id, i.meeting_id AS meeting_id, i.id AS item_id,
            m.series AS series, m.date AS on_date, m.title || ' · ' || i.title AS label,
            i.title AS title, i.minutes AS body
        FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id""",
        "i",
    ),
    "decision": (
        f"""SELECT d.id AS source_id, d.meeting_id AS meeting_id, d.item_id AS item_id,
            m.series AS series, substr(d.made_at, 1, 10) AS on_date,
            coalesce(d.reference || ' · ', '') || m.title AS label,
            coalesce(d.reference, '') AS title,
            {_joined("d.text", "d.rationale", "d.decided_by", "d.withdrawn_reason")} AS body
        FROM decisions d JOIN meetings m ON m.id = d.meeting_id""",
        "d",
    ),
    "action": (
        f"""SELECT a.id AS source_id, a.meeting_id AS meeting_id, a.item_id AS item_id,
            m.series AS series, a.raised_on AS on_date, a.reference AS label,
            a.reference AS title,
            {_joined("a.description")} || coalesce((SELECT group_concat(u.text, {_LINE})
                FROM (SELECT text FROM action_updates WHERE action_id = a.id AND text != ''
                      ORDER BY id) u), '') AS body
        FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id""",
        "a",
    ),
    "review": (
        f"""SELECT r.id AS source_id, r.meeting_id AS meeting_id, NULL AS item_id,
            m.series AS series, r.notified_on AS on_date, r.reference AS label,
            r.reference AS title,
            {
            _joined(
                "r.background",
                "r.practice_episodes",
                "r.good_practice",
                "r.learning_local",
                "r.learning_national",
                "r.inequality",
                "r.criteria",
                "r.rationale",
                "r.other_learning",
                "r.late_reason",
                "r.lcspr_reviewer",
            )
        } || coalesce((SELECT group_concat(summary, {_LINE}) FROM review_agencies
                WHERE review_id = r.id AND summary != ''), '') AS body
        FROM rapid_reviews r LEFT JOIN meetings m ON m.id = r.meeting_id""",
        "r",
    ),
    "escalation": (
        f"""SELECT e.id AS source_id, e.closed_meeting_id AS meeting_id, NULL AS item_id,
            m.series AS series, e.raised_on AS on_date, e.reference AS label,
            e.reference AS title,
            {
            _joined(
                "e.decision_disputed",
                "e.raiser_position",
                "e.other_position",
                "e.outcome",
                "e.learning_theme",
                "e.holder",
            )
        } || coalesce((SELECT group_concat(note, {_LINE}) FROM escalation_stages
                WHERE escalation_id = e.id AND note != ''), '') AS body
        FROM escalations e LEFT JOIN meetings m ON m.id = e.closed_meeting_id""",
        "e",
    ),
}
# An entry's id is its date's day number, its kind and its record's id, so the
# index's own order (rowid) is by date: the newest matches are read first, and a
# search ranks a window of them rather than every match in ten years.
_SOURCE_BITS: Final = 24  # record ids up to 16,777,215 a kind
_ENTRY_ID: Final = (
    "(coalesce(CAST(julianday(on_date) - 2440587.5 AS INTEGER), 0) "
    f"<< {_SOURCE_BITS + 3}) + (?1 << {_SOURCE_BITS}) + source_id"
)
_COLUMNS = ("meeting_id", "item_id", "series", "on_date", "label", "title", "body")


@dataclass(frozen=True)
class SearchHit:
    """One match: which record, where to open it, and the words in context.

    ``kind`` is one of ``KINDS``; ``record_id`` the record's own id (the agenda
    item's, the decision's, the action's, the review's, the escalation's). A
    minutes match opens the meeting ``meeting_id`` at item ``item_id``; a
    decision or action also carries the meeting (and item) it was made at, when
    it was. ``snippet`` is the matching words of the body (minutes, text, notes)
    in context, each between ``MARK_START`` and ``MARK_END``, cut with
    ``ELLIPSIS`` (the body's opening words when only the title matched: the
    label shows the title); ``rank`` is bm25
    (lower is better). Real names are as recorded.
    """

    kind: Kind
    record_id: int
    meeting_id: int | None
    item_id: int | None
    on_date: dt.date | None
    label: str
    snippet: str
    rank: float


def grouped(hits: Iterable[SearchHit]) -> dict[Kind, list[SearchHit]]:
    """Hits by kind, kinds in ``KINDS`` order, each keeping its rank order."""
    groups: dict[Kind, list[SearchHit]] = {kind: [] for kind in KINDS}
    for hit in hits:
        groups[hit.kind].append(hit)
    return {kind: found for kind, found in groups.items() if found}


class SearchPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit

    # -- keeping the index ------------------------------------------------------

    def stale(self, kinds: Sequence[Kind] = KINDS) -> dict[Kind, tuple[list[int], list[int]]]:
        """For each kind, the record ids whose entry is missing or differs from the
        record, and the entries' ids whose record is gone. Reads only."""
        found: dict[Kind, tuple[list[int], list[int]]] = {}
        for kind in kinds:
            gone = self.unit.rows(
                "SELECT source_id FROM search_entries WHERE kind = ? "
                f"AND source_id NOT IN (SELECT id FROM {_table(kind)})",
                [kind],
            )
            found[kind] = (self._changed(kind), [r["source_id"] for r in gone])
        return found

    def _changed(self, kind: Kind, where: str = "", params: Sequence[Any] = ()) -> list[int]:
        """The ids of ``kind``'s records (those ``where`` picks, or all) whose entry
        is missing or differs from the record."""
        source, _alias = _SOURCES[kind]
        differs = " OR ".join(f"e.{c} IS NOT s.{c}" for c in _COLUMNS)
        rows = self.unit.rows(
            f"SELECT s.source_id FROM ({source}{f' WHERE {where}' if where else ''}) s "
            "LEFT JOIN search_entries e ON e.uid = ? || ':' || s.source_id "
            f"WHERE e.id IS NULL OR {differs}",
            [*params, kind],
        )
        return [r["source_id"] for r in rows]

    def pending(self) -> int:
        """How many entries ``catch_up`` would write or remove (0: the index is
        current). Reads only, so a read-only file can say what it lacks."""
        return sum(len(changed) + len(gone) for changed, gone in self.stale().values())

    def catch_up(self) -> int:
        """Bring every kind's entries up to date with the record; the number of
        entries written or removed. Only rows that differ are written, in short
        transactions (the autosave goes on between them); when nothing changed it
        only reads. Safe on a worker thread. ``ReadOnlyFile`` on a read-only file
        with anything to write."""
        written = 0
        for kind, (changed, gone) in self.stale().items():
            written += self._write(kind, changed, gone)
        if written >= OPTIMIZE_AFTER:
            # Many batches leave the index in many small pieces, which a search
            # reads one by one (5 ms rather than 3 on ten years); merged once, in
            # about 0.4 s on ten years, after a first index or a large catch-up.
            with self.unit.write() as db:
                db.execute("INSERT INTO search_entries_fts(search_entries_fts) VALUES ('optimize')")
        return written

    def index_item(self, item_id: int) -> int:
        """Index one agenda item's title and minutes, and the decisions and actions
        recorded at it (the chair has left the item). The entries written."""
        written = self._refresh("item", "i.id = ?", [item_id])
        written += self._refresh("decision", "d.item_id = ?", [item_id])
        return written + self._refresh("action", "a.item_id = ?", [item_id])

    def index_meeting(self, meeting_id: int) -> int:
        """Index a meeting's items, minutes, decisions and actions (it has ended,
        or its record changed). The entries written."""
        written = self._refresh("item", "i.meeting_id = ?", [meeting_id])
        written += self._refresh("decision", "d.meeting_id = ?", [meeting_id])
        return written + self._refresh("action", "a.meeting_id = ?", [meeting_id])

    def _refresh(self, kind: Kind, where: str, params: list[Any]) -> int:
        return self._write(kind, self._changed(kind, where, params), [])

    def _write(self, kind: Kind, changed: list[int], gone: list[int]) -> int:
        source, alias = _SOURCES[kind]
        columns = ", ".join(_COLUMNS)
        # An entry's id orders the index newest first (see _ENTRY_ID), so a changed
        # entry is written again, not updated in place: its date may have moved.
        insert = (
            f"INSERT INTO search_entries (id, uid, kind, source_id, {columns}) "
            f"SELECT {_ENTRY_ID}, ?2 || ':' || source_id, ?2, source_id, {columns} "
            f"FROM ({source} WHERE {alias}.id IN (SELECT value FROM json_each(?3)))"
        )
        drop = (
            "DELETE FROM search_entries WHERE uid IN (SELECT ?1 || ':' || value FROM json_each(?2))"
        )
        for start in range(0, len(changed), BATCH):
            batch = json.dumps(changed[start : start + BATCH])
            with self.unit.write() as db:
                db.execute(drop, [kind, batch])
                db.execute(insert, [KINDS.index(kind), kind, batch])
        for start in range(0, len(gone), BATCH):
            with self.unit.write() as db:
                db.execute(drop, [kind, json.dumps(gone[start : start + BATCH])])
        return len(changed) + len(gone)

    # -- searching ---------------------------------------------------------------

    def find(
        self,
        words: str,
        *,
        kinds: Iterable[Kind] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        series: str | None = None,
        limit: int = DEFAULT_LIMIT,
        window: int | None = WINDOW,
    ) -> list[SearchHit]:
        """The entries matching ``words`` as typed (see ``store.domain.search.fts_query``:
        prefixes, "phrases", any case, accents or not; never a syntax error), best
        first (bm25, titles and references weighing double), at most ``limit``.

        Filters: ``kinds`` (of ``KINDS``), a date range (inclusive; the meeting's
        date for minutes, the day made, raised or notified for the others), a
        meeting ``series``. Nothing searchable typed: no hits. Of more than
        ``window`` matches, the ``window`` newest are ranked (so a common word costs
        the same on ten years as on one); ``window=None`` ranks every match. Group them with
        ``grouped``. The index is as of the last ``catch_up``/``index_*``.
        """
        match = fts_query(words)
        if not match or limit <= 0:
            return []
        clauses: list[str] = []
        params: list[Any] = []
        if kinds is not None:
            chosen = [k for k in kinds if k in _SOURCES]
            unknown = set(kinds) - set(_SOURCES)
            if unknown:
                raise errors.InvalidValue(
                    {"kind": f"no kind {sorted(unknown)[0]!r}: use {', '.join(KINDS)}"}
                )
            clauses.append("kind IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(chosen))
        if since is not None:
            clauses.append("on_date >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("on_date <= ?")
            params.append(until.isoformat())
        if series is not None:
            clauses.append("series = ?")
            params.append(series)
        # The filters read the entries' own columns, the index the outer loop
        # (CROSS JOIN: the planner would otherwise walk every entry of a kind).
        joined = " CROSS JOIN search_entries e ON e.id = f.rowid" if clauses else ""
        where = "WHERE search_entries_fts MATCH ?" + "".join(f" AND e.{c}" for c in clauses)
        if window is not None:
            # The index is in date order: the window-th newest match bounds the rest.
            oldest = self.unit.scalar(
                f"SELECT f.rowid FROM search_entries_fts f{joined} {where} "
                "ORDER BY f.rowid DESC LIMIT 1 OFFSET ?",
                [match, *params, max(window, limit) - 1],
            )
            if oldest is not None:
                where += " AND f.rowid >= ?"
                params.append(oldest)
        # Ranked on the index alone; the snippets are made for the few kept.
        top = self.unit.rows(
            "SELECT f.rowid AS id, bm25(search_entries_fts, 2.0, 1.0) AS rank "
            f"FROM search_entries_fts f{joined} {where} ORDER BY rank LIMIT ?",
            [match, *params, limit],
        )
        if not top:
            return []
        ranks = {r["id"]: float(r["rank"]) for r in top}
        rows = self.unit.rows(
            "SELECT e.id, e.kind, e.source_id, e.meeting_id, e.item_id, e.on_date, e.label, "
            "snippet(search_entries_fts, 1, ?, ?, ?, ?) AS snippet "
            "FROM search_entries_fts JOIN search_entries e ON e.id = search_entries_fts.rowid "
            # The index reads the range; the list filters it ("+": given to the index,
            # each value of the list would run the whole query again).
            "WHERE search_entries_fts MATCH ? AND search_entries_fts.rowid BETWEEN ? AND ? "
            "AND +search_entries_fts.rowid IN (SELECT value FROM json_each(?))",
            [
                *(MARK_START, MARK_END, ELLIPSIS, SNIPPET_WORDS, match),
                *(min(ranks), max(ranks), json.dumps(list(ranks))),
            ],
        )
        hits = [
            SearchHit(
                kind=r["kind"],
                record_id=int(r["source_id"]),
                meeting_id=r["meeting_id"],
                item_id=r["item_id"],
                on_date=dt.date.fromisoformat(r["on_date"]) if r["on_date"] else None,
                label=r["label"] or "",
                snippet=r["snippet"] or "",
                rank=ranks[r["id"]],
            )
            for r in rows
        ]
        return sorted(hits, key=lambda h: (h.rank, h.kind, h.record_id))


def _table(kind: Kind) -> str:
    return {
        "item": "agenda_items",
        "decision": "decisions",
        "action": "actions",
        "review": "rapid_reviews",
        "escalation": "escalations",
    }[kind]


__all__ = [
    "DEFAULT_LIMIT",
    "ELLIPSIS",
    "KINDS",
    "KIND_LABELS",
    "MARK_END",
    "MARK_START",
    "WINDOW",
    "Kind",
    "SearchHit",
    "SearchPart",
    "grouped",
]
