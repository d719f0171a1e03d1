"""A meeting, who attended it, who came and went, when it was quorate, and the
interests declared in it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator

from store.domain.kinds import AttendanceStatus, MeetingKind, MeetingStatus, MovementKind
from store.domain.models.base import Model, OptionalText, Stamp, Text, trim


class Meeting(Model):
    id: int | None = None
    title: Text
    kind: MeetingKind
    series: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=80)]
    date: dt.date
    start_time: dt.time = dt.time(10, 0)
    location: OptionalText = None
    chair_id: int | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    quorum_members: Annotated[int | None, Field(ge=1, le=200)] = None
    started_at: Stamp | None = None
    ended_at: Stamp | None = None
    current_item_id: int | None = None
    cancelled_at: Stamp | None = None
    cancelled_reason: OptionalText = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError("use a date such as 2026-12-03") from None
        return value

    @field_validator("start_time", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::00)?", text)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValueError("use a 24-hour time such as 09:30")
            return dt.time(int(match[1]), int(match[2]))
        return value


class Attendance(Model):
    id: int | None = None
    meeting_id: int
    person_id: int
    status: AttendanceStatus = AttendanceStatus.PRESENT
    deputy_id: int | None = None
    note: OptionalText = None


class Movement(Model):
    id: int | None = None
    meeting_id: int
    person_id: int
    kind: MovementKind
    at: Stamp
    item_id: int | None = None  # the agenda item under way when they came or went


class QuorumEvent(Model):
    id: int | None = None
    meeting_id: int
    at: Stamp
    quorate: bool
    missing: str = ""
    # Who came or went to change it ("arrived", "left", "start"), during which item.
    person_id: int | None = None
    item_id: int | None = None
    change: str | None = None


class Declaration(Model):
    id: int | None = None
    meeting_id: int
    person_id: int
    item_id: int | None = None
    nature: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=1000)]
    left_room: bool = False
