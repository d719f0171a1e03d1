"""Migrations bring an older file up to date without losing or mangling what it holds."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlite_utils.migrations import Migrations

from store import Store
from store.db.connection import wrap
from store.db.migrations import MIGRATION_SET, TIME_COLUMNS, latest_version, migrations
from store.db.opening import APPLICATION_ID
from store.domain.stamps import normalised, stamp
from tests.conftest import frozen_clock

ONE_SPELLING = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def file_at_version(path: Path, version: int) -> None:
    """A Quorate file as an older release left it: the first ``version`` migrations."""
    older = Migrations(MIGRATION_SET)
    for name, function in migrations()[:version]:
        older(name=name)(function)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    older.apply(wrap(conn))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_a_version_6_file_gets_one_spelling_of_every_time(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    file_at_version(path, 6)
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        INSERT INTO agencies (id, name, short_name, kind, statutory)
            VALUES (1, 'Kestrel Vale Council', 'KVC', 'local_authority', 1);
        INSERT INTO meetings (id, title, kind, series, date, start_time, status,
                              started_at, ended_at)
            VALUES (1, 'Executive', 'executive', 'Executive', '2026-10-01', '10:00', 'closed',
                    '2026-10-01T09:02:00Z', '2026-10-01 11:58:30.800000+01:00');
        INSERT INTO decisions (id, reference, meeting_id, text, made_at)
            VALUES (1, 'D-2026-001', 1, 'Agreed the plan.', '2026-10-01T10:15:00.250+00:00');
        INSERT INTO audit (at, table_name, record_id, field, old, new, who)
            VALUES ('2026-10-01 10:15:00+00:00', 'decisions', 1, 'made_at', NULL,
                    '2026-10-01T10:15:00Z', 'mc');
        INSERT INTO audit (at, table_name, record_id, field, old, new, who)
            VALUES ('2026-10-01T10:16:00+00:00', 'decisions', 1, 'text', '2026-10-01 x',
                    'Agreed the plan.', 'mc');
        """
    )
    conn.commit()
    conn.close()

    store = Store.open(path, clock=frozen_clock)
    try:
        assert store.backup is not None, "a file with data is backed up before it is upgraded"
        meeting = store.meetings.get(1)
        assert meeting.ended_at is not None and meeting.ended_at.second == 30
        assert store.decisions.of_meeting(1)[0].text == "Agreed the plan."
        settings = store.settings.get()
        assert (settings.quorum_members, settings.amber_days) == (None, 7)
        db = store.unit.db
        seen = 0
        for table, column in (*TIME_COLUMNS, ("_sqlite_migrations", "applied_at")):
            for (value,) in db.execute(f'SELECT "{column}" FROM "{table}"').fetchall():
                if value is None or not re.match(r"\d{4}-\d\d-\d\d[T ]\d\d:", value):
                    continue
                seen += 1
                assert ONE_SPELLING.match(value), (table, column, value)
        assert seen >= 6 + latest_version()
        # Text that only starts like a time is left as it was.
        olds = [row[0] for row in db.execute("SELECT old FROM audit WHERE field = 'text'")]
        assert olds == ["2026-10-01 x"]
        assert db.execute("SELECT started_at FROM meetings").fetchone()[0] == (
            "2026-10-01T09:02:00+00:00"
        )
    finally:
        store.close()


def test_what_the_app_writes_is_in_the_one_spelling(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "new.db", clock=frozen_clock)
    try:
        agency = store.directory.add_agency(
            name="Kestrel Vale Council", short_name="KVC", kind="police"
        )
        chair = store.directory.add_person(name="Alex Reed", initials="AR", agency_id=agency.id)
        meeting = store.meetings.add(
            title="Executive", kind="executive", series="Executive", date="2026-10-01"
        )
        store.attendance.mark(meeting.id or 0, chair.id or 0, "present")
        store.live.start(meeting.id or 0)
        store.attendance.record_movement(meeting.id or 0, chair.id or 0, "left")
        decision = store.decisions.add(meeting.id or 0, None, "Agreed.")
        store.decisions.withdraw(decision.id or 0, "Recorded twice.")
        store.live.end(meeting.id or 0)
        for table, column in (*TIME_COLUMNS, ("_sqlite_migrations", "applied_at")):
            rows = store.unit.db.execute(f'SELECT "{column}" FROM "{table}"').fetchall()
            for (value,) in rows:
                if value and re.match(r"\d{4}-\d\d-\d\d[T ]\d\d:", value):
                    assert ONE_SPELLING.match(value), (table, column, value)
    finally:
        store.close()


def test_normalised_leaves_anything_but_a_time_alone() -> None:
    for text in (None, "", "2026-10-01", "10:00", "2026-10-01 minutes", "Agreed", "2026-13-01T10"):
        assert normalised(text) == text
    assert normalised("2026-10-01T10:00:00Z") == "2026-10-01T10:00:00+00:00"
    assert normalised("2026-10-01 10:00:00.5+01:00") == "2026-10-01T10:00:00+01:00"
    assert normalised(normalised("2026-10-01T10:00Z")) == "2026-10-01T10:00:00+00:00"


def test_stamp_is_what_fromisoformat_reads_back() -> None:
    import datetime as dt

    moment = dt.datetime(2026, 12, 2, 9, 30, 15, tzinfo=dt.UTC)
    assert dt.datetime.fromisoformat(stamp(moment)) == moment


# The tables of the schema as it stood at migration 0007: integer keys only.
TABLES_BEFORE_STABLE_IDS = {
    "agencies",
    "people",
    "settings",
    "meetings",
    "agenda_items",
    "agenda_template",
    "attendance",
    "movements",
    "quorum_events",
    "declarations",
    "decisions",
    "actions",
    "action_updates",
    "reference_counters",
    "protected_people",
    "audit",
}


def test_every_table_from_0008_on_has_a_stable_unique_id(tmp_path: Path) -> None:
    """Records made on two laptops must later be told apart: every new table has
    a ``uid`` (a UUID) beside its integer key, not null and unique."""
    store = Store.open(tmp_path / "new.db")
    try:
        tables = [
            row["name"]
            for row in store.unit.rows(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%_fts%' AND name != '_sqlite_migrations'"
            )
        ]
        newer = [t for t in tables if t not in TABLES_BEFORE_STABLE_IDS]
        assert "closure_days" in newer
        for table in newer:
            columns = {c["name"]: c for c in store.unit.rows(f"PRAGMA table_info({table})")}
            assert "uid" in columns and columns["uid"]["notnull"], table
            unique = [
                store.unit.rows(f"PRAGMA index_info({index['name']})")
                for index in store.unit.rows(f"PRAGMA index_list({table})")
                if index["unique"]
            ]
            assert [{"name": "uid"}] in [[{"name": c["name"]} for c in cols] for cols in unique], (
                table
            )
    finally:
        store.close()
