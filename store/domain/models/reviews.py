"""A rapid review: the record kept against the national 15-working-day clock,
each agency's involvement and return, the parallel processes, and each
safeguarding partner's sign-off."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator

from store.domain.kinds import Harm, LegalStatus, PanelResponse, ProcessKind
from store.domain.models.base import Model, OptionalText, Stamp, _blank_to_none
from store.domain.models.references import reference_format

Reference = Annotated[str, reference_format("RR", "RR-2026-03")]
LongOptional = Annotated[
    Annotated[str, Field(max_length=20_000)] | None, BeforeValidator(_blank_to_none)
]
Section = Annotated[str, Field(max_length=100_000)]


class RapidReview(Model):
    id: int | None = None
    uid: str = ""
    reference: Reference = ""  # RR-2026-03, unique in the file
    child_id: int | None = None  # on the register: shown by pseudonym
    meeting_id: int | None = None  # the rapid review meeting
    harm: Harm = Harm.SERIOUS_HARM
    age: OptionalText = None
    sex: OptionalText = None
    ethnicity: OptionalText = None
    disability: OptionalText = None
    legal_status: LegalStatus | None = None
    siblings: OptionalText = None
    incident_on: dt.date | None = None
    la_aware_on: dt.date | None = None
    notified_on: dt.date  # the serious incident notification: day 0
    referral_on: dt.date | None = None  # day 0 where the partnership counts from it
    notification_ref: OptionalText = None
    template_sent_on: dt.date | None = None
    background: Section = ""
    practice_episodes: Section = ""
    good_practice: Section = ""
    learning_local: Section = ""
    learning_national: Section = ""
    inequality: Section = ""  # how racism, inequality and disability shaped it
    lcspr: bool | None = None  # the decision: None until made
    criteria: str = ""  # which of a-d apply, e.g. "a,c"
    rationale: LongOptional = None
    other_learning: LongOptional = None
    national_review: bool = False
    sent_to_panel_on: dt.date | None = None
    panel_response: PanelResponse | None = None
    panel_response_on: dt.date | None = None
    late_reason: LongOptional = None
    lcspr_started_on: dt.date | None = None
    lcspr_reviewer: OptionalText = None
    complete_by: dt.date | None = None  # day 15, from the calendar (kept for the figures)
    days_taken: int | None = None  # working days from day 0 to sent to the Panel
    created_at: Stamp

    @field_validator("criteria")
    @classmethod
    def _criteria(cls, value: str) -> str:
        letters = sorted({c for c in value.lower() if c.isalpha()})
        bad = [c for c in letters if c not in "abcd"]
        if bad:
            raise ValueError("the LCSPR criteria are (a) to (d)")
        return ",".join(letters)

    @property
    def lcspr_due(self) -> dt.date | None:
        """An LCSPR should be published within 6 months of its start."""
        if self.lcspr_started_on is None:
            return None
        from dateutil.relativedelta import relativedelta

        due: dt.date = self.lcspr_started_on + relativedelta(months=6)
        return due


class ReviewAgency(Model):
    id: int | None = None
    uid: str = ""
    review_id: int
    agency_id: int
    involved: bool = True
    return_due: dt.date | None = None
    return_in: dt.date | None = None
    summary: Section = ""


class ReviewProcess(Model):
    id: int | None = None
    uid: str = ""
    review_id: int
    kind: ProcessKind
    status: Annotated[str, Field(max_length=500)] = ""


class SignOff(Model):
    id: int | None = None
    uid: str = ""
    review_id: int
    agency_id: int
    person_id: int | None = None
    signed_on: dt.date


__all__ = [
    "PanelResponse",
    "ProcessKind",
    "RapidReview",
    "ReviewAgency",
    "ReviewProcess",
    "SignOff",
]
