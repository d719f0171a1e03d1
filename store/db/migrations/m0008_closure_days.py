"""Migration 0008_closure_days. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    # The partnership's own closure days, which the working-day clocks skip as
    # they skip bank holidays. Like every table from here on, a stable unique id
    # (a UUID) beside the integer key, so that records made on two laptops can
    # later be told apart.
    run_script(
        db,
        """
        CREATE TABLE closure_days (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL UNIQUE
                CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            reason TEXT NOT NULL DEFAULT ''
        );
        """,
    )
