"""``--read-only`` creates nothing beside the file, and still reads every committed
change, a stopped program's ``-wal`` included (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from store import Store
from store.db.files import copy_database
from tests.conftest import copy_sample, digest

LEFT_IN_WAL = "Left In The Wal"


def sample_alone(folder: Path) -> Path:
    """A copy of sample.db (WAL mode) brought up to this version, alone in its folder."""
    folder.mkdir()
    path = copy_sample(folder / "partnership.db")
    Store.open(path).close()  # migrate, if sample.db is behind
    for other in folder.iterdir():
        if other != path:
            other.unlink()
    return path


def crash_with_a_change_in_the_wal(path: Path) -> None:
    """Another program writes a person and stops before the WAL is checkpointed."""
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        f"c.execute(\"INSERT INTO people (name, initials) VALUES ('{LEFT_IN_WAL}', 'LW')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir())}


def names(store: Store) -> list[str]:
    return [p.name for p in store.directory.people()]


def test_reading_a_wal_file_read_only_leaves_only_the_file(tmp_path: Path) -> None:
    path = sample_alone(tmp_path / "alone")
    before = folder_state(path.parent)
    assert list(before) == ["partnership.db"]
    store = Store.open(path, readonly=True)
    try:
        assert store.readonly and store.readonly_reason is None
        assert "Abena Owusu" in names(store)
        assert store.meetings.all()
    finally:
        store.close()
    assert folder_state(path.parent) == before


def test_a_stopped_programs_wal_is_read_from_a_private_copy(tmp_path: Path) -> None:
    path = sample_alone(tmp_path / "crashed")
    crash_with_a_change_in_the_wal(path)
    Path(f"{path}-shm").unlink()  # as after a restart: the -wal alone is left
    before = folder_state(path.parent)
    assert list(before) == ["partnership.db", "partnership.db-wal"]
    store = Store.open(path, readonly=True)
    try:
        assert LEFT_IN_WAL in names(store), "the committed change in the -wal is shown"
        reason = store.readonly_reason or ""
        assert "partnership.db-wal" in reason and "private copy" in reason
    finally:
        store.close()
    assert folder_state(path.parent) == before, "neither the file nor its -wal was touched"
    # Opened to write, the change goes into the file, as SQLite always does.
    writable = Store.open(path)
    try:
        assert LEFT_IN_WAL in names(writable)
    finally:
        writable.close()


def test_a_wal_with_its_shm_is_shared_and_nothing_is_added(tmp_path: Path) -> None:
    path = sample_alone(tmp_path / "pair")
    crash_with_a_change_in_the_wal(path)
    before = sorted(p.name for p in path.parent.iterdir())
    assert before == ["partnership.db", "partnership.db-shm", "partnership.db-wal"]
    main = digest(path)
    store = Store.open(path, readonly=True)
    try:
        assert LEFT_IN_WAL in names(store)
        assert store.readonly_reason is None
    finally:
        store.close()
    assert sorted(p.name for p in path.parent.iterdir()) == before
    assert digest(path) == main


def test_a_read_only_store_refuses_writes_to_its_copy_too(tmp_path: Path) -> None:
    path = sample_alone(tmp_path / "copy")
    store = Store.open(path, readonly=True)
    try:
        with store.unit.reading() as conn:
            assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
    finally:
        store.close()


def test_a_backup_creates_nothing_beside_its_source(tmp_path: Path) -> None:
    path = sample_alone(tmp_path / "source")
    crash_with_a_change_in_the_wal(path)
    Path(f"{path}-shm").unlink()
    before = folder_state(path.parent)
    copy = copy_database(path, tmp_path / "copy.db")
    assert folder_state(path.parent) == before
    store = Store.open(copy, readonly=True)
    try:
        assert LEFT_IN_WAL in names(store)
        with store.unit.reading() as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "memory"
        with open(copy, "rb") as head:
            assert head.read(20)[18:20] == b"\x02\x02", "the copy is a WAL file, as ours are"
    finally:
        store.close()
    assert not [p for p in os.listdir(tmp_path) if p.startswith("copy.db-")]
