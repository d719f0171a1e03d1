"""People: everyone the partnership meets with, by name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.binding import Binding

from screens.common.base import RecordList, plain
from screens.common.forms import PersonForm


class PeopleScreen(RecordList):
    TABLE_ID = "people-table"
    HEADING = "People"
    COLUMNS = ("Name", "Initials", "Job title", "Agency", "Email")
    NARROW_COLUMNS = (
        ("Name", "Name", 20),
        ("Agency", "Agency", 14),
        ("Job title", "Job title", None),
    )
    BINDINGS = [
        Binding("n", "new", "New person", id="person-new"),
        Binding("e,enter", "edit", "Edit", id="person-edit", key_display="e"),
        Binding("delete,x", "remove", "Remove", id="person-remove", key_display="del"),
    ]

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        agencies = {a.id: a.short_name for a in self.store.directory.agencies()}
        return [
            (
                p.id or 0,
                (
                    plain(p.name),
                    plain(p.initials),
                    plain(p.job_title),
                    plain(agencies.get(p.agency_id, "")),
                    plain(p.email),
                ),
            )
            for p in self.store.directory.people()
        ]

    def action_new(self) -> None:
        self.app.push_screen(PersonForm(self.store), self.saved)

    def action_edit(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.app.push_screen(
                PersonForm(self.store, self.store.directory.person(person_id)), self.saved
            )

    def action_remove(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            # Someone the records refer to is never asked about: say why at once.
            refused = self.store.directory.removal_refused(record_id)
            if refused is not None:
                self.notify(refused, severity="warning", timeout=10, markup=False)
                return
            record = self.store.directory.person(record_id)
            self.confirm_remove(record.name, lambda: self.store.directory.remove_person(record_id))
