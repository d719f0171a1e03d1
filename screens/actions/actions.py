"""The action log: every action, filtered, searched and sorted, in a table that
holds only the rows on screen.

Counting and page loads run in thread workers, so a log of 50,000 actions opens,
filters and scrolls without holding up the keys. Each filter change starts one
count (the previous one is cancelled and its answer ignored) which also brings
the first page, so a filtered table is never drawn empty and then filled. The
screen itself is drawn before anything is read: the filters' choices and the
first count come after that frame, so the key shows the log at once.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, Input, Select, Static

from screens.actions.action import RAG_LABELS, ActionScreen
from screens.actions.form import ActionForm, meeting_label, meetings_latest_first
from screens.common.base import QuorateScreen
from screens.widgets.keybar import KeyBar
from screens.widgets.virtual_table import Column, VirtualTable
from store.actions import ActionQuery, ActionRow
from store.domain.deadlines import describe_due
from store.domain.errors import StoreError
from store.domain.kinds import ActionStatus

if TYPE_CHECKING:
    from store import Store

TABLE = "action-table"
SEARCH = "action-search"
COUNT = "action-count"
PAGE = 100
SEARCH_DELAY = 0.2  # seconds after the last key before the search runs
LOADING = "Reading the actions…"  # the count line until the first count arrives

STATUS_CHOICES: list[tuple[str, tuple[str, ...]]] = [
    ("Any status", ()),
    ("Open or in progress", ("open", "in_progress")),
    ("Open", ("open",)),
    ("In progress", ("in_progress",)),
    ("Done", ("done",)),
    ("Dropped", ("dropped",)),
]
RAG_CHOICES: list[tuple[str, str]] = [("Any RAG", "")] + [(v, k) for k, v in RAG_LABELS.items()]
# No date has no colour: it is neither on track nor late.
RAG_TONES = {"red": "error", "amber": "warning", "green": "success", "closed": "muted"}
SORT_LABELS = {"due": "due date", "reference": "reference"}
ANY = 0  # the "any" choice of the owner, agency and meeting filters

# The action text is what the chair reads: every other column is as wide as
# what it holds (a reference, "No date", the longest name or agency likely,
# "123 days overdue", "In progress") and the action takes the rest. Where a
# window cannot give the action ACTION_LEAST, columns go, highest rank first:
# the raised date, the latest update (the action's screen shows it), the agency,
# the reference, then the status (the RAG says "Closed"); the action, its RAG,
# its owner and its due date stay (80 columns: 35 for the action, 35 at 120).
ACTION_LEAST = 32
COLUMNS = [
    Column("Ref", 11, drop=3),  # "A-2026-1234"
    Column("RAG", max(len(label) for label in RAG_LABELS.values())),
    Column("Action", ACTION_LEAST, flex=1),
    Column("Owner", 18, drop=1),
    Column("Agency", 15, drop=4),
    Column("Raised", 16, drop=6),
    Column("Due", 16),
    Column("Status", max(len(status.label) for status in ActionStatus), drop=2),
    Column("Latest update", 24, drop=5),
]
RAG_COLUMN = 1


def cells(row: ActionRow, today: dt.date) -> list[Text]:
    """One row of the log; user text goes in as Text, never as markup."""
    action = row.action
    raised = f"{action.raised_on:%d %b %y}"
    meeting = row.meeting.removesuffix(f" ({action.raised_on.isoformat()})")
    if action.due is None:
        due = ""
    elif action.status.is_open:
        due = describe_due(action.due, today)
    else:  # "78 days overdue" would be wrong once it is done
        due = f"{action.due:%d %b %y}"
    latest = action.latest_update or ""
    if latest and action.latest_update_on:
        latest = f"{action.latest_update_on:%d %b}: {latest}"
    return [
        Text(action.reference),
        Text(RAG_LABELS[row.rag]),
        Text(action.description),
        Text(row.owner),
        Text(row.agency),
        Text(f"{raised} {meeting}" if meeting else raised),
        Text(due),
        Text(action.status.label),
        Text(latest),
    ]


def tone(row: ActionRow, column: int) -> str | None:
    """The RAG cell in its colour; closed actions greyed out as a whole row."""
    if row.rag == "closed":
        return "muted"
    return RAG_TONES.get(row.rag) if column == RAG_COLUMN else None


class ActionTable(VirtualTable[ActionRow]):
    """The log's table: enter opens the highlighted action."""

    BINDINGS = [Binding("enter", "select", "Open", id="actions-open")]


class ActionLogScreen(QuorateScreen):
    CSS_PATH = "actions.tcss"
    BINDINGS = [
        Binding("n", "new", "New action", id="actions-new"),
        Binding("slash", "search", "Search", id="actions-search", key_display="/"),
        Binding("f", "filters", "Filters", id="actions-filters"),
        Binding("s", "sort", "Sort", id="actions-sort"),
        Binding("escape", "clear", "Clear filters", id="actions-clear", key_display="esc"),
    ]

    class Counted(Message):
        """A count, the unfiltered total and the page at the cursor, from a worker."""

        def __init__(
            self,
            query: ActionQuery,
            count: int,
            total: int,
            cursor: int,
            rows: list[ActionRow],
            error: StoreError | None = None,
        ) -> None:
            super().__init__()
            self.query = query
            self.count = count
            self.total = total
            self.cursor = cursor
            self.rows = rows
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.current: ActionQuery | None = None
        self.sort = "due"
        self.counting = False
        self._search_timer: Timer | None = None
        self._choices: dict[str, list[tuple[str, int]]] = {}
        self._filtered = False

    NARROW = 110  # below this width the filters take two rows

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="action-filters"):
            yield Select(
                STATUS_CHOICES, value=(), allow_blank=False, compact=True, id="filter-status"
            )
            yield Select(RAG_CHOICES, value="", allow_blank=False, compact=True, id="filter-rag")
            for name in ("owner", "agency", "meeting"):
                yield Select(
                    [(f"Any {name}", ANY)],
                    value=ANY,
                    allow_blank=False,
                    compact=True,
                    id=f"filter-{name}",
                )
            yield Input(placeholder="Search (/)", compact=True, id=SEARCH)
        yield Static(LOADING, id=COUNT)
        yield ActionTable(
            COLUMNS,
            cells=lambda row: cells(row, self.store.clock().date()),
            tone=tone,
            page_size=PAGE,
            id=TABLE,
        )
        yield KeyBar()

    @property
    def table(self) -> ActionTable:
        return self.query_one(f"#{TABLE}", ActionTable)

    def on_mount(self) -> None:
        self.table.focus()

    def on_screen_resume(self) -> None:
        # First shown, or back from an action, a form or another section: the
        # choices and the rows may have changed; the cursor stays where it was.
        self.read_after_frame()

    def read_resumed(self) -> None:
        self._fill_choices()
        self.reload(force=self.current is not None, keep_cursor=True)

    def _fill_choices(self) -> None:
        """People, agencies and meetings for the filters (small tables, read here)."""
        store = self.store
        choices: dict[str, list[tuple[Text, int]]] = {
            "owner": [(Text(p.name), p.id or 0) for p in store.directory.people()],
            "agency": [(Text(a.short_name), a.id or 0) for a in store.directory.agencies()],
            "meeting": [(meeting_label(m), m.id or 0) for m in meetings_latest_first(store)],
        }
        for name, options in choices.items():
            plain_options = [(label.plain, value) for label, value in options]
            if self._choices.get(name) == plain_options:
                continue
            self._choices[name] = plain_options
            select = self.query_one(f"#filter-{name}", Select)
            kept = select.value
            select.set_options([(Text(f"Any {name}"), ANY), *options])
            if any(value == kept for _, value in options):
                select.value = kept

    # -- the query ------------------------------------------------------------------

    def build_query(self) -> ActionQuery:
        def value(name: str) -> Any:
            return self.query_one(f"#filter-{name}", Select).value

        def record(name: str) -> int | None:
            chosen = value(name)
            return chosen if isinstance(chosen, int) and chosen != ANY else None

        statuses = value("status")
        rag = value("rag")
        return ActionQuery(
            statuses=statuses if isinstance(statuses, tuple) else (),
            rag=rag if isinstance(rag, str) and rag else None,
            owner_id=record("owner"),
            agency_id=record("agency"),
            meeting_id=record("meeting"),
            text=self.query_one(f"#{SEARCH}", Input).value.strip(),
            sort=self.sort,
        )

    def reload(self, *, force: bool = False, keep_cursor: bool = False) -> None:
        """Count the actions the filters match, in a worker, then show them."""
        query = self.build_query()
        if query == self.current and not force:
            return
        self.current = query
        self.counting = True
        cursor = self.table.cursor_row if keep_cursor else 0
        self.run_worker(
            partial(self._count, self.store, query, cursor),
            thread=True,
            exclusive=True,
            group="action-count",
            name="count actions",
        )

    def _count(self, store: Store, query: ActionQuery, cursor: int) -> None:
        """In a worker thread: the count, the total and the page at the cursor."""
        try:
            count = store.actions.count(query)
            unfiltered = ActionQuery(sort=query.sort)
            total = count if query == unfiltered else store.actions.count(unfiltered)
            cursor = min(cursor, max(count - 1, 0))
            page = cursor // PAGE
            rows = store.actions.page(query, page * PAGE, PAGE) if count else []
        except StoreError as exc:
            self.post_message(self.Counted(query, 0, 0, 0, [], exc))
            return
        self.post_message(self.Counted(query, count, total, cursor, rows))

    def on_action_log_screen_counted(self, message: Counted) -> None:
        if message.query != self.current:
            return  # a newer filter is on its way
        self.counting = False
        if message.error is not None:
            self.report(message.error)
            return
        query = message.query
        self.table.reset(
            message.count,
            partial(self.store.actions.page, query),
            cursor=message.cursor,
            preload={message.cursor // PAGE: message.rows},
        )
        noun = "action" if message.total == 1 else "actions"
        shown = (
            f"{message.total:,} {noun}"
            if message.count == message.total
            else f"{message.count:,} of {message.total:,} {noun}"
        )
        self.query_one(f"#{COUNT}", Static).update(
            Text(f"{shown} · sorted by {SORT_LABELS[query.sort]}")
        )
        filtered = query != ActionQuery(sort=query.sort)
        if filtered != self._filtered:  # escape clears: only when there is something to clear
            self._filtered = filtered
            self.refresh_bindings()

    @property
    def busy(self) -> bool:
        """True until the count and the pages on screen have arrived (for tests)."""
        return self.resume_queued or self.counting or self.table.pages_loading

    # -- filters and search -----------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.reload)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self.reload()
        self.table.focus()

    def on_virtual_table_selected(self, event: VirtualTable.Selected) -> None:
        event.stop()
        self.app.push_screen(ActionScreen(event.row.action.id or 0))

    def on_virtual_table_load_failed(self, event: VirtualTable.LoadFailed) -> None:
        event.stop()
        if isinstance(event.error, StoreError):
            self.report(event.error)
        else:
            raise event.error

    def filtered(self) -> bool:
        query = self.build_query()
        return query != ActionQuery(sort=query.sort)

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On the table, escape clears the filters: dimmed when there are none.
        if action == "clear" and self.is_mounted and self.table.has_focus:
            if not self.filtered():
                return None
        return super().check_action(action, parameters)

    def action_new(self) -> None:
        def saved(action_id: int | None) -> None:
            if action_id:  # the log reloads as the screen resumes
                self.notify(f"Raised {self.store.actions.get(action_id).reference}.")

        self.app.push_screen(ActionForm(self.store), saved)

    def action_search(self) -> None:
        self.query_one(f"#{SEARCH}", Input).focus()

    def action_filters(self) -> None:
        self.query_one("#filter-status", Select).focus()

    def action_sort(self) -> None:
        self.sort = "reference" if self.sort == "due" else "due"
        self.reload()

    def action_clear(self) -> None:
        """Back to the table from the filters; on the table, clear every filter."""
        if not self.table.has_focus:
            self.table.focus()
            return
        if not self.filtered():
            return
        self.query_one("#filter-status", Select).value = ()
        self.query_one("#filter-rag", Select).value = ""
        for name in ("owner", "agency", "meeting"):
            self.query_one(f"#filter-{name}", Select).value = ANY
        self.query_one(f"#{SEARCH}", Input).value = ""
        self.reload()
