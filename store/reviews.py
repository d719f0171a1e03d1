"""Rapid reviews: the record of each review, kept against the national clock of
15 working days from the serious incident notification (day 0; a partnership
may count from the referral: a setting), its agencies' returns, the parallel
processes, each safeguarding partner's sign-off, sending it to the Panel and the
Panel's response; the list and the figures a chair reports, counted in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.domain import errors
from store.domain.kinds import AgencyKind, PanelResponse, ProcessKind

if TYPE_CHECKING:
    from store.actions import ActionsPart
    from store.db.unit import Unit
    from store.domain.models import Action, Agency
    from store.domain.models.reviews import RapidReview, ReviewAgency, ReviewProcess, SignOff
    from store.domain.review_clock import ReviewClock
    from store.settings import SettingsPart

# The whole review: within this many working days of day 0 (domain.md).
WHOLE_REVIEW_DAYS = 15
PARTNER_KINDS = (AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE)
# The fields a chair edits on the record (the rest move with their own methods).
EDITABLE = frozenset(
    {
        "child_id",
        "meeting_id",
        "harm",
        "age",
        "sex",
        "ethnicity",
        "disability",
        "legal_status",
        "siblings",
        "incident_on",
        "la_aware_on",
        "notified_on",
        "referral_on",
        "notification_ref",
        "template_sent_on",
        "background",
        "practice_episodes",
        "good_practice",
        "learning_local",
        "learning_national",
        "inequality",
        "lcspr",
        "criteria",
        "rationale",
        "other_learning",
        "national_review",
        "late_reason",
        "lcspr_started_on",
        "lcspr_reviewer",
    }
)


@dataclass(frozen=True)
class ReviewQuery:
    """Which reviews the list shows: ``state`` "open" (not yet sent to the
    Panel), "sent", or "" for all; ``year`` of the notification; ``text`` in the
    reference or the notification reference."""

    state: str = ""
    year: int | None = None
    text: str = ""


@dataclass(frozen=True)
class ReviewFigures:
    """What a chair reports: reviews completed within 15 working days (this year
    and all time), the median working days taken, the Panel's response times."""

    year: int
    completed_year: int
    on_time_year: int
    completed_all: int
    on_time_all: int
    median_days: float | None
    open: int
    overdue: int
    panel_responses: int
    median_panel_days: float | None  # calendar days from sent to the Panel's response

    @staticmethod
    def share(on_time: int, completed: int) -> str:
        return f"{round(100 * on_time / completed)}%" if completed else "none completed"


class RapidReviewsPart:
    def __init__(self, unit: Unit, settings: SettingsPart, actions: ActionsPart) -> None:
        self.unit = unit
        self._settings = settings
        self._actions = actions

    # -- the record ------------------------------------------------------------

    def get(self, review_id: int) -> RapidReview:
        from store.domain.models.reviews import RapidReview

        return self.unit.get(RapidReview, "rapid_reviews", review_id)

    def by_reference(self, reference: str) -> RapidReview | None:
        from store.domain.models.reviews import RapidReview

        row = self.unit.row(
            "SELECT * FROM rapid_reviews WHERE reference = ?", [reference.strip().upper()]
        )
        return RapidReview.model_validate(row) if row else None

    def next_reference(self, year: int) -> str:
        """RR-2026-04: the next number in the notification's year."""
        taken = self.unit.scalar(
            "SELECT count(*) FROM rapid_reviews WHERE reference LIKE ?", [f"RR-{year}-%"]
        )
        number = int(taken) + 1
        while self.by_reference(f"RR-{year}-{number:02d}") is not None:
            number += 1
        return f"RR-{year}-{number:02d}"

    def day0(self, review: RapidReview) -> dt.date:
        """Day 0 of the clock: the notification, or the referral where the
        partnership counts from it (and one is recorded)."""
        return _day0(review, self._day0_basis())

    def _day0_basis(self) -> str:
        return str(self.unit.scalar("SELECT review_day0 FROM settings WHERE id = 1") or "")

    def create(self, *, notified_on: dt.date | str, **given: Any) -> RapidReview:
        """A new review from its notification (no rapid review starts without
        one): day 0 and the deadlines follow from it. ``reference`` is made
        (RR-2026-03) unless given; every statutory partner is listed as involved,
        its return due as the clock says."""
        from store.domain.models import validate
        from store.domain.models.reviews import RapidReview

        unknown = set(given) - EDITABLE - {"reference"}
        if unknown:
            raise errors.InvalidValue({name: "not a field of a rapid review" for name in unknown})
        if not notified_on:
            raise errors.InvalidValue(
                {"notified_on": "a rapid review starts from a serious incident notification"}
            )
        review = validate(
            RapidReview,
            {**given, "notified_on": notified_on, "created_at": self.unit.clock()},
        )
        self._check_dates(review)
        with self.unit.write():
            reference = review.reference or self.next_reference(review.notified_on.year)
            if self.by_reference(reference) is not None:
                raise errors.InvalidValue({"reference": f"{reference} is taken"})
            if review.child_id is not None:
                self._check_child(review.child_id)
            review = review.model_copy(
                update={"reference": reference, "complete_by": self._complete_by(review)}
            )
            review_id = self.unit.insert("rapid_reviews", review)
            review = self.get(review_id)
            due = self._returns_due(review)
            for agency in self.unit.rows(
                "SELECT id FROM agencies WHERE statutory = 1 AND kind IN (?, ?, ?) ORDER BY id",
                [kind.value for kind in PARTNER_KINDS],
            ):
                self.set_agency(review_id, int(agency["id"]), involved=True, return_due=due)
        return review

    def update(self, review_id: int, **given: Any) -> RapidReview:
        """Change the record's fields (audited); the deadlines follow a new day 0."""
        from store.domain.models.reviews import RapidReview

        unknown = set(given) - EDITABLE
        if unknown:
            raise errors.InvalidValue({name: "not a field you can change here" for name in unknown})
        if "child_id" in given and given["child_id"] is not None:
            self._check_child(int(given["child_id"]))
        with self.unit.write():
            updated = self.unit.update(RapidReview, "rapid_reviews", review_id, dict(given))
            self._check_dates(updated)
            complete_by = self._complete_by(updated)
            if complete_by != updated.complete_by:
                updated = self.unit.update(
                    RapidReview, "rapid_reviews", review_id, {"complete_by": complete_by}
                )
        return updated

    def _check_child(self, child_id: int) -> None:
        if not self.unit.scalar("SELECT count(*) FROM protected_people WHERE id = ?", [child_id]):
            raise errors.InvalidValue({"child_id": "not on the register of protected names"})

    @staticmethod
    def _check_dates(review: RapidReview) -> None:
        problems = {}
        if review.la_aware_on and review.incident_on and review.la_aware_on < review.incident_on:
            problems["la_aware_on"] = "the local authority became aware before the incident"
        if review.la_aware_on and review.notified_on < review.la_aware_on:
            problems["notified_on"] = "notified before the local authority became aware"
        if review.sent_to_panel_on and review.sent_to_panel_on < review.notified_on:
            problems["sent_to_panel_on"] = "sent to the Panel before the notification"
        if problems:
            raise errors.InvalidValue(problems)

    def _closures(self) -> frozenset[dt.date]:
        return self._settings.closures()

    def _complete_by(self, review: RapidReview) -> dt.date:
        """When the whole review is due: the "complete" milestone of the settings
        (15 working days by default), kept with the review as it started."""
        from store.domain.review_clock import MilestoneKey
        from store.domain.workdays import add_working_days

        within = next(
            (
                m.within
                for m in self._settings.review_milestones()
                if m.key is MilestoneKey.COMPLETE
            ),
            WHOLE_REVIEW_DAYS,
        )
        return add_working_days(self.day0(review), within, self._closures())

    def _returns_due(self, review: RapidReview) -> dt.date | None:
        from store.domain.review_clock import MilestoneKey

        for status in self.clock(review).statuses:
            if status.milestone.key is MilestoneKey.RETURNS_IN:
                return status.due
        return None

    # -- agencies, processes, sign-off -------------------------------------------

    def agencies(self, review_id: int) -> list[ReviewAgency]:
        from store.domain.models.reviews import ReviewAgency

        rows = self.unit.rows(
            "SELECT r.* FROM review_agencies r JOIN agencies a ON a.id = r.agency_id "
            "WHERE r.review_id = ? ORDER BY a.statutory DESC, a.name COLLATE NOCASE",
            [review_id],
        )
        return [ReviewAgency.model_validate(r) for r in rows]

    def set_agency(self, review_id: int, agency_id: int, **given: Any) -> ReviewAgency:
        """An agency's involvement: involved or not, its return's due date and
        the day it came in, a summary (added, or changed and audited)."""
        from store.domain.models import validate
        from store.domain.models.reviews import ReviewAgency

        if not self.unit.scalar("SELECT count(*) FROM agencies WHERE id = ?", [agency_id]):
            raise errors.InvalidValue({"agency_id": "no such agency"})
        row = self.unit.row(
            "SELECT id FROM review_agencies WHERE review_id = ? AND agency_id = ?",
            [review_id, agency_id],
        )
        with self.unit.write():
            if row is None:
                if "return_due" not in given:
                    given["return_due"] = self._returns_due(self.get(review_id))
                record = validate(
                    ReviewAgency, {**given, "review_id": review_id, "agency_id": agency_id}
                )
                return record.model_copy(update={"id": self.unit.insert("review_agencies", record)})
            return self.unit.update(ReviewAgency, "review_agencies", int(row["id"]), given)

    def outstanding(self, review_id: int) -> list[ReviewAgency]:
        """The involved agencies whose return has not come in."""
        return [a for a in self.agencies(review_id) if a.involved and a.return_in is None]

    def processes(self, review_id: int) -> list[ReviewProcess]:
        from store.domain.models.reviews import ReviewProcess

        rows = self.unit.rows(
            "SELECT * FROM review_processes WHERE review_id = ? ORDER BY id", [review_id]
        )
        return [ReviewProcess.model_validate(r) for r in rows]

    def set_process(self, review_id: int, kind: ProcessKind | str, status: str) -> ReviewProcess:
        """A parallel process (police investigation, coroner, ...) and its status."""
        from store.domain.models import validate
        from store.domain.models.reviews import ReviewProcess

        record = validate(ReviewProcess, {"review_id": review_id, "kind": kind, "status": status})
        row = self.unit.row(
            "SELECT id FROM review_processes WHERE review_id = ? AND kind = ?",
            [review_id, record.kind.value],
        )
        with self.unit.write():
            if row is None:
                return record.model_copy(
                    update={"id": self.unit.insert("review_processes", record)}
                )
            return self.unit.update(
                ReviewProcess, "review_processes", int(row["id"]), {"status": record.status}
            )

    def sign_off(
        self, review_id: int, agency_id: int, person_id: int | None, on: dt.date | str
    ) -> SignOff:
        """A safeguarding partner signs the review off (its agency, who, when)."""
        from store.domain.models import validate
        from store.domain.models.reviews import SignOff

        statutory = self.unit.row("SELECT statutory, kind FROM agencies WHERE id = ?", [agency_id])
        if statutory is None or not statutory["statutory"]:
            raise errors.InvalidValue({"agency_id": "sign-off is by a safeguarding partner"})
        self.unit.check_person("person_id", person_id)
        record = validate(
            SignOff,
            {
                "review_id": review_id,
                "agency_id": agency_id,
                "person_id": person_id,
                "signed_on": on,
            },
        )
        if record.signed_on < self.get(review_id).notified_on:
            raise errors.InvalidValue({"signed_on": "signed before the notification"})
        row = self.unit.row(
            "SELECT id FROM review_signoffs WHERE review_id = ? AND agency_id = ?",
            [review_id, agency_id],
        )
        with self.unit.write():
            if row is None:
                return record.model_copy(update={"id": self.unit.insert("review_signoffs", record)})
            return self.unit.update(
                SignOff,
                "review_signoffs",
                int(row["id"]),
                {"person_id": person_id, "signed_on": record.signed_on},
            )

    def partners(self) -> list[Agency]:
        """The safeguarding partners who sign a review off (the statutory local
        authority, health and police agencies), in the directory's order."""
        from store.domain.models import Agency

        rows = self.unit.rows(
            "SELECT * FROM agencies WHERE statutory = 1 AND kind IN (?, ?, ?) "
            "ORDER BY name COLLATE NOCASE",
            [kind.value for kind in PARTNER_KINDS],
        )
        return [Agency.model_validate(r) for r in rows]

    def unsigned(self, review_id: int) -> list[Agency]:
        """The partners who have not signed the review off yet."""
        signed = {s.agency_id for s in self.signoffs(review_id)}
        return [a for a in self.partners() if a.id not in signed]

    def signoffs(self, review_id: int) -> list[SignOff]:
        from store.domain.models.reviews import SignOff

        rows = self.unit.rows(
            "SELECT * FROM review_signoffs WHERE review_id = ? ORDER BY id", [review_id]
        )
        return [SignOff.model_validate(r) for r in rows]

    def immediate_actions(self, review_id: int) -> list[Action]:
        """The review's immediate actions: actions in the action log linked to it."""
        from store.domain.models import Action

        rows = self.unit.rows(
            "SELECT * FROM actions WHERE review_id = ? ORDER BY reference", [review_id]
        )
        return [Action.model_validate(r) for r in rows]

    def add_immediate_action(self, review_id: int, description: str, **given: Any) -> Action:
        """Raise an action on the action log as one of the review's immediate
        actions (owner, agency, due as for any action)."""
        from store.domain.models import Action

        review = self.get(review_id)
        with self.unit.write():
            action = self._actions.add(description, meeting_id=review.meeting_id, **given)
            return self.unit.update(Action, "actions", action.id or 0, {"review_id": review_id})

    # -- sending it to the Panel --------------------------------------------------

    def missing_for_panel(self, review_id: int) -> list[str]:
        """What stops the record being sent to the Panel, in words ([] when ready):
        each safeguarding partner's sign-off, the decision and its rationale, the
        returns not in."""
        review = self.get(review_id)
        missing: list[str] = []
        if review.lcspr is None:
            missing.append("the decision (LCSPR or not)")
        elif not (review.rationale or "").strip():
            missing.append("the decision's rationale")
        for partner in self.unsigned(review_id):
            missing.append(f"{partner.short_name}'s sign-off")
        names = {
            a["id"]: a["short_name"] for a in self.unit.rows("SELECT id, short_name FROM agencies")
        }
        for agency in self.outstanding(review_id):
            missing.append(f"{names.get(agency.agency_id, 'an agency')}'s return")
        return missing

    def send_to_panel(self, review_id: int, on: dt.date | str) -> RapidReview:
        """Mark the record sent to the Panel on ``on``; refused, naming what is
        missing, until it is complete. The working days it took are kept."""
        from store.domain.models import validate
        from store.domain.models.reviews import RapidReview
        from store.domain.workdays import working_days_between

        missing = self.missing_for_panel(review_id)
        if missing:
            raise errors.NotNow(
                "Not ready to send to the Panel: missing " + "; ".join(missing) + "."
            )
        review = self.get(review_id)
        sent = validate(
            RapidReview, review.model_dump() | {"sent_to_panel_on": on}
        ).sent_to_panel_on
        assert sent is not None
        changes = {
            "sent_to_panel_on": sent,
            "days_taken": working_days_between(self.day0(review), sent, self._closures()),
        }
        updated = self.unit.update(RapidReview, "rapid_reviews", review_id, changes)
        self._check_dates(updated)
        return updated

    def record_panel_response(
        self, review_id: int, response: PanelResponse | str, on: dt.date | str
    ) -> RapidReview:
        from store.domain.models.reviews import RapidReview

        review = self.get(review_id)
        if review.sent_to_panel_on is None:
            raise errors.NotNow("The review has not been sent to the Panel yet.")
        updated = self.unit.update(
            RapidReview,
            "rapid_reviews",
            review_id,
            {"panel_response": response, "panel_response_on": on},
        )
        if updated.panel_response_on and updated.panel_response_on < review.sent_to_panel_on:
            raise errors.InvalidValue({"panel_response_on": "before the review was sent"})
        return updated

    # -- the clock ----------------------------------------------------------------

    def clock(self, review: RapidReview, today: dt.date | None = None) -> ReviewClock:
        """Where the review stands against its milestones on ``today``."""
        return self.clocks([review], today)[0]

    def clocks(
        self, reviews: Sequence[RapidReview], today: dt.date | None = None
    ) -> list[ReviewClock]:
        """Each review's clock on ``today``: the settings, the closure days, the
        meetings held and the returns are read once for the lot (a list's page,
        the dashboard, an export), not once a review."""
        import json

        from store.domain.review_clock import MilestoneKey, review_clock

        day = today or self.unit.clock().date()
        milestones = self._settings.review_milestones()
        closures = self._closures()
        basis = self._day0_basis()
        ids = json.dumps([r.id for r in reviews if r.id is not None])
        meetings = json.dumps([r.meeting_id for r in reviews if r.meeting_id is not None])
        held = {
            int(row["id"]): dt.date.fromisoformat(row["date"])
            for row in self.unit.rows(
                "SELECT id, date FROM meetings WHERE status IN ('live', 'closed') "
                "AND id IN (SELECT value FROM json_each(?))",
                [meetings],
            )
        }
        # Every involved agency's return in: the day the last came in.
        returns = {
            int(row["review_id"]): dt.date.fromisoformat(row["last"])
            for row in self.unit.rows(
                "SELECT review_id, max(return_in) AS last FROM review_agencies "
                "WHERE involved = 1 AND review_id IN (SELECT value FROM json_each(?)) "
                "GROUP BY review_id HAVING count(*) = count(return_in)",
                [ids],
            )
        }
        out = []
        for review in reviews:
            done = {
                MilestoneKey.TEMPLATE_SENT: review.template_sent_on,
                MilestoneKey.RETURNS_IN: returns.get(review.id or 0),
                MilestoneKey.MEETING_HELD: held.get(review.meeting_id or 0),
                MilestoneKey.SENT_TO_PANEL: review.sent_to_panel_on,
                MilestoneKey.COMPLETE: review.sent_to_panel_on,
            }
            out.append(review_clock(_day0(review, basis), done, day, milestones, closures))
        return out

    # -- the list and the figures ---------------------------------------------------

    def _where(self, query: ReviewQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if query.state == "open":
            clauses.append("sent_to_panel_on IS NULL")
        elif query.state == "sent":
            clauses.append("sent_to_panel_on IS NOT NULL")
        if query.year is not None:
            clauses.append("notified_on >= ? AND notified_on < ?")
            params += [f"{query.year}-01-01", f"{query.year + 1}-01-01"]
        if query.text.strip():
            clauses.append("(reference LIKE ? OR coalesce(notification_ref, '') LIKE ?)")
            like = f"%{query.text.strip()}%"
            params += [like, like]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, query: ReviewQuery | None = None) -> int:
        where, params = self._where(query or ReviewQuery())
        return int(self.unit.scalar(f"SELECT count(*) FROM rapid_reviews{where}", params))

    def page(
        self, query: ReviewQuery | None = None, offset: int = 0, limit: int = 200
    ) -> list[RapidReview]:
        """One page of the list, newest notification first."""
        from store.domain.models.reviews import RapidReview

        where, params = self._where(query or ReviewQuery())
        rows = self.unit.rows(
            f"SELECT * FROM rapid_reviews{where} ORDER BY notified_on DESC, id DESC "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [RapidReview.model_validate(r) for r in rows]

    def figures(self, year: int | None = None, today: dt.date | None = None) -> ReviewFigures:
        """The on-time rate this year and all time, the median working days, the
        open and overdue reviews, the Panel's response times: counted in SQL."""
        today = today or self.unit.clock().date()
        year = year or today.year
        start, end = f"{year}-01-01", f"{year + 1}-01-01"
        row = (
            self.unit.row(
                "SELECT "
                "count(sent_to_panel_on) AS completed_all, "
                "sum(sent_to_panel_on <= complete_by) AS on_time_all, "
                "sum(sent_to_panel_on IS NOT NULL AND notified_on >= ?1 AND notified_on < ?2) "
                "  AS completed_year, "
                "sum(sent_to_panel_on <= complete_by AND notified_on >= ?1 AND notified_on < ?2) "
                "  AS on_time_year, "
                "sum(sent_to_panel_on IS NULL) AS open, "
                "sum(sent_to_panel_on IS NULL AND complete_by < ?3) AS overdue, "
                "count(panel_response_on) AS panel_responses "
                "FROM rapid_reviews",
                [start, end, today.isoformat()],
            )
            or {}
        )
        median_days = self.unit.median(
            "SELECT days_taken AS v FROM rapid_reviews WHERE days_taken IS NOT NULL"
        )
        median_panel = self.unit.median(
            "SELECT julianday(panel_response_on) - julianday(sent_to_panel_on) AS v "
            "FROM rapid_reviews WHERE panel_response_on IS NOT NULL"
        )
        return ReviewFigures(
            year=year,
            completed_year=int(row.get("completed_year") or 0),
            on_time_year=int(row.get("on_time_year") or 0),
            completed_all=int(row.get("completed_all") or 0),
            on_time_all=int(row.get("on_time_all") or 0),
            median_days=median_days,
            open=int(row.get("open") or 0),
            overdue=int(row.get("overdue") or 0),
            panel_responses=int(row.get("panel_responses") or 0),
            median_panel_days=median_panel,
        )


def _day0(review: RapidReview, basis: str) -> dt.date:
    if basis == "referral" and review.referral_on is not None:
        return review.referral_on
    return review.notified_on
