"""Read-only shapes for the dashboard, built straight from rows.

The first screen shows these before pydantic has loaded (importing it and
building the models' schemas took about 50 ms, a quarter of start-up). They are
never written back: an edit reads the full model (``store.domain.models``) and is
validated there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from store.domain.kinds import (
    DEFAULT_CLASSIFICATION,
    DEFAULT_PARTNERSHIP_NAME,
    MeetingKind,
    MeetingStatus,
)


@dataclass(frozen=True)
class Heading:
    """The partnership's name and the marking every screen and export carries."""

    partnership_name: str = DEFAULT_PARTNERSHIP_NAME
    classification: str = DEFAULT_CLASSIFICATION

    @classmethod
    def from_row(cls, row: dict[str, Any] | None) -> Heading:
        row = row or {}
        return cls(
            row.get("partnership_name") or DEFAULT_PARTNERSHIP_NAME,
            row.get("classification") or DEFAULT_CLASSIFICATION,
        )


@dataclass(frozen=True)
class MeetingSummary:
    """One line of the dashboard's next meetings."""

    id: int
    title: str
    kind: MeetingKind
    date: dt.date
    start_time: dt.time
    location: str | None
    status: MeetingStatus

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> MeetingSummary:
        return cls(
            id=int(row["id"]),
            title=str(row["title"]),
            kind=MeetingKind(row["kind"]),
            date=dt.date.fromisoformat(row["date"]),
            start_time=dt.time.fromisoformat(row["start_time"] or "10:00"),
            location=row["location"],
            status=MeetingStatus(row["status"]),
        )


@dataclass(frozen=True)
class ActionSummary:
    """An action as the dashboard names it."""

    id: int
    reference: str
    description: str
    due: dt.date | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ActionSummary:
        due = row["due"]
        return cls(
            id=int(row["id"]),
            reference=str(row["reference"]),
            description=str(row["description"]),
            due=dt.date.fromisoformat(due) if due else None,
        )


@dataclass(frozen=True)
class Overview:
    """The dashboard's action figures."""

    overdue: int
    oldest_overdue: ActionSummary | None
    due_this_week: int
    open_by_agency: list[tuple[str, int]] = field(default_factory=list)
