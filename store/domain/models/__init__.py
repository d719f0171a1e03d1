"""Pydantic models: the only shapes that cross from store/ to screens/, one
module per area. The names are re-exported here, so ``from store.domain.models
import Meeting, validate`` is how the store and screens import them.

Every write is validated through one of these first, so a bad value becomes a
field-level message (``InvalidValue``) rather than a bad row.
"""

from __future__ import annotations

# The choices are re-exported too: screens import them with the models.
from store.domain.kinds import (
    DEFAULT_CLASSIFICATION,
    DEFAULT_PARTNERSHIP_NAME,
    ActionStatus,
    ActionUpdateKind,
    AgencyKind,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    MovementKind,
    Purpose,
    Relation,
)
from store.domain.models.actions import Action, ActionUpdate
from store.domain.models.agenda import AgendaItem, TemplateItem
from store.domain.models.audit import AuditEntry
from store.domain.models.base import (
    LongText,
    Model,
    OptionalText,
    Stamp,
    Text,
    field_errors,
    validate,
)
from store.domain.models.decisions import Decision
from store.domain.models.directory import Agency, Person, Settings
from store.domain.models.meetings import (
    Attendance,
    Declaration,
    Meeting,
    Movement,
    QuorumEvent,
)
from store.domain.models.register import ProtectedPerson

__all__ = [
    "DEFAULT_CLASSIFICATION",
    "DEFAULT_PARTNERSHIP_NAME",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "ActionUpdateKind",
    "Agency",
    "AgencyKind",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "AuditEntry",
    "Decision",
    "Declaration",
    "LongText",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "Model",
    "Movement",
    "MovementKind",
    "OptionalText",
    "Person",
    "ProtectedPerson",
    "Purpose",
    "QuorumEvent",
    "Relation",
    "Settings",
    "Stamp",
    "TemplateItem",
    "Text",
    "field_errors",
    "validate",
]
