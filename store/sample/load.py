"""Read the fictional Kestrel Vale partnership from partnership.toml, checked.

The file is the sample's data; this module is the only code that reads it, and
the builder its only user. tomllib gives dates and times as typed values and the
models accept nothing else (strict, no unknown keys), so a date typed as text or
a misspelt key fails here. The file's cross-references (a person's agency, a
meeting's chair, the agenda item an action was raised at) are checked before a
build starts, so a typo is reported by its place in the file rather than as a
half-built database.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from store.domain.kinds import (
    ActionStatus,
    AgencyKind,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    Purpose,
    Relation,
)

DATA = Path(__file__).with_name("partnership.toml")

Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]
# TOML has no enums: a choice is read from its text (and must be one of the choices).
Choice = Field(strict=False)


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Partnership(Entry):
    name: Text
    classification: Text
    user_name: Text  # as the directory names them
    quorum_members: Annotated[int, Field(ge=1)]


class Agency(Entry):
    key: Key
    name: Text
    short_name: Text
    kind: Annotated[AgencyKind, Choice]
    statutory: bool


class Person(Entry):
    key: Key
    name: Text
    initials: Text
    job_title: Text
    agency: Key
    email: Text | None = None


class Attendance(Entry):
    person: Key
    status: Annotated[AttendanceStatus, Choice]
    deputy: Key | None = None


class Item(Entry):
    title: Text
    purpose: Annotated[Purpose, Choice]
    presenter: Key | None = None
    planned_minutes: Annotated[int, Field(ge=1)]
    minutes: str = ""


class Meeting(Entry):
    key: Key
    title: Text
    kind: Annotated[MeetingKind, Choice]
    series: Key
    date: dt.date
    start_time: dt.time
    location: Text
    chair: Key
    status: Annotated[MeetingStatus, Choice]
    quorum_members: Annotated[int, Field(ge=1)] | None = None
    attendance: list[Attendance]
    items: Annotated[list[Item], Field(min_length=1)]


class Update(Entry):
    on: dt.date
    note: Text


class Action(Entry):
    meeting: Key
    item: Text  # how the title of the item that raised it starts
    description: Text
    owner: Key
    due: dt.date
    status: Annotated[ActionStatus, Choice]
    updates: list[Update] = []


class Protected(Entry):
    pseudonym: Text
    real_name: Text
    other_names: list[Text] = []
    relation: Annotated[Relation, Choice]


class ItemText(Entry):
    """Text for one agenda item: typed into its minutes, or a decision recorded at it."""

    meeting: Key
    item: Text  # how the item's title starts
    text: Text


class Sample(Entry):
    """The whole partnership, in the order the builder adds it."""

    partnership: Partnership
    agencies: list[Agency]
    people: list[Person]
    meetings: list[Meeting]
    actions: list[Action]
    protected: list[Protected]
    typed_minutes: list[ItemText]
    decisions: list[ItemText]

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = list(_problems(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def meeting(self, key: str) -> Meeting:
        return next(m for m in self.meetings if m.key == key)


def load(path: str | os.PathLike[str] = DATA) -> Sample:
    """The sample in ``path`` (partnership.toml beside this module), checked.

    Raises ``tomllib.TOMLDecodeError`` (with its line) for a file that is not
    TOML and ``pydantic.ValidationError`` (with each bad field's place) for one
    that does not hold a valid sample.
    """
    with Path(path).open("rb") as file:
        return Sample.model_validate(tomllib.load(file))


def _problems(sample: Sample) -> Iterator[str]:
    yield from _duplicates("agencies", [a.key for a in sample.agencies])
    yield from _duplicates("people", [p.key for p in sample.people])
    yield from _duplicates("meetings", [m.key for m in sample.meetings])
    agencies = {a.key for a in sample.agencies}
    people = {p.key for p in sample.people}
    if sample.partnership.user_name not in {p.name for p in sample.people}:
        yield f"partnership.user_name: no person is named {sample.partnership.user_name!r}"
    for n, person in enumerate(sample.people):
        if person.agency not in agencies:
            yield f"people[{n}].agency: no agency has the key {person.agency!r}"
    for n, meeting in enumerate(sample.meetings):
        named: list[tuple[str, str | None]] = [("chair", meeting.chair)]
        named += [(f"items[{i}].presenter", item.presenter) for i, item in enumerate(meeting.items)]
        for i, seen in enumerate(meeting.attendance):
            named += [(f"attendance[{i}].person", seen.person)]
            named += [(f"attendance[{i}].deputy", seen.deputy)]
        for field, key in named:
            if key is not None and key not in people:
                yield f"meetings[{n}].{field}: no person has the key {key!r}"
    meetings = {m.key: m for m in sample.meetings}
    for n, action in enumerate(sample.actions):
        if action.owner not in people:
            yield f"actions[{n}].owner: no person has the key {action.owner!r}"
    texts: list[tuple[str, Action | ItemText]] = [
        *((f"actions[{n}]", a) for n, a in enumerate(sample.actions)),
        *((f"typed_minutes[{n}]", t) for n, t in enumerate(sample.typed_minutes)),
        *((f"decisions[{n}]", d) for n, d in enumerate(sample.decisions)),
    ]
    for place, entry in texts:
        found = meetings.get(entry.meeting)
        if found is None:
            yield f"{place}.meeting: no meeting has the key {entry.meeting!r}"
        elif not any(item.title.startswith(entry.item) for item in found.items):
            yield f"{place}.item: no item of {entry.meeting!r} starts {entry.item!r}"


def _duplicates(table: str, keys: Sequence[str]) -> Iterator[str]:
    for key, count in Counter(keys).items():
        if count > 1:
            yield f"{table}: the key {key!r} is used {count} times"
