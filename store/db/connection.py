"""A connection to a Quorate database, and turning SQLite's errors into the
one-sentence errors the user sees.

Every connection is made here, with the same pragmas: a short busy timeout,
foreign keys on, ``synchronous=FULL`` and ``secure_delete``.
"""

from __future__ import annotations

import contextlib
import os
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
    if readonly:
        return connect_readonly(target)[0]
    try:
        conn = _connect_uri(f"file:{urllib.parse.quote(str(target))}?mode=rw")
    except sqlite3.Error as exc:
        raise translate(exc, target) from None
    return conn


def connect_readonly(target: Path) -> tuple[sqlite3.Connection, str | None]:
    """A read-only connection that creates nothing beside ``target`` and reads every
    committed change, with a sentence for the user when it had to read a private copy.

    SQLite's ``mode=ro`` on a WAL file creates ``-wal`` and ``-shm`` beside it when
    they are missing (and cannot remove them on close); ``immutable=1`` creates
    nothing but ignores the ``-wal``, so changes a stopped program left there would
    not be seen. So, by what is beside the file:

    - ``-wal`` and ``-shm`` both there (another program may be writing it now):
      ``mode=ro`` shares them, creating nothing, and sees each write as it commits;
    - no ``-wal``, or an empty one (no program has it open): the file alone holds
      everything, and is read once into memory (an exact snapshot, no locks held);
    - a ``-wal`` with frames but no ``-shm`` (left by a program that stopped), or a
      pair ``mode=ro`` cannot use: the file and its ``-wal`` are copied into a
      private folder, SQLite takes the ``-wal`` in there, the result is read into
      memory and the folder removed. The returned sentence says so.
    """
    wal, shm = Path(f"{target}-wal"), Path(f"{target}-shm")
    if wal.exists() and shm.exists():
        try:
            return _connect_uri(f"file:{urllib.parse.quote(str(target))}?mode=ro"), None
        except sqlite3.Error as exc:
            if isinstance(translate(exc, target), errors.LockedFile):
                raise translate(exc, target) from None
            # The pair cannot be used (a -shm we may not write): read a private copy.
    try:
        if _size(wal) == 0 and not shm.exists():
            image = target.read_bytes()
            if _size(wal) == 0:  # nobody began writing it while it was read
                return _in_memory(image), None
        image = _recovered_image(target, wal)
    except OSError as exc:
        raise errors.FileRefused(f"{target} cannot be read ({exc.strerror}).") from None
    except sqlite3.Error as exc:
        raise translate(exc, target) from None
    note = None
    if _size(wal):
        note = (
            f"{wal.name} beside it holds changes not yet written into the file (a program "
            "stopped before it could): they are shown here, read from a private copy, and "
            "both files are left as they are. Opening it to write takes them into the file."
        )
    return _in_memory(image), note


def _size(path: Path) -> int:
    """The size of ``path`` in bytes; 0 when there is nothing there."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _connect_uri(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        set_pragmas(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _in_memory(image: bytes) -> sqlite3.Connection:
    """A connection to an in-memory copy of a database file's bytes, refusing writes."""
    data = bytearray(image)
    if len(data) > 19 and data[18] == 2:
        # An in-memory database cannot be in WAL mode: mark the copy as a
        # rollback-journal file (header bytes 18 and 19); its pages are the same.
        data[18] = data[19] = 1
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        conn.deserialize(bytes(data))
        set_pragmas(conn)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _recovered_image(target: Path, wal: Path) -> bytes:
    """The database as SQLite reads it with its ``-wal`` taken in, from copies of the
    two in a private folder (in memory where the system has one), removed after."""
    import shutil  # only here: the first screen does not wait for them
    import tempfile

    shm_folder = Path("/dev/shm")
    parent = str(shm_folder) if os.access(shm_folder, os.W_OK | os.X_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="quorate-read-", dir=parent))  # 0700
    try:
        copy = folder / "copy.db"
        _copy_private(target, copy)
        if wal.exists():
            _copy_private(wal, Path(f"{copy}-wal"))
        conn = sqlite3.connect(copy)
        try:
            return conn.serialize()
        finally:
            conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy_private(source: Path, dest: Path) -> None:
    import shutil

    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)


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
