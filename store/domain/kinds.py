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
