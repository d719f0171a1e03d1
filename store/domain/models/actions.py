"""An action on the action log, and each update to it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field

from store.domain.kinds import ActionStatus, ActionUpdateKind
from store.domain.models.base import Model, Stamp, trim


class Action(Model):
    id: int | None = None
    reference: str = ""
    description: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=2000)]
    owner_id: int | None = None
    agency_id: int | None = None
    meeting_id: int | None = None
    item_id: int | None = None
    raised_on: dt.date
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    blocked: bool = False
    at_risk: bool = False  # amber whatever its due date
    review_id: int | None = None  # an immediate action of a rapid review
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
