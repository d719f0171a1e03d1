"""Partnership settings, agencies and people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store import errors
from store.base import StoreBase
from store.dates import AMBER_DAYS
from store.views import Heading

if TYPE_CHECKING:
    from store.models import Agency, Person, Settings


class DirectoryMixin(StoreBase):
    # -- settings --------------------------------------------------------------

    def heading(self) -> Heading:
        """The partnership's name and marking, without loading the models (first frame)."""
        return Heading.from_row(
            self._row("SELECT partnership_name, classification FROM settings WHERE id = 1")
        )

    def settings(self) -> Settings:
        """The partnership's name, classification marking, user name, default quorum
        and amber window."""
        from store.models import Settings

        row = self._row(
            "SELECT partnership_name, classification, user_name, quorum_members, amber_days "
            "FROM settings"
        )
        return Settings.model_validate(row or {})

    def amber_days(self) -> int:
        """An open action due within this many days is amber (a setting, default 7)."""
        if self._amber_days is None:
            value = self._scalar("SELECT amber_days FROM settings WHERE id = 1")
            self._amber_days = int(value) if value else AMBER_DAYS
        return self._amber_days

    def update_settings(self, **changes: Any) -> Settings:
        """Change settings fields; validated, audited."""
        from store.models import Settings, validate

        current = self.settings()
        updated = validate(Settings, current.model_dump() | changes)
        before, after = current.model_dump(mode="json"), updated.model_dump(mode="json")
        with self._write() as db:
            for field, value in after.items():
                if before[field] != value:
                    db.execute(f"UPDATE settings SET {field} = ? WHERE id = 1", [value])
                    self._audit("settings", 1, field, before[field], value)
        self._who = self._fixed_who
        self._amber_days = None
        return updated

    # -- agencies --------------------------------------------------------------

    def agencies(self) -> list[Agency]:
        """All agencies: statutory partners first, then by name."""
        from store.models import Agency

        rows = self._rows("SELECT * FROM agencies ORDER BY statutory DESC, name COLLATE NOCASE")
        return [Agency.model_validate(r) for r in rows]

    def agency(self, agency_id: int) -> Agency:
        from store.models import Agency

        return self._get(Agency, "agencies", agency_id)

    def add_agency(self, **fields: Any) -> Agency:
        """Add an agency; raises ``InvalidValue`` naming each bad field."""
        from store.models import Agency, validate

        agency = validate(Agency, fields)
        return agency.model_copy(update={"id": self._insert("agencies", agency)})

    def update_agency(self, agency_id: int, **changes: Any) -> Agency:
        from store.models import Agency

        return self._update(Agency, "agencies", agency_id, changes)

    def remove_agency(self, agency_id: int) -> None:
        """Remove an agency nobody belongs to; raises ``InUse`` otherwise."""
        agency = self.agency(agency_id)
        count = self._scalar("SELECT count(*) FROM people WHERE agency_id = ?", [agency_id])
        if count:
            raise errors.InUse(
                f"{agency.name} cannot be removed: {_n(count, 'person belongs', 'people belong')} "
                "to it. Move or remove them first."
            )
        self._delete("agencies", agency_id)

    # -- people ----------------------------------------------------------------

    def people(self, agency_id: int | None = None) -> list[Person]:
        """Everyone, by name; or the people of one agency."""
        from store.models import Person

        if agency_id is None:
            rows = self._rows("SELECT * FROM people ORDER BY name COLLATE NOCASE")
        else:
            rows = self._rows(
                "SELECT * FROM people WHERE agency_id = ? ORDER BY name COLLATE NOCASE",
                [agency_id],
            )
        return [Person.model_validate(r) for r in rows]

    def person(self, person_id: int) -> Person:
        from store.models import Person

        return self._get(Person, "people", person_id)

    def add_person(self, **fields: Any) -> Person:
        """Add a person; raises ``InvalidValue`` naming each bad field."""
        from store.models import Person, validate

        person = validate(Person, fields)
        self._check_agency(person.agency_id)
        return person.model_copy(update={"id": self._insert("people", person)})

    def update_person(self, person_id: int, **changes: Any) -> Person:
        from store.models import Person

        if "agency_id" in changes:
            self._check_agency(changes["agency_id"])
        return self._update(Person, "people", person_id, changes)

    def person_references(self, person_id: int) -> dict[str, int]:
        """Where a person is referred to: counts by kind, zeros left out."""
        counts = {
            "chair of a meeting": "SELECT count(*) FROM meetings WHERE chair_id = ?",
            "presenter of an agenda item": "SELECT count(*) FROM agenda_items WHERE presenter_id = ?",
            "on an attendance list": "SELECT count(*) FROM attendance WHERE person_id = ?",
            "a deputy on an attendance list": "SELECT count(*) FROM attendance WHERE deputy_id = ?",
        }
        found = {label: int(self._scalar(sql, [person_id])) for label, sql in counts.items()}
        return {label: n for label, n in found.items() if n}

    def remove_person(self, person_id: int) -> None:
        """Remove a person nobody refers to; raises ``InUse`` saying where they appear."""
        person = self.person(person_id)
        refs = self.person_references(person_id)
        if refs:
            where = ", ".join(f"{label} ({n})" for label, n in refs.items())
            raise errors.InUse(
                f"{person.name} cannot be removed: they are {where}. "
                "Their part in those records must be kept."
            )
        self._delete("people", person_id)

    def _check_agency(self, agency_id: int | None) -> None:
        if agency_id is not None and not self._scalar(
            "SELECT 1 FROM agencies WHERE id = ?", [agency_id]
        ):
            raise errors.InvalidValue({"agency_id": "no such agency"})


def _n(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count} {many}"
