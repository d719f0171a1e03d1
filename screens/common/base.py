"""What every Quorate screen shares: the store, plain text, a record list."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.domain.errors import StoreError
from store.domain.kinds import AttendanceStatus

if TYPE_CHECKING:
    from store import Store


def after_typed_keys(action: Callable[..., Any]) -> Callable[..., Any]:
    """For the action of a priority binding that reads what was typed: run it once
    the focused widget has taken the keys typed before the binding's key.

    A priority binding runs as soon as its key reaches the app, while the keys
    just before it may still wait in the focused widget's queue: ctrl+n straight
    after a sentence moved the end of the sentence into the next item's minutes.
    Queued behind those keys, the action sees everything typed.
    """

    @functools.wraps(action)
    def run(self: Screen[Any], *args: Any) -> None:
        focused = self.focused
        if focused is None:
            action(self, *args)
        else:
            focused.call_later(action, self, *args)

    return run


def status_cell(status: AttendanceStatus) -> Text | str:
    """An attendance status as a list shows it: someone invited is not yet marked."""
    if status is AttendanceStatus.INVITED:
        return Text("Invited (not marked)", style="italic")
    return status.label


def fit(value: object, width: int) -> Text:
    """A cell cut to ``width`` with "…" (a table crops without saying so)."""
    text = value.copy() if isinstance(value, Text) else Text("" if value is None else str(value))
    text.truncate(width, overflow="ellipsis")
    return text


def row_id(table: DataTable[Any]) -> int | None:
    """The id under a table's cursor (its rows are keyed by record id), or None."""
    if table.row_count == 0:
        return None
    try:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
    except Exception:  # noqa: BLE001 - no cursor row
        return None
    return int(key.value) if key.value is not None else None


def select_row(table: DataTable[Any], record_id: int | None) -> None:
    """Put the cursor back on ``record_id``'s row after a reload, if it is still there."""
    if record_id is None:
        return
    try:
        table.move_cursor(row=table.get_row_index(str(record_id)))
    except Exception:  # noqa: BLE001 - the record went away
        pass


def plain(value: object) -> Text:
    """User text for a table cell or label: never parsed as markup."""
    return Text("" if value is None else str(value))


class QuorateScreen(Screen[Any]):
    """Gives a screen the store and a uniform way to report a refused write."""

    # The actions that write: on a file opened read-only their keys are dimmed.
    # A screen with other writing keys adds them to the set.
    WRITES: ClassVar[frozenset[str]] = frozenset({"new", "edit", "remove"})

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined, no-any-return]

    def report(self, error: StoreError) -> None:
        self.notify(str(error), severity="error", timeout=8, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.WRITES and self.store.readonly:
            return None
        return True

    # -- reading after the frame that shows the screen ---------------------------------

    resume_queued = False  # a read after the frame is on its way (a screen's busy says so)

    def read_after_frame(self) -> None:
        """Call ``read_resumed`` once the frame that shows the screen is drawn, so its
        key shows it at once; requests made together (a first visit brings two
        ScreenResumes) are served by one read."""
        if not self.resume_queued:
            self.resume_queued = True
            self.call_after_refresh(self._read_resumed)

    def _read_resumed(self) -> None:
        self.resume_queued = False
        if self.is_attached:
            self.read_resumed()

    def read_resumed(self) -> None:
        """What ``read_after_frame`` reads: the screen's rows and choices."""


class RecordList(QuorateScreen):
    """A section that is a table of records: one row per record, keyed by id."""

    TABLE_ID: ClassVar[str] = "records"
    # What enter on a row does: the table takes the key itself and says so
    # with RowSelected, so a binding on enter would never fire.
    ENTER_ACTION: ClassVar[str] = "edit"
    HEADING: ClassVar[str] = ""
    COLUMNS: ClassVar[Sequence[str]] = ()
    # What each cell of ``rows`` is, when rows give more cells than COLUMNS (cells
    # that only a narrow layout shows); by default the COLUMNS themselves.
    CELLS: ClassVar[Sequence[str]] = ()
    DEFAULT_CSS = """
    RecordList > DataTable.records {
        height: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.HEADING, classes="section-heading")
        table: DataTable[Any] = DataTable(
            id=self.TABLE_ID, classes="records", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield KeyBar()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

    _reload_queued = False
    _select: int | None = None

    # (column, label, width): the columns shown, in order. ``rows`` gives a cell for
    # every one of COLUMNS; a narrow window shows fewer, cut to their widths.
    _columns: tuple[tuple[str, str, int | None], ...] = ()

    # A narrow window's columns (an 80-column laptop window beside the papers):
    # (column, label, width); a width of None shares what is left with the other
    # None ones. Empty: every column, as wide as it needs, at any width.
    NARROW_COLUMNS: ClassVar[Sequence[tuple[str, str, int | None]]] = ()
    WIDE: ClassVar[int] = 110

    def columns_for(self, width: int) -> Sequence[tuple[str, str, int | None]]:
        """The columns for a window ``width`` wide: every column as wide as it needs,
        or on a narrow window the NARROW_COLUMNS, cut to fit with "…"."""
        if not self.NARROW_COLUMNS or width >= self.WIDE:
            return [(column, column, None) for column in self.COLUMNS]
        fixed = sum(w for _, _, w in self.NARROW_COLUMNS if w is not None)
        flexible = [key for key, _, w in self.NARROW_COLUMNS if w is None]
        spare = width - 2 - 2 * len(self.NARROW_COLUMNS) - fixed
        share = max(spare // max(len(flexible), 1), 8)
        return [(key, label, share if w is None else w) for key, label, w in self.NARROW_COLUMNS]

    def on_mount(self) -> None:
        self._lay_out()
        # The rows come with the ScreenResume that follows every mount.

    def _lay_out(self) -> bool:
        """Set the columns for the window's width; True when they changed."""
        columns = tuple(self.columns_for(self.size.width or self.app.size.width))
        if columns == self._columns:
            return False
        self._columns = columns
        table = self.table
        table.clear(columns=True)
        for key, label, width in columns:
            table.add_column(label, width=width, key=key)
        return True

    def on_resize(self) -> None:
        if self.is_mounted and self._lay_out():
            self.request_reload()

    def on_screen_resume(self) -> None:
        self.request_reload()

    def request_reload(self, select: int | None = None) -> None:
        """Reload once the messages already queued are handled, selecting ``select``.

        The list is read again each time the screen comes to the front, and a form's
        callback asks for its record to be selected at the same moment; a section's
        first visit even brings two ScreenResumes. Requests made together are served
        by one reload (opening People read every person three times).
        """
        if select is not None:
            self._select = select
        if not self._reload_queued:
            self._reload_queued = True
            self.call_later(self._reload_now)

    def _reload_now(self) -> None:
        self._reload_queued = False
        select, self._select = self._select, None
        if self.is_attached:
            self.reload(select=select)

    def rows(self) -> list[tuple[int, Sequence[Any]]]:
        """(record id, cells) for each row, in display order."""
        raise NotImplementedError

    def reload(self, select: int | None = None) -> None:
        """Refill the table, keeping the cursor on the same record where possible."""
        table = self.table
        keep = select if select is not None else self.selected_id()
        table.clear()
        cells_named = list(self.CELLS or self.COLUMNS)
        shown = [(cells_named.index(key), width) for key, _label, width in self._columns]
        for record_id, cells in self.rows():
            row = [cells[i] if width is None else fit(cells[i], width) for i, width in shown]
            table.add_row(*row, key=str(record_id))
        select_row(table, keep)
        self.refresh_bindings()

    def selected_id(self) -> int | None:
        return row_id(self.table)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if allowed and action in {"edit", "remove", "open"} and self.selected_id() is None:
            # None dims the key in the key bar: it exists but has nothing to act on.
            return None
        return allowed

    def binding_state(self) -> object:
        """What the keys' states depend on besides the screen; by default, whether a
        row is selected. A screen whose keys depend on which row overrides it."""
        return self.selected_id() is not None

    def on_data_table_row_highlighted(self) -> None:
        # Working out the active keys walks the focus chain: only when one can change.
        state = self.binding_state()
        if state != getattr(self, "_binding_state", None):
            self._binding_state = state
            self.refresh_bindings()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table is self.table and self.check_action(self.ENTER_ACTION, ()):
            await self.run_action(self.ENTER_ACTION)

    def saved(self, record_id: int | None) -> None:
        """Callback for a form: show the saved record."""
        if record_id:
            self.request_reload(select=record_id)

    def confirm_remove(
        self, label: str, remove: Callable[[], None], select_after: int | None = None
    ) -> None:
        """Ask, then remove; a refusal from the store is shown, not raised.

        ``select_after`` is the record the cursor goes to afterwards.
        """

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                remove()
            except StoreError as exc:
                self.report(exc)
                return
            self.notify(f"Removed {label}.", markup=False)
            self.request_reload(select=select_after)

        self.app.push_screen(ConfirmScreen(f"Remove {label}?"), answered)
