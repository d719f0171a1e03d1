"""Opening a Quorate database: the one place that does it.

Every check that can refuse a file runs before anything is written to it, so a
refused file keeps its bytes. The order matters: the header is read with plain
file I/O first (empty, not SQLite, not ours, newer version), then SQLite opens
it and runs ``quick_check``, then a write lock is tried, and only then are the
migrations applied, after a backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.db.files import fsync_dir
from store.db.migrations import (
    MIGRATION_SET,
    known_names,
    latest_version,
    migration_set,
    respell_applied,
)
from store.domain import errors

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x51554F52  # "QUOR"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 500
_HEADER_SIZE = 100


@dataclass
class Opened:
    """A database that passed every check, with what was learnt on the way."""

    conn: sqlite3.Connection
    path: Path
    readonly: bool
    version: int
    created: bool = False
    backup: Path | None = None
    unchecked: bool = False  # quick_check deferred: run verify() before any write
    readonly_reason: str | None = None  # why a file asked for writing was opened read-only
    tightened: bool = False  # the file was readable by others, and is 0600 now


@dataclass
class Header:
    application_id: int
    user_version: int
    page_size: int
    page_count: int


def open_database(
    path: str | os.PathLike[str],
    *,
    readonly: bool = False,
    create: bool = True,
    clock_now: dt.datetime | None = None,
    defer_check_over: int | None = None,
    exclusive: bool = False,
) -> Opened:
    """Open (or create) the Quorate database at ``path``.

    Raises a ``FileRefused`` subclass, with a one-sentence message, for a file
    that cannot be used. A file that cannot be written (permissions) is opened
    read-only and ``Opened.readonly`` says so.

    ``exclusive`` (the app): take Quorate's own lock on the file for the life of
    the process (``claim``); if another Quorate holds it, open read-only and say why
    in ``Opened.readonly_reason``, so two windows never type into the same minutes.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise errors.PathProblem(f"{target} is a folder, not a Quorate database file.")
    if not target.parent.is_dir():
        raise errors.PathProblem(f"The folder {target.parent} does not exist.")
    created = False
    if not target.exists():
        if readonly or not create:
            raise errors.PathProblem(f"There is no file at {target}.")
        _create(target)
        created = True

    header = read_header(target)
    if header.application_id != APPLICATION_ID:
        raise errors.ForeignDatabase(
            f"{target} is an SQLite database made by another program, not a Quorate file."
        )
    if header.user_version > latest_version():
        raise errors.NewerVersion(
            f"{target} was written by a newer version of Quorate (schema "
            f"{header.user_version}, this version knows {latest_version()}); "
            "upgrade Quorate to open it."
        )

    writable = os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)
    reason = None
    if exclusive and not readonly and writable and not claim(target):
        reason = (
            "Another Quorate has this file open (another window, or one left running): "
            "opened read-only here, so two windows never type into the same minutes."
        )
    readonly = readonly or not writable or reason is not None
    tightened = False if readonly else tighten(target)
    defer = defer_check_over is not None and target.stat().st_size > defer_check_over
    conn = _connect(target, readonly)
    try:
        if not defer:
            _check_integrity(conn, target)
        applied = _applied_names(conn, target)
        pending = [name for name in known_names() if name not in applied]
        if defer and pending:  # a file about to be migrated is checked first
            _check_integrity(conn, target)
            defer = False
        backup = None
        if not readonly:
            _check_not_locked(conn, target)
            if pending:
                backup = _migrate(
                    conn, target, bool(applied), clock_now or dt.datetime.now().astimezone()
                )
        elif pending:
            raise errors.FileRefused(
                f"{target} needs an upgrade to this version of Quorate, "
                "but it is read-only; make it writable and open it again."
            )
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except BaseException:
        conn.close()
        raise
    return Opened(
        conn,
        target,
        readonly,
        version,
        created=created,
        backup=backup,
        unchecked=defer,
        readonly_reason=reason,
        tightened=tightened,
    )


_CLAIMED: dict[tuple[int, int], int] = {}  # (device, inode) -> descriptor, for the process


def claim(path: Path) -> bool:
    """Hold Quorate's own lock on the file at ``path`` for the rest of the process:
    False when another process holds it.

    An ``flock`` on a descriptor of the database file itself, so nothing is created
    beside it and the lock goes with the process however it ends (``kill -9``
    included). It is separate from SQLite's POSIX locks; but closing any descriptor
    of the file would drop those, so a claimed descriptor is never closed, and a
    refused one is closed before this process has a connection to the file.
    """
    import fcntl

    info = path.stat()
    if (info.st_dev, info.st_ino) in _CLAIMED:
        return True
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _CLAIMED[(info.st_dev, info.st_ino)] = fd
    return True


def is_claimed(path: Path) -> bool:
    """Whether some Quorate holds ``path`` (for tidying up demo copies); the probe's
    descriptor is closed at once, so call it only on a file this process has not opened."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def tighten(path: Path) -> bool:
    """Make a file the user owns, and its -wal and -shm, private (0600) if others may
    read it; True when something changed. A file someone else owns is left as it is."""
    changed = False
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            info = candidate.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077:
                candidate.chmod(0o600)
                changed = True
    return changed


def loose_permissions(path: Path) -> str | None:
    """A sentence for ``quorate check`` when others may read the file, else None."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (
        f"permissions: {mode:04o}: other users of this computer may read it "
        "(Quorate makes its files 0600, and tightens this one when it opens it to write)"
    )


def verify(path: Path) -> None:
    """Run ``quick_check`` on its own read-only connection; raises ``CorruptFile``."""
    conn = _connect(path, readonly=True)
    try:
        _check_integrity(conn, path)
    finally:
        conn.close()


def read_header(path: Path) -> Header:
    """Read the 100-byte SQLite header without SQLite, refusing what is not ours."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEADER_SIZE)
    except PermissionError:
        raise errors.FileRefused(f"{path} cannot be read (permission denied).") from None
    except OSError as exc:
        raise errors.FileRefused(f"{path} cannot be read ({exc.strerror}).") from None
    if size == 0:
        raise errors.EmptyFile(f"{path} is an empty file (0 bytes), not a Quorate database.")
    if not head.startswith(SQLITE_MAGIC[: min(len(head), len(SQLITE_MAGIC))]) or len(head) < len(
        SQLITE_MAGIC
    ):
        raise errors.NotSQLite(f"{path} is not a database file (not SQLite).")
    if len(head) < _HEADER_SIZE:
        raise errors.CorruptFile(f"{path} is truncated: its SQLite header is incomplete.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    header = Header(
        application_id=int.from_bytes(head[68:72], "big"),
        user_version=int.from_bytes(head[60:64], "big"),
        page_size=page_size,
        page_count=int.from_bytes(head[28:32], "big"),
    )
    # The in-header page count is valid when the two change counters agree.
    if head[24:28] == head[92:96] and header.page_count * page_size > size:
        raise errors.CorruptFile(
            f"{path} is truncated: it should hold {header.page_count} pages "
            f"but has {size // max(page_size, 1)}."
        )
    return header


def _create(target: Path) -> None:
    """Build a new database beside ``target`` and move it into place when whole."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.creating")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except PermissionError:
        raise errors.PathProblem(f"Cannot create {target}: the folder is not writable.") from None
    except OSError as exc:
        raise errors.PathProblem(f"Cannot create {target} ({exc.strerror}).") from None
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
            _pragmas(conn)
            migration_set().apply(wrap(conn))
            respell_applied(wrap(conn))
            conn.execute(f"PRAGMA user_version = {latest_version()}")
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except sqlite3.OperationalError as exc:
        raise _translate(exc, target) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _connect(target: Path, readonly: bool) -> sqlite3.Connection:
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
            _pragmas(conn)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as exc:
            last = exc
    assert last is not None
    raise _translate(last, target)


def _pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")


def _check_integrity(conn: sqlite3.Connection, target: Path) -> None:
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        raise _translate(exc, target) from None
    if [tuple(r) for r in rows] != [("ok",)]:
        first = " ".join(str(rows[0][0]).split()) if rows else "no answer"
        raise errors.CorruptFile(
            f"{target} is damaged (integrity check: {first[:120]}); restore it from a backup."
        )


def wrap(conn: sqlite3.Connection) -> Database:
    """The sqlite-utils view of a connection (imported here, on first need)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def _applied_names(conn: sqlite3.Connection, target: Path) -> list[str]:
    """Migrations the file records, refusing any this version does not know."""
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        applied = (
            [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                    [MIGRATION_SET],
                )
            ]
            if has_table
            else []
        )
    except sqlite3.Error as exc:
        raise _translate(exc, target) from None
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise errors.NewerVersion(
            f"{target} was written by a newer version of Quorate "
            f"(it has migration {unknown[0]}); upgrade Quorate to open it."
        )
    return applied


def _check_not_locked(conn: sqlite3.Connection, target: Path) -> None:
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise _translate(exc, target) from None


def probe_write_lock(path: str | os.PathLike[str]) -> None:
    """Raise ``LockedFile`` if another program holds the write lock; writes nothing."""
    target = Path(path)
    if not (os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)):
        return
    conn = _connect(target, readonly=False)
    try:
        _check_not_locked(conn, target)
    finally:
        conn.close()


def _migrate(
    conn: sqlite3.Connection, target: Path, has_data: bool, now: dt.datetime
) -> Path | None:
    db = wrap(conn)
    migrations = migration_set()
    pending = migrations.pending(db)
    backup = None
    if has_data:
        backup = backup_to(
            db,
            target.with_name(f"{target.stem}.before-{pending[0].name}.{now:%Y%m%dT%H%M%S}.db"),
        )
    try:
        migrations.apply(db)
        with db.atomic():
            respell_applied(db)
            db.execute(f"PRAGMA user_version = {latest_version()}")
    except sqlite3.Error as exc:
        raise _translate(exc, target) from None
    return backup


def backup_to(db: Database, destination: Path) -> Path:
    """Copy the database, consistently, to a new 0600 file with ``VACUUM INTO``."""
    fd = os.open(destination, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        db.execute("VACUUM INTO ?", [str(destination)])
    except sqlite3.Error:
        destination.unlink(missing_ok=True)
        raise
    return destination


def _translate(exc: BaseException, target: Path) -> errors.StoreError:
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
        raise _translate(exc, target) from None


__all__ = [
    "APPLICATION_ID",
    "MIGRATION_SET",
    "Opened",
    "backup_to",
    "open_database",
    "read_header",
    "translated",
]
