"""What can be learnt about a database file without opening it to write: its
SQLite header, read with plain file I/O; whether another Quorate holds it (and
holding it ourselves); whether others may read it; whether another program holds
its write lock.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from store.db.connection import check_not_locked, connect
from store.domain import errors

SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


@dataclass
class Header:
    """What the first 100 bytes of an SQLite file say about it."""

    application_id: int
    user_version: int
    page_size: int
    page_count: int


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


def probe_write_lock(path: str | os.PathLike[str]) -> None:
    """Raise ``LockedFile`` if another program holds the write lock; writes nothing."""
    target = Path(path)
    if not (os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)):
        return
    conn = connect(target, readonly=False)
    try:
        check_not_locked(conn, target)
    finally:
        conn.close()
