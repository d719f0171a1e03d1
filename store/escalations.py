"""Escalations: professional disagreements between agencies about a child, each
at a stage of the partnership's policy (store.domain.escalation_policy) with who
holds it and its due date, moved on to the next stage, resolved or closed
unresolved; the history of its stages is kept. The list pages from SQL and the
figures the executive and the scrutineer ask for are counted in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.domain import errors
from store.domain.kinds import EscalationCategory, EscalationStatus, Referral

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.escalation_policy import Policy
    from store.domain.models.escalations import Escalation, EscalationStage
    from store.settings import SettingsPart

# The fields a chair corrects on the record (the stage moves with its own methods).
EDITABLE = frozenset(
    {
        "child_id",
        "raised_by_id",
        "raised_by_role",
        "raised_by_agency_id",
        "raised_with_agency_id",
        "decision_disputed",
        "category",
        "raiser_position",
        "other_position",
        "holder_id",
        "holder",
        "learning_theme",
        "outcome",
    }
)
# Open and past its due date (the urgent route: past its due moment).
OVERDUE_SQL = (
    "(status = 'open' AND (CASE WHEN stage_due_at IS NOT NULL "
    "THEN julianday(stage_due_at) < julianday(:now) ELSE stage_due < :today END))"
)


@dataclass(frozen=True)
class EscalationQuery:
    """Which escalations the list shows: ``state`` "open", "resolved", "closed"
    or "" for all; the current ``stage``; an ``agency`` on either side; the
    ``category``; ``urgent`` only or not urgent only; ``overdue`` only; ``text``
    in the reference."""

    state: str = "open"
    stage: int | None = None
    agency_id: int | None = None
    category: str = ""
    urgent: bool | None = None
    overdue: bool = False
    text: str = ""


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class EscalationFigures:
    """What the executive and the scrutineer ask for, all counted in SQL."""

    open: int
    overdue: int
    urgent_open: int
    open_by_stage: tuple[Count, ...]
    open_by_agency: tuple[Count, ...]  # an agency on either side
    open_by_category: tuple[Count, ...]
    resolved: int
    resolved_by_stage: tuple[Count, ...]
    median_days: float | None  # working days from raised to resolved
    closed: int  # closed unresolved
    to_executive: int  # closed unresolved and referred there
    to_scrutineer: int
    reached_last: int  # reached its policy's last stage (the executive, by default)
    themes: tuple[Count, ...]


@dataclass(frozen=True)
class Move:
    """A step an escalation took in a meeting: "Escalated to stage 2",
    "Resolved at stage 3", "Closed unresolved, referred to …"."""

    escalation: Escalation
    what: str
    note: str


class EscalationsPart:
    def __init__(self, unit: Unit, settings: SettingsPart) -> None:
        self.unit = unit
        self._settings = settings

    # -- the record ------------------------------------------------------------

    def get(self, escalation_id: int) -> Escalation:
        from store.domain.models.escalations import Escalation

        return self.unit.get(Escalation, "escalations", escalation_id)

    def by_reference(self, reference: str) -> Escalation | None:
        from store.domain.models.escalations import Escalation

        row = self.unit.row(
            "SELECT * FROM escalations WHERE reference = ?", [reference.strip().upper()]
        )
        return Escalation.model_validate(row) if row else None

    def next_reference(self, year: int) -> str:
        """ESC-2026-07: the next number in the year it was raised."""
        taken = self.unit.scalar(
            "SELECT count(*) FROM escalations WHERE reference LIKE ?", [f"ESC-{year}-%"]
        )
        number = int(taken) + 1
        while self.by_reference(f"ESC-{year}-{number:02d}") is not None:
            number += 1
        return f"ESC-{year}-{number:02d}"

    def policy(self, escalation: Escalation | None = None) -> Policy:
        """The policy an escalation started under, or (none given) the setting now."""
        from store.domain.escalation_policy import policy_from_json

        if escalation is not None:
            return policy_from_json(escalation.policy_json)
        return self._settings.escalation_policy()

    def stages(self, escalation_id: int) -> list[EscalationStage]:
        """Its history: each stage entered, oldest first."""
        from store.domain.models.escalations import EscalationStage

        rows = self.unit.rows(
            "SELECT * FROM escalation_stages WHERE escalation_id = ? ORDER BY id", [escalation_id]
        )
        return [EscalationStage.model_validate(r) for r in rows]

    def add(
        self,
        *,
        raised_on: dt.date | str,
        raised_by_agency_id: int,
        raised_with_agency_id: int,
        category: EscalationCategory | str,
        urgent: bool = False,
        raised_at: dt.datetime | None = None,
        note: str = "",
        meeting_id: int | None = None,
        reference: str = "",
        **given: Any,
    ) -> Escalation:
        """Raise an escalation at stage 1 of the policy as it is now (which it
        keeps): held by ``holder`` (the stage's role unless given), due as the
        calendar says; on the urgent route due ``raised_at`` (the moment it was
        raised: now, on a date given as today) plus the policy's hours."""
        from store.domain.models import validate
        from store.domain.models.escalations import Escalation

        unknown = set(given) - EDITABLE
        if unknown:
            raise errors.InvalidValue({name: "not a field of an escalation" for name in unknown})
        policy = self._settings.escalation_policy()
        escalation = validate(
            Escalation,
            {
                **given,
                "reference": reference,
                "raised_on": raised_on,
                "raised_by_agency_id": raised_by_agency_id,
                "raised_with_agency_id": raised_with_agency_id,
                "category": category,
                "urgent": urgent,
                "policy_json": policy.to_json(),
                "created_at": self.unit.clock(),
            },
        )
        self._check_parties(escalation)
        if escalation.raised_on > self.unit.clock().date():
            raise errors.InvalidValue({"raised_on": "an escalation cannot be raised in the future"})
        entered = self._moment(escalation.raised_on, raised_at, "raised_at")
        self._check_calendar(escalation.raised_on)
        with self.unit.write():
            # As validated (trimmed, in capitals): as typed, "esc-2026-09" would be
            # kept in small letters and by_reference would not find it again.
            number = escalation.reference or self.next_reference(escalation.raised_on.year)
            if self.by_reference(number) is not None:
                raise errors.InvalidValue({"reference": f"{number} is taken"})
            escalation = escalation.model_copy(update={"reference": number})
            escalation_id = self.unit.insert("escalations", escalation)
            self._enter(
                self.get(escalation_id),
                1,
                entered,
                holder_id=escalation.holder_id,
                holder=escalation.holder,
                note=note,
                meeting_id=meeting_id,
            )
        return self.get(escalation_id)

    def update(self, escalation_id: int, **given: Any) -> Escalation:
        """Correct the record's fields (audited); the holder is the current stage's."""
        from store.domain.models import validate
        from store.domain.models.escalations import Escalation, EscalationStage

        unknown = set(given) - EDITABLE
        if unknown:
            raise errors.InvalidValue({name: "not a field you can change here" for name in unknown})
        # Checked before the write: a reference to nobody would otherwise reach
        # the foreign keys and come back as a failed write, not a field's message.
        before = self.get(escalation_id)
        self._check_parties(validate(Escalation, before.model_dump() | dict(given)))
        with self.unit.write():
            updated = self.unit.update(Escalation, "escalations", escalation_id, dict(given))
            holding: dict[str, Any] = {k: given[k] for k in ("holder_id", "holder") if k in given}
            if holding:
                current = self.stages(escalation_id)[-1]
                self.unit.update(EscalationStage, "escalation_stages", current.id or 0, holding)
        return updated

    # -- moving it on ------------------------------------------------------------

    def escalate(
        self,
        escalation_id: int,
        on: dt.date | str,
        *,
        at: dt.datetime | None = None,
        holder_id: int | None = None,
        holder: str | None = None,
        note: str = "",
        meeting_id: int | None = None,
    ) -> Escalation:
        """Move it to the next stage of its policy on ``on``: held by ``holder``
        (the stage's role unless given), due as the calendar says (the urgent
        route: ``at`` plus the policy's hours)."""
        escalation = self._open(escalation_id)
        policy = self.policy(escalation)
        if escalation.stage >= policy.last:
            raise errors.NotNow(
                f"{escalation.reference} is at the last stage of its policy "
                f"({policy.label(escalation.stage)}): resolve it or close it unresolved."
            )
        day = self._day(on, "on")
        self._check_after_current(escalation_id, day)
        # On the urgent route, never a moment before the stage it leaves began.
        entered = self._moment(day, at, "at", after=self.stages(escalation_id)[-1].entered_at)
        with self.unit.write():
            self._leave(escalation_id, day)
            self._enter(
                escalation,
                escalation.stage + 1,
                entered,
                holder_id=holder_id,
                holder=holder,
                note=note,
                meeting_id=meeting_id,
            )
        return self.get(escalation_id)

    def resolve(
        self,
        escalation_id: int,
        on: dt.date | str,
        outcome: str,
        *,
        learning_theme: str | None = None,
        meeting_id: int | None = None,
    ) -> Escalation:
        """Resolved at its current stage on ``on``, with the outcome agreed."""
        return self._close(
            escalation_id, on, EscalationStatus.RESOLVED, outcome, learning_theme, None, meeting_id
        )

    def close_unresolved(
        self,
        escalation_id: int,
        on: dt.date | str,
        referred_to: Referral | str,
        outcome: str = "",
        *,
        learning_theme: str | None = None,
        meeting_id: int | None = None,
    ) -> Escalation:
        """Closed without agreement, referred to the executive or the scrutineer."""
        try:
            referral = Referral(referred_to) if referred_to else None
        except ValueError:
            raise errors.InvalidValue(
                {"referred_to": "to the executive or the scrutineer?"}
            ) from None
        return self._close(
            escalation_id,
            on,
            EscalationStatus.CLOSED,
            outcome,
            learning_theme,
            referral,
            meeting_id,
        )

    def _close(
        self,
        escalation_id: int,
        on: dt.date | str,
        status: EscalationStatus,
        outcome: str,
        learning_theme: str | None,
        referred_to: Referral | None,
        meeting_id: int | None,
    ) -> Escalation:
        from store.domain.models.escalations import Escalation
        from store.domain.workdays import working_days_between

        escalation = self._open(escalation_id)
        if status is EscalationStatus.RESOLVED and not outcome.strip():
            raise errors.InvalidValue({"outcome": "say what was agreed"})
        if status is EscalationStatus.CLOSED and referred_to is None:
            raise errors.InvalidValue({"referred_to": "to the executive or the scrutineer?"})
        day = self._day(on, "closed_on")
        self._check_after_current(escalation_id, day, field="closed_on")
        self._check_meeting(meeting_id)
        with self.unit.write():
            self._leave(escalation_id, day)
            return self.unit.update(
                Escalation,
                "escalations",
                escalation_id,
                {
                    "status": status,
                    # Left out (no outcome to close unresolved, no theme): what the
                    # record already says is kept, not wiped.
                    "outcome": outcome if outcome.strip() else escalation.outcome,
                    "closed_on": day,
                    "closed_meeting_id": meeting_id,
                    "learning_theme": (
                        escalation.learning_theme if learning_theme is None else learning_theme
                    ),
                    "referred_to": referred_to,
                    "days_open": working_days_between(
                        escalation.raised_on, day, self._settings.closures()
                    ),
                },
            )

    def _open(self, escalation_id: int) -> Escalation:
        escalation = self.get(escalation_id)
        if escalation.status is not EscalationStatus.OPEN:
            raise errors.NotNow(
                f"{escalation.reference} was {escalation.status.label.lower()} on "
                f"{escalation.closed_on:%d %b %Y}; it cannot move on now."
            )
        return escalation

    def _enter(
        self,
        escalation: Escalation,
        number: int,
        entered: dt.datetime,
        *,
        holder_id: int | None,
        holder: str | None,
        note: str,
        meeting_id: int | None,
    ) -> None:
        from store.domain.models import validate
        from store.domain.models.escalations import Escalation, EscalationStage

        self.unit.check_person("holder_id", holder_id)
        self._check_meeting(meeting_id)
        policy = self.policy(escalation)
        stage = policy.stage(number)
        due, due_at = policy.due(
            number, entered, urgent=escalation.urgent, closures=self._settings.closures()
        )
        record = validate(
            EscalationStage,
            {
                "escalation_id": escalation.id,
                "stage": number,
                "name": stage.name,
                "entered_on": entered.date(),
                "entered_at": entered if escalation.urgent else None,
                "holder_id": holder_id,
                "holder": (holder or "").strip() or stage.holder,
                "due": due,
                "due_at": due_at,
                "note": note,
                "meeting_id": meeting_id,
            },
        )
        self.unit.insert("escalation_stages", record)
        self.unit.update(
            Escalation,
            "escalations",
            escalation.id or 0,
            {
                "stage": number,
                "holder_id": record.holder_id,
                "holder": record.holder,
                "stage_due": due,
                "stage_due_at": due_at,
            },
        )

    def _leave(self, escalation_id: int, day: dt.date) -> None:
        from store.domain.models.escalations import EscalationStage

        current = self.stages(escalation_id)[-1]
        self.unit.update(EscalationStage, "escalation_stages", current.id or 0, {"left_on": day})

    def _moment(
        self,
        day: dt.date,
        at: dt.datetime | None,
        field: str = "at",
        *,
        after: dt.datetime | None = None,
    ) -> dt.datetime:
        """When a stage was entered: ``at`` if given (on ``day``, not yet to
        come, not before ``after``, the moment the stage before was entered),
        now if ``day`` is today, else the start of the working day (09:00) on
        ``day`` or ``after`` if that is later."""
        now = self.unit.clock()
        if at is not None:
            if at.tzinfo is None:
                raise errors.InvalidValue({field: "a time needs its offset"})
            if at.date() != day:
                raise errors.InvalidValue({field: f"that time is not on {day:%d %b %Y}"})
            if at > now:
                raise errors.InvalidValue({field: "that time has not come yet"})
            if after is not None and at < after:
                raise errors.InvalidValue(
                    {field: f"before the stage it leaves began ({after:%H:%M on %d %b %Y})"}
                )
            return at
        moment = now if day == now.date() else dt.datetime.combine(day, dt.time(9, 0), now.tzinfo)
        return max(moment, after) if after is not None else moment

    def _check_calendar(self, day: dt.date) -> None:
        """Refuse a day the working-day calendar does not cover (it knows bank
        holidays from 1872 to 2100), in words rather than a traceback."""
        from store.domain.workdays import bank_holidays

        try:
            bank_holidays(day.year)
        except ValueError as exc:
            raise errors.InvalidValue({"raised_on": str(exc)}) from None

    def _day(self, value: dt.date | str, field: str) -> dt.date:
        from store.domain.dates import read_date

        today = self.unit.clock().date()
        day = value if isinstance(value, dt.date) else read_date(value, today=today, field=field)
        if day is None:
            raise errors.InvalidValue({field: "a date is needed"})
        if day > self.unit.clock().date():
            raise errors.InvalidValue({field: "that date has not come yet"})
        return day

    def _check_after_current(self, escalation_id: int, day: dt.date, field: str = "on") -> None:
        current = self.stages(escalation_id)[-1]
        if day < current.entered_on:
            raise errors.InvalidValue(
                {field: f"before stage {current.stage} began ({current.entered_on:%d %b %Y})"}
            )

    def _check_meeting(self, meeting_id: int | None) -> None:
        if meeting_id is None:
            return
        if not self.unit.scalar("SELECT count(*) FROM meetings WHERE id = ?", [meeting_id]):
            raise errors.InvalidValue({"meeting_id": "no such meeting"})
        self.unit.check_unlocked(meeting_id, "what it minutes")

    def _check_parties(self, escalation: Escalation) -> None:
        for field, agency in (
            ("raised_by_agency_id", escalation.raised_by_agency_id),
            ("raised_with_agency_id", escalation.raised_with_agency_id),
        ):
            if not self.unit.scalar("SELECT count(*) FROM agencies WHERE id = ?", [agency]):
                raise errors.InvalidValue({field: "no such agency"})
        if escalation.raised_by_agency_id == escalation.raised_with_agency_id:
            raise errors.InvalidValue(
                {"raised_with_agency_id": "an escalation is between two agencies"}
            )
        self.unit.check_person("raised_by_id", escalation.raised_by_id)
        self.unit.check_person("holder_id", escalation.holder_id)
        if escalation.child_id is not None and not self.unit.scalar(
            "SELECT count(*) FROM protected_people WHERE id = ?", [escalation.child_id]
        ):
            raise errors.InvalidValue({"child_id": "not on the register of protected names"})

    # -- where it stands ---------------------------------------------------------

    def overdue(self, escalation: Escalation, now: dt.datetime | None = None) -> bool:
        """Open and past its stage's due date (the urgent route: its due moment)."""
        if escalation.status is not EscalationStatus.OPEN:
            return False
        now = now or self.unit.clock()
        if escalation.stage_due_at is not None:
            return escalation.stage_due_at < now
        return escalation.stage_due is not None and escalation.stage_due < now.date()

    def days_open(self, escalation: Escalation, today: dt.date | None = None) -> int:
        """Working days from raised to closed, or to ``today`` while open."""
        from store.domain.workdays import working_days_between

        if escalation.days_open is not None:
            return escalation.days_open
        day = today or self.unit.clock().date()
        return working_days_between(escalation.raised_on, day, self._settings.closures())

    def moves(self, meeting_id: int) -> list[Move]:
        """What the meeting did with escalations, in order: each stage entered
        there, each resolved or closed there (its minutes list them)."""
        from store.domain.models.escalations import Escalation

        rows = self.unit.rows(
            "SELECT e.*, s.stage AS _stage, s.name AS _name, s.note AS _note, 0 AS _closing, "
            "s.id AS _order FROM escalation_stages s JOIN escalations e ON e.id = s.escalation_id "
            "WHERE s.meeting_id = ?1 "
            "UNION ALL SELECT e.*, e.stage, '', coalesce(e.outcome, ''), 1, 1e12 + e.id "
            "FROM escalations e WHERE e.closed_meeting_id = ?1 ORDER BY _order",
            [meeting_id],
        )
        moves = []
        for row in rows:
            extra = {k: row.pop(k) for k in ("_stage", "_name", "_note", "_closing", "_order")}
            escalation = Escalation.model_validate(row)
            policy = self.policy(escalation)
            if extra["_closing"]:
                stage = policy.label(int(extra["_stage"]))
                if escalation.status is EscalationStatus.RESOLVED:
                    what = f"Resolved at {stage[0].lower()}{stage[1:]}"
                else:
                    referred = escalation.referred_to.label if escalation.referred_to else ""
                    what = f"Closed unresolved at {stage[0].lower()}{stage[1:]}, referred to {referred}"
            elif int(extra["_stage"]) == 1:
                what = "Raised"
            else:
                label = policy.label(int(extra["_stage"]))
                what = f"Escalated to {label[0].lower()}{label[1:]}"
            moves.append(Move(escalation, what, str(extra["_note"])))
        return moves

    def open_on(self, day: dt.date) -> list[Count]:
        """How many escalations were open on ``day``, by stage (the history
        says, so a meeting's minutes show what was true then)."""
        rows = self.unit.rows(
            "SELECT s.stage, count(*) AS n FROM escalation_stages s "
            "JOIN escalations e ON e.id = s.escalation_id "
            "WHERE s.entered_on <= ?1 AND (s.left_on IS NULL OR s.left_on > ?1) "
            "GROUP BY s.stage ORDER BY s.stage",
            [day.isoformat()],
        )
        return [Count(f"Stage {row['stage']}", int(row["n"])) for row in rows]

    # -- the list and the figures ---------------------------------------------------

    def _where(self, query: EscalationQuery, now: dt.datetime) -> tuple[str, dict[str, Any]]:
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if query.state:
            clauses.append("status = :state")
            params["state"] = query.state
        if query.stage is not None:
            clauses.append("stage = :stage")
            params["stage"] = query.stage
        if query.agency_id is not None:
            clauses.append("(raised_by_agency_id = :agency OR raised_with_agency_id = :agency)")
            params["agency"] = query.agency_id
        if query.category:
            clauses.append("category = :category")
            params["category"] = query.category
        if query.urgent is not None:
            clauses.append("urgent = :urgent")
            params["urgent"] = int(query.urgent)
        if query.overdue:
            clauses.append(OVERDUE_SQL)
        if query.text.strip():
            clauses.append("reference LIKE :text")
            params["text"] = f"%{query.text.strip()}%"
        params |= {"now": now.isoformat(), "today": now.date().isoformat()}
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, query: EscalationQuery | None = None, now: dt.datetime | None = None) -> int:
        where, params = self._where(query or EscalationQuery(), now or self.unit.clock())
        return int(self.unit.scalar(f"SELECT count(*) FROM escalations{where}", params))

    def page(
        self,
        query: EscalationQuery | None = None,
        offset: int = 0,
        limit: int = 200,
        now: dt.datetime | None = None,
    ) -> list[Escalation]:
        """One page of the list: open ones first, the overdue first among them,
        then by due date; closed ones newest first."""
        from store.domain.models.escalations import Escalation

        where, params = self._where(query or EscalationQuery(), now or self.unit.clock())
        rows = self.unit.rows(
            f"SELECT * FROM escalations{where} ORDER BY status = 'open' DESC, "
            f"{OVERDUE_SQL} DESC, CASE WHEN status = 'open' THEN coalesce(stage_due, '') END, "
            "raised_on DESC, id DESC LIMIT :limit OFFSET :offset",
            params | {"limit": limit, "offset": offset},
        )
        return [Escalation.model_validate(r) for r in rows]

    def figures(self, now: dt.datetime | None = None) -> EscalationFigures:
        """Open by stage, agency and category; resolved at which stage; the
        median working days to resolve; how many went to the executive or the
        scrutineer; the learning themes."""
        now = now or self.unit.clock()
        times = {"now": now.isoformat(), "today": now.date().isoformat()}
        row = (
            self.unit.row(
                "SELECT sum(status = 'open') AS open, "
                f"sum({OVERDUE_SQL}) AS overdue, "
                "sum(status = 'open' AND urgent = 1) AS urgent_open, "
                "sum(status = 'resolved') AS resolved, sum(status = 'closed') AS closed, "
                "sum(referred_to = 'executive') AS to_executive, "
                "sum(referred_to = 'scrutineer') AS to_scrutineer, "
                "sum(stage >= json_array_length(policy_json, '$.stages')) AS reached_last "
                "FROM escalations",
                times,
            )
            or {}
        )
        by_stage = self._counts(
            "SELECT 'Stage ' || stage AS label, count(*) AS n FROM escalations "
            "WHERE status = 'open' GROUP BY stage ORDER BY stage"
        )
        by_agency = self._counts(
            "SELECT a.short_name AS label, count(*) AS n FROM agencies a JOIN escalations e "
            "ON e.status = 'open' AND a.id IN (e.raised_by_agency_id, e.raised_with_agency_id) "
            "GROUP BY a.id ORDER BY n DESC, a.short_name COLLATE NOCASE"
        )
        labels = {c.value: c.label for c in EscalationCategory}
        by_category = tuple(
            Count(labels.get(c.label, c.label), c.count)
            for c in self._counts(
                "SELECT category AS label, count(*) AS n FROM escalations "
                "WHERE status = 'open' GROUP BY category ORDER BY n DESC, category"
            )
        )
        resolved_by_stage = self._counts(
            "SELECT 'Stage ' || stage AS label, count(*) AS n FROM escalations "
            "WHERE status = 'resolved' GROUP BY stage ORDER BY stage"
        )
        themes = self._counts(
            "SELECT learning_theme AS label, count(*) AS n FROM escalations "
            "WHERE status != 'open' AND coalesce(learning_theme, '') != '' "
            "GROUP BY learning_theme COLLATE NOCASE ORDER BY n DESC, learning_theme"
        )
        return EscalationFigures(
            open=int(row.get("open") or 0),
            overdue=int(row.get("overdue") or 0),
            urgent_open=int(row.get("urgent_open") or 0),
            open_by_stage=by_stage,
            open_by_agency=by_agency,
            open_by_category=by_category,
            resolved=int(row.get("resolved") or 0),
            resolved_by_stage=resolved_by_stage,
            median_days=self.unit.median(
                "SELECT days_open AS v FROM escalations WHERE status = 'resolved'"
            ),
            closed=int(row.get("closed") or 0),
            to_executive=int(row.get("to_executive") or 0),
            to_scrutineer=int(row.get("to_scrutineer") or 0),
            reached_last=int(row.get("reached_last") or 0),
            themes=themes,
        )

    def _counts(self, sql: str) -> tuple[Count, ...]:
        return tuple(Count(str(r["label"]), int(r["n"])) for r in self.unit.rows(sql))
