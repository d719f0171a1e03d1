"""Migration 0010_the_record. Released: never edit it; add a new one instead.

What the record needs to stay true after the meeting (issue 12):
- ``meeting_records``: the facts as at a meeting, frozen when it closes (titles,
  agencies, each action's status and RAG), so its minutes do not change later;
- ``minutes_agreed``, ``amendments``, ``circulations``: the minutes agreed as an
  accurate record, each later amendment with its reason, each circulated file
  with a hash of its content;
- the quorum's history says who came or went, during which item; a movement
  says during which item;
- an action can be flagged at risk (amber); a decision has a rationale and who
  decided it; an agency names its lead and delegated safeguarding partners;
- the quorum rules and which bodies report to which are settings (NULL: the
  defaults of domain.md);
- agenda items may be marked as the previous meeting's minutes, the date of the
  next meeting or the escalations item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.db.migrations.script import run_script

if TYPE_CHECKING:
    from sqlite_utils import Database

_OLD_KIND_CHECK = "CHECK (kind IS NULL OR kind IN ('declarations', 'matters_arising'))"
_NEW_KIND_CHECK = (
    "CHECK (kind IS NULL OR kind IN ('declarations', 'matters_arising', "
    "'previous_minutes', 'next_meeting', 'escalations'))"
)


# The titles as the standard agenda had them when this migration was written
# (copied, not imported: a released migration must not change with the code).
_PREVIOUS_MINUTES = re.compile(
    r"\s*(approval of |agree(ing)? )?(the )?minutes of (the )?(previous|last)( meeting)?",
    re.IGNORECASE,
)
_NEXT_MEETING = re.compile(
    r"\s*(the )?date(,? time)?( and (venue|place))? of (the )?next meeting", re.IGNORECASE
)


def _kind(title: str) -> str | None:
    if _PREVIOUS_MINUTES.match(title):
        return "previous_minutes"
    if _NEXT_MEETING.match(title):
        return "next_meeting"
    return None


def _widen_kind_check(db: Database) -> None:
    # SQLite cannot alter a CHECK constraint; loosening one changes nothing on
    # disk, so the table's SQL is rewritten in place, as the SQLite manual's
    # "other kinds of table schema changes" describes (inside this migration's
    # transaction, with the schema version bumped so every connection rereads it).
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        for table in ("agenda_items", "agenda_template"):
            sql = db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
            ).fetchone()[0]
            if _OLD_KIND_CHECK not in sql:
                raise ValueError(f"unexpected schema for {table}")
            db.execute(
                "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                [sql.replace(_OLD_KIND_CHECK, _NEW_KIND_CHECK), table],
            )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


def apply(db: Database) -> None:
    _widen_kind_check(db)
    run_script(
        db,
        """
        ALTER TABLE actions ADD COLUMN at_risk INTEGER NOT NULL DEFAULT 0;
        -- Matters arising reports the actions closed since the last meeting.
        CREATE INDEX actions_closed_on ON actions(closed_on) WHERE closed_on IS NOT NULL;
        ALTER TABLE decisions ADD COLUMN rationale TEXT;
        ALTER TABLE decisions ADD COLUMN decided_by TEXT;
        ALTER TABLE agencies ADD COLUMN lead_partner_id INTEGER
            REFERENCES people(id) ON DELETE SET NULL;
        ALTER TABLE agencies ADD COLUMN delegated_partner_id INTEGER
            REFERENCES people(id) ON DELETE SET NULL;
        ALTER TABLE movements ADD COLUMN item_id INTEGER
            REFERENCES agenda_items(id) ON DELETE SET NULL;
        ALTER TABLE quorum_events ADD COLUMN person_id INTEGER REFERENCES people(id);
        ALTER TABLE quorum_events ADD COLUMN item_id INTEGER
            REFERENCES agenda_items(id) ON DELETE SET NULL;
        ALTER TABLE quorum_events ADD COLUMN change TEXT;
        ALTER TABLE settings ADD COLUMN quorum_rules TEXT;
        ALTER TABLE settings ADD COLUMN each_local_authority INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE settings ADD COLUMN reports_to TEXT;

        CREATE TABLE meeting_records (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
            taken_at TEXT NOT NULL,
            facts TEXT NOT NULL
        );

        CREATE TABLE minutes_agreed (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            meeting_id INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
            agreed_at TEXT NOT NULL,
            at_meeting_id INTEGER REFERENCES meetings(id),
            amendments TEXT
        );

        CREATE TABLE amendments (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            at TEXT NOT NULL,
            reason TEXT NOT NULL,
            what TEXT NOT NULL
        );
        CREATE INDEX amendments_meeting ON amendments(meeting_id, at);

        CREATE TABLE circulations (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            meeting_id INTEGER REFERENCES meetings(id),
            document TEXT NOT NULL,
            at TEXT NOT NULL,
            file TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            redacted INTEGER NOT NULL
        );
        CREATE INDEX circulations_meeting ON circulations(meeting_id, at);
        """,
    )
    for table in ("agenda_items", "agenda_template"):
        rows = db.execute(f"SELECT id, title FROM {table} WHERE kind IS NULL").fetchall()
        for record_id, title in rows:
            kind = _kind(title or "")
            if kind is not None:
                db.execute(f"UPDATE {table} SET kind = ? WHERE id = ?", [kind, record_id])
