"""Export a circulated document (a meeting's minutes, a rapid review's record,
the list of reviews): a preview that opens at once, then a private file.

The preview is a read-only text view of the Markdown: it opens at once however
long the minutes are (Textual's Markdown widget took 1.4 s for 300 lines and
6.8 s for 1,000 here, so the rendered view is a key away, for short minutes).
The export is built in a thread; redaction is the default, and an unredacted
copy needs a yes to a question.

The screen never writes text it holds: it asks ``store.exports.write`` to build,
check and write the document again from the database. Each build carries a
generation number and the redaction setting it was made with; a result that is
not the latest asked for is dropped, so a quick ``ctrl+u``, ``y``, ``ctrl+u`` can
never leave an unredacted preview under the word "Redacted".
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Header, Input, Label, Markdown, Static, TextArea

from screens.common.base import QuorateScreen, after_typed_keys
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.domain.errors import StoreError
from store.exports import Document, Finding, Minutes, Request, document_kind

RENDER_LIMIT = 400  # lines: above this the rendered view is not offered


def default_folder() -> Path:
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return folder if folder.is_dir() else Path.home()  # no Documents folder: home exists


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

    class Built(Message):
        """A build finished: ``document`` is None when ``problem`` says why."""

        def __init__(self, generation: int, document: Document | None, problem: str | None):
            super().__init__()
            self.generation = generation
            self.document = document
            self.problem = problem

    def __init__(self, what: int | Request, folder: Path | None = None):
        """``what``: the document to export, or a meeting's id for its minutes."""
        super().__init__()
        self.request: Request = Minutes(what) if isinstance(what, int) else what
        self.noun = document_kind(self.request)
        self.folder = folder
        self.redacted = True  # what the chair asked for last
        self.document: Document | None = None  # what is shown; it carries its own setting
        self.generation = 0
        self.accepted: set[str] = set()  # findings the chair confirmed
        self._suggested = ""
        self._path_for: bool | None = None  # the setting the path in the field was for

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="export-status")
        with Horizontal(id="export-path-row"):
            yield Label("Save as ", id="export-path-label")
            yield Input(id="export-path", select_on_focus=False)
        # The whole path, wrapped, when the field is too narrow to show it.
        yield Static(id="export-path-full")
        yield TextArea(id="export-preview", read_only=True, soft_wrap=True, show_line_numbers=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Ask for a new build with the current setting; what is shown until it comes
        is nothing, so nothing stale can be saved. A change of setting puts the
        suggested name back: an unredacted copy must never go under the name the
        chair gave the circulation copy, nor the other way round."""
        if self._path_for is not None and self._path_for != self.redacted:
            self.query_one("#export-path", Input).value = ""
            self._path_for = None
        self.generation += 1
        self.document = None
        status = self.query_one("#export-status", Static)
        status.set_class(not self.redacted, "-warning")
        status.update(f"Preparing the {self.noun}…")
        self.query_one("#export-preview", TextArea).load_text("")
        self.refresh_bindings()
        self.build(self.generation, self.redacted)

    @work(thread=True, exclusive=True, group="export")
    def build(self, generation: int, redacted: bool) -> None:
        from store.domain.redact import RedactionError
        from store.exports import prepare

        try:
            document = prepare(self.store, self.request, redacted=redacted)
        except (StoreError, RedactionError) as exc:
            self.post_message(self.Built(generation, None, str(exc)))
            return
        self.post_message(self.Built(generation, document, None))

    def on_export_screen_built(self, message: Built) -> None:
        if message.generation != self.generation:
            return  # a later setting was asked for: this result is stale
        document = message.document
        self.document = document
        status = self.query_one("#export-status", Static)
        if document is None:
            status.set_class(True, "-warning")
            status.update(Text(f"Not exported: {message.problem}"))
            self.query_one("#export-preview", TextArea).load_text("")
            self.refresh_bindings()
            return
        self._suggest(document.name)
        self._path_for = document.redacted
        self.accepted &= {f.key for f in document.findings}
        self._show_status(document)
        self.query_one("#export-preview", TextArea).load_text(document.text)
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-path":
            self._show_full_path()

    def on_resize(self) -> None:
        self._show_full_path()

    def _show_full_path(self) -> None:
        path = self.query_one("#export-path", Input)
        full = self.query_one("#export-path-full", Static)
        room = path.content_region.width or max(self.size.width - 12, 20)
        cut = len(path.value) >= room
        full.update(Text(f"Full path: {path.value}") if cut else "")
        full.display = cut

    def _suggest(self, name: str) -> None:
        """Put the suggested path in, unless the chair has typed one of their own."""
        path_input = self.query_one("#export-path", Input)
        if path_input.value and path_input.value != self._suggested:
            return
        folder = self.folder if self.folder is not None else default_folder()
        self._suggested = str(folder / name)
        path_input.value = self._suggested

    def _show_status(self, document: Document) -> None:
        status = self.query_one("#export-status", Static)
        lines = document.text.count("\n")
        outstanding = document.outstanding(self.accepted)
        status.set_class(not document.redacted or bool(outstanding), "-warning")
        if not document.redacted:
            status.update(Text("UNREDACTED: names children. Not for circulation. ctrl+s saves."))
            return
        message = (
            f"Redacted: the {document.registered} names on the register are shown by "
            f"pseudonym. {lines} lines."
        )
        if outstanding:
            n = len(outstanding)
            message += (
                f" {n} possible identifier{'s' if n != 1 else ''} of a child to confirm "
                f"before saving ({'; '.join(f.describe() for f in outstanding[:3])}"
                f"{'; …' if n > 3 else ''}). ctrl+s asks about each."
            )
        else:
            message += " ctrl+s saves."
        status.update(Text(message))

    def on_key(self, event: events.Key) -> None:
        # The preview is read-only, so a letter typed there reached the app's keys
        # (typing a path went to People): a letter is meant for the path.
        preview = self.query_one("#export-preview", TextArea)
        if self.focused is preview and event.is_printable and event.character not in ("?", None):
            event.stop()
            event.prevent_default()
            path = self.query_one("#export-path", Input)
            path.focus()
            path.cursor_position = len(path.value)
            path.insert_text_at_cursor(event.character or "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and self.document is None:
            return None
        if action == "rendered" and (
            self.document is None or self.document.text.count("\n") > RENDER_LIMIT
        ):
            return None
        return True

    @after_typed_keys
    def action_save(self) -> None:
        document = self.document
        if document is None:
            return
        outstanding = document.outstanding(self.accepted)
        if outstanding:
            self._confirm(document, list(outstanding))
            return
        path = self.query_one("#export-path", Input).value
        self.save(document.redacted, path, frozenset(self.accepted))

    def _confirm(self, document: Document, findings: list[Finding]) -> None:
        """Ask about each finding in turn, showing its line in the preview."""
        finding = findings[0]
        preview = self.query_one("#export-preview", TextArea)
        row = max(finding.line - 1, 0)
        preview.select_line(row)
        preview.scroll_cursor_visible(center=True)

        def answered(yes: bool | None) -> None:
            if self.document is not document:
                return  # rebuilt meanwhile: the chair presses ctrl+s again
            if not yes:
                self.notify(
                    f"Not saved. Line {finding.line} is selected in the preview: change it "
                    f"in the {self.noun}, then export again.",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
                return
            self.accepted.add(finding.key)
            self._show_status(document)
            if findings[1:]:
                self._confirm(document, findings[1:])
            else:
                self.action_save()

        n = len(document.findings)
        index = document.findings.index(finding) + 1
        self.app.push_screen(
            ConfirmScreen(
                f"Possible identifier {index} of {n}: {finding.describe()} "
                "(selected in the preview). Circulate it as it is? "
                f"n leaves the file unsaved, so you can change the {self.noun}."
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="export-save")
    def save(self, redacted: bool, path: str, accepted: frozenset[str]) -> None:
        from store.domain.redact import RedactionError
        from store.exports import write

        try:
            written = write(
                self.store,
                self.request,
                path,
                redacted=redacted,
                accepted=accepted,
            )
        except StoreError as exc:
            self.app.call_from_thread(self.report, exc)
            return
        except RedactionError as exc:
            self.app.call_from_thread(
                self.notify, f"Not saved: {exc}", severity="error", timeout=8, markup=False
            )
            return
        kept = (
            f" Recorded as circulated: SHA-256 {written.recorded.sha256[:12]}…"
            if written.recorded is not None
            else " Not recorded as circulated: the file is open read-only."
        )
        self.app.call_from_thread(self.notify, f"Saved {written.path}.{kept}", markup=False)

    def action_toggle_redaction(self) -> None:
        if not self.redacted:
            self.redacted = True
            self.rebuild()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.redacted = False
                self.rebuild()

        self.app.push_screen(
            ConfirmScreen(
                "Make an UNREDACTED copy? It names children: it is for the record, "
                "never for circulation."
            ),
            answered,
        )

    def action_rendered(self) -> None:
        if self.document is not None:
            self.app.push_screen(RenderedPreview(self.document.text))

    def action_back(self) -> None:
        self.dismiss()


class RenderedPreview(QuorateScreen):
    """The document as a Markdown viewer would show it (short documents only)."""

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


__all__ = ["ExportScreen", "default_folder"]
