"""Quorate's store: SQLite through sqlite-utils, pydantic models, migrations.

Never imports textual or rich, so scripts and the headless CLI use it without a
terminal UI.
"""

from __future__ import annotations

import os

from store.actions import ActionsMixin
from store.agendas import AgendaMixin
from store.base import Clock
from store.directory import DirectoryMixin
from store.live import LiveMixin
from store.meetings import MeetingsMixin
from store.register import RegisterMixin


class Store(ActionsMixin, LiveMixin, AgendaMixin, DirectoryMixin, MeetingsMixin, RegisterMixin):
    """Everything the screens and the CLI may ask of a Quorate database.

    Open with ``Store.open(path)``; every method validates before it writes and
    raises a ``store.errors.StoreError`` with a one-sentence message on failure.
    """

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
    ) -> Store:
        store: Store = super().open(
            path,
            readonly=readonly,
            create=create,
            clock=clock,
            who=who,
            defer_check_over=defer_check_over,
        )
        return store


__all__ = ["Store"]
