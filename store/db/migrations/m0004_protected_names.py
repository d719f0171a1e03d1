"""Migration 0004_protected_names. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE protected_people (
            id INTEGER PRIMARY KEY,
            pseudonym TEXT NOT NULL UNIQUE COLLATE NOCASE,
            real_name TEXT NOT NULL,
            other_names TEXT NOT NULL DEFAULT '',
            relation TEXT NOT NULL DEFAULT 'child',
            note TEXT
        );
        """,
    )
