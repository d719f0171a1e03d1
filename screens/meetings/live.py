"""The live meeting: the current item's minutes fill the screen; beside them the
item's clock, the projected finish, the quorum and what comes next.

Every key works while the minutes editor has focus (priority bindings), and
each is also a palette command. Minutes are autosaved by a background thread
within 0.2 s of the first unsaved keystroke, and flushed on every item change,
screen change, signal and exit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static, TextArea

from screens.actions.form import ActionForm
from screens.common.base import QuorateScreen, after_typed_keys
from screens.meetings.live_clock import LiveSide
from screens.meetings.live_dialogs import ActionChangeForm, DecisionForm, ItemPicker
from screens.meetings.live_escalations import OpenEscalations
from screens.meetings.live_item import item_record
from screens.meetings.matters_arising import MattersArising
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.keybar import KeyBar
from store.domain.agenda_times import planned_starts, project
from store.domain.errors import StoreError
from store.domain.kinds import ItemKind, MeetingStatus
from store.domain.models import AgendaItem, Meeting
from store.live import MinutesSaver

EDITOR = "minutes-editor"
# The item's words go into the search index when the chair leaves it, ends the
# meeting, or stops typing this long (looked at every QUIET_CHECK_S): never on
# the autosave, which writes only the minutes.
QUIET_INDEX_S = 20.0
QUIET_CHECK_S = 5.0


class LiveScreen(QuorateScreen):
    WRITES = frozenset({"decision", "new_action", "end_meeting", "attendance", "agree_previous"})
    CSS_PATH = "live.tcss"
    BINDINGS = [
        # The most used first: on a narrow window the bar shows as many as fit.
        Binding("ctrl+n", "next_item", "Next item", id="live-next", priority=True),
        Binding("ctrl+r", "decision", "Decision", id="live-decision", priority=True),
        Binding("ctrl+o", "new_action", "Action", id="live-action", priority=True),
        Binding("ctrl+t", "attendance", "Attendance", id="live-attendance", priority=True),
        Binding("ctrl+f", "end_meeting", "End meeting", id="live-end", priority=True),
        Binding("ctrl+g", "jump", "Go to item", id="live-jump", priority=True),
        Binding("ctrl+b", "previous_item", "Previous", id="live-previous", priority=True),
        Binding("ctrl+l", "agree_previous", "Agree last minutes", id="live-agree", priority=True),
        Binding("ctrl+s", "save", "Save", id="live-save", priority=True, show=False),
        Binding("escape", "back", "Back", id="live-back"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.item: AgendaItem | None = None
        # The meeting and its agenda as of the last item change: the clock works
        # from them every second without going back to the store (and its lock,
        # which the autosave holds while it commits).
        self._meeting: Meeting | None = None
        self._items: list[AgendaItem] = []
        self._planned_finish = dt.datetime.min  # as the agenda screen says it
        self._saver: MinutesSaver | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="live-body"):
            with Vertical(id="live-main"):
                yield Static(id="item-title")
                yield Static(id="save-problem")
                yield TextArea(id=EDITOR, soft_wrap=True, tab_behavior="focus")
                yield Static(id="item-decisions")
                yield Static(
                    "Matters arising: tab to the list; u update, c close, d re-date, "
                    "o re-assign; shift+tab back to the minutes",
                    id="matters-help",
                )
                yield MattersArising(id="matters-arising")
                yield Static(
                    "Escalations (tab to the list, minuted here): e escalate · r resolve · "
                    "c close · n raise one",
                    id="escalations-help",
                )
                yield OpenEscalations(id="open-escalations")
            yield LiveSide(id="live-side")
        yield KeyBar()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    @property
    def editor(self) -> TextArea:
        return self.query_one(f"#{EDITOR}", TextArea)

    @property
    def correcting(self) -> bool:
        """A closed meeting reopened to correct its minutes: no clocks run.
        (Read once on mount: ending the meeting leaves this screen.)"""
        return self._meeting is not None and self._meeting.status is MeetingStatus.CLOSED

    def on_mount(self) -> None:
        self._saver = self.store.live.autosave(
            on_error=self._save_failed,
            on_recovered=self._save_recovered,
        )
        meeting = self._meeting = self.store.meetings.get(self.meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            items = self.store.agenda.items(self.meeting_id)
            self.item = items[0] if items else None
            self.notify(
                "This meeting is closed: corrections to the minutes are recorded in the audit trail.",
                severity="warning",
                timeout=8,
            )
        else:
            try:
                meeting = self.store.live.start(self.meeting_id)
            except StoreError as exc:
                self.report(exc)
                self.dismiss()
                return
            self.item = self.store.agenda.item(meeting.current_item_id or 0)
        self._show_item()
        if not self.correcting:
            self.set_interval(1.0, self._tick)
        self.set_interval(QUIET_CHECK_S, self._index_after_quiet)
        self.editor.focus()
        # What exists now lives for the whole meeting: keep it out of the
        # garbage collector's full passes, which stalled a keystroke for ~100 ms.
        self.call_after_refresh(gc.freeze)

    # -- showing -----------------------------------------------------------------

    def _show_item(self) -> None:
        item = self.item
        self._meeting = self.store.meetings.get(self.meeting_id)
        items = self._items = self.store.agenda.items(self.meeting_id)
        meeting = self._meeting
        # The agenda's timetable, on the day the meeting is held (brought forward or
        # held late, its clock times still stand): the agenda screen's planned finish.
        day = meeting.date
        if meeting.started_at is not None:
            day = meeting.started_at.astimezone(self.store.clock().tzinfo).date()
        _starts, self._planned_finish = planned_starts(day, meeting.start_time, items)
        title = Text()
        if item is not None:
            title.append(f"{item.position}. ", style="bold")
            title.append(item.title, style="bold")
            title.append(f"   {item.purpose.label} · {item.planned_minutes} min")
        self.query_one("#item-title", Static).update(title)
        # load_text's Changed message arrives after this returns: the saver then
        # sees the loaded text, which save_minutes finds unchanged and skips.
        self.editor.load_text(item.minutes if item else "")
        self.editor.move_cursor(self.editor.document.end)
        self.query_one(LiveSide).show_next(item, items)
        self._show_decisions()
        self._show_quorum()
        self._tick()
        self.sub_title = self.store.register.redacted(self._meeting.title)

    def _show_decisions(self) -> None:
        """What is on record for this item so far (screens/meetings/live_item.py)."""
        text = item_record(self.store, self.meeting_id, self.item, self._items)
        self.query_one("#item-decisions", Static).update(text)
        self._show_matters_arising()

    def _show_matters_arising(self) -> None:
        self.refresh_bindings()  # ctrl+l is offered on the previous minutes' item only
        table = self.query_one("#matters-arising", MattersArising)
        on = self.item is not None and self.item.kind is ItemKind.MATTERS_ARISING
        table.display = on
        if on:
            table.load(self.store, self.meeting_id)
        # Nothing to act on: the list says so, and offers no keys.
        self.query_one("#matters-help", Static).display = on and not table.empty
        self._show_escalations()

    def _show_escalations(self) -> None:
        table = self.query_one("#open-escalations", OpenEscalations)
        on = self.item is not None and self.item.kind is ItemKind.ESCALATIONS
        table.display = on
        self.query_one("#escalations-help", Static).display = on
        if on:
            table.moving = not self.correcting and not self.store.readonly
            table.load(self.store, self.meeting_id)

    def on_open_escalations_move(self, event: OpenEscalations.Move) -> None:
        """A move made here is minuted in this meeting."""

        def done(result: Any) -> None:
            self._show_escalations()
            self.query_one("#open-escalations", OpenEscalations).focus()

        if event.kind == "raise":
            from screens.escalations.forms import RaiseForm

            self.app.push_screen(RaiseForm(self.store, self.meeting_id), done)
            return
        from screens.escalations.escalation import open_form

        escalation = self.store.escalations.get(event.escalation_id or 0)
        open_form(self, event.kind, escalation, self.meeting_id, done)

    def on_matters_arising_change(self, event: MattersArising.Change) -> None:
        def done(result: Any) -> None:
            self._show_decisions()
            self.query_one("#matters-arising", MattersArising).focus()

        self.app.push_screen(
            ActionChangeForm(self.store, self.meeting_id, event.action_id, event.mode), done
        )

    def _show_quorum(self) -> None:
        self.query_one(LiveSide).show_quorum(self.store.attendance.quorum(self.meeting_id))

    def _tick(self) -> None:
        side = self.query_one(LiveSide)
        if self.correcting:
            side.show_correcting()
        elif self._meeting is not None:
            side.show_clock(
                project(self._meeting, self._items, self.store.clock()), self._planned_finish
            )

    # -- typing --------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.item is None or self._saver is None:
            return
        self._saver.changed(self.item.id or 0, event.text_area.text)
        self._typed_at = time.monotonic()

    def flush(self) -> bool:
        """Write the minutes now (item change, screen change, signal, exit); False
        when some are still unsaved (a full disk, a locked file).

        The editor's text is taken directly: a key such as ctrl+n can be handled
        before the Changed message of the keystroke just before it arrives.
        """
        if self._saver is None:
            return True
        if self.item is not None and self.is_mounted:
            self._saver.changed(self.item.id or 0, self.editor.text)
        return self._saver.flush()

    def _save_failed(self, error: StoreError) -> None:
        # On the saver's thread; the app may be on its way out.
        with contextlib.suppress(Exception):
            self.app.call_from_thread(self._show_save_problem, str(error))

    def _save_recovered(self) -> None:
        with contextlib.suppress(Exception):
            self.app.call_from_thread(self._show_save_problem, None)

    def _show_save_problem(self, problem: str | None) -> None:
        """One warning that stays while the minutes cannot be saved."""
        warning = self.query_one("#save-problem", Static)
        if problem is not None:
            warning.update(
                Text(
                    f"NOT SAVED: {problem} What you type stays here and is saved as soon "
                    "as it can be."
                )
            )
        warning.display = problem is not None

    def unsaved_label(self) -> str:
        """What a failed flush leaves unsaved, for the question before quitting."""
        item = self.item
        return f"the minutes of item {item.position}" if item is not None else "the minutes"

    @after_typed_keys
    def action_save(self) -> None:
        self.flush()
        self.notify("Saved.", timeout=2)

    def on_screen_suspend(self) -> None:
        self.flush()

    def on_screen_resume(self) -> None:
        if self.item is not None:
            self._show_quorum()
            self._show_decisions()

    def on_unmount(self) -> None:
        if self._saver is not None:
            self._saver.close()
        gc.unfreeze()

    # -- the search index: an item's words are indexed when the chair leaves it ---------

    def _index_left_item(self) -> None:
        if self.item is not None and self.item.id is not None:
            self._index_later(item_id=self.item.id)

    _typed_at: float | None = None  # when the minutes last changed, not yet indexed

    def _index_after_quiet(self) -> None:
        """The item's words indexed once the typing has paused ``QUIET_INDEX_S``."""
        if self._typed_at is not None and time.monotonic() - self._typed_at >= QUIET_INDEX_S:
            if self.flush() is not False:
                self._typed_at = None
                self._index_left_item()

    def _index_later(self, **which: int) -> None:
        index = getattr(self.app, "index_later", None)
        if callable(index):
            index(**which)

    # -- moving ------------------------------------------------------------------------

    def _go(self, item: AgendaItem | None) -> None:
        if item is None:
            return
        self.flush()
        self._index_left_item()
        # Read after the flush, so the minutes are as just saved; live, go_to_item
        # returns the item as it now stands (its clock started).
        item_id = item.id or 0
        self.item = (
            self.store.agenda.item(item_id)
            if self.correcting
            else self.store.live.go_to(self.meeting_id, item_id)
        )
        self._show_item()

    def _step(self, by: int) -> None:
        items = self._items
        ids = [it.id for it in items]
        index = ids.index(self.item.id) if self.item and self.item.id in ids else -1
        if 0 <= index + by < len(items):
            self._go(items[index + by])
        else:
            self.notify(
                "That was the last item." if by > 0 else "This is the first item.", timeout=3
            )

    @after_typed_keys
    def action_next_item(self) -> None:
        self._step(1)

    @after_typed_keys
    def action_previous_item(self) -> None:
        self._step(-1)

    def action_jump(self) -> None:
        items = self._items

        def chosen(item_id: int | None) -> None:
            if item_id is not None:
                self._go(self.store.agenda.item(item_id))
            self.editor.focus()

        self.app.push_screen(ItemPicker(items, self.item.id if self.item else None), chosen)

    def action_decision(self) -> None:
        if self.item is None:
            return

        def saved(result: Any) -> None:
            self._show_decisions()
            self.editor.focus()

        self.app.push_screen(DecisionForm(self.store, self.meeting_id, self.item.id), saved)

    def action_new_action(self) -> None:
        if self.item is None:
            return

        def saved(action_id: int | None) -> None:
            if action_id:
                self.notify(
                    f"Action {self.store.actions.get(action_id).reference} raised.", timeout=3
                )
            self._show_decisions()
            self.editor.focus()

        self.app.push_screen(
            ActionForm(self.store, meeting_id=self.meeting_id, item_id=self.item.id), saved
        )

    def action_agree_previous(self) -> None:
        from screens.meetings.agree import AgreeMinutesForm

        previous = self.store.record.previous(self.meeting_id)
        if previous is None:
            self.notify("No earlier meeting of this series is on record.", severity="warning")
            return
        if self.store.record.agreement(previous.id or 0) is not None:
            self.notify("Those minutes are already agreed.", severity="warning")
            return

        def agreed(result: int | None) -> None:
            if result:
                self.notify("The previous minutes are agreed as an accurate record.", timeout=3)
            self._show_decisions()
            self.editor.focus()

        self.app.push_screen(
            AgreeMinutesForm(self.store, previous.id or 0, at_meeting_id=self.meeting_id), agreed
        )

    def action_attendance(self) -> None:
        from screens.meetings.attendance import AttendanceScreen

        self.app.push_screen(AttendanceScreen(self.meeting_id))

    def action_end_meeting(self) -> None:
        if self.correcting:
            self.flush()
            self._index_later(meeting_id=self.meeting_id)
            self.dismiss()
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.editor.focus()
                return
            self.flush()
            meeting = self.store.live.end(self.meeting_id)
            self._index_later(meeting_id=self.meeting_id)
            self.notify(f"Meeting ended at {meeting.ended_at:%H:%M}.")
            self.dismiss()

        unopened = [i for i in self.store.agenda.items(self.meeting_id) if i.started_at is None]
        question = "End the meeting now?"
        if unopened:
            listed = "; ".join(f"{i.position}. {i.title}" for i in unopened[:6])
            more = f" and {len(unopened) - 6} more" if len(unopened) > 6 else ""
            question = (
                f"End the meeting now? {len(unopened)} item{'s were' if len(unopened) > 1 else ' was'} "
                f"never opened: {listed}{more}."
            )
        unmarked = self.store.attendance.unmarked(self.meeting_id)
        if unmarked:
            names = ", ".join(self.store.directory.person(r.person_id).name for r in unmarked[:6])
            more = f" and {len(unmarked) - 6} more" if len(unmarked) > 6 else ""
            question += (
                f" Not marked present or with apologies, so recorded as absent: {names}{more}."
            )
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_back(self) -> None:
        if self.flush():
            self._index_left_item()
            self.dismiss()
            return
        # Not saved (a full disk, a locked or moved file): leaving must not drop it.
        label = self.unsaved_label()

        def answered(yes: bool | None) -> None:
            if not yes:
                self.editor.focus()
                return
            saver, self._saver = self._saver, None
            if saver is not None:
                keep = getattr(self.app, "keep_saving", None)
                if callable(keep):
                    keep(saver, label)
            self.dismiss()

        self.app.push_screen(
            ConfirmScreen(
                f"{label.capitalize()} could not be saved. Leave the editor anyway? The text "
                "is kept and saved as soon as the file can take it, and q still asks "
                "about it. (n: stay here)"
            ),
            answered,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "agree_previous" and (
            self.item is None or self.item.kind is not ItemKind.PREVIOUS_MINUTES or self.correcting
        ):
            return False
        if (
            action in {"decision", "new_action", "attendance"}
            and self.is_mounted
            and self.correcting
        ):
            return None
        return super().check_action(action, parameters)
