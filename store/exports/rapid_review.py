"""A rapid review's record in the template's shape, and the list of reviews with
the figures a chair reports, as Markdown for circulation. Built with ``Builder``
(redaction, then escaping): the child appears by pseudonym only; written only by
``store.exports.writer``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.domain.kinds import LCSPR_CRITERIA, AttendanceStatus
from store.exports.builder import Builder, day

if TYPE_CHECKING:
    import datetime as dt

    from store import Store
    from store.domain.models.reviews import RapidReview
    from store.reviews import ReviewQuery

STATE_WORDS = {
    "done_on_time": "Done on time",
    "done_late": "Done late",
    "done_early": "Done (early)",
    "due": "Due",
    "overdue": "Overdue",
    "not_recorded": "Not recorded",
}


def _date(value: dt.date | None) -> str:
    return day(value) if value else "Not recorded"


def review_markdown(store: Store, review_id: int, *, redact: bool = True) -> str:
    """The record of one rapid review, ready to circulate (to the Panel, the partners)."""
    x = Builder(store, redact=redact)
    reviews = store.reviews
    review = reviews.get(review_id)
    child = x.f(_pseudonym(store, review)) or "Not recorded"
    body = [f"# Rapid review {x.f(review.reference)}: {child}"]

    rows = [
        ["Child", child],
        ["Death or serious harm", x.f(review.harm.label)],
        ["Age", x.f(review.age) or "Not recorded"],
        ["Sex", x.f(review.sex) or "Not recorded"],
        ["Ethnicity", x.f(review.ethnicity) or "Not recorded"],
        ["Disability", x.f(review.disability) or "Not recorded"],
        ["Legal status", x.f(review.legal_status.label) if review.legal_status else "Not recorded"],
        ["Siblings", x.f(review.siblings) or "Not recorded"],
        ["Date of the incident", x.f(_date(review.incident_on))],
        ["Local authority aware", x.f(_date(review.la_aware_on))],
        ["Notification sent", x.f(_date(review.notified_on))],
        ["Notification reference", x.f(review.notification_ref) or "Not recorded"],
    ]
    body.append("## Case details\n\n" + md.table(["Detail", "Value"], rows))

    clock = reviews.clock(review)
    timeline = [
        [
            x.f(status.milestone.label),
            x.f(day(status.due)),
            x.f(_date(status.done) if status.done else ""),
            x.f(STATE_WORDS.get(status.state.value, status.state.value)),
        ]
        for status in clock.statuses
    ]
    body.append(
        "## Timeline\n\n"
        + x.f(clock.summary)
        + "\n\n"
        + md.table(["Milestone", "Due", "Done", "State"], timeline)
        + (f"\n\nWhy it was late: {x.f(review.late_reason)}" if review.late_reason else "")
    )

    agencies = []
    for involvement in reviews.agencies(review_id):
        agency = x.agencies.get(involvement.agency_id)
        agencies.append(
            [
                x.f(agency.name if agency else ""),
                "Yes" if involvement.involved else "No",
                x.f(_date(involvement.return_due) if involvement.return_due else ""),
                x.f(_date(involvement.return_in) if involvement.return_in else "Not in"),
                x.f(involvement.summary),
            ]
        )
    body.append(
        "## Agency involvement\n\n"
        + (
            md.table(["Agency", "Involved", "Return due", "Return in", "Summary"], agencies)
            if agencies
            else "No agencies recorded."
        )
    )
    body.append(_participants(x, store, review))
    for title, text in (
        ("Background", review.background),
        ("Key practice episodes", review.practice_episodes),
        ("Good practice", review.good_practice),
        ("Learning: local", review.learning_local),
        ("Learning: national", review.learning_national),
        ("Racism, inequality and disability", review.inequality),
    ):
        body.append(f"## {title}\n\n" + (x.m(text) if text.strip() else "Not recorded."))

    processes = [
        [x.f(p.kind.label), x.f(p.status) or "Not recorded"] for p in reviews.processes(review_id)
    ]
    body.append(
        "## Parallel processes\n\n"
        + (md.table(["Process", "Status"], processes) if processes else "None recorded.")
    )
    actions = []
    for action in reviews.immediate_actions(review_id):
        owner = x.people.get(action.owner_id)
        agency = x.agencies.get(action.agency_id)
        actions.append(
            [
                x.f(action.reference),
                x.f(action.description),
                x.f(owner.name if owner else ""),
                x.f(agency.short_name if agency else ""),
                x.f(day(action.due) if action.due else "No date"),
                x.f(action.status.label),
            ]
        )
    body.append(
        "## Immediate actions\n\n"
        + (
            md.table(["Ref", "Action", "Owner", "Agency", "Due", "Status"], actions)
            if actions
            else "None."
        )
    )
    body.append(_decision(x, review))
    signoffs = []
    for signoff in reviews.signoffs(review_id):
        agency = x.agencies.get(signoff.agency_id)
        signoffs.append(
            [
                x.f(agency.name if agency else ""),
                x.person(signoff.person_id) or "Not recorded",
                x.f(day(signoff.signed_on)),
            ]
        )
    body.append(
        "## Sign-off by the safeguarding partners\n\n"
        + (md.table(["Partner", "Name", "Date"], signoffs) if signoffs else "Not yet signed off.")
    )
    panel = [
        ["Sent to the Panel", x.f(_date(review.sent_to_panel_on))],
        [
            "The Panel's response",
            x.f(review.panel_response.label) if review.panel_response else "Awaited",
        ],
        ["Date of the response", x.f(_date(review.panel_response_on))],
    ]
    body.append("## The national Panel\n\n" + md.table(["", ""], panel))
    if review.lcspr:
        lcspr = [
            ["Started", x.f(_date(review.lcspr_started_on))],
            ["Reviewer", x.f(review.lcspr_reviewer) or "Not recorded"],
            ["Publish by", x.f(_date(review.lcspr_due))],
        ]
        body.append("## The LCSPR\n\n" + md.table(["", ""], lcspr))
    return x.wrap(body)


def _pseudonym(store: Store, review: RapidReview) -> str:
    if review.child_id is None:
        return ""
    child = next((p for p in store.register.all() if p.id == review.child_id), None)
    return child.pseudonym if child else ""


def _participants(x: Builder, store: Store, review: RapidReview) -> str:
    """Who took part: the rapid review meeting's attendance."""
    if review.meeting_id is None:
        return "## Participants\n\nNo rapid review meeting is linked yet."
    meeting = store.meetings.get(review.meeting_id)
    rows = []
    for record in store.attendance.of(review.meeting_id):
        who = record.deputy_id if record.status is AttendanceStatus.APOLOGIES else record.person_id
        if record.status is AttendanceStatus.APOLOGIES and record.deputy_id is None:
            continue
        if record.status in (AttendanceStatus.ABSENT, AttendanceStatus.INVITED):
            continue
        person = x.people.get(who)
        agency = x.agency(person)
        rows.append(
            [
                x.person(who),
                x.f(person.job_title if person else ""),
                x.f(agency.name if agency else ""),
            ]
        )
    heading = f"## Participants\n\nThe rapid review meeting, {x.f(day(meeting.date))}."
    if not rows:
        return heading + "\n\nNo attendance recorded."
    return heading + "\n\n" + md.table(["Name", "Job role", "Agency"], rows)


def _decision(x: Builder, review: RapidReview) -> str:
    if review.lcspr is None:
        return "## Decision\n\nNot yet made."
    lines = [
        "An LCSPR will be held." if review.lcspr else "An LCSPR is not recommended.",
    ]
    letters = [c for c in review.criteria.split(",") if c]
    if letters:
        lines.append(
            "Criteria that apply:\n\n"
            + "\n".join(f"- ({c}) {x.f(LCSPR_CRITERIA[c])}" for c in letters if c in LCSPR_CRITERIA)
        )
    lines.append("Rationale: " + (x.f(review.rationale) or "Not recorded."))
    if review.other_learning:
        lines.append("Instead: " + x.f(review.other_learning))
    lines.append(
        "The Panel is asked to consider a national review."
        if review.national_review
        else "A national review is not requested."
    )
    return "## Decision\n\n" + "\n\n".join(lines)


def reviews_markdown(store: Store, query: ReviewQuery | None = None, *, redact: bool = True) -> str:
    """The list of rapid reviews with each one's state, and the figures."""
    from store.reviews import ReviewFigures, ReviewQuery

    x = Builder(store, redact=redact)
    today = store.clock().date()
    query = query or ReviewQuery()
    figures = store.reviews.figures(today=today)
    lines = [
        f"# Rapid reviews: {x.f(x.settings.partnership_name)}",
        x.f(f"As at {day(today)}."),
    ]
    summary = [
        [
            x.f(f"Completed within 15 working days, {figures.year}"),
            x.f(
                f"{ReviewFigures.share(figures.on_time_year, figures.completed_year)} "
                f"({figures.on_time_year} of {figures.completed_year})"
            ),
        ],
        [
            "Completed within 15 working days, all time",
            x.f(
                f"{ReviewFigures.share(figures.on_time_all, figures.completed_all)} "
                f"({figures.on_time_all} of {figures.completed_all})"
            ),
        ],
        [
            "Median working days taken",
            x.f(f"{figures.median_days:g}" if figures.median_days is not None else "None yet"),
        ],
        ["Open", x.f(f"{figures.open} ({figures.overdue} past the 15 working days)")],
        [
            "Median days for the Panel's response",
            x.f(
                f"{figures.median_panel_days:g} ({figures.panel_responses} responses)"
                if figures.median_panel_days is not None
                else "None yet"
            ),
        ],
    ]
    lines.append("## Figures\n\n" + md.table(["Figure", "Value"], summary))
    rows = []
    listed = store.reviews.page(query, 0, store.reviews.count(query))
    for review, clock in zip(listed, store.reviews.clocks(listed, today), strict=True):
        if review.sent_to_panel_on is not None:
            state = f"Sent {day(review.sent_to_panel_on)}, {review.days_taken} working days"
        else:
            state = f"Day {clock.day} of {clock.of}"
        state += f" ({clock.standing.value})"
        nxt = clock.next
        rows.append(
            [
                x.f(review.reference),
                x.f(_pseudonym(store, review)),
                x.f(day(review.notified_on)),
                x.f(state),
                x.f(f"{nxt.milestone.label}, {day(nxt.due)}" if nxt else ""),
                x.f(review.panel_response.label if review.panel_response else ""),
            ]
        )
    lines.append(
        "## Reviews\n\n"
        + (
            md.table(["Ref", "Child", "Notified", "State", "Next", "Panel"], rows)
            if rows
            else "None."
        )
    )
    return x.wrap(lines)
