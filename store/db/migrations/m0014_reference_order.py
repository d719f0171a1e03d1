"""Migration 0014_reference_order. Released: never edit it; add a new one instead.

The action log sorted by reference (``s``) orders by the reference's year, then
its number (``store/action_log.py``: past A-2026-999, text order would put
A-2026-1000 before A-2026-101). Without an index on those two expressions every
action was sorted in a temporary B-tree for each page: 2.9 times as long on ten
years as on the sample (benchmarks/keys.py). With it a page reads the index in
order and stops at the page's end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    run_script(
        db,
        """
        -- The expressions exactly as store/action_log.py orders by them: SQLite
        -- uses an expression index only for the same expression.
        CREATE INDEX actions_reference_order
            ON actions(substr(reference, 3, 4), CAST(substr(reference, 8) AS INTEGER));
        """,
    )
