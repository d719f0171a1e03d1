"""The dashboard's figures, read as plain rows so the first frame shows before
the models load."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from store.domain.kinds import (
    MeetingStatus,
)

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.reviews import RapidReviewsPart
    from store.settings import SettingsPart
from store.domain.views import ActionSummary, MeetingSummary, Overview


class DashboardPart:
    def __init__(self, unit: Unit, settings: SettingsPart) -> None:
        self.unit = unit
        self._settings = settings

    def upcoming(self, limit: int = 5, today: dt.date | None = None) -> list[MeetingSummary]:
        """The next ``limit`` meetings from today, soonest first (uses the date index).

        Summaries built from rows, not models: the dashboard shows them on the first frame.
        """
        today = today or self.unit.clock().date()
        rows = self.unit.rows(
            "SELECT id, title, kind, date, start_time, location, status FROM meetings "
            "WHERE date >= ? AND status NOT IN ('closed', 'cancelled') "
            "ORDER BY date, start_time, id LIMIT ?",
            [today.isoformat(), limit],
        )
        return [MeetingSummary.from_row(r) for r in rows]

    def live_titles(self) -> list[str]:
        """The titles of the meetings under way (started, not ended)."""
        rows = self.unit.rows("SELECT title FROM meetings WHERE status = 'live' ORDER BY date, id")
        return [str(r["title"]) for r in rows]

    def overview(self) -> Overview:
        """Overdue actions (count, the oldest), due this week, open by agency.

        Plain rows, no models: the dashboard shows this on the first frame.
        """
        today = self.unit.clock().date()
        week = today + dt.timedelta(days=self._settings.amber_days())
        overdue = int(
            self.unit.scalar(
                "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress') AND due < ?",
                [today.isoformat()],
            )
        )
        # The "open" test is spelt as in the actions_*open_order indexes, so these
        # read index entries only: 0.2 and 0.4 ms on ten years of actions, against
        # 1.8 and 3.0 ms when every open action's row was fetched.
        is_open = "(status IN ('open', 'in_progress')) = 1"
        oldest_row = self.unit.row(
            "SELECT id, reference, description, due FROM actions "
            f"WHERE {is_open} AND (due IS NULL) = 0 AND due < ? ORDER BY due, reference LIMIT 1",
            [today.isoformat()],
        )
        due_week = int(
            self.unit.scalar(
                "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress') "
                "AND due >= ? AND due <= ?",
                [today.isoformat(), week.isoformat()],
            )
        )
        by_agency = self.unit.rows(
            "SELECT agency, n FROM ("
            f"SELECT g.short_name AS agency, (SELECT count(*) FROM actions a "
            f"WHERE a.agency_id = g.id AND {is_open}) AS n FROM agencies g "
            "UNION ALL SELECT 'No agency', (SELECT count(*) FROM actions a "
            f"WHERE a.agency_id IS NULL AND {is_open})"
            ") WHERE n > 0 ORDER BY n DESC, agency LIMIT 8"
        )
        return Overview(
            overdue,
            ActionSummary.from_row(oldest_row) if oldest_row else None,
            due_week,
            [(r["agency"], int(r["n"])) for r in by_agency],
        )

    def open_reviews(self) -> int:
        """How many rapid reviews are open (not yet sent to the Panel): a count,
        no models, so the first frame can say "none" without waiting."""
        return int(
            self.unit.scalar("SELECT count(*) FROM rapid_reviews WHERE sent_to_panel_on IS NULL")
        )

    def escalations(self, now: dt.datetime | None = None, limit: int = 3) -> EscalationsAtAGlance:
        """The open escalations by stage (with how many are overdue at each), and
        the ``limit`` most pressing: the overdue first, then the soonest due.
        Plain rows on a partial index, so the first frame carries them."""
        from store.escalations import OVERDUE_SQL

        now = now or self.unit.clock()
        times = {"now": now.isoformat(), "today": now.date().isoformat()}
        by_stage = [
            (int(r["stage"]), int(r["n"]), int(r["late"] or 0))
            for r in self.unit.rows(
                f"SELECT stage, count(*) AS n, sum({OVERDUE_SQL}) AS late FROM escalations "
                "WHERE status = 'open' GROUP BY stage ORDER BY stage",
                times,
            )
        ]
        worst = [
            EscalationLine(
                int(r["id"]),
                r["reference"],
                int(r["stage"]),
                dt.date.fromisoformat(r["stage_due"]),
                dt.datetime.fromisoformat(r["stage_due_at"]) if r["stage_due_at"] else None,
                bool(r["late"]),
                bool(r["urgent"]),
            )
            for r in self.unit.rows(
                f"SELECT id, reference, stage, stage_due, stage_due_at, urgent, {OVERDUE_SQL} "
                "AS late FROM escalations WHERE status = 'open' "
                "ORDER BY late DESC, stage_due, id LIMIT :limit",
                times | {"limit": limit},
            )
        ]
        return EscalationsAtAGlance(tuple(by_stage), tuple(worst))

    def counts(self) -> dict[str, int]:
        """How many of each record the file holds (for the dashboard and ``check``)."""
        today = self.unit.clock().date().isoformat()
        return {
            "agencies": int(self.unit.scalar("SELECT count(*) FROM agencies")),
            "people": int(self.unit.scalar("SELECT count(*) FROM people")),
            "meetings": int(self.unit.scalar("SELECT count(*) FROM meetings")),
            "upcoming meetings": int(
                self.unit.scalar(
                    "SELECT count(*) FROM meetings WHERE date >= ? AND status NOT IN (?, ?)",
                    [today, MeetingStatus.CLOSED.value, MeetingStatus.CANCELLED.value],
                )
            ),
            "agenda items": int(self.unit.scalar("SELECT count(*) FROM agenda_items")),
        }


@dataclass(frozen=True)
class EscalationLine:
    """An open escalation as the dashboard lists it."""

    escalation_id: int
    reference: str
    stage: int
    due: dt.date
    due_at: dt.datetime | None  # the urgent route's moment
    overdue: bool
    urgent: bool


@dataclass(frozen=True)
class EscalationsAtAGlance:
    by_stage: tuple[tuple[int, int, int], ...]  # (stage, open, of which overdue)
    worst: tuple[EscalationLine, ...]

    @property
    def open(self) -> int:
        return sum(n for _stage, n, _late in self.by_stage)

    @property
    def overdue(self) -> int:
        return sum(late for _stage, _n, late in self.by_stage)


@dataclass(frozen=True)
class ReviewDeadline:
    """An open rapid review's next deadline, as the dashboard lists it."""

    review_id: int
    reference: str
    milestone: str  # the milestone's short name: template, returns, meeting, panel, complete
    due: dt.date
    days_left: int  # working days; negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def review_deadlines(
    reviews: RapidReviewsPart, today: dt.date, limit: int = 200
) -> tuple[list[ReviewDeadline], int]:
    """Every open review's next deadline, worst first (the most overdue, then the
    soonest due), and how many reviews are open. Reads the newest ``limit`` open
    reviews: a review left open for years is a data problem the list shows.

    Builds the models and each clock: run it after the dashboard's first frame."""
    from store.reviews import ReviewQuery

    query = ReviewQuery(state="open")
    deadlines = []
    listed = reviews.page(query, 0, limit)
    for review, clock in zip(listed, reviews.clocks(listed, today), strict=True):
        status = clock.next
        if status is None or review.id is None:
            continue
        deadlines.append(
            ReviewDeadline(
                review.id,
                review.reference,
                status.milestone.key.word,
                status.due,
                status.days_left if status.days_left is not None else 0,
            )
        )
    deadlines.sort(key=lambda d: (d.days_left, d.due, d.reference))
    return deadlines, reviews.count(query)
