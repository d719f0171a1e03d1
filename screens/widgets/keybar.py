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

The key of the list of all keys (``?``) and the palette's key stay at the
right-hand end whatever else fits, so every key can always be reached. While
the focus is where typing goes (the minutes, a search field), ``?`` would be
typed, so the bar names the list's other key (``f1``) instead.

A screen declares its keys most important first. When they do not all fit in
full (80 columns beside the papers), the least important are shortened first,
to the first word of their description ("^f End", "^g Go to"); if even then
they do not fit, every key is shortened and those that still do not fit are left
out whole, the app-wide ones first (they are listed after the screen's).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.keys import format_key
from textual.widget import Widget
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.screen import Screen


HELP_ACTION = "help"  # the app's list of every key: always on the bar
NARROW = 100  # below this width the palette's key is shown without its word
SHORT_WORD = 3  # a shortened description is at least this long: "In attendance", not "In"


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


# What the bar shows: the items, the palette's key, the key of the list of all keys.
Shown = tuple[tuple[Item, ...], Entry | None, Entry | None]


def takes_typing(widget: Widget | None) -> bool:
    """Whether a printable key pressed now would be typed into ``widget``."""
    if isinstance(widget, Input):
        return True
    return isinstance(widget, TextArea) and not widget.read_only


def types(key: str) -> bool:
    """Whether ``key`` (a key name: "question_mark", "f1", "ctrl+n") is a character."""
    modifiers, name = Binding(key, "").parse_key()
    return not modifiers and len(format_key(name)) == 1


def short_description(description: str) -> str:
    """The first word of a description, or the first few when it is very short."""
    words = description.split()
    short = ""
    for word in words:
        short = f"{short} {word}" if short else word
        if len(short) >= SHORT_WORD:
            break
    return short


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
        self._entries: Shown | None = None
        self._spans: list[Span] = []
        self._hover: int | None = None

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

    def _collect(self) -> Shown:
        """The items to show, the palette's key and the key of the list of all keys
        (both drawn on the right)."""
        app = self.app
        active = self.screen.active_bindings
        palette: Entry | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tip = active[app.COMMAND_PALETTE_BINDING]
            palette = Entry(binding.key, app.get_key_display(binding), binding.description, enabled)
        typing = takes_typing(self.screen.focused)
        help_entry: Entry | None = None
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
            if binding.action == HELP_ACTION and binding.show:
                # "?" and "f1": while typing, "?" is a character, so name a key that is not.
                if help_entry is None or (typing and types(help_entry.key) and not types(key)):
                    shown = replace(binding, key_display=None) if typing else binding
                    help_entry = Entry(key, app.get_key_display(shown), "Keys", enabled)
                continue
            if not binding.show or binding.action in seen or key == app.COMMAND_PALETTE_BINDING:
                continue
            seen.add(binding.action)
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
        return tuple(items), palette, help_entry

    def render(self) -> Text:
        if self._entries is None:
            self._entries = self._collect()
        items, palette, help_entry = self._entries
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        hover = self.get_component_rich_style("keybar--hover")
        width = self.size.width
        narrow = width < NARROW
        right = Text()
        right_spans: list[tuple[int, int, Entry]] = []
        if help_entry is not None:
            start = right.cell_len
            right.append(f" {help_entry.keys} ", key_style)
            right.append(f"{help_entry.description} ", text_style)
            right_spans.append((start, right.cell_len, help_entry))
        if palette is not None:
            right.append("▏", self.get_component_rich_style("keybar--divider"))
            start = right.cell_len
            right.append(palette.keys, key_style)
            right.append(" " if narrow else f" {palette.description} ", text_style)
            right_spans.append((start, right.cell_len, palette))
        room = max(0, width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop")
        spans: list[Span] = []
        short = self._shortened(items, room)

        def look(entry: Entry) -> Style:
            extra = Style() if entry.enabled else dim
            if len(spans) == self._hover:
                extra += hover
            return extra

        for n, item in enumerate(items):
            text = self._description(item, n in short)
            size = self._item_size(item, n in short)
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

    def _shortened(self, items: tuple[Item, ...], room: int) -> set[int]:
        """Which items show the short form of their description: none if the
        screen's own keys fit in full; else the fewest of its least important (the
        last declared) that make them fit; else every item."""
        own = [n for n, item in enumerate(items) if not item.app_wide] or list(range(len(items)))
        sizes = [self._item_size(items[n], False) for n in own]
        saving = [sizes[i] - self._item_size(items[n], True) for i, n in enumerate(own)]
        needed = sum(sizes)
        short: set[int] = set()
        for i in range(len(own) - 1, -1, -1):
            if needed <= room:
                return short
            needed -= saving[i]
            short.add(own[i])
        return short if needed <= room else set(range(len(items)))

    @staticmethod
    def _description(item: Item, short: bool) -> str:
        if not item.description:
            return ""
        return f"{short_description(item.description) if short else item.description} "

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
