"""Home: the partnership, its next meetings and the figures so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, Static
from textual.widgets.data_table import ColumnKey

from screens.common.base import QuorateScreen, plain
from screens.widgets.keybar import KeyBar
from store.domain.errors import StoreError

if TYPE_CHECKING:
    from store import Store
    from store.dashboard import ReviewDeadline

NEXT_MEETINGS = 6
REVIEWS_SHOWN = 3  # the worst; V lists every one
WHEN_WIDTH = len("Thu 10 Dec 2026 14:00")
GAPS = 6  # a cell's padding either side, three columns


def clipped(value: str | None, width: int) -> Text:
    """User text in a column of ``width``, cut with an ellipsis if longer."""
    text = plain(value)
    text.truncate(width, overflow="ellipsis")
    return text


class DashboardScreen(QuorateScreen):
    # Loaded by the app with its own CSS (see tui/app.py), not as CSS_PATH.
    CSS_FILE = Path(__file__).with_name("dashboard.tcss")
    BINDINGS = [
        Binding("enter,o", "open", "Open meeting", id="dashboard-open", key_display="enter"),
        # The app's key (it works on every screen without a search of its own), shown here.
        Binding("slash", "app.search", "Search", id="dashboard-search", key_display="/"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="partnership-name")
        with Horizontal(id="dashboard-body"):
            with Vertical(id="next-panel"):
                yield Static("Next meetings", classes="panel-title")
                yield DataTable(id="next-meetings", cursor_type="row")
                yield Static(id="next-empty")
            with Vertical(id="side-panels"):
                with Vertical(id="actions-panel"):
                    yield Static("Actions", classes="panel-title")
                    yield Static(id="action-figures")
                with Vertical(id="reviews-panel"):
                    yield Static("Rapid reviews", classes="panel-title")
                    yield Static(id="review-deadlines")
                with Vertical(id="escalations-panel"):
                    yield Static("Escalations", classes="panel-title")
                    yield Static(id="escalation-figures")
                with Vertical(id="figures-panel"):
                    yield Static("Figures", classes="panel-title")
                    yield Static(id="figures")
        yield KeyBar()

    _shown_once = False

    # The meeting and the place share what the panel has left after the date:
    # sized to content, the columns ran off the right-hand edge (with the kind
    # as a fourth column, the place could not be seen at 120 columns). The
    # meeting's own screen has everything.
    _title_width, _place_width = 30, 18  # a 120-column terminal's, until laid out

    def on_mount(self) -> None:
        table: DataTable[Any] = self.query_one("#next-meetings", DataTable)
        table.add_column("When", key="when", width=WHEN_WIDTH)
        table.add_column("Meeting", key="meeting", width=self._title_width)
        table.add_column("Where", key="where", width=self._place_width)
        self.reload()
        self.load_reviews(first_frame=True)

    @dataclass
    class ReviewsRead(Message):
        """Every open review's next deadline, worst first, for load ``generation``."""

        deadlines: list[ReviewDeadline]
        open: int
        generation: int
        error: StoreError | None = None

    _reviews_generation = 0
    reviews_loading = False

    @property
    def busy(self) -> bool:
        """True until the rapid reviews panel has its figures (for tests)."""
        return self.reviews_loading

    def load_reviews(self, *, first_frame: bool = False) -> None:
        """The open reviews' next deadlines. None open is said at once (a count);
        otherwise each clock needs the models and the calendar, so they are worked
        out in a worker, started once the first frame is up."""
        self._reviews_generation += 1
        if not self.store.dashboard.open_reviews():
            self.on_dashboard_screen_reviews_read(self.ReviewsRead([], 0, self._reviews_generation))
            return
        self.reviews_loading = True
        if first_frame:
            self.call_after_refresh(self._start_reviews, self._reviews_generation)
        else:
            self._start_reviews(self._reviews_generation)

    def _start_reviews(self, generation: int) -> None:
        self.run_worker(
            partial(_read_reviews, self, self.store, generation),
            thread=True,
            exclusive=True,
            group="dashboard-reviews",
            name="review deadlines",
        )

    def on_dashboard_screen_reviews_read(self, message: ReviewsRead) -> None:
        if message.generation != self._reviews_generation:
            return  # a newer read is on its way
        self.reviews_loading = False
        panel = self.query_one("#reviews-panel")
        out = self.query_one("#review-deadlines", Static)
        if message.error is not None:
            out.update(Text(str(message.error), style="italic"))
            return
        deadlines = message.deadlines
        panel.set_class(any(d.overdue for d in deadlines), "-overdue")
        if not deadlines:
            out.update(Text("No open reviews.", style="italic"))
            return
        from screens.reviews.common import SHORT, days_left

        text = Text()
        for deadline in deadlines[:REVIEWS_SHOWN]:
            # Two short lines: the panel is 30 columns wide at 80 (working days
            # are meant, as on the reviews' own screens).
            what = SHORT.get(deadline.milestone, deadline.milestone)
            text.append(deadline.reference, style="bold")
            text.append(f"  {what}\n")
            text.append(f"  due {_day(deadline.due)} · ")
            text.append(
                f"{days_left(deadline.days_left)}\n", style="bold" if deadline.overdue else ""
            )
        more = message.open - min(len(deadlines), REVIEWS_SHOWN)
        text.append(f"{message.open} open" + (f", {more} more" if more else ""))
        text.append(" · working days · V lists them", style="dim")
        out.update(text)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        table: DataTable[Any] = self.query_one("#next-meetings", DataTable)
        room = table.scrollable_content_region.width - WHEN_WIDTH - GAPS
        if room <= 0:
            return
        # A narrow window (80 columns) has no room for the place: the title takes it all.
        title = room * 3 // 5 if room >= 30 else room
        if (title, room - title) == (self._title_width, self._place_width):
            return
        self._title_width, self._place_width = title, room - title
        table.columns[ColumnKey("meeting")].width = self._title_width
        table.columns[ColumnKey("where")].width = self._place_width
        self.reload()

    def on_screen_resume(self) -> None:
        # The first resume comes straight after mount: nothing has changed yet.
        if self._shown_once:
            self.reload()
            self.load_reviews()
        self._shown_once = True

    def reload(self) -> None:
        # Small, indexed queries (LIMIT on the date index, counts), so the first
        # frame carries the data and does not slow down as the file grows.
        store = self.store
        settings = store.settings.heading()
        name = Text(settings.partnership_name, style="bold")
        name.append(f"   {settings.classification}", style="italic")
        self.query_one("#partnership-name", Static).update(name)
        today = store.clock().date()
        table: DataTable[Any] = self.query_one("#next-meetings", DataTable)
        table.clear()
        upcoming = store.dashboard.upcoming(NEXT_MEETINGS, today)
        for meeting in upcoming:
            table.add_row(
                f"{meeting.date:%a %d %b %Y} {meeting.start_time:%H:%M}",
                clipped(meeting.title, self._title_width),
                clipped(meeting.location, self._place_width),
                key=str(meeting.id),
            )
        self.query_one("#next-empty", Static).update(
            "" if upcoming else "No meetings planned. Press m, then n, to plan one."
        )
        self._show_actions(today)
        # After the first frame: its queries cost start-up about 5% (benchmarks/startup.py).
        self.call_after_refresh(self._show_escalations)
        counts = store.dashboard.counts()
        figures = Text()
        for label, value in counts.items():
            figures.append(f"{value:>6}  ", style="bold")
            figures.append(f"{label}\n")
        self.query_one("#figures", Static).update(figures)
        if self._shown_once:  # the "open meeting" key may have come or gone
            self.refresh_bindings()

    def _show_actions(self, today: object) -> None:
        view = self.store.dashboard.overview()
        text = Text()
        text.append(f"{view.overdue:>6}  ", style="bold")
        text.append("overdue\n")
        if view.oldest_overdue is not None:
            oldest = view.oldest_overdue
            text.append(f"oldest {oldest.reference}, due {oldest.due:%d %b %Y}: ")
            text.append(f"{oldest.description}\n", style="italic")
        text.append(f"{view.due_this_week:>6}  ", style="bold")
        text.append(f"due in the next {self.store.settings.amber_days()} days\n")
        if view.open_by_agency:
            text.append("\nOpen, by agency\n", style="bold")
            for agency, n in view.open_by_agency:
                text.append(f"{n:>6}  ", style="bold")
                text.append(f"{agency}\n")
        panel = self.query_one("#actions-panel")
        panel.set_class(view.overdue > 0, "-overdue")
        self.query_one("#action-figures", Static).update(text)

    def _show_escalations(self) -> None:
        """Open escalations by stage, then the most pressing, overdue first."""
        glance = self.store.dashboard.escalations()
        text = Text()
        if not glance.by_stage:
            text.append("No open escalations.", style="italic")
        for stage, n, late in glance.by_stage:
            text.append(f"{n:>6}  ", style="bold")
            text.append(f"at stage {stage}")
            text.append(f", {late} overdue\n" if late else "\n", style="bold" if late else "")
        if glance.worst:
            text.append("\n")
        for line in glance.worst:
            text.append(line.reference, style="bold")
            text.append(f"  stage {line.stage}{' · urgent' if line.urgent else ''}\n")
            due = (
                f"{_day(line.due_at.date())} {line.due_at:%H:%M}"
                if line.due_at is not None
                else _day(line.due)
            )
            text.append(f"  {'was due' if line.overdue else 'due'} {due}")
            text.append(" · overdue\n" if line.overdue else "\n", style="bold")
        if glance.by_stage:
            text.append("E lists them", style="dim")
        self.query_one("#escalations-panel").set_class(glance.overdue > 0, "-overdue")
        self.query_one("#escalation-figures", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and not self.query_one("#next-meetings", DataTable).row_count:
            return None
        return super().check_action(action, parameters)

    def action_open(self) -> None:
        table: DataTable[Any] = self.query_one("#next-meetings", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        if key.value is not None:
            from screens.meetings.meeting import MeetingScreen

            self.app.push_screen(MeetingScreen(int(key.value)))

    def on_data_table_row_selected(self) -> None:
        self.action_open()


def _read_reviews(screen: DashboardScreen, store: Store, generation: int) -> None:
    """In a worker thread: the open reviews' next deadlines."""
    from store.dashboard import review_deadlines

    try:
        deadlines, open_count = review_deadlines(store.reviews, store.clock().date())
    except StoreError as exc:
        screen.post_message(DashboardScreen.ReviewsRead([], 0, generation, exc))
        return
    screen.post_message(DashboardScreen.ReviewsRead(deadlines, open_count, generation))


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"
