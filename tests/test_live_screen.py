"""The live meeting screen: keys a chair presses while the minutes editor has focus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from screens.meetings.live import LiveScreen
from screens.meetings.meeting import MeetingScreen
from tests.appkit import SIZE, choose, notices, press, sample_app, steps, type_text
from tests.conftest import Clock
from tui.app import QuorateApp

START = dt.datetime(2026, 12, 10, 14, 0, tzinfo=dt.UTC)


def board_app(tmp_path: Path, clock: Clock) -> tuple[QuorateApp, int]:
    app = sample_app(tmp_path, clock=clock)
    board = next(
        m
        for m in app.store.meetings.all()
        if m.title.endswith("Partnership Board") and m.status.value == "planned"
    )
    return app, board.id or 0


async def open_live(pilot: Pilot[Any], meeting_id: int) -> None:
    from screens.widgets.confirm import ConfirmScreen

    pilot.app.push_screen(MeetingScreen(meeting_id))
    await pilot.pause()
    await press(pilot, "s")
    if isinstance(pilot.app.screen, ConfirmScreen):  # before its day, or not quorate
        await press(pilot, "y")


async def test_minutes_decisions_and_moving_between_items(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        assert isinstance(app.screen, LiveScreen)
        editor = app.screen.query_one("#minutes-editor", TextArea)
        assert editor.has_focus
        editor.insert("HA welcomed members. Apologies as listed.")
        clock.advance(6)
        await press(pilot, "ctrl+n")
        editor.insert("No declarations [of interest] were made.")
        await press(pilot, "ctrl+r")
        await pilot.press(*"Noted")
        await press(pilot, "enter")
        assert editor.has_focus, "after a decision the chair is back in the minutes"
        clock.advance(4)
        await press(pilot, "ctrl+b")
        assert editor.text == "HA welcomed members. Apologies as listed."
        editor.insert(" Welcome to new members.")
        clock.advance(1)
        await press(pilot, "ctrl+g", "4", "enter")
        assert app.store.meetings.get(mid).current_item_id == app.store.agenda.items(mid)[3].id
        clock.advance(2)
        await press(pilot, "ctrl+f", "y")
        assert isinstance(app.screen, MeetingScreen)
    items = app.store.agenda.items(mid)
    assert items[0].minutes == "HA welcomed members. Apologies as listed. Welcome to new members."
    assert items[1].minutes == "No declarations [of interest] were made."
    assert [d.text for d in app.store.decisions.of_meeting(mid)] == ["Noted"]
    assert app.store.decisions.of_meeting(mid)[0].item_id == items[1].id
    meeting = app.store.meetings.get(mid)
    assert meeting.status.value == "closed"
    assert (meeting.started_at, meeting.ended_at) == (START, START + dt.timedelta(minutes=13))
    assert items[0].started_at == START and items[0].elapsed_seconds == 7 * 60
    assert (
        items[1].started_at == START + dt.timedelta(minutes=6)
        and items[1].elapsed_seconds == 4 * 60
    )
    assert items[3].elapsed_seconds == 2 * 60 and items[2].started_at is None


async def test_leaving_the_screen_saves_at_once(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        editor = app.screen.query_one("#minutes-editor", TextArea)
        editor.insert("Typed just before leaving")
        await press(pilot, "escape")  # no wait for the autosave's deadline
        assert app.store.agenda.items(mid)[0].minutes == "Typed just before leaving"
        await press(pilot, "s")  # resume: the same item, the text still there
        assert app.screen.query_one("#minutes-editor", TextArea).text == "Typed just before leaving"


async def test_overrun_and_projected_finish_show(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        clock.advance(8)  # the first item is planned for 5 minutes
        app.screen._tick()  # the interval would do this within a second
        clock_widget = app.screen.query_one("#item-clock", Static)
        assert clock_widget.has_class("-overrun")
        assert "3:00 over" in str(clock_widget.render())
        finish = str(app.screen.query_one("#meeting-finish", Static).render())
        assert finish == "Planned finish 16:00\nProjected 16:03 (3 min over)", finish


async def test_a_closed_meeting_can_be_reopened_and_corrections_are_audited(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        app.screen.query_one("#minutes-editor", TextArea).insert("First draft")
        await press(pilot, "ctrl+f", "y")
        assert app.screen.check_action("start", ()) is False  # not offered once closed
        await press(pilot, "r")
        assert isinstance(app.screen, LiveScreen) and app.screen.correcting
        editor = app.screen.query_one("#minutes-editor", TextArea)
        assert editor.text == "First draft"
        editor.insert(" (corrected)")
        await press(pilot, "escape")
    item = app.store.agenda.items(mid)[0]
    assert item.minutes == "First draft (corrected)"
    trail = [
        (e.old, e.new)
        for e in app.store.audit_trail("agenda_items", item.id)
        if e.field == "minutes"
    ]
    assert trail == [("First draft", "First draft (corrected)")]
    assert app.store.meetings.get(mid).ended_at == START, "correcting does not move the end time"


def live_steps(clock: Clock, minutes: float, meeting_id: int, text: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[Any]) -> None:
        await open_live(pilot, meeting_id)
        screen = pilot.app.screen
        screen.query_one("#minutes-editor", TextArea).insert(text)
        clock.advance(minutes)
        screen._tick()  # type: ignore[attr-defined]
        await steps()(pilot)

    return run


def test_live_on_time(snap_compare: Any, tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    text = "HA welcomed members and guests.\n\n- Apologies as listed\n- Deputies noted"
    assert snap_compare(app, run_before=live_steps(clock, 2, mid, text), terminal_size=SIZE)


def test_live_overrun(snap_compare: Any, tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    assert snap_compare(
        app, run_before=live_steps(clock, 9.5, mid, "Discussion ran long."), terminal_size=SIZE
    )


async def test_raise_an_action_without_leaving_the_minutes_for_long(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+o")
        await type_text(pilot, "Circulate the revised escalation policy")
        await press(pilot, "tab")
        await choose(pilot, "Priya")
        await press(pilot, "tab", "tab")
        await pilot.press("plus", "2", "w")
        await press(pilot, "enter")
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.query_one("#minutes-editor", TextArea).has_focus
    (action,) = app.store.actions.of_meeting(mid)
    owner = app.store.directory.person(action.owner_id or 0)
    assert action.description == "Circulate the revised escalation policy"
    assert owner.name == "Priya Raman" and action.agency_id == owner.agency_id
    assert action.due == START.date() + dt.timedelta(days=14)
    assert action.item_id == app.store.agenda.items(mid)[0].id
    assert action.reference.startswith("A-2026-")


async def test_an_unreadable_due_date_is_a_message(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+o")
        await pilot.press("X")
        await press(pilot, "tab", "tab", "tab")
        await type_text(pilot, "31/02/2027")
        await press(pilot, "enter")
        error = str(app.screen.query_one("#error-due", Static).render())
        assert "February" in error
    assert app.store.actions.of_meeting(mid) == []


async def test_matters_arising_updated_closed_and_redated_with_keys(tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2027, 1, 14, 10, 0, tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    january = next(
        m
        for m in app.store.meetings.all()
        if m.series == "executive" and m.status.value == "planned"
    )
    mid = january.id or 0
    arising = app.store.actions.matters_arising(mid)
    assert arising, "sample.db has open executive actions"
    first, second = arising[0], arising[1]
    position = next(
        i.position for i in app.store.agenda.items(mid) if i.title.startswith("Matters arising")
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+g", str(position), "enter", "tab")
        assert app.focused is app.screen.query_one("#matters-arising")
        await press(pilot, "u")
        await type_text(pilot, "Report at the March meeting")
        await press(pilot, "enter")
        await press(pilot, "down", "c", "enter")
        await press(pilot, "up", "d")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "end of month")
        await press(pilot, "enter", "enter")  # enter moves to "Why"; enter there saves
    updated = app.store.actions.get(first.id or 0)
    assert updated.latest_update == "Report at the March meeting"
    assert updated.due == dt.date(2027, 1, 31)
    assert app.store.actions.get(second.id or 0).status.value == "done"
    at_meeting = {(a.reference, u.kind.value) for a, u in app.store.actions.updates_at_meeting(mid)}
    assert {
        (first.reference, "update"),
        (first.reference, "due"),
        (second.reference, "status"),
    } <= at_meeting
    assert {first.id, second.id} <= {a.id for a in app.store.actions.matters_arising(mid)}


def test_live_matters_arising(snap_compare: Any, tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2027, 1, 14, 10, 20, tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    january = next(
        m
        for m in app.store.meetings.all()
        if m.series == "executive" and m.status.value == "planned"
    )
    position = next(
        i.position for i in app.store.agenda.items(january.id or 0) if i.title.startswith("Matters")
    )

    async def run(pilot: Pilot[Any]) -> None:
        await open_live(pilot, january.id or 0)
        await press(pilot, "ctrl+g", str(position), "enter", "tab")
        await steps()(pilot)

    assert snap_compare(app, run_before=run, terminal_size=SIZE)


def burst(app: QuorateApp, text: str, *keys: str) -> None:
    """Keys as they come from a fast typist: all in the app's queue at once, none
    handled yet (Pilot's press waits for each key to be handled)."""
    from textual import events

    for ch in text:
        app.post_message(events.Key("space" if ch == " " else ch, ch))
    for key in keys:
        app.post_message(events.Key(key, None))


async def test_typing_then_ctrl_n_at_once_keeps_the_sentence_on_its_item(tmp_path: Path) -> None:
    app, mid = board_app(tmp_path, Clock(START))
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        burst(app, "Apologies as listed.", "ctrl+n")
        await pilot.pause()
        await pilot.pause()
        burst(app, "None declared.", "ctrl+b")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#minutes-editor", TextArea).text == "Apologies as listed."
        await press(pilot, "escape")
    items = app.store.agenda.items(mid)
    assert items[0].minutes == "Apologies as listed."
    assert items[1].minutes == "None declared."


async def test_typing_then_ctrl_s_at_once_saves_the_whole_decision(tmp_path: Path) -> None:
    app, mid = board_app(tmp_path, Clock(START))
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+r")
        burst(app, "Minutes agreed.", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
    assert [d.text for d in app.store.decisions.of_meeting(mid)] == ["Minutes agreed."]


async def test_the_clock_ticks_without_reading_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The autosave holds the store's lock while it commits; a tick that read the
    # file would wait for it once a second.
    from store.db.unit import Unit

    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        reads: list[str] = []
        monkeypatch.setattr(Unit, "rows", lambda self, sql, p=(): reads.append(sql) or [])
        monkeypatch.setattr(Unit, "scalar", lambda self, sql, p=(): reads.append(sql))
        clock.advance(7)
        screen._tick()
        monkeypatch.undo()
        assert reads == []
        text = str(screen.query_one("#item-clock", Static).render())
        assert text.startswith("7:00 of 5:00") and "2:00 over" in text


async def test_correcting_keeps_what_was_typed_when_moving_about(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+f", "y", "r")
        assert isinstance(app.screen, LiveScreen) and app.screen.correcting
        editor = app.screen.query_one("#minutes-editor", TextArea)
        editor.insert("Corrected welcome.")
        await press(pilot, "ctrl+g", "1", "enter")  # the same item, chosen again
        assert editor.text == "Corrected welcome."
        await press(pilot, "ctrl+n", "ctrl+b")  # away and back
        assert editor.text == "Corrected welcome."
        editor.insert(" More.")
        await press(pilot, "escape")
    assert app.store.agenda.items(mid)[0].minutes == "Corrected welcome. More."


async def test_go_to_item_takes_a_whole_number_and_ignores_other_digits(tmp_path: Path) -> None:
    """ctrl+g then 1 2: item 12 (it read each digit alone, so 12 could not be reached
    and "2" went on into the minutes); "²" (one key on AZERTY) ended the app."""
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    for n in range(len(app.store.agenda.items(mid)) + 1, 14):
        app.store.agenda.add(mid, title=f"Extra item {n}", planned_minutes=5)
    twelfth = next(i for i in app.store.agenda.items(mid) if i.position == 12)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+g", "²", "1", "2", "enter")
        assert isinstance(app.screen, LiveScreen)
        assert app.store.meetings.get(mid).current_item_id == twelfth.id
        editor = app.screen.query_one("#minutes-editor", TextArea)
        assert editor.text == twelfth.minutes


async def test_q_asks_while_a_meeting_is_live(tmp_path: Path) -> None:
    from screens.meetings.attendance import AttendanceScreen
    from screens.widgets.confirm import ConfirmScreen

    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        app.screen.query_one("#minutes-editor", TextArea).insert("Apologies noted.")
        await press(pilot, "ctrl+t")  # attendance: q is a key here, not a letter
        assert isinstance(app.screen, AttendanceScreen)
        await press(pilot, "q")
        assert isinstance(app.screen, ConfirmScreen), "a live meeting: asked first"
        await press(pilot, "n")
        assert isinstance(app.screen, AttendanceScreen) and app.is_running
        await press(pilot, "q", "y")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code in (None, 0)
    assert app.store.agenda.items(mid)[0].minutes == "Apologies noted."
    assert app.store.meetings.get(mid).status.value == "live"


async def test_q_with_minutes_not_saved_says_so_and_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screens.widgets.confirm import ConfirmScreen
    from store.domain import errors

    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)

    def full(item_id: int, text: str) -> None:
        raise errors.DiskFull("The disk is full; the change was not saved.")

    monkeypatch.setattr(app.store.live, "save_minutes", full)  # the autosave takes it on mount
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        app.screen.query_one("#minutes-editor", TextArea).insert("Text the disk refused.")
        await press(pilot, "ctrl+t", "q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Not saved: the minutes of item 1" in app.screen.question
        await press(pilot, "n")
        assert app.is_running
        await press(pilot, "q", "y")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 1


async def test_a_full_disk_shows_one_warning_that_stays_until_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.domain import errors

    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    real = app.store.live.save_minutes
    disk = {"full": True}

    def save(item_id: int, text: str) -> None:
        if disk["full"]:
            raise errors.DiskFull("The disk is full; the change was not saved.")
        real(item_id, text)

    monkeypatch.setattr(app.store.live, "save_minutes", save)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_live(pilot, mid)
        editor = app.screen.query_one("#minutes-editor", TextArea)
        editor.insert("Typed while the disk was full.")
        for _ in range(30):  # three retries' worth
            await pilot.pause(0.1)
        warning = app.screen.query_one("#save-problem", Static)
        assert warning.display and "NOT SAVED" in str(warning.render())
        assert len(await notices(pilot)) == 0, "one warning, not a notice a second"
        disk["full"] = False
        for _ in range(20):
            await pilot.pause(0.1)
            if not warning.display:
                break
        assert not warning.display
        assert app.store.agenda.items(mid)[0].minutes == "Typed while the disk was full."


async def test_starting_early_with_nobody_invited_asks_and_ending_lists_unopened_items(
    tmp_path: Path,
) -> None:
    from screens.widgets.confirm import ConfirmScreen

    clock = Clock(START - dt.timedelta(days=3))
    app, mid = board_app(tmp_path, clock)
    for record in app.store.attendance.of(mid):
        app.store.attendance.remove(mid, record.person_id)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(mid))
        await pilot.pause()
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "3 days from today" in question and "nobody is on its attendance list" in question
        planned = app.store.meetings.get(mid).date
        assert question.startswith(
            f"Start the meeting now? It is planned for {planned:%a %d %b %Y}"
        )
        await press(pilot, "n")
        assert isinstance(app.screen, MeetingScreen)
        assert app.store.meetings.get(mid).status.value == "planned"
        await press(pilot, "s", "y")
        assert isinstance(app.screen, LiveScreen)
        await press(pilot, "ctrl+f")
        assert isinstance(app.screen, ConfirmScreen)
        items = app.store.agenda.items(mid)
        assert f"{len(items) - 1} items were never opened: 2. {items[1].title}" in (
            app.screen.question
        )


async def test_a_past_due_date_is_said_first_and_shown_with_its_year(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+o")
        await type_text(pilot, "Send the audit to the Panel")
        await press(pilot, "tab")
        await choose(pilot, "Priya")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "01/01/2026")
        await press(pilot, "ctrl+s")
        error = str(app.screen.query_one("#error-due", Static).render())
        assert "Thu 1 January 2026 is in the past" in error
        assert app.store.actions.of_meeting(mid) == []
        await press(pilot, "ctrl+s")  # the chair meant it
        assert isinstance(app.screen, LiveScreen)
        shown = str(app.screen.query_one("#item-decisions", Static).render())
        assert "due 01 Jan 2026" in shown
    (action,) = app.store.actions.of_meeting(mid)
    assert action.due == dt.date(2026, 1, 1)


async def test_a_decision_is_recorded_with_its_rationale_and_who_decided(tmp_path: Path) -> None:
    app, mid = board_app(tmp_path, Clock(START))
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        item = app.store.meetings.get(mid).current_item_id
        await press(pilot, "ctrl+r")
        await type_text(pilot, "Commission an LCSPR for Child C.")
        await press(pilot, "tab")
        await type_text(pilot, "The criteria are met.")
        await press(pilot, "tab")
        await type_text(pilot, "The lead safeguarding partners")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.query_one("#minutes-editor", TextArea).has_focus
    (decision,) = app.store.decisions.of_meeting(mid)
    assert (decision.text, decision.rationale, decision.decided_by, decision.item_id) == (
        "Commission an LCSPR for Child C.",
        "The criteria are met.",
        "The lead safeguarding partners",
        item,
    )
    assert decision.made_at == START, "in the meeting: by the clock"


async def test_the_planned_finish_is_the_agendas_and_the_projection_says_how_far_off(
    tmp_path: Path,
) -> None:
    # The board is planned for 14:00 (the agenda: finish 16:00) and starts ten
    # minutes late: the agenda's finish stands, and the projection says it runs over.
    clock = Clock(START + dt.timedelta(minutes=10))
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, mid)
        finish = app.screen.query_one("#meeting-finish", Static)
        assert str(finish.render()) == "Planned finish 16:00\nProjected 16:10 (10 min over)"
        clock.advance(2)  # the first item (5 min) has 3 left: still ten over
        await press(pilot, "ctrl+n")  # the chair moves on early: the next item starts now
        assert str(finish.render()) == "Planned finish 16:00\nProjected 16:07 (7 min over)"


async def test_a_live_meeting_offers_resume_not_start(tmp_path: Path) -> None:
    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.push_screen(MeetingScreen(mid))
        await pilot.pause()
        assert app.screen.active_bindings["s"].binding.description == "Start meeting"
        await open_live(pilot, mid)
        app.screen.query_one("#minutes-editor", TextArea).insert("Welcome")
        await press(pilot, "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.active_bindings["s"].binding.description == "Resume meeting"
        assert app.screen.check_action("start", ()) is False
        await press(pilot, "s")  # no question: back to the item it was on
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.query_one("#minutes-editor", TextArea).text == "Welcome"
    assert app.store.meetings.get(mid).started_at == START


async def test_help_in_the_minutes_names_f1_not_the_question_mark(tmp_path: Path) -> None:
    from screens.common.help import HelpScreen

    clock = Clock(START)
    app, mid = board_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        rows = str(app.screen.query_one("#help-keys", Static).render()).splitlines()
        keys = {row.split()[0]: " ".join(row.split()[1:]) for row in rows}
        assert keys["f1"] == "Keys" and "?" not in keys, rows
        assert keys["^n"] == "Next item"
        await press(pilot, "escape")
        assert app.screen.query_one("#minutes-editor", TextArea).text == ""


def executive_app(tmp_path: Path) -> tuple[QuorateApp, int, int]:
    """The January executive on its day, and where its matters arising item is."""
    clock = Clock(dt.datetime(2027, 1, 14, 10, 0, tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    january = next(
        m
        for m in app.store.meetings.all()
        if m.series == "executive" and m.status.value == "planned"
    )
    mid = january.id or 0
    position = next(
        i.position for i in app.store.agenda.items(mid) if i.title.startswith("Matters arising")
    )
    return app, mid, position


async def test_matters_arising_shows_owner_and_due_beside_the_action_at_120x40(
    tmp_path: Path,
) -> None:
    from screens.meetings.matters_arising import MattersArising

    app, mid, position = executive_app(tmp_path)
    first = app.store.actions.matters_arising(mid)[0]
    owner = app.store.directory.person(first.owner_id or 0).name
    async with app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, mid)
        await press(pilot, "ctrl+g", str(position), "enter")
        table = app.screen.query_one("#matters-arising", MattersArising)
        assert app.screen.query_one("#minutes-editor", TextArea).has_focus  # not the list
        labels = [str(c.label) for c in table.ordered_columns]
        assert labels[:5] == ["Ref", "RAG", "Action", "Owner", "Due"]
        shown = sum(c.get_render_width(table) for c in table.ordered_columns[:5])
        assert shown <= table.scrollable_content_region.width, "owner and due are in sight"
        assert table.scroll_x == 0
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[:5] == [first.reference, "RED", first.description, owner, "28 Oct 2026"]


async def test_an_empty_matters_arising_list_says_so(tmp_path: Path) -> None:
    # The November CDOP had nothing arising from before it (reopened to correct).
    from textual.coordinate import Coordinate

    from screens.meetings.matters_arising import EMPTY, MattersArising

    app = sample_app(tmp_path, clock=Clock(START))
    cdop = next(m for m in app.store.meetings.all() if m.date == dt.date(2026, 11, 5))
    mid = cdop.id or 0
    assert app.store.actions.matters_arising(mid) == []
    async with app.run_test(size=(120, 40)) as pilot:
        pilot.app.push_screen(MeetingScreen(mid))
        await pilot.pause()
        await press(pilot, "r", "ctrl+g", "4", "enter")
        table = app.screen.query_one("#matters-arising", MattersArising)
        assert table.display and table.region.height == 1
        assert str(table.get_cell_at(Coordinate(0, 0))) == EMPTY
        assert not app.screen.query_one("#matters-help", Static).display, "no keys to offer"
        await press(pilot, "tab", "c")  # nothing to close
        assert isinstance(app.screen, LiveScreen)


@pytest.mark.parametrize(
    ("projected", "width", "shown"),
    [
        ("15:05", 0, "Planned finish 14:55\nProjected 15:05 (10 min over)"),
        ("14:55", 0, "Planned finish 14:55\nProjected 14:55 (on time)"),
        ("14:40", 0, "Planned finish 14:55\nProjected 14:40 (15 min early)"),
        ("16:25", 0, "Planned finish 14:55\nProjected 16:25 (1 h 30 min over)"),
        ("15:05", 24, "Planned finish 14:55\nProjected 15:05\n(10 min over)"),
    ],
)
def test_the_finish_line_reads_as_the_chair_says_it(projected: str, width: int, shown: str) -> None:
    from screens.meetings.live_clock import finish_text

    day = dt.date(2026, 12, 10)
    planned = dt.datetime.combine(day, dt.time(14, 55))  # the agenda's: no time zone
    at = dt.datetime.combine(day, dt.time.fromisoformat(projected), tzinfo=dt.UTC)
    assert str(finish_text(at, planned, width)) == shown
