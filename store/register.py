"""The register of children and family members whose names are never circulated.

The key from pseudonym to name stays in this file; exports meant for
circulation replace each name by its pseudonym (store/redact.py).
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Any

from store import errors
from store.base import StoreBase

if TYPE_CHECKING:
    from store.models import ProtectedPerson


class RegisterMixin(StoreBase):
    def protected_people(self) -> list[ProtectedPerson]:
        """Everyone on the register, by pseudonym."""
        from store.models import ProtectedPerson

        rows = self._rows("SELECT * FROM protected_people ORDER BY length(pseudonym), pseudonym")
        return [ProtectedPerson.model_validate(r) for r in rows]

    def protected_person(self, record_id: int) -> ProtectedPerson:
        from store.models import ProtectedPerson

        return self._get(ProtectedPerson, "protected_people", record_id)

    def next_pseudonym(self) -> str:
        """The next free "Child A", "Child B", … "Child Z", "Child AA", …"""
        taken = {p.pseudonym.casefold() for p in self.protected_people()}
        letters = string.ascii_uppercase
        for n in range(1, 10_000):
            label, k = "", n
            while k:
                k, r = divmod(k - 1, 26)
                label = letters[r] + label
            if f"child {label}".casefold() not in taken:
                return f"Child {label}"
        raise errors.WriteFailed("no pseudonym left")  # pragma: no cover

    def add_protected_person(self, **fields: Any) -> ProtectedPerson:
        """Register a name; the pseudonym defaults to the next free one."""
        from store.models import ProtectedPerson, validate

        if not str(fields.get("pseudonym") or "").strip():
            fields["pseudonym"] = self.next_pseudonym()
        record = validate(ProtectedPerson, fields)
        self._check_pseudonym(record.pseudonym, None)
        self._check_redactable(record, None)
        return record.model_copy(update={"id": self._insert("protected_people", record)})

    def update_protected_person(self, record_id: int, **changes: Any) -> ProtectedPerson:
        from store.models import ProtectedPerson, validate

        if "pseudonym" in changes:
            self._check_pseudonym(str(changes["pseudonym"]), record_id)
        current = self.protected_person(record_id)
        self._check_redactable(validate(ProtectedPerson, current.model_dump() | changes), record_id)
        return self._update(ProtectedPerson, "protected_people", record_id, changes)

    def remove_protected_person(self, record_id: int) -> None:
        self._delete("protected_people", record_id)

    def _check_redactable(self, record: ProtectedPerson, record_id: int | None) -> None:
        """Refuse an entry that redaction could not use: a name form too short to
        tell from ordinary words, or one that reads as somebody's pseudonym.
        Kept, such an entry stopped every export (store/redact.py raises on it)."""
        from store.redact import Protected, Redactor

        for field, forms in (("real_name", (record.real_name,)), ("other_names", record.forms)):
            try:
                Protected(record.pseudonym, forms)
            except ValueError as exc:
                raise errors.InvalidValue({field: str(exc)}) from None
        others = [
            Protected(p.pseudonym, p.forms) for p in self.protected_people() if p.id != record_id
        ]
        try:
            Redactor([*others, Protected(record.pseudonym, record.forms)])
        except ValueError as exc:
            raise errors.InvalidValue({"other_names": str(exc)}) from None

    def _check_pseudonym(self, pseudonym: str, record_id: int | None) -> None:
        clash = self._row(
            "SELECT id FROM protected_people WHERE pseudonym = ? COLLATE NOCASE",
            [pseudonym.strip()],
        )
        if clash is not None and clash["id"] != record_id:
            raise errors.InvalidValue({"pseudonym": "another person already has this pseudonym"})
