"""The partnership's settings: its name and marking, the user name for the audit
trail, the default quorum and the amber window."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Unpack

from store.domain.errors import InvalidValue

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.closures import ClosureDay
    from store.domain.escalation_policy import Policy
    from store.domain.kinds import MeetingKind
    from store.domain.models import (
        Settings,
    )
    from store.domain.models.directory import QuorumRule
    from store.domain.review_clock import Milestone
from store.domain.deadlines import AMBER_DAYS
from store.domain.fields import SettingsFields
from store.domain.views import Heading


class SettingsPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self._amber_days: int | None = None

    def heading(self) -> Heading:
        """The partnership's name and marking, without loading the models (first frame)."""
        return Heading.from_row(
            self.unit.row("SELECT partnership_name, classification FROM settings WHERE id = 1")
        )

    def get(self) -> Settings:
        """The partnership's name, classification marking, user name, default quorum
        and amber window."""
        from store.domain.models import Settings

        row = self.unit.row(
            "SELECT partnership_name, classification, user_name, quorum_members, amber_days, "
            "quorum_rules, each_local_authority, reports_to, review_milestones, review_day0, "
            "escalation_policy FROM settings"
        )
        return Settings.model_validate(row or {})

    def quorum_rule(self, kind: MeetingKind) -> QuorumRule:
        """When a meeting of ``kind`` is quorate (a setting; domain.md's by default)."""
        from store.domain.models.directory import QuorumRule

        return self.get().quorum_rules.get(kind, QuorumRule())

    def review_milestones(self) -> tuple[Milestone, ...]:
        """The rapid review's milestones (a setting; domain.md's by default)."""
        from store.domain.review_clock import DEFAULT_MILESTONES, read_milestones

        text = self.unit.scalar("SELECT review_milestones FROM settings WHERE id = 1")
        try:
            return read_milestones(text) if text else DEFAULT_MILESTONES
        except ValueError:  # written by another tool: the defaults, not a traceback
            return DEFAULT_MILESTONES

    def escalation_policy(self) -> Policy:
        """The escalation stages, who holds each and its limit, and the urgent
        route's hours (a setting; domain.md's by default)."""
        from store.domain.escalation_policy import DEFAULT_POLICY, read_policy

        text = self.unit.scalar("SELECT escalation_policy FROM settings WHERE id = 1")
        try:
            return read_policy(text) if text else DEFAULT_POLICY
        except ValueError:  # written by another tool: the default, not a traceback
            return DEFAULT_POLICY

    def reports_to(self) -> dict[str, MeetingKind]:
        """Which bodies report to which kind of meeting's matters arising:
        a meeting kind's value, or ``OUTSIDE`` (actions raised outside a meeting)."""
        return self.get().reports_to

    def amber_days(self) -> int:
        """An open action due within this many days is amber (a setting, default 7)."""
        if self._amber_days is None:
            value = self.unit.scalar("SELECT amber_days FROM settings WHERE id = 1")
            self._amber_days = int(value) if value else AMBER_DAYS
        return self._amber_days

    def check(self, **given: Unpack[SettingsFields]) -> Settings:
        """The settings as they would be with these changes; ``InvalidValue`` (a
        message per field) if they cannot be. Nothing is written."""
        from store.domain.models import Settings, validate

        changes: dict[str, Any] = dict(given)
        return validate(Settings, self.get().model_dump() | changes)

    def update(self, **given: Unpack[SettingsFields]) -> Settings:
        """Change settings fields; validated, audited."""
        current = self.get()
        updated = self.check(**given)
        before, after = _columns(current), _columns(updated)
        with self.unit.write() as db:
            for field, value in after.items():
                if before[field] != value:
                    db.execute(f"UPDATE settings SET {field} = ? WHERE id = 1", [value])
                    self.unit.audit("settings", 1, field, before[field], value)
        self.unit.reset_who()
        self._amber_days = None
        return updated

    # -- the partnership's closure days (the working-day clocks skip them) --------

    def closure_days(self) -> list[ClosureDay]:
        """The partnership's own closure days, earliest first."""
        # Imported here: the calendar loads the holidays package, which start-up
        # does not need.
        from store.domain.closures import ClosureDay

        rows = self.unit.rows("SELECT day, reason FROM closure_days ORDER BY day")
        return [ClosureDay(dt.date.fromisoformat(row["day"]), row["reason"]) for row in rows]

    def closures(self) -> frozenset[dt.date]:
        """The closure days as the working-day functions take them."""
        return frozenset(closure.day for closure in self.closure_days())

    def set_closure_days(self, days: Sequence[ClosureDay]) -> list[ClosureDay]:
        """Make the list ``days`` (read with store.domain.closures.read_closure_days):
        days added, reasons changed and days taken off are each audited."""
        from store.domain.closures import not_closable

        for closure in days:
            problem = not_closable(closure.day)
            if problem is not None:
                raise InvalidValue({"closure_days": problem})
        wanted = {closure.day.isoformat(): closure.reason.strip() for closure in days}
        with self.unit.write() as db:
            current = {
                row["day"]: (row["id"], row["reason"])
                for row in self.unit.rows("SELECT id, day, reason FROM closure_days")
            }
            for day, (record_id, reason) in current.items():
                if day not in wanted:
                    db.execute("DELETE FROM closure_days WHERE id = ?", [record_id])
                    self.unit.audit("closure_days", record_id, "day", day, None)
                elif wanted[day] != reason:
                    db.execute(
                        "UPDATE closure_days SET reason = ? WHERE id = ?", [wanted[day], record_id]
                    )
                    self.unit.audit("closure_days", record_id, "reason", reason, wanted[day])
            for day, reason in wanted.items():
                if day in current:
                    continue
                cursor = db.execute(
                    "INSERT INTO closure_days (uid, day, reason) VALUES (?, ?, ?)",
                    [self.unit.new_uid(), day, reason],
                )
                record_id = int(cursor.lastrowid or 0)
                self.unit.audit("closure_days", record_id, "day", None, day)
                if reason:
                    self.unit.audit("closure_days", record_id, "reason", None, reason)
        return self.closure_days()


def _columns(settings: Settings) -> dict[str, Any]:
    """The settings as their columns hold them: the rules as JSON text (sorted,
    so that an unchanged rule compares equal and is not audited)."""
    out: dict[str, Any] = {}
    for field, value in settings.model_dump(mode="json").items():
        out[field] = json.dumps(value, sort_keys=True) if isinstance(value, dict) else value
    return out
