"""A connection to a Quorate database, and turning SQLite's errors into the
one-sentence errors the user sees.

Every connection is made here, with the same pragmas: a short busy timeout,
foreign keys on, ``synchronous=FULL`` and ``secure_delete``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from store.domain import errors

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 500


def connect(target: Path, readonly: bool) -> sqlite3.Connection:
    """A connection to ``target`` with our pragmas, read-only or read-write (never creating it)."""
    quoted = urllib.parse.quote(str(target))
    attempts = [f"file:{quoted}?mode=ro"] if readonly else [f"file:{quoted}?mode=rw"]
    if readonly:
        # A WAL file in a folder we cannot write has no -shm to share; reading it
        # as immutable is the only way in, and nobody can be writing it then.
        attempts.append(f"file:{quoted}?mode=ro&immutable=1")
    last: sqlite3.Error | None = None
    for uri in attempts:
        try:
            conn = sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            set_pragmas(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            last = exc
    assert last is not None
    raise translate(last, target)


def connect_reader(target: Path) -> sqlite3.Connection:
    """A read-only connection beside the write connection (the unit's read pool).
    Never immutable: the file is being written, and each read must see the writes."""
    quoted = urllib.parse.quote(str(target))
    try:
        conn = sqlite3.connect(
            f"file:{quoted}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            isolation_level=None,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise translate(exc, target) from None
    return conn


def set_pragmas(conn: sqlite3.Connection) -> None:
    """The settings every connection runs with."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")


def check_integrity(conn: sqlite3.Connection, target: Path) -> None:
    """Run ``quick_check``; raises ``CorruptFile`` unless it answers "ok"."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        raise translate(exc, target) from None
    if [tuple(r) for r in rows] != [("ok",)]:
        first = " ".join(str(rows[0][0]).split()) if rows else "no answer"
        raise errors.CorruptFile(
            f"{target} is damaged (integrity check: {first[:120]}); restore it from a backup."
        )


def wrap(conn: sqlite3.Connection) -> Database:
    """The sqlite-utils view of a connection (imported here, on first need)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def check_not_locked(conn: sqlite3.Connection, target: Path) -> None:
    """Take and give back the write lock; raises ``LockedFile`` if another program holds it."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise translate(exc, target) from None


def verify(path: Path) -> None:
    """Run ``quick_check`` on its own read-only connection; raises ``CorruptFile``."""
    conn = connect(path, readonly=True)
    try:
        check_integrity(conn, path)
    finally:
        conn.close()


def translate(exc: BaseException, target: Path) -> errors.StoreError:
    """Turn an sqlite3 error into the one-sentence error the user sees."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return errors.LockedFile(
            f"{target} is locked by another program that is writing to it; "
            "close that program and try again."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return errors.DiskFull(
            f"The disk holding {target} is full; nothing was saved by the last change. "
            "Free some space and try again."
        )
    if "readonly" in text or "read-only" in text:
        return errors.ReadOnlyFile(f"{target} is read-only; changes cannot be saved.")
    if "not a database" in text:
        return errors.NotSQLite(f"{target} is not a database file (not SQLite).")
    if "malformed" in text or "corrupt" in text:
        return errors.CorruptFile(f"{target} is damaged; restore it from a backup.")
    if "unable to open" in text:
        return errors.FileRefused(f"{target} cannot be opened ({exc}).")
    return errors.WriteFailed(f"{target}: {exc}.")


@contextlib.contextmanager
def translated(target: Path) -> Iterator[None]:
    """Re-raise sqlite3 errors from a block as ``StoreError``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, target) from None
