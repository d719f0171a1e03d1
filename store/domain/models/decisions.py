"""A decision recorded in a meeting, and its withdrawal."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from store.domain.models.base import Model, OptionalText, Stamp, _blank_to_none, trim


class Decision(Model):
    id: int | None = None
    reference: str | None = None
    meeting_id: int
    item_id: int | None = None
    text: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=5000)]
    made_at: Stamp
    withdrawn_at: Stamp | None = None
    withdrawn_reason: OptionalText = None
    rationale: Annotated[
        Annotated[str, Field(max_length=5000)] | None, BeforeValidator(_blank_to_none)
    ] = None
    # Who decided: None for the meeting itself, else as typed ("the lead
    # safeguarding partners", or their names).
    decided_by: OptionalText = None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
