"""Quorate's store: SQLite through sqlite-utils, pydantic models, migrations.

``Store`` is composed of parts, one per domain (``store.meetings``,
``store.actions``…), each given the unit of work (``store.db.unit``) and the
other parts it needs. Never imports textual or rich, so scripts and the
headless CLI use it without a terminal UI.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from store.actions import ActionsPart
from store.agenda import AgendaPart
from store.attendance import AttendancePart
from store.dashboard import DashboardPart
from store.db.unit import Clock, Unit
from store.decisions import DecisionsPart
from store.directory import DirectoryPart
from store.escalations import EscalationsPart
from store.live import LivePart
from store.meetings import MeetingsPart
from store.record import RecordPart
from store.register import RegisterPart
from store.reviews import RapidReviewsPart
from store.settings import SettingsPart

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from store.domain.models import AuditEntry


class Store:
    """Everything the screens and the CLI may ask of a Quorate database.

    Open with ``Store.open(path)``; every method validates before it writes and
    raises a ``store.domain.errors.StoreError`` with a one-sentence message on failure.
    """

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.settings = SettingsPart(unit)
        self.directory = DirectoryPart(unit)
        self.register = RegisterPart(unit)
        self.agenda = AgendaPart(unit)
        self.meetings = MeetingsPart(unit, self.agenda)
        self.attendance = AttendancePart(unit, self.meetings, self.settings)
        self.decisions = DecisionsPart(unit)
        self.actions = ActionsPart(unit, self.settings)
        self.record = RecordPart(
            unit, self.settings, self.meetings, self.agenda, self.actions, self.attendance
        )
        self.live = LivePart(unit, self.agenda, self.attendance, self.record)
        self.reviews = RapidReviewsPart(unit, self.settings, self.actions)
        self.escalations = EscalationsPart(unit, self.settings)
        self.dashboard = DashboardPart(unit, self.settings)

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
