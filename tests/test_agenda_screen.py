"""The agenda editor and the paste screen: the keys a chair presses, then what the store holds."""

from __future__ import annotations

import datetime as dt
from itertools import takewhile
from pathlib import Path
from typing import Any

from textual import events
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from screens.meetings.agenda import AgendaItemForm, AgendaScreen
from screens.meetings.paste_agenda import PasteAgendaScreen, span
from screens.widgets.confirm import ConfirmScreen
from store.domain.models import MeetingKind, Purpose
from tests.appkit import SIZE, choose, notices, press, sample_app, steps, type_text
from tui.app import QuorateApp

FIXTURE = Path(__file__).parent / "fixtures" / "learning_event_agenda.txt"
LEARNING_EVENT_MINUTES = [20, 5, 10, 25, 20, 10, 60, 20, 50, 15, 5]
JUNK_PASTE = """Agenda
1. Welcome and apologies (5 mins)
2. Neglect strategy refresh - for decision - presented by Dr Marsh (20 mins)
3. ???
4. Section 11 audit findings (JO) - 15 mins
5. Feedback from the learning event - to note - presented by Zed Quill
"""


def meeting_of(app: QuorateApp, kind: MeetingKind) -> int:
    """The soonest upcoming sample meeting of this kind."""
    return next(m.id or 0 for m in app.store.meetings.all() if m.kind is kind)


def new_meeting(app: QuorateApp, kind: MeetingKind = MeetingKind.LEARNING_EVENT) -> int:
    meeting = app.store.meetings.add(
        title="Neglect Learning Event: Spring",
        kind=kind,
        series=str(kind),
        date="2027-03-18",
        start_time="10:00",
        standard_agenda=False,
    )
    return meeting.id or 0


async def open_agenda(pilot: Pilot[Any], meeting_id: int) -> AgendaScreen:
    pilot.app.push_screen(AgendaScreen(meeting_id))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


def highlight(screen: AgendaScreen, item_id: int) -> None:
    table = screen.query_one("#agenda-items", DataTable)
    table.move_cursor(row=table.get_row_index(str(item_id)))


async def paste(pilot: Pilot[Any], text: str) -> PasteAgendaScreen:
    """Paste as the terminal does (the app forwards it to the focused widget), then
    wait for the preview: it follows the text after a short pause."""
    screen = pilot.app.screen
    assert isinstance(screen, PasteAgendaScreen)
    pilot.app.post_message(events.Paste(text))
    for _ in range(200):
        await pilot.pause(0.02)
        if screen.text_area.text and screen.previewed == screen.text_area.text:
            return screen
    raise AssertionError("the preview never caught up with the text")


def shown(screen: PasteAgendaScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).render())


async def messages(pilot: Pilot[Any]) -> list[str]:
    return await notices(pilot)


# -- the agenda editor ---------------------------------------------------------------


async def test_add_an_item_after_the_highlighted_one(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    before = app.store.agenda.items(board)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(pilot, board)
        await press(pilot, "down", "down", "down", "down", "n")  # on item 5
        assert isinstance(app.screen, AgendaItemForm)
        await type_text(pilot, "Elective home education [update]")
        await press(pilot, "tab")
        await choose(pilot, "For decision")
        await press(pilot, "tab")
        await choose(pilot, "Joanne")
        await press(pilot, "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "25")
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        table = screen.query_one("#agenda-items", DataTable)
        row = table.get_row_at(table.cursor_row)
        assert (row[0].plain, row[1], row[2].plain) == (
            "6",
            "14:40",
            "Elective home education [update]",
        )
    after = app.store.agenda.items(board)
    new = after[5]
    joanne = next(p for p in app.store.directory.people() if p.name == "Joanne Okafor")
    assert (new.title, new.purpose, new.presenter_id, new.planned_minutes, new.standing) == (
        "Elective home education [update]",
        Purpose.DECISION,
        joanne.id,
        25,
        False,
    )
    assert [it.id for it in after] == [it.id for it in before[:5]] + [new.id] + [
        it.id for it in before[5:]
    ]
    assert [it.position for it in after] == list(range(1, len(before) + 2))


async def test_a_bad_number_of_minutes_shows_under_the_field(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    before = app.store.agenda.items(board)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, board)
        await press(pilot, "n")
        await type_text(pilot, "Budget")
        await press(pilot, "tab", "tab", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "ten")
        await press(pilot, "ctrl+s")
        form = app.screen
        assert isinstance(form, AgendaItemForm)
        assert str(form.query_one("#error-planned_minutes", Static).render()) == (
            "a whole number is needed"
        )
        assert form.query_one("#field-planned_minutes", Input).has_focus
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "900")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AgendaItemForm)
        assert "600" in str(form.query_one("#error-planned_minutes", Static).render())
        await press(pilot, "escape", "y")  # asked first: something was typed
        assert isinstance(app.screen, AgendaScreen)
    assert app.store.agenda.items(board) == before


async def test_edit_an_item_with_enter(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    item = app.store.agenda.items(board)[6]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(pilot, board)
        highlight(screen, item.id or 0)
        await press(pilot, "enter")
        assert isinstance(app.screen, AgendaItemForm)
        await press(pilot, "ctrl+a", "ctrl+k")
        await type_text(pilot, "Neglect Strategy: one year on")
        await press(pilot, "tab", "tab", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "30")
        await press(pilot, "tab")
        await choose(pilot, "Yes")
        await press(pilot, "ctrl+s")
        assert app.screen is screen and screen.selected_id() == item.id
    edited = app.store.agenda.item(item.id or 0)
    assert (edited.title, edited.planned_minutes, edited.standing) == (
        "Neglect Strategy: one year on",
        30,
        True,
    )
    assert (edited.position, edited.purpose, edited.presenter_id) == (
        item.position,
        item.purpose,
        item.presenter_id,
    )


async def test_shift_up_and_down_move_the_item_and_the_cursor_follows(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    ids = [it.id for it in app.store.agenda.items(board)]
    moving = ids[6]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(pilot, board)
        highlight(screen, moving or 0)
        await press(pilot, "shift+up", "shift+up")
        assert screen.selected_id() == moving
        assert [it.id for it in app.store.agenda.items(board)][4] == moving
        await press(pilot, "shift+down")
        assert screen.selected_id() == moving
        # At the top there is nowhere to go: the key is dimmed and does nothing.
        highlight(screen, ids[0] or 0)
        assert screen.check_action("move_up", ()) is None
        await press(pilot, "shift+up")
    agenda = app.store.agenda.items(board)
    expected = [*ids[:5], moving, ids[5], *ids[7:]]
    assert [it.id for it in agenda] == expected
    assert [it.position for it in agenda] == list(range(1, len(ids) + 1))


async def test_remove_asks_first(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    odd = app.store.agenda.add(board, position=3, title="Odd [/b] title [bold]")
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        screen = await open_agenda(pilot, board)
        highlight(screen, odd.id or 0)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert app.store.agenda.item(odd.id or 0).title == "Odd [/b] title [bold]"
        await press(pilot, "delete", "y")
        assert app.screen is screen
        # The cursor goes to the item that took its place.
        assert screen.selected_id() == app.store.agenda.items(board)[2].id
        assert "Removed “Odd [/b] title [bold]”." in (await messages(pilot))
    agenda = app.store.agenda.items(board)
    assert odd.id not in [it.id for it in agenda]
    assert [it.position for it in agenda] == list(range(1, len(agenda) + 1))


async def test_standard_running_order_on_an_empty_meeting(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting = new_meeting(app, MeetingKind.EXECUTIVE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(pilot, meeting)
        assert screen.query_one("#agenda-items", DataTable).row_count == 0
        await press(pilot, "t")
        assert app.screen is screen  # nothing to confirm on an empty agenda
        assert screen.query_one("#agenda-items", DataTable).row_count == 6
        # Now it has standing items: asked first, and "n" leaves it alone.
        await press(pilot, "t")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
    agenda = app.store.agenda.items(meeting)
    assert [it.title for it in agenda] == [t.title for t in app.store.agenda.standard_items()]
    assert all(it.standing for it in agenda)


async def test_make_standing_items_the_standard(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    event = meeting_of(app, MeetingKind.LEARNING_EVENT)  # no standing items
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    standard = app.store.agenda.standard_items()
    app.store.agenda.add(board, position=3, title="Voice of the child", standing=True)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_agenda(pilot, event)
        await press(pilot, "ctrl+t")
        assert app.store.agenda.standard_items() == standard
        assert any("mark at least one item as standing" in m for m in (await messages(pilot)))
        await press(pilot, "escape")
        screen = await open_agenda(pilot, board)
        # Not in the footer (no room), so it must be in the palette and the ? list.
        live = {a.binding.description for a in screen.active_bindings.values() if a.enabled}
        assert "Make standing items the standard" in live
        await press(pilot, "ctrl+t")
    titles = [t.title for t in app.store.agenda.standard_items()]
    assert titles == [it.title for it in app.store.agenda.items(board) if it.standing]
    assert "Voice of the child" in titles


async def test_read_only_file_dims_every_writing_key(tmp_path: Path) -> None:

    app = sample_app(tmp_path, readonly=True)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)
    before = app.store.agenda.items(board)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agenda(pilot, board)
        await press(pilot, "down", "down")
        for action in ("new", "edit", "remove", "move_up", "move_down", "paste", "standard"):
            assert screen.check_action(action, ()) is None, action
        assert screen.check_action("make_standard", ()) is None
        await press(pilot, "n", "shift+up", "t", "v")
        assert app.screen is screen
    assert app.store.agenda.items(board) == before


# -- pasting an agenda ---------------------------------------------------------------


async def test_paste_the_learning_event_agenda(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting = new_meeting(app)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        agenda = await open_agenda(pilot, meeting)
        await press(pilot, "v")
        screen = await paste(pilot, FIXTURE.read_text())
        assert shown(screen, "paste-count") == "11 items, 240 minutes, 0 lines not understood"
        assert "the meeting will start at 12:30, not 10:00" in shown(screen, "paste-times")
        assert "Planned finish 16:30" in shown(screen, "paste-timing")
        await press(pilot, "ctrl+s")
        assert app.screen is agenda
        assert agenda.query_one("#agenda-items", DataTable).row_count == 11
        assert str(agenda.query_one("#agenda-total", Static).render()).startswith(
            "Planned finish 16:30"
        )
        assert "Added 11 agenda items. The meeting now starts at 12:30." in (await messages(pilot))
    items = app.store.agenda.items(meeting)
    assert [it.planned_minutes for it in items] == LEARNING_EVENT_MINUTES
    assert (items[0].title, items[-1].title) == (
        "Arrival, registration and lunch",
        "Closing remarks",
    )
    assert app.store.meetings.get(meeting).start_time == dt.time(12, 30)


async def test_a_line_not_understood_is_shown_and_the_rest_added(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting = new_meeting(app)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_agenda(pilot, meeting)
        await press(pilot, "v")
        screen = await paste(pilot, JUNK_PASTE)
        problems = shown(screen, "paste-problems")
        assert "Lines not understood" in problems
        assert "line 4  3. ???  (no title)" in problems
        assert shown(screen, "paste-count") == "4 items, 50 minutes, 1 line not understood"
        assert screen.query_one("#paste-count").has_class("-problems")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AgendaScreen)
        notice = (await messages(pilot))[-1]
        assert "Left out 1 line not understood." in notice
        assert "No one in People matches these presenters: Zed Quill." in notice
    items = app.store.agenda.items(meeting)
    people = {p.id: p.name for p in app.store.directory.people()}
    assert [(it.title, it.planned_minutes, it.purpose) for it in items] == [
        ("Welcome and apologies", 5, Purpose.DISCUSSION),
        ("Neglect strategy refresh", 20, Purpose.DECISION),
        ("Section 11 audit findings", 15, Purpose.DISCUSSION),
        ("Feedback from the learning event", 10, Purpose.INFORMATION),
    ]
    assert [people.get(it.presenter_id) for it in items] == [
        None,
        "Dr Eleanor Marsh",
        "Joanne Okafor",
        None,
    ]
    assert app.store.meetings.get(meeting).start_time == dt.time(10, 0)  # no time in the paste


async def test_escape_adds_nothing(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting = new_meeting(app)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_agenda(pilot, meeting)
        await press(pilot, "v")
        await paste(pilot, FIXTURE.read_text())
        await press(pilot, "escape")
        assert isinstance(app.screen, AgendaScreen)
        # Nothing pasted: ctrl+s says so and stays.
        await press(pilot, "v", "ctrl+s")
        assert isinstance(app.screen, PasteAgendaScreen)
        assert "Nothing to add" in (await messages(pilot))[-1]
    assert app.store.agenda.items(meeting) == []
    assert app.store.meetings.get(meeting).start_time == dt.time(10, 0)


def agenda_rows(agenda: AgendaScreen) -> list[tuple[str, ...]]:
    """The agenda editor's rows as the chair reads them, in the preview's columns."""
    table = agenda.query_one("#agenda-items", DataTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    # No., Start, Item, Mins, Purpose, Presenter
    return [(r[0], r[1], r[2], r[5], r[3], r[4]) for r in rows]


async def paste_and_add(
    tmp_path: Path, meeting: int | None, *keys: str
) -> tuple[QuorateApp, PasteAgendaScreen, list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Paste the learning event agenda, press ``keys``, add it: the screen, the preview's
    rows, and the agenda's rows after ctrl+s."""
    app = sample_app(tmp_path)
    mid = new_meeting(app) if meeting is None else meeting
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        agenda = await open_agenda(pilot, mid)
        await press(pilot, "v")
        screen = await paste(pilot, FIXTURE.read_text())
        await press(pilot, *keys)
        preview = list(screen.rows)
        await press(pilot, "ctrl+s")
        assert app.screen is agenda
        return app, screen, preview, agenda_rows(agenda)


async def test_the_preview_is_the_agenda_added_on_an_empty_meeting(tmp_path: Path) -> None:
    _, _, preview, added = await paste_and_add(tmp_path, None)
    assert preview == added
    assert added[0][:3] == ("1", "12:30", "Arrival, registration and lunch")
    assert added[-1][:3] == ("11", "16:25", "Closing remarks")


async def test_the_preview_is_the_agenda_added_around_standing_items(tmp_path: Path) -> None:
    # The executive's standing items: the pasted ones go before any other business.
    app = sample_app(tmp_path)
    executive = meeting_of(app, MeetingKind.EXECUTIVE)
    before = app.store.agenda.items(executive)
    assert before and before[-1].standing
    _, _, preview, added = await paste_and_add(tmp_path, executive)
    assert preview == added
    assert len(added) == len(before) + 11
    pasted = [row for row in added if row[2] == "Arrival, registration and lunch"]
    closing = len(list(takewhile(lambda it: it.standing, reversed(before))))
    assert added[-1][2] == before[-1].title
    assert int(pasted[0][0]) == len(before) - closing + 1
    # The meeting keeps its start unless the chair asks: the pasted times are not kept.
    assert app.store.meetings.get(executive).start_time == before_start(app, executive)


def before_start(app: QuorateApp, meeting: int) -> dt.time:
    return app.store.meetings.get(meeting).start_time


async def test_pasted_clock_times_are_offered_and_the_moves_said(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    executive = meeting_of(app, MeetingKind.EXECUTIVE)
    was = app.store.meetings.get(executive).start_time
    before = app.store.agenda.items(executive)
    closing = len(list(takewhile(lambda it: it.standing, reversed(before))))
    ahead = sum(it.planned_minutes for it in before[: len(before) - closing])
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        agenda = await open_agenda(pilot, executive)
        await press(pilot, "v")
        screen = await paste(pilot, FIXTURE.read_text())
        times = shown(screen, "paste-times")
        assert f"runs on clock times from 12:30; the meeting starts {was:%H:%M}" in times
        assert "(ctrl+t starts it at 12:30)" in times

        def ctrl_t() -> str:
            return screen.active_bindings["ctrl+t"].binding.description

        assert ctrl_t() == "Start at the pasted time"
        await press(pilot, "ctrl+t")
        times = shown(screen, "paste-times")
        assert f"the meeting will start at 12:30, not {was:%H:%M}" in times
        assert ctrl_t() == "Keep the meeting's start"  # the key says what it does now
        assert f"Every pasted time moves {span(ahead)} later" in times
        assert "items before them take" in times
        first = next(row for row in screen.rows if row[2].startswith("Arrival"))
        assert first[1] == (dt.datetime(2000, 1, 1, 12, 30) + dt.timedelta(minutes=ahead)).strftime(
            "%H:%M"
        )
        preview = list(screen.rows)
        await press(pilot, "ctrl+s")
        assert app.screen is agenda
        assert agenda_rows(agenda) == preview
        assert "The meeting now starts at 12:30." in (await messages(pilot))[-1]
    assert app.store.meetings.get(executive).start_time == dt.time(12, 30)


async def test_every_key_is_in_the_help(tmp_path: Path) -> None:
    from screens.meetings.meeting import MeetingScreen

    app = sample_app(tmp_path)
    executive = meeting_of(app, MeetingKind.EXECUTIVE)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, executive)
        await press(pilot, "question_mark")
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert any(
            line.startswith("^t ") and line.endswith("Make standing items the standard")
            for line in keys.splitlines()
        )
        for binding in AgendaScreen.BINDINGS:
            assert isinstance(binding, Binding) and binding.description in keys
        await press(pilot, "escape")
        app.push_screen(MeetingScreen(executive))
        await pilot.pause()
        await press(pilot, "question_mark")
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert any(line.split() == ["N", "Next", "in", "series"] for line in keys.splitlines())


# -- snapshots -----------------------------------------------------------------------


def test_agenda_editor_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    board = meeting_of(app, MeetingKind.PARTNERSHIP_BOARD)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_agenda(pilot, board)
        await steps("down", "down", "down", "down")(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_paste_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting = new_meeting(app)
    lines = FIXTURE.read_text().splitlines()
    text = "\n".join([*lines[:6], "25:00 Tea", *lines[6:]]) + "\n"

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_agenda(pilot, meeting)
        await press(pilot, "v")
        # Before the paste, not after: a line drawn with the cursor showing may
        # otherwise stay on screen when blinking stops (seen under CPU load).
        screen = pilot.app.screen
        assert isinstance(screen, PasteAgendaScreen)
        screen.text_area.cursor_blink = False
        await paste(pilot, text)
        await steps()(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
