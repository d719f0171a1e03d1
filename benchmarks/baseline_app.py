"""Minimal Textual app used as the start-up baseline: Header, a Static, Footer.

Run by ``benchmarks/startup.py`` in a pseudo-terminal; its first frame is the
one whose screen shows "Baseline ready".
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BaselineApp(App[None]):
    TITLE = "Baseline"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Baseline ready")
        yield Footer()


if __name__ == "__main__":
    BaselineApp().run()
