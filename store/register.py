"""The register of children and family members whose names are never circulated.

The key from pseudonym to name stays in this file; exports meant for
circulation replace each name by its pseudonym (store/domain/redact.py).

The register is the key to the record, so nothing in it is ever dropped: an entry
is retired (no longer offered for new records), never deleted, and a form that
stops being current (a renamed child, a removed nickname) moves to the entry's
former forms. Every form ever registered stays redacted for ever."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Unpack

from store.domain import errors
from store.domain.fields import ProtectedPersonFields

if TYPE_CHECKING:
    from store.db.unit import Unit
    from store.domain.models import (
        ProtectedPerson,
    )
    from store.domain.redact import Redactor
import string


def _key(form: str) -> str:
    return " ".join(form.split()).casefold()


def _other_names(value: str | Sequence[str]) -> str:
    """The other forms of a name as stored, one per line: from a list, or from
    text with a form per line or forms separated by ";" (as the chair types them)."""
    forms = re.split(r"[;\n]", value) if isinstance(value, str) else value
    return "\n".join(form.strip() for form in forms if form.strip())


class RegisterPart:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self._redactor_cache: Redactor | None = None

    def all(self) -> list[ProtectedPerson]:
        """Everyone on the register, by pseudonym."""
        from store.domain.models import ProtectedPerson

        rows = self.unit.rows(
            "SELECT * FROM protected_people ORDER BY length(pseudonym), pseudonym"
        )
        return [ProtectedPerson.model_validate(r) for r in rows]

    def get(self, record_id: int) -> ProtectedPerson:
        from store.domain.models import ProtectedPerson

        return self.unit.get(ProtectedPerson, "protected_people", record_id)

    def redactor(self) -> Redactor:
        """A ``Redactor`` for every form ever registered, retired entries included.

        Kept until the register changes through this store (building one costs
        about a millisecond; screens call this for titles and file names)."""
        from store.domain.redact import Protected, Redactor

        cached = self._redactor_cache
        if cached is None:
            cached = Redactor(Protected(p.pseudonym, p.redacted_forms) for p in self.all())
            self._redactor_cache = cached
        return cached

    def redacted(self, text: str) -> str:
        """``text`` with every registered name replaced by its pseudonym: for anything
        the app shows or suggests outside the record (file names, titles, notices)."""
        return self.redactor().redact(text) if text else text

    def next_pseudonym(self) -> str:
        """The next free "Child A", "Child B", … "Child Z", "Child AA", …"""
        taken = {p.pseudonym.casefold() for p in self.all()}
        letters = string.ascii_uppercase
        for n in range(1, 10_000):
            label, k = "", n
            while k:
                k, r = divmod(k - 1, 26)
                label = letters[r] + label
            if f"child {label}".casefold() not in taken:
                return f"Child {label}"
        raise errors.WriteFailed("no pseudonym left")  # pragma: no cover

    def add(self, **given: Unpack[ProtectedPersonFields]) -> ProtectedPerson:
        """Register a name; the pseudonym defaults to the next free one.
        ``other_names``: a list of forms, or text with ";" or a line between them."""
        fields: dict[str, Any] = dict(given)
        from store.domain.models import ProtectedPerson, validate

        if "other_names" in fields:
            fields["other_names"] = _other_names(fields["other_names"])
        if not str(fields.get("pseudonym") or "").strip():
            fields["pseudonym"] = self.next_pseudonym()
        for kept in ("former_names", "retired_on"):
            fields.pop(kept, None)
        record = validate(ProtectedPerson, fields)
        self._check_pseudonym(record.pseudonym, None)
        self._check_redactable(record, None)
        self._redactor_cache = None
        return record.model_copy(update={"id": self.unit.insert("protected_people", record)})

    def update(self, record_id: int, **given: Unpack[ProtectedPersonFields]) -> ProtectedPerson:
        """Change an entry. A form that is no longer current (the old real name, a
        nickname taken out) is kept among its former forms and stays redacted.
        A blank pseudonym keeps the one it has; ``other_names`` as for ``add``."""
        changes: dict[str, Any] = dict(given)
        from store.domain.models import ProtectedPerson, validate

        for kept in ("former_names", "retired_on"):
            changes.pop(kept, None)
        if "other_names" in changes:
            changes["other_names"] = _other_names(changes["other_names"])
        if "pseudonym" in changes and not str(changes["pseudonym"] or "").strip():
            del changes["pseudonym"]
        if "pseudonym" in changes:
            self._check_pseudonym(str(changes["pseudonym"]), record_id)
        current = self.get(record_id)
        merged = validate(ProtectedPerson, current.model_dump() | changes)
        now = {_key(form) for form in merged.forms}
        former: dict[str, str] = {}
        for form in (*current.former, *current.forms):
            if _key(form) not in now:
                former.setdefault(_key(form), form)
        changes["former_names"] = "\n".join(former.values())
        self._check_redactable(validate(ProtectedPerson, merged.model_dump() | changes), record_id)
        self._redactor_cache = None
        return self.unit.update(ProtectedPerson, "protected_people", record_id, changes)

    def retire(self, record_id: int, on: dt.date | None = None) -> None:
        """Retire an entry: no longer offered for new records, but every form of it
        stays on the register and is redacted in every export, for ever."""
        from store.domain.models import ProtectedPerson

        current = self.get(record_id)
        if current.retired_on is None:
            day = on or self.unit.clock().date()
            self.unit.update(ProtectedPerson, "protected_people", record_id, {"retired_on": day})
        self._redactor_cache = None

    def current(self) -> list[ProtectedPerson]:
        """The entries offered for new records: everyone not retired."""
        return [p for p in self.all() if p.retired_on is None]

    def _check_redactable(self, record: ProtectedPerson, record_id: int | None) -> None:
        """Refuse an entry that redaction could not use: a name form too short to
        tell from ordinary words, or one that reads as somebody's pseudonym.
        Kept, such an entry stopped every export (store/domain/redact.py raises on it)."""
        from store.domain.redact import Protected, Redactor

        for field, forms in (("real_name", (record.real_name,)), ("other_names", record.forms)):
            try:
                Protected(record.pseudonym, forms)
            except ValueError as exc:
                raise errors.InvalidValue({field: str(exc)}) from None
        others = [Protected(p.pseudonym, p.redacted_forms) for p in self.all() if p.id != record_id]
        try:
            Redactor([*others, Protected(record.pseudonym, record.redacted_forms)])
        except ValueError as exc:
            raise errors.InvalidValue({"other_names": str(exc)}) from None

    def _check_pseudonym(self, pseudonym: str, record_id: int | None) -> None:
        clash = self.unit.row(
            "SELECT id FROM protected_people WHERE pseudonym = ? COLLATE NOCASE",
            [pseudonym.strip()],
        )
        if clash is not None and clash["id"] != record_id:
            raise errors.InvalidValue({"pseudonym": "another person already has this pseudonym"})
