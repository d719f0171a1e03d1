"""Paste an agenda from an email or document; see what will be added before adding it."""

from __future__ import annotations

import datetime as dt

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
from store.domain.agenda_times import planned_starts
from store.domain.errors import StoreError
from store.domain.kinds import Purpose

TEXT_ID = "paste-text"
ITEMS_ID = "paste-items"
PROBLEMS_ID = "paste-problems"
TIMING_ID = "paste-timing"
COUNT_ID = "paste-count"
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


NARROW = 110  # below this width the preview leaves out purpose and presenter


class PasteAgendaScreen(QuorateScreen):
    WRITES = frozenset({"save"})
    """Dismisses with the number of items added (0 when cancelled)."""

    CSS_PATH = "paste_agenda.tcss"
    BINDINGS = [
        # Priority: the TextArea has focus and would otherwise see these keys first.
        Binding("ctrl+s", "save", "Add the items", id="paste-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="paste-cancel", key_display="esc", priority=True),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.parsed = parse_agenda("")
        self.previewed = ""  # the text the preview shows; tests wait for it
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
        self.query_one("#paste-preview").border_title = "What will be added"
        self.show_preview()
        self.text_area.focus()

    # -- the live preview -----------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.show_preview)

    def _first_start(self, parsed: PastedAgenda) -> tuple[dt.datetime, dt.time | None]:
        """Where the pasted items will start, and the meeting's new start time, if it moves."""
        meeting = self.store.meetings.get(self.meeting_id)
        existing = self.store.agenda.items(self.meeting_id)
        if not existing and parsed.start is not None:
            moved = parsed.start if parsed.start != meeting.start_time else None
            return dt.datetime.combine(meeting.date, parsed.start), moved
        return planned_starts(meeting.date, meeting.start_time, existing)[1], None

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            if self.is_mounted:
                self.show_preview()

    def show_preview(self) -> None:
        text = self.text_area.text
        self.parsed = parsed = parse_agenda(text)
        at, moved = self._first_start(parsed)
        # On a narrow window the item's title keeps its room: purpose and
        # presenter are left out of the preview (they are still added).
        wide = self.size.width >= NARROW
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
        table.add_column("Start", width=5, no_wrap=True)
        table.add_column("Item", ratio=1, min_width=16)
        table.add_column("Mins", justify="right", width=5, no_wrap=True)
        if wide:
            table.add_column("Purpose", width=11, no_wrap=True)
            table.add_column("Presenter", max_width=18)
        defaulted = False
        for item in parsed.items:
            minutes = parsed.minutes_for(item)
            defaulted = defaulted or item.planned_minutes is None
            purpose = item.purpose or Purpose.DISCUSSION
            cells: list[str | Text] = [
                f"{at:%H:%M}",
                Text(item.title),
                f"{minutes}{'' if item.planned_minutes else '*'}",
            ]
            if wide:
                cells += [purpose.value, Text(item.presenter or "")]
            table.add_row(*cells)
            at += dt.timedelta(minutes=minutes)
        items = self.query_one(f"#{ITEMS_ID}", Static)
        if parsed.items:
            items.update(table)
        else:
            items.update("Nothing read yet: paste the agenda on the left.")
        self.query_one(f"#{PROBLEMS_ID}", Static).update(self._problems(parsed))

        timing = [f"Planned finish {at:%H:%M}"] if parsed.items else []
        if moved is not None and parsed.items:
            timing.append(f"the meeting will start at {moved:%H:%M}, as the paste says")
        if parsed.finish is not None:
            timing.append(f"the paste closes at {parsed.finish:%H:%M}")
        if defaulted:
            timing.append(f"* no time given: {parsed.default_minutes} minutes each")
        self.query_one(f"#{TIMING_ID}", Static).update("; ".join(timing))
        count = self.query_one(f"#{COUNT_ID}", Static)
        count.update(count_line(parsed))
        count.set_class(bool(parsed.unreadable), "-problems")
        self.previewed = text

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
    def action_save(self) -> None:
        # Parse again: the chair may press ctrl+s before the preview catches up.
        parsed = parse_agenda(self.text_area.text)
        if not parsed.items:
            self.notify("Nothing to add: no agenda items in the text.", severity="warning")
            return
        items = [(i.title, i.planned_minutes, i.purpose, i.presenter) for i in parsed.items]
        try:
            result = self.store.agenda.import_pasted(
                self.meeting_id,
                items,
                start_time=parsed.start,
                default_minutes=parsed.default_minutes,
            )
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
