"""A person on the protected register: a child or family member whose name is
never circulated."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from store.domain.kinds import Relation
from store.domain.models.base import Model, OptionalText, Text


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
