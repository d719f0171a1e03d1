"""The record forms: agency, person, meeting. Each is a FormScreen whose
``save`` hands the typed values to the store, which validates them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text

from screens.common.form import Field, FormScreen
from store.domain.dates import PastDate, read_date, read_due
from store.domain.errors import InvalidValue
from store.domain.fields import AgencyFields, MeetingChanges, PersonFields
from store.domain.kinds import AgencyKind, MeetingKind, MeetingStatus
from store.domain.models import Agency, Meeting, Person

if TYPE_CHECKING:
    from store import Store

YES_NO = [("Yes", True), ("No", False)]


def due_from_text(
    store: Store, meeting_id: int | None, text: str, past_seen: set[str] | None = None
) -> dt.date | None:
    """An action's due date as the chair typed it (``store.domain.dates.read_due``),
    "next meeting" being the next meeting of the series the action was raised in.

    A date in the past is said first: the form keeps ``past_seen``, and saving
    again with the same text keeps the date."""
    if not text.strip():
        return None
    today = store.clock().date()
    nxt = store.meetings.next_in_series(meeting_id, on_or_after=today) if meeting_id else None
    said = past_seen is None or text.strip() in past_seen
    try:
        return read_due(text, today=today, next_meeting=nxt.date if nxt else None, past_ok=said)
    except PastDate:
        if past_seen is not None:
            past_seen.add(text.strip())
        raise


def short_date(day: dt.date, today: dt.date) -> str:
    """A due date in a line of text: "12 Dec", with the year whenever it is not this
    year or is past ("01 Jan" read in December would be taken for next January)."""
    return f"{day:%d %b}" if day.year == today.year and day >= today else f"{day:%d %b %Y}"


class AgencyForm(FormScreen):
    """An agency's details, and for a safeguarding partner its Lead Safeguarding
    Partner and the Delegated Safeguarding Partner who acts for them (people on
    file; the agency's own people are offered first)."""

    def __init__(self, store: Store, agency: Agency | None = None):
        self.store = store
        self.agency = agency
        short = {a.id: a.short_name for a in store.directory.agencies()}
        own = agency.id if agency else None
        people = sorted(
            store.directory.people(),
            key=lambda p: (own is None or p.agency_id != own, p.name.lower()),
        )
        choices: list[tuple[str | Text, Any]] = [
            (
                Text(" · ".join(x for x in (p.name, short.get(p.agency_id), p.job_title) if x)),
                p.id,
            )
            for p in people
        ]
        super().__init__(
            "Edit agency" if agency else "New agency",
            [
                Field("name", "Name", agency.name if agency else ""),
                Field("short_name", "Short name", agency.short_name if agency else ""),
                Field(
                    "kind",
                    "Kind",
                    agency.kind if agency else AgencyKind.OTHER,
                    options=[(k.label, k) for k in AgencyKind],
                    allow_blank=False,
                ),
                Field(
                    "statutory",
                    "Statutory safeguarding partner",
                    agency.statutory if agency else False,
                    options=YES_NO,
                    allow_blank=False,
                ),
                Field(
                    "lead_partner_id",
                    "Lead safeguarding partner (chief executive, chief constable; "
                    "blank: not recorded)",
                    agency.lead_partner_id if agency else None,
                    options=choices,
                ),
                Field(
                    "delegated_partner_id",
                    "Delegated safeguarding partner, who acts for the lead (blank: not recorded)",
                    agency.delegated_partner_id if agency else None,
                    options=choices,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        fields: AgencyFields = {
            "name": str(values["name"] or ""),
            "short_name": str(values["short_name"] or ""),
            "kind": values["kind"],
            "statutory": bool(values["statutory"]),
            "lead_partner_id": values["lead_partner_id"],
            "delegated_partner_id": values["delegated_partner_id"],
        }
        if self.agency is None:
            return self.store.directory.add_agency(**fields).id or 0
        self.store.directory.update_agency(self.agency.id or 0, **fields)
        return self.agency.id or 0


class PersonForm(FormScreen):
    def __init__(self, store: Store, person: Person | None = None):
        self.store = store
        self.person = person
        agencies = [(a.name, a.id) for a in store.directory.agencies()]
        super().__init__(
            "Edit person" if person else "New person",
            [
                Field("name", "Name", person.name if person else ""),
                Field(
                    "initials",
                    "Initials (as used in the minutes)",
                    person.initials if person else "",
                ),
                Field("job_title", "Job title", person.job_title if person else ""),
                Field(
                    "agency_id", "Agency", person.agency_id if person else None, options=agencies
                ),
                Field(
                    "email", "Email", person.email if person else "", placeholder="name@example.org"
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        fields: PersonFields = {
            "name": str(values["name"] or ""),
            "initials": str(values["initials"] or ""),
            "job_title": values["job_title"],
            "agency_id": values["agency_id"],
            "email": values["email"],
        }
        if self.person is None:
            return self.store.directory.add_person(**fields).id or 0
        self.store.directory.update_person(self.person.id or 0, **fields)
        return self.person.id or 0


class MeetingForm(FormScreen):
    def __init__(self, store: Store, meeting: Meeting | None = None):
        self.store = store
        self.meeting = meeting
        people = [(p.name, p.id) for p in store.directory.people()]
        default_date = store.clock().date().isoformat()
        super().__init__(
            "Edit meeting" if meeting else "New meeting",
            [
                Field("title", "Title", meeting.title if meeting else ""),
                Field(
                    "kind",
                    "Kind",
                    meeting.kind if meeting else MeetingKind.EXECUTIVE,
                    options=[(k.label, k) for k in MeetingKind],
                    allow_blank=False,
                ),
                Field(
                    "series",
                    "Series (meetings of the same body share it; blank: the kind)",
                    meeting.series if meeting else "",
                ),
                Field(
                    "date",
                    "Date",
                    meeting.date.isoformat() if meeting else default_date,
                    placeholder="e.g. 3 Dec, 03/12/2026, next Thursday",
                ),
                Field(
                    "start_time",
                    "Start time",
                    meeting.start_time.strftime("%H:%M") if meeting else "10:00",
                    placeholder="10:00",
                ),
                Field("location", "Location", meeting.location if meeting else ""),
                Field("chair_id", "Chair", meeting.chair_id if meeting else None, options=people),
                Field(
                    "quorum_members",
                    "Quorum: members needed (partnership board and sub-groups)",
                    meeting.quorum_members if meeting and meeting.quorum_members else "",
                ),
                Field(
                    "status",
                    "Status",
                    meeting.status if meeting else MeetingStatus.PLANNED,
                    options=[(s.label, s) for s in MeetingStatus],
                    allow_blank=False,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        day = read_date(str(values.get("date") or ""), today=self.store.clock().date())
        # Blank: the kind (the store's default series); blank quorum: none.
        series = str(values.get("series") or "").strip() or str(values["kind"])
        quorum = values.get("quorum_members")
        fields: MeetingChanges = {
            "title": str(values["title"] or ""),
            "kind": values["kind"],
            "series": series,
            "start_time": values["start_time"],
            "location": values["location"],
            "chair_id": values["chair_id"],
            "quorum_members": quorum if str(quorum or "").strip() else None,
            "status": values["status"],
            # Blank goes to the store as blank, so its message says what to type.
            "date": day if day is not None else "",
        }
        if self.meeting is None:
            return self.store.meetings.add(**fields).id or 0
        self.store.meetings.update(self.meeting.id or 0, **fields)
        return self.meeting.id or 0


class NextMeetingForm(FormScreen):
    """Plan the next meeting of the same body: its standing items come with it."""

    def __init__(self, store: Store, meeting_id: int):
        self.store = store
        self.meeting_id = meeting_id
        this = store.meetings.get(meeting_id)
        super().__init__(
            f"Next meeting: {this.title}",
            [
                Field("date", "Date", "", placeholder="e.g. 4 Feb, 04/02/2027, +6w"),
                Field("start_time", "Start time", this.start_time.strftime("%H:%M")),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        day = read_date(str(values.get("date") or ""), today=self.store.clock().date())
        if day is None:
            raise InvalidValue({"date": "enter the date of the next meeting"})
        return self.store.meetings.plan_next(self.meeting_id, day, values["start_time"]).id or 0
