"""Read the fictional Kestrel Vale partnership from partnership.toml, checked.

The file is the sample's data; this module is the only code that reads it, and
the builder its only user. tomllib gives dates and times as typed values and the
models accept nothing else (strict, no unknown keys), so a date typed as text or
a misspelt key fails here. The file's cross-references (a person's agency, a
meeting's chair, the agenda item an action was raised at, an escalation's child
and the meeting it was moved at), the references the store will give its actions,
decisions, rapid reviews and escalations (which the minutes cite) and the order of
each review's and escalation's days are checked before a build starts, so a typo is reported by its place in the file rather
than as a half-built database. Whether the minutes tell the same story as the
logs is tests/test_sample_story.py's business.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from store.domain.escalation_policy import DEFAULT_POLICY
from store.domain.kinds import (
    ActionStatus,
    AgencyKind,
    AttendanceStatus,
    EscalationCategory,
    Harm,
    LegalStatus,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    ProcessKind,
    Purpose,
    Referral,
    Relation,
)
from store.domain.workdays import working_days_between

DATA = Path(__file__).with_name("partnership.toml")
# The sample's "today" (the tests freeze it): nothing in the file happens after it.
TODAY = dt.date(2026, 11, 27)
# A rapid review is due within this many working days of its notification, and the
# local authority notifies within 5 of becoming aware (domain.md).
REVIEW_DAYS = 15
NOTIFY_DAYS = 5

Key = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
# The store's references: a kind's letter, the year, a number (store.db.unit.next_reference).
ActionReference = Annotated[str, Field(pattern=r"^A-\d{4}-\d{3}$")]
DecisionReference = Annotated[str, Field(pattern=r"^D-\d{4}-\d{3}$")]
ReviewReference = Annotated[str, Field(pattern=r"^RR-\d{4}-\d{2}$")]
EscalationReference = Annotated[str, Field(pattern=r"^ESC-\d{4}-\d{2}$")]
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


class ReviewAgency(Entry):
    """An agency's involvement in a rapid review: its return came in on
    ``return_in`` (left out: not in yet), with its summary."""

    agency: Key
    involved: bool = True
    return_in: dt.date | None = None
    summary: str = ""


class ReviewProcess(Entry):
    """A parallel process, recorded on ``on`` with its status as it stands."""

    kind: Annotated[ProcessKind, Choice]
    status: Text
    on: dt.date


class SignOff(Entry):
    """A safeguarding partner's sign-off: the agency, who signed, when."""

    agency: Key
    person: Key
    on: dt.date


class Review(Entry):
    """A rapid review, from its notification to the Panel's response."""

    reference: ReviewReference  # the one the store gives it, in notification order
    child: Text  # a child's pseudonym on the register
    meeting: Key | None = None  # the rapid review meeting, where one is on record
    harm: Annotated[Harm, Choice]
    age: Text | None = None
    sex: Text | None = None
    ethnicity: Text | None = None
    disability: Text | None = None
    legal_status: Annotated[LegalStatus, Choice] | None = None
    siblings: Text | None = None
    incident_on: dt.date | None = None
    la_aware_on: dt.date | None = None
    notified_on: dt.date
    notification_ref: Text | None = None
    template_sent_on: dt.date | None = None
    background: str = ""
    # The decision and what the meeting found: made at the meeting, or on decided_on.
    decided_on: dt.date | None = None
    practice_episodes: str = ""
    good_practice: str = ""
    learning_local: str = ""
    learning_national: str = ""
    inequality: str = ""
    lcspr: bool | None = None
    criteria: str = ""
    rationale: Text | None = None
    other_learning: Text | None = None
    national_review: bool = False
    late_reason: Text | None = None
    sent_to_panel_on: dt.date | None = None
    panel_response: Annotated[PanelResponse, Choice] | None = None
    panel_response_on: dt.date | None = None
    lcspr_started_on: dt.date | None = None
    lcspr_reviewer: Text | None = None
    immediate_actions: list[ActionReference] = []  # raised at the meeting
    agencies: list[ReviewAgency] = []
    processes: list[ReviewProcess] = []
    signoffs: list[SignOff] = []

    def decision_day(self, meetings: dict[str, Meeting]) -> dt.date | None:
        """The day the decision was made: decided_on, or the meeting's day."""
        if self.lcspr is None:
            return None
        if self.decided_on is not None:
            return self.decided_on
        meeting = meetings.get(self.meeting) if self.meeting else None
        return meeting.date if meeting is not None else None

    @property
    def findings(self) -> dict[str, str]:
        """The sections written with the decision."""
        return {
            "practice_episodes": self.practice_episodes,
            "good_practice": self.good_practice,
            "learning_local": self.learning_local,
            "learning_national": self.learning_national,
            "inequality": self.inequality,
        }


class EscalationMove(Entry):
    """A step an escalation took on ``on``: moved on to its next stage
    (``escalate``: held by ``held_by``, a person's key, or ``holder``, by role),
    ``resolve``d with the outcome agreed, or ``close``d unresolved (referred to
    the executive or the scrutineer). ``meeting``: the meeting it was made at
    (held that day); ``at``: the moment, on the urgent route."""

    on: dt.date
    move: Literal["escalate", "resolve", "close"]
    at: dt.datetime | None = None
    meeting: Key | None = None
    held_by: Key | None = None
    holder: Text | None = None
    note: str = ""
    outcome: str = ""
    learning_theme: Text | None = None
    referred_to: Annotated[Referral, Choice] | None = None


class Escalation(Entry):
    """A professional disagreement between two agencies, raised at stage 1 of
    the partnership's policy (held by ``held_by`` or ``holder``), then its moves."""

    reference: EscalationReference  # the one the store gives it, in the order raised
    child: Text | None = None  # a child's pseudonym on the register
    raised_on: dt.date
    raised_at: dt.datetime | None = None  # the moment, on the urgent route
    raised_by_agency: Key
    raised_by: Key | None = None  # a person of that agency, where in the directory
    raised_by_role: Text
    raised_with_agency: Key
    category: Annotated[EscalationCategory, Choice]
    urgent: bool = False
    decision_disputed: Text
    raiser_position: Text
    other_position: Text
    held_by: Key | None = None
    holder: Text | None = None
    note: str = ""
    meeting: Key | None = None  # raised at this meeting (held that day)
    moves: list[EscalationMove] = []


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
    reviews: list[Review] = []
    escalations: list[Escalation] = []

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
    yield from _review_problems(sample, meetings)
    yield from _references("decisions", "D", sample.decisions, meetings)
    yield from _escalation_problems(sample, meetings)
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


def _review_problems(sample: Sample, meetings: dict[str, Meeting]) -> Iterator[str]:
    """Each rapid review's references resolve and its dates run in order: aware,
    notified (within 5 working days), template, returns, decision, sign-offs,
    sent to the Panel, the Panel's response, the LCSPR's start; none after the
    sample's today. Sent only when complete (as the store insists), and late
    (after day 15) exactly when a reason is given."""
    yield from _duplicates("reviews", [r.reference for r in sample.reviews])
    children = {p.pseudonym for p in sample.protected if p.relation is Relation.CHILD}
    agencies = {a.key: a for a in sample.agencies}
    agency_of = {p.key: p.agency for p in sample.people}
    partners = {a.key for a in sample.agencies if a.statutory}
    actions = {a.reference: a for a in sample.actions}
    numbers: Counter[int] = Counter()
    order = sorted(range(len(sample.reviews)), key=lambda n: sample.reviews[n].notified_on)
    for n in order:
        year = sample.reviews[n].notified_on.year
        numbers[year] += 1
        if sample.reviews[n].reference != f"RR-{year}-{numbers[year]:02d}":
            yield f"reviews[{n}].reference: the store will give it RR-{year}-{numbers[year]:02d}"
    for n, review in enumerate(sample.reviews):
        place = f"reviews[{n}]"
        if review.child not in children:
            yield f"{place}.child: {review.child!r} is not a child on the register"
        meeting = meetings.get(review.meeting) if review.meeting else None
        if review.meeting and meeting is None:
            yield f"{place}.meeting: no meeting has the key {review.meeting!r}"
        elif meeting is not None and (
            meeting.kind is not MeetingKind.RAPID_REVIEW
            or meeting.status is not MeetingStatus.CLOSED
        ):
            yield f"{place}.meeting: {review.meeting!r} is not a rapid review meeting held"
        decided = review.decision_day(meetings)
        if review.lcspr is None:
            if (
                review.decided_on
                or review.criteria
                or review.rationale
                or any(review.findings.values())
            ):
                yield f"{place}: a decision's day, criteria, rationale or findings without lcspr"
        elif decided is None:
            yield f"{place}.decided_on: the decision needs a day (or a meeting)"
        if (review.lcspr_started_on or review.lcspr_reviewer) and review.lcspr is not True:
            yield f"{place}.lcspr_started_on: an LCSPR's start without the decision to hold one"
        if (review.panel_response is None) != (review.panel_response_on is None):
            yield f"{place}.panel_response: give the response and its day together"
        # The dates in the order they happened (None: not yet, or not recorded).
        steps: list[tuple[str, dt.date | None]] = [
            ("incident_on", review.incident_on),
            ("la_aware_on", review.la_aware_on),
            ("notified_on", review.notified_on),
            ("template_sent_on", review.template_sent_on),
            ("meeting", meeting.date if meeting else None),
            ("decision", decided),
            ("sent_to_panel_on", review.sent_to_panel_on),
            ("panel_response_on", review.panel_response_on),
            ("lcspr_started_on", review.lcspr_started_on),
        ]
        known = [(name, day) for name, day in steps if day is not None]
        for (before, a), (after, b) in itertools.pairwise(known):
            if b < a:
                yield f"{place}.{after}: before {before}"
        if known[-1][1] > TODAY:
            yield f"{place}.{known[-1][0]}: after the sample's today ({TODAY})"
        if review.la_aware_on and (
            working_days_between(review.la_aware_on, review.notified_on) > NOTIFY_DAYS
        ):
            yield f"{place}.notified_on: more than {NOTIFY_DAYS} working days after la_aware_on"
        sent = review.sent_to_panel_on
        start = review.template_sent_on or review.notified_on
        seen = [a.agency for a in review.agencies]
        yield from _duplicates(f"{place}.agencies", seen)
        for i, agency in enumerate(review.agencies):
            if agency.agency not in agencies:
                yield f"{place}.agencies[{i}].agency: no agency has the key {agency.agency!r}"
            if agency.return_in is None:
                if sent is not None and agency.involved:
                    yield f"{place}.agencies[{i}]: sent to the Panel without this return"
                continue
            if not agency.involved:
                yield f"{place}.agencies[{i}].return_in: a return from an agency not involved"
            elif agency.return_in < start or agency.return_in > (sent or TODAY):
                yield f"{place}.agencies[{i}].return_in: not between the template and sending"
        missing_partners = partners - set(seen)
        if missing_partners and sent is not None:
            yield f"{place}.agencies: no return from {', '.join(sorted(missing_partners))}"
        signed = [s.agency for s in review.signoffs]
        yield from _duplicates(f"{place}.signoffs", signed)
        for i, signoff in enumerate(review.signoffs):
            if signoff.agency not in partners:
                yield f"{place}.signoffs[{i}].agency: sign-off is by a safeguarding partner"
            if agency_of.get(signoff.person) != signoff.agency:
                yield f"{place}.signoffs[{i}].person: {signoff.person!r} is not of this agency"
            if signoff.on < (decided or review.notified_on) or signoff.on > (sent or TODAY):
                yield f"{place}.signoffs[{i}].on: not between the decision and sending"
        kinds = [p.kind.value for p in review.processes]
        yield from _duplicates(f"{place}.processes", kinds)
        for i, process in enumerate(review.processes):
            if not review.notified_on <= process.on <= TODAY:
                yield f"{place}.processes[{i}].on: not between the notification and today"
        for i, reference in enumerate(review.immediate_actions):
            action = actions.get(reference)
            if action is None:
                yield f"{place}.immediate_actions[{i}]: {reference} is not in the action log"
            elif meeting is None or action.meeting != review.meeting:
                yield f"{place}.immediate_actions[{i}]: {reference} is not raised at its meeting"
        if sent is None:
            if review.late_reason:
                yield f"{place}.late_reason: a reason for lateness before it is sent"
            continue
        if set(signed) != partners:
            yield f"{place}.signoffs: sent to the Panel without every partner's sign-off"
        if review.lcspr is None or not review.rationale:
            yield f"{place}.sent_to_panel_on: sent to the Panel without the decision's rationale"
        late = working_days_between(review.notified_on, sent) > REVIEW_DAYS
        if late and not review.late_reason:
            yield f"{place}.late_reason: sent after day {REVIEW_DAYS}, so give the reason"
        if not late and review.late_reason:
            yield f"{place}.late_reason: sent within {REVIEW_DAYS} working days, so not late"


def _escalation_problems(sample: Sample, meetings: dict[str, Meeting]) -> Iterator[str]:
    """Each escalation's references resolve (its child, agencies, people and
    meetings) and its moves run in order from the day it was raised to the
    sample's today: no more stages than the policy has, nothing after it was
    resolved or closed, a meeting's move on the meeting's day, the urgent route's
    moments on their days and in order. Numbered as the store will number them:
    in the order raised, within the year."""
    yield from _duplicates("escalations", [e.reference for e in sample.escalations])
    children = {p.pseudonym for p in sample.protected if p.relation is Relation.CHILD}
    agencies = {a.key for a in sample.agencies}
    agency_of = {p.key: p.agency for p in sample.people}
    numbers: Counter[int] = Counter()
    order = sorted(range(len(sample.escalations)), key=lambda n: sample.escalations[n].raised_on)
    for n in order:
        year = sample.escalations[n].raised_on.year
        numbers[year] += 1
        if sample.escalations[n].reference != f"ESC-{year}-{numbers[year]:02d}":
            yield (
                f"escalations[{n}].reference: the store will give it ESC-{year}-{numbers[year]:02d}"
            )

    def at_meeting(place: str, key: str | None, day: dt.date) -> Iterator[str]:
        meeting = meetings.get(key) if key else None
        if key and meeting is None:
            yield f"{place}.meeting: no meeting has the key {key!r}"
        elif meeting is not None and (
            meeting.status is not MeetingStatus.CLOSED or meeting.date != day
        ):
            yield f"{place}.meeting: {key!r} was not held on {day}"

    def moment(place: str, at: dt.datetime | None, day: dt.date, urgent: bool) -> Iterator[str]:
        if at is None:
            return
        if not urgent:
            yield f"{place}: a moment is given only on the urgent route"
        elif at.tzinfo is None:
            yield f"{place}: give the moment with its offset (Z for UTC)"
        elif at.date() != day:
            yield f"{place}: the moment is not on {day}"

    for n, escalation in enumerate(sample.escalations):
        place = f"escalations[{n}]"
        if escalation.child is not None and escalation.child not in children:
            yield f"{place}.child: {escalation.child!r} is not a child on the register"
        for field, key in (
            ("raised_by_agency", escalation.raised_by_agency),
            ("raised_with_agency", escalation.raised_with_agency),
        ):
            if key not in agencies:
                yield f"{place}.{field}: no agency has the key {key!r}"
        if escalation.raised_by_agency == escalation.raised_with_agency:
            yield f"{place}.raised_with_agency: an escalation is between two agencies"
        if escalation.raised_by is not None and (
            agency_of.get(escalation.raised_by) != escalation.raised_by_agency
        ):
            yield f"{place}.raised_by: {escalation.raised_by!r} is not of the raising agency"
        held: list[tuple[str, str | None]] = [("held_by", escalation.held_by)]
        held += [(f"moves[{i}].held_by", m.held_by) for i, m in enumerate(escalation.moves)]
        for field, person in held:
            if person is not None and person not in agency_of:
                yield f"{place}.{field}: no person has the key {person!r}"
        if escalation.raised_on > TODAY:
            yield f"{place}.raised_on: after the sample's today ({TODAY})"
        yield from at_meeting(place, escalation.meeting, escalation.raised_on)
        yield from moment(
            f"{place}.raised_at", escalation.raised_at, escalation.raised_on, escalation.urgent
        )
        stage = 1
        last_day, last_at = escalation.raised_on, escalation.raised_at
        closed = False
        for i, move in enumerate(escalation.moves):
            at = f"{place}.moves[{i}]"
            if closed:
                yield f"{at}: after it was resolved or closed"
            if move.on < last_day or move.on > TODAY:
                yield f"{at}.on: not in order between the day it was raised and {TODAY}"
            yield from at_meeting(at, move.meeting, move.on)
            yield from moment(f"{at}.at", move.at, move.on, escalation.urgent)
            if move.at is not None and last_at is not None and move.at < last_at:
                yield f"{at}.at: before the moment of the step before"
            last_day, last_at = move.on, move.at or last_at
            if move.move == "escalate":
                stage += 1
                if stage > DEFAULT_POLICY.last:
                    yield f"{at}: the policy has {DEFAULT_POLICY.last} stages"
                if move.outcome or move.learning_theme or move.referred_to:
                    yield f"{at}: an outcome, theme or referral is for resolving or closing"
                continue
            closed = True
            if move.held_by or move.holder:
                yield f"{at}: who holds a stage is given when it is escalated"
            if move.move == "resolve" and not move.outcome.strip():
                yield f"{at}.outcome: say what was agreed"
            if (move.move == "close") != (move.referred_to is not None):
                yield f"{at}.referred_to: given when (and only when) it is closed unresolved"


def _duplicates(table: str, keys: Sequence[str]) -> Iterator[str]:
    for key, count in Counter(keys).items():
        if count > 1:
            yield f"{table}: the key {key!r} is used {count} times"
