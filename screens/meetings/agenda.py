"""The agenda editor for one meeting: items in order with their planned times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from screens.common.base import RecordList, plain
from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO
from screens.meetings.paste_agenda import PasteAgendaScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.domain.agenda_times import planned_starts
from store.domain.errors import InvalidValue, StoreError
from store.domain.fields import AgendaItemFields
from store.domain.kinds import Purpose
from store.domain.models import AgendaItem, Meeting

if TYPE_CHECKING:
    from store import Store

TITLE_ID = "agenda-title"
TOTAL_ID = "agenda-total"
# Writes the base class does not know about: dimmed on a read-only file, like its own.
AGENDA_WRITES = frozenset({"move_up", "move_down", "paste", "standard", "make_standard"})
MOVE = Binding.Group("Move", compact=True)  # one footer entry for both keys


class AgendaItemForm(FormScreen):
    """Add an item (after ``after``, or at the end) or edit one."""

    def __init__(
        self,
        store: Store,
        meeting_id: int,
        item: AgendaItem | None = None,
        after: AgendaItem | None = None,
    ):
        self.store = store
        self.meeting_id = meeting_id
        self.item = item
        self.after = after
        people = [(p.name, p.id) for p in store.directory.people()]
        super().__init__(
            "Edit agenda item" if item else "New agenda item",
            [
                Field("title", "Title", item.title if item else ""),
                Field(
                    "purpose",
                    "Purpose",
                    item.purpose if item else Purpose.DISCUSSION,
                    options=[(p.label, p) for p in Purpose],
                    allow_blank=False,
                ),
                Field(
                    "presenter_id",
                    "Presenter",
                    item.presenter_id if item else None,
                    options=people,
                ),
                Field(
                    "planned_minutes",
                    "Planned minutes",
                    item.planned_minutes if item else 10,
                    placeholder="10",
                ),
                Field(
                    "standing",
                    "Standing item (carried to the next meeting of the series)",
                    item.standing if item else False,
                    options=YES_NO,
                    allow_blank=False,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        # The text as typed goes to the store: its validation gives the message.
        fields: AgendaItemFields = {
            "title": str(values["title"] or ""),
            "purpose": values["purpose"],
            "presenter_id": values["presenter_id"],
            "planned_minutes": str(values["planned_minutes"]).strip(),
            "standing": bool(values["standing"]),
        }
        if self.item is not None:
            self.store.agenda.update(self.item.id or 0, **fields)
            return self.item.id or 0
        if self.after is not None:
            fields["position"] = self.after.position + 1
        return self.store.agenda.add(self.meeting_id, **fields).id or 0


class AgendaScreen(RecordList):
    WRITES = RecordList.WRITES | AGENDA_WRITES
    CSS_PATH = "agenda.tcss"
    TABLE_ID = "agenda-items"
    COLUMNS = ("No.", "Start", "Item", "Purpose", "Presenter", "Mins", "Standing")
    NARROW_COLUMNS = (
        ("No.", "No.", 4),
        ("Start", "Start", 5),
        ("Item", "Item", None),
        ("Purpose", "Purpose", 15),
        ("Presenter", "Presenter", 14),
        ("Mins", "Mins", 4),
    )
    BINDINGS = [
        Binding("n", "new", "Add item", id="agenda-new"),
        Binding("e,enter", "edit", "Edit", id="agenda-edit", key_display="e"),
        Binding("delete,x", "remove", "Remove", id="agenda-remove", key_display="del"),
        Binding(
            "shift+up", "move_up", "Move up", id="agenda-move-up", group=MOVE, key_display="⇧↑"
        ),
        Binding(
            "shift+down",
            "move_down",
            "Move down",
            id="agenda-move-down",
            group=MOVE,
            key_display="⇧↓",
        ),
        Binding("v", "paste", "Paste agenda", id="agenda-paste"),
        Binding("t", "standard", "Standard running order", id="agenda-standard"),
        # A rare, file-wide change: in the palette and the ? list, not the crowded footer.
        Binding(
            "ctrl+t",
            "make_standard",
            "Make standing items the standard",
            id="agenda-make-standard",
            show=False,
        ),
        Binding("escape", "back", "Back", id="agenda-back", key_display="esc"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self._items: list[AgendaItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id=TITLE_ID)
        yield DataTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        yield Static(id=TOTAL_ID)
        yield KeyBar()

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        meeting = self.store.meetings.get(self.meeting_id)
        people = {p.id: p.name for p in self.store.directory.people()}
        self._items = self.store.agenda.items(self.meeting_id)
        starts, finish = planned_starts(meeting.date, meeting.start_time, self._items)
        self._show_summary(meeting, finish)
        return [
            (
                item.id or 0,
                (
                    Text(str(number), justify="right"),
                    start.strftime("%H:%M"),
                    plain(item.title),
                    item.purpose.label,
                    plain(people.get(item.presenter_id, "")),
                    Text(str(item.planned_minutes), justify="right"),
                    "yes" if item.standing else "",
                ),
            )
            for number, (item, start) in enumerate(zip(self._items, starts, strict=True), 1)
        ]

    def _show_summary(self, meeting: Meeting, finish: dt.datetime) -> None:
        heading = Text(meeting.title, style="bold")
        heading.append(
            f"  ·  Agenda  ·  {meeting.date:%A %d %B %Y}, starts {meeting.start_time:%H:%M}"
        )
        self.query_one(f"#{TITLE_ID}", Static).update(heading)
        self.sub_title = self.store.register.redacted(meeting.title)
        if not self._items:
            total = (
                "No items yet: n adds one, v pastes an agenda, t adds the standard running order."
            )
        else:
            minutes = sum(item.planned_minutes for item in self._items)
            count = len(self._items)
            total = (
                f"Planned finish {finish:%H:%M}  ·  {minutes} minutes in all  ·  "
                f"{count} item{'' if count == 1 else 's'}"
            )
        self.query_one(f"#{TOTAL_ID}", Static).update(total)

    def selected_item(self) -> AgendaItem | None:
        item_id = self.selected_id()
        return next((it for it in self._items if it.id == item_id), None)

    def binding_state(self) -> object:
        # Moving up or down depends on which row: none up from the top, down from the end.
        return self.selected_id()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if not allowed or action not in AGENDA_WRITES:
            return allowed
        if action in {"move_up", "move_down"}:
            item_id = self.selected_id()
            if item_id is None:
                return None
            end = self._items[0 if action == "move_up" else -1].id
            # None dims the key (False would hide it): at the top there is no room to go up.
            return None if item_id == end else True
        return True

    # -- actions -------------------------------------------------------------------

    def action_new(self) -> None:
        form = AgendaItemForm(self.store, self.meeting_id, after=self.selected_item())
        self.app.push_screen(form, self.saved)

    def action_edit(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.app.push_screen(AgendaItemForm(self.store, self.meeting_id, item), self.saved)

    def action_remove(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        item_id, label = item.id or 0, f"“{item.title}”"
        # The cursor goes to the item that takes its place (or the one before, at the end).
        index = self._items.index(item)
        neighbours = self._items[index + 1 : index + 2] or self._items[index - 1 : index]
        then = neighbours[0].id if neighbours else None

        self.confirm_remove(label, lambda: self.store.agenda.remove(item_id), then)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(1)

    def _move(self, by: int) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        try:
            self.store.agenda.move(item_id, by)
        except StoreError as exc:
            self.report(exc)
        self.reload(select=item_id)

    def action_paste(self) -> None:
        self.app.push_screen(PasteAgendaScreen(self.meeting_id), self._pasted)

    def _pasted(self, added: int | None) -> None:
        self.request_reload()

    def action_standard(self) -> None:
        if any(item.standing for item in self._items):
            question = (
                "This agenda already has standing items. "
                "Add the standard running order around it anyway?"
            )
            self.app.push_screen(ConfirmScreen(question), self._apply_standard)
        else:
            self._apply_standard(True)

    def _apply_standard(self, yes: bool | None) -> None:
        if not yes:
            return
        before = len(self._items)
        try:
            items = self.store.agenda.apply_standard(self.meeting_id)
        except StoreError as exc:
            self.report(exc)
            return
        self.reload()
        self.notify(f"Added the standard running order: {len(items) - before} items.")

    def action_make_standard(self) -> None:
        try:
            template = self.store.agenda.set_standard_items(self.meeting_id)
        except InvalidValue as exc:
            message = "; ".join(exc.errors.values())
            self.notify(f"Not changed: {message}.", severity="warning", timeout=8, markup=False)
            return
        except StoreError as exc:
            self.report(exc)
            return
        self.notify(
            f"The standard running order is now this agenda's {len(template)} standing items."
        )

    def action_back(self) -> None:
        self.dismiss()
