"""Pydantic models: the only shapes that cross from store/ to screens/.

Every write is validated through one of these first, so a bad value becomes a
field-level message (``InvalidValue``) rather than a bad row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
)

from store.domain.errors import InvalidValue

# The choices are re-exported: screens import them with the models.
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
from store.domain.stamps import stamp


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return _strip(value)


Text = Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=200)]
OptionalText = Annotated[
    Annotated[str, Field(max_length=200)] | None, BeforeValidator(_blank_to_none)
]
LongText = Annotated[str, Field(max_length=1_000_000)]


class Model(BaseModel):
    model_config = ConfigDict(
        # Schemas are built on first use: start-up builds only the few it needs.
        defer_build=True,
        validate_assignment=True,
        extra="forbid",
        str_strip_whitespace=False,
        frozen=False,
    )


class Settings(Model):
    partnership_name: Text = DEFAULT_PARTNERSHIP_NAME
    classification: Text = DEFAULT_CLASSIFICATION
    user_name: OptionalText = None
    # The quorum a new partnership board or sub-group meeting starts with.
    quorum_members: Annotated[int | None, Field(ge=1, le=50)] = None
    # An open action due within this many days is amber.
    amber_days: Annotated[int, Field(ge=1, le=90)] = 7


class Agency(Model):
    id: int | None = None
    name: Text
    short_name: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=20)]
    kind: AgencyKind
    statutory: bool = False


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_INITIALS = re.compile(r"^[A-Z][A-Za-z'-]{0,5}$")


class Person(Model):
    id: int | None = None
    name: Text
    initials: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=6)]
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


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("a time must carry its time zone")
    return value


# Every time is written one way: ISO 8601 to the second, with its offset
# ("2026-11-27T23:24:34+00:00"), whoever writes it.
Stamp = Annotated[dt.datetime, PlainSerializer(stamp, return_type=str, when_used="json")]
AwareDatetime = Annotated[Stamp | None, Field(default=None)]


class Meeting(Model):
    id: int | None = None
    title: Text
    kind: MeetingKind
    series: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=80)]
    date: dt.date
    start_time: dt.time = dt.time(10, 0)
    location: OptionalText = None
    chair_id: int | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    quorum_members: Annotated[int | None, Field(ge=1, le=200)] = None
    started_at: AwareDatetime = None
    ended_at: AwareDatetime = None
    current_item_id: int | None = None
    cancelled_at: AwareDatetime = None
    cancelled_reason: OptionalText = None

    @field_validator("started_at", "ended_at", "cancelled_at")
    @classmethod
    def _tz(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _aware(value)

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
    started_at: AwareDatetime = None
    ended_at: AwareDatetime = None
    # Time spent on the item on earlier visits, and when the current visit began:
    # a chair may go back to an item, and its clock carries on from where it was.
    elapsed_seconds: Annotated[int, Field(ge=0)] = 0
    entered_at: AwareDatetime = None

    def elapsed(self, now: dt.datetime) -> dt.timedelta:
        """Time spent on this item so far, including the visit under way."""
        seconds = float(self.elapsed_seconds)
        if self.entered_at is not None:
            seconds += max((now - self.entered_at).total_seconds(), 0.0)
        return dt.timedelta(seconds=seconds)

    @field_validator("started_at", "ended_at", "entered_at")
    @classmethod
    def _tz(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _aware(value)


class Attendance(Model):
    id: int | None = None
    meeting_id: int
    person_id: int
    status: AttendanceStatus = AttendanceStatus.PRESENT
    deputy_id: int | None = None
    note: OptionalText = None


class TemplateItem(Model):
    id: int | None = None
    position: Annotated[int, Field(ge=1)]
    title: Text
    purpose: Purpose = Purpose.DISCUSSION
    planned_minutes: Annotated[int, Field(ge=1, le=600)] = 5
    at_end: bool = False


class Movement(Model):
    id: int | None = None
    meeting_id: int
    person_id: int
    kind: MovementKind
    at: Stamp


class QuorumEvent(Model):
    id: int | None = None
    meeting_id: int
    at: Stamp
    quorate: bool
    missing: str = ""


class Decision(Model):
    id: int | None = None
    reference: str | None = None
    meeting_id: int
    item_id: int | None = None
    text: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=5000)]
    made_at: Stamp
    withdrawn_at: AwareDatetime = None
    withdrawn_reason: OptionalText = None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Declaration(Model):
    id: int | None = None
    meeting_id: int
    person_id: int
    item_id: int | None = None
    nature: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=1000)]
    left_room: bool = False


class Action(Model):
    id: int | None = None
    reference: str = ""
    description: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=2000)]
    owner_id: int | None = None
    agency_id: int | None = None
    meeting_id: int | None = None
    item_id: int | None = None
    raised_on: dt.date
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    blocked: bool = False
    closed_on: dt.date | None = None
    latest_update: str | None = None
    latest_update_on: dt.date | None = None


class ActionUpdate(Model):
    id: int | None = None
    action_id: int
    at: Stamp
    on_date: dt.date
    meeting_id: int | None = None
    kind: ActionUpdateKind
    text: str = ""


class ProtectedPerson(Model):
    """A child or family member whose name is never circulated."""

    id: int | None = None
    pseudonym: Text
    real_name: Text
    other_names: Annotated[str, Field(max_length=2000)] = ""  # one form per line
    relation: Relation = Relation.CHILD
    note: OptionalText = None
    # Forms that were once current (an old real name, a removed nickname): still redacted.
    former_names: Annotated[str, Field(max_length=20000)] = ""
    retired_on: dt.date | None = None  # no longer offered for new records; still redacted

    @property
    def forms(self) -> tuple[str, ...]:
        """The real name, then every other form of it."""
        others = [line.strip() for line in self.other_names.splitlines() if line.strip()]
        return (self.real_name, *others)

    @property
    def former(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.former_names.splitlines() if line.strip())

    @property
    def redacted_forms(self) -> tuple[str, ...]:
        """Every form ever registered for this person: what redaction replaces."""
        return (*self.forms, *self.former)


class AuditEntry(Model):
    id: int
    at: Stamp
    table_name: str
    record_id: int
    field: str
    old: str | None
    new: str | None
    who: str


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Mapping[str, Any]) -> M:
    """Build ``model`` from ``data``, turning pydantic's errors into ``InvalidValue``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidValue(field_errors(exc)) from None


def field_errors(exc: ValidationError) -> dict[str, str]:
    """One short message per field, in the words a form can show under it."""
    errors: dict[str, str] = {}
    for err in exc.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in err["loc"]) or "value"
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        errors.setdefault(field, _plain(err["type"], message, err.get("ctx")))
    return errors


def _plain(kind: str, message: str, ctx: dict[str, Any] | None) -> str:
    ctx = ctx or {}
    if kind == "missing":
        return "required"
    if kind in {"string_too_short", "too_short"} and ctx.get("min_length") == 1:
        return "required"
    if kind in {"string_too_long", "too_long"}:
        return f"at most {ctx.get('max_length')} characters"
    if kind == "enum":
        return f"choose one of {ctx.get('expected')}"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return "use a date such as 2026-12-03"
    if kind in {"int_parsing", "int_type"}:
        return "a whole number is needed"
    return message
