"""The escalations: open ones first, the overdue first among them, then by due
date; filtered by state, stage, agency, category, urgency and overdue; the
figures the executive and the scrutineer ask for above the list; ``n`` raises
one, ``enter`` opens one with its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from screens.common.base import fit, plain, row_id, select_row
from screens.common.form import Field, FormScreen
from screens.common.listing import ListingScreen
from screens.escalations.common import due_text, standing_text
from screens.escalations.forms import agency_options, category_options
from screens.reviews.common import pseudonyms
from screens.widgets.keybar import KeyBar
from store.domain.kinds import EscalationCategory
from store.escalations import EscalationFigures, EscalationQuery

if TYPE_CHECKING:
    from store import Store
    from store.domain.models.escalations import Escalation

SHOWN = 200  # the filters narrow the rest down
WIDE = 110
STATES = [("Open", "open"), ("Resolved", "resolved"), ("Closed unresolved", "closed"), ("All", "")]
DEFAULT = EscalationQuery()


@dataclass(frozen=True)
class EscalationRow:
    escalation: Escalation
    child: str
    days_open: int


# What the list's worker reads: the page of rows, the count, the figures, the time.
Read = tuple[list[EscalationRow], int, EscalationFigures, dt.datetime]


def read_rows(store: Store, query: EscalationQuery) -> Read:
    """The page of the list, the count and the figures (in a worker)."""
    now = store.clock()
    names = pseudonyms(store)
    listed = store.escalations.page(query, 0, SHOWN, now)
    rows = [
        EscalationRow(e, names.get(e.child_id or 0, ""), store.escalations.days_open(e, now.date()))
        for e in listed
    ]
    return rows, store.escalations.count(query, now), store.escalations.figures(now), now


def figures_text(figures: EscalationFigures) -> Text:
    """Open by stage, overdue and urgent; resolved and where; the median; referrals."""
    text = Text()
    text.append("Open: ", style="bold")
    stages = ", ".join(f"{c.count} at {c.label.lower()}" for c in figures.open_by_stage)
    text.append(f"{figures.open}" + (f" ({stages})" if stages else ""))
    text.append(f", {figures.overdue} overdue", style="bold" if figures.overdue else "")
    if figures.urgent_open:
        text.append(f", {figures.urgent_open} urgent")
    text.append(" · Resolved: ", style="bold")
    text.append(str(figures.resolved))
    if figures.median_days is not None:
        median = figures.median_days
        shown = str(int(median)) if median == int(median) else f"{median:.1f}"
        text.append(f", median {shown} working days")
    text.append(" · Referred to the executive: ", style="bold")
    text.append(str(figures.to_executive))
    if figures.to_scrutineer:
        text.append(f", to the scrutineer {figures.to_scrutineer}")
    text.append(f"; {figures.reached_last} reached the final stage")
    return text


def query_words(store: Store, query: EscalationQuery) -> str:
    """The filters in words: "open · stage 2 · KVC · thresholds · urgent · overdue"."""
    words = [dict((v, k) for k, v in STATES).get(query.state, "all").lower()]
    if query.stage is not None:
        words.append(f"stage {query.stage}")
    if query.agency_id is not None:
        words.append(store.directory.agency(query.agency_id).short_name)
    if query.category:
        words.append(EscalationCategory(query.category).label.lower())
    if query.urgent is not None:
        words.append("urgent" if query.urgent else "not urgent")
    if query.overdue:
        words.append("overdue")
    return " · ".join(words)


class FilterForm(FormScreen):
    """Which escalations the list shows."""

    def __init__(self, store: Store, query: EscalationQuery):
        stages = store.escalations.policy().last
        super().__init__(
            "Show escalations",
            [
                Field("state", "State", query.state, options=STATES, allow_blank=False),
                Field(
                    "stage",
                    "At stage (blank: any)",
                    query.stage,
                    options=[(f"Stage {n}", n) for n in range(1, max(stages, 4) + 1)],
                ),
                Field(
                    "agency_id",
                    "Agency, on either side (blank: any)",
                    query.agency_id,
                    options=agency_options(store),
                ),
                Field(
                    "category",
                    "About (blank: anything)",
                    EscalationCategory(query.category) if query.category else None,
                    options=category_options(),
                ),
                Field(
                    "urgent",
                    "Urgency (blank: either)",
                    query.urgent,
                    options=[("Urgent only", True), ("Not urgent only", False)],
                ),
                Field(
                    "overdue",
                    "Overdue only",
                    query.overdue,
                    options=[("Yes", True), ("No", False)],
                    allow_blank=False,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> EscalationQuery:
        category = values["category"]
        return EscalationQuery(
            state=str(values["state"] or ""),
            stage=values["stage"],
            agency_id=values["agency_id"],
            category=category.value if isinstance(category, EscalationCategory) else "",
            urgent=values["urgent"],
            overdue=bool(values["overdue"]),
        )


class EscalationsScreen(ListingScreen[EscalationQuery, Read]):
    CSS_PATH = "escalations.tcss"
    BINDINGS = [
        Binding("n", "new", "Raise one", id="escalations-new"),
        Binding("enter", "open", "Open", id="escalations-open"),
        Binding("f", "filters", "Filters", id="escalations-filters"),
        Binding("o", "overdue", "Overdue only", id="escalations-overdue"),
        Binding("x", "export", "Export the summary", id="escalations-export"),
        Binding("escape", "clear", "Clear filters", id="escalations-clear", key_display="esc"),
    ]

    table = getters.query_one("#escalations-table", DataTable)
    figures_line = getters.query_one("#escalations-figures", Static)
    count_line = getters.query_one("#escalations-count", Static)

    def __init__(self) -> None:
        super().__init__()
        self.filters = DEFAULT
        self._rows: list[EscalationRow] = []
        self._total = 0
        self._now: dt.datetime | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="escalations-figures")
        yield Static(id="escalations-count")
        yield DataTable(id="escalations-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.focus()

    def on_screen_resume(self) -> None:
        self.load()

    def build_query(self) -> EscalationQuery:
        return self.filters

    def read_list(self, store: Store, query: EscalationQuery) -> Read:
        return read_rows(store, query)

    def show_list(self, read: Read) -> None:
        rows, total, figures, now = read
        self.figures_line.update(figures_text(figures))
        self._now = now
        self._show(rows, total)

    # -- the table ---------------------------------------------------------------

    def on_resize(self) -> None:
        if self.is_mounted:
            self._show(self._rows, self._total)

    def _show(self, rows: list[EscalationRow], total: int) -> None:
        table = self.table
        keep = row_id(table)
        table.clear(columns=True)
        wide = max(self.size.width, 60) >= WIDE
        # Reference 11, stage 5, due, standing; the parties take what is left.
        child, due, state = (10, 16, 18) if wide else (8, 7, 12)
        parties = max(14, self.size.width - 11 - child - 5 - due - state - (12 if wide else 0) - 16)
        table.add_column("Ref", width=11)
        table.add_column("Child", width=child)
        table.add_column("Between", width=parties)
        table.add_column("Stage", width=5)
        if wide:
            table.add_column("Days open", width=10)
        table.add_column("Due", width=due)
        table.add_column("Standing", width=state)
        self._rows, self._total = rows, total
        agencies = {a.id: a.short_name for a in self.store.directory.agencies()}
        now = self._now or self.store.clock()
        for row in rows:
            e = row.escalation
            between = f"{agencies.get(e.raised_by_agency_id, '?')} → "
            between += agencies.get(e.raised_with_agency_id, "?")
            cells: list[Any] = [
                e.reference,
                fit(plain(row.child or "—"), child),
                fit(plain(between + ("  urgent" if e.urgent else "")), parties),
                str(e.stage),
            ]
            if wide:
                cells.append(str(row.days_open))
            open_ = e.closed_on is None
            cells.append(due_text(e, short=not wide) if open_ else f"{e.closed_on:%d %b %y}")
            cells.append(fit(standing_text(self.app, self.store, e, now), state))
            table.add_row(*cells, key=str(e.id))
        select_row(table, keep)
        shown = f"{len(rows)} of {total:,}" if total > len(rows) else f"{total:,}"
        noun = "escalation" if total == 1 else "escalations"
        line = Text(f"{shown} {noun}: ", style="bold")
        line.append(query_words(self.store, self.filters))
        line.append(" · days are working days · enter opens one · f filters", style="dim")
        self.count_line.update(line)
        self.refresh_bindings()

    # -- keys -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and self.is_mounted and row_id(self.table) is None:
            return None
        if action == "clear" and self.filters == DEFAULT:
            return None
        return super().check_action(action, parameters)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from screens.escalations.escalation import EscalationScreen

        escalation_id = row_id(self.table)
        if escalation_id is not None:
            self.app.push_screen(EscalationScreen(escalation_id))

    def action_new(self) -> None:
        from screens.escalations.forms import RaiseForm

        def raised(escalation_id: int | None) -> None:
            if escalation_id:
                from screens.escalations.escalation import EscalationScreen

                escalation = self.store.escalations.get(escalation_id)
                self.notify(f"Raised {escalation.reference}.", markup=False)
                self.app.push_screen(EscalationScreen(escalation_id))

        self.app.push_screen(RaiseForm(self.store), raised)

    def action_filters(self) -> None:
        def chosen(query: EscalationQuery | None) -> None:
            if query is not None:
                self.filters = query
                self.load()

        self.app.push_screen(FilterForm(self.store, self.filters), chosen)

    def action_overdue(self) -> None:
        self.filters = replace(self.filters, overdue=not self.filters.overdue)
        self.load()

    def action_clear(self) -> None:
        self.filters = DEFAULT
        self.load()

    def action_export(self) -> None:
        """The summary for the executive and the scrutineer, this list's filters."""
        from screens.common.export import ExportScreen
        from store.exports import EscalationsSummary

        self.app.push_screen(ExportScreen(EscalationsSummary(self.filters)))
