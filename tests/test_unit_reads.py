"""One write connection, reads apart (store/db/unit.py): a read never waits for
a write in progress, sees every committed write, and inside a write sees the
write's own changes."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

from store import Store


def test_a_read_does_not_wait_for_a_write_in_progress(store: Store) -> None:
    store.settings.update(partnership_name="Before")
    inside, release = threading.Event(), threading.Event()

    def slow_write() -> None:
        with store.unit.write() as db:
            db.execute("UPDATE settings SET partnership_name = 'During' WHERE id = 1")
            inside.set()
            release.wait(10)

    writer = threading.Thread(target=slow_write)
    writer.start()
    try:
        assert inside.wait(10)
        started = time.monotonic()
        # The write holds the lock and its transaction; this read is not blocked by
        # it, and sees what was committed before it began.
        assert store.settings.heading().partnership_name == "Before"
        assert time.monotonic() - started < 0.25
    finally:
        release.set()
        writer.join(10)
    assert store.settings.heading().partnership_name == "During"


def test_a_read_inside_a_write_sees_the_writes_own_changes(store: Store) -> None:
    with store.unit.write() as db:
        db.execute("UPDATE settings SET partnership_name = 'Uncommitted' WHERE id = 1")
        assert store.unit.scalar("SELECT partnership_name FROM settings") == "Uncommitted"
        seen: list[object] = []
        other = threading.Thread(
            target=lambda: seen.append(store.unit.scalar("SELECT partnership_name FROM settings"))
        )
        other.start()
        other.join(10)
        assert seen and seen[0] != "Uncommitted"  # another thread sees only what is committed
    assert store.unit.scalar("SELECT partnership_name FROM settings") == "Uncommitted"


def test_readers_are_reused_and_closed_with_the_store(store: Store) -> None:
    for _ in range(50):
        store.dashboard.counts()
    threads = [threading.Thread(target=store.dashboard.counts) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    readers = list(store.unit._all_readers)
    assert 1 <= len(readers) <= 5, "a reader per read at once, not per read"
    store.close()
    for reader in readers:
        try:
            reader.execute("SELECT 1")
        except Exception as exc:  # noqa: BLE001 - sqlite3.ProgrammingError: closed
            assert "closed" in str(exc)
        else:
            raise AssertionError("a read connection was left open")


def test_flush_leaves_everything_in_the_file_itself(store: Store, tmp_path: Path) -> None:
    store.settings.update(partnership_name="Flushed Partnership")
    store.flush()
    copy = tmp_path / "plain-copy.db"
    shutil.copyfile(store.path, copy)  # the file alone, without its -wal
    conn = sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)
    try:
        name = conn.execute("SELECT partnership_name FROM settings").fetchone()[0]
    finally:
        conn.close()
    assert name == "Flushed Partnership"
