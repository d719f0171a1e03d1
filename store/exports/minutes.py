"""The minutes of one meeting as Markdown for circulation: details, attendance
(statutory partners first, with arrivals and departures), quorum and its
changes, each item with its declarations, minutes, decisions and actions, the
next meeting, and the open action log as an appendix. Built with ``Builder``
(redaction, then escaping); written only by ``store.exports.writer``.

A closed meeting's minutes are built from what was true at it
(``store.record``: people, agencies, actions' status and RAG, the next meeting,
all frozen when it closed), so a later change elsewhere does not change them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from store.domain import markdown as md
from store.domain.kinds import (
    ActionUpdateKind,
    AgencyKind,
    AttendanceStatus,
    ItemKind,
    MeetingStatus,
    MovementKind,
)
from store.exports.builder import Builder, day, long_date
from store.exports.decisions_log import decision_line

if TYPE_CHECKING:
    from store import Store
    from store.domain.models import (
        Action,
        ActionUpdate,
        Attendance,
        Declaration,
    )
    from store.domain.models.record import MeetingFacts

KIND_ORDER = {
    AgencyKind.LOCAL_AUTHORITY: 0,
    AgencyKind.HEALTH: 1,
    AgencyKind.POLICE: 2,
    AgencyKind.EDUCATION: 3,
    AgencyKind.VOLUNTARY: 4,
    AgencyKind.OTHER: 5,
}
RAG_WORDS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "no_date": "No date",
    "closed": "Closed",
}


class _Minutes:
    """One meeting's minutes, read once from the store."""

    def __init__(self, store: Store, meeting_id: int, redact: bool) -> None:
        self.store = store
        self.meeting = store.meetings.get(meeting_id)
        self.facts: MeetingFacts = store.record.facts(meeting_id)
        self.x = Builder(store, redact=redact, facts=self.facts)
        self.agenda = store.agenda.items(meeting_id)
        self.items = {item.id: item for item in self.agenda}
        self.raised = [self.as_at(a) for a in store.actions.of_meeting(meeting_id)]
        self.decisions = store.decisions.of_meeting(meeting_id)
        self.declarations = store.attendance.declarations(meeting_id)
        self.movements = store.attendance.movements(meeting_id)

    def as_at(self, action: Action) -> Action:
        """The action as it was at the meeting, when its facts were kept."""
        return self.facts.actions.get(action.id or 0, action)

    def rag(self, action: Action) -> str:
        return RAG_WORDS.get(self.facts.rags.get(action.id or 0, ""), "")

    def item_label(self, item_id: int | None) -> str:
        item = self.items.get(item_id)
        return f"item {item.position}, {item.title}" if item else ""

    # -- the document ------------------------------------------------------------

    def markdown(self) -> str:
        x = self.x
        body: list[str] = [f"# {x.f(self.meeting.title)}"]
        body.append(self.details())
        body.append(self.attendance())
        body.append(self.quorum())
        body.extend(self.item_sections())
        body.append(self.actions_raised())
        if not any(item.kind is ItemKind.NEXT_MEETING for item in self.agenda):
            body.append("## Date of next meeting\n\n" + self.next_meeting())
        body.append(self.appendix())
        body.append(self.agreed())
        return x.wrap(body)

    def details(self) -> str:
        x, meeting = self.x, self.meeting
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
            when = f" on {day(meeting.cancelled_at.date())}" if meeting.cancelled_at else ""
            why = f": {meeting.cancelled_reason}" if meeting.cancelled_reason else ""
            rows.append(["Status", x.f(f"Cancelled{when}{why}")])
        elif meeting.status is not MeetingStatus.CLOSED:
            rows.append(["Status", x.f(f"{meeting.status.label} (not yet closed)")])
        return md.table(["Detail", "Value"], rows)

    def times_of(self, person_id: int) -> str:
        """ "arrived 10:20, left 11:05": a person's comings and goings."""
        moves = [m for m in self.movements if m.person_id == person_id]
        return ", ".join(
            f"{'arrived' if m.kind is MovementKind.ARRIVED else 'left'} {m.at:%H:%M}"
            + (f" during item {self.items[m.item_id].position}" if m.item_id in self.items else "")
            for m in moves
        )

    def attendance(self) -> str:
        x = self.x
        records = self.store.attendance.of(self.meeting.id or 0)
        if not records:
            return "## Attendance\n\nNo attendance was recorded."

        def sort_key(record: Attendance) -> tuple[int, int, str, str]:
            person = x.people.get(record.person_id)
            agency = x.agency(person)
            return (
                0 if agency and agency.statutory else 1,
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
            deputy = x.people.get(record.deputy_id)
            times = self.times_of(record.person_id)
            if record.status is AttendanceStatus.APOLOGIES:
                status = "Apologies"
                if deputy:
                    deputy_times = self.times_of(deputy.id or 0)
                    status += f" (deputy: {deputy.name}" + (
                        f", {deputy_times})" if deputy_times else ")"
                    )
            elif record.status is AttendanceStatus.IN_ATTENDANCE and record.note:
                status = f"In attendance ({x.redacted(record.note)})"
            if record.status is not AttendanceStatus.APOLOGIES and times:
                status += f" ({times})"
            if record.status is AttendanceStatus.PRESENT and deputy:
                deputy_times = self.times_of(deputy.id or 0)
                status += f"; deputy until then: {deputy.name}" + (
                    f" ({deputy_times})" if deputy_times else ""
                )
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

    def quorum(self) -> str:
        x = self.x
        meeting_id = self.meeting.id or 0
        summary = self.facts.quorum
        if not summary:
            return "## Quorum\n\nNo quorum applies to this meeting."
        events = self.store.attendance.quorum_events(meeting_id)
        lines = []
        if events:
            first = events[0]
            lines.append(
                f"The meeting was quorate at {first.at:%H:%M}."
                if first.quorate
                else f"The meeting was not quorate at {first.at:%H:%M} ({first.missing})."
            )
            was_quorate = first.quorate
            for event in events[1:]:
                who = self.cause(event.person_id, event.change)
                during = self.item_label(event.item_id)
                where = f", during {during}" if during else ""
                if event.quorate:
                    again = "Quorum regained" if was_quorate else "The meeting became quorate"
                    lines.append(f"{again} at {event.at:%H:%M}{who}{where}.")
                    was_quorate = True
                else:
                    lines.append(f"Quorum lost at {event.at:%H:%M}{who}{where}: {event.missing}.")
        else:
            lines.append(summary.replace("Quorate.", "The meeting was quorate."))
        if self.facts.represented:
            lines.append("Partners represented: " + "; ".join(self.represented()) + ".")
        return "## Quorum\n\n" + "\n\n".join(x.f(line) for line in lines)

    def represented(self) -> list[str]:
        """ "the police by Imran Qureshi (delegated partner)", per partner."""
        out = []
        for r in self.facts.represented:
            person = self.x.people.get(r.person_id)
            if person is None:
                out.append(f"{r.partner}: no one")
            else:
                out.append(f"{r.partner} by {person.name}" + (f" ({r.role})" if r.role else ""))
        return out

    def cause(self, person_id: int | None, change: str | None) -> str:
        """ " when Jo Bloggs (Police) left": who changed the quorum, if known."""
        person = self.x.people.get(person_id)
        if person is None or not change or change == "start":
            return ""
        agency = self.x.agency(person)
        verb = {"arrived": "arrived", "left": "left"}.get(change, change.replace("_", " "))
        return f" when {person.name}" + (f" ({agency.short_name})" if agency else "") + f" {verb}"

    # -- the items ---------------------------------------------------------------

    def item_sections(self) -> list[str]:
        x = self.x
        out = []
        for item in self.agenda:
            lines = [f"## {item.position}. {x.f(item.title)}"]
            presenter = x.person(item.presenter_id)
            lines.append(
                f"*{x.f(item.purpose.label)}*" + (f" · Presenter: {presenter}" if presenter else "")
            )
            declared = [d for d in self.declarations if d.item_id == item.id]
            if item.kind is ItemKind.DECLARATIONS:
                lines.append(self.all_declarations())
            elif declared:
                lines.append(
                    "**Declarations of interest**\n\n"
                    + "\n".join(f"- {self.declaration(d)}" for d in declared)
                )
            if item.kind is ItemKind.PREVIOUS_MINUTES:
                lines.append(self.previous_minutes())
            if item.minutes.strip():
                lines.append(x.m(item.minutes))
            if item.kind is ItemKind.MATTERS_ARISING:
                lines.append(self.matters_arising())
            if item.kind is ItemKind.ESCALATIONS:
                lines.extend(self.escalations())
            if item.kind is ItemKind.NEXT_MEETING:
                lines.append(self.next_meeting())
            here = [d for d in self.decisions if d.item_id == item.id]
            if here:
                lines.append("**Decisions**\n\n" + "\n".join(decision_line(x, d) for d in here))
            raised = [a for a in self.raised if a.item_id == item.id]
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
        general = [d for d in self.decisions if d.item_id not in self.items]
        if general:
            out.append("## Other decisions\n\n" + "\n".join(decision_line(x, d) for d in general))
        return out

    def declaration(self, d: Declaration) -> str:
        x = self.x
        left = " They left the room for the item." if d.left_room else ""
        return f"{x.person(d.person_id)}: {x.f(d.nature)}{left}"

    def all_declarations(self) -> str:
        x = self.x
        if not self.declarations:
            return "None declared."
        rows = []
        for d in self.declarations:
            item = self.items.get(d.item_id)
            rows.append(
                [
                    x.person(d.person_id),
                    x.f(f"Item {item.position}: {item.title}" if item else "The whole meeting"),
                    x.f(d.nature),
                    "Yes" if d.left_room else "No",
                ]
            )
        return md.table(["Name", "Item", "Interest", "Left the room"], rows)

    def previous_minutes(self) -> str:
        """Whether the last meeting's minutes were agreed here, with any amendments,
        and the amendments made to them since they were agreed."""
        x = self.x
        store = self.store
        previous = store.record.previous(self.meeting.id or 0)
        if previous is None:
            return "There is no earlier meeting of this series on record."
        when = x.f(f"{previous.title}, {day(previous.date)}")
        agreement = store.record.agreement(previous.id or 0)
        lines = []
        if agreement is None:
            lines.append(f"The minutes of {when} have not been recorded as agreed.")
        else:
            where = ""
            if agreement.at_meeting_id == self.meeting.id:
                where = " at this meeting"
            elif agreement.at_meeting_id is not None:
                at = store.meetings.get(agreement.at_meeting_id)
                where = f" at {x.f(f'{at.title}, {day(at.date)}')}"
            else:
                where = f" on {x.f(day(agreement.agreed_at.date()))}"
            amended = (
                f", with these amendments: {x.f(agreement.amendments)}"
                if agreement.amendments
                else ""
            )
            lines.append(
                f"The minutes of {when} were agreed as an accurate record{where}{amended}."
            )
        later = [
            a
            for a in store.record.amendments(previous.id or 0)
            if self.meeting.ended_at is None or a.at <= self.meeting.ended_at
        ]
        for amendment in later:
            lines.append(
                f"Amended on {x.f(day(amendment.at.date()))}: {x.f(amendment.what)}. "
                f"Reason: {x.f(amendment.reason)}"
            )
        return "\n\n".join(lines)

    def matters_arising(self) -> str:
        """Each earlier action reviewed: its status and RAG at the meeting, and what
        was said or changed about it here, each on its own line."""
        x = self.x
        store = self.store
        arising = [self.facts.actions[i] for i in self.facts.arising if i in self.facts.actions]
        if not arising:
            return "No open actions from earlier meetings."
        notes: dict[int, list[ActionUpdate]] = {}
        for action, update in store.actions.updates_at_meeting(self.meeting.id or 0):
            notes.setdefault(action.id or 0, []).append(update)
        entries = []
        for action in arising:
            owner = x.people.get(action.owner_id)
            agency = x.agencies.get(action.agency_id)
            who = ""
            if owner:
                who = f" · {x.f(owner.name)}" + (f" ({x.f(agency.short_name)})" if agency else "")
            due = f" · due {x.f(day(action.due))}" if action.due else " · no due date"
            state = (
                f"{action.status.label}, {self.rag(action)}"
                if action.status.is_open
                else (
                    f"{action.status.label}"
                    + (f" on {day(action.closed_on)}" if action.closed_on else "")
                )
            )
            lines = [
                f"- **{x.f(action.reference)}**: {x.f(action.description)}{who}{due} · {x.f(state)}"
            ]
            said = notes.get(action.id or 0, [])
            for update in said:
                lines.append(f"    - {self.update_text(update)}")
            if not said:
                lines.append("    - No update at this meeting.")
            entries.append("\n".join(lines))
        return "\n".join(entries)

    def escalations(self) -> list[str]:
        """The open escalations on the meeting's day by stage (once it has been
        held: the history says what was open then), and each one moved on,
        resolved or closed at the meeting, with its note. Nothing at all when
        there is neither, so minutes without escalations read as they did."""
        x = self.x
        store = self.store
        out = []
        if self.meeting.status in (MeetingStatus.LIVE, MeetingStatus.CLOSED):
            counts = store.escalations.open_on(self.meeting.date)
            if counts:
                total = sum(c.count for c in counts)
                stages = ", ".join(f"{c.label[0].lower()}{c.label[1:]}: {c.count}" for c in counts)
                out.append(
                    x.f(f"Open escalations on {day(self.meeting.date)}: {total} ({stages}).")
                )
        moves = store.escalations.moves(self.meeting.id or 0)
        if moves:
            pseudonyms = {p.id: p.pseudonym for p in store.register.all()}
            entries = []
            for move in moves:
                escalation = move.escalation
                child = pseudonyms.get(escalation.child_id)
                note = move.note.strip()
                entries.append(
                    f"- **{x.f(escalation.reference)}**"
                    + (f" ({x.f(child)})" if child else "")
                    + f": {x.f(move.what)}."
                    + (f" {x.f(note)}" if note else "")
                )
            out.append("**Escalations at this meeting**\n\n" + "\n".join(entries))
        return out

    def update_text(self, update: ActionUpdate) -> str:
        """An update in the minutes' words: "Re-dated: due 31 January 2027",
        "Re-assigned to Jo Bloggs", "Closed: done", or the words typed."""
        x = self.x
        text = x.redacted(update.text)
        if update.kind is ActionUpdateKind.DUE:
            # Recorded as "Due date: 31 Jan 2027" (or "none"): written as every
            # other date in the minutes is.
            given = text.removeprefix("Due date: ")
            try:
                given = day(dt.datetime.strptime(given, "%d %b %Y").date())
            except ValueError:
                return x.f("Due date taken off" if given == "none" else text)
            return x.f(f"Re-dated: due {given}")
        if update.kind is ActionUpdateKind.OWNER:
            return x.f(text.replace("Owner: ", "Re-assigned to ", 1))
        if update.kind is ActionUpdateKind.STATUS:
            status = text.removeprefix("Status: ")
            if status in ("Done", "Dropped"):
                return x.f(f"Closed: {status.lower()}")
            return x.f(f"Now {status.lower()}")
        return x.f(text)

    def actions_raised(self) -> str:
        x = self.x
        if not self.raised:
            return "## Actions raised at this meeting\n\nNone."
        rows = []
        for a in self.raised:
            owner = x.people.get(a.owner_id)
            agency = x.agencies.get(a.agency_id)
            rows.append(
                [
                    x.f(a.reference),
                    x.f(a.description),
                    x.f(owner.name if owner else ""),
                    x.f(agency.short_name if agency else ""),
                    x.f(day(a.due) if a.due else "No date"),
                ]
            )
        return "## Actions raised at this meeting\n\n" + md.table(
            ["Ref", "Action", "Owner", "Agency", "Due"], rows
        )

    def next_meeting(self) -> str:
        nxt = self.facts.next_meeting
        if nxt is None:
            return "To be confirmed."
        where = f", {nxt.location}" if nxt.location else ""
        return self.x.f(f"{long_date(nxt.date)}, {nxt.start_time:%H:%M}{where}")

    def appendix(self) -> str:
        """The open action log as the partners reviewed it at the meeting."""
        x = self.x
        open_log = [self.facts.actions[i] for i in self.facts.open_log if i in self.facts.actions]
        if not open_log:
            return "## Appendix: open action log\n\nNo open actions."
        rows = []
        for a in sorted(open_log, key=lambda a: (a.due is None, a.due or a.raised_on, a.reference)):
            owner = x.people.get(a.owner_id)
            agency = x.agencies.get(a.agency_id)
            rows.append(
                [
                    x.f(a.reference),
                    x.f(a.description),
                    x.f(a.status.label),
                    x.f(self.rag(a)),
                    x.f(owner.name if owner else ""),
                    x.f(agency.short_name if agency else ""),
                    x.f(day(a.due) if a.due else "No date"),
                ]
            )
        return "## Appendix: open action log\n\n" + md.table(
            ["Ref", "Action", "Status", "RAG", "Owner", "Agency", "Due"], rows
        )

    def agreed(self) -> str:
        """Whether these minutes were agreed, and their amendments since."""
        x = self.x
        agreement = self.store.record.agreement(self.meeting.id or 0)
        if agreement is None:
            return ""
        at = ""
        if agreement.at_meeting_id is not None:
            later = self.store.meetings.get(agreement.at_meeting_id)
            at = f" at {later.title}, {day(later.date)}"
        lines = [
            x.f(
                f"These minutes were agreed as an accurate record on "
                f"{day(agreement.agreed_at.date())}{at}."
            )
        ]
        for amendment in self.store.record.amendments(self.meeting.id or 0):
            lines.append(
                "- "
                + x.f(
                    f"Amended on {day(amendment.at.date())}: {amendment.what}. "
                    f"Reason: {amendment.reason}"
                )
            )
        return (
            "## The record\n\n"
            + "\n\n".join(lines[:1])
            + ("\n\n" + "\n".join(lines[1:]) if lines[1:] else "")
        )


def minutes_markdown(store: Store, meeting_id: int, *, redact: bool = True) -> str:
    """The minutes of one meeting, ready to circulate (redacted unless asked)."""
    return _Minutes(store, meeting_id, redact).markdown()


__all__ = ["KIND_ORDER", "minutes_markdown"]
