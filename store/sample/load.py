"""Read the fictional Kestrel Vale partnership from partnership.toml, checked.

The file is the sample's data; this module is the only code that reads it, and
the builder its only user. tomllib gives dates and times as typed values and the
models accept nothing else (strict, no unknown keys), so a date typed as text or
a misspelt key fails here. The file's cross-references (a person's agency, a
meeting's chair, the agenda item an action was raised at) and the references the
store will give its actions and decisions (which the minutes cite) are checked
before a build starts, so a typo is reported by its place in the file rather
than as a half-built database. Whether the minutes tell the same story as the
logs is tests/test_sample_story.py's business.
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
# The store's references: a kind's letter, the year, a number (store.db.unit.next_reference).
ActionReference = Annotated[str, Field(pattern=r"^A-\d{4}-\d{3}$")]
DecisionReference = Annotated[str, Field(pattern=r"^D-\d{4}-\d{3}$")]
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
    # A safeguarding partner's Lead and Delegated Safeguarding Partners (people's keys).
    lead: Key | None = None
    delegated: Key | None = None


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


class PreviousMinutes(Entry):
    """What a meeting did with the minutes of its series' meeting before it, where
    not simply agreed as an accurate record (the builder's default)."""

    agreed: bool = True
    amendments: Text | None = None  # agreed "with amendments": these


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
    previous_minutes: PreviousMinutes | None = None
    attendance: list[Attendance]
    items: Annotated[list[Item], Field(min_length=1)]


class Update(Entry):
    """What happened to an action on a day: a note, and any change made then."""

    on: dt.date
    note: Text
    status: Annotated[ActionStatus, Choice] | None = None
    due: dt.date | None = None
    at_risk: bool | None = None


class Action(Entry):
    reference: ActionReference  # the one the store gives it, in the file's order
    meeting: Key
    item: Text  # how the title of the item that raised it starts
    description: Text
    owner: Key
    due: dt.date
    updates: list[Update] = []

    @property
    def status(self) -> ActionStatus:
        """Its status once every update is made (open until one changes it)."""
        changed = [u.status for u in self.updates if u.status is not None]
        return changed[-1] if changed else ActionStatus.OPEN


class Protected(Entry):
    pseudonym: Text
    real_name: Text
    other_names: list[Text] = []
    relation: Annotated[Relation, Choice]


class ItemText(Entry):
    """Text typed into one agenda item's minutes."""

    meeting: Key
    item: Text  # how the item's title starts
    text: Text


class Decision(Entry):
    """A decision recorded at an agenda item, as the decisions log holds it."""

    reference: DecisionReference  # the one the store gives it, in the file's order
    meeting: Key
    item: Text  # how the item's title starts
    text: Text
    rationale: Text
    decided_by: Text | None = None  # None: the meeting as a whole


class Declaration(Entry):
    """A declaration of interest, against the agenda item it concerns."""

    meeting: Key
    item: Text  # how the item's title starts
    person: Key
    nature: Text
    left_room: bool = False


class Sample(Entry):
    """The whole partnership, in the order the builder adds it."""

    partnership: Partnership
    agencies: list[Agency]
    people: list[Person]
    meetings: list[Meeting]
    actions: list[Action]
    protected: list[Protected]
    typed_minutes: list[ItemText]
    decisions: list[Decision]
    declarations: list[Declaration]

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
    agency_of = {p.key: p.agency for p in sample.people}
    for n, agency in enumerate(sample.agencies):
        for field, key in (("lead", agency.lead), ("delegated", agency.delegated)):
            if key is None:
                continue
            if not agency.statutory:
                yield f"agencies[{n}].{field}: only a safeguarding partner has one"
            elif key not in people:
                yield f"agencies[{n}].{field}: no person has the key {key!r}"
            elif agency_of[key] != agency.key:
                yield f"agencies[{n}].{field}: {key!r} is not of this agency"
    held = [(m.date, m.start_time) for m in sample.meetings if m.status is MeetingStatus.CLOSED]
    if held != sorted(held):
        yield "meetings: the closed meetings are not in date order (the builder holds them in turn)"
    for n, meeting in enumerate(sample.meetings):
        said = meeting.previous_minutes
        if said is not None and said.amendments is not None and not said.agreed:
            yield f"meetings[{n}].previous_minutes: amendments to minutes not agreed"
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
        raised = meetings[action.meeting].date if action.meeting in meetings else None
        days = [u.on for u in action.updates]
        if days != sorted(days) or (raised is not None and days and days[0] < raised):
            yield f"actions[{n}].updates: not in date order from the day it was raised"
    for n, declaration in enumerate(sample.declarations):
        if declaration.person not in people:
            yield f"declarations[{n}].person: no person has the key {declaration.person!r}"
    yield from _references("actions", "A", sample.actions, meetings)
    yield from _references("decisions", "D", sample.decisions, meetings)
    texts: list[tuple[str, Action | ItemText | Decision | Declaration]] = [
        *((f"actions[{n}]", a) for n, a in enumerate(sample.actions)),
        *((f"typed_minutes[{n}]", t) for n, t in enumerate(sample.typed_minutes)),
        *((f"decisions[{n}]", d) for n, d in enumerate(sample.decisions)),
        *((f"declarations[{n}]", d) for n, d in enumerate(sample.declarations)),
    ]
    for place, entry in texts:
        found = meetings.get(entry.meeting)
        if found is None:
            yield f"{place}.meeting: no meeting has the key {entry.meeting!r}"
        elif not any(item.title.startswith(entry.item) for item in found.items):
            yield f"{place}.item: no item of {entry.meeting!r} starts {entry.item!r}"


def _references(
    table: str, prefix: str, entries: Sequence[Action | Decision], meetings: dict[str, Meeting]
) -> Iterator[str]:
    """Each entry's reference is the one the store will give it: numbered in the
    file's order within the year of the meeting it belongs to."""
    numbers: Counter[int] = Counter()
    for n, entry in enumerate(entries):
        meeting = meetings.get(entry.meeting)
        if meeting is None:
            continue  # reported with the meeting key
        numbers[meeting.date.year] += 1
        expected = f"{prefix}-{meeting.date.year}-{numbers[meeting.date.year]:03d}"
        if entry.reference != expected:
            yield f"{table}[{n}].reference: the store will give it {expected}"


def _duplicates(table: str, keys: Sequence[str]) -> Iterator[str]:
    for key, count in Counter(keys).items():
        if count > 1:
            yield f"{table}: the key {key!r} is used {count} times"
