"""The rapid review's forms for the record itself: a new review from its
notification, the case details, the decision, a partner's sign-off (the steps
of the process are in ``steps``). Each hands what was typed to store.reviews,
which validates it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO
from screens.reviews.common import typed
from store.domain.dates import read_date
from store.domain.errors import InvalidValue
from store.domain.kinds import (
    LCSPR_CRITERIA,
    Harm,
    LegalStatus,
    Relation,
)

if TYPE_CHECKING:
    import datetime as dt

    from store import Store
    from store.domain.models.reviews import RapidReview

DATE_HINT = "e.g. 18 Nov, 18/11/2026, today, 2026-11-18"
NOT_DECIDED = "undecided"


def date_field(name: str, label: str, day: dt.date | None) -> Field:
    """A date, shown as a chair would type it back; read with ``read_dates``."""
    return Field(name, label, typed(day), placeholder=DATE_HINT)


def read_dates(store: Store, values: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The typed dates among ``values``, read as the app reads every date: each
    blank as None; every unreadable one said at once, under its own field."""
    today = store.clock().date()
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in names:
        try:
            out[name] = read_date(str(values.get(name) or ""), today=today, field=name)
        except InvalidValue as exc:
            problems.update(exc.errors)
    if problems:
        raise InvalidValue(problems)
    return out


def child_options(store: Store, keep: int | None = None) -> list[tuple[str | Text, int]]:
    """The children on the register, by pseudonym only (a screen may be shared);
    retired entries only when the review already names one."""
    return [
        (Text(p.pseudonym), p.id or 0)
        for p in store.register.all()
        if p.relation is Relation.CHILD and (p.retired_on is None or p.id == keep)
    ]


def partner_options(store: Store) -> list[tuple[str | Text, int]]:
    return [(Text(a.name), a.id or 0) for a in store.reviews.partners()]


def people_by_agency(store: Store) -> list[tuple[str | Text, int]]:
    agencies = {a.id: a.short_name for a in store.directory.agencies()}
    return [
        (Text(f"{p.name} ({agencies.get(p.agency_id, 'no agency')})"), p.id or 0)
        for p in store.directory.people()
    ]


class NewReviewForm(FormScreen):
    """A rapid review starts from its serious incident notification (day 0)."""

    def __init__(self, store: Store):
        self.store = store
        super().__init__(
            "New rapid review, from the serious incident notification",
            [
                date_field(
                    "notified_on", "Notification sent to the Panel on (day 0; required)", None
                ),
                Field(
                    "child_id",
                    "The child, from the register (by pseudonym; blank: not yet added)",
                    None,
                    options=child_options(store),
                ),
                Field(
                    "harm",
                    "Death or serious harm",
                    Harm.SERIOUS_HARM,
                    options=[(h.label, h) for h in Harm],
                    allow_blank=False,
                ),
                date_field(
                    "la_aware_on",
                    "The local authority became aware on (blank: not known yet)",
                    None,
                ),
                Field("notification_ref", "Notification reference", "", placeholder="SIN-…"),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        dates = read_dates(self.store, values, ["notified_on", "la_aware_on"])
        if dates["notified_on"] is None:
            raise InvalidValue(
                {"notified_on": "required: no rapid review starts without a notification"}
            )
        review = self.store.reviews.create(
            notified_on=dates["notified_on"],
            la_aware_on=dates["la_aware_on"],
            child_id=values["child_id"],
            harm=values["harm"],
            notification_ref=values["notification_ref"],
        )
        return review.id or 0


class DetailsForm(FormScreen):
    """The case details and the dates of the review."""

    TEXTS = ("age", "sex", "ethnicity", "disability", "siblings", "notification_ref")
    DATES = ("incident_on", "la_aware_on", "notified_on", "referral_on", "template_sent_on")

    def __init__(self, store: Store, review: RapidReview):
        self.store = store
        self.review = review
        r = review
        super().__init__(
            f"Case details of {review.reference}",
            [
                Field(
                    "child_id",
                    "The child (by pseudonym)",
                    r.child_id,
                    options=child_options(store, r.child_id),
                ),
                Field(
                    "harm",
                    "Death or serious harm",
                    r.harm,
                    options=[(h.label, h) for h in Harm],
                    allow_blank=False,
                ),
                Field("age", "Age", r.age or ""),
                Field("sex", "Sex", r.sex or ""),
                Field("ethnicity", "Ethnicity", r.ethnicity or ""),
                Field("disability", "Disability", r.disability or ""),
                Field(
                    "legal_status",
                    "Legal status",
                    r.legal_status,
                    options=[(s.label, s) for s in LegalStatus],
                ),
                Field("siblings", "Siblings", r.siblings or ""),
                date_field("incident_on", "Date of the incident", r.incident_on),
                date_field("la_aware_on", "The local authority became aware on", r.la_aware_on),
                date_field("notified_on", "Notification sent on (day 0)", r.notified_on),
                Field("notification_ref", "Notification reference", r.notification_ref or ""),
                date_field(
                    "referral_on",
                    "Referral received on (day 0 where the partnership counts from it)",
                    r.referral_on,
                ),
                date_field(
                    "template_sent_on",
                    "Template sent to the agencies on (blank: not yet)",
                    r.template_sent_on,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        dates = read_dates(self.store, values, self.DATES)
        if dates["notified_on"] is None:
            raise InvalidValue({"notified_on": "required: day 0 of the review"})
        changes: dict[str, Any] = {name: values[name] for name in self.TEXTS}
        changes |= dates
        changes |= {
            "child_id": values["child_id"],
            "harm": values["harm"],
            "legal_status": values["legal_status"],
        }
        review_id = self.review.id or 0
        self.store.reviews.update(review_id, **changes)
        return review_id


def criteria_label() -> str:
    lines = [f"({letter}) {words}" for letter, words in LCSPR_CRITERIA.items()]
    return "Criteria that apply, as letters (e.g. a, c): the case highlights or may highlight\n" + (
        "\n".join(lines)
    )


class DecisionForm(FormScreen):
    """The decision: an LCSPR or not, against the criteria, and why."""

    def __init__(self, store: Store, review: RapidReview):
        self.store = store
        self.review = review
        lcspr = NOT_DECIDED if review.lcspr is None else review.lcspr
        super().__init__(
            f"The decision of {review.reference}",
            [
                Field(
                    "lcspr",
                    "Hold a Local Child Safeguarding Practice Review (LCSPR)?",
                    lcspr,
                    options=[
                        ("Yes: an LCSPR", True),
                        ("No LCSPR", False),
                        ("Not decided yet", NOT_DECIDED),
                    ],
                    allow_blank=False,
                ),
                Field("criteria", criteria_label(), review.criteria.replace(",", ", ")),
                Field(
                    "rationale",
                    "Rationale, set against the criteria (w edits it at length)",
                    review.rationale or "",
                ),
                Field(
                    "other_learning",
                    "Another learning activity instead (blank: none)",
                    review.other_learning or "",
                ),
                Field(
                    "national_review",
                    "Ask the Panel to consider a national review?",
                    review.national_review,
                    options=YES_NO,
                    allow_blank=False,
                ),
                date_field(
                    "lcspr_started_on",
                    "Where an LCSPR follows: started on (published within 6 months)",
                    review.lcspr_started_on,
                ),
                Field("lcspr_reviewer", "The LCSPR's reviewer", review.lcspr_reviewer or ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        dates = read_dates(self.store, values, ["lcspr_started_on"])
        lcspr = values["lcspr"]
        review_id = self.review.id or 0
        self.store.reviews.update(
            review_id,
            lcspr=None if lcspr == NOT_DECIDED else bool(lcspr),
            criteria=str(values["criteria"] or ""),
            rationale=values["rationale"],
            other_learning=values["other_learning"],
            national_review=bool(values["national_review"]),
            lcspr_started_on=dates["lcspr_started_on"],
            lcspr_reviewer=values["lcspr_reviewer"],
        )
        return review_id


class SignOffForm(FormScreen):
    """A safeguarding partner signs the review off: who, and when."""

    def __init__(self, store: Store, review: RapidReview, agency_id: int | None = None):
        self.store = store
        self.review = review
        super().__init__(
            f"Sign-off of {review.reference} by a safeguarding partner",
            [
                Field("agency_id", "Partner", agency_id, options=partner_options(store)),
                Field(
                    "person_id",
                    "Signed off by (type to find; blank: not recorded)",
                    None,
                    options=people_by_agency(store),
                ),
                date_field("signed_on", "Signed off on", store.clock().date()),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        dates = read_dates(self.store, values, ["signed_on"])
        problems = {}
        if values["agency_id"] is None:
            problems["agency_id"] = "choose the partner signing off"
        if dates["signed_on"] is None:
            problems["signed_on"] = "required"
        if problems:
            raise InvalidValue(problems)
        signed = self.store.reviews.sign_off(
            self.review.id or 0, values["agency_id"], values["person_id"], dates["signed_on"]
        )
        return signed.id or 0
