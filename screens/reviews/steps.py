"""The rapid review's forms for its steps: an agency's return, an agency added,
a parallel process, sending to the Panel and its response, the meeting, an
immediate action. Each hands what was typed to store.reviews, which validates it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text

from screens.actions.form import ActionForm, meeting_label
from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO, due_from_text
from screens.reviews.forms import date_field, read_dates
from store.domain.errors import InvalidValue
from store.domain.kinds import MeetingKind, PanelResponse, ProcessKind

if TYPE_CHECKING:
    from store import Store
    from store.domain.models.reviews import RapidReview, ReviewAgency


class ReturnForm(FormScreen):
    """One agency's involvement and its return: in on a date, or not involved."""

    def __init__(self, store: Store, review_id: int, row: ReviewAgency):
        self.store = store
        self.review_id = review_id
        self.row = row
        name = store.directory.agency(row.agency_id).name
        when = row.return_in or store.clock().date()
        super().__init__(
            f"{name}'s return",
            [
                Field(
                    "involved",
                    "Involved with the child or family?",
                    row.involved,
                    options=YES_NO,
                    allow_blank=False,
                ),
                date_field("return_in", "Its return came in on (blank: not yet)", when),
                Field("summary", "Summary of its involvement", row.summary),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        dates = read_dates(self.store, values, ["return_in"])
        involved = bool(values["involved"])
        saved = self.store.reviews.set_agency(
            self.review_id,
            self.row.agency_id,
            involved=involved,
            return_in=dates["return_in"] if involved else None,
            summary=str(values["summary"] or ""),
        )
        return saved.id or 0


class AddAgencyForm(FormScreen):
    """Another agency involved with the child or family (a school, a trust)."""

    def __init__(self, store: Store, review_id: int, listed: set[int]):
        self.store = store
        self.review_id = review_id
        options: list[tuple[str | Text, int]] = [
            (Text(a.name), a.id or 0) for a in store.directory.agencies() if a.id not in listed
        ]
        super().__init__(
            "Add an agency to the review",
            [
                Field("agency_id", "Agency", None, options=options),
                Field("summary", "Summary of its involvement (blank: to come)", ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        if values["agency_id"] is None:
            raise InvalidValue({"agency_id": "choose the agency"})
        saved = self.store.reviews.set_agency(
            self.review_id,
            values["agency_id"],
            involved=True,
            summary=str(values["summary"] or ""),
        )
        return saved.id or 0


class ProcessForm(FormScreen):
    """A process running beside the review, and where it stands."""

    def __init__(self, store: Store, review_id: int):
        self.store = store
        self.review_id = review_id
        super().__init__(
            "A parallel process",
            [
                Field(
                    "kind",
                    "Process",
                    ProcessKind.POLICE_INVESTIGATION,
                    options=[(k.label, k) for k in ProcessKind],
                    allow_blank=False,
                ),
                Field("status", "Status", "", placeholder="e.g. under way; inquest opened"),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        saved = self.store.reviews.set_process(
            self.review_id, values["kind"], str(values["status"] or "")
        )
        return saved.id or 0


class SendForm(FormScreen):
    """The date the record goes to the Panel (the screen asks before it is written)."""

    def __init__(self, store: Store, review: RapidReview):
        self.store = store
        super().__init__(
            f"Send {review.reference} to the Panel",
            [date_field("sent_on", "Sent to the Panel on", store.clock().date())],
        )

    def save(self, values: dict[str, Any]) -> dt.date:
        day = read_dates(self.store, values, ["sent_on"])["sent_on"]
        if day is None:
            raise InvalidValue({"sent_on": "required"})
        assert isinstance(day, dt.date)
        return day


class PanelResponseForm(FormScreen):
    """The Panel's response to the review, and its date."""

    def __init__(self, store: Store, review: RapidReview):
        self.store = store
        self.review = review
        super().__init__(
            f"The Panel's response to {review.reference}",
            [
                Field(
                    "response",
                    "The Panel",
                    review.panel_response,
                    options=[(r.label, r) for r in PanelResponse],
                ),
                date_field(
                    "on", "Its response came on", review.panel_response_on or store.clock().date()
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        day = read_dates(self.store, values, ["on"])["on"]
        problems = {}
        if values["response"] is None:
            problems["response"] = "choose what the Panel said"
        if day is None:
            problems["on"] = "required"
        if problems:
            raise InvalidValue(problems)
        review_id = self.review.id or 0
        self.store.reviews.record_panel_response(review_id, values["response"], day)
        return review_id


class MeetingForm(FormScreen):
    """Link the rapid review meeting (its attendance gives the participants), or
    plan a new one: a meeting of kind rapid review, titled by the reference, so
    no child's name is in its title."""

    def __init__(self, store: Store, review: RapidReview):
        self.store = store
        self.review = review
        meetings = [m for m in store.meetings.latest(200) if m.kind is MeetingKind.RAPID_REVIEW]
        super().__init__(
            f"The rapid review meeting of {review.reference}",
            [
                Field(
                    "meeting_id",
                    "Meeting (rapid review meetings, latest first; blank: none)",
                    review.meeting_id,
                    options=[(meeting_label(m), m.id or 0) for m in meetings],
                ),
                date_field(
                    "new_on", "Or plan a new one on (date; the meeting above left blank)", None
                ),
                Field("new_at", "Its start time", "10:00", placeholder="10:00"),
                Field("new_where", "Its location", ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        review_id = self.review.id or 0
        meeting_id = values["meeting_id"]
        new_on = read_dates(self.store, values, ["new_on"])["new_on"]
        if meeting_id is None and new_on is not None:
            meeting = self.store.meetings.add(
                title=f"Rapid review meeting: {self.review.reference}",
                kind=MeetingKind.RAPID_REVIEW,
                date=new_on,
                start_time=str(values.get("new_at") or "10:00"),
                location=str(values.get("new_where") or "") or None,
            )
            meeting_id = meeting.id
        self.store.reviews.update(review_id, meeting_id=meeting_id)
        return review_id


class ImmediateActionForm(ActionForm):
    """An immediate action of the review: raised on the action log, linked to it
    (at the review's meeting, when it has one)."""

    def __init__(self, store: Store, review: RapidReview):
        self.review = review
        super().__init__(store, meeting_id=review.meeting_id)
        # The meeting is the review's: no choice of it here.
        self.fields = [f for f in self.fields if f.name != "meeting_id"]
        self.form_title = f"Immediate action of {review.reference}"

    def save(self, values: dict[str, Any]) -> int:
        description = str(values["description"] or "")
        try:
            due = due_from_text(
                self.store, self.review.meeting_id, str(values["due"] or ""), self.past_seen
            )
        except InvalidValue as exc:
            errors = dict(exc.errors)
            if not description.strip():
                errors["description"] = "required"
            raise InvalidValue(errors) from None
        action = self.store.reviews.add_immediate_action(
            self.review.id or 0,
            description,
            owner_id=values["owner_id"],
            agency_id=values["agency_id"],
            due=due,
        )
        return action.id or 0
