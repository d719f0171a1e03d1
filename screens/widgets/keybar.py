"""The key bar at the foot of every screen: the keys that work here, and the palette.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever
the bindings may have changed (focus moves, a screen mounts). On the dashboard
that cost about 40 ms of a 0.3 s start-up. This bar is one widget that draws
one line of text and redraws only when what it shows has changed.

It shows what the Footer showed: each key the screen and the focused widget
bind with ``show=True``, once per action; keys sharing a ``Binding.Group``
side by side before the group's description; a disabled key dimmed; the
command palette's key on the right. Clicking a key presses it; hovering shows
its tooltip.

On a narrow window (80 columns beside the papers) the keys of the list of all
keys (``?``) and of the palette stay at the right-hand end whatever else fits, so
every key can always be reached; if the screen's own keys do not all fit, each
is shown with the first word of its description ("^t Attendance", "^g Go"); a
key that still does not fit is left out whole, the app-wide ones first (they are
listed after the screen's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


HELP_ACTION = "help"  # the app's list of every key: always on the bar
NARROW = 100  # below this width the palette's key is shown without its word


@dataclass(frozen=True)
class Entry:
    """One key: clicking it presses ``key``."""

    key: str
    keys: str  # as shown
    description: str
    enabled: bool
    tooltip: str = ""


@dataclass(frozen=True)
class Item:
    """What the bar draws as one: a key and its description, or a group's keys
    (each dimmed and clicked on its own) followed by the group's description."""

    entries: tuple[Entry, ...]
    description: str
    app_wide: bool = False  # bound by the app (d, m, l…), not by this screen


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entry: Entry


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
        "keybar--hover",
        "keybar--divider",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--disabled {
            text-style: dim;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
        & > .keybar--divider {
            color: $foreground 20%;
        }
        &:hover {
            pointer: pointer;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: tuple[tuple[Item, ...], Entry | None] | None = None
        self._spans: list[Span] = []
        self._hover: int | None = None
        self._help: Entry | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen or not self.is_attached:
            return
        entries = self._collect()
        if entries != self._entries:  # only a real change redraws
            self._entries = entries
            self.refresh()

    def _collect(self) -> tuple[tuple[Item, ...], Entry | None]:
        """The items to show, and the palette's key (drawn on the right)."""
        app = self.app
        active = self.screen.active_bindings
        palette: Entry | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tip = active[app.COMMAND_PALETTE_BINDING]
            palette = Entry(binding.key, app.get_key_display(binding), binding.description, enabled)
        self._help = None
        items: list[Item] = []
        seen: set[str] = set()
        members: list[Entry] = []
        group = None

        app_wide = False

        def close_group() -> None:
            if len(members) > 1 and group is not None:
                items.append(Item(tuple(members), group.description, app_wide))
            else:
                items.extend(Item((e,), e.description, app_wide) for e in members)
            members.clear()

        for key, (node, binding, enabled, tooltip) in active.items():
            if not binding.show or binding.action in seen or key == app.COMMAND_PALETTE_BINDING:
                continue
            seen.add(binding.action)
            if binding.action == HELP_ACTION:
                self._help = Entry(binding.key, app.get_key_display(binding), "Keys", enabled)
                continue
            if binding.group is not group or (node is app) != app_wide:
                close_group()
                group = binding.group
                app_wide = node is app
            members.append(
                Entry(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip or binding.tooltip or (binding.description if group else ""),
                )
            )
        close_group()
        return tuple(items), palette

    def render(self) -> Text:
        if self._entries is None:
            self._entries = self._collect()
        items, palette = self._entries
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        hover = self.get_component_rich_style("keybar--hover")
        width = self.size.width
        narrow = width < NARROW
        right = Text()
        right_spans: list[tuple[int, int, Entry]] = []
        if self._help is not None:
            start = right.cell_len
            right.append(f" {self._help.keys} ", key_style)
            right.append(f"{self._help.description} ", text_style)
            right_spans.append((start, right.cell_len, self._help))
        if palette is not None:
            right.append("▏", self.get_component_rich_style("keybar--divider"))
            start = right.cell_len
            right.append(palette.keys, key_style)
            right.append(" " if narrow else f" {palette.description} ", text_style)
            right_spans.append((start, right.cell_len, palette))
        room = max(0, width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop")
        spans: list[Span] = []
        # Short words only when the screen's own keys do not fit in full.
        own = [item for item in items if not item.app_wide] or list(items)
        short = sum(self._item_size(item, False) for item in own) > room

        def look(entry: Entry) -> Style:
            extra = Style() if entry.enabled else dim
            if len(spans) == self._hover:
                extra += hover
            return extra

        for item in items:
            text = self._description(item, short)
            size = self._item_size(item, short)
            if line.cell_len + size > room:
                break  # an item that does not fit is left out whole
            if len(item.entries) == 1:
                (entry,) = item.entries
                start, extra = line.cell_len, look(entry)
                line.append(f" {entry.keys} ", key_style + extra)
                line.append(text, text_style + extra)
                spans.append(Span(start, line.cell_len, entry))
                continue
            line.append(" ", key_style)
            for entry in item.entries:
                start, extra = line.cell_len, look(entry)
                line.append(entry.keys, key_style + extra)
                spans.append(Span(start, line.cell_len, entry))
            line.append(" ", key_style)
            disabled = not any(e.enabled for e in item.entries)
            line.append(text, text_style + (dim if disabled else Style()))
        if right:
            line.append(" " * (room - line.cell_len))
            spans.extend(Span(room + a, room + b, entry) for a, b, entry in right_spans)
            line.append_text(right)
        self._spans = spans
        return line

    @staticmethod
    def _description(item: Item, short: bool) -> str:
        if not item.description:
            return ""
        words = item.description.split()
        return f"{words[0] if short else item.description} "

    def _item_size(self, item: Item, short: bool) -> int:
        keys = sum(cell_len(e.keys) for e in item.entries)
        return keys + 2 + cell_len(self._description(item, short))

    # -- the mouse ------------------------------------------------------------------

    def _span_at(self, x: int) -> int | None:
        for index, span in enumerate(self._spans):
            if span.start <= x < span.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._span_at(event.x)
        entry = self._spans[index].entry if index is not None else None
        if entry is not None and entry.key == self.app.COMMAND_PALETTE_BINDING:
            index = None  # the palette's key does not highlight
        if index != self._hover:
            self._hover = index
            self.tooltip = (entry.tooltip or None) if index is not None and entry else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._span_at(event.x)
        if index is None:
            return
        entry = self._spans[index].entry
        if entry.enabled:
            self.app.simulate_key(entry.key.split(",")[0])
        else:
            self.app.bell()
