"""The minutes of one meeting as Markdown for circulation: details, attendance,
quorum, declarations, each item with its minutes, decisions and actions, and the
next meeting. Built with ``Builder`` (redaction, then escaping); written only by
``store.exports.writer``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.domain.kinds import AgencyKind, AttendanceStatus, ItemKind, MeetingStatus
from store.exports.builder import Builder, long_date

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import Action, AgendaItem, Attendance, Decision, Meeting

KIND_ORDER = {
    AgencyKind.LOCAL_AUTHORITY: 0,
    AgencyKind.HEALTH: 1,
    AgencyKind.POLICE: 2,
    AgencyKind.EDUCATION: 3,
    AgencyKind.VOLUNTARY: 4,
    AgencyKind.OTHER: 5,
}


def minutes_markdown(store: Store, meeting_id: int, *, redact: bool = True) -> str:
    """The minutes of one meeting, ready to circulate (redacted unless asked)."""
    x = Builder(store, redact=redact)
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


def _details(x: Builder, meeting: Meeting) -> str:
    if meeting.started_at and meeting.ended_at:
        time = f"{meeting.started_at:%H:%M} to {meeting.ended_at:%H:%M}"
    else:
        time = f"{meeting.start_time:%H:%M}"
    rows = [
        ["Date", x.f(long_date(meeting.date))],
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


def _attendance(x: Builder, meeting: Meeting) -> str:
    records = x.store.attendance.of(meeting.id or 0)
    if not records:
        return "## Attendance\n\nNo attendance was recorded."

    def sort_key(record: Attendance) -> tuple[int, str, str]:
        person = x.people.get(record.person_id)
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
            status = f"In attendance ({x.redacted(record.note)})"
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


def _quorum(x: Builder, meeting: Meeting) -> str:
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


def _declarations(x: Builder, meeting: Meeting, agenda: list[AgendaItem]) -> str:
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
    x: Builder, meeting: Meeting, agenda: list[AgendaItem], actions: list[Action]
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
        if item.kind is ItemKind.MATTERS_ARISING:
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


def _decision(x: Builder, decision: Decision) -> str:
    """One decision, for a list: a withdrawn one is kept, struck through in words."""
    line = f"{x.f(decision.reference)}: {x.f(decision.text)}"
    if decision.withdrawn_at is not None:
        why = f": {x.f(decision.withdrawn_reason)}" if decision.withdrawn_reason else ""
        line += f" *(withdrawn on {x.f(decision.withdrawn_at.strftime('%d %b %Y'))}{why})*"
    return line


def _matters_arising(x: Builder, meeting: Meeting) -> str:
    store = x.store
    arising = store.actions.matters_arising(meeting.id or 0)
    if not arising:
        return "No open actions from earlier meetings."
    notes: dict[int, list[str]] = {}
    for action, update in store.actions.updates_at_meeting(meeting.id or 0):
        notes.setdefault(action.id or 0, []).append(x.redacted(update.text))
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


def _actions_raised(x: Builder, actions: list[Action]) -> str:
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


def _next_meeting(x: Builder, meeting: Meeting) -> str:
    nxt = x.store.meetings.next_in_series(meeting.id or 0)
    if nxt is None:
        return "## Date of next meeting\n\nTo be confirmed."
    where = f", {nxt.location}" if nxt.location else ""
    return "## Date of next meeting\n\n" + x.f(
        f"{long_date(nxt.date)}, {nxt.start_time:%H:%M}{where}"
    )
