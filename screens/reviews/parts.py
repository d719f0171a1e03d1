"""The parts of a rapid review's record as its screen shows them: the case,
the milestones, the decision, the sign-off, the Panel, the parallel processes,
the immediate actions, the participants and the written sections. Each is built
from the store through the screen (a ``ReviewView``), its user text shown as the
screen shows it (pseudonyms, unless the chair has asked for the names)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from screens.reviews.common import day_text, milestone_state, milestone_tone, toned
from store.domain.errors import StoreError
from store.domain.kinds import LCSPR_CRITERIA, AttendanceStatus

if TYPE_CHECKING:
    from textual.app import App

    from store import Store
    from store.domain.models.directory import Person
    from store.domain.models.reviews import RapidReview
    from store.domain.review_clock import MilestoneStatus, ReviewClock


class ReviewView(Protocol):
    """What the parts read from the review's screen."""

    review_id: int
    people: dict[int, Person]
    agency_names: dict[int, str]

    @property
    def store(self) -> Store: ...

    @property
    def app(self) -> App[Any]: ...

    @property
    def narrow(self) -> bool: ...

    def shown(self, text: str | None) -> str: ...


def case(view: ReviewView, review: RapidReview) -> Text:
    rows: list[tuple[str, str]] = [
        ("Notified", day_text(review.notified_on) + _ref(review.notification_ref)),
    ]
    if review.referral_on:
        rows.append(("Referral", day_text(review.referral_on)))
    if review.la_aware_on:
        rows.append(("LA aware", day_text(review.la_aware_on)))
    if review.incident_on:
        rows.append(("Incident", day_text(review.incident_on)))
    rows.append(
        (
            "Template",
            day_text(review.template_sent_on)
            if review.template_sent_on
            else "not sent yet (e records it)",
        )
    )
    details = [
        review.age,
        review.sex,
        review.ethnicity,
        review.disability,
        review.legal_status.label if review.legal_status else None,
    ]
    known = " · ".join(view.shown(d) for d in details if d)
    if known:
        rows.append(("Child", known))
    if review.siblings:
        rows.append(("Siblings", view.shown(review.siblings)))
    linked = meeting(view, review)
    rows.append(("Meeting", linked or "none yet (M links or plans the rapid review meeting)"))
    text = Text()
    for label, value in rows:
        text.append(f"{label:<10}", style="bold")
        text.append(f"{value}\n")
    text.rstrip()
    return text


def meeting(view: ReviewView, review: RapidReview) -> str:
    if review.meeting_id is None:
        return ""
    try:
        meeting = view.store.meetings.get(review.meeting_id)
    except StoreError:
        return ""
    title = view.shown(meeting.title)
    return f"{day_text(meeting.date)}  {title} ({meeting.status.label.lower()})"


def milestones(view: ReviewView, clock: ReviewClock) -> Table:
    narrow = view.narrow
    table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Milestone", ratio=3)
    table.add_column("Due", no_wrap=True)
    table.add_column("Done", no_wrap=True)
    table.add_column("State", ratio=2 if narrow else None, no_wrap=not narrow)
    for status in clock.statuses:
        table.add_row(
            Text(status.milestone.label),
            Text(_due(status, narrow)),
            Text(short_date(status.done, narrow) if status.done else "—"),
            toned(view.app, milestone_state(status), milestone_tone(status)),
        )
    return table


def decision(view: ReviewView, review: RapidReview) -> Text:
    text = Text()
    text.append("LCSPR: ", style="bold")
    if review.lcspr is None:
        text.append("not decided yet", style="italic")
    else:
        text.append("yes" if review.lcspr else "no")
    if review.criteria:
        text.append("\nCriteria: ", style="bold")
        letters = review.criteria.split(",")
        text.append("; ".join(f"({c}) {LCSPR_CRITERIA.get(c, '')}" for c in letters))
    text.append("\nRationale: ", style="bold")
    if review.rationale:
        text.append(view.shown(review.rationale))
    else:
        text.append("not written yet", style="italic")
    if review.other_learning:
        text.append("\nOther learning: ", style="bold")
        text.append(view.shown(review.other_learning))
    text.append("\nNational review: ", style="bold")
    text.append("the Panel is asked to consider one" if review.national_review else "not asked")
    if review.lcspr_started_on:
        text.append("\nLCSPR: ", style="bold")
        text.append(f"started {day_text(review.lcspr_started_on)}")
        if review.lcspr_due:
            text.append(f", to be published by {day_text(review.lcspr_due)}")
        if review.lcspr_reviewer:
            text.append(f"; reviewer {review.lcspr_reviewer}")
    return text


def signoffs(view: ReviewView) -> Text:
    store = view.store
    signed = {s.agency_id: s for s in store.reviews.signoffs(view.review_id)}
    partners = store.reviews.partners()
    text = Text()
    for agency in partners:
        signoff = signed.get(agency.id or 0)
        text.append(f"{agency.short_name}: ", style="bold")
        if signoff is None:
            text.append("not signed off yet\n", style="italic")
            continue
        person = view.people.get(signoff.person_id or 0)
        who = person.name if person else "name not recorded"
        text.append(f"{who}, {day_text(signoff.signed_on)}\n")
    text.rstrip()
    return text


def panel(view: ReviewView, review: RapidReview) -> Text:
    text = Text()
    if review.sent_to_panel_on is None:
        text.append("Not sent yet: p checks what is missing, then sends it.", style="italic")
        return text
    text.append("Sent: ", style="bold")
    text.append(day_text(review.sent_to_panel_on))
    if review.days_taken is not None:
        text.append(f", after {review.days_taken} working days")
    text.append("\nResponse: ", style="bold")
    if review.panel_response is None:
        text.append("awaited (P records it)", style="italic")
    else:
        text.append(review.panel_response.label)
        if review.panel_response_on:
            days = (review.panel_response_on - review.sent_to_panel_on).days
            text.append(f", {day_text(review.panel_response_on)} ({days} days after)")
    if review.late_reason:
        text.append("\nWhy late: ", style="bold")
        text.append(view.shown(review.late_reason))
    return text


def processes(view: ReviewView) -> Text:
    processes = view.store.reviews.processes(view.review_id)
    if not processes:
        return Text("None recorded.", style="dim")
    text = Text()
    for process in processes:
        text.append(f"{process.kind.label}: ", style="bold")
        text.append(f"{view.shown(process.status) or 'no status given'}\n")
    text.rstrip()
    return text


def actions(view: ReviewView) -> Text:
    actions = view.store.reviews.immediate_actions(view.review_id)
    if not actions:
        return Text("None raised.", style="dim")
    text = Text()
    for action in actions:
        owner = view.people.get(action.owner_id or 0)
        text.append(f"{action.reference} ", style="bold")
        text.append(view.shown(action.description))
        parts = [
            owner.name if owner else "no owner",
            view.agency_names.get(action.agency_id or 0, ""),
        ]
        if action.due:
            parts.append(f"due {short_date(action.due, True)}")
        parts.append(action.status.label.lower())
        text.append(f" ({', '.join(p for p in parts if p)})\n", style="dim")
    text.rstrip()
    return text


def participants(view: ReviewView, review: RapidReview) -> Text:
    if review.meeting_id is None:
        return Text("No meeting linked.", style="dim")
    rows = []
    for entry in view.store.attendance.of(review.meeting_id):
        if entry.status is not AttendanceStatus.PRESENT:
            continue
        person = view.people.get(entry.person_id)
        if person is None:
            continue
        agency = view.agency_names.get(person.agency_id or 0, "")
        rows.append(", ".join(x for x in (person.name, person.job_title, agency) if x))
    if not rows:
        return Text("No one marked present yet.", style="dim")
    return Text("\n".join(rows))


def sections(view: ReviewView, review: RapidReview) -> RenderableType:
    from screens.reviews.sections import SECTIONS

    parts: list[RenderableType] = []
    for name, label in list(SECTIONS.items())[:6]:
        value = str(getattr(review, name) or "")
        parts.append(Text(label, style="bold"))
        if value.strip():
            parts.append(Text(view.shown(value) + "\n"))
        else:
            parts.append(Text("not written yet\n", style="dim italic"))
    return Group(*parts)


def _ref(reference: str | None) -> str:
    return f" (ref. {reference})" if reference else ""


def short_date(day: dt.date | None, narrow: bool) -> str:
    if day is None:
        return ""
    return f"{day:%d %b}" if narrow else day_text(day)


def _due(status: MilestoneStatus, narrow: bool) -> str:
    if status.earliest is None:
        return short_date(status.due, narrow)
    if narrow:
        return f"{status.earliest:%d %b} to {status.due:%d %b}"
    return (
        f"{status.earliest:%a} {status.earliest.day} {status.earliest:%b} to {day_text(status.due)}"
    )
