"""Minutes, the action log and the decisions log as Markdown for circulation.

Redaction is the default: every field and every piece of typed text goes through
``Exporter.f`` or ``Exporter.m``, which replace each registered name by its
pseudonym before escaping. These functions only build text: the one way a document
reaches a file or a screen is ``store.exports.writer``, which runs the final checks.
The same database gives byte-identical output: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from store.actions import ActionQuery
from store.domain import markdown as md
from store.domain.kinds import AgencyKind, AttendanceStatus, MeetingStatus
from store.domain.models import Action, Agency, AgendaItem, Decision, Meeting, Person
from store.domain.redact import Protected, Redactor

if TYPE_CHECKING:
    from store import Store

UNREDACTED_BANNER = (
    "**UNREDACTED COPY: it names children. Not for circulation; keep it with the record.**"
)
KIND_ORDER = {
    AgencyKind.LOCAL_AUTHORITY: 0,
    AgencyKind.HEALTH: 1,
    AgencyKind.POLICE: 2,
    AgencyKind.EDUCATION: 3,
    AgencyKind.VOLUNTARY: 4,
    AgencyKind.OTHER: 5,
}


class Exporter:
    """Builds one document; ``text`` runs user text through redaction then escaping."""

    def __init__(self, store: Store, *, redact: bool = True):
        self.store = store
        self.redact = redact
        self.redactor = Redactor(
            Protected(p.pseudonym, p.redacted_forms) for p in store.register.all()
        )
        self.settings = store.settings.get()
        self.people = {p.id: p for p in store.directory.people()}
        self.agencies = {a.id: a for a in store.directory.agencies()}

    def _r(self, text: str | None) -> str:
        if not text:
            return ""
        return self.redactor.redact(text) if self.redact else text

    def f(self, text: str | None) -> str:
        """A field: redacted, then every piece of Markdown syntax escaped."""
        return md.field(self._r(text))

    def m(self, text: str) -> str:
        """Typed minutes: redacted, simple Markdown kept."""
        return md.minutes(self._r(text))

    def person(self, person_id: int | None, *, initials: bool = False) -> str:
        person = self.people.get(person_id)
        if person is None:
            return ""
        text = f"{person.name} ({person.initials})" if initials else person.name
        return self.f(text)

    def agency(self, person: Person | None) -> Agency | None:
        return self.agencies.get(person.agency_id) if person else None

    def wrap(self, body: list[str]) -> str:
        mark = f"**{self.f(self.settings.classification)}**"
        parts = [mark]
        if not self.redact:
            parts.append(UNREDACTED_BANNER)
        parts.extend(body)
        parts.append(mark)
        # The checks are the writer's (store/exports/writer.py), on the finished text.
        return "\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def minutes_markdown(store: Store, meeting_id: int, *, redact: bool = True) -> str:
    """The minutes of one meeting, ready to circulate (redacted unless asked)."""
    x = Exporter(store, redact=redact)
    meeting = store.meetings.get(meeting_id)
    # Read once; several sections use them.
    agenda = store.agenda.items(meeting_id)
    actions = store.actions.of_meeting(meeting_id)
    body: list[str] = [f"# {x.f(meeting.title)}"]
    body.append(_details(x, meeting))
    body.append(_attendance(x, meeting))
    body.append(_quorum(x, meeting))
    body.append(_declarations(x, meeting, agenda))
    body.extend(_items(x, meeting, agenda, actions))
    body.append(_actions_raised(x, actions))
    body.append(_next_meeting(x, meeting))
    return x.wrap(body)


def _details(x: Exporter, meeting: Meeting) -> str:
    if meeting.started_at and meeting.ended_at:
        time = f"{meeting.started_at:%H:%M} to {meeting.ended_at:%H:%M}"
    else:
        time = f"{meeting.start_time:%H:%M}"
    rows = [
        ["Date", x.f(_long_date(meeting.date))],
        ["Time", x.f(time)],
        ["Place", x.f(meeting.location) or "Not recorded"],
        ["Chair", x.person(meeting.chair_id, initials=True) or "Not recorded"],
        ["Meeting", x.f(meeting.kind.label)],
    ]
    if meeting.status is MeetingStatus.CANCELLED:
        when = f" on {meeting.cancelled_at:%d %b %Y}" if meeting.cancelled_at else ""
        why = f": {meeting.cancelled_reason}" if meeting.cancelled_reason else ""
        rows.append(["Status", x.f(f"Cancelled{when}{why}")])
    elif meeting.status is not MeetingStatus.CLOSED:
        rows.append(["Status", x.f(f"{meeting.status.label} (not yet closed)")])
    return md.table(["Detail", "Value"], rows)


def _attendance(x: Exporter, meeting: Meeting) -> str:
    records = x.store.attendance.of(meeting.id or 0)
    if not records:
        return "## Attendance\n\nNo attendance was recorded."

    def sort_key(record: object) -> tuple[int, str, str]:
        person = x.people.get(record.person_id)  # type: ignore[attr-defined]
        agency = x.agency(person)
        return (
            KIND_ORDER[agency.kind] if agency else 9,
            agency.name if agency else "",
            person.name if person else "",
        )

    rows = []
    absent = []
    for record in sorted(records, key=sort_key):
        person = x.people.get(record.person_id)
        agency = x.agency(person)
        if record.status in (AttendanceStatus.ABSENT, AttendanceStatus.INVITED):
            absent.append(record)
            continue
        status = record.status.label
        if record.status is AttendanceStatus.APOLOGIES:
            deputy = x.people.get(record.deputy_id)
            status = f"Apologies (deputy: {deputy.name})" if deputy else "Apologies"
        elif record.status is AttendanceStatus.IN_ATTENDANCE and record.note:
            status = f"In attendance ({x._r(record.note)})"
        rows.append(
            [
                x.f(agency.name if agency else "No agency"),
                x.person(record.person_id, initials=True),
                x.f(person.job_title if person else ""),
                x.f(status),
            ]
        )
    parts = ["## Attendance", md.table(["Agency", "Name", "Role", "Attendance"], rows)]
    if absent:
        names = []
        for record in absent:
            person = x.people.get(record.person_id)
            agency = x.agency(person)
            names.append(
                f"- {x.person(record.person_id)}" + (f", {x.f(agency.name)}" if agency else "")
            )
        parts.append("Absent:\n\n" + "\n".join(names))
    return "\n\n".join(parts)


def _quorum(x: Exporter, meeting: Meeting) -> str:
    quorum = x.store.attendance.quorum(meeting.id or 0)
    if not quorum.applies:
        return "## Quorum\n\nNo quorum applies to this meeting."
    events = x.store.attendance.quorum_events(meeting.id or 0)
    lines = []
    if events:
        first = events[0]
        lines.append(
            f"The meeting was quorate at {first.at:%H:%M}."
            if first.quorate
            else f"The meeting was not quorate at {first.at:%H:%M} ({first.missing})."
        )
        for event in events[1:]:
            lines.append(
                f"Quorum regained at {event.at:%H:%M}."
                if event.quorate
                else f"Quorum lost at {event.at:%H:%M}: {event.missing}."
            )
    else:
        lines.append(quorum.summary.replace("Quorate.", "The meeting was quorate."))
    return "## Quorum\n\n" + "\n\n".join(x.f(line) for line in lines)


def _declarations(x: Exporter, meeting: Meeting, agenda: list[AgendaItem]) -> str:
    declarations = x.store.attendance.declarations(meeting.id or 0)
    if not declarations:
        return "## Declarations of interest\n\nNone declared."
    items = {i.id: i for i in agenda}
    rows = []
    for d in declarations:
        item = items.get(d.item_id)
        rows.append(
            [
                x.person(d.person_id),
                x.f(f"{item.position}. {item.title}" if item else ""),
                x.f(d.nature),
                "Yes" if d.left_room else "No",
            ]
        )
    return "## Declarations of interest\n\n" + md.table(
        ["Name", "Item", "Interest", "Left the room"], rows
    )


def _items(
    x: Exporter, meeting: Meeting, agenda: list[AgendaItem], actions: list[Action]
) -> list[str]:
    store = x.store
    decisions = store.decisions.of_meeting(meeting.id or 0)
    out = []
    for item in agenda:
        lines = [f"## {item.position}. {x.f(item.title)}"]
        meta = item.purpose.label
        presenter = x.person(item.presenter_id)
        lines.append(f"*{x.f(meta)}*" + (f" · Presenter: {presenter}" if presenter else ""))
        if item.minutes.strip():
            lines.append(x.m(item.minutes))
        if item.title.lower().startswith("matters arising"):
            lines.append(_matters_arising(x, meeting))
        here = [d for d in decisions if d.item_id == item.id]
        if here:
            lines.append("**Decisions**\n\n" + "\n".join(f"- {_decision(x, d)}" for d in here))
        raised = [a for a in actions if a.item_id == item.id]
        if raised:
            lines.append(
                "**Actions**\n\n"
                + "\n".join(
                    f"- {x.f(a.reference)}: {x.f(a.description)}"
                    + (f" ({x.person(a.owner_id)})" if a.owner_id else "")
                    for a in raised
                )
            )
        out.append("\n\n".join(lines))
    general = [d for d in decisions if d.item_id is None]
    if general:
        out.append("## Other decisions\n\n" + "\n".join(f"- {_decision(x, d)}" for d in general))
    return out


def _decision(x: Exporter, decision: Decision) -> str:
    """One decision, for a list: a withdrawn one is kept, struck through in words."""
    line = f"{x.f(decision.reference)}: {x.f(decision.text)}"
    if decision.withdrawn_at is not None:
        why = f": {x.f(decision.withdrawn_reason)}" if decision.withdrawn_reason else ""
        line += f" *(withdrawn on {x.f(decision.withdrawn_at.strftime('%d %b %Y'))}{why})*"
    return line


def _matters_arising(x: Exporter, meeting: Meeting) -> str:
    store = x.store
    arising = store.actions.matters_arising(meeting.id or 0)
    if not arising:
        return "No open actions from earlier meetings."
    notes: dict[int, list[str]] = {}
    for action, update in store.actions.updates_at_meeting(meeting.id or 0):
        notes.setdefault(action.id or 0, []).append(x._r(update.text))
    rows = []
    for action in arising:
        rows.append(
            [
                x.f(action.reference),
                x.f(action.description),
                x.person(action.owner_id),
                x.f(action.due.strftime("%d %b %Y") if action.due else ""),
                x.f(action.status.label),
                x.f("; ".join(notes.get(action.id or 0, [])) or "No update"),
            ]
        )
    return md.table(["Ref", "Action", "Owner", "Due", "Status", "Update at this meeting"], rows)


def _actions_raised(x: Exporter, actions: list[Action]) -> str:
    if not actions:
        return "## Actions raised at this meeting\n\nNone."
    rows = []
    for a in actions:
        owner = x.people.get(a.owner_id)
        agency = x.agencies.get(a.agency_id)
        rows.append(
            [
                x.f(a.reference),
                x.f(a.description),
                x.f(owner.name if owner else ""),
                x.f(agency.short_name if agency else ""),
                x.f(a.due.strftime("%d %b %Y") if a.due else ""),
            ]
        )
    return "## Actions raised at this meeting\n\n" + md.table(
        ["Ref", "Action", "Owner", "Agency", "Due"], rows
    )


def _next_meeting(x: Exporter, meeting: Meeting) -> str:
    nxt = x.store.meetings.next_in_series(meeting.id or 0)
    if nxt is None:
        return "## Date of next meeting\n\nTo be confirmed."
    where = f", {nxt.location}" if nxt.location else ""
    return "## Date of next meeting\n\n" + x.f(
        f"{_long_date(nxt.date)}, {nxt.start_time:%H:%M}{where}"
    )


def actions_markdown(store: Store, query: ActionQuery | None = None, *, redact: bool = True) -> str:
    """The action log (with the log's filters), as one table."""
    query = query or ActionQuery()
    x = Exporter(store, redact=redact)
    today = store.clock().date()
    # Every row goes in the document, so one read (paging only re-ran the query
    # past a growing offset). The log's rows carry their RAG already.
    rows = [
        [
            x.f(row.action.reference),
            x.f(row.action.description),
            x.f(row.owner),
            x.f(row.agency),
            x.f(row.action.raised_on.strftime("%d %b %Y")),
            x.f(row.action.due.strftime("%d %b %Y") if row.action.due else ""),
            x.f(row.action.status.label),
            x.f(row.rag.upper()),
            x.f(row.action.latest_update),
        ]
        for row in store.actions.page(query, 0, store.actions.count(query))
    ]
    headers = [
        "Ref",
        "Action",
        "Owner",
        "Agency",
        "Raised",
        "Due",
        "Status",
        "RAG",
        "Latest update",
    ]
    body = [
        f"# Action log: {x.f(x.settings.partnership_name)}",
        x.f(f"As at {_long_date(today)}; {len(rows)} action{'' if len(rows) == 1 else 's'}."),
        md.table(headers, rows) if rows else "No actions match.",
    ]
    return x.wrap(body)


def decisions_markdown(
    store: Store, text: str = "", meeting_id: int | None = None, *, redact: bool = True
) -> str:
    """The decisions log, newest first."""
    x = Exporter(store, redact=redact)
    rows = [
        [
            x.f(decision.reference),
            x.f(decision.made_at.strftime("%d %b %Y")),
            x.f(meeting_title),
            x.f(item_title),
            x.f(decision.text)
            + (
                f" *(withdrawn on {x.f(decision.withdrawn_at.strftime('%d %b %Y'))})*"
                if decision.withdrawn_at is not None
                else ""
            ),
        ]
        for decision, meeting_title, item_title in store.decisions.page(
            text, meeting_id, 0, store.decisions.count(text, meeting_id)
        )
    ]
    body = [
        f"# Decisions log: {x.f(x.settings.partnership_name)}",
        md.table(["Ref", "Date", "Meeting", "Item", "Decision"], rows) if rows else "No decisions.",
    ]
    return x.wrap(body)


Builder = Callable[..., str]
