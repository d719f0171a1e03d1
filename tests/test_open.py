"""Opening files: every refused case says so in one sentence and leaves the bytes alone."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from store import Store
from store.db.migrations import latest_version
from store.db.opening import APPLICATION_ID, open_database
from store.domain import errors
from tests.conftest import digest, frozen_clock


def make_quorate(path: Path) -> Path:
    Store.open(path, clock=frozen_clock).close()
    return path


def test_new_file_has_mode_0600_and_our_settings(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    s = Store.open(path)
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        conn = s.unit.db.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert 0 < conn.execute("PRAGMA busy_timeout").fetchone()[0] <= 1000
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    finally:
        s.close()
    assert not list(tmp_path.glob(".*creating*")), "the temporary build file was left behind"


def test_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    s = Store.open(path)
    s.directory.add_agency(name="Kestrel Vale Council", short_name="KVC", kind="local_authority")
    s.close()
    again = Store.open(path)
    assert [a.short_name for a in again.directory.agencies()] == ["KVC"]
    assert again.backup is None, "no migration was pending, so no backup"
    again.close()


def refused_cases(tmp_path: Path) -> dict[str, tuple[Path, type[errors.StoreError]]]:
    cases: dict[str, tuple[Path, type[errors.StoreError]]] = {}

    text = tmp_path / "notes.db"
    text.write_text("Minutes of the meeting\n" * 40)
    cases["not sqlite"] = (text, errors.NotSQLite)

    empty = tmp_path / "empty.db"
    empty.touch()
    cases["empty"] = (empty, errors.EmptyFile)

    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.execute("INSERT INTO birds VALUES ('kestrel')")
    conn.commit()
    conn.close()
    cases["foreign"] = (foreign, errors.ForeignDatabase)

    truncated = make_quorate(tmp_path / "truncated.db")
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    cases["truncated"] = (truncated, errors.CorruptFile)

    tiny = tmp_path / "tiny.db"
    tiny.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")
    cases["header cut short"] = (tiny, errors.CorruptFile)

    corrupt = make_quorate(tmp_path / "corrupt.db")
    s = Store.open(corrupt)
    for n in range(200):
        s.directory.add_agency(name=f"Agency {n}", short_name=f"A{n}", kind="other")
    s.close()
    raw = bytearray(corrupt.read_bytes())
    page = 4096
    # Scribble over the middle of the second page (a b-tree page) but not the header.
    raw[page + 8 : page + 200] = b"\xff" * 192
    corrupt.write_bytes(bytes(raw))
    cases["corrupt"] = (corrupt, errors.CorruptFile)

    newer = make_quorate(tmp_path / "newer.db")
    conn = sqlite3.connect(newer)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('quorate', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    cases["newer (migration)"] = (newer, errors.NewerVersion)

    newer_header = make_quorate(tmp_path / "newer-header.db")
    conn = sqlite3.connect(newer_header)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.commit()
    conn.close()
    cases["newer (header)"] = (newer_header, errors.NewerVersion)

    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    cases["folder"] = (folder, errors.PathProblem)
    cases["missing folder"] = (tmp_path / "nowhere" / "x.db", errors.PathProblem)
    return cases


CASES = [
    "not sqlite",
    "empty",
    "foreign",
    "truncated",
    "header cut short",
    "corrupt",
    "newer (migration)",
    "newer (header)",
    "folder",
    "missing folder",
]


@pytest.mark.parametrize("case", CASES)
def test_refused_files_keep_their_bytes(tmp_path: Path, case: str) -> None:
    path, expected = refused_cases(tmp_path)[case]
    before = digest(path) if path.is_file() else None
    siblings = sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []
    with pytest.raises(expected) as info:
        Store.open(path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300
    assert "Traceback" not in message
    if before is not None:
        assert digest(path) == before
        # Nothing new beside it either (no backup, no journal left behind).
        after = sorted(p.name for p in path.parent.iterdir())
        assert [n for n in after if n not in siblings and not n.endswith(("-wal", "-shm"))] == []
    assert not (tmp_path / "nowhere").exists()


def test_locked_file_is_refused(tmp_path: Path) -> None:
    path = make_quorate(tmp_path / "locked.db")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO audit (at, table_name, record_id, field, who) VALUES ('x','t',1,'f','w')"
    )
    before = digest(path)
    try:
        with pytest.raises(errors.LockedFile, match="locked by another program"):
            Store.open(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert digest(path) == before


def test_unwritable_file_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_quorate(tmp_path / "ro.db")
    path.chmod(0o400)
    if os.geteuid() == 0:
        # root may write anything; stand in for the permission check it skips.
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
        )
    before = digest(path)
    s = Store.open(path)
    try:
        assert s.readonly
        assert s.settings.get().classification == "OFFICIAL-SENSITIVE"
        with pytest.raises(errors.ReadOnlyFile, match="read-only"):
            s.directory.add_agency(name="X", short_name="X", kind="other")
    finally:
        s.close()
    assert digest(path) == before


def test_read_only_flag_refuses_writes(tmp_path: Path) -> None:
    path = make_quorate(tmp_path / "flag.db")
    before = digest(path)
    s = Store.open(path, readonly=True)
    with pytest.raises(errors.ReadOnlyFile):
        s.settings.update(partnership_name="Changed")
    s.close()
    assert digest(path) == before


def test_full_disk_rolls_back_and_says_so(store: Store) -> None:
    store.directory.add_agency(name="Kept", short_name="K", kind="other")
    pages = store.unit.db.execute("PRAGMA page_count").fetchone()[0]
    store.unit.db.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(errors.DiskFull, match=r"disk .* is full"):
        store.directory.add_person(name="X" * 150, initials="XX", job_title="Y" * 150)
        for _ in range(500):
            store.directory.add_person(name="X" * 150, initials="XX", job_title="Y" * 150)
    assert [a.name for a in store.directory.agencies()] == ["Kept"]
    # Whatever failed was rolled back whole: no half-written person with no audit row.
    people = store.directory.people()
    created = {e.record_id for e in store.audit_trail("people") if e.field == "name"}
    assert {p.id for p in people} == created


def test_path_must_exist_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(errors.PathProblem):
        open_database(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_large_file_is_checked_after_opening_and_nothing_is_written_first(tmp_path: Path) -> None:
    path = refused_cases(tmp_path)["corrupt"][0]
    before = digest(path)
    s = Store.open(path, defer_check_over=0)  # every file counts as large here
    try:
        assert s.integrity_pending
        with pytest.raises(errors.CorruptFile):
            s.verify_integrity()
        with pytest.raises(errors.CorruptFile):
            s.settings.update(partnership_name="Changed")
    finally:
        s.close()
    assert digest(path) == before


def test_a_large_healthy_file_is_checked_then_written(tmp_path: Path) -> None:
    path = make_quorate(tmp_path / "large.db")
    s = Store.open(path, defer_check_over=0)
    try:
        assert s.integrity_pending
        s.verify_integrity()
        assert not s.integrity_pending
        s.settings.update(partnership_name="Kestrel Vale")
        assert s.settings.get().partnership_name == "Kestrel Vale"
    finally:
        s.close()


def test_a_write_never_goes_ahead_on_a_file_still_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.db.unit

    path = make_quorate(tmp_path / "large.db")
    before = digest(path)
    monkeypatch.setattr(store.db.unit, "VERIFY_WAIT_S", 0.05)
    s = Store.open(path, defer_check_over=0)  # and nobody runs the check
    try:
        with pytest.raises(errors.WriteFailed, match="still being checked"):
            s.settings.update(partnership_name="Kestrel Vale")
    finally:
        s.close()
    assert digest(path) == before


def test_a_small_file_is_checked_on_opening(tmp_path: Path) -> None:
    path = refused_cases(tmp_path)["corrupt"][0]
    with pytest.raises(errors.CorruptFile):
        Store.open(path, defer_check_over=1 << 30)
