"""What every model shares: the base class, the text and time types, and
``validate``, which turns pydantic's errors into field-level messages.

Every write is validated through a model first, so a bad value becomes a
field-level message (``InvalidValue``) rather than a bad row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
)

from store.domain.errors import InvalidValue
from store.domain.stamps import stamp


def trim(value: Any) -> Any:
    """A string without its surrounding space; anything else as it was."""
    return value.strip() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return trim(value)


Text = Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=200)]
OptionalText = Annotated[
    Annotated[str, Field(max_length=200)] | None, BeforeValidator(_blank_to_none)
]
LongText = Annotated[str, Field(max_length=1_000_000)]

# A time, which must carry its offset (pydantic refuses a naive one), written
# one way whoever writes it: ISO 8601 to the second, with the offset spelled
# out ("2026-11-27T23:24:34+00:00"), not pydantic's "Z".
Stamp = Annotated[AwareDatetime, PlainSerializer(stamp, return_type=str, when_used="json")]


class Model(BaseModel):
    model_config = ConfigDict(
        # Schemas are built on first use: start-up builds only the few it needs.
        defer_build=True,
        validate_assignment=True,
        extra="forbid",
        str_strip_whitespace=False,
        frozen=False,
    )


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
    if kind == "timezone_aware":
        return "a time must carry its time zone"
    return message
