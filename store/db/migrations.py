"""Ordered schema migrations. Append only: never edit or reorder a released one.

Each migration is a function of the sqlite-utils ``Database``. The list's
length is the schema version, mirrored in ``PRAGMA user_version`` so that a
header read can tell a newer file without opening it.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "quorate"


def m0001_foundation(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            partnership_name TEXT NOT NULL,
            classification TEXT NOT NULL DEFAULT 'OFFICIAL-SENSITIVE',
            user_name TEXT
        );
        INSERT INTO settings (id, partnership_name, classification)
            VALUES (1, 'Safeguarding Children Partnership', 'OFFICIAL-SENSITIVE');

        CREATE TABLE agencies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            short_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            statutory INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            initials TEXT NOT NULL,
            job_title TEXT,
            agency_id INTEGER REFERENCES agencies(id),
            email TEXT
        );
        CREATE INDEX people_agency ON people(agency_id);

        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            series TEXT NOT NULL,
            date TEXT NOT NULL,
            start_time TEXT NOT NULL,
            location TEXT,
            chair_id INTEGER REFERENCES people(id),
            status TEXT NOT NULL DEFAULT 'planned',
            quorum_members INTEGER,
            started_at TEXT,
            ended_at TEXT
        );
        CREATE INDEX meetings_date ON meetings(date, start_time);
        CREATE INDEX meetings_series ON meetings(series, date);
        CREATE INDEX meetings_chair ON meetings(chair_id);

        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            purpose TEXT NOT NULL,
            presenter_id INTEGER REFERENCES people(id),
            planned_minutes INTEGER NOT NULL,
            minutes TEXT NOT NULL DEFAULT '',
            started_at TEXT,
            ended_at TEXT
        );
        CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
        CREATE INDEX agenda_items_presenter ON agenda_items(presenter_id);

        CREATE TABLE attendance (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            status TEXT NOT NULL,
            deputy_id INTEGER REFERENCES people(id),
            note TEXT,
            UNIQUE (meeting_id, person_id)
        );
        CREATE INDEX attendance_person ON attendance(person_id);
        CREATE INDEX attendance_deputy ON attendance(deputy_id);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            table_name TEXT NOT NULL,
            record_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            who TEXT NOT NULL
        );
        CREATE INDEX audit_record ON audit(table_name, record_id);
        """,
    )


def _run_script(db: Database, script: str) -> None:
    # Connection.executescript() commits first, which would break the
    # migration's transaction; run the statements one by one instead.
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement in migration")


def m0002_live_meeting(db: Database) -> None:
    _run_script(
        db,
        """
        ALTER TABLE agenda_items ADD COLUMN standing INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE agenda_items ADD COLUMN elapsed_seconds INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE agenda_items ADD COLUMN entered_at TEXT;
        ALTER TABLE meetings ADD COLUMN current_item_id INTEGER
            REFERENCES agenda_items(id) ON DELETE SET NULL;

        CREATE TABLE agenda_template (
            id INTEGER PRIMARY KEY,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            purpose TEXT NOT NULL,
            planned_minutes INTEGER NOT NULL,
            at_end INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO agenda_template (position, title, purpose, planned_minutes, at_end) VALUES
            (1, 'Welcome, introductions and apologies', 'information', 5, 0),
            (2, 'Declarations of interest', 'information', 5, 0),
            (3, 'Minutes of the previous meeting', 'decision', 5, 0),
            (4, 'Matters arising and the action log', 'discussion', 15, 0),
            (5, 'Any other business', 'discussion', 10, 1),
            (6, 'Date of next meeting', 'information', 5, 1);

        CREATE TABLE movements (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            kind TEXT NOT NULL CHECK (kind IN ('arrived', 'left')),
            at TEXT NOT NULL
        );
        CREATE INDEX movements_meeting ON movements(meeting_id, at);
        CREATE INDEX movements_person ON movements(person_id);

        CREATE TABLE quorum_events (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            quorate INTEGER NOT NULL,
            missing TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX quorum_events_meeting ON quorum_events(meeting_id, at);

        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            made_at TEXT NOT NULL
        );
        CREATE INDEX decisions_meeting ON decisions(meeting_id, item_id);

        CREATE TABLE declarations (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id),
            item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
            nature TEXT NOT NULL,
            left_room INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX declarations_meeting ON declarations(meeting_id);
        CREATE INDEX declarations_person ON declarations(person_id);
        """,
    )


def m0003_actions(db: Database) -> None:
    _run_script(
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
    _run_script(
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


def m0004_protected_names(db: Database) -> None:
    _run_script(
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


def m0005_register_kept(db: Database) -> None:
    # The register is the key to the record: an entry is retired, never deleted, and
    # a form that stops being current (a renamed child, a removed nickname) is kept in
    # former_names, so everything typed with it stays redacted for ever.
    _run_script(
        db,
        """
        ALTER TABLE protected_people ADD COLUMN former_names TEXT NOT NULL DEFAULT '';
        ALTER TABLE protected_people ADD COLUMN retired_on TEXT;
        """,
    )


def m0006_search_indexes_for_other_tools(db: Database) -> None:
    # sqlite-utils and Datasette find a table's search index by content="table"
    # in its CREATE statement; with single quotes neither saw them. The triggers
    # name the index, not its definition, so they carry on as they are.
    _run_script(
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


# Every column that holds a time (not a date). One spelling, by store/domain/stamps.py.
TIME_COLUMNS = (
    ("meetings", "started_at"),
    ("meetings", "ended_at"),
    ("meetings", "cancelled_at"),
    ("agenda_items", "started_at"),
    ("agenda_items", "ended_at"),
    ("agenda_items", "entered_at"),
    ("audit", "at"),
    ("audit", "old"),
    ("audit", "new"),
    ("movements", "at"),
    ("quorum_events", "at"),
    ("decisions", "made_at"),
    ("decisions", "withdrawn_at"),
    ("action_updates", "at"),
)


def respell_times(db: Database) -> None:
    """Rewrite every stored time in the one spelling (sqlite-utils' own record of
    applied migrations included); anything that is not a time is left as it was."""
    from store.domain.stamps import normalised

    db.conn.create_function("quorate_time", 1, normalised, deterministic=True)
    columns = {
        (table, column)
        for table, column in (*TIME_COLUMNS, ("_sqlite_migrations", "applied_at"))
        if table in db.table_names() and column in db[table].columns_dict
    }
    for table, column in sorted(columns):
        db.execute(
            f'UPDATE "{table}" SET "{column}" = quorate_time("{column}") '
            f'WHERE "{column}" IS NOT NULL AND "{column}" != quorate_time("{column}")'
        )


def respell_applied(db: Database) -> None:
    """sqlite-utils records each applied migration with ``str(datetime)``: respell it."""
    from store.domain.stamps import normalised

    db.conn.create_function("quorate_time", 1, normalised, deterministic=True)
    db.execute(
        "UPDATE _sqlite_migrations SET applied_at = quorate_time(applied_at) "
        "WHERE applied_at != quorate_time(applied_at)"
    )


def m0007_settings_cancelled_withdrawn_one_time_spelling(db: Database) -> None:
    # Settings a chair changes: the default quorum of a board or sub-group and the
    # amber window. A meeting is cancelled (kept, marked) rather than deleted once
    # it is on record; a decision is withdrawn, never deleted, with its reason.
    # And one spelling for every stored time.
    _run_script(
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


# Append only. The names are what the file records; never rename one.
MIGRATIONS: list[tuple[str, Callable[[Database], None]]] = [
    ("0001_foundation", m0001_foundation),
    ("0002_live_meeting", m0002_live_meeting),
    ("0003_actions", m0003_actions),
    ("0004_protected_names", m0004_protected_names),
    ("0005_register_kept", m0005_register_kept),
    ("0006_search_indexes_for_other_tools", m0006_search_indexes_for_other_tools),
    (
        "0007_settings_cancelled_withdrawn_one_time_spelling",
        m0007_settings_cancelled_withdrawn_one_time_spelling,
    ),
]


@functools.cache
def migration_set() -> Migrations:
    """The sqlite-utils ``Migrations``, built on first use: sqlite-utils is only
    imported when a file is created or upgraded, which keeps start-up quick."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, function in MIGRATIONS:
        migrations(name=name)(function)
    return migrations


def known_names() -> list[str]:
    """The names of every migration this version knows, in order."""
    return [name for name, _ in MIGRATIONS]


def latest_version() -> int:
    return len(known_names())
