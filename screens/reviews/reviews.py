"""The rapid reviews: each review's clock against the national 15 working days,
newest notification first, filtered by open or sent and by year; the figures a
chair reports above the list; ``n`` starts a review from its notification."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Select, Static

from screens.common.base import fit, plain, row_id, select_row
from screens.common.listing import ListingScreen
from screens.reviews.common import SHORT, TONES, pseudonyms, toned, working_days
from screens.widgets.keybar import KeyBar
from store.domain.review_clock import Standing
from store.reviews import ReviewFigures, ReviewQuery

if TYPE_CHECKING:
    from store import Store
    from store.domain.models.reviews import RapidReview
    from store.domain.review_clock import ReviewClock

SHOWN = 200  # newest first; the filters narrow the rest down
STATES = [("Open", "open"), ("Sent to the Panel", "sent"), ("All reviews", "")]
ANY_YEAR = 0
YEARS_BACK = 10
WIDE = 110


@dataclass(frozen=True)
class ReviewRow:
    """One review as the list shows it: the record, its clock, the child's pseudonym."""

    review: RapidReview
    clock: ReviewClock
    child: str


# What the list's worker reads: the page of rows, the count, the figures.
Read = tuple[list[ReviewRow], int, ReviewFigures]


def read_rows(store: Store, query: ReviewQuery) -> Read:
    """The page of the list, the count and the figures (in a worker: the clock of
    each review reads its meeting and its returns)."""
    today = store.clock().date()
    names = pseudonyms(store)
    listed = store.reviews.page(query, 0, SHOWN)
    rows = [
        ReviewRow(r, clock, names.get(r.child_id or 0, ""))
        for r, clock in zip(listed, store.reviews.clocks(listed, today), strict=True)
    ]
    return rows, store.reviews.count(query), store.reviews.figures(today=today)


def figures_text(figures: ReviewFigures) -> Text:
    """The figures line: on time this year and all time, the median, open and overdue."""
    text = Text()
    text.append("Within 15 working days: ", style="bold")
    text.append(f"{figures.year} {_share(figures.on_time_year, figures.completed_year)}")
    text.append(f", all time {_share(figures.on_time_all, figures.completed_all)}")
    text.append(" · Median: ", style="bold")
    median = figures.median_days
    text.append("none sent" if median is None else f"{_number(median)} working days")
    text.append(" · Open: ", style="bold")
    text.append(f"{figures.open}, {figures.overdue} past the 15 days")
    if figures.median_panel_days is not None:
        text.append(" · Panel replies: ", style="bold")
        text.append(f"median {_number(figures.median_panel_days)} days")
    return text


def _share(on_time: int, completed: int) -> str:
    if not completed:
        return "none completed"
    return f"{ReviewFigures.share(on_time, completed)} ({on_time} of {completed})"


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


class ReviewsScreen(ListingScreen[ReviewQuery, Read]):
    CSS_PATH = "reviews.tcss"
    BINDINGS = [
        Binding("n", "new", "New review", id="reviews-new"),
        Binding("enter", "open", "Open", id="reviews-open"),
        Binding("f", "filters", "Filters", id="reviews-filters"),
        Binding("x", "export", "Export the list", id="reviews-export"),
        Binding("escape", "clear", "Clear filters", id="reviews-clear", key_display="esc"),
    ]

    table = getters.query_one("#reviews-table", DataTable)
    state_select = getters.query_one("#reviews-state", Select)
    year_select = getters.query_one("#reviews-year", Select)
    figures_line = getters.query_one("#reviews-figures", Static)
    count_line = getters.query_one("#reviews-count", Static)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ReviewRow] = []
        self._total = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="reviews-figures")
        with Horizontal(id="reviews-filters"):
            yield Select(STATES, value="open", allow_blank=False, compact=True, id="reviews-state")
            this_year = self.store.clock().date().year
            years = [(str(y), y) for y in range(this_year, this_year - YEARS_BACK, -1)]
            yield Select(
                [("Any year", ANY_YEAR), *years],
                value=ANY_YEAR,
                allow_blank=False,
                compact=True,
                id="reviews-year",
            )
            yield Static(id="reviews-count")
        yield DataTable(id="reviews-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.focus()
        # The rows load with the ScreenResume that follows the mount.

    def on_screen_resume(self) -> None:
        self.load()

    def build_query(self) -> ReviewQuery:
        state = self.state_select.value
        year = self.year_select.value
        return ReviewQuery(
            state=state if isinstance(state, str) else "",
            year=year if isinstance(year, int) and year != ANY_YEAR else None,
        )

    def read_list(self, store: Store, query: ReviewQuery) -> Read:
        return read_rows(store, query)

    def show_list(self, read: Read) -> None:
        rows, total, figures = read
        self.figures_line.update(figures_text(figures))
        self._show(rows, total)

    # -- the table ---------------------------------------------------------------

    def _widths(self) -> tuple[int, int, int, int]:
        """(child, clock, next deadline, state) widths for the window."""
        if max(self.size.width, 60) >= WIDE:
            # Reference 11, notified 11, state 9, cell padding 2 each, scroll bar 2.
            return 14, 23, max(30, self.size.width - 11 - 14 - 11 - 23 - 9 - 14), 9
        # 80 columns: reference 11, notified 9, cell padding 2 each, scroll bar 2.
        return 9, 14, max(14, self.size.width - 11 - 9 - 9 - 14 - 9 - 14), 9

    def on_resize(self) -> None:
        if self.is_mounted:
            self._show(self._rows, self._total)

    def _show(self, rows: list[ReviewRow], total: int) -> None:
        table = self.table
        keep = self.selected_id()
        table.clear(columns=True)
        child, clock, deadline, state = self._widths()
        wide = child > 9
        table.add_column("Ref", width=11)
        table.add_column("Child", width=child)
        table.add_column("Notified", width=11 if wide else 9)
        table.add_column("Clock", width=clock)
        table.add_column("Next deadline (working days)" if wide else "Next", width=deadline)
        table.add_column("State", width=state)
        self._rows, self._total = rows, total
        for row in rows:
            review = row.review
            notified = review.notified_on
            table.add_row(
                review.reference,
                fit(plain(row.child or "—"), child),
                f"{notified:%d %b %Y}" if wide else f"{notified:%d %b %y}",
                fit(_clock_cell(row.clock, wide), clock),
                fit(self._deadline_cell(row, wide), deadline),
                self._state_cell(row.clock),
                key=str(review.id),
            )
        select_row(table, keep)
        shown = f"{len(rows)} of {total:,}" if total > len(rows) else f"{total:,}"
        noun = "review" if total == 1 else "reviews"
        self.count_line.update(Text(f"{shown} {noun} · enter opens one"))
        self.refresh_bindings()

    def _deadline_cell(self, row: ReviewRow, wide: bool) -> Text:
        review, clock = row.review, row.clock
        if review.sent_to_panel_on is not None:
            if review.panel_response is None:
                return Text("awaiting the Panel's response", style="italic")
            return Text(f"Panel: {review.panel_response.label.lower()}")
        status = clock.next
        if status is None:
            return Text("")
        if not wide:
            return Text(f"{status.due:%d %b} {status.milestone.key.word}")
        text = Text(f"{status.due:%a %d %b} {SHORT.get(status.milestone.key.word, '')}")
        # The header says working days; the column has room for the number only.
        left = status.days_left or 0
        text.append(f" ({-left} late)" if left < 0 else f" ({left} left)", style="dim")
        return text

    def _state_cell(self, clock: ReviewClock) -> Text:
        word = clock.standing
        return toned(self.app, word.value, TONES[word], bold=word is not Standing.ON_TIME)

    def selected_id(self) -> int | None:
        return row_id(self.table)

    # -- keys -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and self.is_mounted and self.selected_id() is None:
            return None
        if action == "clear" and self.is_mounted and self.table.has_focus:
            if self.build_query() == ReviewQuery(state="open"):
                return None
        return super().check_action(action, parameters)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.is_mounted:
            self.load()

    def action_open(self) -> None:
        from screens.reviews.review import ReviewScreen

        review_id = self.selected_id()
        if review_id is not None:
            self.app.push_screen(ReviewScreen(review_id))

    def action_export(self) -> None:
        """The list as filtered, each review's state, and the figures."""
        from screens.common.export import ExportScreen
        from store.exports import ReviewsList

        self.app.push_screen(ExportScreen(ReviewsList(self.build_query())))

    def action_new(self) -> None:
        from screens.reviews.forms import NewReviewForm

        def created(review_id: int | None) -> None:
            if review_id:
                from screens.reviews.review import ReviewScreen

                review = self.store.reviews.get(review_id)
                self.notify(f"Started {review.reference}.", markup=False)
                self.app.push_screen(ReviewScreen(review_id))

        self.app.push_screen(NewReviewForm(self.store), created)

    def action_filters(self) -> None:
        self.state_select.focus()

    def action_clear(self) -> None:
        """Back to the table from the filters; on the table, the open reviews again."""
        if not self.table.has_focus:
            self.table.focus()
            return
        self.state_select.value = "open"
        self.year_select.value = ANY_YEAR


def _clock_cell(clock: ReviewClock, wide: bool) -> Text:
    """ "day 9 of 15", or once sent "sent in 14 working days" ("sent on day 14")."""
    if clock.taken is not None:
        if wide:
            return Text(f"sent in {working_days(clock.taken)}")
        return Text(f"sent on day {clock.taken}")
    if clock.today < clock.day0:
        return Text(f"starts {clock.day0:%d %b}")
    return Text(f"day {clock.day} of {clock.of}")
