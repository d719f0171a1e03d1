"""Migration 0009_agenda_item_kinds. Released: never edit it; add a new one instead."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


# The titles as the standard agenda had them when this migration was written
# (copied, not imported: a released migration must not change with the code).
_DECLARATIONS = re.compile(r"\s*declarations? of interests?\b", re.IGNORECASE)
_MATTERS_ARISING = re.compile(r"matters arising", re.IGNORECASE)


def _kind(title: str) -> str | None:
    if _DECLARATIONS.match(title):
        return "declarations"
    if _MATTERS_ARISING.match(title):
        return "matters_arising"
    return None


def apply(db: Database) -> None:
    # Which agenda item is the declarations item, which the matters arising: a
    # kind of its own, so that a title edited later does not lose it. The items
    # and the template already there get theirs from their titles, as before.
    run_script(
        db,
        """
        ALTER TABLE agenda_items ADD COLUMN kind TEXT
            CHECK (kind IS NULL OR kind IN ('declarations', 'matters_arising'));
        ALTER TABLE agenda_template ADD COLUMN kind TEXT
            CHECK (kind IS NULL OR kind IN ('declarations', 'matters_arising'));
        """,
    )
    for table in ("agenda_items", "agenda_template"):
        rows = db.execute(f"SELECT id, title FROM {table}").fetchall()
        for record_id, title in rows:
            kind = _kind(title or "")
            if kind is not None:
                db.execute(f"UPDATE {table} SET kind = ? WHERE id = ?", [kind, record_id])
