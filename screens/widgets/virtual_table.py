"""A table that holds only the rows it shows (a DataTable costs ~90 µs a row held).

It knows a row count and a page loader ``loader(offset, limit) -> rows``: pages
are fetched in thread workers as they come into view (with a screen's margin
either side), a few are kept, and rows not loaded yet show a placeholder. Lines
are drawn with the Line API, so a frame costs the same for 15 rows or 50,000.
It knows nothing of its rows: ``cells(row)`` turns one into rich ``Text`` (never
markup) and ``tone(row, column)`` may name a tone styled with theme variables.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from screens.widgets.columns import Column, layout_widths

RowT = TypeVar("RowT")
Loader = Callable[[int, int], Sequence[RowT]]
TONES = ("error", "warning", "success", "muted")
_LINE_CACHE_SIZE = 400
__all__ = ["Column", "Loader", "VirtualTable"]  # Column is defined in columns.py


class VirtualTable(ScrollView, Generic[RowT], can_focus=True):
    """A virtualised, read-only table with a row cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--placeholder",
        *(f"virtual-table--{tone}" for tone in TONES),
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        scrollbar-size-vertical: 1;
        scrollbar-size-horizontal: 1;
        & > .virtual-table--header { background: $panel; text-style: bold; }
        & > .virtual-table--cursor { background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground; text-style: $block-cursor-blurred-text-style; }
        &:focus > .virtual-table--cursor { background: $block-cursor-background;
            color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
        & > .virtual-table--placeholder { color: $text-muted; text-style: italic; }
        & > .virtual-table--error { color: $text-error; text-style: bold; }
        & > .virtual-table--warning { color: $text-warning; text-style: bold; }
        & > .virtual-table--success { color: $text-success; }
        & > .virtual-table--muted { color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", id="virtual-table-up", show=False),
        Binding("down", "move(1)", "Down", id="virtual-table-down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="virtual-table-page-up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="virtual-table-page-down", show=False),
        Binding("home", "move(-1, True)", "First row", id="virtual-table-first", show=False),
        Binding("end", "move(1, True)", "Last row", id="virtual-table-last", show=False),
        Binding("left", "scroll_left", "Scroll left", id="virtual-table-left", show=False),
        Binding("right", "scroll_right", "Scroll right", id="virtual-table-right", show=False),
        Binding("enter", "select", "Select", id="virtual-table-select", show=False),
    ]

    class _RowMessage(Message):
        def __init__(self, table: VirtualTable[Any], row_index: int, row: Any) -> None:
            super().__init__()
            self.table, self.row_index, self.row = table, row_index, row

        @property
        def control(self) -> VirtualTable[Any]:
            return self.table

    class Selected(_RowMessage):
        """Enter (or a click on the highlighted row) on a loaded row."""

    class Highlighted(_RowMessage):
        """The cursor moved; ``row`` is None while its page is loading."""

    class LoadFailed(Message):
        """The page loader raised: the rows stay as placeholders."""

        def __init__(self, table: VirtualTable[Any], error: Exception) -> None:
            super().__init__()
            self.table, self.error = table, error

    @dataclass
    class _PageLoaded(Message, bubble=False):
        generation: int
        page: int
        rows: Sequence[Any] | None
        error: Exception | None

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        cells: Callable[[RowT], Sequence[Text]],
        tone: Callable[[RowT, int], str | None] | None = None,
        page_size: int = 100,
        max_pages: int = 5,
        placeholder: str = "loading…",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns: list[Column] = []
        self._lines: dict[int, Strip] = {}  # rendered rows; cleared on any change
        self._widths: list[int] = []
        self.set_columns(columns)
        self._cells = cells
        self._tone = tone
        self.page_size = page_size
        self.max_pages = max(max_pages, 3)  # the view and a margin either side
        self.placeholder = placeholder
        self.cursor_row = 0
        self._count = 0
        self._loader: Loader[RowT] | None = None
        self._generation = 0  # bumped by reset(): pages of older ones are dropped
        self._pages: OrderedDict[int, Sequence[RowT]] = OrderedDict()  # oldest use first
        self._pending: set[int] = set()
        # Read by worker threads: replaced whole, never changed in place.
        self._wanted: frozenset[int] = frozenset()
        self._select_when_loaded: int | None = None

    # -- what the owner calls ------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def cached_row_count(self) -> int:
        """How many rows are held in memory (a few pages at most)."""
        return sum(len(rows) for rows in self._pages.values())

    # Not ``loading``: that is Widget's reactive (it shows a LoadingIndicator).
    @property
    def pages_loading(self) -> bool:
        """True while a page the view needs is on its way."""
        return bool(self._pending) or any(p not in self._pages for p in self._wanted)

    def reset(
        self,
        count: int,
        loader: Loader[RowT] | None = None,
        *,
        cursor: int = 0,
        preload: Mapping[int, Sequence[RowT]] | None = None,
    ) -> None:
        """Start again with ``count`` rows (after a filter change). Every page is
        dropped and pages in flight are ignored when they land; ``preload`` maps
        page numbers to rows already fetched, so the first frame can show them."""
        self._generation += 1
        self._loader = loader or self._loader
        if (count > 0) != (self._count > 0):
            self.refresh_bindings()  # only then: the key bar redraws on a refresh
        self._count = max(count, 0)
        self._pages = OrderedDict(preload or {})
        self._pending.clear()
        self._lines.clear()
        self._select_when_loaded = None
        self.cursor_row = min(max(cursor, 0), max(self._count - 1, 0))
        self._update_virtual_size()
        self.scroll_to(y=self._scroll_for(self.cursor_row, 0), animate=False)
        self._request_visible()
        self.refresh()
        self._post_highlighted()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show other columns (a narrow window's): the owner's ``cells`` must give
        a cell for each of them from now on."""
        self.columns = list(columns)
        if self.columns and not any(c.flex for c in self.columns):
            self.columns[-1] = Column(self.columns[-1].title, self.columns[-1].width, flex=1)
        self._widths = [c.width for c in self.columns]
        self._lines.clear()
        if self.is_mounted:
            self._update_virtual_size()
            self.refresh()

    def row_at(self, index: int) -> RowT | None:
        """The row at ``index`` if its page is loaded."""
        if not 0 <= index < self._count:
            return None
        rows = self._pages.get(index // self.page_size)
        offset = index % self.page_size
        return rows[offset] if rows is not None and offset < len(rows) else None

    @property
    def cursor_value(self) -> RowT | None:
        """The highlighted row, or None while it loads (or with no rows)."""
        return self.row_at(self.cursor_row)

    def move_cursor(self, row: int) -> None:
        row = min(max(row, 0), self._count - 1)
        if self._count == 0 or row == self.cursor_row:
            return
        # Only the rows the cursor leaves and reaches look different.
        self._lines.pop(self.cursor_row, None)
        self._lines.pop(row, None)
        self.cursor_row = row
        self._select_when_loaded = None
        target = self._scroll_for(row, int(self.scroll_y))
        if target != int(self.scroll_y):
            self.scroll_to(y=target, animate=False)
        self._request_visible()
        self.refresh()
        self._post_highlighted()

    # -- keys and mouse ------------------------------------------------------------

    @property
    def visible_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def action_move(self, by: int, to_end: bool = False) -> None:
        self.move_cursor((self._count if by > 0 else -1) if to_end else self.cursor_row + by)

    def action_page(self, by: int) -> None:
        self.move_cursor(self.cursor_row + by * self.visible_rows)

    def action_select(self) -> None:
        """Select the highlighted row, or as soon as it has loaded."""
        row = self.cursor_value
        self._select_when_loaded = self.cursor_row if row is None else None
        if row is not None:
            self.post_message(self.Selected(self, self.cursor_row, row))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "select" and self._count == 0 else True

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = int(self.scroll_y) + offset.y - 1
        if index == self.cursor_row:
            self.action_select()
        elif index < self._count:
            self.move_cursor(index)

    def _post_highlighted(self) -> None:
        self.post_message(self.Highlighted(self, self.cursor_row, self.cursor_value))

    def _scroll_for(self, row: int, top: int) -> int:
        """The scroll position that keeps ``row`` in view, moving as little as possible."""
        if row < top:
            return row
        return row - self.visible_rows + 1 if row >= top + self.visible_rows else top

    # -- loading pages --------------------------------------------------------------

    def _request_visible(self) -> None:
        if self._loader is None or self._count == 0:
            self._wanted = frozenset()
            return
        visible, top = self.visible_rows, int(self.scroll_y)
        # A screen's margin either side, so that paging on rarely meets a placeholder.
        first = max(top - visible, 0) // self.page_size
        last = min(top + 2 * visible, self._count - 1) // self.page_size
        self._wanted = frozenset(range(first, last + 1))
        for page in sorted(self._wanted, key=lambda p: abs(p * self.page_size - top)):
            if page in self._pages:
                self._pages.move_to_end(page)
            elif page not in self._pending:
                self._pending.add(page)
                self.run_worker(
                    partial(self._fetch, self._generation, page, self._loader),
                    thread=True,
                    group="virtual-table-pages",
                    name=f"page {page}",
                )

    def _fetch(self, generation: int, page: int, loader: Loader[RowT]) -> None:
        """In a worker thread: load one page, unless the view has moved on."""
        rows: Sequence[RowT] | None = None
        error: Exception | None = None
        if generation == self._generation and page in self._wanted:
            try:
                rows = list(loader(page * self.page_size, self.page_size))
            except Exception as exc:  # noqa: BLE001 - handed to the owner to report
                error = exc
        self.post_message(self._PageLoaded(generation, page, rows, error))

    def on_virtual_table__page_loaded(self, message: VirtualTable._PageLoaded) -> None:
        if message.generation != self._generation:
            return
        self._pending.discard(message.page)
        if message.error is not None:
            self.post_message(self.LoadFailed(self, message.error))
            return
        if message.rows is not None:
            self._pages[message.page] = message.rows
            for old in [p for p in self._pages if p not in self._wanted]:
                if len(self._pages) <= self.max_pages:
                    break
                del self._pages[old]  # least recently shown first
            self._lines.clear()
            self.refresh()
            if self.cursor_row // self.page_size == message.page:
                self._post_highlighted()
                if self._select_when_loaded == self.cursor_row:
                    self.action_select()
        self._request_visible()

    # -- geometry ---------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        widths = layout_widths(self.columns, self.scrollable_content_region.width)
        if widths != self._widths:
            self._widths = widths
            self._lines.clear()
        kept = [w for w in widths if w]
        self.virtual_size = Size(sum(kept) + max(len(kept) - 1, 0), self._count + 1)

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._request_visible()
        self.refresh()

    def watch_show_vertical_scrollbar(self) -> None:
        # The rows' scroll bar appears once they outgrow the view, after the
        # widths were shared out: share them again in the column it took, or the
        # last column runs one cell past the view (and scrolls sideways).
        if self.is_mounted:
            self._update_virtual_size()
            self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.is_mounted:
            self._request_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # focus, theme: the component styles have changed

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = int(self.scroll_x)
        base = self.rich_style
        if y == 0:  # the header stays put while the rows scroll under it
            header = self.get_component_rich_style("virtual-table--header")
            titles = [Text(c.title) for c in self.columns]
            strip = self._strip(self._line(titles, [None] * len(titles)), base + header)
        else:
            index = int(self.scroll_y) + y - 1
            if index >= self._count:
                return Strip.blank(width, base)
            strip = self._lines.get(index)  # type: ignore[assignment]
            if strip is None:
                if len(self._lines) > _LINE_CACHE_SIZE:
                    self._lines.clear()
                strip = self._lines[index] = self._row_strip(index, base)
        return strip.crop(scroll_x, scroll_x + width).adjust_cell_length(width, base)

    def _line(self, cells: Sequence[Text], styles: Sequence[Style | None]) -> Text:
        line = Text(no_wrap=True, end="")
        first = True
        for n, (cell, width) in enumerate(zip(cells, self._widths, strict=False)):
            if width == 0:
                continue  # left out on a narrow window
            cell = Text(" ").join(cell.split("\n")) if "\n" in cell.plain else cell.copy()
            cell.truncate(width, overflow="ellipsis", pad=True)
            if styles[n] is not None:
                cell.stylize_before(styles[n])  # type: ignore[arg-type]
            if not first:
                line.append(" ")
            first = False
            line.append_text(cell)
        return line

    def _strip(self, line: Text, base: Style, post: Style | None = None) -> Strip:
        return Strip(Segment.apply_style(line.render(self.app.console), base, post))

    def _row_strip(self, index: int, base: Style) -> Strip:
        style = self.get_component_rich_style
        row = self.row_at(index)
        styles: list[Style | None] = [None] * len(self.columns)
        if row is None:
            cells = [Text(self.placeholder)]
            styles[0] = style("virtual-table--placeholder")
        else:
            cells = list(self._cells(row))
            for n in range(len(self.columns)):
                tone = self._tone(row, n) if self._tone else None
                styles[n] = style(f"virtual-table--{tone}") if tone in TONES else None
        post = style("virtual-table--cursor") if index == self.cursor_row else None
        return self._strip(self._line(cells, styles), base, post)
