"""The partnership's settings: its name and marking, the user name for the audit
trail, the default quorum and the amber window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        Settings,
    )
from store.domain.dates import AMBER_DAYS
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
            "SELECT partnership_name, classification, user_name, quorum_members, amber_days "
            "FROM settings"
        )
        return Settings.model_validate(row or {})

    def amber_days(self) -> int:
        """An open action due within this many days is amber (a setting, default 7)."""
        if self._amber_days is None:
            value = self.unit.scalar("SELECT amber_days FROM settings WHERE id = 1")
            self._amber_days = int(value) if value else AMBER_DAYS
        return self._amber_days

    def update(self, **given: Unpack[SettingsFields]) -> Settings:
        """Change settings fields; validated, audited."""
        changes: dict[str, Any] = dict(given)
        from store.domain.models import Settings, validate

        current = self.get()
        updated = validate(Settings, current.model_dump() | changes)
        before, after = current.model_dump(mode="json"), updated.model_dump(mode="json")
        with self.unit.write() as db:
            for field, value in after.items():
                if before[field] != value:
                    db.execute(f"UPDATE settings SET {field} = ? WHERE id = 1", [value])
                    self.unit.audit("settings", 1, field, before[field], value)
        self.unit.reset_who()
        self._amber_days = None
        return updated
