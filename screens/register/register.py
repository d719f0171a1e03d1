"""The register of children and family members whose names are never circulated."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from screens.common.base import RecordList, plain
from screens.common.form import Field, FormScreen
from screens.widgets.confirm import ConfirmScreen
from store.domain.errors import StoreError
from store.domain.kinds import Relation
from store.domain.models import ProtectedPerson

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
                    # The hint names the pseudonym a blank gives: the next free one
                    # for a new entry (never one already taken), the one it has for an edit.
                    f"Pseudonym (blank: keeps {record.pseudonym})"
                    if record
                    else f"Pseudonym (blank: the next free, {store.register.next_pseudonym()})",
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
        # The store reads the ";"-separated forms, and a blank pseudonym (the next
        # free one for a new entry; the one it has for an edit).
        real_name = str(values["real_name"] or "")
        other_names = str(values["other_names"] or "")
        pseudonym = str(values["pseudonym"] or "")
        relation = Relation(values["relation"])
        register = self.store.register
        if self.record is None:
            added = register.add(
                real_name=real_name, other_names=other_names, pseudonym=pseudonym, relation=relation
            )
            return added.id or 0
        register.update(
            self.record.id or 0,
            real_name=real_name,
            other_names=other_names,
            pseudonym=pseudonym,
            relation=relation,
        )
        return self.record.id or 0


HIDDEN = "(hidden: v shows)"


class RegisterScreen(RecordList):
    """Names here are replaced by their pseudonyms in everything exported for circulation.

    Real names are not shown until the chair asks (``v``): the screen may be on a
    projector or in a screen share. An entry is retired, never removed: every form it
    ever had stays redacted for ever.
    """

    TABLE_ID = "register-table"
    HEADING = "Protected names: replaced by the pseudonym in every export meant for circulation"
    COLUMNS = ("Pseudonym", "Relation", "Status", "Real name", "Other forms")
    NARROW_COLUMNS = (
        ("Pseudonym", "Pseudonym", 17),
        ("Relation", "Relation", 13),
        ("Status", "Status", 8),
        ("Real name", "Real name", None),
        ("Other forms", "Other forms", None),
    )
    BINDINGS = [
        Binding("n", "new", "Add", id="register-new"),
        Binding("e,enter", "edit", "Edit", id="register-edit", key_display="e"),
        Binding("v", "show_names", "Show/hide names", id="register-show"),
        Binding("delete,x", "retire", "Retire", id="register-retire", key_display="del"),
        Binding("escape", "back", "Back", id="register-back"),
    ]
    showing_names = False

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        self._retired = set()
        out: list[tuple[int, Sequence[Any]]] = []
        for p in self.store.register.all():
            if p.retired_on is not None:
                self._retired.add(p.id or 0)
            status = f"Retired {p.retired_on:%d %b %Y}" if p.retired_on else "Current"
            others = "; ".join(p.forms[1:])
            if p.former:
                others += f"{'; ' if others else ''}former: {'; '.join(p.former)}"
            if not self.showing_names:
                real, others = HIDDEN, (HIDDEN if others else "")
            else:
                real = p.real_name
            out.append(
                (
                    p.id or 0,
                    (plain(p.pseudonym), p.relation.label, status, plain(real), plain(others)),
                )
            )
        return out

    _retired: set[int] = set()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if allowed and action == "retire" and self.selected_id() in self._retired | {None}:
            return None
        return allowed

    def binding_state(self) -> object:
        return (self.selected_id(), self.showing_names)

    def action_show_names(self) -> None:
        self.showing_names = not self.showing_names
        self.request_reload()

    def action_new(self) -> None:
        self.app.push_screen(ProtectedForm(self.store), self.saved)

    def action_edit(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            record = self.store.register.get(record_id)
            self.app.push_screen(ProtectedForm(self.store, record), self.saved)

    def action_retire(self) -> None:
        record_id = self.selected_id()
        if record_id is None or record_id in self._retired:
            return
        record = self.store.register.get(record_id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.register.retire(record_id)
            except StoreError as exc:
                self.report(exc)
                return
            self.notify(f"Retired {record.pseudonym}; their names stay redacted.", markup=False)
            self.request_reload(select=record_id)

        self.app.push_screen(
            ConfirmScreen(
                f"Retire {record.pseudonym}? They are no longer offered for new records. "
                "Every form of their name stays on the register and is redacted in every "
                "export, for ever."
            ),
            answered,
        )

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
