"""Agencies: the statutory partners first, then the relevant agencies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from screens.common.base import RecordList, plain
from screens.common.forms import AgencyForm

if TYPE_CHECKING:
    pass


class AgenciesScreen(RecordList):
    TABLE_ID = "agencies-table"
    HEADING = "Agencies"
    COLUMNS = ("Name", "Short name", "Kind", "Statutory partner", "People")
    NARROW_COLUMNS = (
        ("Name", "Name", None),
        ("Short name", "Short", 12),
        ("Kind", "Kind", 16),
        ("Statutory partner", "Statutory", 9),
        ("People", "People", 6),
    )
    BINDINGS = [
        Binding("n", "new", "New agency", id="agency-new"),
        Binding("e,enter", "edit", "Edit", id="agency-edit", key_display="e"),
        Binding("delete,x", "remove", "Remove", id="agency-remove", key_display="del"),
    ]

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        members: dict[int | None, int] = {}
        for person in self.store.directory.people():
            members[person.agency_id] = members.get(person.agency_id, 0) + 1
        return [
            (
                a.id or 0,
                (
                    plain(a.name),
                    plain(a.short_name),
                    a.kind.label,
                    "Yes" if a.statutory else "",
                    str(members.get(a.id, 0)),
                ),
            )
            for a in self.store.directory.agencies()
        ]

    def action_new(self) -> None:
        self.app.push_screen(AgencyForm(self.store), self.saved)

    def action_edit(self) -> None:
        agency_id = self.selected_id()
        if agency_id is not None:
            self.app.push_screen(
                AgencyForm(self.store, self.store.directory.agency(agency_id)), self.saved
            )

    def action_remove(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            record = self.store.directory.agency(record_id)
            self.confirm_remove(record.name, lambda: self.store.directory.remove_agency(record_id))
