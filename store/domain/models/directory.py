"""The partnership's settings, and the agencies and people in its directory."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from store.domain.kinds import (
    DEFAULT_CLASSIFICATION,
    DEFAULT_PARTNERSHIP_NAME,
    AgencyKind,
    MeetingKind,
)
from store.domain.models.base import Model, OptionalText, Text, _blank_to_none, trim

_PARTNERS = [AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE]


class QuorumRule(Model):
    """When a meeting of one kind is quorate (domain.md's table is the default).

    ``partners``: the safeguarding partners that must each be represented;
    ``by_partner_leads``: represented only by the agency's lead or delegated
    safeguarding partner, or the deputy one of them named (else by anyone from
    it); ``members``: a set number of members present (the meeting's own
    quorum). A rule with neither means no quorum applies."""

    partners: list[AgencyKind] = []
    by_partner_leads: bool = False
    members: bool = False

    @property
    def applies(self) -> bool:
        return bool(self.partners) or self.members


DEFAULT_QUORUM_RULES: dict[MeetingKind, QuorumRule] = {
    MeetingKind.EXECUTIVE: QuorumRule(partners=_PARTNERS, by_partner_leads=True),
    MeetingKind.RAPID_REVIEW: QuorumRule(partners=_PARTNERS),
    MeetingKind.CHILD_DEATH_REVIEW: QuorumRule(
        partners=[AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH]
    ),
    MeetingKind.PARTNERSHIP_BOARD: QuorumRule(members=True),
    MeetingKind.SUB_GROUP: QuorumRule(members=True),
    MeetingKind.LEARNING_EVENT: QuorumRule(),
}

# Actions raised where (a kind of meeting, or OUTSIDE a meeting) are reported to
# which kind of meeting's matters arising, besides their own series'.
OUTSIDE = "outside"
DEFAULT_REPORTS_TO: dict[str, MeetingKind] = {
    MeetingKind.RAPID_REVIEW.value: MeetingKind.EXECUTIVE,
    MeetingKind.SUB_GROUP.value: MeetingKind.EXECUTIVE,
    OUTSIDE: MeetingKind.EXECUTIVE,
}


def _rules(value: Any) -> Any:
    """Stored rules (JSON text, or None for the defaults) over the defaults."""
    if value is None or value == "":
        return dict(DEFAULT_QUORUM_RULES)
    if isinstance(value, str):
        value = json.loads(value)
    return {**DEFAULT_QUORUM_RULES, **value}


def _milestones(value: Any) -> Any:
    """The milestones as typed, read and written back the one way (blank: the
    defaults); ``ValueError`` names what cannot be read."""
    from store.domain.review_clock import DEFAULT_MILESTONES, milestones_text, read_milestones

    if value is None or (isinstance(value, str) and not value.strip()):
        return milestones_text(DEFAULT_MILESTONES)
    if not isinstance(value, str):
        return value
    return milestones_text(read_milestones(value))


def _policy(value: Any) -> Any:
    """The escalation policy as typed, read and written back the one way
    (blank: the default); ``ValueError`` names what cannot be read."""
    from store.domain.escalation_policy import DEFAULT_POLICY, policy_text, read_policy

    if value is None or (isinstance(value, str) and not value.strip()):
        return policy_text(DEFAULT_POLICY)
    if not isinstance(value, str):
        return value
    return policy_text(read_policy(value))


def _reports(value: Any) -> Any:
    if value is None or value == "":
        return dict(DEFAULT_REPORTS_TO)
    if isinstance(value, str):
        value = json.loads(value)
    return value


class Settings(Model):
    partnership_name: Text = DEFAULT_PARTNERSHIP_NAME
    classification: Text = DEFAULT_CLASSIFICATION
    user_name: OptionalText = None
    # The quorum a new partnership board or sub-group meeting starts with.
    # Either may be given as typed ("6", blank for no quorum): read here, once.
    quorum_members: Annotated[
        Annotated[int, Field(ge=1, le=50)] | None, BeforeValidator(_blank_to_none)
    ] = None
    # An open action due within this many days is amber.
    amber_days: Annotated[int, BeforeValidator(trim), Field(ge=1, le=90)] = 7
    # The quorum per kind of meeting, and whether, where several local
    # authorities are partners, each must be represented (else any one).
    quorum_rules: Annotated[dict[MeetingKind, QuorumRule], BeforeValidator(_rules)] = Field(
        default_factory=lambda: dict(DEFAULT_QUORUM_RULES)
    )
    each_local_authority: bool = False
    # Which bodies report to which: a meeting kind (or OUTSIDE) to the kind of
    # meeting whose matters arising takes its actions.
    reports_to: Annotated[dict[str, MeetingKind], BeforeValidator(_reports)] = Field(
        default_factory=lambda: dict(DEFAULT_REPORTS_TO)
    )

    # The rapid review's milestones, as a chair types them ("template 2; returns
    # 5; meeting 7-13; panel 2 after meeting; complete 15"), and day 0 of its
    # clock: the notification, or the referral.
    review_milestones: Annotated[str, BeforeValidator(_milestones)] = Field(
        default_factory=lambda: _milestones(None)
    )
    review_day0: Literal["notification", "referral"] = "notification"
    # The escalation policy as a chair types it ("Practitioners (practitioner to
    # practitioner) 5; …; urgent 24 hours"); blank: domain.md's.
    escalation_policy: Annotated[str, BeforeValidator(_policy)] = Field(
        default_factory=lambda: _policy(None)
    )

    @field_validator("reports_to")
    @classmethod
    def _reports_to(cls, value: dict[str, MeetingKind]) -> dict[str, MeetingKind]:
        known = {kind.value for kind in MeetingKind} | {OUTSIDE}
        for body, to in value.items():
            if body not in known:
                raise ValueError(f"{body!r} is not a kind of meeting")
            if body == to.value:
                raise ValueError(f"{body} cannot report to itself")
        return value


class Agency(Model):
    id: int | None = None
    name: Text
    short_name: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=20)]
    kind: AgencyKind
    statutory: bool = False
    # A safeguarding partner's lead (chief executive, chief constable) and the
    # delegated safeguarding partner who acts for them: people in the directory.
    lead_partner_id: int | None = None
    delegated_partner_id: int | None = None


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_INITIALS = re.compile(r"^[A-Z][A-Za-z'-]{0,5}$")


class Person(Model):
    id: int | None = None
    name: Text
    initials: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=6)]
    job_title: OptionalText = None
    agency_id: int | None = None
    email: OptionalText = None

    @field_validator("initials")
    @classmethod
    def _initials(cls, value: str) -> str:
        if not _INITIALS.match(value):
            raise ValueError("use letters only, starting with a capital, e.g. JO")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError("not an email address (name@example.org)")
        return value
