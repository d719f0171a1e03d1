"""Migration 0007_settings_cancelled_withdrawn_one_time_spelling. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script
from store.db.migrations.spelling import respell_times

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    # Settings a chair changes: the default quorum of a board or sub-group and the
    # amber window. A meeting is cancelled (kept, marked) rather than deleted once
    # it is on record; a decision is withdrawn, never deleted, with its reason.
    # And one spelling for every stored time.
    run_script(
        db,
        """
        ALTER TABLE settings ADD COLUMN quorum_members INTEGER;
        ALTER TABLE settings ADD COLUMN amber_days INTEGER NOT NULL DEFAULT 7;
        ALTER TABLE meetings ADD COLUMN cancelled_at TEXT;
        ALTER TABLE meetings ADD COLUMN cancelled_reason TEXT;
        ALTER TABLE decisions ADD COLUMN withdrawn_at TEXT;
        ALTER TABLE decisions ADD COLUMN withdrawn_reason TEXT;
        """,
    )
    respell_times(db)
