"""Migration 0001_foundation. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    run_script(
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
