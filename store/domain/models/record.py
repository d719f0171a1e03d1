"""The record of a meeting as it stands after it: the facts frozen when it closed,
the minutes agreed, each amendment since, each copy circulated."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, Field

from store.domain.models.actions import Action
from store.domain.models.base import Model, OptionalText, Stamp, _blank_to_none, trim
from store.domain.models.directory import Agency, Person


class NextMeeting(Model):
    date: dt.date
    start_time: dt.time
    location: OptionalText = None


class Represented(Model):
    """Who represented one safeguarding partner at the meeting, and as what."""

    partner: str
    person_id: int | None = None
    role: str = ""  # "lead partner", "delegated partner", "deputy", "member"


class MeetingFacts(Model):
    """What was true at the meeting, frozen when it closed, so that its minutes do
    not change with later edits elsewhere: the people and agencies as they were
    (names, titles), each action the minutes show with its status and RAG then,
    the date of the next meeting as given, and the marking."""

    version: int = 1
    taken_at: Stamp
    classification: str
    people: dict[int, Person] = {}
    agencies: dict[int, Agency] = {}
    actions: dict[int, Action] = {}
    rags: dict[int, str] = {}
    arising: list[int] = []  # the matters arising, in the order reviewed
    open_log: list[int] = []  # the open action log, as the partners reviewed it
    next_meeting: NextMeeting | None = None
    represented: list[Represented] = []  # per partner the quorum rule needed
    # The quorum as it stood at the close, under the rules then ("" when none applied).
    quorum: str = ""


class Agreement(Model):
    """The minutes agreed as an accurate record (at a later meeting, or on the
    meeting screen), with any amendments agreed with them."""

    id: int | None = None
    uid: str = ""
    meeting_id: int
    agreed_at: Stamp
    at_meeting_id: int | None = None
    amendments: Annotated[
        Annotated[str, Field(max_length=20_000)] | None, BeforeValidator(_blank_to_none)
    ] = None


class Amendment(Model):
    """A change to agreed minutes: what changed, why, when (the audit trail holds
    the text before and after)."""

    id: int | None = None
    uid: str = ""
    meeting_id: int
    at: Stamp
    reason: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=2000)]
    what: Annotated[str, BeforeValidator(trim), Field(min_length=1, max_length=500)]


class Circulation(Model):
    """One copy of a document written for circulation: when, which file, and the
    SHA-256 of its content, so a copy in someone's inbox can be checked."""

    id: int | None = None
    uid: str = ""
    meeting_id: int | None = None
    review_id: int | None = None  # a rapid review's record: which review (migration 0012)
    document: str
    at: Stamp
    file: str
    sha256: Annotated[str, Field(min_length=64, max_length=64)]
    redacted: bool
