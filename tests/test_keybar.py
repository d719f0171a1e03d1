"""The key bar: what it shows, when it redraws, and that a click presses the key."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from screens.meetings.agenda import AgendaScreen
from screens.meetings.meetings import MeetingsScreen
from screens.widgets.keybar import Entry, KeyBar, Shown, short_description, types
from tests.appkit import SIZE, press, sample_app


def bar_text(app: App[object]) -> str:
    return str(app.screen.query_one(KeyBar).render())


def entry(shown: Shown, description: str) -> Entry:
    return next(e for item in shown[0] for e in item.entries if e.description == description)


async def test_dashboard_bar_shows_its_keys_and_the_palette(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = bar_text(app)
        for words in ("enter Open meeting", "d Dashboard", "m Meetings", "? Keys", "q Quit"):
            assert words in text
        # Hidden keys stay out; the palette sits at the right-hand end.
        assert "Decisions" not in text and "Register" not in text
        assert text.rstrip().endswith("^p palette")
        assert len(text) == SIZE[0]


async def test_a_key_shows_once_per_action_and_groups_join(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(160, 36)) as pilot:
        await press(pilot, "m")
        assert isinstance(app.screen, MeetingsScreen)
        text = bar_text(app)
        assert text.count("Open") == 1  # enter and o are one action
        meeting_id = app.store.meetings.all()[0].id
        assert meeting_id is not None
        from screens.meetings.meeting import MeetingScreen

        app.push_screen(MeetingScreen(meeting_id))
        await pilot.pause()
        await press(pilot, "g")
        assert isinstance(app.screen, AgendaScreen)
        text = bar_text(app)
        # shift+up and shift+down share the "Move" group: both keys, then "Move".
        assert "⇧↑⇧↓ Move" in text
        assert "Move up" not in text
        # Each key of the group is its own: on the first item only "down" works,
        # so "up" is dimmed, and a click on "down" moves the item down.
        screen = app.screen
        bar = screen.query_one(KeyBar)
        assert bar._entries is not None
        up, down = entry(bar._entries, "Move up"), entry(bar._entries, "Move down")
        assert (up.enabled, down.enabled) == (False, True)
        meeting_items = app.store.agenda.items(meeting_id)
        bar.render()
        span = next(s for s in bar._spans if s.entry == down)
        assert span.end - span.start == 2  # just the key, not the whole group
        await pilot.click(KeyBar, offset=(span.start, 0))
        await pilot.pause()
        moved = app.store.agenda.items(meeting_id)
        assert [i.id for i in moved[:2]] == [meeting_items[1].id, meeting_items[0].id]
        # The moved item is now second: it can go up again, and the bar says so.
        assert entry(bar._entries, "Move up").enabled
        await press(pilot, "up")
        assert not entry(bar._entries, "Move up").enabled
        await press(pilot, "down", "down")
        assert entry(bar._entries, "Move up").enabled
        # Hovering a grouped key names what it does.
        bar.render()
        span = next(s for s in bar._spans if s.entry.description == "Move up")
        await pilot.hover(KeyBar, offset=(span.start, 0))
        await pilot.pause()
        assert bar.tooltip == "Move up"


class Toggle(App[None]):
    """A bare app whose one key turns a second key on and off."""

    BINDINGS = [
        Binding("t", "toggle", "Toggle"),
        Binding("x", "thing", "Do the thing"),
    ]
    armed = False
    done = 0

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def action_toggle(self) -> None:
        self.armed = not self.armed
        self.refresh_bindings()

    def action_thing(self) -> None:
        self.done += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "thing" and not self.armed:
            return None  # shown, dimmed
        return True


async def test_the_bar_redraws_only_when_the_keys_change() -> None:
    app = Toggle()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        before = bar._entries
        assert before is not None
        thing = entry(before, "Do the thing")
        assert not thing.enabled
        app.screen.refresh_bindings()  # nothing changed: same entries kept
        await pilot.pause()
        assert bar._entries is before
        await press(pilot, "t")
        after = bar._entries
        assert after is not before and after is not None
        assert entry(after, "Do the thing").enabled


async def test_clicking_an_entry_presses_its_key() -> None:
    app = Toggle()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        bar.render()
        span = next(s for s in bar._spans if s.entry.description == "Do the thing")
        await pilot.click(KeyBar, offset=(span.start + 1, 0))
        await pilot.pause()
        assert app.done == 0  # dimmed: a click only rings the bell
        await press(pilot, "t")
        bar.render()
        span = next(s for s in bar._spans if s.entry.description == "Do the thing")
        await pilot.click(KeyBar, offset=(span.start + 1, 0))
        await pilot.pause()
        assert app.done == 1


async def test_a_narrow_terminal_keeps_the_palette_and_whole_entries() -> None:
    app = Toggle()
    async with app.run_test(size=(24, 10)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert len(text) == 24
        assert text.rstrip().endswith("▏^p")  # the palette's key, without its word
        # The keys no longer fit with their words: each shows its first word, and
        # one that still does not fit is left out whole, never cut.
        assert " t Toggle  x Do " in text
        assert "thing" not in text


async def test_every_live_key_that_matters_shows_at_80_by_24(tmp_path: Path) -> None:
    from tests.test_file_moved import PLANNED_BOARD

    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        from screens.meetings.meeting import MeetingScreen
        from screens.widgets.confirm import ConfirmScreen

        app.push_screen(MeetingScreen(PLANNED_BOARD))
        await pilot.pause()
        await press(pilot, "s")
        if isinstance(app.screen, ConfirmScreen):
            await press(pilot, "y")
        text = bar_text(app)
        assert len(text) == 80
        for words in ("^n Next", "^r Decision", "^o Action", "^t Attendance", "^f End"):
            assert words in text
        # The list of every key is always on the bar, at the right with the palette;
        # in the minutes "?" is typed, so the bar names f1, which opens the list.
        assert text.rstrip().endswith("f1 Keys ▏^p")
        await press(pilot, "f1")
        from screens.common.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        from textual.widgets import TextArea

        from screens.meetings.live import LiveScreen

        assert isinstance(app.screen, LiveScreen)
        assert app.screen.query_one(TextArea).text == ""


async def test_at_120_columns_only_the_least_important_keys_are_shortened(
    tmp_path: Path,
) -> None:
    from tests.test_file_moved import PLANNED_BOARD

    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        from screens.meetings.meeting import MeetingScreen
        from screens.widgets.confirm import ConfirmScreen

        app.push_screen(MeetingScreen(PLANNED_BOARD))
        await pilot.pause()
        await press(pilot, "s")
        if isinstance(app.screen, ConfirmScreen):
            await press(pilot, "y")
        text = bar_text(app)
        # Every key of the screen shows; the first keep their words in full, and
        # only the last declared give theirs up (at 80 columns all of them do).
        for words in ("^n Next item", "^r Decision", "^o Action", "^t Attendance"):
            assert words in text
        for words in ("^f End ", "^g Go to ", "^b Previous", "esc Back"):
            assert words in text


async def test_the_list_key_follows_the_focus(tmp_path: Path) -> None:
    from screens.actions.actions import ActionLogScreen
    from tests.appkit import settle

    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "l")
        await settle(pilot)
        assert isinstance(app.screen, ActionLogScreen)
        assert bar_text(app).rstrip().endswith("? Keys ▏^p")  # on the table: ? works
        await press(pilot, "slash")  # the search field: ? is typed there
        assert bar_text(app).rstrip().endswith("f1 Keys ▏^p")
        await press(pilot, "escape")
        assert bar_text(app).rstrip().endswith("? Keys ▏^p")


def test_short_descriptions_and_typed_keys() -> None:
    assert short_description("End meeting") == "End"
    assert short_description("Go to item") == "Go to"
    assert short_description("In attendance") == "In attendance"  # not "4 In"
    assert short_description("Next") == "Next"
    assert [types(k) for k in ("question_mark", "slash", "a", "f1", "ctrl+a", "space")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
