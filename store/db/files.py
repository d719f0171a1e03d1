"""Writing an export: a private file (0600), whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from store.domain import errors


def write_private(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` atomically (temporary file, fsync, rename), mode 0600.

    A missing folder, a full disk or a refused write is a one-sentence
    ``StoreError``; whatever was at ``path`` before is left as it was.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise errors.PathProblem(f"{target} is a folder; give a file name to write to.")
    if not target.parent.is_dir():
        raise errors.PathProblem(f"The folder {target.parent} does not exist; nothing was written.")
    return _replace_atomically(target, text)


def keep_recovered(database: Path, label: str, text: str) -> Path:
    """Keep typed text that can no longer reach its database (the file was moved or
    deleted while open) in a private file beside where the database was:
    ``partnership.db.unsaved-item-12.md``, 0600, replaced whole on each call so it
    always holds the latest text. It holds what the database would have held, so
    it is as private as the database; it is not a circulated document."""
    target = database.with_name(f"{database.name}.unsaved-{label}.md")
    return _replace_atomically(target, text)


def _replace_atomically(target: Path, text: str) -> Path:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    data = text.encode("utf-8")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise errors.DiskFull(
                f"The disk is full; {target} was not written. Free some space and try again."
            ) from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise errors.PathProblem(
                f"Cannot write {target}: the folder is not writable."
            ) from None
        raise errors.WriteFailed(f"Cannot write {target} ({exc.strerror}).") from None
    fsync_dir(target.parent)
    return target


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_database(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> Path:
    """``quorate backup``: a consistent 0600 copy of ``source`` at ``dest`` (a new file,
    or a folder to hold ``NAME.backup-DATE.db``); an existing file is never replaced."""
    import datetime as dt
    import sqlite3

    src = Path(source)
    target = Path(dest).expanduser()
    if target.is_dir():
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        target = target / f"{src.stem}.backup-{stamp}.db"
    if target.exists():
        raise errors.PathProblem(f"{target} already exists; give a new name or a folder.")
    if not target.parent.is_dir():
        raise errors.PathProblem(f"The folder {target.parent} does not exist; nothing was written.")
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        copy_database(src, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise errors.WriteFailed(f"Cannot write {target} ({exc.strerror}).") from None
    except sqlite3.Error as exc:  # the copy is not whole, so it goes
        with contextlib.suppress(OSError):
            target.unlink()
        raise errors.WriteFailed(f"Cannot copy to {target} ({exc}).") from None
    target.chmod(0o600)
    return target


def copy_database(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """A consistent copy of an SQLite file through the backup API: never a plain
    file copy, which misses what is still in the WAL beside it. The source is
    opened read-only, creating nothing beside it (``connect_readonly``); both
    connections are closed before returning."""
    import sqlite3

    from store.db.connection import connect

    src = connect(Path(source), readonly=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # The source is read from memory, which cannot be in WAL mode; the
            # copy is a Quorate file, and those are.
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
    finally:
        src.close()
    return Path(target)
