"""Export a meeting's minutes: a preview that opens at once, then a private file.

The preview is a read-only text view of the Markdown: it opens at once however
long the minutes are (Textual's Markdown widget took 1.4 s for 300 lines and
6.8 s for 1,000 here, so the rendered view is a key away, for short minutes).
The export is built in a thread; redaction is the default, and an unredacted
copy needs a yes to a question.
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Input, Label, Markdown, Static, TextArea

from screens.base import QuorateScreen, after_typed_keys
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.errors import StoreError

RENDER_LIMIT = 400  # lines: above this the rendered view is not offered


def default_path(title: str, day: str, redacted: bool) -> Path:
    from platformdirs import user_documents_path

    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "minutes"
    suffix = "" if redacted else "-UNREDACTED"
    folder = user_documents_path()
    if not folder.is_dir():  # no Documents folder: the home folder, which exists
        folder = Path.home()
    return folder / f"{day}-{slug}-minutes{suffix}.md"


class ExportScreen(QuorateScreen):
    CSS_PATH = "export.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save file", id="export-save", priority=True),
        Binding(
            "ctrl+u", "toggle_redaction", "Unredacted copy", id="export-unredacted", priority=True
        ),
        Binding("ctrl+r", "rendered", "Rendered view", id="export-rendered", priority=True),
        Binding("escape", "back", "Back", id="export-back"),
    ]

    def __init__(self, meeting_id: int, folder: Path | None = None):
        super().__init__()
        self.meeting_id = meeting_id
        self.folder = folder
        self.redacted = True
        self.document: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="export-status")
        with Horizontal(id="export-path-row"):
            yield Label("Save as ", id="export-path-label")
            yield Input(id="export-path")
        yield TextArea(id="export-preview", read_only=True, soft_wrap=True, show_line_numbers=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self._set_path()
        self.query_one("#export-status", Static).update("Preparing the minutes…")
        self.build()

    def _set_path(self) -> None:
        meeting = self.store.meeting(self.meeting_id)
        path = default_path(meeting.title, meeting.date.isoformat(), self.redacted)
        if self.folder is not None:
            path = self.folder / path.name
        self.query_one("#export-path", Input).value = str(path)

    @work(thread=True, exclusive=True, group="export")
    def build(self) -> None:
        from store.export import minutes_markdown
        from store.redact import RedactionError

        try:
            text = minutes_markdown(self.store, self.meeting_id, redact=self.redacted)
            problem = None
            registered = len(self.store.protected_people())
        except (StoreError, RedactionError) as exc:
            text, problem, registered = "", str(exc), 0
        self.app.call_from_thread(self._show, text, problem, registered)

    def _show(self, text: str, problem: str | None, registered: int) -> None:
        self.document = text if problem is None else None
        status = self.query_one("#export-status", Static)
        status.set_class(problem is not None or not self.redacted, "-warning")
        if problem is not None:
            status.update(Text(f"Not exported: {problem}"))
        else:
            lines = text.count("\n")
            if self.redacted:
                message = (
                    f"Redacted: the {registered} names on the register are shown by pseudonym. "
                    f"{lines} lines. ctrl+s saves."
                )
            else:
                message = "UNREDACTED: names children. Not for circulation. ctrl+s saves."
            status.update(Text(message))
        self.query_one("#export-preview", TextArea).load_text(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and self.document is None:
            return None
        if action == "rendered" and (
            self.document is None or self.document.count("\n") > RENDER_LIMIT
        ):
            return None
        return True

    @after_typed_keys
    def action_save(self) -> None:
        if self.document is not None:
            self.save(self.document, self.query_one("#export-path", Input).value)

    @work(thread=True, exclusive=True, group="export-save")
    def save(self, text: str, path: str) -> None:
        from store.files import write_private

        try:
            written = write_private(path, text)
        except StoreError as exc:
            self.app.call_from_thread(self.report, exc)
            return
        self.app.call_from_thread(self.notify, f"Saved {written}", markup=False)

    def action_toggle_redaction(self) -> None:
        if not self.redacted:
            self.redacted = True
            self._set_path()
            self.build()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.redacted = False
                self._set_path()
                self.build()

        self.app.push_screen(
            ConfirmScreen(
                "Make an UNREDACTED copy? It names children: it is for the record, "
                "never for circulation."
            ),
            answered,
        )

    def action_rendered(self) -> None:
        if self.document is not None:
            self.app.push_screen(RenderedPreview(self.document))

    def action_back(self) -> None:
        self.dismiss()


class RenderedPreview(QuorateScreen):
    """The minutes as a Markdown viewer would show them (short documents only)."""

    DEFAULT_CSS = """
    RenderedPreview Markdown {
        height: 1fr;
        overflow-y: auto;
    }
    """
    BINDINGS = [Binding("escape", "back", "Back", id="rendered-back")]

    def __init__(self, document: str):
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        yield Header()
        yield Markdown(self.document, open_links=False)
        yield KeyBar()

    def action_back(self) -> None:
        self.dismiss()


__all__ = ["ExportScreen", "default_path"]
