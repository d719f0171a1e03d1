"""The store: migrations, validation messages, records, the audit trail."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from store import Store
from store.db.migrations import known_names, migration_set
from store.db.opening import APPLICATION_ID
from store.domain import errors
from tests.conftest import FROZEN_NOW, frozen_clock


def partial_file(path: Path, applied: int) -> Path:
    """A Quorate file as an earlier version left it: only the first ``applied`` migrations."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    db = Database(conn)
    migrations = migration_set()
    names = known_names()
    if applied < len(names):
        migrations.apply(db, stop_before=names[applied])
    else:
        migrations.apply(db)
    conn.execute(f"PRAGMA user_version = {applied}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("applied", range(len(known_names())))
def test_migrates_from_each_earlier_version_after_a_backup(tmp_path: Path, applied: int) -> None:
    path = partial_file(tmp_path / "old.db", applied)
    s = Store.open(path, clock=frozen_clock)
    try:
        assert [m.name for m in migration_set().applied(s.unit.db)] == known_names()
        assert s.version == len(known_names())
        if applied:
            assert s.backup is not None and s.backup.exists()
            assert stat.S_IMODE(s.backup.stat().st_mode) == 0o600
            old = sqlite3.connect(s.backup)
            count = old.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
            old.close()
            assert count == applied
        else:
            assert s.backup is None
    finally:
        s.close()


def test_migrates_from_empty(tmp_path: Path) -> None:
    s = Store.open(tmp_path / "fresh.db")
    assert s.version == len(known_names())
    assert {
        "settings",
        "agencies",
        "people",
        "meetings",
        "agenda_items",
        "attendance",
        "audit",
    } <= set(s.unit.db.table_names())
    s.close()


def test_validation_names_the_field(store: Store) -> None:
    with pytest.raises(errors.InvalidValue) as info:
        store.directory.add_person(name="  ", initials="j0", email="not-an-email")
    assert info.value.errors == {
        "name": "required",
        "initials": "use letters only, starting with a capital, e.g. JO",
        "email": "not an email address (name@example.org)",
    }
    assert store.directory.people() == []


def test_bad_meeting_date_and_time(store: Store) -> None:
    with pytest.raises(errors.InvalidValue) as info:
        store.meetings.add(
            title="Executive",
            kind="executive",
            series="exec",
            date="31/02/2026",
            start_time="25:61",
        )
    assert info.value.errors["date"] == "use a date such as 2026-12-03"
    assert info.value.errors["start_time"] == "use a 24-hour time such as 09:30"


def test_a_meeting_without_a_series_is_in_its_kinds(store: Store) -> None:
    made = store.meetings.add(title="Rapid review meeting", kind="rapid_review", date="2026-12-08")
    assert made.series == "rapid_review"
    blank = store.meetings.add(
        title="Board", kind="partnership_board", series=" ", date="2026-12-09"
    )
    assert blank.series == "partnership_board"
    with pytest.raises(errors.InvalidValue) as info:
        store.meetings.add(title="Odd", kind="no such kind", date="2026-12-10")
    assert "kind" in info.value.errors and "series" in info.value.errors


def test_unknown_references_are_field_errors(store: Store) -> None:
    with pytest.raises(errors.InvalidValue) as info:
        store.directory.add_person(name="Ama Mensah", initials="AM", agency_id=99)
    assert info.value.errors == {"agency_id": "no such agency"}
    with pytest.raises(errors.InvalidValue) as info:
        store.meetings.add(
            title="Board", kind="partnership_board", series="board", date="2026-12-01", chair_id=42
        )
    assert info.value.errors == {"chair_id": "no such person"}


def test_update_validates_the_whole_record(store: Store) -> None:
    person = store.directory.add_person(name="Ama Mensah", initials="AM")
    with pytest.raises(errors.InvalidValue):
        store.directory.update_person(person.id or 0, email="nope")
    assert store.directory.person(person.id or 0).email is None


def test_audit_records_create_update_delete(store: Store) -> None:
    store.settings.update(user_name="Priya Shah")
    agency = store.directory.add_agency(
        name="Kestrel Vale Constabulary", short_name="KVP", kind="police", statutory=True
    )
    store.directory.update_agency(agency.id or 0, short_name="KV Police")
    store.directory.remove_agency(agency.id or 0)
    trail = store.audit_trail("agencies", agency.id)
    fields = [(e.field, e.old, e.new) for e in trail]
    assert ("name", None, "Kestrel Vale Constabulary") in fields
    assert ("short_name", "KVP", "KV Police") in fields
    assert trail[-1].field == "*" and trail[-1].new is None and "KV Police" in (trail[-1].old or "")
    assert {e.who for e in trail} == {"Priya Shah"}
    assert {e.at for e in trail} == {FROZEN_NOW}


def test_audit_falls_back_to_the_os_user(store: Store) -> None:
    store.directory.add_agency(
        name="Kestrel Vale Council", short_name="KVC", kind="local_authority"
    )
    assert store.audit_trail()[0].who  # the OS user, since no name is set


def test_unchanged_update_writes_no_audit(store: Store) -> None:
    agency = store.directory.add_agency(
        name="Kestrel Vale Council", short_name="KVC", kind="local_authority"
    )
    n = len(store.audit_trail())
    store.directory.update_agency(agency.id or 0, short_name="KVC")
    assert len(store.audit_trail()) == n


def test_removing_a_referenced_person_is_refused(store: Store) -> None:
    chair = store.directory.add_person(name="Helen Achterberg", initials="HA")
    store.meetings.add(
        title="Executive", kind="executive", series="exec", date="2026-12-03", chair_id=chair.id
    )
    with pytest.raises(errors.InUse, match="the chair of 1 meeting"):
        store.directory.remove_person(chair.id or 0)
    assert store.directory.person(chair.id or 0).name == "Helen Achterberg"
    free = store.directory.add_person(name="Tom Reyes", initials="TR")
    store.directory.remove_person(free.id or 0)
    assert [p.name for p in store.directory.people()] == ["Helen Achterberg"]


def test_removing_an_agency_with_people_is_refused(store: Store) -> None:
    agency = store.directory.add_agency(
        name="Kestrel Vale ICB", short_name="ICB", kind="health", statutory=True
    )
    store.directory.add_person(name="Ama Mensah", initials="AM", agency_id=agency.id)
    with pytest.raises(errors.InUse, match="1 person belongs"):
        store.directory.remove_agency(agency.id or 0)


def test_meetings_list_upcoming_first_then_past(store: Store) -> None:
    for title, day in [
        ("Past A", "2026-10-01"),
        ("Next", "2026-12-01"),
        ("Later", "2027-01-05"),
        ("Past B", "2026-11-01"),
    ]:
        store.meetings.add(title=title, kind="executive", series="exec", date=day)
    assert [m.title for m in store.meetings.all()] == ["Next", "Later", "Past B", "Past A"]
    first = store.meetings.all()[2]
    nxt = store.meetings.next_in_series(first.id or 0)
    assert nxt is not None and nxt.title == "Next"
    # "next meeting" for an action raised at Past A, said today: the next one from today.
    past_a = store.meetings.all()[3]
    assert store.meetings.next_in_series(past_a.id or 0).title == "Past B"  # type: ignore[union-attr]
    from_today = store.meetings.next_in_series(past_a.id or 0, on_or_after=dt.date(2026, 11, 27))
    assert from_today is not None and from_today.title == "Next"


def test_the_dashboard_reads_agree_with_the_models(store: Store) -> None:
    # heading() and upcoming_meetings() build plain summaries from rows (no
    # pydantic on the first frame); they must say what the full models say.
    assert store.settings.heading().partnership_name == store.settings.get().partnership_name
    store.settings.update(partnership_name="Kestrel Vale", classification="OFFICIAL")
    heading = store.settings.heading()
    assert (heading.partnership_name, heading.classification) == ("Kestrel Vale", "OFFICIAL")
    store.meetings.add(title="Past", kind="executive", series="exec", date="2026-10-01")
    store.meetings.add(
        title="Review", kind="rapid_review", series="rr", date="2026-12-01", start_time="14:30"
    )
    store.meetings.add(title="Board", kind="partnership_board", series="b", date="2027-01-05")
    summaries = store.dashboard.upcoming(5)
    assert [m.title for m in summaries] == ["Review", "Board"]
    for summary in summaries:
        full = store.meetings.get(summary.id)
        assert (summary.kind, summary.date, summary.start_time, summary.location) == (
            full.kind,
            full.date,
            full.start_time,
            full.location,
        )
        assert summary.status == full.status
    assert summaries[0].kind.label == "Rapid review"
    assert str(summaries[0].start_time) == "14:30:00"
    assert store.dashboard.upcoming(1) == summaries[:1]


def test_attendance_replaces_and_checks_deputy(store: Store) -> None:
    meeting = store.meetings.add(title="Exec", kind="executive", series="exec", date="2026-12-01")
    lead = store.directory.add_person(name="Ama Mensah", initials="AM")
    deputy = store.directory.add_person(name="Tom Reyes", initials="TR")
    store.attendance.mark(meeting.id or 0, lead.id or 0, "present")
    with pytest.raises(errors.InvalidValue, match="deputy"):
        store.attendance.mark(meeting.id or 0, lead.id or 0, "present", deputy_id=deputy.id)
    store.attendance.mark(meeting.id or 0, lead.id or 0, "apologies", deputy_id=deputy.id)
    rows = store.attendance.of(meeting.id or 0)
    assert [(r.status.value, r.deputy_id) for r in rows] == [("apologies", deputy.id)]


def test_decisions_made_before_references_get_them_on_upgrade(tmp_path: Path) -> None:
    path = partial_file(tmp_path / "v2.db", 2)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO meetings (title, kind, series, date, start_time) "
        "VALUES ('Exec', 'executive', 'exec', '2026-09-17', '10:00')"
    )
    for when in ("2026-09-17T10:20:00+00:00", "2026-09-17T10:05:00+00:00"):
        conn.execute(
            "INSERT INTO decisions (meeting_id, text, made_at) VALUES (1, 'Agreed', ?)", [when]
        )
    conn.commit()
    conn.close()
    s = Store.open(path, clock=frozen_clock)
    try:
        assert [d.reference for d in s.decisions.of_meeting(1)] == ["D-2026-002", "D-2026-001"]
        assert s.decisions.add(1, None, "Another").reference == "D-2026-003"
    finally:
        s.close()


def test_search_indexes_are_found_by_sqlite_utils_and_datasette(sample_path: Path) -> None:
    """They look for content="table" in the index's CREATE statement (migration 0006)."""
    import sqlite_utils

    Store.open(sample_path).close()  # migrated, if the copy needs it
    db = sqlite_utils.Database(sample_path)
    try:
        assert db["actions"].detect_fts() == "actions_fts"
        assert db["decisions"].detect_fts() == "decisions_fts"
        found = list(db["actions"].search("strategy"))
        assert [row["reference"] for row in found] == ["A-2026-008", "A-2026-009"]
    finally:
        db.close()
