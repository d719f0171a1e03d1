"""The keys: every binding live on the screen underneath, and the app's own."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from screens.widgets.keybar import takes_typing, types


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,f1,q", "close", "Close", id="help-close")]

    def __init__(self, under: Screen[object]):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        rows: list[tuple[str, str]] = []
        where: dict[tuple[int, str], int] = {}
        # Where the focus was takes typing (the live screen's minutes): a key that
        # is a character would be typed there, so the list names its other key
        # ("f1", not "?"), as the key bar does.
        typing = takes_typing(self.under.focused)
        for key, active in self.under.active_bindings.items():
            binding = active.binding
            if typing and types(key):
                continue
            if typing and binding.key_display and types(binding.key_display):
                binding = replace(binding, key_display=None)
            # The screen's and the app's commands, and whatever a widget shows in
            # the key bar; not every cursor key of the focused table.
            ours = active.node is self.under or active.node is self.app
            if not binding.description or not (binding.show or ours):
                continue
            display = self.app.get_key_display(binding)
            slot = (id(active.node), binding.action)
            if slot in where:  # another key for the same command: "del / x"
                index = where[slot]
                keys, does = rows[index]
                if display not in keys.split(" / "):
                    rows[index] = (f"{keys} / {display}", does)
                continue
            where[slot] = len(rows)
            rows.append((display, binding.description))
        width = max(len(key) for key, _ in rows) + 3
        text = Text()
        for key, does in rows:
            text.append(key.ljust(width), style="bold")
            text.append(does + "\n")
        with VerticalScroll():
            yield Static("Keys", classes="help-title")
            yield Static(text, id="help-keys")
            yield Static("esc closes this list.", classes="help-foot")

    def action_close(self) -> None:
        self.dismiss()
