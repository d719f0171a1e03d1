"""One search across the whole record (issue 17): the minutes, decisions, actions
and their updates, rapid reviews and escalations, grouped by kind, each with its
date, its meeting or reference, and the matching words in context, highlighted.
Enter opens the record at the match: the meeting at that item, the decision,
the action, the review, the escalation.

This is the chair's own record, not a circulated document: names are shown as
recorded. The index is kept by the app (caught up on open, an item indexed when
the chair leaves it); a search reads it and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from screens.common.base import QuorateScreen
from screens.widgets.keybar import KeyBar
from store.domain.errors import InvalidValue, StoreError
from store.search import DEFAULT_LIMIT, KIND_LABELS, KINDS, MARK_END, MARK_START, grouped

if TYPE_CHECKING:
    from store.search import SearchHit

TYPING_PAUSE_S = 0.15  # a search runs once typing pauses this long
HIGHLIGHT = "bold reverse"


def snippet_text(snippet: str, start: str, end: str) -> Text:
    """A search snippet as one line of plain text, the words between ``start`` and
    ``end`` highlighted (the text is never read as markup)."""
    text = Text()
    for part in " ".join(snippet.split()).replace(start, "\0" + start).split("\0"):
        if part.startswith(start):
            word, _, rest = part[len(start) :].partition(end)
            text.append(word, style=HIGHLIGHT)
            text.append(rest)
        else:
            text.append(part)
    if not text.plain:
        text.append("(the words are in its title)", style="italic")
    return text


INDENT = 13  # the date's width and its gap: the words in context start under the label


def hit_prompt(hit: SearchHit, start: str, end: str, width: int) -> Text:
    """A result as the list shows it, in two lines cut with "…" to ``width``: the
    date and where, then the words in context."""
    when = f"{hit.on_date:%d %b %Y}" if hit.on_date else "no date"
    first = Text(f"{when:<11}  ", style="bold")
    first.append(hit.label or "(untitled)", style="bold")
    second = Text(" " * INDENT)
    second.append_text(snippet_text(hit.snippet, start, end))
    for line in (first, second):
        line.truncate(max(width, INDENT + 8), overflow="ellipsis")
    return Text("\n").join([first, second])


class SearchScreen(QuorateScreen):
    """``/``: type words; tab or down to the results; enter opens one."""

    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", id="search-open"),
        Binding("down", "to_results", "Results", id="search-to-results", show=False),
        Binding("slash", "words", "Words", id="search-words", key_display="/"),
        Binding("escape", "back", "Back", id="search-back", key_display="esc"),
    ]

    words_box = getters.query_one("#search-words", Input)
    kind_select = getters.query_one("#search-kind", Select)
    since_box = getters.query_one("#search-since", Input)
    until_box = getters.query_one("#search-until", Input)
    series_select = getters.query_one("#search-series", Select)
    status_line = getters.query_one("#search-status", Static)
    results = getters.query_one("#search-results", OptionList)

    def __init__(self, words: str = "") -> None:
        super().__init__()
        self.initial_words = words
        self.hits: dict[str, SearchHit] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            self.initial_words,
            placeholder='Words to find: prefixes ("negl"), "a phrase", any case',
            id="search-words",
        )
        with Horizontal(id="search-filters"):
            yield Select[str](
                [(KIND_LABELS[kind], kind) for kind in KINDS],
                prompt="Every kind",
                id="search-kind",
                compact=True,
            )
            yield Input(placeholder="From (date)", id="search-since", compact=True)
            yield Input(placeholder="To (date)", id="search-until", compact=True)
            yield Select[str]([], prompt="Every series", id="search-series", compact=True)
        yield Static(id="search-status")
        yield OptionList(id="search-results")
        yield KeyBar()

    @property
    def busy(self) -> bool:
        """True while a search waits for the typing to pause or for its hits (for tests)."""
        return self._timer is not None or self._searching

    def on_mount(self) -> None:
        self.sub_title = "Search the record"
        self.series_select.set_options(
            [(name, name) for name in self.store.meetings.series_names()]
        )
        self.words_box.focus()
        # The app says when its catch-up of the index is done: the search runs again.
        caught_up = getattr(self.app, "search_index_caught_up", None)
        if caught_up is not None:
            caught_up.subscribe(self, lambda _: self.run_search())
        self.run_search()

    _shown: tuple[str, list[SearchHit]] = ("", [])  # the words and hits listed
    _shown_width = 0

    def on_resize(self) -> None:
        # The hits' lines are cut to the list's width: cut them again, not searched again.
        if self.hits and self.results.size.width - 3 != self._shown_width:
            self._show(*self._shown)

    def on_screen_resume(self) -> None:
        # Back from a record: it may have changed (an action updated) and been indexed.
        if self.hits:
            self.run_search()

    # -- searching -------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE_S, self.run_search)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.run_search()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search(then_focus=True)

    def _filters(self) -> dict[str, Any]:
        """The filters as set, or ``InvalidValue`` naming a date that cannot be read."""
        from store.domain.dates import read_date

        today = self.store.clock().date()
        since = read_date(self.since_box.value, today=today, field="From", back=True)
        until = read_date(self.until_box.value, today=today, field="To", back=True)
        if since and until and until < since:
            raise InvalidValue({"To": f"{until:%d %b %Y} is before {since:%d %b %Y}"})
        kind = self.kind_select.value
        series = self.series_select.value
        return {
            "kinds": [kind] if isinstance(kind, str) else None,
            "since": since,
            "until": until,
            "series": series if isinstance(series, str) else None,
        }

    @dataclass
    class Found(Message):
        """The hits for ``words`` of search number ``generation`` (or why none)."""

        words: str
        hits: list[SearchHit]
        generation: int
        error: str | None = None

    _generation = 0
    _searching = False
    _then_focus = False

    def run_search(self, *, then_focus: bool = False) -> None:
        """Search for the words and filters as they are now (read here, searched in
        a worker), and list the results when they come; ``then_focus`` moves to
        them if there are any."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        words = self.words_box.value
        try:
            filters = self._filters()
        except InvalidValue as exc:
            self._say("; ".join(f"{field}: {why}" for field, why in exc.errors.items()), error=True)
            return
        self._generation += 1
        self._then_focus = then_focus
        if not words.strip():
            self._show(words, [])
            return
        self._searching = True
        self._find(words, filters, self._generation)

    @work(thread=True, exclusive=True, group="search")
    def _find(self, words: str, filters: dict[str, Any], generation: int) -> None:
        try:
            found = self.store.search.find(words, **filters)
        except StoreError as exc:
            self.post_message(self.Found(words, [], generation, str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Found(words, found, generation))

    def on_search_screen_found(self, message: Found) -> None:
        if message.generation != self._generation:
            return  # a newer search is on its way
        self._searching = False
        if message.error is not None:
            self._say(message.error, error=True)
            return
        self._show(message.words, message.hits)
        if self._then_focus and self.hits:
            self.results.focus()

    def _show(self, words: str, found: list[SearchHit]) -> None:
        """List the hits, grouped by kind, keeping the highlighted one if it is there."""
        self._shown = (words, found)
        listed = self.results
        keep = listed.highlighted_option.id if listed.highlighted_option else None
        listed.clear_options()
        # The list's width less its scroll bar and the option's padding.
        width = (listed.size.width or self.app.size.width) - 3
        self._shown_width = width
        self.hits = {}
        for kind, hits in grouped(found).items():
            listed.add_option(
                Option(
                    Text(f"{KIND_LABELS[kind]} · {len(hits)}", style="bold underline"),
                    disabled=True,
                )
            )
            for hit in hits:
                key = f"{hit.kind}:{hit.record_id}"
                self.hits[key] = hit
                listed.add_option(Option(hit_prompt(hit, MARK_START, MARK_END, width), id=key))
        if keep in self.hits:
            listed.highlighted = listed.get_option_index(keep)
        elif self.hits:
            listed.highlighted = listed.get_option_index(next(iter(self.hits)))
        self._say(self._summary(words, len(found)))

    def _summary(self, words: str, found: int) -> str:
        catching_up = bool(getattr(self.app, "search_catching_up", False))
        if not words.strip():
            line = "Type words to search the minutes, decisions, actions, reviews and escalations."
        elif not found:
            line = "Nothing found. Fewer words, or the start of a word, find more."
        else:
            line = (
                f"{found} found, best first in each kind"
                + (f" (the best {DEFAULT_LIMIT})" if found >= DEFAULT_LIMIT else "")
                + " · enter opens one"
            )
        if catching_up:
            line += " · the index is being brought up to date; newer records may not show yet"
        elif self.store.readonly:
            line += " · read-only: the index is as the file was last written"
        return line

    def _say(self, line: str, *, error: bool = False) -> None:
        self.status_line.set_class(error, "-error")
        self.status_line.update(Text(line))

    # -- keys ------------------------------------------------------------------------

    def action_to_results(self) -> None:
        if self._timer is not None or self._searching:
            # Typed, not yet searched (the chair is quicker): there once it is.
            self.run_search(then_focus=True)
        elif self.hits:
            self.results.focus()

    def action_words(self) -> None:
        self.words_box.focus()

    def action_back(self) -> None:
        self.dismiss()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def action_open(self) -> None:
        option = self.results.highlighted_option
        self._open(option.id if option else None)

    def _open(self, key: str | None) -> None:
        hit = self.hits.get(key or "")
        if hit is None:
            return
        try:
            screen = record_screen(hit)
        except StoreError as exc:
            self.report(exc)
            return
        if screen is None:
            self.notify("That record is no longer there.", severity="warning")
            return
        self.app.push_screen(screen)


def record_screen(hit: SearchHit) -> Screen[Any] | None:
    """The screen that shows a hit's record at the match."""
    if hit.kind == "item" and hit.meeting_id is not None:
        from screens.meetings.meeting import MeetingScreen

        return MeetingScreen(hit.meeting_id, item_id=hit.record_id)
    if hit.kind == "decision":
        from screens.meetings.record import DecisionScreen

        return DecisionScreen(hit.record_id)
    if hit.kind == "action":
        from screens.actions.action import ActionScreen

        return ActionScreen(hit.record_id)
    if hit.kind == "review":
        from screens.reviews.review import ReviewScreen

        return ReviewScreen(hit.record_id)
    if hit.kind == "escalation":
        from screens.escalations.escalation import EscalationScreen

        return EscalationScreen(hit.record_id)
    return None
