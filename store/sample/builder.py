"""Build sample.db, the fictional Kestrel Vale partnership, from partnership.toml.

Everything goes through the Store's public methods (so the sample is validated
and audited like real data) under a fixed clock, so two builds hold the same data.
The clock is set to the day each thing happened (a meeting, an action's update), and
the story is told in that order: each meeting is closed (its facts kept) before the
next of its series is held, where its minutes are agreed. So the record carries the
dates the story gives, and each meeting's minutes show what was true at it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store import Store
from store.domain.kinds import ItemKind, MeetingStatus
from store.sample.load import DATA, TODAY, Sample, load

if TYPE_CHECKING:
    from store.domain.fields import ActionChanges
    from store.domain.models import AgendaItem
    from store.sample.load import Escalation as EscalationSpec
    from store.sample.load import EscalationMove, ReviewAgency, ReviewProcess, SignOff
    from store.sample.load import Meeting as MeetingSpec
    from store.sample.load import Review as ReviewSpec
    from store.sample.load import Update as UpdateSpec

BUILD_TIME = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
BUILDER = "sample builder"
# The stable ids (UUIDs) of the records that have one are numbered in this namespace.
UIDS = uuid.UUID("6b2f3c1e-9d4a-5e7b-8c0f-4a1d2e3b5c6d")

Ids = dict[str, int]
# Something that happened on a day: (day, 0 for an action's update, 1 for a
# rapid review's step or 2 for an escalation's, its place in the file, what to do).
Step = tuple[dt.date, int, int, Callable[[], None]]
UPDATE, REVIEW, ESCALATION = 0, 1, 2


def build_sample(path: str | os.PathLike[str], source: str | os.PathLike[str] = DATA) -> Path:
    """Write a new sample database at ``path`` (replacing any file there) from
    ``source`` (partnership.toml beside this module)."""
    sample = load(source)
    target = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    made = itertools.count(1)
    store = Store.open(
        target,
        clock=lambda: BUILD_TIME,
        who=BUILDER,
        # Stable ids from a count, as the fixed clock gives the times: two
        # builds hold the same data.
        uids=lambda: str(uuid.uuid5(UIDS, str(next(made)))),
    )
    try:
        _fill(store, sample)
        # The search index as the app keeps it, so opening the sample writes nothing.
        store.search.catch_up()
    finally:
        store.close()
    return target


def _fill(store: Store, sample: Sample) -> None:
    """The story in the order it happened: each meeting held in turn, with what
    was declared, raised, updated and decided at it, then closed (its facts kept,
    as closing a meeting keeps them) before the next is held, where the minutes of
    the one before are agreed; each update on its own day, between meetings or at
    one; each rapid review's steps on their days (notified, template sent, returns,
    decided, signed off, sent to the Panel, its response), its meeting linked when
    held and its immediate actions raised there; each escalation raised, moved on,
    resolved or closed on its day (at its meeting, where one is given); the planned
    meetings as they come in the file."""
    agency_ids, person_ids = _directory(store, sample)
    child_ids = _register(store, sample)
    meeting_ids: Ids = {}
    action_ids: Ids = {}
    review_ids: Ids = {}
    held_on = {m.date: m.key for m in reversed(sample.meetings) if m.status is MeetingStatus.CLOSED}

    def action_update(reference: str, update: UpdateSpec) -> Callable[[], None]:
        def run() -> None:
            # A change made on a meeting's day was made at that meeting.
            held = held_on.get(update.on)
            _update(store, action_ids[reference], update, meeting_ids[held] if held else None)

        return run

    # Everything done between (or at) meetings, by the day it was done (in the
    # file's order within a day: the actions' updates, then the reviews' steps,
    # then the escalations').
    pending: list[Step] = sorted(
        [
            *(
                (u.on, UPDATE, n, action_update(a.reference, u))
                for n, a in enumerate(sample.actions)
                for u in a.updates
            ),
            *_review_steps(store, sample, agency_ids, person_ids, child_ids, review_ids),
            *_escalation_steps(store, sample, agency_ids, person_ids, child_ids, meeting_ids),
        ],
        key=lambda step: step[:3],
    )

    def named(step: Step) -> str:
        _, kind, n, _ = step
        if kind == UPDATE:
            return sample.actions[n].reference
        if kind == REVIEW:
            return sample.reviews[n].reference
        return sample.escalations[n].reference

    def update_until(last: dt.date) -> None:
        while pending and pending[0][0] <= last:
            on, _, _, run = pending.pop(0)
            store.clock = _at(on)
            run()

    immediate = {
        reference: review.reference
        for review in sample.reviews
        for reference in review.immediate_actions
    }
    for spec in sample.meetings:
        closed = spec.status is MeetingStatus.CLOSED
        if closed:
            update_until(spec.date - dt.timedelta(days=1))
            store.clock = _at(spec.date)
        else:
            store.clock = lambda: BUILD_TIME
        meeting_id = _meeting(store, spec, person_ids)
        meeting_ids[spec.key] = meeting_id
        if not closed:
            continue
        # The rapid review this meeting is held for: its participants and clock.
        for review in (r for r in sample.reviews if r.meeting == spec.key):
            store.reviews.update(review_ids[review.reference], meeting_id=meeting_id)
        _agree_previous(store, spec, meeting_id)
        for declaration in (d for d in sample.declarations if d.meeting == spec.key):
            store.attendance.declare(
                meeting_id,
                person_ids[declaration.person],
                _item(store, meeting_id, declaration.item).id,
                declaration.nature,
                left_room=declaration.left_room,
            )
        for action in (a for a in sample.actions if a.meeting == spec.key):
            item_id = _item(store, meeting_id, action.item).id
            owner_id = person_ids[action.owner]
            if action.reference in immediate:
                # One of the review's immediate actions, on the action log.
                added = store.reviews.add_immediate_action(
                    review_ids[immediate[action.reference]],
                    action.description,
                    owner_id=owner_id,
                    due=action.due,
                    item_id=item_id,
                )
            else:
                added = store.actions.add(
                    action.description,
                    owner_id=owner_id,
                    due=action.due,
                    meeting_id=meeting_id,
                    item_id=item_id,
                )
            _same_reference(added.reference, action.reference)
            action_ids[action.reference] = added.id or 0
        update_until(spec.date)
        store.clock = _at(spec.date)
        for decision in (d for d in sample.decisions if d.meeting == spec.key):
            made = store.decisions.add(
                meeting_id,
                _item(store, meeting_id, decision.item).id,
                decision.text,
                rationale=decision.rationale,
                decided_by=decision.decided_by,
            )
            _same_reference(made.reference, decision.reference)
        # The meeting closes (recorded as closing, as store.live.end does): what was
        # true at it is kept with it, and what is changed afterwards is a correction.
        store.meetings.update(meeting_id, status=MeetingStatus.CLOSED)
        store.record.freeze(meeting_id)
        # Sentences added to the minutes after the meeting: audited corrections.
        for typed in (t for t in sample.typed_minutes if t.meeting == spec.key):
            item = _item(store, meeting_id, typed.item)
            store.live.save_minutes(item.id or 0, f"{item.minutes}\n\n{typed.text}")
    update_until(BUILD_TIME.date())
    late = [step for step in pending if step[1] == UPDATE]
    if late:
        raise ValueError(f"{named(late[0])} is updated after the build time")
    # A rapid review notified, an escalation raised or moved on since the build:
    # their days up to the sample's today.
    update_until(TODAY)
    if pending:
        raise ValueError(f"{named(pending[0])} has a step after {TODAY}")
    store.clock = lambda: BUILD_TIME


def _review_steps(
    store: Store,
    sample: Sample,
    agency_ids: Ids,
    person_ids: Ids,
    child_ids: Ids,
    review_ids: Ids,
) -> list[Step]:
    """Each rapid review's steps on their days, through the store's public methods:
    created from its notification (the partners listed as involved), the template
    sent to the other agencies, each return, each parallel process, the decision
    (at its meeting or on its day), each sign-off, sending it to the Panel (with the
    reason it is late), the Panel's response, the LCSPR's start."""
    meetings = {m.key: m for m in sample.meetings}
    steps: list[Step] = []
    for n, review in enumerate(sample.reviews):

        def at(day: dt.date, run: Callable[[], None], n: int = n) -> None:
            steps.append((day, REVIEW, n, run))

        def rid(review: ReviewSpec = review) -> int:
            return review_ids[review.reference]

        def create(review: ReviewSpec = review) -> None:
            made = store.reviews.create(
                notified_on=review.notified_on,
                child_id=child_ids[review.child],
                harm=review.harm,
                age=review.age,
                sex=review.sex,
                ethnicity=review.ethnicity,
                disability=review.disability,
                legal_status=review.legal_status,
                siblings=review.siblings,
                incident_on=review.incident_on,
                la_aware_on=review.la_aware_on,
                notification_ref=review.notification_ref,
                background=review.background,
            )
            _same_reference(made.reference, review.reference)
            review_ids[review.reference] = made.id or 0

        at(review.notified_on, create)
        if review.template_sent_on is not None:

            def template(review: ReviewSpec = review) -> None:
                store.reviews.update(rid(review), template_sent_on=review.template_sent_on)
                for agency in review.agencies:
                    store.reviews.set_agency(
                        rid(review), agency_ids[agency.agency], involved=agency.involved
                    )

            at(review.template_sent_on, template)
        for agency in review.agencies:
            if agency.return_in is None:
                continue

            def returned(review: ReviewSpec = review, agency: ReviewAgency = agency) -> None:
                store.reviews.set_agency(
                    rid(review),
                    agency_ids[agency.agency],
                    return_in=agency.return_in,
                    summary=agency.summary,
                )

            at(agency.return_in, returned)
        for process in review.processes:

            def recorded(review: ReviewSpec = review, process: ReviewProcess = process) -> None:
                store.reviews.set_process(rid(review), process.kind, process.status)

            at(process.on, recorded)
        decided = review.decision_day(meetings)
        if decided is not None:

            def decide(review: ReviewSpec = review) -> None:
                store.reviews.update(
                    rid(review),
                    **review.findings,
                    lcspr=review.lcspr,
                    criteria=review.criteria,
                    rationale=review.rationale,
                    other_learning=review.other_learning,
                    national_review=review.national_review,
                )

            at(decided, decide)
        for signoff in review.signoffs:

            def signed(review: ReviewSpec = review, signoff: SignOff = signoff) -> None:
                store.reviews.sign_off(
                    rid(review),
                    agency_ids[signoff.agency],
                    person_ids[signoff.person],
                    signoff.on,
                )

            at(signoff.on, signed)
        if review.sent_to_panel_on is not None:

            def send(review: ReviewSpec = review) -> None:
                if review.late_reason:
                    store.reviews.update(rid(review), late_reason=review.late_reason)
                assert review.sent_to_panel_on is not None
                store.reviews.send_to_panel(rid(review), review.sent_to_panel_on)

            at(review.sent_to_panel_on, send)
        if review.panel_response is not None and review.panel_response_on is not None:

            def respond(review: ReviewSpec = review) -> None:
                assert review.panel_response is not None and review.panel_response_on
                store.reviews.record_panel_response(
                    rid(review), review.panel_response, review.panel_response_on
                )

            at(review.panel_response_on, respond)
        if review.lcspr_started_on is not None:

            def started(review: ReviewSpec = review) -> None:
                store.reviews.update(
                    rid(review),
                    lcspr_started_on=review.lcspr_started_on,
                    lcspr_reviewer=review.lcspr_reviewer,
                )

            at(review.lcspr_started_on, started)
    return steps


def _escalation_steps(
    store: Store,
    sample: Sample,
    agency_ids: Ids,
    person_ids: Ids,
    child_ids: Ids,
    meeting_ids: Ids,
) -> list[Step]:
    """Each escalation's steps on their days, through the store's public methods:
    raised at stage 1, each move on to the next stage, then resolved or closed
    unresolved; at its meeting where the file names one (held by then: a step on
    a meeting's day runs after the meeting is added), and on the urgent route at
    its moment (the clock is set to it, so what is recorded says when)."""
    escalation_ids: Ids = {}
    steps: list[Step] = []

    def person(key: str | None) -> int | None:
        return person_ids[key] if key else None

    def meeting(key: str | None) -> int | None:
        return meeting_ids[key] if key else None

    for n, escalation in enumerate(sample.escalations):

        def raised(escalation: EscalationSpec = escalation) -> None:
            if escalation.raised_at is not None:
                store.clock = _moment(escalation.raised_at)
            made = store.escalations.add(
                raised_on=escalation.raised_on,
                raised_at=escalation.raised_at,
                raised_by_agency_id=agency_ids[escalation.raised_by_agency],
                raised_with_agency_id=agency_ids[escalation.raised_with_agency],
                category=escalation.category,
                urgent=escalation.urgent,
                note=escalation.note,
                meeting_id=meeting(escalation.meeting),
                child_id=child_ids[escalation.child] if escalation.child else None,
                raised_by_id=person(escalation.raised_by),
                raised_by_role=escalation.raised_by_role,
                decision_disputed=escalation.decision_disputed,
                raiser_position=escalation.raiser_position,
                other_position=escalation.other_position,
                holder_id=person(escalation.held_by),
                holder=escalation.holder,
            )
            _same_reference(made.reference, escalation.reference)
            escalation_ids[escalation.reference] = made.id or 0

        steps.append((escalation.raised_on, ESCALATION, n, raised))
        for move in escalation.moves:

            def moved(escalation: EscalationSpec = escalation, move: EscalationMove = move) -> None:
                if move.at is not None:
                    store.clock = _moment(move.at)
                escalation_id = escalation_ids[escalation.reference]
                if move.move == "escalate":
                    store.escalations.escalate(
                        escalation_id,
                        move.on,
                        at=move.at,
                        holder_id=person(move.held_by),
                        holder=move.holder,
                        note=move.note,
                        meeting_id=meeting(move.meeting),
                    )
                elif move.move == "resolve":
                    store.escalations.resolve(
                        escalation_id,
                        move.on,
                        move.outcome,
                        learning_theme=move.learning_theme,
                        meeting_id=meeting(move.meeting),
                    )
                else:
                    assert move.referred_to is not None  # the file is checked
                    store.escalations.close_unresolved(
                        escalation_id,
                        move.on,
                        move.referred_to,
                        move.outcome,
                        learning_theme=move.learning_theme,
                        meeting_id=meeting(move.meeting),
                    )

            steps.append((move.on, ESCALATION, n, moved))
    return steps


def _directory(store: Store, sample: Sample) -> tuple[Ids, Ids]:
    """The settings, agencies and people: the agencies' and people's ids by key."""
    partnership = sample.partnership
    store.settings.update(
        partnership_name=partnership.name,
        classification=partnership.classification,
        user_name=partnership.user_name,
        quorum_members=partnership.quorum_members,
    )
    agency_ids: Ids = {}
    for agency in sample.agencies:
        added = store.directory.add_agency(
            name=agency.name,
            short_name=agency.short_name,
            kind=agency.kind,
            statutory=agency.statutory,
        )
        agency_ids[agency.key] = added.id or 0
    person_ids: Ids = {}
    for person in sample.people:
        added_person = store.directory.add_person(
            name=person.name,
            initials=person.initials,
            job_title=person.job_title,
            agency_id=agency_ids[person.agency],
            email=person.email,
        )
        person_ids[person.key] = added_person.id or 0
    for agency in sample.agencies:
        if agency.lead or agency.delegated:
            store.directory.update_agency(
                agency_ids[agency.key],
                lead_partner_id=person_ids[agency.lead] if agency.lead else None,
                delegated_partner_id=person_ids[agency.delegated] if agency.delegated else None,
            )
    return agency_ids, person_ids


def _meeting(store: Store, spec: MeetingSpec, person_ids: Ids) -> int:
    def person(key: str | None) -> int | None:
        return person_ids[key] if key else None

    standing = {t.title for t in store.agenda.standard_items()}
    meeting = store.meetings.add(
        title=spec.title,
        kind=spec.kind,
        series=spec.series,
        date=spec.date,
        start_time=spec.start_time,
        location=spec.location,
        chair_id=person_ids[spec.chair],
        # A held meeting is recorded as it was held, then closed (below).
        status=MeetingStatus.PLANNED if spec.status is MeetingStatus.CLOSED else spec.status,
        quorum_members=spec.quorum_members,
        standard_agenda=False,  # the sample spells out every item itself
    )
    meeting_id = meeting.id or 0
    for item in spec.items:
        store.agenda.add(
            meeting_id,
            title=item.title,
            purpose=item.purpose,
            presenter_id=person(item.presenter),
            planned_minutes=item.planned_minutes,
            minutes=item.minutes,
            standing=item.title in standing,
        )
    for entry in spec.attendance:
        store.attendance.mark(
            meeting_id,
            person_ids[entry.person],
            entry.status,
            deputy_id=person(entry.deputy),
        )
    return meeting_id


def _agree_previous(store: Store, spec: MeetingSpec, meeting_id: int) -> None:
    """At a meeting with a "Minutes of the previous meeting" item, the minutes of
    its series' meeting before it (closed by now) are agreed, with the amendments
    the file gives, unless the file says they were not agreed."""
    said = spec.previous_minutes
    takes_them = any(i.kind is ItemKind.PREVIOUS_MINUTES for i in store.agenda.items(meeting_id))
    previous = store.record.previous(meeting_id) if takes_them else None
    if previous is None:
        if said is not None:
            raise ValueError(
                f"{spec.key}: previous_minutes is given, but the meeting agrees no earlier "
                "meeting's minutes (no previous-minutes item, or none of its series on record)"
            )
        return
    if said is not None and not said.agreed:
        return
    store.record.agree(
        previous.id or 0,
        at_meeting_id=meeting_id,
        amendments=said.amendments if said is not None else None,
    )


def _update(store: Store, action_id: int, update: UpdateSpec, meeting_id: int | None) -> None:
    changes: ActionChanges = {}
    if update.status is not None:
        changes["status"] = update.status
    if update.due is not None:
        changes["due"] = update.due
    if update.at_risk is not None:
        changes["at_risk"] = update.at_risk
    store.actions.update(action_id, update=update.note, meeting_id=meeting_id, **changes)


def _register(store: Store, sample: Sample) -> Ids:
    """The register of protected names: each entry's id by its pseudonym."""
    ids: Ids = {}
    for entry in sample.protected:
        added = store.register.add(
            pseudonym=entry.pseudonym,
            real_name=entry.real_name,
            other_names=entry.other_names,
            relation=entry.relation,
        )
        ids[entry.pseudonym] = added.id or 0
    return ids


def _same_reference(given: str | None, expected: str) -> None:
    """The minutes cite the reference the file gives; the store must agree."""
    if given != expected:
        raise ValueError(f"the store gave {given}, but partnership.toml says {expected}")


def _item(store: Store, meeting_id: int, starts: str) -> AgendaItem:
    """The meeting's first item whose title starts with ``starts``."""
    return next(i for i in store.agenda.items(meeting_id) if i.title.startswith(starts))


def _at(day: dt.date) -> Callable[[], dt.datetime]:
    return _moment(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC))


def _moment(moment: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: moment
