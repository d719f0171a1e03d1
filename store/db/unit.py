"""The unit of work every store part is given: the connection and its lock, the
clock, transactions, reads, the audit trail and the reference counters."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from store.db.connection import connect_reader, translate, verify, wrap
from store.db.opening import Opened, open_database
from store.domain import errors
from store.domain.stamps import stamp

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sqlite_utils import Database

    from store.domain.models import AuditEntry

# The pydantic models are imported where a record is built or written, not
# here: the first screen reads only plain rows (store.domain.views) and shows before
# pydantic has loaded.
Clock = Callable[[], dt.datetime]
VERIFY_WAIT_S = 120.0  # how long a write waits for a large file's deferred check
M = TypeVar("M", bound="BaseModel")


def new_uid() -> str:
    """A stable unique id for a new record (every table from migration 0008 on has
    one beside its integer key), so records made on two laptops can be told apart."""
    return str(uuid.uuid4())


def system_clock() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


class Unit:
    """One write connection under one lock; reads on connections of their own.

    As Datasette's ``Database`` does: every write goes through the one write
    connection, one transaction at a time (``write``, which holds ``_lock``); a
    read outside a write borrows a read-only connection from a small pool, so
    the screens and their workers never wait for a write in progress (the
    minutes autosave commits several times a second while the chair types).
    The file is in WAL mode, so a read sees every write committed before it.
    A read inside a write, on the writing thread, uses the write connection and
    sees the write's own changes. A read-only file is read on its one connection.
    """

    def __init__(
        self,
        opened: Opened,
        clock: Clock | None = None,
        who: str | None = None,
        uids: Callable[[], str] | None = None,
    ):
        self._opened = opened
        self.conn = opened.conn
        self._db: Database | None = None
        self.path: Path = opened.path
        self._identity = _identity(opened.path)
        self.readonly: bool = opened.readonly
        self.readonly_reason: str | None = opened.readonly_reason
        self.backup: Path | None = opened.backup
        self.clock: Clock = clock or system_clock
        # Each new record's stable id: a UUID, or (the sample's builder) from a
        # count, as the fixed clock gives its times, so two builds are the same.
        self.new_uid: Callable[[], str] = uids or new_uid
        self._lock = threading.RLock()
        self._verified = threading.Event()
        self._integrity_error: errors.StoreError | None = None
        if not opened.unchecked:
            self._verified.set()
        self._fixed_who = who
        self._who: str | None = who
        self._closed = False
        self._writing = threading.local()  # depth of write() on this thread
        self._readers: list[sqlite3.Connection] = []  # idle read connections
        self._all_readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        create: bool = True,
        clock: Clock | None = None,
        who: str | None = None,
        defer_check_over: int | None = None,
        exclusive: bool = False,
        uids: Callable[[], str] | None = None,
    ) -> Self:
        """Open or create the database at ``path``; raises ``FileRefused`` on a bad file.

        With ``defer_check_over``, a larger file's integrity check is left to
        ``verify_integrity`` (see ``open_database``); writes wait for it. With
        ``exclusive`` (the app), a file another Quorate has open is opened read-only,
        and ``readonly_reason`` says why.
        """
        opened = open_database(
            path,
            readonly=readonly,
            create=create,
            clock_now=(clock or system_clock)(),
            defer_check_over=defer_check_over,
            exclusive=exclusive,
        )
        return cls(opened, clock, who, uids)

    @property
    def integrity_pending(self) -> bool:
        return not self._verified.is_set()

    def verify_integrity(self) -> None:
        """Run the deferred integrity check (on its own connection, so reads go on).

        Raises ``CorruptFile``; every write after that raises it too.
        """
        if self._verified.is_set():
            if self._integrity_error is not None:
                raise self._integrity_error
            return
        try:
            verify(self.path)
        except errors.StoreError as exc:
            self._integrity_error = exc
            raise
        finally:
            self._verified.set()

    @property
    def db(self) -> Database:
        """sqlite-utils over the same connection, made on the first write."""
        if self._db is None:
            self._db = wrap(self.conn)
        return self._db

    @property
    def version(self) -> int:
        return self._opened.version

    def flush(self) -> None:
        """Checkpoint the WAL into the file (nothing to do on a read-only file)."""
        if self.readonly or self._closed:
            return
        with self._lock, self.translated():
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        """Checkpoint and close. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with self._readers_lock:
                for reader in self._all_readers:
                    with contextlib.suppress(sqlite3.Error):
                        reader.close()
                self._readers.clear()
            with contextlib.suppress(sqlite3.Error):
                if not self.readonly:
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.close()

    # -- reading -------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for a read now: the write connection inside a write on
        this thread (or for a read-only or closed file), else a pooled reader."""
        depth: int = getattr(self._writing, "depth", 0)
        shared = self.readonly or self._closed or depth
        reader = None if shared else self._borrow()
        if reader is None:
            with self._lock, self.translated():
                yield self.conn
            return
        try:
            with self.translated():
                yield reader
        finally:
            with self._readers_lock:
                if self._closed:
                    with contextlib.suppress(sqlite3.Error):
                        reader.close()
                else:
                    self._readers.append(reader)

    def _borrow(self) -> sqlite3.Connection | None:
        """An idle read connection, or a new one; None if none can be opened (the
        file moved, or cannot be opened read-only): the write connection reads."""
        with self._readers_lock:
            if self._readers:
                return self._readers.pop()
        if _identity(self.path) != self._identity:
            return None
        try:
            reader = connect_reader(self.path)
        except errors.StoreError:
            return None
        with self._readers_lock:
            if self._closed:
                reader.close()
                return None
            self._all_readers.append(reader)
        return reader

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        with self.reading() as conn:
            cursor = conn.execute(sql, params)
            try:
                names = [d[0] for d in cursor.description]
                return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            finally:
                cursor.close()

    def row(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        with self.reading() as conn:
            cursor = conn.execute(sql, params)
            try:
                row = cursor.fetchone()
            finally:
                cursor.close()  # an open cursor would hold its snapshot
            return row[0] if row else None

    def median(self, values_sql: str) -> float | None:
        """The median of the one column ``v`` of ``values_sql``, in SQL (the
        middle one or two by OFFSET; None for no rows)."""
        n = int(self.scalar(f"SELECT count(*) FROM ({values_sql})"))
        if n == 0:
            return None
        rows = self.rows(
            f"SELECT v FROM ({values_sql}) ORDER BY v LIMIT ? OFFSET ?",
            [2 - n % 2, (n - 1) // 2],
        )
        values = [float(r["v"]) for r in rows]
        return sum(values) / len(values)

    def get(self, model: type[M], table: str, record_id: int) -> M:
        row = self.row(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        if row is None:
            raise errors.NotFound(f"No {table.rstrip('s').replace('_', ' ')} with id {record_id}.")
        return model.model_validate(row)

    def check_unlocked(self, meeting_id: int, what: str = "its record") -> None:
        """``NotNow`` if the meeting's minutes were agreed (they are then locked):
        ``what`` names the change refused ("its minutes", "the agenda")."""
        agreed = self.scalar(
            "SELECT agreed_at FROM minutes_agreed WHERE meeting_id = ?", [meeting_id]
        )
        if agreed is not None:
            on = dt.datetime.fromisoformat(str(agreed))
            raise errors.NotNow(
                f"The minutes were agreed on {on.day} {on:%B %Y}, so {what} cannot change "
                "now except by an amendment with its reason (A on the meeting screen)."
            )

    def check_person(self, field: str, person_id: int | None) -> None:
        """Refuse a reference to nobody, as a message on ``field``."""
        if person_id is not None and not self.scalar(
            "SELECT 1 FROM people WHERE id = ?", [person_id]
        ):
            raise errors.InvalidValue({field: "no such person"})

    # -- writing -------------------------------------------------------------

    @contextlib.contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction; rolled back whole on any error, which is translated."""
        if self.readonly:
            raise errors.ReadOnlyFile(f"{self.path} is open read-only; changes cannot be saved.")
        # Nothing is written to a file not yet checked: wait for the check, and
        # refuse (rather than go ahead) if it has not finished by then.
        if not self._verified.wait(VERIFY_WAIT_S):
            raise errors.WriteFailed(f"{self.path} is still being checked; try again in a moment.")
        if self._integrity_error is not None:
            raise self._integrity_error
        if _identity(self.path) != self._identity:
            raise errors.FileMoved(
                f"The database file was moved or deleted while open (it was {self.path}); "
                "nothing more can be saved to it."
            )
        with self._lock, self.translated(), self.db.atomic():
            self._writing.depth = getattr(self._writing, "depth", 0) + 1
            try:
                yield self.db
            finally:
                self._writing.depth -= 1

    def reset_who(self) -> None:
        """Read the audit trail's name again (the settings' user name has changed)."""
        self._who = self._fixed_who

    def next_reference(self, prefix: str, year: int) -> str:
        """The next reference of a kind in a year ("A-2026-014"); inside ``write``."""
        row = self.row(
            "SELECT last FROM reference_counters WHERE prefix = ? AND year = ?", [prefix, year]
        )
        number = (row["last"] if row else 0) + 1
        self.db.execute(
            "INSERT INTO reference_counters (prefix, year, last) VALUES (?, ?, ?) "
            "ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last",
            [prefix, year, number],
        )
        return f"{prefix}-{year}-{number:03d}"

    def who(self) -> str:
        """The name the audit trail records: the settings' user name, else the OS user."""
        if self._who is None:
            name = self.scalar("SELECT user_name FROM settings WHERE id = 1")
            if not name:
                try:
                    name = getpass.getuser()
                except Exception:  # noqa: BLE001 - no user database in some containers
                    name = "unknown"
            self._who = str(name)
        return self._who

    def now_text(self) -> str:
        return stamp(self.clock())

    def audit(self, table: str, record_id: int, field: str, old: Any, new: Any) -> None:
        self.db.execute(
            "INSERT INTO audit (at, table_name, record_id, field, old, new, who) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.now_text(), table, record_id, field, _text(old), _text(new), self.who()],
        )

    def insert(self, table: str, model: BaseModel) -> int:
        data = model.model_dump(mode="json", exclude={"id"})
        if data.get("uid") == "":  # a table with stable ids: a new record gets its own
            data["uid"] = self.new_uid()
        columns = ", ".join(data)
        marks = ", ".join("?" for _ in data)
        with self.write() as db:
            cursor = db.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(data.values())
            )
            record_id = int(cursor.lastrowid or 0)
            for field, value in data.items():
                if value not in (None, "", False):
                    self.audit(table, record_id, field, None, value)
        return record_id

    def update(self, model: type[M], table: str, record_id: int, changes: dict[str, Any]) -> M:
        """Validate the whole record with ``changes`` applied, write and audit the diff."""
        from store.domain.models import validate

        with self.write() as db:
            current = self.get(model, table, record_id)
            merged = current.model_dump() | changes
            updated = validate(model, merged)
            before = current.model_dump(mode="json")
            after = updated.model_dump(mode="json")
            diff = {k: v for k, v in after.items() if before.get(k) != v and k != "id"}
            if diff:
                sets = ", ".join(f"{k} = ?" for k in diff)
                db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*diff.values(), record_id])
                for field, value in diff.items():
                    self.audit(table, record_id, field, before.get(field), value)
        return updated

    def delete(self, table: str, record_id: int) -> None:
        with self.write() as db:
            row = self.row(f"SELECT * FROM {table} WHERE id = ?", [record_id])
            if row is None:
                raise errors.NotFound(f"Nothing to remove: no record {record_id}.")
            db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
            self.audit(table, record_id, "*", json.dumps(row, sort_keys=True), None)

    # -- audit trail -----------------------------------------------------------

    def audit_trail(
        self, table: str | None = None, record_id: int | None = None
    ) -> list[AuditEntry]:
        """Changes, oldest first, optionally for one table or one record."""
        from store.domain.models import AuditEntry

        where: list[str] = []
        params: list[Any] = []
        if table is not None:
            where.append("table_name = ?")
            params.append(table)
        if record_id is not None:
            where.append("record_id = ?")
            params.append(record_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.rows(f"SELECT * FROM audit {clause} ORDER BY id", params)
        return [AuditEntry.model_validate(r) for r in rows]


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device, inode); None when nothing is. One stat,
    about a microsecond: cheap enough to check before every write."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)
