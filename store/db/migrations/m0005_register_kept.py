"""Migration 0005_register_kept. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    # The register is the key to the record: an entry is retired, never deleted, and
    # a form that stops being current (a renamed child, a removed nickname) is kept in
    # former_names, so everything typed with it stays redacted for ever.
    run_script(
        db,
        """
        ALTER TABLE protected_people ADD COLUMN former_names TEXT NOT NULL DEFAULT '';
        ALTER TABLE protected_people ADD COLUMN retired_on TEXT;
        """,
    )
