"""The partnership's settings: its name, the classification marking, the name the
audit trail records, the default quorum, the amber window and the partnership's own
closure days (`S`, or the palette)."""

from __future__ import annotations

from typing import Any

from screens.common.form import Field, FormScreen
from store import Store
from store.domain.closures import ClosureDay, closure_days_text, read_closure_days
from store.domain.errors import InvalidValue
from store.domain.fields import SettingsFields


class SettingsForm(FormScreen):
    def __init__(self, store: Store):
        self.store = store
        current = store.settings.get()
        super().__init__(
            "Settings for this file",
            [
                Field("partnership_name", "Partnership's name", current.partnership_name),
                Field(
                    "classification",
                    "Classification marking (on every page of the minutes)",
                    current.classification,
                ),
                Field(
                    "user_name",
                    "Your name, as the audit trail records it (blank: your login name)",
                    current.user_name or "",
                ),
                Field(
                    "quorum_members",
                    "Quorum of a new partnership board or sub-group (members; blank: none)",
                    "" if current.quorum_members is None else current.quorum_members,
                    placeholder="none",
                ),
                Field(
                    "amber_days",
                    "Amber window: an open action due within this many days is amber",
                    current.amber_days,
                ),
                Field(
                    "closure_days",
                    "Closure days: working-day deadlines skip them (commas between days)",
                    closure_days_text(store.settings.closure_days()),
                    placeholder="none; e.g. 29 Dec 2026 Christmas closure, 30 Dec 2026",
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> bool:
        closures: list[ClosureDay] = []
        try:
            typed = str(values["closure_days"] or "")
            closures = read_closure_days(typed, today=self.store.clock().date())
        except InvalidValue as closing:
            problems = dict(closing.errors)
        else:
            problems = {}
        changes: SettingsFields = {
            "partnership_name": str(values["partnership_name"] or ""),
            "classification": str(values["classification"] or ""),
            "user_name": str(values["user_name"] or "") or None,
            "quorum_members": str(values["quorum_members"] or ""),
            "amber_days": str(values["amber_days"] or ""),
        }
        if problems:
            # Say every problem at once: the settings' own, checked without saving.
            try:
                self.store.settings.check(**changes)
            except InvalidValue as exc:
                problems = exc.errors | problems
            raise InvalidValue(problems)
        self.store.settings.update(**changes)
        self.store.settings.set_closure_days(closures)
        return True
