"""The register of children and family members whose names are never circulated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from screens.base import RecordList, plain
from screens.widgets.form import Field, FormScreen
from store.models import ProtectedPerson, Relation

if TYPE_CHECKING:
    from store import Store


class ProtectedForm(FormScreen):
    def __init__(self, store: Store, record: ProtectedPerson | None = None):
        self.store = store
        self.record = record
        super().__init__(
            "Edit register entry" if record else "Add to the register",
            [
                Field(
                    "real_name", "Real name (never circulated)", record.real_name if record else ""
                ),
                Field(
                    "other_names",
                    "Other forms, separated by ; (nickname, surname alone, family name)",
                    "; ".join(record.forms[1:]) if record else "",
                ),
                Field(
                    "pseudonym",
                    "Pseudonym (blank: the next free, e.g. Child C)",
                    record.pseudonym if record else "",
                ),
                Field(
                    "relation",
                    "Child or family member",
                    record.relation if record else Relation.CHILD,
                    options=[(r.label, r) for r in Relation],
                    allow_blank=False,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        values["other_names"] = "\n".join(
            part.strip() for part in values["other_names"].split(";") if part.strip()
        )
        if self.record is None:
            return self.store.add_protected_person(**values).id or 0
        if not values["pseudonym"].strip():
            values["pseudonym"] = self.record.pseudonym
        self.store.update_protected_person(self.record.id or 0, **values)
        return self.record.id or 0


class RegisterScreen(RecordList):
    """Names here are replaced by their pseudonyms in everything exported for circulation."""

    TABLE_ID = "register-table"
    HEADING = "Protected names: replaced by the pseudonym in every export meant for circulation"
    COLUMNS = ("Pseudonym", "Relation", "Real name", "Other forms")
    BINDINGS = [
        Binding("n", "new", "Add", id="register-new"),
        Binding("e,enter", "edit", "Edit", id="register-edit", key_display="e"),
        Binding("delete,x", "remove", "Remove", id="register-remove", key_display="del"),
        Binding("escape", "back", "Back", id="register-back"),
    ]

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        return [
            (
                p.id or 0,
                (
                    plain(p.pseudonym),
                    p.relation.label,
                    plain(p.real_name),
                    plain("; ".join(p.forms[1:])),
                ),
            )
            for p in self.store.protected_people()
        ]

    def action_new(self) -> None:
        self.app.push_screen(ProtectedForm(self.store), self.saved)

    def action_edit(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            record = self.store.protected_person(record_id)
            self.app.push_screen(ProtectedForm(self.store, record), self.saved)

    def action_remove(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            record = self.store.protected_person(record_id)
            self.confirm_remove(
                f"{record.pseudonym} from the register (their name would no longer be redacted)",
                lambda: self.store.remove_protected_person(record_id),
            )

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
