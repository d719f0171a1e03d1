"""The Quorate App: theme, keymap, the four sections, global bindings, crash hook."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import WorkerFailed

from screens.dashboard.dashboard import DashboardScreen
from store import Store
from store.domain.errors import InvalidValue, StoreError
from tui.crash import crashed

if TYPE_CHECKING:
    from store.db.autosave import MinutesSaver

# After SIGTERM or SIGHUP the process is gone within this, whatever the terminal does.
EXIT_WITHIN_S = 0.85
# The watchdog's own save may take this long before the process ends anyway.
LAST_SAVE_S = 0.1
# How often the terminal is looked at: a window closed without a SIGHUP reaching
# us (a shell that ignores it, another process group) still ends the app.
TERMINAL_WATCH_S = 0.2


def _lazy(module: str, name: str) -> Callable[[], Screen[object]]:
    """A section's screen, its module imported the first time the chair goes there."""

    def make() -> Screen[object]:
        screen: type[Screen[object]] = getattr(importlib.import_module(module), name)
        return screen()

    return make


# Only the dashboard is imported at start-up; the other sections (and the
# widgets they need) load the first time the chair goes to them.
# The dashboard is the default mode's screen, made by get_default_screen and
# listed with add_mode once mounted: a screen started from MODES has its CSS
# refreshed again, which cost about 30 ms of the first frame.
SECTIONS: dict[str, Callable[[], Screen[object]]] = {
    "meetings": _lazy("screens.meetings.meetings", "MeetingsScreen"),
    "actions": _lazy("screens.actions.actions", "ActionLogScreen"),
    "decisions": _lazy("screens.decisions.decisions", "DecisionsScreen"),
    "people": _lazy("screens.directory.people", "PeopleScreen"),
    "agencies": _lazy("screens.directory.agencies", "AgenciesScreen"),
    "register": _lazy("screens.register.register", "RegisterScreen"),
    "reviews": _lazy("screens.reviews.reviews", "ReviewsScreen"),
    "escalations": _lazy("screens.escalations.escalations", "EscalationsScreen"),
}


class QuorateApp(App[int]):
    """Build on a ``Store`` or on a database path: ``QuorateApp("partnership.db")``."""

    TITLE = "Quorate"
    # The dashboard's rules are read with the app's, so the first frame parses CSS once.
    CSS_PATH = ["app.tcss", DashboardScreen.CSS_FILE]
    MODES = SECTIONS  # type: ignore[assignment]  # Textual's ClassVar is dict[str, str | Callable]
    DEFAULT_MODE = "dashboard"
    BINDINGS = [
        Binding("d", "section('dashboard')", "Dashboard", id="go-dashboard"),
        Binding("m", "section('meetings')", "Meetings", id="go-meetings"),
        Binding("l", "section('actions')", "Actions", id="go-actions"),
        Binding("D", "section('decisions')", "Decisions", id="go-decisions", show=False),
        Binding("p", "section('people')", "People", id="go-people"),
        Binding("a", "section('agencies')", "Agencies", id="go-agencies"),
        Binding(
            "R",
            "section('register')",
            "Register of protected names",
            id="go-register",
            show=False,
        ),
        Binding("V", "section('reviews')", "Rapid reviews", id="go-reviews", show=False),
        Binding("E", "section('escalations')", "Escalations", id="go-escalations", show=False),
        Binding("S", "settings", "Settings", id="settings", show=False),
        Binding("slash", "search", "Search the record", id="search", key_display="/", show=False),
        Binding("question_mark,f1", "help", "Keys", id="help", key_display="?"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        database: Store | str | os.PathLike[str],
        *,
        clock: Callable[[], dt.datetime] | None = None,
        crash_dir: Path | None = None,
        collector_held: bool = False,
        notice: str | None = None,
    ):
        """``collector_held``: the caller turned the cyclic collector off for
        start-up (tui.cli does); it is turned back on after the first frame."""
        self.store = database if isinstance(database, Store) else Store.open(database, clock=clock)
        if clock is not None:
            self.store.clock = clock
        self.crash_dir = crash_dir
        self.collector_held = collector_held
        # Only an app that took the collector over at start-up (tui.cli) settles it
        # again after its background work; a script's app leaves it alone.
        self._keeps_collector = collector_held
        self.notice = notice  # said once the first screen shows (where the demo copy is)
        self.crash_log: Path | None = None
        self.crashed = False  # an unexpected error ended the app (tui/run.py says so)
        self._terminating: asyncio.Task[None] | None = None
        self.refused: str | None = None  # a file found unusable after start (one line)
        # Autosaves of screens left with text unsaved, still retrying (keep_saving).
        self._still_saving: list[tuple[MinutesSaver, str]] = []
        super().__init__()
        # Published (on the UI thread) when the search index has caught up on open.
        self.search_index_caught_up: Signal[None] = Signal(self, "search-index-caught-up")
        self.sub_title = self.store.settings.heading().partnership_name + (
            " (read-only)" if self.store.readonly else ""
        )

    # -- lifecycle ---------------------------------------------------------------

    def on_mount(self) -> None:
        self.add_mode(self.DEFAULT_MODE, DashboardScreen)  # so `d` can switch back to it
        self.call_after_refresh(self._after_first_frame)
        loop = self._signal_loop = asyncio.get_running_loop()
        if self.is_headless:  # under a test's Pilot: the test process's loop only
            for sig in (signal.SIGTERM, signal.SIGHUP):
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(sig, self._on_terminate_signal)
        else:
            self.watch_for_exit()  # tui/run.py did so before the app ran; once is enough
        if self.notice is not None:
            self.notify(self.notice, timeout=12, markup=False)
        if self.store.readonly_reason is not None:
            self.notify(self.store.readonly_reason, severity="warning", timeout=20)
        elif self.store.readonly:
            self.notify(
                "This file is read-only: you can look, but changes cannot be saved.",
                severity="warning",
                timeout=8,
            )
        if self.store.backup is not None:
            self.notify(f"Upgraded the file; the old copy is at {self.store.backup}", timeout=8)

    def _after_first_frame(self) -> None:
        if self.store.integrity_pending:
            # A large file's check reads all of it: started once the screen shows,
            # so it does not compete with drawing it. Writes wait for it.
            # A failed check ends the app in one line, as any StoreError does.
            self.run_worker(self.store.verify_integrity, thread=True, name="integrity-check")
        if self.collector_held:
            self.collector_held = False
            # Clear start-up's garbage, then keep the collector off what is left:
            # it lives as long as the app. (About 40 ms, after the screen shows.)
            gc.collect()
            gc.freeze()
            gc.enable()
        # The first screen shows without the pydantic models (store.domain.views) or
        # sqlite-utils; load them now, while the chair reads it, so the first
        # other screen and the first save take their usual time. Then records
        # changed since the search index was last kept (by another laptop, an
        # import, an older version) are indexed, in short transactions.
        self.search_catching_up = not self.store.readonly
        self.run_worker(self._background, thread=True, name="after-start", exit_on_error=False)

    def _background(self) -> None:
        """In a worker, after the first frame: the models, then the search index's
        catch-up, then (on the UI thread) the collector settled on what they left."""
        caught_up = self.search_catching_up
        try:
            _load_models()
        finally:
            if caught_up:
                self._catch_up_index()
        with contextlib.suppress(RuntimeError):  # the app has gone meanwhile
            self.call_from_thread(self._background_done, caught_up)

    def _background_done(self, caught_up: bool) -> None:
        if caught_up:
            self.search_index_caught_up.publish(None)
        self._settle_collector()

    def _settle_collector(self) -> None:
        """What the models and the index's catch-up left, collected once and kept
        out of the collector's full passes, as start-up's is: left to itself, the
        next full pass (50-60 ms with ten years of records read) fell on a key."""
        if self._keeps_collector and gc.isenabled():
            gc.collect()
            gc.freeze()

    # -- the search index ------------------------------------------------------------

    search_catching_up = False  # the index is being brought up to date (the search says so)

    def _catch_up_index(self) -> None:
        """The search index brought up to date with the record (in the worker)."""
        try:
            self.store.search.catch_up()
        except StoreError:
            pass  # locked, full or gone: the next open tries again; searching still works
        finally:
            self.search_catching_up = False

    def index_later(self, *, item_id: int | None = None, meeting_id: int | None = None) -> None:
        """Index an item the chair has left, or a meeting that has ended, in the
        background: off the typing path, which writes only the minutes."""
        if self.store.readonly:
            return

        def index() -> None:
            try:
                if meeting_id is not None:
                    self.store.search.index_meeting(meeting_id)
                elif item_id is not None:
                    self.store.search.index_item(item_id)
            except StoreError:
                pass  # as catch_up: the next open indexes what this missed

        self.run_worker(index, thread=True, name="search-index", exit_on_error=False)

    _watchdog: threading.Timer | None = None
    _signal_loop: asyncio.AbstractEventLoop | None = None
    _watching = False

    def watch_for_exit(self) -> None:
        """From now on SIGTERM, SIGHUP or the window closing ends the process within
        a second, saving first. Called before the app runs (tui/run.py), so a signal
        while it starts is not missed, and again on mount (a no-op by then).

        The handlers are Python's own, not the loop's: when the terminal has gone,
        the loop can be stuck in a write to it, and a loop handler would then never
        run; these start the watchdog regardless. The terminal itself is looked at
        every ``TERMINAL_WATCH_S``: a hung-up terminal with no SIGHUP delivered (a
        shell that ignores it, a process outside the terminal's foreground group)
        is the window closing all the same."""
        if self._watching:
            return
        self._watching = True
        for sig in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(ValueError):  # not the main thread: nothing to do
                signal.signal(sig, self._signal_received)
        if _is_terminal():
            threading.Thread(
                target=self._watch_terminal, name="terminal-watch", daemon=True
            ).start()

    def _watch_terminal(self) -> None:
        while not _hung_up():
            time.sleep(TERMINAL_WATCH_S)
        self._signal_received(signal.SIGHUP, None)

    def _signal_received(self, signum: int, frame: object) -> None:
        self._start_watchdog()
        if self._signal_loop is None:  # still starting: the watchdog saves and ends it
            return
        with contextlib.suppress(RuntimeError):  # the loop has closed: the watchdog ends it
            self._signal_loop.call_soon_threadsafe(self._on_terminate_signal)

    def _start_watchdog(self) -> None:
        # With the terminal gone, Textual's way out can block for ever on writing
        # to it (its output queue fills and nothing drains it), and its input
        # thread spins on a dead descriptor. Whatever happens, the process saves
        # and is gone within a second of the signal.
        if self._watchdog is None:
            self._watchdog = threading.Timer(EXIT_WITHIN_S, self._exit_now)
            self._watchdog.daemon = True
            self._watchdog.start()

    def _on_terminate_signal(self) -> None:
        # The terminal closed or we were asked to stop: let keys already typed
        # reach the editor, save, then leave cleanly.
        self._start_watchdog()
        if self._terminating is None:
            self._terminating = asyncio.get_running_loop().create_task(self._save_and_exit())

    async def _save_and_exit(self) -> None:
        deadline = time.monotonic() + 0.4
        while _unread_input() and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.02)  # the driver's thread has read them: let them land
        self.save_all()
        self.store.close()  # checkpointed: nothing is left for the way out to lose
        if _terminal_gone():
            # The window was closed: there is no terminal to restore, and writing
            # to it is what blocks Textual's way out. Saved and closed: leave now.
            os._exit(0)
        self.exit(0)

    def _exit_now(self) -> None:
        """The last resort, on a thread: save what can be saved and end the process,
        whatever the saving does. Closing checkpoints the file, and a checkpoint
        waits (SQLite's busy timeout) while another process reads it, so both are
        given at most ``LAST_SAVE_S`` and the process then ends regardless:
        minutes typed are already saved within half a second."""

        def save() -> None:
            with contextlib.suppress(Exception):
                self.save_all()
            with contextlib.suppress(Exception):
                self.store.close()

        saving = threading.Thread(target=save, name="last-save", daemon=True)
        saving.start()
        saving.join(LAST_SAVE_S)
        os._exit(0)

    def save_all(self) -> list[str]:
        """Ask every open screen that holds unsaved work to write it now; what could
        not be saved, as the chair would name it ("the minutes of item 3")."""
        unsaved: list[str] = []
        for saver, label in list(self._still_saving):
            if saver.flush():
                saver.close()
                self._still_saving.remove((saver, label))
            else:
                unsaved.append(label)
        for screen in self._open_screens():
            flush = getattr(screen, "flush", None)
            if not callable(flush):
                continue
            try:
                saved = flush() is not False
            except Exception:  # noqa: BLE001 - every screen gets its chance
                saved = False
            if not saved:
                name = getattr(screen, "unsaved_label", None)
                unsaved.append(name() if callable(name) else "typed text")
        return unsaved

    def _open_screens(self) -> list[Screen[object]]:
        """Every screen on every section's stack (sections not yet visited have none)."""
        screens: list[Screen[object]] = []
        for mode in (self.DEFAULT_MODE, *self.MODES):
            with contextlib.suppress(KeyError):
                screens.extend(self.get_screen_stack(mode))
        return screens

    def keep_saving(self, saver: MinutesSaver, label: str) -> None:
        """Take over a screen's autosave when the chair leaves it with text unsaved
        (a full disk): it goes on retrying, and quitting still asks about it."""
        self._still_saving.append((saver, label))

    async def action_quit(self) -> None:
        unsaved = self.save_all()
        if unsaved:
            self._ask_before_quitting(
                f"Not saved: {', '.join(unsaved)} (the disk may be full, or the file "
                "locked or moved). Quit anyway and lose it? n stays: free some space, or "
                "copy the text, and save again.",
                return_code=1,
            )
            return
        live = [] if self.store.readonly else self.store.dashboard.live_titles()
        if live:
            self._ask_before_quitting(
                f"{self.store.register.redacted(live[0])} is live. Quit Quorate? Everything is "
                "saved; the meeting stays live, and s on it resumes.",
                return_code=0,
            )
            return
        self.exit(0)

    def _ask_before_quitting(self, question: str, *, return_code: int) -> None:
        from screens.widgets.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_all()
                self.exit(return_code=return_code)

        self.push_screen(ConfirmScreen(question), answered)

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, WorkerFailed) and isinstance(error.error, Exception):
            error = error.error  # a worker's error is handled as if raised here
        if isinstance(error, StoreError) and not isinstance(error, InvalidValue):
            # A one-sentence problem with the file (damaged, locked, disk full):
            # not a crash; say it and leave.
            with contextlib.suppress(Exception):
                self.save_all()
            self.refused = str(error)
            # An ordinary exit (the screens close, the terminal is restored):
            # nothing here is broken but the file.
            self.exit(return_code=2)
            return
        # Textual's own handler prints the traceback with local variables, which
        # may hold a child's name: see tui/crash.py.
        with contextlib.suppress(Exception):
            self.save_all()
        report = crashed(error, self.crash_dir)
        self.crash_log, self.crashed = report.log, True
        super()._handle_exception(report)

    # -- navigation ----------------------------------------------------------------

    def get_default_screen(self) -> Screen[object]:
        return DashboardScreen()

    def action_section(self, name: str) -> None:
        """A section's key shows that section's first screen (its list), wherever the
        chair left it: the screens opened from the list close, each saving first."""
        if name not in self.MODES and name != self.DEFAULT_MODE:
            return
        if self.current_mode != name:
            self.switch_mode(name)
        self._back_to_section_list()

    def _back_to_section_list(self) -> None:
        """Close the screens above the section's list, top first, as Back would. Not
        while one is a dialog or a form (it holds a question or typed text), nor when
        one cannot save what was typed in it: then the chair is told, and stays."""
        from textual.screen import ModalScreen

        above = self.screen_stack[1:]
        if not above or any(isinstance(s, ModalScreen) for s in above):
            return
        for screen in above:
            flush = getattr(screen, "flush", None)
            if callable(flush) and flush() is False:
                self.notify(
                    "Not saved yet (the disk may be full, or the file locked or moved), "
                    "so this screen stays open. Press escape to leave it and choose.",
                    severity="warning",
                )
                return

        self.screen_stack[0].pop_until_active()

    def action_settings(self) -> None:
        from screens.directory.settings import SettingsForm

        if self.store.readonly:
            self.notify(
                "This file is open read-only, so its settings cannot be changed.",
                severity="warning",
            )
            return
        if isinstance(self.screen, SettingsForm):
            return

        def saved(result: object) -> None:
            if result:
                self.sub_title = self.store.settings.heading().partnership_name
                self.notify("Settings saved.")
                # The screen below reloads as it resumes (its figures, its marking).

        self.push_screen(SettingsForm(self.store), saved)

    def action_search(self) -> None:
        """``/``: one search across the whole record."""
        from textual.screen import ModalScreen

        from screens.search.search import SearchScreen

        if isinstance(self.screen, (SearchScreen, ModalScreen)):
            return
        self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from screens.common.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Every key that is live on this screen is also a palette command, so the
        # palette and the keys always run the same actions.
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"Key: {binding.key_display or key}",
                partial(self._run_binding, active.node, binding.action),
            )
        yield from super().get_system_commands(screen)

    def _run_binding(self, node: object, action: str) -> None:
        self.call_later(self.run_action, action, node)


def _load_models() -> None:
    # Imported for their side effect, off the UI thread: the models (any screen
    # but the dashboard) and sqlite-utils (the first write: 40 ms otherwise).
    import sqlite_utils  # noqa: F401

    import store.domain.models  # noqa: F401

    # and the store's parts the dashboard did not need (store/__init__.py)
    from store import (  # noqa: F401
        actions,
        attendance,
        decisions,
        escalations,
        live,
        record,
        register,
        reviews,
    )


def _terminal_gone() -> bool:
    """Whether the terminal hung up (its window closed): every call on it then fails."""
    try:
        import termios

        termios.tcgetattr(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError, ImportError) as exc:
        return not isinstance(exc, (AttributeError, ImportError, ValueError))
    except Exception:  # noqa: BLE001 - termios.error: EIO on a hung-up terminal
        return True
    return False


def _is_terminal() -> bool:
    try:
        return os.isatty(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):
        return False


def _hung_up() -> bool:
    """Whether the terminal we started on has hung up: its window closed. (Only
    EIO counts: a terminal that is merely busy, or stdin that was never one, is
    not a closed window.)"""
    import errno
    import termios

    try:
        termios.tcgetattr(sys.stdin.fileno())
    except termios.error as exc:
        return bool(exc.args) and exc.args[0] == errno.EIO
    except (OSError, ValueError):
        return True  # stdin closed under us
    return False


def _unread_input() -> int:
    """Bytes typed at the terminal that the app has not read yet."""
    try:
        import fcntl
        import termios

        buffer = bytearray(4)
        fcntl.ioctl(sys.stdin.fileno(), termios.FIONREAD, buffer)
        return int.from_bytes(buffer, sys.byteorder)
    except (OSError, ValueError, AttributeError, ImportError):
        return 0
