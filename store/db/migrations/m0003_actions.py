"""Migration 0003_actions. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE reference_counters (
            prefix TEXT NOT NULL,
            year INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (prefix, year)
        );

        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL,
            owner_id INTEGER REFERENCES people(id),
            agency_id INTEGER REFERENCES agencies(id),
            meeting_id INTEGER REFERENCES meetings(id),
            item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
            raised_on TEXT NOT NULL,
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            blocked INTEGER NOT NULL DEFAULT 0,
            closed_on TEXT,
            latest_update TEXT,
            latest_update_on TEXT
        );
        CREATE INDEX actions_status_due ON actions(status, due);
        -- The log's order (due dates first, then by reference) for each common
        -- filter, so a page is read in order rather than sorting every match.
        -- The open test is spelt as in ActionsMixin._where to match these.
        CREATE INDEX actions_log_order ON actions(due IS NULL, due, reference);
        CREATE INDEX actions_open_order ON actions(
            status IN ('open', 'in_progress'), due IS NULL, due, reference, blocked);
        CREATE INDEX actions_owner_order ON actions(owner_id, due IS NULL, due, reference);
        CREATE INDEX actions_owner_open_order ON actions(
            owner_id, status IN ('open', 'in_progress'), due IS NULL, due, reference);
        CREATE INDEX actions_agency_order ON actions(agency_id, due IS NULL, due, reference);
        CREATE INDEX actions_agency_open_order ON actions(
            agency_id, status IN ('open', 'in_progress'), due IS NULL, due, reference);
        CREATE INDEX actions_meeting ON actions(meeting_id);
        CREATE INDEX actions_item ON actions(item_id);

        CREATE TABLE action_updates (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            on_date TEXT NOT NULL,
            meeting_id INTEGER REFERENCES meetings(id),
            kind TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX action_updates_action ON action_updates(action_id, id);
        CREATE INDEX action_updates_meeting ON action_updates(meeting_id);

        CREATE VIRTUAL TABLE actions_fts USING fts5(
            reference, description, latest_update, content='actions', content_rowid='id'
        );
        CREATE TRIGGER actions_fts_insert AFTER INSERT ON actions BEGIN
            INSERT INTO actions_fts(rowid, reference, description, latest_update)
            VALUES (new.id, new.reference, new.description, coalesce(new.latest_update, ''));
        END;
        CREATE TRIGGER actions_fts_delete AFTER DELETE ON actions BEGIN
            INSERT INTO actions_fts(actions_fts, rowid, reference, description, latest_update)
            VALUES ('delete', old.id, old.reference, old.description, coalesce(old.latest_update, ''));
        END;
        CREATE TRIGGER actions_fts_update AFTER UPDATE OF reference, description, latest_update
        ON actions BEGIN
            INSERT INTO actions_fts(actions_fts, rowid, reference, description, latest_update)
            VALUES ('delete', old.id, old.reference, old.description, coalesce(old.latest_update, ''));
            INSERT INTO actions_fts(rowid, reference, description, latest_update)
            VALUES (new.id, new.reference, new.description, coalesce(new.latest_update, ''));
        END;

        ALTER TABLE decisions ADD COLUMN reference TEXT;
        CREATE UNIQUE INDEX decisions_reference ON decisions(reference);
        """,
    )
    # Decisions made before references existed get them now, in date order.
    rows = db.execute("SELECT id, made_at FROM decisions ORDER BY made_at, id").fetchall()
    counters: dict[int, int] = {}
    for decision_id, made_at in rows:
        year = int(str(made_at)[:4])
        counters[year] = counters.get(year, 0) + 1
        db.execute(
            "UPDATE decisions SET reference = ? WHERE id = ?",
            [f"D-{year}-{counters[year]:03d}", decision_id],
        )
    for year, last in counters.items():
        db.execute(
            "INSERT INTO reference_counters (prefix, year, last) VALUES ('D', ?, ?)", [year, last]
        )
    # The search index comes after the backfill (its update trigger would try to
    # remove index entries that were never made), then indexes what is there.
    run_script(
        db,
        """
        CREATE VIRTUAL TABLE decisions_fts USING fts5(
            reference, text, content='decisions', content_rowid='id'
        );
        CREATE TRIGGER decisions_fts_insert AFTER INSERT ON decisions BEGIN
            INSERT INTO decisions_fts(rowid, reference, text)
            VALUES (new.id, coalesce(new.reference, ''), new.text);
        END;
        CREATE TRIGGER decisions_fts_delete AFTER DELETE ON decisions BEGIN
            INSERT INTO decisions_fts(decisions_fts, rowid, reference, text)
            VALUES ('delete', old.id, coalesce(old.reference, ''), old.text);
        END;
        CREATE TRIGGER decisions_fts_update AFTER UPDATE OF reference, text ON decisions BEGIN
            INSERT INTO decisions_fts(decisions_fts, rowid, reference, text)
            VALUES ('delete', old.id, coalesce(old.reference, ''), old.text);
            INSERT INTO decisions_fts(rowid, reference, text)
            VALUES (new.id, coalesce(new.reference, ''), new.text);
        END;
        INSERT INTO decisions_fts(decisions_fts) VALUES ('rebuild');
        """,
    )
