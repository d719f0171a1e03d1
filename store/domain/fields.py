"""The fields a screen or script may give when it adds or changes a record.

Each is a ``TypedDict`` the store methods take as ``**fields: Unpack[...]``, so
mypy checks every call's field names and value types; the pydantic models still
validate each value (a form may pass the text the chair typed, so dates, times
and choices are accepted as text too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypedDict

from store.domain.kinds import (
    ActionStatus,
    AgencyKind,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    Purpose,
    Relation,
)

DateIn = dt.date | str
TimeIn = dt.time | str
StampIn = dt.datetime | str | None


class SettingsFields(TypedDict, total=False):
    partnership_name: str
    classification: str
    user_name: str | None
    quorum_members: int | str | None  # as typed: "6", or blank for none
    amber_days: int | str
    # JSON text or a dict (store.domain.models.directory.QuorumRule per kind).
    quorum_rules: dict[str, Any] | str | None
    each_local_authority: bool
    reports_to: dict[str, str] | str | None
    review_milestones: str | None
    review_day0: str
    escalation_policy: str | None


class AgencyFields(TypedDict, total=False):
    name: str
    short_name: str
    kind: AgencyKind | str
    statutory: bool
    lead_partner_id: int | None
    delegated_partner_id: int | None


class PersonFields(TypedDict, total=False):
    name: str
    initials: str
    job_title: str | None
    agency_id: int | None
    email: str | None


class MeetingFields(TypedDict, total=False):
    title: str
    kind: MeetingKind | str
    series: str
    date: DateIn
    start_time: TimeIn
    location: str | None
    chair_id: int | None
    quorum_members: int | None


class MeetingChanges(MeetingFields, total=False):
    """What a correction or the live flow may also change."""

    status: MeetingStatus | str
    started_at: StampIn
    ended_at: StampIn
    current_item_id: int | None
    cancelled_at: StampIn
    cancelled_reason: str | None


class AgendaItemFields(TypedDict, total=False):
    position: int
    title: str
    purpose: Purpose | str
    presenter_id: int | None
    planned_minutes: int | str
    minutes: str
    standing: bool
    kind: ItemKind | None


class ActionChanges(TypedDict, total=False):
    description: str
    owner_id: int | None
    agency_id: int | None
    item_id: int | None
    due: DateIn | None
    status: ActionStatus | str
    blocked: bool
    at_risk: bool


class ProtectedPersonFields(TypedDict, total=False):
    pseudonym: str
    real_name: str
    # The other forms of the name: a list, or text with one form per line or
    # separated by ";" (as typed into the register's form).
    other_names: str | Sequence[str]
    relation: Relation | str
    note: str | None
