"""The key bar at the foot of every screen: the keys that work here, and the palette.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever
the bindings may have changed (focus moves, a screen mounts). On the dashboard
that cost about 40 ms of a 0.3 s start-up. This bar is one widget that draws
one line of text and redraws only when what it shows has changed.

It shows what the Footer showed: each key the screen and the focused widget
bind with ``show=True``, once per action; keys sharing a ``Binding.Group`` as
one entry; a disabled key dimmed; the command palette's key on the right.
Clicking an entry presses its key.
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


@dataclass(frozen=True)
class Entry:
    key: str  # the key pressed when the entry is clicked
    keys: str  # as shown
    description: str
    enabled: bool


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
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: tuple[tuple[Entry, ...], Entry | None] | None = None
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

    def _collect(self) -> tuple[tuple[Entry, ...], Entry | None]:
        """The entries to show, and the palette's entry (drawn on the right)."""
        app = self.app
        active = self.screen.active_bindings
        palette: Entry | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tip = active[app.COMMAND_PALETTE_BINDING]
            palette = Entry(binding.key, app.get_key_display(binding), binding.description, enabled)
        entries: list[Entry] = []
        seen: set[str] = set()
        group_members: list[Entry] = []
        group = None

        def close_group() -> None:
            if not group_members:
                return
            if len(group_members) == 1 or group is None:
                entries.extend(group_members)
            else:
                entries.append(
                    Entry(
                        group_members[0].key,
                        "".join(e.keys for e in group_members),
                        group.description,
                        any(e.enabled for e in group_members),
                    )
                )
            group_members.clear()

        for key, (_node, binding, enabled, _tip) in active.items():
            if not binding.show or binding.action in seen or key == app.COMMAND_PALETTE_BINDING:
                continue
            seen.add(binding.action)
            if binding.group is not group:
                close_group()
                group = binding.group
            group_members.append(
                Entry(binding.key, app.get_key_display(binding), binding.description, enabled)
            )
        close_group()
        return tuple(entries), palette

    def render(self) -> Text:
        if self._entries is None:
            self._entries = self._collect()
        entries, palette = self._entries
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        dim = self.get_component_rich_style("keybar--disabled")
        hover = self.get_component_rich_style("keybar--hover")
        width = self.size.width
        right = Text()
        if palette is not None:
            right.append("▏", self.get_component_rich_style("keybar--divider"))
            right.append(palette.keys, key_style)
            right.append(f" {palette.description} ", text_style)
        room = max(0, width - right.cell_len)
        line = Text(no_wrap=True, overflow="crop")
        spans: list[Span] = []
        for index, entry in enumerate(entries):
            piece_key = f" {entry.keys} "
            piece_text = f"{entry.description} " if entry.description else ""
            size = cell_len(piece_key) + cell_len(piece_text)
            if line.cell_len + size > room:
                break
            extra = Style()
            if not entry.enabled:
                extra += dim
            if index == self._hover:
                extra += hover
            start = line.cell_len
            line.append(piece_key, key_style + extra)
            line.append(piece_text, text_style + extra)
            spans.append(Span(start, line.cell_len, entry))
        if palette is not None:
            spans.append(Span(room, width, palette))
            line.append(" " * (room - line.cell_len))
            line.append_text(right)
        self._spans = spans
        return line

    # -- the mouse ------------------------------------------------------------------

    def _span_at(self, x: int) -> int | None:
        for index, span in enumerate(self._spans):
            if span.start <= x < span.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._span_at(event.x)
        if index is not None and index >= len(self._entries[0] if self._entries else ()):
            index = None  # the palette entry does not highlight
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
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
