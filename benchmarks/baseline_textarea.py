"""Plain Textual app used as the typing-latency baseline: one full-screen TextArea.

Run by ``benchmarks/typing_latency.py`` in a pseudo-terminal. The TextArea is
made as Quorate's minutes editor is (soft wrap, Tab moves focus) and has focus
from the start; its border title, "Baseline ready", says the first frame is up.
"""

from textual.app import App, ComposeResult
from textual.widgets import TextArea


class BaselineTextAreaApp(App[None]):
    CSS = "TextArea { height: 1fr; }"

    def compose(self) -> ComposeResult:
        editor = TextArea(id="editor", soft_wrap=True, tab_behavior="focus")
        editor.border_title = "Baseline ready"
        yield editor

    def on_mount(self) -> None:
        self.query_one("#editor", TextArea).focus()


if __name__ == "__main__":
    BaselineTextAreaApp().run()
