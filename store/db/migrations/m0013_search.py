"""Migration 0013_search. Released: never edit it; add a new one instead.

One search across the whole record (issue 17): a table of search entries, one
per agenda item (its title and minutes), decision, action (with its updates),
rapid review and escalation (with its stages' notes), and its FTS5 index
``search_entries_fts``, an external-content table over it as the action and
decision indexes are (migration 0006), so that ``sqlite-utils search`` and
Datasette's ``?_search=`` read it too.

The entries are filled by ``store.search.SearchPart`` (catch-up on open, and
when the chair leaves an item or ends a meeting), never by triggers on the
record's own tables: the minutes autosave writes several times a second and must
not pay for indexing. The triggers here only keep the index in step with the
entries table.
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
        CREATE TABLE search_entries (
            id INTEGER PRIMARY KEY,
            -- "item:85": the entry's kind and its record's id, the one key the
            -- entries are found by (derived, like the entry: the same on any laptop).
            uid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN
                ('item', 'decision', 'action', 'review', 'escalation')),
            source_id INTEGER NOT NULL,
            meeting_id INTEGER,
            item_id INTEGER,
            series TEXT,
            on_date TEXT,
            label TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX search_entries_date ON search_entries(on_date);

        CREATE VIRTUAL TABLE search_entries_fts USING fts5(
            title, body, content="search_entries", content_rowid="id",
            tokenize="unicode61 remove_diacritics 2"
        );
        CREATE TRIGGER search_entries_fts_insert AFTER INSERT ON search_entries BEGIN
            INSERT INTO search_entries_fts(rowid, title, body)
            VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER search_entries_fts_delete AFTER DELETE ON search_entries BEGIN
            INSERT INTO search_entries_fts(search_entries_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER search_entries_fts_update AFTER UPDATE OF title, body
        ON search_entries BEGIN
            INSERT INTO search_entries_fts(search_entries_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO search_entries_fts(rowid, title, body)
            VALUES (new.id, new.title, new.body);
        END;
        """,
    )
