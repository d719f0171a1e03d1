"""Migration 0002_live_meeting. Released: never edit it; add a new one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database


def apply(db: Database) -> None:
    run_script(
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
