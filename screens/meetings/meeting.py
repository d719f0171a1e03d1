"""One meeting: its details, agenda (with planned times) and attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from screens.common.base import QuorateScreen, fit, plain, row_id, select_row, status_cell
from screens.common.forms import MeetingForm
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.domain.agenda_times import planned_starts
from store.domain.errors import StoreError
from store.domain.kinds import MeetingStatus

if TYPE_CHECKING:
    from store.domain.models import AgendaItem


class MeetingScreen(QuorateScreen):
    WRITES = frozenset(
        {"start", "correct", "agree", "amend", "plan_next", "edit", "cancel", "reinstate", "delete"}
    ) | {"resume"}  # taking up a live meeting writes as starting one does
    CSS_PATH = "meeting.tcss"
    BINDINGS = [
        Binding("s", "start", "Start meeting", id="meeting-start"),
        # A live meeting (left, or the app closed mid-meeting) is taken up where it was.
        Binding("s", "resume", "Resume meeting", id="meeting-resume"),
        Binding("r", "correct", "Correct minutes", id="meeting-correct"),
        Binding("A", "agree", "Agree minutes", id="meeting-agree", key_display="A"),
        Binding("A", "amend", "Amend minutes", id="meeting-amend", key_display="A"),
        Binding("g", "agenda", "Agenda", id="meeting-agenda"),
        Binding("t", "attendance", "Attendance", id="meeting-attendance"),
        Binding("x", "export", "Export minutes", id="meeting-export"),
        Binding("e", "edit", "Edit details", id="meeting-edit"),
        Binding("N", "plan_next", "Next in series", id="meeting-plan-next", key_display="N"),
        Binding("h", "corrections", "Corrections", id="meeting-corrections"),
        Binding("c", "cancel", "Cancel meeting", id="meeting-cancel"),
        Binding("u", "reinstate", "Reinstate", id="meeting-reinstate"),
        Binding("delete", "delete", "Delete", id="meeting-delete", key_display="del"),
        Binding("escape,backspace", "back", "Back", id="meeting-back", key_display="esc"),
    ]

    def __init__(self, meeting_id: int, *, item_id: int | None = None):
        """``item_id``: opened at that item (from a search): the agenda's cursor is
        on it and its minutes are shown under the agenda, following the cursor."""
        super().__init__()
        self.meeting_id = meeting_id
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="meeting-title")
            yield Static(id="meeting-details")
            yield Static("Agenda", classes="section-heading")
            yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="agenda-finish")
            if self.item_id is not None:
                yield Static(id="item-minutes-heading", classes="section-heading")
                yield Static(id="item-minutes")
            yield Static("Attendance", classes="section-heading")
            yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    # The agenda's columns but the item's title, which takes what is left (cut
    # with "…"), so purpose, presenter and minutes show on an 80-column window.
    AGENDA_WIDTHS = {"No.": 4, "Start": 5, "Purpose": 16, "Presenter": 16, "Mins": 4}
    _title_width = 0

    def _agenda_columns(self) -> bool:
        """Lay the agenda out for the window; True when the widths changed."""
        width = self.size.width or self.app.size.width
        fixed = sum(self.AGENDA_WIDTHS.values())
        title = max(width - fixed - 6 * 2 - 6, 16)
        if title == self._title_width:
            return False
        self._title_width = title
        table = self.query_one("#agenda-table", DataTable)
        table.clear(columns=True)
        for label in ("No.", "Start", "Item", "Purpose", "Presenter", "Mins"):
            table.add_column(label, width=self.AGENDA_WIDTHS.get(label, title))
        return True

    def on_resize(self) -> None:
        if self.is_mounted and self._agenda_columns():
            self.reload()

    def on_mount(self) -> None:
        self._agenda_columns()
        self.query_one("#attendance-table", DataTable).add_columns(
            "Name", "Job title", "Agency", "Attendance", "Deputy"
        )
        self.reload()
        if self.item_id is not None:
            self.query_one("#agenda-table", DataTable).focus()
            self.call_after_refresh(self._minutes_into_view)

    def _minutes_into_view(self) -> None:
        self.query_one("#item-minutes", Static).scroll_visible(animate=False)
        self.query_one("#agenda-table", DataTable).scroll_visible(animate=False, top=True)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.item_id is not None and event.data_table.id == "agenda-table":
            key = event.row_key.value
            if key is not None:
                self.item_id = int(key)
                self._show_item_minutes()

    _items: list[AgendaItem] = []  # the agenda as last read (reload)

    def _show_item_minutes(self) -> None:
        """The minutes of the item under the agenda's cursor, as recorded."""
        if self.item_id is None or not self.is_mounted:
            return
        number, item = next(
            ((n, i) for n, i in enumerate(self._items, 1) if i.id == self.item_id), (0, None)
        )
        if item is None:
            return
        self.query_one("#item-minutes-heading", Static).update(
            plain(f"Minutes of item {number}: {item.title}")
        )
        minutes = item.minutes.strip()
        self.query_one("#item-minutes", Static).update(
            plain(minutes) if minutes else Text("No minutes recorded.", style="italic")
        )

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.store
        meeting = store.meetings.get(self.meeting_id)
        people = {p.id: p for p in store.directory.people()}
        agencies = {a.id: a for a in store.directory.agencies()}
        chair = people.get(meeting.chair_id)
        self.query_one("#meeting-title", Static).update(Text(meeting.title, style="bold"))
        details = Text()
        details.append(f"{meeting.kind.label} · {meeting.status.label}")
        if meeting.status is MeetingStatus.CANCELLED:
            when = f" on {meeting.cancelled_at:%d %b %Y}" if meeting.cancelled_at else ""
            why = f": {meeting.cancelled_reason}" if meeting.cancelled_reason else ""
            details.append(f"{when}{why}", style="bold")
        details.append("\n")
        details.append(f"{meeting.date:%A %d %B %Y}, {meeting.start_time:%H:%M}")
        if meeting.location:
            details.append(f" · {meeting.location}")
        details.append(f"\nChair: {chair.name if chair else 'not set'} · Series: {meeting.series}")
        if meeting.quorum_members:
            details.append(f" · Quorum: {meeting.quorum_members} members")
        if meeting.started_at:
            details.append(f"\nStarted {meeting.started_at:%H:%M}")
            if meeting.ended_at:
                details.append(f", ended {meeting.ended_at:%H:%M}")
        quorum = store.attendance.quorum(self.meeting_id)
        if quorum.applies:
            details.append(f"\n{quorum.summary}", style="bold" if not quorum.quorate else "")
        if meeting.status is MeetingStatus.CLOSED:
            details.append("\n" + self._record_line())
        self.query_one("#meeting-details", Static).update(details)

        items = self._items = store.agenda.items(self.meeting_id)
        starts, finish = planned_starts(meeting.date, meeting.start_time, items)
        agenda: DataTable[Any] = self.query_one("#agenda-table", DataTable)
        # The cursor stays on its item (a search's item, or where the chair was).
        keep = self.item_id if self.item_id is not None else row_id(agenda)
        agenda.clear()
        for number, (item, start) in enumerate(zip(items, starts, strict=True), 1):
            presenter = people.get(item.presenter_id)
            agenda.add_row(
                str(number),
                start.strftime("%H:%M"),
                fit(item.title, self._title_width),
                item.purpose.label,
                fit(presenter.name if presenter else "", self.AGENDA_WIDTHS["Presenter"]),
                str(item.planned_minutes),
                key=str(item.id),
            )
        select_row(agenda, keep)
        self._show_item_minutes()
        self.query_one("#agenda-finish", Static).update(
            f"Planned finish {finish:%H:%M}" if items else "No agenda items yet."
        )

        attendance: DataTable[Any] = self.query_one("#attendance-table", DataTable)
        attendance.clear()
        for record in store.attendance.of(self.meeting_id):
            person = people.get(record.person_id)
            deputy = people.get(record.deputy_id)
            agency = agencies.get(person.agency_id) if person else None
            attendance.add_row(
                plain(person.name if person else "?"),
                plain(person.job_title if person else ""),
                plain(agency.short_name if agency else ""),
                status_cell(record.status),
                plain(deputy.name if deputy else ""),
                key=str(record.id),
            )
        self.sub_title = self.store.register.redacted(meeting.title)
        self.refresh_bindings()

    def _record_line(self) -> str:
        """Whether the minutes are agreed, amended, circulated."""
        record = self.store.record
        agreement = record.agreement(self.meeting_id)
        if agreement is None:
            line = "Minutes not yet agreed (A agrees them; r corrects them first)"
        else:
            line = f"Minutes agreed {agreement.agreed_at.day} {agreement.agreed_at:%b %Y}"
            amended = len(record.amendments(self.meeting_id))
            if amended:
                line += f", amended {amended} time{'s' if amended != 1 else ''}"
        copies = record.circulations(self.meeting_id)
        if copies:
            line += f" · circulated {len(copies)} time{'s' if len(copies) != 1 else ''}"
            line += f", last {copies[0].at.day} {copies[0].at:%b %Y %H:%M}"
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        status = self.store.meetings.get(self.meeting_id).status
        agreed = (
            status is MeetingStatus.CLOSED
            and self.store.record.agreement(self.meeting_id) is not None
        )
        # Only the keys that apply are shown: a planned meeting starts or is
        # cancelled, a closed one is corrected until its minutes are agreed and
        # amended after, a cancelled one is reinstated.
        shown = {
            "start": status is MeetingStatus.PLANNED,
            "resume": status is MeetingStatus.LIVE,
            "correct": status is MeetingStatus.CLOSED and not agreed,
            "agree": status is MeetingStatus.CLOSED and not agreed,
            "amend": agreed,
            "edit": not agreed,
            "corrections": status is MeetingStatus.CLOSED,
            "cancel": status is MeetingStatus.PLANNED,
            "reinstate": status is MeetingStatus.CANCELLED,
            "delete": status in (MeetingStatus.PLANNED, MeetingStatus.CANCELLED),
        }
        if not shown.get(action, True):
            return False  # not offered at all (the bar stays short), rather than dimmed
        return super().check_action(action, parameters)

    def action_start(self) -> None:
        from screens.meetings.live import LiveScreen

        if not self.store.agenda.items(self.meeting_id):
            self.notify("Add agenda items first (g).", severity="warning")
            return
        meeting = self.store.meetings.get(self.meeting_id)
        concerns: list[str] = []
        if meeting.status is MeetingStatus.PLANNED:
            today = self.store.clock().date()
            ahead = (meeting.date - today).days
            if ahead > 0:
                concerns.append(
                    f"it is planned for {meeting.date:%a %d %b %Y}, "
                    f"{ahead} day{'s' if ahead != 1 else ''} from today"
                )
            if not self.store.attendance.of(self.meeting_id):
                concerns.append("nobody is on its attendance list yet (t)")
            quorum = self.store.attendance.quorum(self.meeting_id)
            if quorum.applies and not quorum.quorate:
                concerns.append(
                    quorum.summary.rstrip(".").replace("Not quorate", "it is not quorate")
                )
        if not concerns:
            self.app.push_screen(LiveScreen(self.meeting_id))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(LiveScreen(self.meeting_id))

        self.app.push_screen(
            # The first letter only: str.capitalize() would lower "Thu 10 Dec" too.
            ConfirmScreen("Start the meeting now? " + _sentence("; ".join(concerns)) + "."),
            answered,
        )

    def action_resume(self) -> None:
        self.action_start()  # a live meeting asks nothing: it goes back to its item

    def action_correct(self) -> None:
        from screens.meetings.live import LiveScreen

        self.app.push_screen(LiveScreen(self.meeting_id))

    def action_agree(self) -> None:
        from screens.meetings.agree import AgreeMinutesForm

        def agreed(result: int | None) -> None:
            if result:
                self.notify("Agreed as an accurate record. The minutes are now locked.")
            self.reload()

        self.app.push_screen(AgreeMinutesForm(self.store, self.meeting_id), agreed)

    def action_amend(self) -> None:
        from screens.meetings.agree import AmendMinutesScreen

        def amended(result: int | None) -> None:
            if result:
                self.notify("Amended. The reason and the earlier text are kept (h shows them).")
            self.reload()

        self.app.push_screen(AmendMinutesScreen(self.store, self.meeting_id), amended)

    def action_corrections(self) -> None:
        from screens.meetings.record import CorrectionsScreen

        self.app.push_screen(CorrectionsScreen(self.meeting_id))

    def action_cancel(self) -> None:
        from screens.meetings.record import CancelMeetingForm

        def cancelled(result: int | None) -> None:
            if result:
                self.notify("Cancelled. The meeting is kept; u reinstates it.", markup=False)

        self.app.push_screen(CancelMeetingForm(self.store, self.meeting_id), cancelled)

    def action_reinstate(self) -> None:
        try:
            self.store.meetings.reinstate(self.meeting_id)
        except StoreError as exc:
            self.report(exc)
            return
        self.notify("Reinstated: the meeting is planned again.")
        self.reload()

    def action_delete(self) -> None:
        meeting = self.store.meetings.get(self.meeting_id)
        held = self.store.meetings.record_of(self.meeting_id)
        if held:
            self.notify(
                f"This meeting holds {', '.join(held)}, so it cannot be deleted. Cancel "
                "it instead (c): it is kept, marked cancelled.",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.meetings.delete(self.meeting_id)
            except StoreError as exc:
                self.report(exc)
                return
            self.app.notify(f"Deleted {meeting.title} ({meeting.date:%d %b %Y}).", markup=False)
            self.dismiss()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete {meeting.title} on {meeting.date:%a %d %b %Y} and its agenda? "
                "It holds no record yet (no attendance, minutes, actions or decisions)."
            ),
            answered,
        )

    def action_agenda(self) -> None:
        from screens.meetings.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(self.meeting_id))

    def action_attendance(self) -> None:
        from screens.meetings.attendance import AttendanceScreen

        self.app.push_screen(AttendanceScreen(self.meeting_id))

    def action_export(self) -> None:
        from screens.common.export import ExportScreen

        self.app.push_screen(ExportScreen(self.meeting_id))

    def action_plan_next(self) -> None:
        from screens.common.forms import NextMeetingForm

        def planned(meeting_id: int | None) -> None:
            if meeting_id:
                self.app.push_screen(MeetingScreen(meeting_id))

        self.app.push_screen(NextMeetingForm(self.store, self.meeting_id), planned)

    def action_edit(self) -> None:
        self.app.push_screen(MeetingForm(self.store, self.store.meetings.get(self.meeting_id)))

    def action_back(self) -> None:
        self.dismiss()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
