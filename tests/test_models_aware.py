"""Every time a model holds must carry its offset: a naive one is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from store.domain.errors import InvalidValue
from store.domain.models import (
    ActionUpdate,
    AgendaItem,
    AuditEntry,
    Decision,
    Meeting,
    Movement,
    QuorumEvent,
    validate,
)

AWARE = dt.datetime(2026, 11, 27, 14, 30, tzinfo=dt.UTC)
NAIVE = dt.datetime(2026, 11, 27, 14, 30)

MEETING = {"title": "Board", "kind": "partnership_board", "series": "Board", "date": "2026-12-03"}
BASES: dict[type[BaseModel], dict[str, Any]] = {
    Meeting: MEETING,
    AgendaItem: {"meeting_id": 1, "position": 1, "title": "Welcome"},
    Movement: {"meeting_id": 1, "person_id": 1, "kind": "left", "at": AWARE},
    QuorumEvent: {"meeting_id": 1, "at": AWARE, "quorate": True},
    Decision: {"meeting_id": 1, "text": "Agreed", "made_at": AWARE},
    ActionUpdate: {"action_id": 1, "at": AWARE, "on_date": "2026-11-27", "kind": "update"},
    AuditEntry: {
        "id": 1,
        "at": AWARE,
        "table_name": "actions",
        "record_id": 1,
        "field": "due",
        "old": None,
        "new": "2026-12-01",
        "who": "JO",
    },
}
TIME_FIELDS = [
    (Meeting, "started_at"),
    (Meeting, "ended_at"),
    (Meeting, "cancelled_at"),
    (AgendaItem, "started_at"),
    (AgendaItem, "ended_at"),
    (AgendaItem, "entered_at"),
    (Movement, "at"),
    (QuorumEvent, "at"),
    (Decision, "made_at"),
    (Decision, "withdrawn_at"),
    (ActionUpdate, "at"),
    (AuditEntry, "at"),
]
IDS = [f"{model.__name__}.{field}" for model, field in TIME_FIELDS]


def test_every_base_record_is_valid() -> None:
    # Otherwise a refusal below could be for some other field.
    for model, data in BASES.items():
        model.model_validate(data)


@pytest.mark.parametrize(("model", "field"), TIME_FIELDS, ids=IDS)
def test_a_naive_time_is_refused(model: type[BaseModel], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(BASES[model] | {field: NAIVE})
    assert [err["loc"] for err in caught.value.errors()] == [(field,)]
    assert caught.value.errors()[0]["type"] == "timezone_aware"


@pytest.mark.parametrize(("model", "field"), TIME_FIELDS, ids=IDS)
def test_a_naive_time_in_text_is_refused(model: type[BaseModel], field: str) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(BASES[model] | {field: "2026-11-27T14:30:00"})


@pytest.mark.parametrize(("model", "field"), TIME_FIELDS, ids=IDS)
def test_an_aware_time_is_kept(model: type[BaseModel], field: str) -> None:
    elsewhere = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    record = model.model_validate(BASES[model] | {field: elsewhere})
    assert getattr(record, field) == elsewhere
    assert getattr(record, field).utcoffset() == dt.timedelta(hours=-5)


@pytest.mark.parametrize(("model", "field"), TIME_FIELDS, ids=IDS)
def test_a_naive_time_set_later_is_refused(model: type[BaseModel], field: str) -> None:
    record = model.model_validate(BASES[model] | {field: AWARE})
    with pytest.raises(ValidationError):
        setattr(record, field, NAIVE)


def test_a_time_is_written_with_its_offset_to_the_second() -> None:
    decision = Decision.model_validate(
        BASES[Decision] | {"made_at": AWARE.replace(microsecond=500), "withdrawn_at": AWARE}
    )
    data = decision.model_dump(mode="json")
    assert data["made_at"] == "2026-11-27T14:30:00+00:00"
    assert data["withdrawn_at"] == "2026-11-27T14:30:00+00:00"
    assert Meeting.model_validate(MEETING).model_dump(mode="json")["started_at"] is None


def test_a_naive_time_gets_a_message_a_form_can_show() -> None:
    with pytest.raises(InvalidValue) as caught:
        validate(Decision, BASES[Decision] | {"made_at": NAIVE})
    assert caught.value.errors == {"made_at": "a time must carry its time zone"}
