"""The escalation's forms: raise one, move it to the next stage, resolve it,
close it unresolved, correct its record. Each hands what was typed to
store.escalations, which validates it; from a live meeting the move is minuted
in that meeting (``meeting_id``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from rich.text import Text

from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO
from screens.reviews.common import typed
from screens.reviews.forms import child_options, date_field, people_by_agency, read_dates
from store.domain.errors import InvalidValue
from store.domain.kinds import EscalationCategory, Referral

if TYPE_CHECKING:
    from store import Store
    from store.domain.models.escalations import Escalation

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def agency_options(store: Store) -> list[tuple[str | Text, int]]:
    return [(Text(a.name), a.id or 0) for a in store.directory.agencies()]


def category_options() -> list[tuple[str | Text, Any]]:
    return [(c.label, c) for c in EscalationCategory]


def read_time(store: Store, day: dt.date, text: str, field: str = "time") -> dt.datetime | None:
    """A time typed as "14:05" on ``day``, in the clock's zone; None when blank."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InvalidValue({field: "type a time such as 14:05"})
    zone = store.clock().tzinfo
    return dt.datetime.combine(day, dt.time(int(match[1]), int(match[2])), tzinfo=zone)


def _day(store: Store, values: dict[str, Any], name: str) -> dt.date:
    day: dt.date | None = read_dates(store, values, [name])[name]
    return day or store.clock().date()


class RaiseForm(FormScreen):
    """A new escalation, at stage 1 of the partnership's policy."""

    def __init__(self, store: Store, meeting_id: int | None = None):
        self.store = store
        self.meeting_id = meeting_id
        first = store.escalations.policy().stage(1)
        super().__init__(
            "Raise an escalation" + (" (minuted in this meeting)" if meeting_id else ""),
            [
                date_field("raised_on", "Raised on (blank: today)", None),
                Field(
                    "urgent",
                    "Urgent: a child at significant risk (the 24-hour route)",
                    False,
                    options=YES_NO,
                    allow_blank=False,
                ),
                Field(
                    "time", "Urgent: the time it was raised (blank: now)", "", placeholder="14:05"
                ),
                Field(
                    "child_id",
                    "The child, from the register (by pseudonym)",
                    None,
                    options=child_options(store),
                ),
                Field("category", "About", None, options=category_options()),
                Field(
                    "raised_by_id",
                    "Raised by (blank: not in the directory)",
                    None,
                    options=people_by_agency(store),
                ),
                Field("raised_by_role", "Their role", "", placeholder="e.g. Designated nurse"),
                Field(
                    "raised_by_agency_id",
                    "Their agency (blank: the person's)",
                    None,
                    options=agency_options(store),
                ),
                Field(
                    "raised_with_agency_id",
                    "Raised with (the agency whose decision is disputed)",
                    None,
                    options=agency_options(store),
                ),
                Field("decision_disputed", "The decision disputed", ""),
                Field("raiser_position", "Position of the agency raising it", ""),
                Field("other_position", "Position of the other agency", ""),
                Field("holder", f"Held by (blank: {first.holder})", ""),
                Field("note", "Note", ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        store = self.store
        day = _day(store, values, "raised_on")
        urgent = bool(values["urgent"])
        at = read_time(store, day, str(values["time"] or "")) if urgent else None
        agency = values["raised_by_agency_id"]
        person = values["raised_by_id"]
        if agency is None and person is not None:
            agency = store.directory.person(person).agency_id
        problems = {}
        if agency is None:
            problems["raised_by_agency_id"] = "which agency raises it?"
        if values["raised_with_agency_id"] is None:
            problems["raised_with_agency_id"] = "with which agency?"
        if values["category"] is None:
            problems["category"] = "what is it about?"
        if problems:
            raise InvalidValue(problems)
        escalation = store.escalations.add(
            raised_on=day,
            raised_at=at,
            urgent=urgent,
            raised_by_agency_id=agency,
            raised_with_agency_id=values["raised_with_agency_id"],
            category=values["category"],
            child_id=values["child_id"],
            raised_by_id=person,
            raised_by_role=values["raised_by_role"],
            decision_disputed=values["decision_disputed"] or "",
            raiser_position=values["raiser_position"] or "",
            other_position=values["other_position"] or "",
            holder=values["holder"] or None,
            note=values["note"] or "",
            meeting_id=self.meeting_id,
        )
        return escalation.id or 0


class EscalateForm(FormScreen):
    """To the next stage: who holds it now, when it moved, a note."""

    def __init__(self, store: Store, escalation: Escalation, meeting_id: int | None = None):
        self.store = store
        self.escalation = escalation
        self.meeting_id = meeting_id
        policy = store.escalations.policy(escalation)
        self.next = policy.stage(escalation.stage + 1)
        label = policy.label(escalation.stage + 1)
        super().__init__(
            f"Escalate {escalation.reference} to {label[0].lower()}{label[1:]}",
            [
                date_field("on", "Escalated on (blank: today)", None),
                Field(
                    "holder_id",
                    "Held by (blank: not in the directory)",
                    None,
                    options=people_by_agency(store),
                ),
                Field("holder", "Their role", self.next.holder),
                Field("note", "Note (why it moves on)", ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        updated = self.store.escalations.escalate(
            self.escalation.id or 0,
            _day(self.store, values, "on"),
            holder_id=values["holder_id"],
            holder=values["holder"] or None,
            note=values["note"] or "",
            meeting_id=self.meeting_id,
        )
        return updated.id or 0


class ResolveForm(FormScreen):
    """Resolved at the stage it is at: what was agreed, the learning."""

    def __init__(self, store: Store, escalation: Escalation, meeting_id: int | None = None):
        self.store = store
        self.escalation = escalation
        self.meeting_id = meeting_id
        super().__init__(
            f"Resolve {escalation.reference} at stage {escalation.stage}",
            [
                date_field("on", "Resolved on (blank: today)", None),
                Field("outcome", "Outcome: what was agreed (required)", ""),
                Field(
                    "learning_theme", "Learning theme", "", placeholder="e.g. Front door thresholds"
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        updated = self.store.escalations.resolve(
            self.escalation.id or 0,
            _day(self.store, values, "on"),
            str(values["outcome"] or ""),
            learning_theme=values["learning_theme"] or None,
            meeting_id=self.meeting_id,
        )
        return updated.id or 0


class CloseForm(FormScreen):
    """Closed unresolved: referred to the executive or the scrutineer."""

    def __init__(self, store: Store, escalation: Escalation, meeting_id: int | None = None):
        self.store = store
        self.escalation = escalation
        self.meeting_id = meeting_id
        super().__init__(
            f"Close {escalation.reference} unresolved",
            [
                date_field("on", "Closed on (blank: today)", None),
                Field(
                    "referred_to",
                    "Referred to",
                    Referral.EXECUTIVE,
                    options=[(r.label.capitalize(), r) for r in Referral],
                    allow_blank=False,
                ),
                Field("outcome", "Why it could not be resolved", ""),
                Field("learning_theme", "Learning theme", ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        updated = self.store.escalations.close_unresolved(
            self.escalation.id or 0,
            _day(self.store, values, "on"),
            values["referred_to"],
            str(values["outcome"] or ""),
            learning_theme=values["learning_theme"] or None,
            meeting_id=self.meeting_id,
        )
        return updated.id or 0


class EditForm(FormScreen):
    """Correct the record: the child, the parties, the category, the positions,
    who holds the stage now (every change audited)."""

    def __init__(self, store: Store, escalation: Escalation):
        self.store = store
        self.escalation = escalation
        e = escalation
        super().__init__(
            f"Correct {escalation.reference} (raised {typed(e.raised_on)})",
            [
                Field(
                    "child_id",
                    "The child, from the register (by pseudonym)",
                    e.child_id,
                    options=child_options(store, e.child_id),
                ),
                Field(
                    "category", "About", e.category, options=category_options(), allow_blank=False
                ),
                Field("raised_by_id", "Raised by", e.raised_by_id, options=people_by_agency(store)),
                Field("raised_by_role", "Their role", e.raised_by_role or ""),
                Field(
                    "raised_by_agency_id",
                    "Their agency",
                    e.raised_by_agency_id,
                    options=agency_options(store),
                    allow_blank=False,
                ),
                Field(
                    "raised_with_agency_id",
                    "Raised with",
                    e.raised_with_agency_id,
                    options=agency_options(store),
                    allow_blank=False,
                ),
                Field("decision_disputed", "The decision disputed", e.decision_disputed),
                Field("raiser_position", "Position of the agency raising it", e.raiser_position),
                Field("other_position", "Position of the other agency", e.other_position),
                Field(
                    "holder_id",
                    f"Stage {e.stage} held by",
                    e.holder_id,
                    options=people_by_agency(store),
                ),
                Field("holder", "Their role", e.holder or ""),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        changes = {k: v for k, v in values.items()}
        for text in ("decision_disputed", "raiser_position", "other_position"):
            changes[text] = changes[text] or ""
        self.store.escalations.update(self.escalation.id or 0, **changes)
        return self.escalation.id or 0
