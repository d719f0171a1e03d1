"""Migration 0012_escalations. Released: never edit it; add a new one instead.

Escalations (issue 14): professional disagreements between agencies, each at a
stage of the partnership's policy with who holds it and its due date, and the
history of its stages; the policy is a setting (NULL: domain.md's default), and
each escalation keeps the policy it started under. A circulated file now says
which rapid review or escalation summary it was. Agenda items titled as the
escalations item are marked as such.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database

_ESCALATIONS = re.compile(r"\s*(open |the )?escalations\b", re.IGNORECASE)


def apply(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE escalations (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            reference TEXT NOT NULL UNIQUE,
            child_id INTEGER REFERENCES protected_people(id),
            raised_on TEXT NOT NULL,
            raised_by_id INTEGER REFERENCES people(id),
            raised_by_role TEXT,
            raised_by_agency_id INTEGER NOT NULL REFERENCES agencies(id),
            raised_with_agency_id INTEGER NOT NULL REFERENCES agencies(id),
            decision_disputed TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN ('thresholds', 'assessment_outcome',
                'roles', 'services', 'information_sharing', 'other')),
            urgent INTEGER NOT NULL DEFAULT 0,
            raiser_position TEXT NOT NULL DEFAULT '',
            other_position TEXT NOT NULL DEFAULT '',
            policy_json TEXT NOT NULL,
            stage INTEGER NOT NULL DEFAULT 1,
            holder_id INTEGER REFERENCES people(id),
            holder TEXT,
            stage_due TEXT,
            stage_due_at TEXT,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'resolved', 'closed')),
            outcome TEXT,
            closed_on TEXT,
            closed_meeting_id INTEGER REFERENCES meetings(id),
            learning_theme TEXT,
            referred_to TEXT CHECK (referred_to IS NULL OR referred_to IN
                ('executive', 'scrutineer')),
            days_open INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX escalations_raised ON escalations(raised_on);
        CREATE INDEX escalations_open ON escalations(stage, stage_due) WHERE status = 'open';

        CREATE TABLE escalation_stages (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            escalation_id INTEGER NOT NULL REFERENCES escalations(id),
            stage INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            entered_on TEXT NOT NULL,
            entered_at TEXT,
            holder_id INTEGER REFERENCES people(id),
            holder TEXT,
            due TEXT NOT NULL,
            due_at TEXT,
            note TEXT NOT NULL DEFAULT '',
            meeting_id INTEGER REFERENCES meetings(id),
            left_on TEXT
        );
        CREATE INDEX escalation_stages_of ON escalation_stages(escalation_id, id);
        CREATE INDEX escalation_stages_meeting ON escalation_stages(meeting_id)
            WHERE meeting_id IS NOT NULL;

        ALTER TABLE settings ADD COLUMN escalation_policy TEXT;
        ALTER TABLE circulations ADD COLUMN review_id INTEGER REFERENCES rapid_reviews(id);
        """,
    )
    for table in ("agenda_items", "agenda_template"):
        rows = db.execute(f"SELECT id, title FROM {table} WHERE kind IS NULL").fetchall()
        for record_id, title in rows:
            if _ESCALATIONS.match(title or ""):
                db.execute(f"UPDATE {table} SET kind = 'escalations' WHERE id = ?", [record_id])
