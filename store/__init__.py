"""Quorate's store: SQLite through sqlite-utils, pydantic models, migrations.

Never imports textual or rich, so scripts and the headless CLI use it without a
terminal UI.
"""

from __future__ import annotations

from store.actions import ActionsMixin
from store.agendas import AgendaMixin
from store.directory import DirectoryMixin
from store.live import LiveMixin
from store.meetings import MeetingsMixin
from store.register import RegisterMixin


class Store(ActionsMixin, LiveMixin, AgendaMixin, DirectoryMixin, MeetingsMixin, RegisterMixin):
    """Everything the screens and the CLI may ask of a Quorate database.

    Open with ``Store.open(path)``; every method validates before it writes and
    raises a ``store.errors.StoreError`` with a one-sentence message on failure.
    """


__all__ = ["Store"]
