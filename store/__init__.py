"""Quorate's store: SQLite through sqlite-utils, pydantic models, migrations.

``Store`` is composed of parts, one per domain (``store.meetings``,
``store.actions``…), each given the unit of work (``store.db.unit``) and the
other parts it needs. Never imports textual or rich, so scripts and the
headless CLI use it without a terminal UI.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Generic, TypeVar

from store.agenda import AgendaPart
from store.dashboard import DashboardPart
from store.db.unit import Clock, Unit
from store.directory import DirectoryPart
from store.meetings import MeetingsPart
from store.settings import SettingsPart

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from store.actions import ActionsPart
    from store.attendance import AttendancePart
    from store.decisions import DecisionsPart
    from store.domain.models import AuditEntry
    from store.escalations import EscalationsPart
    from store.live import LivePart
    from store.record import RecordPart
    from store.register import RegisterPart
    from store.reviews import RapidReviewsPart
    from store.search import SearchPart


T = TypeVar("T")


class _Part(Generic[T]):
    """A part of the store made on first use, once (a lock: the screens' workers
    reach the store from threads), then kept on the store like any attribute."""

    def __init__(self, make: Callable[[Store], T]) -> None:
        self.make = make
        self.name = ""

    def __set_name__(self, owner: type[Store], name: str) -> None:
        self.name = name

    def __get__(self, store: Store, owner: type[Store] | None = None) -> T:
        with store._making:
            made: T | None = store.__dict__.get(self.name)
            if made is None:
                made = store.__dict__[self.name] = self.make(store)
            return made


def _register(s: Store) -> RegisterPart:
    from store.register import RegisterPart

    return RegisterPart(s.unit)


def _attendance(s: Store) -> AttendancePart:
    from store.attendance import AttendancePart

    return AttendancePart(s.unit, s.meetings, s.settings)


def _decisions(s: Store) -> DecisionsPart:
    from store.decisions import DecisionsPart

    return DecisionsPart(s.unit)


def _actions(s: Store) -> ActionsPart:
    from store.actions import ActionsPart

    return ActionsPart(s.unit, s.settings)


def _record(s: Store) -> RecordPart:
    from store.record import RecordPart

    return RecordPart(s.unit, s.settings, s.meetings, s.agenda, s.actions, s.attendance)


def _live(s: Store) -> LivePart:
    from store.live import LivePart

    return LivePart(s.unit, s.agenda, s.attendance, s.record)


def _reviews(s: Store) -> RapidReviewsPart:
    from store.reviews import RapidReviewsPart

    return RapidReviewsPart(s.unit, s.settings, s.actions)


def _escalations(s: Store) -> EscalationsPart:
    from store.escalations import EscalationsPart

    return EscalationsPart(s.unit, s.settings)


def _search(s: Store) -> SearchPart:
    from store.search import SearchPart

    return SearchPart(s.unit)


class Store:
    """Everything the screens and the CLI may ask of a Quorate database.

    Open with ``Store.open(path)``; every method validates before it writes and
    raises a ``store.domain.errors.StoreError`` with a one-sentence message on failure.
    """

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self._making = threading.RLock()
        self.settings = SettingsPart(unit)
        self.directory = DirectoryPart(unit)
        self.agenda = AgendaPart(unit)
        self.meetings = MeetingsPart(unit, self.agenda)
        self.dashboard = DashboardPart(unit, self.settings)

    # The parts the dashboard's first frame does not need are made (and their
    # modules imported) on first use: about 8 ms of start-up.
    register = _Part(_register)
    attendance = _Part(_attendance)
    decisions = _Part(_decisions)
    actions = _Part(_actions)
    record = _Part(_record)
    live = _Part(_live)
    reviews = _Part(_reviews)
    escalations = _Part(_escalations)
    search = _Part(_search)

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
    ) -> Store:
        """Open or create the database at ``path``; raises ``FileRefused`` on a bad file
        (``store.db.unit.Unit.open`` says more)."""
        return cls(
            Unit.open(
                path,
                readonly=readonly,
                create=create,
                clock=clock,
                who=who,
                defer_check_over=defer_check_over,
                exclusive=exclusive,
                uids=uids,
            )
        )

    # -- the file --------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.unit.path

    @property
    def readonly(self) -> bool:
        return self.unit.readonly

    @property
    def readonly_reason(self) -> str | None:
        return self.unit.readonly_reason

    @property
    def backup(self) -> Path | None:
        return self.unit.backup

    @property
    def version(self) -> int:
        return self.unit.version

    @property
    def integrity_pending(self) -> bool:
        return self.unit.integrity_pending

    def verify_integrity(self) -> None:
        self.unit.verify_integrity()

    def flush(self) -> None:
        """Move every committed write from the WAL into the database file itself, so
        that the file alone (a copy, a backup by other tools) holds all of it."""
        self.unit.flush()

    def close(self) -> None:
        """Checkpoint and close. Safe to call twice."""
        self.unit.close()

    @property
    def clock(self) -> Clock:
        """The clock every part reads (a test or the demo sets a fixed one)."""
        return self.unit.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self.unit.clock = clock

    def who(self) -> str:
        """The name the audit trail records."""
        return self.unit.who()

    def audit_trail(
        self, table: str | None = None, record_id: int | None = None
    ) -> list[AuditEntry]:
        """Changes, oldest first, optionally for one table or one record."""
        return self.unit.audit_trail(table, record_id)


__all__ = ["Store"]
