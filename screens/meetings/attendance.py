"""Attendance at one meeting: invitations and apologies before it, arrivals and
departures during it, the quorum always in view, and declarations of interest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from screens.common.base import RecordList, plain, status_cell
from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from screens.widgets.picker import PersonPicker
from store.domain.errors import StoreError
from store.domain.kinds import AttendanceStatus, MeetingKind, MovementKind
from store.domain.models import Attendance, Movement, Person
from store.domain.quorum import Quorum, puts_in_room, room_person

if TYPE_CHECKING:
    from store import Store

BANNER_ID = "quorum-banner"
DECLARATIONS_ID = "declarations-table"
NO_DECLARATIONS_ID = "no-declarations"
ATTENDANCE_WRITES = frozenset(
    {"invite", "mark", "apologies", "in_attendance", "left", "arrived", "declare", "remove"}
)


class InAttendanceForm(FormScreen):
    def __init__(self, store: Store, record: Attendance):
        self.store, self.record = store, record
        super().__init__(
            f"{store.directory.person(record.person_id).name}: in attendance",
            [Field("note", "For which items", record.note or "", placeholder="for item 6")],
        )

    def save(self, values: dict[str, Any]) -> int:
        record = self.record
        self.store.attendance.mark(
            record.meeting_id,
            record.person_id,
            AttendanceStatus.IN_ATTENDANCE,
            note=str(values["note"] or ""),
        )
        return record.person_id


class DeclarationForm(FormScreen):
    def __init__(self, store: Store, meeting_id: int, people: list[tuple[str, int]], who: int):
        self.store, self.meeting_id = store, meeting_id
        items = [
            (item_label(it.position, it.title), it.id) for it in store.agenda.items(meeting_id)
        ]
        current = store.meetings.get(meeting_id).current_item_id
        super().__init__(
            "Declaration of interest",
            [
                Field("person_id", "Who declares", who, options=people),
                Field("item_id", "Agenda item it concerns", current, options=items),
                Field("nature", "Nature of the interest"),
                Field("left_room", "Left the room for the item", False, YES_NO, allow_blank=False),
            ],
        )

    def save(self, values: dict[str, Any]) -> int:
        declaration = self.store.attendance.declare(
            self.meeting_id,
            person_id=values["person_id"],
            item_id=values["item_id"],
            nature=str(values["nature"] or ""),
            left_room=bool(values["left_room"]),
        )
        return declaration.person_id


WIDE = 110  # from this width every column is shown in full


class AttendanceScreen(RecordList):
    WRITES = RecordList.WRITES | ATTENDANCE_WRITES
    CSS_PATH = "attendance.tcss"
    TABLE_ID = "attendance-table"
    COLUMNS = ("Name", "Initials", "Agency", "Status", "Deputy", "In the room", "Note", "Job title")
    # Cells only a narrow window shows: the status with its deputy or note.
    CELLS = (*COLUMNS, "Status in full")
    BINDINGS = [
        Binding("i", "invite", "Invite", id="attendance-invite"),
        Binding("1", "mark('present')", "Present", id="attendance-present"),
        Binding("2", "apologies", "Apologies", id="attendance-apologies"),
        Binding("3", "mark('absent')", "Absent", id="attendance-absent"),
        Binding("4", "in_attendance", "In attendance", id="attendance-in-attendance"),
        Binding("l", "left", "Left room", id="attendance-left"),
        Binding("r", "arrived", "Arrived", id="attendance-arrived"),
        Binding("c", "declare", "Declare interest", id="attendance-declare"),
        Binding("delete", "remove", "Remove", id="attendance-remove", key_display="del"),
        Binding("escape", "back", "Back", id="attendance-back", key_display="esc"),
    ]

    def columns_for(self, width: int) -> list[tuple[str, str, int | None]]:
        if width >= WIDE:
            return [(column, column, None) for column in self.COLUMNS]
        # Name, agency, status (with the deputy or note) and the last movement.
        status = max(width - 2 - 4 * 2 - 17 - 11 - 10, 16)
        return [
            ("Name", "Name", 17),
            ("Agency", "Agency", 11),
            ("Status in full", "Status", status),
            ("In the room", "In room", 10),
        ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.records: dict[int, Attendance] = {}
        self.last_move: dict[int, Movement] = {}
        self.quorum: Quorum | None = None  # as the banner shows it

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id=BANNER_ID)
        yield Static("Attendance", classes="section-heading")
        yield DataTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        yield Static("Declarations of interest", classes="section-heading")
        yield Static("None recorded.", id=NO_DECLARATIONS_ID)
        yield DataTable(id=DECLARATIONS_ID, cursor_type="none", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        declarations = self.query_one(f"#{DECLARATIONS_ID}", DataTable)
        declarations.add_columns("Person", "Item", "Nature of the interest", "Left the room")
        declarations.can_focus = False  # every key acts on the attendance table
        # Textual then runs RecordList.on_mount itself (handlers run for each class
        # in the MRO): it adds the attendance columns and loads the rows.

    # -- reading ------------------------------------------------------------------

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        store = self.store
        people = {p.id: p for p in store.directory.people()}
        agencies = {a.id: a.short_name for a in store.directory.agencies()}
        self.records = {r.person_id: r for r in store.attendance.of(self.meeting_id)}
        self.last_move = {m.person_id: m for m in store.attendance.movements(self.meeting_id)}
        out: list[tuple[int, Sequence[Any]]] = []
        for person_id, record in self.records.items():
            person, deputy = people[person_id], people.get(record.deputy_id)
            move = self.last_move.get(room_person(record))
            status = status_cell(record.status)
            extra = deputy.name if deputy else record.note
            cells = (
                plain(person.name),
                plain(person.initials),
                plain(agencies.get(person.agency_id, "")),
                status,
                plain(deputy.name if deputy else ""),
                f"{move.kind.value} {move.at:%H:%M}" if move else "",
                plain(record.note),
                plain(person.job_title),
                Text.assemble(status, f": {extra}" if extra else ""),
            )
            out.append((person_id, cells))
        return out

    def reload(self, select: int | None = None) -> None:
        super().reload(select)
        meeting = self.store.meetings.get(self.meeting_id)
        self.sub_title = (
            f"Attendance · {self.store.register.redacted(meeting.title)}, {meeting.date:%d %B %Y}"
        )
        self.show_quorum(meeting.kind)
        self.show_declarations()

    def show_quorum(self, kind: MeetingKind) -> None:
        quorum = self.quorum = self.store.attendance.quorum(self.meeting_id)
        if not quorum.applies:
            state = "-no-quorum"
            if kind in (MeetingKind.PARTNERSHIP_BOARD, MeetingKind.SUB_GROUP):
                text = "No quorum set: give the members needed in the meeting's details."
            else:
                text = f"No quorum applies to a {kind.label.lower()}."
        elif quorum.quorate:
            state, text = "-quorate", f"Quorate · {quorum.present} present"
        else:
            events = self.store.attendance.quorum_events(self.meeting_id)
            since = f" (since {events[-1].at:%H:%M})" if events and not events[-1].quorate else ""
            state, text = "-inquorate", f"Not quorate{since}: " + "; ".join(quorum.missing)
        banner = self.query_one(f"#{BANNER_ID}", Static)
        for name in ("-quorate", "-inquorate", "-no-quorum"):
            banner.set_class(name == state, name)
        banner.update(Text(text))

    def show_declarations(self) -> None:
        declarations = self.store.attendance.declarations(self.meeting_id)
        names = {p.id: p.name for p in self.store.directory.people()}
        items = {
            it.id: item_label(it.position, it.title)
            for it in self.store.agenda.items(self.meeting_id)
        }
        table = self.query_one(f"#{DECLARATIONS_ID}", DataTable)
        table.clear()
        for d in declarations:
            table.add_row(
                plain(names.get(d.person_id, "?")),
                plain(items.get(d.item_id, "(no item)")),
                plain(d.nature),
                "Yes" if d.left_room else "No",
                key=str(d.id),
            )
        table.display = bool(declarations)
        self.query_one(f"#{NO_DECLARATIONS_ID}", Static).display = not declarations

    def selected(self) -> Attendance | None:
        person_id = self.selected_id()
        return None if person_id is None else self.records.get(person_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if not allowed or action not in ATTENDANCE_WRITES:
            return allowed
        if action == "invite":
            return True
        if (record := self.selected()) is None:
            return None
        if action in ("left", "arrived"):
            # Only the one that applies is shown, which also keeps the key bar short.
            move = self.last_move.get(room_person(record))
            here = puts_in_room(record) and (move is None or move.kind is MovementKind.ARRIVED)
            return here == (action == "left")
        return True

    # -- writing ------------------------------------------------------------------

    def write(self, person_id: int, do: Callable[[], object]) -> bool:
        """Run a store write; show a refusal rather than raise it."""
        try:
            do()
        except StoreError as exc:
            self.report(exc)
            return False
        self.reload(select=person_id)
        return True

    def person_choices(self, people: Iterable[Person]) -> list[tuple[int, Text]]:
        agencies = {a.id: a.short_name for a in self.store.directory.agencies()}
        return [
            (p.id or 0, person_label(p.name, p.initials, agencies.get(p.agency_id), p.job_title))
            for p in people
        ]

    def action_invite(self) -> None:
        # "Invited" until marked: it counts for nothing, so the banner cannot show a
        # quorum before anyone is in the room, and the meeting's end records anyone
        # still unmarked as absent (after saying so).
        def invite(person_id: int) -> bool:
            return self.write(
                person_id,
                lambda: self.store.attendance.mark(self.meeting_id, person_id, "invited"),
            )

        choices = self.person_choices(
            p for p in self.store.directory.people() if p.id not in self.records
        )
        self.app.push_screen(PersonPicker("Invite to this meeting", choices, on_pick=invite))

    def set_status(self, record: Attendance, status: str, deputy_id: int | None = None) -> None:
        self.write(
            record.person_id,
            lambda: self.store.attendance.change_status(
                self.meeting_id, record.person_id, status, deputy_id=deputy_id
            ),
        )

    def action_mark(self, status: str) -> None:
        if (record := self.selected()) is not None:
            self.set_status(record, status)

    def action_apologies(self) -> None:
        if (record := self.selected()) is None:
            return
        people = self.store.directory.people()
        member = next(p for p in people if p.id == record.person_id)
        # A deputy usually comes from the member's own agency: those come first.
        others = sorted(
            (p for p in people if p.id != member.id),
            key=lambda p: (p.agency_id != member.agency_id, p.name.lower()),
        )

        def chosen(deputy: int | None) -> None:
            if deputy is not None:
                self.set_status(record, "apologies", deputy or None)

        picker = PersonPicker(
            f"Apologies from {member.name}: who came instead?",
            self.person_choices(others),
            none_label="No deputy",
            highlight=record.deputy_id,
        )
        self.app.push_screen(picker, chosen)

    def action_in_attendance(self) -> None:
        if (record := self.selected()) is not None:
            self.app.push_screen(InAttendanceForm(self.store, record))

    def move(self, kind: MovementKind) -> None:
        if (record := self.selected()) is None:
            return
        who = room_person(record)
        before = self.quorum  # as the banner shows it
        result: list[Quorum] = []
        moved = self.write(
            record.person_id,
            lambda: result.append(
                self.store.attendance.record_movement(self.meeting_id, who, kind)
            ),
        )
        if not moved:
            return
        after = result[0]
        name, at = self.store.directory.person(who).name, self.last_move[who].at
        if after.applies and before is not None and before.quorate and not after.quorate:
            missing = "; ".join(after.missing)
            message = f"{name} left at {at:%H:%M}. The meeting is no longer quorate: {missing}."
            self.notify(message, severity="error", timeout=12, markup=False)
        elif after.applies and after.quorate and before is not None and not before.quorate:
            self.notify(f"{name} arrived at {at:%H:%M}. Quorate again.", markup=False)
        else:
            self.notify(f"{name} {kind.value} at {at:%H:%M}.", markup=False)

    def action_left(self) -> None:
        self.move(MovementKind.LEFT)

    def action_arrived(self) -> None:
        self.move(MovementKind.ARRIVED)

    def action_declare(self) -> None:
        if (record := self.selected()) is None:
            return
        names = {p.id: p.name for p in self.store.directory.people()}
        ids = {r.person_id for r in self.records.values()}
        ids |= {r.deputy_id for r in self.records.values() if r.deputy_id is not None}
        people = sorted(((names[i], i) for i in ids), key=lambda pair: pair[0].lower())
        form = DeclarationForm(self.store, self.meeting_id, people, room_person(record))
        self.app.push_screen(form)  # the screen reloads when the form closes

    def action_remove(self) -> None:
        if (record := self.selected()) is None:
            return
        name = self.store.directory.person(record.person_id).name
        moved = {m.person_id for m in self.store.attendance.movements(self.meeting_id)}
        if {record.person_id, room_person(record)} & moved:
            self.notify(
                f"{name} has arrivals or departures recorded, which the minutes rely on, "
                "so stays on the list. Mark them absent (3) instead.",
                severity="warning",
                markup=False,
            )
            return
        remove = self.store.attendance.remove

        def answered(yes: bool | None) -> None:
            if yes and self.write(
                record.person_id, lambda: remove(self.meeting_id, record.person_id)
            ):
                self.notify(f"Removed {name} from the list.", markup=False)

        self.app.push_screen(ConfirmScreen(f"Remove {name} from this meeting's list?"), answered)

    def action_back(self) -> None:
        self.dismiss()


def person_label(name: str, initials: str, agency: str | None, job: str | None) -> Text:
    """One line of a person picker, as plain text (never markup)."""
    return Text(" · ".join(part for part in (f"{name} ({initials})", agency, job) if part))


def item_label(position: int, title: str) -> str:
    return f"{position}. {title}"
