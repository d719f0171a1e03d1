"""Agencies and people."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from store.domain import errors
from store.domain.fields import AgencyFields, PersonFields

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        Agency,
        Person,
    )


class DirectoryPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit

    def agencies(self) -> list[Agency]:
        """All agencies: statutory partners first, then by name."""
        from store.domain.models import Agency

        rows = self.unit.rows("SELECT * FROM agencies ORDER BY statutory DESC, name COLLATE NOCASE")
        return [Agency.model_validate(r) for r in rows]

    def agency(self, agency_id: int) -> Agency:
        from store.domain.models import Agency

        return self.unit.get(Agency, "agencies", agency_id)

    def add_agency(self, **given: Unpack[AgencyFields]) -> Agency:
        """Add an agency; raises ``InvalidValue`` naming each bad field.

        A safeguarding partner names its Lead Safeguarding Partner
        (``lead_partner_id``) and the Delegated Safeguarding Partner who acts for
        them (``delegated_partner_id``): people in the directory. Where a meeting's
        quorum is by partner leads, only they (or a deputy they named) represent it."""
        fields: dict[str, Any] = dict(given)
        from store.domain.models import Agency, validate

        agency = validate(Agency, fields)
        self._check_partners(agency)
        return agency.model_copy(update={"id": self.unit.insert("agencies", agency)})

    def update_agency(self, agency_id: int, **given: Unpack[AgencyFields]) -> Agency:
        """Change an agency's details, its lead and delegated partner among them
        (checked to be people on file; None for not recorded)."""
        changes: dict[str, Any] = dict(given)
        from store.domain.models import Agency, validate

        merged = self.agency(agency_id).model_dump() | changes
        self._check_partners(validate(Agency, merged))
        return self.unit.update(Agency, "agencies", agency_id, changes)

    def _check_partners(self, agency: Agency) -> None:
        problems: dict[str, str] = {}
        for field in ("lead_partner_id", "delegated_partner_id"):
            try:
                self.unit.check_person(field, getattr(agency, field))
            except errors.InvalidValue as exc:
                problems |= exc.errors
        if (
            agency.lead_partner_id is not None
            and agency.lead_partner_id == agency.delegated_partner_id
        ):
            problems["delegated_partner_id"] = (
                "the delegated partner acts for the lead: choose someone else, or leave it blank"
            )
        if problems:
            raise errors.InvalidValue(problems)

    def remove_agency(self, agency_id: int) -> None:
        """Remove an agency nobody belongs to; raises ``InUse`` otherwise."""
        agency = self.agency(agency_id)
        count = self.unit.scalar("SELECT count(*) FROM people WHERE agency_id = ?", [agency_id])
        if count:
            raise errors.InUse(
                f"{agency.name} cannot be removed: {_n(count, 'person belongs', 'people belong')} "
                "to it. Move or remove them first."
            )
        disputes = self.unit.scalar(
            "SELECT count(*) FROM escalations WHERE ? IN (raised_by_agency_id, raised_with_agency_id)",
            [agency_id],
        )
        if disputes:
            raise errors.InUse(
                f"{agency.name} cannot be removed: it is a party to "
                f"{_n(disputes, 'escalation', 'escalations')}, whose record must be kept."
            )
        self.unit.delete("agencies", agency_id)

    def people(self, agency_id: int | None = None) -> list[Person]:
        """Everyone, by name; or the people of one agency."""
        from store.domain.models import Person

        if agency_id is None:
            rows = self.unit.rows("SELECT * FROM people ORDER BY name COLLATE NOCASE")
        else:
            rows = self.unit.rows(
                "SELECT * FROM people WHERE agency_id = ? ORDER BY name COLLATE NOCASE",
                [agency_id],
            )
        return [Person.model_validate(r) for r in rows]

    def person(self, person_id: int) -> Person:
        from store.domain.models import Person

        return self.unit.get(Person, "people", person_id)

    def add_person(self, **given: Unpack[PersonFields]) -> Person:
        """Add a person; raises ``InvalidValue`` naming each bad field."""
        fields: dict[str, Any] = dict(given)
        from store.domain.models import Person, validate

        person = validate(Person, fields)
        self._check_agency(person.agency_id)
        return person.model_copy(update={"id": self.unit.insert("people", person)})

    def update_person(self, person_id: int, **given: Unpack[PersonFields]) -> Person:
        changes: dict[str, Any] = dict(given)
        from store.domain.models import Person

        if "agency_id" in changes:
            self._check_agency(changes["agency_id"])
        return self.unit.update(Person, "people", person_id, changes)

    def person_references(self, person_id: int) -> dict[str, int]:
        """Where a person is referred to: counts by kind, zeros left out."""
        found = {
            key: int(self.unit.scalar(sql, [person_id] * sql.count("?")))
            for key, _one, _many, sql in _PERSON_REFERENCES
        }
        return {key: n for key, n in found.items() if n}

    def removal_refused(self, person_id: int) -> str | None:
        """Why a person cannot be removed, naming what refers to them ("Abena Owusu
        cannot be removed: they own 4 actions and are on the attendance list of 12
        meetings. …"); None when nothing does. Screens say it before asking."""
        refs = self.person_references(person_id)
        if not refs:
            return None
        phrases = [
            (one if refs[key] == 1 else many.format(n=refs[key]))
            for key, one, many, _sql in _PERSON_REFERENCES
            if key in refs
        ]
        where = phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"
        return (
            f"{self.person(person_id).name} cannot be removed: they {where}. "
            "Their part in those records must be kept."
        )

    def remove_person(self, person_id: int) -> None:
        """Remove a person nobody refers to; raises ``InUse`` saying where they appear."""
        refused = self.removal_refused(person_id)
        if refused is not None:
            raise errors.InUse(refused)
        self.unit.delete("people", person_id)

    def _check_agency(self, agency_id: int | None) -> None:
        if agency_id is not None and not self.unit.scalar(
            "SELECT 1 FROM agencies WHERE id = ?", [agency_id]
        ):
            raise errors.InvalidValue({"agency_id": "no such agency"})

    def people_named(self, text: str, limit: int = 20) -> list[Person]:
        """People whose name or initials start with the typed text (for pickers)."""
        from store.domain.models import Person

        like = text.strip().replace("%", "").replace("_", "") + "%"
        rows = self.unit.rows(
            "SELECT * FROM people WHERE name LIKE ? OR initials LIKE ? OR name LIKE ? "
            "ORDER BY name COLLATE NOCASE LIMIT ?",
            [like, like, "% " + like, limit],
        )
        return [Person.model_validate(r) for r in rows]


# Every table that refers to a person: (key, said for one, said for n, count query).
# The keys are person_references'; the sayings follow "they" in removal_refused.
_PERSON_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    (
        "owner of an action",
        "own 1 action",
        "own {n} actions",
        "SELECT count(*) FROM actions WHERE owner_id = ?",
    ),
    (
        "on an attendance list",
        "are on the attendance list of 1 meeting",
        "are on the attendance list of {n} meetings",
        "SELECT count(DISTINCT meeting_id) FROM attendance WHERE person_id = ?",
    ),
    (
        "a deputy on an attendance list",
        "deputised at 1 meeting",
        "deputised at {n} meetings",
        "SELECT count(DISTINCT meeting_id) FROM attendance WHERE deputy_id = ?",
    ),
    (
        "chair of a meeting",
        "are the chair of 1 meeting",
        "are the chair of {n} meetings",
        "SELECT count(*) FROM meetings WHERE chair_id = ?",
    ),
    (
        "presenter of an agenda item",
        "present 1 agenda item",
        "present {n} agenda items",
        "SELECT count(*) FROM agenda_items WHERE presenter_id = ?",
    ),
    (
        "an agency's lead or delegated partner",
        "are the lead or delegated partner of 1 agency",
        "are the lead or delegated partner of {n} agencies",
        "SELECT count(*) FROM agencies WHERE lead_partner_id = ? OR delegated_partner_id = ?",
    ),
    (
        "in an escalation's record",
        "raised or hold 1 escalation",
        "raised or hold {n} escalations",
        "SELECT count(*) FROM escalations WHERE raised_by_id = ? OR holder_id = ?",
    ),
    (
        "holding a stage of an escalation",
        "held 1 stage of an escalation",
        "held {n} stages of escalations",
        "SELECT count(*) FROM escalation_stages WHERE holder_id = ?",
    ),
    (
        "in a declaration of interest",
        "made 1 declaration of interest",
        "made {n} declarations of interest",
        "SELECT count(*) FROM declarations WHERE person_id = ?",
    ),
    (
        "in an arrival or departure",
        "have 1 arrival or departure recorded",
        "have {n} arrivals or departures recorded",
        "SELECT count(*) FROM movements WHERE person_id = ?",
    ),
    (
        "in a quorum record",
        "are in 1 quorum record",
        "are in {n} quorum records",
        "SELECT count(*) FROM quorum_events WHERE person_id = ?",
    ),
    (
        "signing off a review",
        "signed off 1 review",
        "signed off {n} reviews",
        "SELECT count(*) FROM review_signoffs WHERE person_id = ?",
    ),
)


def _n(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count} {many}"
