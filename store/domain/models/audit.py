"""One line of the audit trail: a field of a record, changed from old to new."""

from __future__ import annotations

from store.domain.models.base import Model, Stamp


class AuditEntry(Model):
    id: int
    at: Stamp
    table_name: str
    record_id: int
    field: str
    old: str | None
    new: str | None
    who: str
