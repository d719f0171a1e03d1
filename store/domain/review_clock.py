"""The rapid review's national clock: which milestone is due when, which were met,
what day of the 15 it is today, and the one line a chair reads at a glance.

Pure functions, like ``store.domain.deadlines``: no database, no clock (``today``
is always passed in), no locale (day and month names come from
``store.domain.dates``). Working days are ``store.domain.workdays``'s, and so is
the convention: day 0 is the day the Serious Incident Notification was sent,
and "within n working days" means by ``add_working_days(day0, n)``, the n-th
working day after it, day 0 itself not counted.

Choices, so that the screens, the on-time rate and the tests agree:

- **A date's place on the clock** is ``working_days_between(day0, date)``: a
  weekend, bank holiday or closure day counts as the working day before it.
  So today's ``day``, a milestone's state and ``working_days_taken`` all ask
  the same question, and a review signed off on the Saturday after day 15 took
  15 working days and was on time (nobody could have done it on a working day
  in between).
- **Done on time** means done on a day whose place is no later than the due
  day's; done early (only for a milestone with ``not_before``, the meeting)
  means done on a day whose place is before the earliest day's. A milestone
  not done is overdue once a working day has passed after its due date, and
  due until then. ``days_left`` is the difference of the two places: 0 on the
  due day (and on a weekend straight after it), negative when overdue.
- **Counted after another milestone**: ``within`` and ``not_before`` are both
  counted from that milestone's done date, or, while it is not done, from its
  due date, so the clock always shows a whole plan.
- **The next milestone** is the first not done by due date (ties in the
  order the milestones are listed). Once the whole review is done there is no
  next milestone, even if a step in between was never recorded.
- The setting as a chair types it: ``template 2; returns 5; meeting 7-13;
  panel 2 after meeting; complete 15`` (see ``read_milestones``). Every
  milestone but ``complete`` may be left out; ``complete`` is counted from day
  0, since the 15 working days of the national expectation are.

A year the bank-holiday calendar does not know is refused with ``ValueError``
by ``store.domain.workdays``, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from store.domain.dates import DAY_NAMES, MONTH_NAMES
from store.domain.workdays import add_working_days, working_days_between

__all__ = [
    "DEFAULT_MILESTONES",
    "LABELS",
    "MAX_WORKING_DAYS",
    "Milestone",
    "MilestoneKey",
    "MilestoneStatus",
    "ReviewClock",
    "State",
    "milestones_text",
    "on_time",
    "read_milestones",
    "review_clock",
    "working_days_taken",
]

# A setting beyond a year of working days is a typo, not a plan.
MAX_WORKING_DAYS = 260


class MilestoneKey(StrEnum):
    TEMPLATE_SENT = "template_sent"
    RETURNS_IN = "returns_in"
    MEETING_HELD = "meeting_held"
    SENT_TO_PANEL = "sent_to_panel"
    COMPLETE = "complete"

    @property
    def word(self) -> str:
        """The short name a chair types in the setting: "template", "panel" …"""
        return _WORDS[self]


_WORDS = {
    MilestoneKey.TEMPLATE_SENT: "template",
    MilestoneKey.RETURNS_IN: "returns",
    MilestoneKey.MEETING_HELD: "meeting",
    MilestoneKey.SENT_TO_PANEL: "panel",
    MilestoneKey.COMPLETE: "complete",
}

# The steps of domain.md's timeline, in its words.
LABELS: Mapping[MilestoneKey, str] = {
    MilestoneKey.TEMPLATE_SENT: "Template sent to agencies; meeting date set",
    MilestoneKey.RETURNS_IN: "Completed templates returned by agencies",
    MilestoneKey.MEETING_HELD: "Rapid review meeting held",
    MilestoneKey.SENT_TO_PANEL: "Template and letter sent to the Panel; agencies told the outcome",
    MilestoneKey.COMPLETE: "Whole review completed",
}


@dataclass(frozen=True)
class Milestone:
    """One step of the clock: due ``within`` working days of day 0 or of the
    milestone ``after``, and (the meeting) not before its ``not_before``-th
    working day, counted from the same day."""

    key: MilestoneKey
    label: str
    within: int
    after: MilestoneKey | None = None
    not_before: int | None = None

    def __post_init__(self) -> None:
        name = self.key.word
        if not 1 <= self.within <= MAX_WORKING_DAYS:
            raise ValueError(
                f"{name}: the working days allowed must be from 1 to {MAX_WORKING_DAYS}, "
                f"not {self.within}"
            )
        if self.not_before is not None and not 1 <= self.not_before <= self.within:
            raise ValueError(
                f"{name}: the earliest working day must be from 1 to the last ({self.within}), "
                f"not {self.not_before}"
            )
        if self.after == self.key:
            raise ValueError(f"{name} cannot be counted after itself")
        if self.key is MilestoneKey.COMPLETE and self.after is not None:
            raise ValueError("complete is counted from day 0, not after another milestone")


DEFAULT_MILESTONES: tuple[Milestone, ...] = (
    Milestone(MilestoneKey.TEMPLATE_SENT, LABELS[MilestoneKey.TEMPLATE_SENT], 2),
    Milestone(MilestoneKey.RETURNS_IN, LABELS[MilestoneKey.RETURNS_IN], 5),
    Milestone(MilestoneKey.MEETING_HELD, LABELS[MilestoneKey.MEETING_HELD], 13, not_before=7),
    Milestone(
        MilestoneKey.SENT_TO_PANEL,
        LABELS[MilestoneKey.SENT_TO_PANEL],
        2,
        after=MilestoneKey.MEETING_HELD,
    ),
    Milestone(MilestoneKey.COMPLETE, LABELS[MilestoneKey.COMPLETE], 15),
)


class State(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DUE = "due"
    OVERDUE = "overdue"
    DONE_EARLY = "done_early"  # done before the earliest day (a meeting on day 5)
    # The review is complete and this step was never dated (a review recorded
    # after the event, its meeting held before Quorate): not a deadline missed.
    NOT_RECORDED = "not_recorded"

    @property
    def is_done(self) -> bool:
        return self in (State.DONE_ON_TIME, State.DONE_LATE, State.DONE_EARLY)


class Standing(StrEnum):
    """Where a review stands, in a list's word. "Due" is a deadline today or the
    next working day: the one a chair has to chase now."""

    ON_TIME = "on time"
    DUE = "due"
    OVERDUE = "overdue"
    SENT_LATE = "sent late"


@dataclass(frozen=True)
class MilestoneStatus:
    milestone: Milestone
    due: dt.date
    earliest: dt.date | None
    done: dt.date | None
    state: State
    # Working days from today to ``due`` (negative when overdue); None when done.
    days_left: int | None


@dataclass(frozen=True)
class ReviewClock:
    day0: dt.date
    statuses: tuple[MilestoneStatus, ...]
    # The working day today is on (a weekend or holiday counts as the working day
    # before it). Not capped: "day 19 of 15" means late. Negative before day 0.
    day: int
    of: int
    next: MilestoneStatus | None
    today: dt.date
    # Working days the whole review took, once it is complete (``working_days_taken``).
    taken: int | None = None

    def status(self, key: MilestoneKey) -> MilestoneStatus | None:
        """The status of one milestone, or None when the setting leaves it out."""
        for status in self.statuses:
            if status.milestone.key == key:
                return status
        return None

    @property
    def complete(self) -> MilestoneStatus:
        status = self.status(MilestoneKey.COMPLETE)
        assert status is not None  # review_clock refuses milestones without it
        return status

    @property
    def standing(self) -> Standing:
        """On time, due, overdue (a milestone missed) or, once sent, sent late."""
        if self.taken is not None:
            late = self.complete.state is State.DONE_LATE
            return Standing.SENT_LATE if late else Standing.ON_TIME
        status = self.next
        if status is None:
            return Standing.ON_TIME
        if status.state is State.OVERDUE:
            return Standing.OVERDUE
        if status.days_left is not None and status.days_left <= 1:
            return Standing.DUE
        return Standing.ON_TIME

    @property
    def summary(self) -> str:
        """One line for the chair, e.g. "Day 9 of 15 · next: rapid review meeting
        held by Thu 15 Jan 2026 (4 working days left)", "Complete: 14 working
        days (on time)", or "… · overdue: … by … (2 working days overdue)"."""
        complete = self.complete
        if self.taken is not None:
            verdict = "late" if complete.state is State.DONE_LATE else "on time"
            return f"Complete: {_days(self.taken)} ({verdict})"
        if self.today < self.day0:
            head = f"Starts {_long_date(self.day0)}"
        else:
            head = f"Day {self.day} of {self.of}"
        status = self.next
        if status is None:  # pragma: no cover - complete is not done, so it is next at least
            return head
        what = _lower_first(status.milestone.label)
        left = status.days_left if status.days_left is not None else 0
        if status.state is State.OVERDUE:
            return f"{head} · overdue: {what} by {_long_date(status.due)} ({_days(-left)} overdue)"
        if status.earliest is not None and self.today < status.earliest:
            when = f"between {_long_date(status.earliest)} and {_long_date(status.due)}"
        else:
            when = f"by {_long_date(status.due)}"
        if left > 0:
            note = f"{_days(left)} left"
        elif self.today == status.due:
            note = "due today"
        else:
            note = "no working days left"
        return f"{head} · next: {what} {when} ({note})"


def review_clock(
    day0: dt.date,
    done: Mapping[MilestoneKey, dt.date | None],
    today: dt.date,
    milestones: Sequence[Milestone] = DEFAULT_MILESTONES,
    closures: Iterable[dt.date] = (),
) -> ReviewClock:
    """The clock of one rapid review on ``today``.

    ``done`` gives the date each milestone was done (a missing key or None: not
    yet); keys for milestones the setting leaves out are ignored. Milestones
    that repeat a key, count after one that is not listed or after each other
    in a circle, or that have no ``complete`` are refused with ``ValueError``.
    """
    _check_date("day 0", day0)
    _check_date("today", today)
    for key, when in done.items():
        if when is not None:
            _check_date(str(key), when)
    shut = frozenset(closures)
    by_key = _check_milestones(milestones)
    dues: dict[MilestoneKey, tuple[dt.date, dt.date | None]] = {}

    def base_of(milestone: Milestone) -> dt.date:
        if milestone.after is None:
            return day0
        before = done.get(milestone.after)
        return before if before is not None else due_of(by_key[milestone.after])[0]

    def due_of(milestone: Milestone) -> tuple[dt.date, dt.date | None]:
        if milestone.key not in dues:
            base = base_of(milestone)
            earliest = None
            if milestone.not_before is not None:
                earliest = add_working_days(base, milestone.not_before, shut)
            dues[milestone.key] = (add_working_days(base, milestone.within, shut), earliest)
        return dues[milestone.key]

    complete = by_key[MilestoneKey.COMPLETE]
    completed = done.get(MilestoneKey.COMPLETE)
    statuses = []
    for milestone in milestones:
        due, earliest = due_of(milestone)
        when = done.get(milestone.key)
        if completed is not None and when is None:
            statuses.append(
                MilestoneStatus(milestone, due, earliest, None, State.NOT_RECORDED, None)
            )
            continue
        statuses.append(_status(milestone, due, earliest, when, today, shut))
    pending = [s for s in statuses if s.done is None]
    first = None
    if pending and completed is None:
        first = min(pending, key=lambda s: s.due)  # min keeps the listed order on ties
    return ReviewClock(
        day0=day0,
        statuses=tuple(statuses),
        day=_place(day0, today, shut),
        of=complete.within,
        next=first,
        today=today,
        taken=None if completed is None else working_days_taken(day0, completed, shut),
    )


def working_days_taken(day0: dt.date, completed: dt.date, closures: Iterable[dt.date] = ()) -> int:
    """How many working days a review took: those after ``day0`` up to and
    including ``completed`` (``working_days_between``; 0 if completed on or
    before day 0). A weekend or holiday counts as the working day before it."""
    return working_days_between(day0, completed, closures)


def on_time(
    day0: dt.date,
    completed: dt.date,
    within: int = 15,
    closures: Iterable[dt.date] = (),
) -> bool:
    """Whether a review completed on ``completed`` met its ``within`` working days."""
    return working_days_taken(day0, completed, closures) <= within


def milestones_text(milestones: Sequence[Milestone]) -> str:
    """The setting as the form shows it and ``read_milestones`` reads it back:
    "template 2; returns 5; meeting 7-13; panel 2 after meeting; complete 15".
    Labels are not written: each milestone has the label of its key."""
    parts = []
    for milestone in milestones:
        days = str(milestone.within)
        if milestone.not_before is not None:
            days = f"{milestone.not_before}-{days}"
        part = f"{milestone.key.word} {days}"
        if milestone.after is not None:
            part += f" after {milestone.after.word}"
        parts.append(part)
    return "; ".join(parts)


_NAMES: dict[str, MilestoneKey] = {}
for _key in MilestoneKey:
    _NAMES[_key.word] = _key
    _NAMES[_key.value] = _key
_NAMES |= {"templates": MilestoneKey.TEMPLATE_SENT, "return": MilestoneKey.RETURNS_IN}
_NAMES |= {"sent": MilestoneKey.SENT_TO_PANEL, "completed": MilestoneKey.COMPLETE}
_NAMES["whole"] = MilestoneKey.COMPLETE

_WORD_LIST = "template, returns, meeting, panel or complete"
_EXAMPLE = "write it like “template 2”, “meeting 7-13” or “panel 2 after meeting”"
_PART = re.compile(
    r"""
    (?P<name>[a-z_]+)
    \s+(?:within\s+|by\s+|between\s+)?(?:(?:working\s+)?days?\s+)?
    (?P<first>\d+)
    (?:\s*(?:-|\u2013|\u2014|to|and)\s*(?P<last>\d+))?
    (?:\s+(?:working\s+)?days?)?
    (?:\s+(?:after|of)\s+(?:the\s+)?(?P<after>[a-z_]+))?
    """,
    re.VERBOSE,
)


def read_milestones(text: str) -> tuple[Milestone, ...]:
    """Read the setting as a chair types it, in the order of ``MilestoneKey``.

    Parts are separated by ";" or new lines; each is a milestone's short name
    (template, returns, meeting, panel, complete), the working days allowed,
    optionally a first day ("meeting 7-13": between days 7 and 13) and
    optionally "after" another milestone ("panel 2 after meeting"). Case,
    extra spaces, "within", "days" and "working days" are allowed. A milestone
    may be left out, except complete. Anything else is refused with a
    ``ValueError`` that says what is wrong, in words.
    """
    found: dict[MilestoneKey, Milestone] = {}
    problems: list[str] = []
    for raw in re.split(r"[;\n]", text):
        part = " ".join(raw.lower().split())
        if not part:
            continue
        try:
            milestone = _read_part(part)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if milestone.key in found:
            problems.append(f"{milestone.key.word} is given twice")
        else:
            found[milestone.key] = milestone
    if not found and not problems:
        raise ValueError(f"no milestones given: {_EXAMPLE}, ending with “complete 15”")
    if not problems:
        ordered = tuple(found[key] for key in MilestoneKey if key in found)
        try:
            _check_milestones(ordered)
        except ValueError as exc:
            problems.append(str(exc))
        else:
            return ordered
    raise ValueError("; ".join(problems))


def _read_part(part: str) -> Milestone:
    match = _PART.fullmatch(part)
    first_word = part.split()[0]
    if first_word not in _NAMES:
        raise ValueError(f"“{first_word}” is not a milestone: use {_WORD_LIST}")
    if match is None:
        if not re.search(r"\d", part):
            raise ValueError(f"“{part}” needs a number of working days: {_EXAMPLE}")
        raise ValueError(f"“{part}” cannot be read: {_EXAMPLE}")
    key = _NAMES[match["name"]]
    after = None
    if match["after"] is not None:
        if match["after"] not in _NAMES:
            raise ValueError(f"“{part}”: “{match['after']}” is not a milestone: use {_WORD_LIST}")
        after = _NAMES[match["after"]]
    first = int(match["first"])
    last = int(match["last"]) if match["last"] is not None else None
    within, not_before = (first, None) if last is None else (last, first)
    if not_before is not None and not_before > within:
        raise ValueError(f"“{part}”: the first day ({not_before}) is after the last ({within})")
    return Milestone(key, LABELS[key], within, after=after, not_before=not_before)


def _check_milestones(milestones: Sequence[Milestone]) -> dict[MilestoneKey, Milestone]:
    """The milestones by key, or ``ValueError`` if they cannot make a clock."""
    by_key: dict[MilestoneKey, Milestone] = {}
    for milestone in milestones:
        if milestone.key in by_key:
            raise ValueError(f"{milestone.key.word} is given twice")
        by_key[milestone.key] = milestone
    if MilestoneKey.COMPLETE not in by_key:
        raise ValueError("the whole review needs its working days: add “complete 15”")
    for milestone in milestones:
        if milestone.after is not None and milestone.after not in by_key:
            raise ValueError(
                f"{milestone.key.word} is counted after {milestone.after.word}, which is not given"
            )
    for milestone in milestones:
        seen = [milestone.key]
        step = milestone
        while step.after is not None:
            step = by_key[step.after]
            if step.key in seen:
                circle = ", ".join(key.word for key in seen)
                raise ValueError(
                    f"{circle} are each counted after another in a circle: "
                    f"one of them must be counted from day 0"
                )
            seen.append(step.key)
    return by_key


def _status(
    milestone: Milestone,
    due: dt.date,
    earliest: dt.date | None,
    done: dt.date | None,
    today: dt.date,
    shut: frozenset[dt.date],
) -> MilestoneStatus:
    if done is not None:
        if _place(due, done, shut) > 0:
            state = State.DONE_LATE
        elif earliest is not None and _place(earliest, done, shut) < 0:
            state = State.DONE_EARLY
        else:
            state = State.DONE_ON_TIME
        return MilestoneStatus(milestone, due, earliest, done, state, None)
    left = -_place(due, today, shut)
    state = State.OVERDUE if left < 0 else State.DUE
    return MilestoneStatus(milestone, due, earliest, None, state, left)


def _place(start: dt.date, day: dt.date, shut: frozenset[dt.date]) -> int:
    """Working days from ``start`` to ``day``: negative when ``day`` is before it."""
    if day >= start:
        return working_days_between(start, day, shut)
    return -working_days_between(day, start, shut)


def _check_date(what: str, value: object) -> None:
    # A datetime is a date too, but comparing one with a date raises mid-way.
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{what} must be a date, not {value!r}")


def _long_date(day: dt.date) -> str:
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def _days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def _lower_first(label: str) -> str:
    # "Rapid review meeting held" reads as "rapid review meeting held" mid-line;
    # a label that starts with an acronym ("LCSPR …") keeps its capitals.
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label
