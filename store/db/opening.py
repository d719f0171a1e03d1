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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.db.connection import (
    check_integrity,
    check_not_locked,
    connect,
    connect_readonly,
    set_pragmas,
    translate,
    wrap,
)
from store.db.files import fsync_dir
from store.db.migrations import (
    MIGRATION_SET,
    known_names,
    latest_version,
    migration_set,
    respell_applied,
)
from store.db.probes import claim, read_header, tighten
from store.domain import errors

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x51554F52  # "QUOR"


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
    if readonly:  # nothing is created beside a file opened read-only
        conn, note = connect_readonly(target)
        reason = reason or note
    else:
        conn = connect(target, readonly)
    try:
        if not defer:
            check_integrity(conn, target)
        applied = _applied_names(conn, target)
        pending = [name for name in known_names() if name not in applied]
        if defer and pending:  # a file about to be migrated is checked first
            check_integrity(conn, target)
            defer = False
        backup = None
        if not readonly:
            check_not_locked(conn, target)
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
            set_pragmas(conn)
            migration_set().apply(wrap(conn))
            respell_applied(wrap(conn))
            conn.execute(f"PRAGMA user_version = {latest_version()}")
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except sqlite3.OperationalError as exc:
        raise translate(exc, target) from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


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
        raise translate(exc, target) from None
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise errors.NewerVersion(
            f"{target} was written by a newer version of Quorate "
            f"(it has migration {unknown[0]}); upgrade Quorate to open it."
        )
    return applied


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
        raise translate(exc, target) from None
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


__all__ = [
    "APPLICATION_ID",
    "MIGRATION_SET",
    "Opened",
    "backup_to",
    "open_database",
]
