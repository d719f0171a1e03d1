"""The partnership's settings, and the agencies and people in its directory."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, Field, field_validator

from store.domain.kinds import DEFAULT_CLASSIFICATION, DEFAULT_PARTNERSHIP_NAME, AgencyKind
from store.domain.models.base import Model, OptionalText, Text, _blank_to_none, trim


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


class Agency(Model):
    id: int | None = None
    name: Text
    short_name: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=20)]
    kind: AgencyKind
    statutory: bool = False


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
