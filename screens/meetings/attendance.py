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
from screens.meetings.attendance_forms import (
    DeclarationForm,
    InAttendanceForm,
    item_label,
    person_label,
)
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from screens.widgets.picker import PersonPicker
from store.domain.errors import StoreError
from store.domain.kinds import AttendanceStatus, MeetingKind, MeetingStatus, MovementKind
from store.domain.models import Attendance, Movement, Person
from store.domain.quorum import Quorum, record_people, room_person

if TYPE_CHECKING:
    pass

BANNER_ID = "quorum-banner"
REPRESENTED_ID = "quorum-represented"
DECLARATIONS_ID = "declarations-table"
NO_DECLARATIONS_ID = "no-declarations"
ATTENDANCE_WRITES = frozenset(
    {"invite", "mark", "apologies", "in_attendance", "left", "arrived", "declare", "remove"}
)


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
        self.here: set[int] = set()  # everyone in the room now
        self.quorum: Quorum | None = None  # as the banner shows it

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id=BANNER_ID)
        yield Static(id=REPRESENTED_ID)
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
        self.here = store.attendance.in_room(self.meeting_id)
        out: list[tuple[int, Sequence[Any]]] = []
        for person_id, record in self.records.items():
            person, deputy = people[person_id], people.get(record.deputy_id)
            move = self.last_move.get(room_person(record))
            room = f"{move.kind.value} {move.at:%H:%M}" if move else ""
            if record.status is AttendanceStatus.PRESENT and record.deputy_id is not None:
                # A member who came late, and the deputy who came for them: both times.
                gone = self.last_move.get(record.deputy_id)
                room += f"; deputy {gone.kind.value} {gone.at:%H:%M}" if gone else "; deputy here"
            status = status_cell(record.status)
            extra = deputy.name if deputy else record.note
            cells = (
                plain(person.name),
                plain(person.initials),
                plain(agencies.get(person.agency_id, "")),
                status,
                plain(deputy.name if deputy else ""),
                room,
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
        # Under it, in its colours: who represented each partner, and whether a
        # partner's lead is missing from the directory (so anyone from it counted).
        represented = ""
        if quorum.applies and quorum.represented:
            represented = "Represented: " + quorum.representation
            if quorum.unrecorded_note:
                represented += "\n" + quorum.unrecorded_note
        banner = self.query_one(f"#{BANNER_ID}", Static)
        below = self.query_one(f"#{REPRESENTED_ID}", Static)
        for widget in (banner, below):
            for name in ("-quorate", "-inquorate", "-no-quorum"):
                widget.set_class(name == state, name)
        banner.update(Text(text))
        below.update(Text(represented))
        below.display = bool(represented)

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
            return bool(self.movers(record, MovementKind(action)))
        return True

    def movers(self, record: Attendance, kind: MovementKind) -> list[int]:
        """Who on this row can leave the room (in it now) or arrive (not in it):
        the member, and the deputy who came for them. A member who sent
        apologies arrives when they come late; their deputy stays."""
        people = [record.person_id, *(p for p in record_people(record) if p != record.person_id)]
        if kind is MovementKind.LEFT:
            return [p for p in people if p in self.here]
        if record.deputy_id is not None and record.deputy_id not in people:
            people.append(record.deputy_id)  # apologies with a deputy who has left
        return [p for p in people if p not in self.here]

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

    def tell_quorum(self, before: Quorum | None, name: str) -> bool:
        """Say so when a change in a live meeting made it quorate or not; whether it did
        (before the start the banner says it)."""
        after = self.quorum
        if after is None or before is None or not after.applies or before.quorate == after.quorate:
            return False
        if self.store.meetings.get(self.meeting_id).status is not MeetingStatus.LIVE:
            return False
        at = self.store.clock()
        if not after.quorate:
            missing = "; ".join(after.missing)
            message = f"At {at:%H:%M} ({name}) the meeting is no longer quorate: {missing}."
            self.notify(message, severity="error", timeout=12, markup=False)
        else:
            self.notify(f"At {at:%H:%M} ({name}) the meeting is quorate again.", markup=False)
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
        # While the meeting runs, the store records a status that brings someone in
        # or takes them out as an arrival or departure, and any change of quorum.
        before = self.quorum
        if self.write(
            record.person_id,
            lambda: self.store.attendance.change_status(
                self.meeting_id, record.person_id, status, deputy_id=deputy_id
            ),
        ):
            name = self.store.directory.person(record.person_id).name
            self.tell_quorum(before, f"{name}: {AttendanceStatus(status).label.lower()}")

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
        movers = self.movers(record, kind)
        if len(movers) == 1:
            self.moved(record, movers[0], kind)
        elif movers:
            # A late member and the deputy who came for them: which one?
            people = {p.id: p for p in self.store.directory.people()}
            choices = [
                (
                    p,
                    Text(
                        f"{people[p].name}"
                        + (" (the deputy)" if p == record.deputy_id else " (the member)")
                    ),
                )
                for p in movers
            ]
            verb = "left the room" if kind is MovementKind.LEFT else "arrived"
            picker = PersonPicker(f"Who {verb}?", choices)

            def chosen(who: int | None) -> None:
                if who:
                    self.moved(record, who, kind)

            self.app.push_screen(picker, chosen)

    def moved(self, record: Attendance, who: int, kind: MovementKind) -> None:
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
        remove = self.store.attendance.remove
        if self.store.meetings.get(self.meeting_id).status is MeetingStatus.CLOSED:
            # The store refuses, and says what to do instead.
            self.write(record.person_id, lambda: remove(self.meeting_id, record.person_id))
            return
        moved = {m.person_id for m in self.store.attendance.movements(self.meeting_id)}
        if {record.person_id, record.deputy_id} & moved:
            self.notify(
                f"{name} has arrivals or departures recorded, which the minutes rely on, "
                "so stays on the list. Mark them absent (3) instead.",
                severity="warning",
                markup=False,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes and self.write(
                record.person_id, lambda: remove(self.meeting_id, record.person_id)
            ):
                self.notify(f"Removed {name} from the list.", markup=False)

        self.app.push_screen(ConfirmScreen(f"Remove {name} from this meeting's list?"), answered)

    def action_back(self) -> None:
        self.dismiss()
