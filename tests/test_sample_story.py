"""The sample partnership tells one story, recorded as the app records it, so its
minutes say each thing once.

The typed minutes are the discussion. The minutes list, generated from the record,
each item's declarations, decisions and actions, the agreement of the previous
meeting's minutes, each update made at the meeting in matters arising, and the date
of the next meeting. So the checks below prove:

- every decision and every action raised is at an item of its meeting, and no typed
  minutes say one again ("**Decision:** ...", "**Action A-...:** ...");
- any ``A-YYYY-NNN`` or ``D-YYYY-NNN`` the discussion cites exists, and was raised
  (made) on or before the meeting's day;
- matters arising are the recorded updates (no typed list of them), and every update
  made at a meeting is to an action its minutes review;
- a typed mention of a declaration ("RF's declared interest in item 6") is a recorded
  declaration, by someone there; nobody types "None declared.";
- the minutes of the meeting before are agreed at each meeting that takes them;
- the exported minutes of every closed meeting say no paragraph twice and never both
  that the previous minutes were agreed and that they were not;
- a child is named by a registered pseudonym ("Child A") or a registered name;
- each rapid review is of a registered child, names no child by a real name, and
  agrees with its meeting's minutes (reference, notification, due date, working day,
  returns) and with what the executive's minutes say of it (sent, the Panel's reply,
  the on-time record, an overdue review raised);
- each escalation is of a registered child (or none), names no child by a real name,
  was moved at a meeting only on its day, and what an executive's escalations item
  says (how many open, at which stages, none beyond its time limit, how many
  concern the front door threshold, how many resolved since the last meeting and at
  which stage) is what the escalations' history held on that day.

Each check returns the problems it finds, so the tests at the end can break the
data file once per check and see it fail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain.dates import DAY_NAMES, MONTH_NAMES
from store.domain.kinds import (
    AgencyKind,
    EscalationCategory,
    EscalationStatus,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    PanelResponse,
    Referral,
)
from store.domain.models import Action, AgendaItem, Decision, Meeting
from store.domain.models.escalations import Escalation, EscalationStage
from store.domain.review_clock import State
from store.domain.workdays import working_days_between
from store.escalations import EscalationQuery
from store.exports.minutes import minutes_markdown
from store.sample.builder import build_sample
from store.sample.load import DATA
from tests.conftest import frozen_clock

ACTION_REF = re.compile(r"\bA-\d{4}-\d{3}\b")
DECISION_REF = re.compile(r"\bD-\d{4}-\d{3}\b")
# A reference in another scheme (EX-26-17, RR-01/1, CD-26-05, BRD-24): not the app's.
FOREIGN_REF = re.compile(r"\b[A-Z]{2,4}-\d{2}(?:[-/]\d+)?\b")
# What the record lists, typed again.
TYPED_DECISION = "**Decision"
TYPED_ACTION = "**Action"
NONE_DECLARED = "None declared."
# "RF declared an interest in item 6", "RF's declared interest in item 6".
DECLARED = re.compile(r"\b([A-Z]{2,3})(?:'s)? declared (?:an )?interest in item (\d+)\b")
PSEUDONYM = re.compile(r"\bChild [A-Z]{1,2}\b")
NOT_AGREED = "have not been recorded as agreed"
AGREED = "were agreed"
# An item's purpose and presenter, under its heading: the same line under many items.
ITEM_LINE = re.compile(r"^\*[^*].*\*(?: · Presenter: .+)?$")
NO_UPDATE = "- No update at this meeting."
# A list's label ("**Decisions**", "**Actions**"): a heading in bold.
LABEL = re.compile(r"\*\*[^*]+\*\*")

Check = Callable[[Store], list[str]]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def closed_meetings(store: Store) -> Iterator[tuple[Meeting, list[AgendaItem]]]:
    for meeting in store.meetings.all():
        if meeting.status is MeetingStatus.CLOSED:
            yield meeting, store.agenda.items(meeting.id or 0)


def all_actions(store: Store) -> dict[str, Action]:
    found: dict[str, Action] = {}
    for meeting in store.meetings.all():
        found |= {a.reference or "": a for a in store.actions.of_meeting(meeting.id or 0)}
    return found


def all_decisions(store: Store) -> dict[str, Decision]:
    return {d.reference or "": d for d, _, _ in store.decisions.page(limit=10_000)}


def where(meeting: Meeting, item: AgendaItem) -> str:
    return f"{meeting.date} {meeting.title}, item {item.position} ({item.title})"


def said_twice(markdown: str, classification: str) -> list[str]:
    """The paragraphs a document says more than once (headings and lists' labels,
    the classification marks, the line under each item heading and "No update at
    this meeting." aside)."""
    mark = f"**{classification}**"
    kept = "\n".join(
        line
        for line in markdown.splitlines()
        if line.strip() not in (mark, NO_UPDATE) and not ITEM_LINE.match(line.strip())
    )
    seen: set[str] = set()
    twice: list[str] = []
    for para in paragraphs(kept):
        if para.startswith("#") or LABEL.fullmatch(para):
            continue
        key = " ".join(para.split()).rstrip(".")
        if key in seen and key not in twice:
            twice.append(key)
        seen.add(key)
    return twice


# ---------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------


def decisions_problems(store: Store) -> list[str]:
    """Every decision logged is at an item of its meeting; no typed minutes say one."""
    problems = []
    for meeting in store.meetings.all():
        items = store.agenda.items(meeting.id or 0)
        item_ids = {i.id for i in items}
        problems += [
            f"{meeting.date} {meeting.title}: {d.reference} is not at one of its items"
            for d in store.decisions.of_meeting(meeting.id or 0)
            if d.item_id not in item_ids
        ]
        problems += [
            f"{where(meeting, item)}: a decision typed, which the record lists"
            for item in items
            if TYPED_DECISION in item.minutes
        ]
    return problems


def actions_raised_problems(store: Store) -> list[str]:
    """Every action raised at a meeting is at an item of it; no typed minutes say one."""
    problems = []
    for meeting in store.meetings.all():
        items = store.agenda.items(meeting.id or 0)
        item_ids = {i.id for i in items}
        problems += [
            f"{meeting.date} {meeting.title}: {a.reference} is not at one of its items"
            for a in store.actions.of_meeting(meeting.id or 0)
            if a.item_id not in item_ids
        ]
        problems += [
            f"{where(meeting, item)}: an action typed, which the record lists"
            for item in items
            if TYPED_ACTION in item.minutes
        ]
    return problems


def references_problems(store: Store) -> list[str]:
    """Every reference in the minutes is the app's, exists, and was raised (made)
    on or before the meeting's day."""
    problems = []
    actions = all_actions(store)
    decisions = all_decisions(store)
    for meeting, items in closed_meetings(store):
        for item in items:
            at = where(meeting, item)
            problems += [
                f"{at}: {ref} is not a reference the app gives"
                for ref in FOREIGN_REF.findall(item.minutes)
            ]
            for ref in ACTION_REF.findall(item.minutes):
                action = actions.get(ref)
                if action is None:
                    problems.append(f"{at}: {ref} is not in the action log")
                elif action.raised_on > meeting.date:
                    problems.append(f"{at}: {ref} was raised later, on {action.raised_on}")
            for ref in DECISION_REF.findall(item.minutes):
                decision = decisions.get(ref)
                if decision is None:
                    problems.append(f"{at}: {ref} is not in the decisions log")
                elif decision.made_at.date() > meeting.date:
                    problems.append(f"{at}: {ref} was made later")
    return problems


def matters_arising_problems(store: Store) -> list[str]:
    """Matters arising are the updates recorded at the meeting, not a typed list of
    them; every update made at a meeting is to an action its minutes review; no
    action is changed before it was raised."""
    problems = []
    actions = all_actions(store)
    for meeting, items in closed_meetings(store):
        for item in items:
            if item.kind is not ItemKind.MATTERS_ARISING:
                continue
            problems += [
                f"{where(meeting, item)}: a typed update of {ACTION_REF.findall(line)[0]}, "
                "which the record lists"
                for line in item.minutes.splitlines()
                if line.startswith("- ") and ACTION_REF.search(line)
            ]
        reviewed = set(store.record.facts(meeting.id or 0).arising)
        problems += [
            f"{meeting.date} {meeting.title}: {action.reference} was updated here but is not "
            "in its matters arising"
            for action, _ in store.actions.updates_at_meeting(meeting.id or 0)
            if action.id not in reviewed
        ]
    for ref, action in actions.items():
        if any(u.on_date < action.raised_on for u in store.actions.history(action.id or 0)):
            problems.append(f"{ref}: updated before it was raised")
        if action.closed_on is not None and action.closed_on < action.raised_on:
            problems.append(f"{ref}: closed before it was raised")
    return problems


def declarations_problems(store: Store) -> list[str]:
    """A declaration typed is one recorded, at the item it names; whoever declared
    was there; and nobody types "None declared." (the minutes say so themselves)."""
    problems = []
    initials = {p.id: p.initials for p in store.directory.people()}
    for meeting, items in closed_meetings(store):
        text = "\n".join(i.minutes for i in items)
        if NONE_DECLARED in text:
            problems.append(f"{meeting.date} {meeting.title}: 'None declared' typed")
        typed = {(who, int(n)) for who, n in DECLARED.findall(text)}
        position = {i.id: i.position for i in items}
        recorded = {
            (initials.get(d.person_id), position.get(d.item_id))
            for d in store.attendance.declarations(meeting.id or 0)
        }
        problems += [
            f"{meeting.date} {meeting.title}: {who} declared at item {n} but it is not recorded"
            for who, n in sorted(typed - recorded)
        ]
        there = set()
        for record in store.attendance.of(meeting.id or 0):
            if record.status.value in ("present", "in_attendance"):
                there.add(initials.get(record.person_id))
            if record.deputy_id is not None:
                there.add(initials.get(record.deputy_id))
        problems += [
            f"{meeting.date} {meeting.title}: {who} declared but was not there"
            for who, _ in sorted(recorded, key=str)
            if who not in there
        ]
    return problems


def agreement_problems(store: Store) -> list[str]:
    """At every meeting that takes the previous minutes, the minutes of its series'
    meeting before it are recorded as agreed there."""
    problems = []
    for meeting, items in closed_meetings(store):
        if not any(i.kind is ItemKind.PREVIOUS_MINUTES for i in items):
            continue
        previous = store.record.previous(meeting.id or 0)
        if previous is None:
            continue  # the first of its series on record
        agreement = store.record.agreement(previous.id or 0)
        if agreement is None or agreement.at_meeting_id != meeting.id:
            problems.append(
                f"{meeting.date} {meeting.title}: the minutes of {previous.date} are not "
                "agreed at it"
            )
    return problems


def export_problems(store: Store) -> list[str]:
    """The minutes of every closed meeting, as exported, say nothing twice and do
    not contradict themselves on the previous minutes."""
    problems = []
    classification = store.settings.get().classification
    for meeting, _ in closed_meetings(store):
        markdown = minutes_markdown(store, meeting.id or 0)
        problems += [
            f"{meeting.date} {meeting.title}: said twice: {para[:80]!r}"
            for para in said_twice(markdown, classification)
        ]
        if NOT_AGREED in markdown and AGREED in markdown:
            problems.append(
                f"{meeting.date} {meeting.title}: the previous minutes both agreed and not"
            )
    return problems


def register_problems(store: Store) -> list[str]:
    """The register is consistent, and every child the record names is on it."""
    problems = []
    entries = store.register.all()
    pseudonyms = [e.pseudonym for e in entries]
    problems += [f"{p!r} is on the register twice" for p in pseudonyms if pseudonyms.count(p) > 1]
    professionals = {w for p in store.directory.people() for w in re.findall(r"[\w-]+", p.name)}
    seen: dict[str, str] = {}
    for entry in entries:
        parts = entry.real_name.split()
        for form in entry.forms[1:]:
            if not any(part.startswith(form) or part.split("-")[0] == form for part in parts):
                problems.append(f"{entry.pseudonym}: {form!r} is not a form of its name")
        for form in entry.forms:
            if form in professionals or any(w in professionals for w in form.split()):
                problems.append(f"{entry.pseudonym}: {form!r} is also a professional's name")
            if seen.setdefault(form, entry.pseudonym) != entry.pseudonym:
                problems.append(f"{entry.pseudonym}: {form!r} is also {seen[form]}'s")
        is_child = PSEUDONYM.fullmatch(entry.pseudonym) is not None
        if is_child != (entry.relation.value == "child"):
            problems.append(f"{entry.pseudonym}: the pseudonym does not match its relation")
        problems += [
            f"{entry.pseudonym}: {child} is not on the register"
            for child in PSEUDONYM.findall(entry.pseudonym)
            if child not in pseudonyms
        ]
    texts: list[tuple[str, str]] = []
    for meeting in store.meetings.all():
        texts.append((f"{meeting.date} {meeting.title}", meeting.title))
        for item in store.agenda.items(meeting.id or 0):
            texts.append((where(meeting, item), f"{item.title}\n{item.minutes}"))
        texts += [
            (f"{d.reference}", f"{d.text}\n{d.rationale or ''}")
            for d in store.decisions.of_meeting(meeting.id or 0)
        ]
        texts += [
            (f"{meeting.date} declaration", d.nature)
            for d in store.attendance.declarations(meeting.id or 0)
        ]
    texts += [(ref, a.description) for ref, a in all_actions(store).items()]
    for place, text in texts:
        problems += [
            f"{place}: {child} is not on the register"
            for child in sorted(set(PSEUDONYM.findall(text)))
            if child not in pseudonyms
        ]
    return problems


NUMBERS = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
RETURNS = re.compile(r"returns were received from (\w+) agencies")
PANEL_SENT = re.compile(r"sent to the national Panel on (\d{1,2} \w+ \d{4})")
PANEL_REPLIED = re.compile(r"The Panel replied on (\d{1,2} \w+ \d{4})")
ON_TIME_CLAIM = "both rapid reviews this year met the 15-working-day target"


def long_date(day: dt.date, weekday: bool = False) -> str:
    text = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{DAY_NAMES[day.weekday()]} {text}" if weekday else text


def review_texts(store: Store, review_id: int) -> list[str]:
    """Everything a rapid review's record says in words (all of it circulated)."""
    review = store.reviews.get(review_id)
    texts = [
        review.background,
        review.practice_episodes,
        review.good_practice,
        review.learning_local,
        review.learning_national,
        review.inequality,
        review.rationale or "",
        review.other_learning or "",
        review.late_reason or "",
        review.lcspr_reviewer or "",
        review.siblings or "",
    ]
    texts += [a.summary for a in store.reviews.agencies(review_id)]
    texts += [p.status for p in store.reviews.processes(review_id)]
    return texts


def reviews_problems(store: Store) -> list[str]:
    """Each rapid review is of a child on the register and names no child by a
    real name; its meeting's minutes give its reference, notification, due date,
    the working day the meeting is on and how many returns came in; what an
    executive says of a review (sent, the Panel's reply, both on time) is what the
    record holds; and an executive held after an open review's day 15 raises it."""
    problems = []
    register = {e.id: e for e in store.register.all()}
    forms = [f for e in register.values() for f in e.forms]
    reviews = store.reviews.page(limit=1000)
    by_child: dict[str, list[int]] = {}
    for review in reviews:
        ref = review.reference
        child = register.get(review.child_id or 0)
        if child is None or child.relation.value != "child":
            problems.append(f"{ref}: its child is not a child on the register")
            continue
        by_child.setdefault(child.pseudonym, []).append(review.id or 0)
        for text in review_texts(store, review.id or 0):
            problems += [
                f"{ref}: a real name ({form!r}) in the record"
                for form in forms
                if re.search(rf"\b{re.escape(form)}\b", text)
            ]
        if review.meeting_id is None:
            continue
        meeting = store.meetings.get(review.meeting_id)
        text = "\n".join(i.minutes for i in store.agenda.items(meeting.id or 0))
        held_on = working_days_between(review.notified_on, meeting.date)
        said = {
            "its reference": f"partnership reference {ref}",
            "the notification": f"sent on {long_date(review.notified_on, weekday=True)}",
            "the due date": long_date(review.complete_by) if review.complete_by else "?",
            "the working day": f"working day {held_on}",
        }
        problems += [
            f"{ref}: its meeting's minutes do not give {what} ({words!r})"
            for what, words in said.items()
            if words not in text
        ]
        returns = [a for a in store.reviews.agencies(review.id or 0) if a.return_in]
        for word in RETURNS.findall(text):
            if NUMBERS.get(word) != len(returns):
                problems.append(f"{ref}: the minutes say {word} returns, the record {len(returns)}")
    for meeting, items in closed_meetings(store):
        if meeting.kind is not MeetingKind.EXECUTIVE:
            continue
        text = "\n".join(i.minutes for i in items)
        for item in items:
            named = PSEUDONYM.search(item.title)
            if not item.title.startswith("Rapid Review") or named is None:
                continue
            for review_id in by_child.get(named.group(0), []):
                review = store.reviews.get(review_id)
                for pattern, day in (
                    (PANEL_SENT, review.sent_to_panel_on),
                    (PANEL_REPLIED, review.panel_response_on),
                ):
                    problems += [
                        f"{where(meeting, item)}: {said!r}, but the record says {day}"
                        for said in pattern.findall(item.minutes)
                        if day is None or said != long_date(day)
                    ]
        if ON_TIME_CLAIM in text:
            done = [
                r
                for r in reviews
                if r.notified_on.year == meeting.date.year
                and r.sent_to_panel_on is not None
                and r.sent_to_panel_on <= meeting.date
            ]
            late = [
                r
                for r in done
                if r.complete_by and (r.sent_to_panel_on or r.complete_by) > r.complete_by
            ]
            if len(done) != 2 or late:
                problems.append(
                    f"{meeting.date} {meeting.title}: 'both on time', but {len(done)} were "
                    f"completed that year and {len(late)} late"
                )
        for review in reviews:
            child = register.get(review.child_id or 0)
            overdue = (
                review.notified_on <= meeting.date
                and (review.sent_to_panel_on is None or review.sent_to_panel_on > meeting.date)
                and review.complete_by is not None
                and review.complete_by < meeting.date
            )
            if overdue and child and child.pseudonym not in text and review.reference not in text:
                problems.append(
                    f"{meeting.date} {meeting.title}: {review.reference} is overdue and not raised"
                )
    return problems


# What an executive's escalations item says, in words ("four open escalations: two at
# stage 2 ... and one at stage 4", "Five were resolved since September, four at stage 2
# or below", "three of the four concern the front door threshold").
COUNTS = {
    "no": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
OPEN_SAID = re.compile(r"\b(\w+) open escalations?\b", re.IGNORECASE)
AT_STAGE = re.compile(
    r"\b(one|two|three|four|five|six) at stage (\d)\b(?! or below)", re.IGNORECASE
)
NONE_BEYOND = re.compile(r"\b(?:no escalation is|none) beyond its time limit", re.IGNORECASE)
RESOLVED_SINCE = re.compile(
    r"\b(\w+) were resolved since (\w+)(?:, (\w+) at stage (\d) or below)?", re.IGNORECASE
)
FRONT_DOOR = re.compile(r"\b(\w+) of the \w+ concern the front door threshold", re.IGNORECASE)


def all_escalations(store: Store) -> list[Escalation]:
    return store.escalations.page(EscalationQuery(state=""), limit=1000)


def open_on(store: Store, day: dt.date) -> list[tuple[Escalation, EscalationStage]]:
    """Each escalation open on ``day`` with the stage it was at then (its history)."""
    found = []
    for escalation in all_escalations(store):
        for stage in store.escalations.stages(escalation.id or 0):
            if stage.entered_on <= day and (stage.left_on is None or stage.left_on > day):
                found.append((escalation, stage))
    return found


def escalation_texts(store: Store, escalation: Escalation) -> list[str]:
    """Everything an escalation's record says in words."""
    texts = [
        escalation.decision_disputed,
        escalation.raiser_position,
        escalation.other_position,
        escalation.raised_by_role or "",
        escalation.outcome or "",
        escalation.learning_theme or "",
    ]
    for stage in store.escalations.stages(escalation.id or 0):
        texts += [stage.note, stage.holder or ""]
    return texts


def escalations_problems(store: Store) -> list[str]:
    """Each escalation is of a child on the register (or of none) and names no
    child by a real name; what was done at a meeting was done on its day; and
    what an executive's escalations item says is what the history held that day:
    how many were open and at which stages, that none was beyond its time limit,
    how many concern the front door threshold, how many were resolved since the
    executive before it and at which stages."""
    problems = []
    register = {e.id: e for e in store.register.all()}
    forms = [f for e in register.values() for f in e.forms]
    meetings = {m.id: m for m in store.meetings.all()}
    council = {a.id for a in store.directory.agencies() if a.kind is AgencyKind.LOCAL_AUTHORITY}
    escalations = all_escalations(store)
    for escalation in escalations:
        ref = escalation.reference
        if escalation.child_id is not None:
            child = register.get(escalation.child_id)
            if child is None or child.relation.value != "child":
                problems.append(f"{ref}: its child is not a child on the register")
        for text in escalation_texts(store, escalation):
            problems += [
                f"{ref}: a real name ({form!r}) in the record"
                for form in forms
                if re.search(rf"\b{re.escape(form)}\b", text)
            ]
        done_at = [
            (s.meeting_id, s.entered_on) for s in store.escalations.stages(escalation.id or 0)
        ]
        done_at.append((escalation.closed_meeting_id, escalation.closed_on))
        problems += [
            f"{ref}: moved at the meeting of {meetings[held].date} on {day}"
            for held, day in done_at
            if held is not None and meetings[held].date != day
        ]
    for meeting, items in closed_meetings(store):
        for item in (i for i in items if i.kind is ItemKind.ESCALATIONS):
            at = where(meeting, item)
            text = item.minutes
            day = meeting.date
            held = open_on(store, day)
            for word in OPEN_SAID.findall(text):
                if COUNTS.get(word.lower()) != len(held):
                    problems.append(f"{at}: the minutes say {word} open, the record {len(held)}")
            for word, stage in AT_STAGE.findall(text):
                there = len([1 for _, s in held if s.stage == int(stage)])
                if COUNTS[word.lower()] != there:
                    problems.append(
                        f"{at}: the minutes say {word} at stage {stage}, the record {there}"
                    )
            if NONE_BEYOND.search(text):
                problems += [
                    f"{at}: {e.reference} was beyond its time limit (due {s.due})"
                    for e, s in held
                    if s.due < day
                ]
            for word in FRONT_DOOR.findall(text):
                front = [
                    e
                    for e, _ in held
                    if e.category is EscalationCategory.THRESHOLDS
                    and e.raised_with_agency_id in council
                ]
                if COUNTS.get(word.lower()) != len(front):
                    problems.append(
                        f"{at}: the minutes say {word} concern the front door threshold, "
                        f"the record {len(front)}"
                    )
            for word, month, below, stage in RESOLVED_SINCE.findall(text):
                before = store.record.previous(meeting.id or 0)
                if before is None or MONTH_NAMES[before.date.month - 1] != month:
                    problems.append(f"{at}: no meeting of the series in {month} before it")
                    continue
                resolved = [
                    e
                    for e in escalations
                    if e.status is EscalationStatus.RESOLVED
                    and e.closed_on is not None
                    and before.date < e.closed_on <= day
                ]
                if COUNTS.get(word.lower()) != len(resolved):
                    problems.append(
                        f"{at}: the minutes say {word} resolved since {month}, "
                        f"the record {len(resolved)}"
                    )
                low = len([e for e in resolved if stage and e.stage <= int(stage)])
                if below and COUNTS.get(below.lower()) != low:
                    problems.append(
                        f"{at}: the minutes say {below} resolved at stage {stage} or below, "
                        f"the record {low}"
                    )
    return problems


CHECKS: dict[str, Check] = {
    "decisions": decisions_problems,
    "actions raised": actions_raised_problems,
    "references": references_problems,
    "matters arising": matters_arising_problems,
    "declarations": declarations_problems,
    "agreement": agreement_problems,
    "export": export_problems,
    "register": register_problems,
    "reviews": reviews_problems,
    "escalations": escalations_problems,
}


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The sample, built from partnership.toml (not the committed file)."""
    path = build_sample(tmp_path_factory.mktemp("story") / "sample.db")
    store = Store.open(path, clock=frozen_clock)
    yield store
    store.close()


@pytest.mark.parametrize("name", CHECKS)
def test_the_minutes_and_the_logs_tell_one_story(story: Store, name: str) -> None:
    assert CHECKS[name](story) == []


def test_the_story_has_something_to_check(story: Store) -> None:
    """The checks above pass vacuously on an empty record; this one does not."""
    meetings = list(closed_meetings(story))
    text = "\n".join(i.minutes for _, items in meetings for i in items)
    assert len(all_decisions(story)) >= 8
    assert len(all_actions(story)) >= 30
    updates = [u for m, _ in meetings for u in story.actions.updates_at_meeting(m.id or 0)]
    assert len(updates) >= 25
    declared = [d for m, _ in meetings for d in story.attendance.declarations(m.id or 0)]
    assert len(declared) >= 4 and DECLARED.search(text)
    agreed = [story.record.agreed_at(m.id or 0) for m, _ in meetings]
    assert len([a for a in agreed if a is not None]) >= 2
    assert ACTION_REF.search(text) and DECISION_REF.search(text)
    assert len(set(PSEUDONYM.findall(text))) >= 4


def test_each_closed_meeting_is_kept_as_it_was(story: Store) -> None:
    """Each closed meeting's facts were kept when it closed, in the story's order:
    the executive of September reviewed A-2026-008 while it was still open."""
    september = next(m for m, _ in closed_meetings(story) if m.date.isoformat() == "2026-09-17")
    assert story.record.frozen(september.id or 0)
    facts = story.record.facts(september.id or 0)
    neglect = next(a for a in facts.actions.values() if a.reference == "A-2026-008")
    assert neglect.status.value == "open" and neglect.due is not None
    assert neglect.due.isoformat() == "2026-10-31"


# One break of partnership.toml per check: the check must see it.
BREAKS = [
    pytest.param(
        "decisions",
        'supported keeping the split for one more year."""',
        "supported keeping the split for one more year.\n\n"
        '**Decision:** the budget forecast was agreed in principle."""',
        "a decision typed",
        id="decision-typed-again",
    ),
    pytest.param(
        "actions raised",
        'medical rota over the summer."""',
        'medical rota over the summer.\n\n**Action A-2026-011:** DB to confirm the cover."""',
        "an action typed",
        id="action-typed-again",
    ),
    pytest.param(
        "references",
        "(A-2026-029)",
        "(RR-02/2)",
        "RR-02/2 is not a reference the app gives",
        id="reference-in-another-scheme",
    ),
    pytest.param(
        "references",
        "(A-2026-016)",
        "(A-2026-029)",
        "A-2026-029 was raised later",
        id="reference-to-a-later-action",
    ),
    pytest.param(
        "matters arising",
        "AR reported that the actions of the July meeting are complete",
        "- A-2026-021 (notice standard for conferences): on track.\n\n"
        "AR reported that the actions of the July meeting are complete",
        "a typed update of A-2026-021",
        id="matters-arising-typed-again",
    ),
    pytest.param(
        "declarations",
        'person = "lsp-la"\nnature',
        'person = "dsp-la"\nnature',
        "RF declared at item 6 but it is not recorded",
        id="declaration-recorded-for-someone-else",
    ),
    pytest.param(
        "agreement",
        'key = "exec-2026-11"',
        'key = "exec-2026-11"\nprevious_minutes = { agreed = false }',
        "the minutes of 2026-09-17 are not agreed at it",
        id="previous-minutes-not-agreed",
    ),
    pytest.param(
        "export",
        'The Board meets twice a year."""',
        "The Board meets twice a year.\n\n"
        'Thursday 10 December 2026, 14:00, Council Chamber, Kestrel Vale Civic Centre."""',
        "said twice: 'Thursday 10 December 2026",
        id="next-meeting-typed-again",
    ),
    pytest.param(
        "register",
        'pseudonym = "Child D"',
        'pseudonym = "Child E"',
        "Child D is not on the register",
        id="child-not-on-the-register",
    ),
]


BREAKS += [
    pytest.param(
        "reviews",
        "for Child G (RR-2026-03, notified on",
        "notified on",
        "RR-2026-03 is overdue and not raised",
        id="overdue-review-not-raised",
    ),
    pytest.param(
        "reviews",
        "sent_to_panel_on = 2026-10-23",
        "sent_to_panel_on = 2026-10-26",
        "'23 October 2026', but the record says 2026-10-26",
        id="review-sent-on-another-day",
    ),
    pytest.param(
        "reviews",
        'return_in = 2026-10-16\nsummary = "Tenancy',
        'involved = false\nsummary = "Tenancy',
        "the minutes say eight returns, the record 7",
        id="review-return-missing",
    ),
    pytest.param(
        "reviews",
        "Child F, aged 15, was admitted",
        "Jayden, aged 15, was admitted",
        "RR-2025-01: a real name ('Jayden') in the record",
        id="review-names-the-child",
    ),
]


BREAKS += [
    pytest.param(
        "escalations",
        "HA reported four open escalations",
        "HA reported five open escalations",
        "the minutes say five open, the record 4",
        id="escalations-open-miscounted",
    ),
    pytest.param(
        "escalations",
        'on = 2026-07-10\nmove = "escalate"',
        'on = 2026-07-08\nmove = "escalate"',
        "ESC-2026-03 was beyond its time limit (due 2026-07-15)",
        id="escalation-beyond-its-time-limit",
    ),
    pytest.param(
        "escalations",
        'on = 2026-09-18\nmove = "resolve"',
        'on = 2026-09-16\nmove = "resolve"',
        "the minutes say Five resolved since September, the record 4",
        id="escalation-resolved-before-the-september-executive",
    ),
    pytest.param(
        "escalations",
        'on = 2026-11-13\nmove = "escalate"',
        'on = 2026-11-10\nmove = "escalate"',
        "ESC-2026-12 was beyond its time limit (due 2026-11-17)",
        id="escalation-overdue-at-the-november-executive",
    ),
    pytest.param(
        "escalations",
        "The child, aged 11 and with foster carers",
        "Skye, aged 11 and with foster carers",
        "ESC-2026-07: a real name ('Skye') in the record",
        id="escalation-names-the-child",
    ),
]


def build_broken(tmp_path: Path, was: str, now: str) -> Store:
    text = DATA.read_text()
    assert text.count(was) == 1
    (tmp_path / "broken.toml").write_text(text.replace(was, now))
    return Store.open(
        build_sample(tmp_path / "broken.db", tmp_path / "broken.toml"), clock=frozen_clock
    )


@pytest.mark.parametrize(("check", "was", "now", "reported"), BREAKS)
def test_each_check_sees_the_story_broken(
    tmp_path: Path, check: str, was: str, now: str, reported: str
) -> None:
    store = build_broken(tmp_path, was, now)
    try:
        problems = CHECKS[check](store)
    finally:
        store.close()
    assert any(reported in p for p in problems), problems


def test_minutes_agreed_with_amendments_keep_them(tmp_path: Path) -> None:
    amended = "Item 7: the police share is GBP 82,400."
    store = build_broken(
        tmp_path,
        'key = "exec-2026-11"',
        f'key = "exec-2026-11"\nprevious_minutes = {{ amendments = "{amended}" }}',
    )
    try:
        november = next(m for m, _ in closed_meetings(store) if m.date.isoformat() == "2026-11-19")
        previous = store.record.previous(november.id or 0)
        assert previous is not None
        agreement = store.record.agreement(previous.id or 0)
        assert agreement is not None and agreement.amendments == amended
        assert f"with these amendments: {amended}" in minutes_markdown(store, november.id or 0)
    finally:
        store.close()


# ---------------------------------------------------------------------------------------------
# The rapid reviews, on the sample's today (Friday 27 November 2026)
# ---------------------------------------------------------------------------------------------


def test_the_five_rapid_review_stories_hold(story: Store) -> None:
    today = story.clock().date()
    assert today == dt.date(2026, 11, 27)
    reviews = {r.reference: r for r in story.reviews.page(limit=100)}
    assert sorted(reviews) == [
        "RR-2025-01",
        "RR-2026-01",
        "RR-2026-02",
        "RR-2026-03",
        "RR-2026-04",
    ]
    pseudonyms = {e.id: e.pseudonym for e in story.register.all()}
    meetings = {m.id: m.title for m in story.meetings.all()}

    def complete(reference: str) -> State:
        return story.reviews.clock(reviews[reference], today).complete.state

    # Child A: on time, and an LCSPR, as the minutes and D-2026-004 say.
    child_a = reviews["RR-2026-01"]
    assert pseudonyms[child_a.child_id or 0] == "Child A"
    assert meetings[child_a.meeting_id] == "Rapid Review: Child A"
    assert complete("RR-2026-01") is State.DONE_ON_TIME and child_a.days_taken == 10
    assert child_a.lcspr is True and child_a.criteria == "a,b,c" and child_a.rationale
    assert not child_a.national_review
    assert child_a.sent_to_panel_on == dt.date(2026, 8, 7)
    assert child_a.panel_response is PanelResponse.AGREES
    assert child_a.panel_response_on == dt.date(2026, 9, 3)
    assert child_a.lcspr_started_on == dt.date(2026, 10, 5) and child_a.lcspr_reviewer
    assert child_a.lcspr_due == dt.date(2027, 4, 5)  # "on course for April 2027"
    processes = story.reviews.processes(child_a.id or 0)
    assert [p.kind.value for p in processes] == ["police_investigation"]
    # Child B: on time, no LCSPR; the Panel agreed on 12 November.
    child_b = reviews["RR-2026-02"]
    assert pseudonyms[child_b.child_id or 0] == "Child B"
    assert meetings[child_b.meeting_id] == "Rapid Review: Child B"
    assert complete("RR-2026-02") is State.DONE_ON_TIME and child_b.days_taken == 10
    assert child_b.lcspr is False and child_b.criteria == "a,c" and child_b.other_learning
    assert child_b.sent_to_panel_on == dt.date(2026, 10, 23)
    assert child_b.panel_response_on == dt.date(2026, 11, 12)
    for review in (child_a, child_b):
        assert story.reviews.missing_for_panel(review.id or 0) == []
        signed = {s.person_id for s in story.reviews.signoffs(review.id or 0)}
        delegated = {a.delegated_partner_id for a in story.directory.agencies() if a.statutory}
        assert signed == delegated, "signed off by the three delegated partners"
        immediate = story.reviews.immediate_actions(review.id or 0)
        assert immediate and all(a.meeting_id == review.meeting_id for a in immediate)
    # 2025: completed late, with its reason.
    late = reviews["RR-2025-01"]
    assert complete("RR-2025-01") is State.DONE_LATE
    assert late.days_taken is not None and late.days_taken > 15 and late.late_reason
    # Open and on track: early in its clock, nothing overdue.
    on_track = story.reviews.clock(reviews["RR-2026-04"], today)
    assert reviews["RR-2026-04"].sent_to_panel_on is None
    assert 1 <= on_track.day <= 5 and on_track.next is not None
    assert all(s.state is not State.OVERDUE for s in on_track.statuses)
    # Open and overdue, a return outstanding.
    overdue = reviews["RR-2026-03"]
    assert overdue.sent_to_panel_on is None and complete("RR-2026-03") is State.OVERDUE
    assert story.reviews.clock(overdue, today).day > 15
    assert len(story.reviews.outstanding(overdue.id or 0)) == 1
    for review in reviews.values():
        assert pseudonyms.get(review.child_id or 0, "").startswith("Child ")


def test_the_on_time_figures_agree_with_the_minutes(story: Store) -> None:
    today = story.clock().date()
    figures = story.reviews.figures(year=2026, today=today)
    assert (figures.completed_year, figures.on_time_year) == (2, 2)
    assert (figures.completed_all, figures.on_time_all) == (3, 2)
    assert (figures.open, figures.overdue) == (2, 1)
    november = next(m for m, _ in closed_meetings(story) if m.date == dt.date(2026, 11, 19))
    text = "\n".join(i.minutes for i in story.agenda.items(november.id or 0))
    assert ON_TIME_CLAIM in text and "RR-2026-03" in text


# ---------------------------------------------------------------------------------------------
# The escalations: what the executives' minutes say on 16 July and 19 November 2026, and the
# state on the sample's today (Friday 27 November 2026)
# ---------------------------------------------------------------------------------------------


def executive(store: Store, day: dt.date) -> Meeting:
    return next(
        m for m in store.meetings.all() if m.kind is MeetingKind.EXECUTIVE and m.date == day
    )


def test_the_executive_of_16_july_saw_four_open_none_beyond_its_time_limit(story: Store) -> None:
    day = dt.date(2026, 7, 16)
    counts = story.escalations.open_on(day)
    assert [(c.label, c.count) for c in counts] == [("Stage 2", 2), ("Stage 3", 1), ("Stage 4", 1)]
    held = open_on(story, day)
    assert sorted(s.stage for _, s in held) == [2, 2, 3, 4]
    assert all(s.due >= day for _, s in held), "none beyond its time limit"
    agencies = {a.id: a for a in story.directory.agencies()}
    by_stage = {s.stage: e for e, s in held if s.stage != 2}
    # Two at stage 2: the thresholds for strategy discussions, at the front door.
    for escalation in (e for e, s in held if s.stage == 2):
        assert escalation.category is EscalationCategory.THRESHOLDS
        assert "strategy discussion" in escalation.decision_disputed
        assert agencies[escalation.raised_with_agency_id].kind is AgencyKind.LOCAL_AUTHORITY
    # Stage 3: information sharing between health and children's social care.
    sharing = by_stage[3]
    assert sharing.category is EscalationCategory.INFORMATION_SHARING
    kinds = {
        agencies[sharing.raised_by_agency_id].kind,
        agencies[sharing.raised_with_agency_id].kind,
    }
    assert kinds == {AgencyKind.HEALTH, AgencyKind.LOCAL_AUTHORITY}
    # Stage 4: the front door threshold, moved there at the meeting, HA reviewing it.
    scrutiny = by_stage[4]
    assert scrutiny.category is EscalationCategory.THRESHOLDS
    meeting = executive(story, day)
    [move] = story.escalations.moves(meeting.id or 0)
    assert move.escalation.reference == scrutiny.reference == "ESC-2026-01"
    assert move.what == "Escalated to stage 4 (Partnership executive)"
    stage4 = story.escalations.stages(scrutiny.id or 0)[-1]
    chair = next(p for p in story.directory.people() if p.initials == "HA")
    assert stage4.meeting_id == meeting.id and stage4.holder_id == chair.id
    assert stage4.due == dt.date(2026, 8, 5)  # 14 working days
    front_door = [e for e, _ in held if e.category is EscalationCategory.THRESHOLDS]
    assert len(front_door) == 3, "three of the four concern the front door threshold"


def test_the_executive_of_19_november_saw_three_open_and_five_resolved(story: Store) -> None:
    day = dt.date(2026, 11, 19)
    counts = story.escalations.open_on(day)
    assert [(c.label, c.count) for c in counts] == [("Stage 2", 1), ("Stage 3", 2)]
    assert all(s.due >= day for _, s in open_on(story, day)), "none beyond its time limit"
    held = {e.reference for e, _ in open_on(story, day)}
    assert held == {"ESC-2026-10", "ESC-2026-11", "ESC-2026-12"}
    september = dt.date(2026, 9, 17)
    resolved = [
        e
        for e in story.escalations.page(EscalationQuery(state="resolved"), limit=100)
        if e.closed_on is not None and september < e.closed_on <= day
    ]
    assert len(resolved) == 5
    assert sorted(e.stage for e in resolved) == [1, 2, 2, 2, 3], "four at stage 2 or below"
    assert not [
        e
        for e in story.escalations.page(EscalationQuery(state="closed"), limit=100)
        if e.closed_on is not None and september < e.closed_on <= day
    ], "nothing closed unresolved between the two meetings"


def test_the_escalations_on_the_sample_today(story: Store) -> None:
    today = story.clock().date()
    assert today == dt.date(2026, 11, 27)
    escalations = {e.reference: e for e in all_escalations(story)}
    assert sorted(escalations) == [f"ESC-2026-{n:02d}" for n in range(1, 15)]
    # Open at stages 1 and 2, one of them past its time limit.
    still_open = story.escalations.page()
    assert {e.stage for e in still_open} == {1, 2}
    overdue = [e for e in still_open if story.escalations.overdue(e)]
    assert [e.reference for e in overdue] == ["ESC-2026-12"]
    assert still_open[0].reference == "ESC-2026-12", "the overdue first"
    assert overdue[0].stage == 2 and overdue[0].stage_due == dt.date(2026, 11, 20)
    assert story.escalations.count(EscalationQuery(overdue=True)) == 1
    figures = story.escalations.figures()
    assert (figures.open, figures.overdue, figures.urgent_open) == (3, 1, 0)
    assert [(c.label, c.count) for c in figures.open_by_stage] == [("Stage 1", 1), ("Stage 2", 2)]
    assert [(c.label, c.count) for c in figures.resolved_by_stage] == [
        ("Stage 1", 1),
        ("Stage 2", 5),
        ("Stage 3", 3),
        ("Stage 4", 1),
    ]
    assert (figures.resolved, figures.closed, figures.to_executive) == (10, 1, 1)
    assert ("Front door thresholds", 3) in [(c.label, c.count) for c in figures.themes]
    # The urgent route: raised, escalated and resolved within the day, each stage
    # due 24 hours after the moment it began.
    urgent = escalations["ESC-2026-08"]
    assert urgent.urgent and urgent.status is EscalationStatus.RESOLVED
    assert urgent.closed_on == urgent.raised_on == dt.date(2026, 10, 14)
    assert urgent.days_open == 0
    stages = story.escalations.stages(urgent.id or 0)
    assert [s.stage for s in stages] == [1, 2]
    for stage in stages:
        assert stage.entered_at is not None and stage.due_at is not None
        assert stage.due_at - stage.entered_at == dt.timedelta(hours=24)
    assert [s.entered_at.hour for s in stages if s.entered_at] == [9, 11]
    # Resolved at stage 3 (senior managers); closed unresolved, to the executive.
    assert escalations["ESC-2026-10"].status is EscalationStatus.RESOLVED
    assert escalations["ESC-2026-10"].stage == 3
    referred = escalations["ESC-2026-11"]
    assert referred.status is EscalationStatus.CLOSED and referred.stage == 3
    assert referred.referred_to is Referral.EXECUTIVE
    assert referred.closed_on == dt.date(2026, 11, 24)
    # A stage's due date is in working days: stage 1 of ESC-2026-05, raised on Friday
    # 28 August 2026, ran over the summer bank holiday (Monday 31 August).
    first = story.escalations.stages(escalations["ESC-2026-05"].id or 0)[0]
    assert first.due == dt.date(2026, 9, 7)
    # Each is about a child on the register, but two (an address, an unborn baby).
    assert len([e for e in escalations.values() if e.child_id is None]) == 2


def test_every_executive_has_the_escalations_item(story: Store) -> None:
    """Open escalations are a standing item for the executive (domain.md): each
    one held with escalations to report, and the one planned for January."""
    for day in (dt.date(2026, 7, 16), dt.date(2026, 11, 19), dt.date(2027, 1, 14)):
        items = story.agenda.items(executive(story, day).id or 0)
        assert [i.kind for i in items].count(ItemKind.ESCALATIONS) == 1, day
