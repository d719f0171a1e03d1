"""The fixed choices a record can hold (kinds, statuses, purposes) and their labels.

Plain enums with no pydantic: the first screen and the headless commands use
them without paying for the models (``store.domain.models`` re-exports them).
"""

from __future__ import annotations

from enum import StrEnum

DEFAULT_CLASSIFICATION = "OFFICIAL-SENSITIVE"
DEFAULT_PARTNERSHIP_NAME = "Safeguarding Children Partnership"


class AgencyKind(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    HEALTH = "health"
    POLICE = "police"
    EDUCATION = "education"
    VOLUNTARY = "voluntary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _AGENCY_KIND_LABELS[self]


_AGENCY_KIND_LABELS = {
    AgencyKind.LOCAL_AUTHORITY: "Local authority",
    AgencyKind.HEALTH: "Health (ICB)",
    AgencyKind.POLICE: "Police",
    AgencyKind.EDUCATION: "Education",
    AgencyKind.VOLUNTARY: "Voluntary sector",
    AgencyKind.OTHER: "Other",
}


class MeetingKind(StrEnum):
    EXECUTIVE = "executive"
    PARTNERSHIP_BOARD = "partnership_board"
    SUB_GROUP = "sub_group"
    RAPID_REVIEW = "rapid_review"
    CHILD_DEATH_REVIEW = "child_death_review"
    LEARNING_EVENT = "learning_event"

    @property
    def label(self) -> str:
        if self is MeetingKind.SUB_GROUP:
            return "Sub-group"  # as partnerships write it, not "Sub group"
        return self.value.replace("_", " ").capitalize()


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    LIVE = "live"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Purpose(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"

    @property
    def label(self) -> str:
        return f"For {self.value}"


class ItemKind(StrEnum):
    """A standing item the meeting treats specially, whatever its title says now."""

    DECLARATIONS = "declarations"  # every declaration of interest is listed there
    MATTERS_ARISING = "matters_arising"  # the earlier meetings' open actions are taken there
    PREVIOUS_MINUTES = "previous_minutes"  # the last meeting's minutes are agreed there
    NEXT_MEETING = "next_meeting"  # the date of the next meeting is given there
    ESCALATIONS = "escalations"  # the open escalations are reviewed there


class AttendanceStatus(StrEnum):
    INVITED = "invited"  # on the list, not yet marked
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    IN_ATTENDANCE = "in_attendance"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class MovementKind(StrEnum):
    ARRIVED = "arrived"
    LEFT = "left"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionUpdateKind(StrEnum):
    CREATED = "created"
    UPDATE = "update"
    STATUS = "status"
    DUE = "due"
    OWNER = "owner"


class Relation(StrEnum):
    CHILD = "child"
    FAMILY = "family"

    @property
    def label(self) -> str:
        return "Child" if self is Relation.CHILD else "Family member"


class Harm(StrEnum):
    DEATH = "death"
    SERIOUS_HARM = "serious_harm"

    @property
    def label(self) -> str:
        return "Death" if self is Harm.DEATH else "Serious harm"


class LegalStatus(StrEnum):
    NONE = "none"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    LOOKED_AFTER = "looked_after"
    CARE_LEAVER = "care_leaver"

    @property
    def label(self) -> str:
        return {
            LegalStatus.NONE: "None known",
            LegalStatus.CHILD_IN_NEED: "Child in need",
            LegalStatus.CHILD_PROTECTION_PLAN: "Child protection plan",
            LegalStatus.LOOKED_AFTER: "Looked after",
            LegalStatus.CARE_LEAVER: "Care leaver",
        }[self]


class PanelResponse(StrEnum):
    AGREES = "agrees"
    DISAGREES = "disagrees"
    MORE_INFORMATION = "more_information"

    @property
    def label(self) -> str:
        return {
            PanelResponse.AGREES: "Agrees",
            PanelResponse.DISAGREES: "Disagrees",
            PanelResponse.MORE_INFORMATION: "Asks for more information",
        }[self]


class ProcessKind(StrEnum):
    """A process running beside a rapid review."""

    POLICE_INVESTIGATION = "police_investigation"
    CORONER = "coroner"
    CHILD_DEATH_REVIEW = "child_death_review"
    DOMESTIC_HOMICIDE_REVIEW = "domestic_homicide_review"
    ADULT_REVIEW = "adult_review"
    LADO = "lado"

    @property
    def label(self) -> str:
        return {
            ProcessKind.POLICE_INVESTIGATION: "Police investigation",
            ProcessKind.CORONER: "Coroner",
            ProcessKind.CHILD_DEATH_REVIEW: "Child death review",
            ProcessKind.DOMESTIC_HOMICIDE_REVIEW: "Domestic homicide review",
            ProcessKind.ADULT_REVIEW: "Safeguarding adult review",
            ProcessKind.LADO: "LADO",
        }[self]


# The LCSPR criteria of Working Together (domain.md): the partners consider
# whether the case highlights or may highlight ...
LCSPR_CRITERIA = {
    "a": "improvements needed, including ones identified before",
    "b": "recurrent themes in safeguarding and promoting the welfare of children",
    "c": "concerns about two or more agencies working together effectively",
    "d": "a case the national Panel has asked to be reviewed locally",
}


class EscalationCategory(StrEnum):
    """What a professional disagreement between agencies is about (domain.md)."""

    THRESHOLDS = "thresholds"
    ASSESSMENT = "assessment_outcome"
    ROLES = "roles"
    SERVICES = "services"
    INFORMATION_SHARING = "information_sharing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            EscalationCategory.THRESHOLDS: "Thresholds",
            EscalationCategory.ASSESSMENT: "Assessment outcome",
            EscalationCategory.ROLES: "Roles and responsibilities",
            EscalationCategory.SERVICES: "Services",
            EscalationCategory.INFORMATION_SHARING: "Information sharing",
            EscalationCategory.OTHER: "Other",
        }[self]


class EscalationStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"  # closed unresolved: referred to the executive or the scrutineer

    @property
    def label(self) -> str:
        return {
            EscalationStatus.OPEN: "Open",
            EscalationStatus.RESOLVED: "Resolved",
            EscalationStatus.CLOSED: "Closed unresolved",
        }[self]


class Referral(StrEnum):
    """Where an escalation closed unresolved went."""

    EXECUTIVE = "executive"
    SCRUTINEER = "scrutineer"

    @property
    def label(self) -> str:
        return {
            Referral.EXECUTIVE: "the partnership executive",
            Referral.SCRUTINEER: "the independent scrutineer",
        }[self]
