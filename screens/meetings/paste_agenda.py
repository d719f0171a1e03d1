"""Paste an agenda from an email or document; see what will be added before adding it."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Header, Static, TextArea

from screens.common.base import QuorateScreen, after_typed_keys
from screens.widgets.keybar import KeyBar
from store.domain.agenda_paste import PastedAgenda, parse_agenda
from store.domain.errors import StoreError
from store.domain.paste_plan import PastePlan

TEXT_ID = "paste-text"
ITEMS_ID = "paste-items"
PROBLEMS_ID = "paste-problems"
TIMING_ID = "paste-timing"
COUNT_ID = "paste-count"
TIMES_ID = "paste-times"
DEBOUNCE = 0.15  # seconds: parse once the chair pauses, not on every key

HINT = (
    "Paste the agenda from an email, a document, a Markdown list or table, one item a line. "
    "Clock times (12:30), durations (20 mins), purposes (for decision) and presenters "
    "(presented by …, or initials in brackets) are read from each line."
)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def count_line(parsed: PastedAgenda) -> str:
    """'11 items, 240 minutes, 0 lines not understood'."""
    minutes = sum(parsed.minutes_for(item) for item in parsed.items)
    return (
        f"{plural(len(parsed.items), 'item')}, {plural(minutes, 'minute')}, "
        f"{plural(len(parsed.unreadable), 'line')} not understood"
    )


def span(minutes: int) -> str:
    """'20 minutes', '1 hour 50 minutes'."""
    hours, mins = divmod(abs(minutes), 60)
    parts = [plural(hours, "hour")] if hours else []
    return " ".join([*parts, plural(mins, "minute")] if mins or not hours else parts)


def moves(plan: PastePlan) -> Text:
    """What the preview says about the paste's clock times: whether the meeting starts at
    the first, and which pasted times cannot be kept, by how much."""
    text = Text()
    if plan.timetable is None:
        return text
    first = f"{plan.timetable:%H:%M}"
    if plan.keep_times and plan.moves_start:
        text.append(f"The paste runs on clock times: the meeting will start at {first}, ")
        text.append(f"not {plan.was:%H:%M} (ctrl+t keeps {plan.was:%H:%M}).")
    elif plan.keep_times or plan.start_time == plan.timetable:
        text.append(f"The paste runs on clock times from {first}, when the meeting starts.")
    elif not plan.can_move:
        text.append(f"The paste runs on clock times from {first}; the meeting has started, ")
        text.append(f"so it keeps its start, {plan.start_time:%H:%M}.")
    else:
        text.append(f"The paste runs on clock times from {first}; the meeting starts ")
        text.append(f"{plan.start_time:%H:%M} (ctrl+t starts it at {first}).")
    moved = plan.moved
    if not moved:
        return text
    later = {row.moved_by for row in moved}
    why = ""
    if (plan.keep_times or plan.start_time == plan.timetable) and plan.before:
        taken = sum(row.minutes for row in plan.before)
        why = f" ({plural(len(plan.before), 'item')} before them take {span(taken)})"
    if len(later) == 1 and len(moved) == len([r for r in plan.added if r.pasted_at]):
        (by,) = later
        text.append(f"\nEvery pasted time moves {span(by)} {'later' if by > 0 else 'earlier'}")
        text.append(f"{why}: {moved[0].title} at {moved[0].start:%H:%M}, not ")
        text.append(f"{moved[0].pasted_at:%H:%M}.")
        return text
    text.append(f"\n{plural(len(moved), 'pasted time')} cannot be kept{why}: ")
    for n, row in enumerate(moved[:3]):
        by = row.moved_by
        text.append(", " if n else "")
        text.append(f"{row.title} {row.start:%H:%M} ({'+' if by > 0 else '-'}{abs(by)})")
    if len(moved) > 3:
        text.append(f" and {len(moved) - 3} more")
    text.append(".")
    return text


NARROW = 110  # below this width the preview leaves out purpose and presenter


class PasteAgendaScreen(QuorateScreen):
    WRITES = frozenset({"save", "keep_times"})
    """Dismisses with the number of items added (0 when cancelled)."""

    CSS_PATH = "paste_agenda.tcss"
    BINDINGS = [
        # Priority: the TextArea has focus and would otherwise see these keys first.
        Binding("ctrl+s", "save", "Add the items", id="paste-save", priority=True),
        Binding(
            "ctrl+t",
            "keep_times",
            "Start at the pasted time",
            id="paste-keep-times",
            priority=True,
        ),
        # The same key once the meeting starts at the pasted time: it says what it does now.
        Binding(
            "ctrl+t", "own_start", "Keep the meeting's start", id="paste-own-start", priority=True
        ),
        Binding("escape", "cancel", "Cancel", id="paste-cancel", key_display="esc", priority=True),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.parsed = parse_agenda("")
        self.plan: PastePlan | None = None
        self.keep_times: bool | None = None  # None: the store's default (an empty agenda does)
        self.previewed = ""  # the text the preview shows; tests wait for it
        # The preview's rows as shown: number, start, title, minutes, purpose, presenter.
        self.rows: list[tuple[str, ...]] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="paste-title")
        yield Static(HINT, id="paste-hint")
        with Horizontal(id="paste-body"):
            yield TextArea(id=TEXT_ID, show_line_numbers=True, soft_wrap=True)
            with VerticalScroll(id="paste-preview", can_focus=False):
                yield Static(id=ITEMS_ID)
                yield Static(id=PROBLEMS_ID)
        yield Static(id=TIMES_ID)
        yield Static(id=TIMING_ID)
        yield Static(id=COUNT_ID)
        yield KeyBar()

    @property
    def text_area(self) -> TextArea:
        return self.query_one(f"#{TEXT_ID}", TextArea)

    def on_mount(self) -> None:
        meeting = self.store.meetings.get(self.meeting_id)
        title = Text("Paste an agenda into ", style="bold")
        title.append(meeting.title, style="bold")
        title.append(f", {meeting.date:%A %d %B %Y}")
        self.query_one("#paste-title", Static).update(title)
        self.sub_title = self.store.register.redacted(meeting.title)
        self.query_one("#paste-preview").border_title = "The agenda once added"
        self.show_preview()
        self.text_area.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if action in ("keep_times", "own_start") and allowed:
            plan = self.plan
            kept = bool(plan and plan.keep_times and plan.moves_start)
            if (action == "own_start") != kept:
                return False  # the other one of the pair is offered
            # Dimmed until the paste runs on clock times the meeting does not already start at.
            useful = plan and plan.timetable and plan.can_move and plan.timetable != plan.was
            return True if useful else None
        return allowed

    # -- the live preview -----------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.show_preview)

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            if self.is_mounted:
                self.show_preview()

    def _plan(self, text: str) -> tuple[PastedAgenda, PastePlan]:
        parsed = parse_agenda(text)
        return parsed, self.store.agenda.plan_paste(
            self.meeting_id, parsed, keep_times=self.keep_times
        )

    def show_preview(self) -> None:
        text = self.text_area.text
        self.parsed, self.plan = parsed, plan = self._plan(text)
        people = {p.id: p.name for p in self.store.directory.people()}
        # On a narrow window the item's title keeps its room: purpose and
        # presenter are left out of the preview (they are still added).
        wide = self.size.width >= NARROW
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
        table.add_column("No.", justify="right", width=3, no_wrap=True)
        table.add_column("Start", width=5, no_wrap=True)
        table.add_column("Item", ratio=3, min_width=16)
        table.add_column("Mins", justify="right", width=5, no_wrap=True)
        if wide:
            table.add_column("Purpose", width=14, no_wrap=True)
            table.add_column("Presenter", ratio=1, max_width=18)
        self.rows = []
        unmatched = False
        defaulted = {id(item) for item in parsed.items if item.planned_minutes is None}
        pasted = iter(parsed.items)
        for number, row in enumerate(plan.rows, 1):
            item = next(pasted) if row.added else None
            star = "*" if item is not None and id(item) in defaulted else ""
            presenter = people.get(row.presenter_id, "") if row.presenter_id else ""
            if row.added and row.presenter and not presenter:
                unmatched = True
                presenter = f"{row.presenter}?"
            shown = (
                str(number),
                f"{row.start:%H:%M}",
                row.title,
                str(row.minutes),
                row.purpose.label,
                presenter,
            )
            self.rows.append(shown)
            cells: list[str | Text] = [shown[0], shown[1], Text(row.title), f"{row.minutes}{star}"]
            if wide:
                cells += [shown[4], Text(presenter)]
            # The items already on the agenda are shown where they stay, dimmed.
            table.add_row(*cells, style="" if row.added else "dim")
        items = self.query_one(f"#{ITEMS_ID}", Static)
        if parsed.items:
            items.update(table)
        else:
            items.update("Nothing read yet: paste the agenda on the left.")
        self.query_one(f"#{PROBLEMS_ID}", Static).update(self._problems(parsed))
        self.query_one(f"#{TIMES_ID}", Static).update(moves(plan) if parsed.items else "")

        timing = [f"Planned finish {plan.finish:%H:%M}"] if parsed.items else []
        if parsed.finish is not None:
            timing.append(f"the paste closes at {parsed.finish:%H:%M}")
        if defaulted:
            timing.append(f"* no time given: {parsed.default_minutes} minutes each")
        if unmatched:
            timing.append("? not in People: added without a presenter")
        self.query_one(f"#{TIMING_ID}", Static).update(Text("; ".join(timing)))
        count = self.query_one(f"#{COUNT_ID}", Static)
        count.update(count_line(parsed))
        count.set_class(bool(parsed.unreadable), "-problems")
        self.previewed = text
        self.refresh_bindings()

    @staticmethod
    def _problems(parsed: PastedAgenda) -> Content:
        """Each line that gave no item and was not blank or a heading, with its reason."""
        if not parsed.unreadable:
            return Content("")
        parts: list[str | tuple[str, str]] = [
            ("Lines not understood (they will be left out):", "$warning bold"),
        ]
        for bad in parsed.unreadable:
            parts += ["\n", (f"line {bad.line}", "$error bold"), "  ", bad.text, "  "]
            parts.append((f"({bad.reason})", "$warning"))
        return Content.assemble(*parts)

    # -- adding ---------------------------------------------------------------------

    @after_typed_keys
    def action_keep_times(self) -> None:
        if self.plan is None or self.plan.timetable is None or not self.plan.can_move:
            return
        self.keep_times = not self.plan.keep_times
        self.show_preview()

    def action_own_start(self) -> None:
        self.action_keep_times()

    @after_typed_keys
    def action_save(self) -> None:
        # Plan again: the chair may press ctrl+s before the preview catches up.
        parsed, plan = self._plan(self.text_area.text)
        if not parsed.items:
            self.notify("Nothing to add: no agenda items in the text.", severity="warning")
            return
        try:
            result = self.store.agenda.add_pasted(self.meeting_id, plan)
        except StoreError as exc:
            self.report(exc)
            return
        message = [f"Added {plural(len(result.added), 'agenda item')}."]
        if result.start_time is not None:
            message.append(f"The meeting now starts at {result.start_time:%H:%M}.")
        if parsed.unreadable:
            message.append(f"Left out {plural(len(parsed.unreadable), 'line')} not understood.")
        if result.unmatched_presenters:
            names = ", ".join(dict.fromkeys(result.unmatched_presenters))
            message.append(f"No one in People matches these presenters: {names}.")
        warn = bool(result.unmatched_presenters or parsed.unreadable)
        # Presenter names are pasted text: never markup.
        self.notify(
            " ".join(message),
            severity="warning" if warn else "information",
            timeout=10 if warn else 5,
            markup=False,
        )
        self.dismiss(len(result.added))

    def action_cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(0)
