"""An agenda item of a meeting, and an item of the standing agenda template."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from store.domain.kinds import ItemKind, Purpose
from store.domain.models.base import LongText, Model, Stamp, Text


class AgendaItem(Model):
    id: int | None = None
    meeting_id: int
    position: Annotated[int, Field(ge=1)]
    title: Text
    purpose: Purpose = Purpose.DISCUSSION
    presenter_id: int | None = None
    planned_minutes: Annotated[int, Field(ge=1, le=600)] = 10
    minutes: LongText = ""
    standing: bool = False
    kind: ItemKind | None = None  # declarations, matters arising; None: an ordinary item
    started_at: Stamp | None = None
    ended_at: Stamp | None = None
    # Time spent on the item on earlier visits, and when the current visit began:
    # a chair may go back to an item, and its clock carries on from where it was.
    elapsed_seconds: Annotated[int, Field(ge=0)] = 0
    entered_at: Stamp | None = None

    def elapsed(self, now: dt.datetime) -> dt.timedelta:
        """Time spent on this item so far, including the visit under way."""
        seconds = float(self.elapsed_seconds)
        if self.entered_at is not None:
            seconds += max((now - self.entered_at).total_seconds(), 0.0)
        return dt.timedelta(seconds=seconds)


class TemplateItem(Model):
    id: int | None = None
    position: Annotated[int, Field(ge=1)]
    title: Text
    purpose: Purpose = Purpose.DISCUSSION
    planned_minutes: Annotated[int, Field(ge=1, le=600)] = 5
    at_end: bool = False
    kind: ItemKind | None = None
