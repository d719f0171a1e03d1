"""An escalation: a professional disagreement between two agencies about a
child, moved through the stages of the partnership's policy, each with who holds
it and its due date, until it is resolved or closed unresolved."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator

from store.domain.kinds import EscalationCategory, EscalationStatus, Referral
from store.domain.models.base import Model, OptionalText, Stamp, _blank_to_none
from store.domain.models.references import reference_format

Reference = Annotated[str, reference_format("ESC", "ESC-2026-07")]
Section = Annotated[str, Field(max_length=20_000)]
LongOptional = Annotated[
    Annotated[str, Field(max_length=20_000)] | None, BeforeValidator(_blank_to_none)
]


class Escalation(Model):
    id: int | None = None
    uid: str = ""
    reference: Reference = ""  # ESC-2026-07, unique in the file
    child_id: int | None = None  # on the register: shown by pseudonym
    raised_on: dt.date
    raised_by_id: int | None = None  # a person in the directory
    raised_by_role: OptionalText = None
    raised_by_agency_id: int
    raised_with_agency_id: int
    decision_disputed: Section = ""
    category: EscalationCategory
    urgent: bool = False  # a child at significant risk: the 24-hour route
    raiser_position: Section = ""
    other_position: Section = ""
    policy_json: str = ""  # the policy it started under (store.domain.escalation_policy)
    # The stage it is at now (a copy of its latest row in escalation_stages).
    stage: int = 1
    holder_id: int | None = None
    holder: OptionalText = None  # who holds it, by role
    stage_due: dt.date | None = None
    stage_due_at: Stamp | None = None  # the urgent route's moment
    status: EscalationStatus = EscalationStatus.OPEN
    outcome: LongOptional = None
    closed_on: dt.date | None = None
    closed_meeting_id: int | None = None  # the meeting it was resolved or closed in
    learning_theme: OptionalText = None
    referred_to: Referral | None = None
    days_open: int | None = None  # working days from raised to closed (for the figures)
    created_at: Stamp

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: int) -> int:
        if value < 1:
            raise ValueError("stages are counted from 1")
        return value


class EscalationStage(Model):
    """One stage in an escalation's history: kept, never changed but to note the
    day it was left."""

    id: int | None = None
    uid: str = ""
    escalation_id: int
    stage: int
    name: Annotated[str, Field(max_length=200)] = ""  # the stage's name when entered
    entered_on: dt.date
    entered_at: Stamp | None = None  # the moment, on the urgent route
    holder_id: int | None = None
    holder: OptionalText = None
    due: dt.date
    due_at: Stamp | None = None
    note: Section = ""
    meeting_id: int | None = None  # the meeting where it was moved on, if one
    left_on: dt.date | None = None


__all__ = ["Escalation", "EscalationCategory", "EscalationStage", "EscalationStatus", "Referral"]
