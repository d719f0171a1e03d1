"""One rapid review: its clock ("Day 9 of 15", the next deadline, each
milestone), the agencies' returns, the decision, the partners' sign-off, the
Panel, the parallel processes, the immediate actions and the written sections.
The child is shown by pseudonym; ``v`` shows the real name (and the names in
the text) for as long as the chair wants them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from screens.common.base import QuorateScreen, fit, plain, row_id, select_row
from screens.common.child_record import ChildRecordScreen
from screens.reviews import parts as record_parts
from screens.reviews.common import (
    TONES,
    day_text,
    toned,
)
from screens.reviews.parts import short_date
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.domain.errors import StoreError

if TYPE_CHECKING:
    from store.domain.models.reviews import RapidReview, ReviewAgency
    from store.domain.review_clock import ReviewClock

NARROW = 100
WRITING = frozenset(
    {
        "send",
        "panel_response",
        "return_today",
        "return_form",
        "involved",
        "add_agency",
        "sign_off",
        "decide",
        "sections",
        "details",
        "immediate_action",
        "process",
        "meeting",
    }
)


class ReviewScreen(ChildRecordScreen):
    CSS_PATH = "review.tcss"
    BODY_ID = "review-body"
    WRITES = QuorateScreen.WRITES | WRITING
    # Most important first: an 80-column key bar shortens the last ones first.
    BINDINGS = [
        Binding("p", "send", "Send to the Panel", id="review-send"),
        Binding("r", "return_today", "Return in today", id="review-return-today"),
        Binding("s", "sign_off", "Sign-off", id="review-sign-off"),
        Binding("c", "decide", "Decision", id="review-decide"),
        Binding("w", "sections", "Write sections", id="review-sections"),
        Binding("e", "details", "Edit details", id="review-details"),
        Binding("n", "immediate_action", "Immediate action", id="review-action"),
        Binding("P", "panel_response", "Panel reply", id="review-panel-response"),
        Binding("x", "export", "Export the record", id="review-export"),
        Binding("t", "return_form", "Return on a date", id="review-return-form", show=False),
        Binding("i", "involved", "Involved / not involved", id="review-involved", show=False),
        Binding("A", "add_agency", "Add an agency", id="review-add-agency", show=False),
        Binding("o", "process", "Parallel process", id="review-process", show=False),
        Binding("M", "meeting", "Rapid review meeting", id="review-meeting", show=False),
        Binding("v", "show_names", "Show/hide real names", id="review-names", show=False),
        Binding("escape,backspace", "back", "Back", id="review-back", key_display="esc"),
        # The agencies' table shows every row, so its own paging does nothing:
        # page keys page the record, wherever the focus is.
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    agencies_table = getters.query_one("#review-agencies", DataTable)

    def __init__(self, review_id: int):
        super().__init__()
        self.review_id = review_id
        self.review: RapidReview | None = None  # as last read by reload
        self.clock: ReviewClock | None = None
        self._agencies: dict[int, ReviewAgency] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Static(id="review-title")
            yield Static(id="review-clock")
            yield Static(id="review-case")
            yield Static("Milestones", classes="section-heading")
            yield Static(id="review-milestones")
            yield Static(
                "Agency returns (r: in today · t: on a date · i: not involved)",
                classes="section-heading",
            )
            yield Static(id="review-outstanding")
            yield DataTable(id="review-agencies", cursor_type="row", zebra_stripes=True)
            yield Static("Decision (c)", classes="section-heading")
            yield Static(id="review-decision")
            yield Static("Sign-off by the safeguarding partners (s)", classes="section-heading")
            yield Static(id="review-signoffs")
            yield Static("The Panel (p sends · P its response)", classes="section-heading")
            yield Static(id="review-panel")
            yield Static("Parallel processes (o)", classes="section-heading")
            yield Static(id="review-processes")
            yield Static("Immediate actions (n)", classes="section-heading")
            yield Static(id="review-actions")
            yield Static("Participants (the rapid review meeting, M)", classes="section-heading")
            yield Static(id="review-participants")
            yield Static("Sections (w writes them)", classes="section-heading")
            yield Static(id="review-sections")
        yield KeyBar()

    def on_mount(self) -> None:
        self.agencies_table.focus()

    def on_screen_resume(self) -> None:
        # Follows the mount, and every form or question closed over this screen.
        self.reload()

    @property
    def narrow(self) -> bool:
        return (self.size.width or self.app.size.width) < NARROW

    def on_resize(self) -> None:
        if self.review is not None:
            self.reload()

    # One review's rows are a few dozen: read on the UI thread, as one action's are.
    def reload(self) -> None:
        store = self.store
        review = self.review = store.reviews.get(self.review_id)
        today = store.clock().date()
        clock = self.clock = store.reviews.clock(review, today)
        self.agency_names = {a.id or 0: a.short_name for a in store.directory.agencies()}
        self.people = {p.id or 0: p for p in store.directory.people()}
        self.sub_title = review.reference
        self._title(review)
        line = toned(self.app, clock.summary, TONES[clock.standing], bold=True)
        self.query_one("#review-clock", Static).update(line)
        self.query_one("#review-case", Static).update(record_parts.case(self, review))
        self.query_one("#review-milestones", Static).update(record_parts.milestones(self, clock))
        self._returns()
        self.query_one("#review-decision", Static).update(record_parts.decision(self, review))
        self.query_one("#review-signoffs", Static).update(record_parts.signoffs(self))
        self.query_one("#review-panel", Static).update(record_parts.panel(self, review))
        self.query_one("#review-processes", Static).update(record_parts.processes(self))
        self.query_one("#review-actions", Static).update(record_parts.actions(self))
        self.query_one("#review-participants", Static).update(
            record_parts.participants(self, review)
        )
        self.query_one("#review-sections", Static).update(record_parts.sections(self, review))
        self.refresh_bindings()

    # -- the parts of the record --------------------------------------------------

    def _title(self, review: RapidReview) -> None:
        title = self.title_text(
            review.reference, review.child_id, "no child chosen from the register yet (e)"
        )
        title.append(f"  ·  {review.harm.label}")
        self.query_one("#review-title", Static).update(title)

    def _returns(self) -> None:
        store = self.store
        today = store.clock().date()
        rows = store.reviews.agencies(self.review_id)
        self._agencies = {row.agency_id: row for row in rows}
        outstanding = [row for row in rows if row.involved and row.return_in is None]
        text = Text()
        if outstanding:
            text.append("Not in yet: ", style="bold")
            parts = []
            for row in outstanding:
                name = self.agency_names.get(row.agency_id, "?")
                late = row.return_due is not None and row.return_due < today
                due = f" (due {short_date(row.return_due, True)}{', late' if late else ''})"
                parts.append(name + (due if row.return_due else ""))
            text.append("; ".join(parts))
        elif rows:
            text.append("Every involved agency's return is in.")
        else:
            text.append("No agencies listed (A adds one).", style="dim")
        self.query_one("#review-outstanding", Static).update(text)
        table = self.agencies_table
        keep = self.selected_agency()
        table.clear(columns=True)
        narrow = self.narrow
        summary = max(12, (self.size.width or 80) - (54 if narrow else 76))
        table.add_column("Agency", width=16 if narrow else 20)
        table.add_column("Involved", width=8)
        table.add_column("Due", width=7 if narrow else 15)
        table.add_column("In", width=7 if narrow else 15)
        table.add_column("Summary", width=summary)
        for row in rows:
            if not row.involved:
                came = Text("not involved", style="dim")
            elif row.return_in is None:
                late = row.return_due is not None and row.return_due < today
                came = toned(self.app, "not in", "error" if late else None, bold=late)
            else:
                came = Text(short_date(row.return_in, narrow))
            table.add_row(
                fit(self.agency_names.get(row.agency_id, "?"), 16 if narrow else 20),
                "yes" if row.involved else "no",
                short_date(row.return_due, narrow) if row.return_due else "",
                came,
                fit(plain(self.shown(row.summary)), summary),
                key=str(row.agency_id),
            )
        select_row(table, keep)

    # -- which agency ---------------------------------------------------------------

    def selected_agency(self) -> int | None:
        return row_id(self.agencies_table)

    def _agency_row(self) -> ReviewAgency | None:
        agency_id = self.selected_agency()
        return self._agencies.get(agency_id) if agency_id is not None else None

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_return_form()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        review = self.review
        if review is not None:
            sent = review.sent_to_panel_on is not None
            if action == "send" and sent:
                return None
            if action == "panel_response" and not sent:
                return None
            if action in {"return_today", "return_form", "involved"}:
                row = self._agency_row()
                if row is None:
                    return None
                if action == "return_today" and (row.return_in is not None or not row.involved):
                    return None
        return super().check_action(action, parameters)

    # -- the keys ---------------------------------------------------------------------
    # The screen reloads when a form or question closes (ScreenResume).

    def _write(self, write: Any, said: str) -> bool:
        try:
            write()
        except StoreError as exc:
            self.report(exc)
            return False
        self.notify(said, markup=False)
        self.reload()
        return True

    def action_return_today(self) -> None:
        row = self._agency_row()
        if row is None:
            return
        today = self.store.clock().date()
        name = self.agency_names.get(row.agency_id, "The agency")
        self._write(
            lambda: self.store.reviews.set_agency(self.review_id, row.agency_id, return_in=today),
            f"{name}'s return marked in today.",
        )

    def action_return_form(self) -> None:
        from screens.reviews.steps import ReturnForm

        row = self._agency_row()
        if row is not None:
            self.app.push_screen(ReturnForm(self.store, self.review_id, row))

    def action_involved(self) -> None:
        row = self._agency_row()
        if row is None:
            return
        name = self.agency_names.get(row.agency_id, "The agency")
        now = not row.involved
        self._write(
            lambda: self.store.reviews.set_agency(self.review_id, row.agency_id, involved=now),
            f"{name}: {'involved' if now else 'not involved'}.",
        )

    def action_add_agency(self) -> None:
        from screens.reviews.steps import AddAgencyForm

        self.app.push_screen(AddAgencyForm(self.store, self.review_id, set(self._agencies)))

    def action_sign_off(self) -> None:
        from screens.reviews.forms import SignOffForm

        if self.review is None:
            return
        unsigned = self.store.reviews.unsigned(self.review_id)
        first = unsigned[0].id if unsigned else None
        self.app.push_screen(SignOffForm(self.store, self.review, first))

    def action_decide(self) -> None:
        from screens.reviews.forms import DecisionForm

        if self.review is not None:
            self.app.push_screen(DecisionForm(self.store, self.review))

    def action_sections(self) -> None:
        from screens.reviews.sections import SectionsEditor

        self.app.push_screen(SectionsEditor(self.store, self.review_id))

    def action_details(self) -> None:
        from screens.reviews.forms import DetailsForm

        if self.review is not None:
            self.app.push_screen(DetailsForm(self.store, self.review))

    def action_immediate_action(self) -> None:
        from screens.reviews.steps import ImmediateActionForm

        if self.review is None:
            return

        def raised(action_id: int | None) -> None:
            if action_id:
                reference = self.store.actions.get(action_id).reference
                self.notify(f"Raised {reference} on the action log.", markup=False)

        self.app.push_screen(ImmediateActionForm(self.store, self.review), raised)

    def action_process(self) -> None:
        from screens.reviews.steps import ProcessForm

        self.app.push_screen(ProcessForm(self.store, self.review_id))

    def action_meeting(self) -> None:
        from screens.reviews.steps import MeetingForm

        if self.review is not None:
            self.app.push_screen(MeetingForm(self.store, self.review))

    def action_send(self) -> None:
        """Say what is missing and refuse; else ask for the date, then confirm."""
        from screens.reviews.steps import SendForm

        review = self.review
        if review is None:
            return
        try:
            missing = self.store.reviews.missing_for_panel(self.review_id)
        except StoreError as exc:
            self.report(exc)
            return
        if missing:
            self.notify(
                "Not ready to send to the Panel. Missing: " + "; ".join(missing) + ".",
                title="Not sent",
                severity="error",
                timeout=12,
                markup=False,
            )
            return

        def dated(day: dt.date | None) -> None:
            if day is None:
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(
                        lambda: self.store.reviews.send_to_panel(self.review_id, day),
                        f"{review.reference} marked sent to the Panel on {day_text(day)}.",
                    )

            self.app.push_screen(
                ConfirmScreen(
                    f"Mark {review.reference} sent to the Panel on {day_text(day)}? "
                    "The clock stops there, and the record is counted in the figures."
                ),
                answered,
            )

        self.app.push_screen(SendForm(self.store, review), dated)

    def action_panel_response(self) -> None:
        from screens.reviews.steps import PanelResponseForm

        if self.review is not None and self.review.sent_to_panel_on is not None:
            self.app.push_screen(PanelResponseForm(self.store, self.review))

    def action_export(self) -> None:
        """The record in the template's shape, through the one document writer."""
        from screens.common.export import ExportScreen
        from store.exports import RapidReviewRecord

        self.app.push_screen(ExportScreen(RapidReviewRecord(self.review_id)))
