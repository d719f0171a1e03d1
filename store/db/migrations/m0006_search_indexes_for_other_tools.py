"""Migration 0006_search_indexes_for_other_tools. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    # sqlite-utils and Datasette find a table's search index by content="table"
    # in its CREATE statement; with single quotes neither saw them. The triggers
    # name the index, not its definition, so they carry on as they are.
    run_script(
        db,
        """
        DROP TABLE actions_fts;
        CREATE VIRTUAL TABLE actions_fts USING fts5(
            reference, description, latest_update, content="actions", content_rowid="id"
        );
        INSERT INTO actions_fts(actions_fts) VALUES ('rebuild');
        DROP TABLE decisions_fts;
        CREATE VIRTUAL TABLE decisions_fts USING fts5(
            reference, text, content="decisions", content_rowid="id"
        );
        INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild');
        """,
    )
