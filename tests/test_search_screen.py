"""The one search in the app (issue 17): ``/`` from the dashboard, results grouped
by kind with the matching words highlighted, enter opening the record at the
match; the index kept off the typing path, an item indexed when the chair
leaves it, and the index caught up when a file is opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Static

from screens.actions.action import ActionScreen
from screens.meetings.meeting import MeetingScreen
from screens.meetings.record import DecisionScreen
from screens.search.search import HIGHLIGHT, SearchScreen, snippet_text
from store import Store
from store.search import MARK_END, MARK_START
from tests.appkit import fill, press, sample_app, settle, steps, type_text

NEGLECT_ITEM = "Neglect Strategy 2026-2029: consultation outcome and sign-off"


def prompts(screen: SearchScreen) -> list[str]:
    listed = screen.results
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).render())


async def searched(pilot: Any, words: str) -> SearchScreen:
    """``/`` from the dashboard and ``words`` typed as the chair types them."""
    await settle(pilot)
    await press(pilot, "slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(pilot, words)
    await pilot.pause(0.3)  # the pause after typing that runs the search
    await settle(pilot)
    return screen


async def test_slash_searches_and_enter_lands_on_the_minutes_item(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, "NEGLECT strat")
        shown = prompts(screen)
        # Grouped by kind, in the kinds' order, each group headed with its count.
        heads = [p for p in shown if " · " in p and "\n" not in p]
        assert [h.split(" · ")[0] for h in heads] == [
            "Minutes",
            "Decisions",
            "Actions",
            "Rapid reviews",
        ]
        assert any(NEGLECT_ITEM in p for p in shown)
        assert "found, best first" in status(screen)
        # The first result is highlighted; the minutes group comes first.
        hit = screen.hits[screen.results.highlighted_option.id or ""]
        assert hit.kind == "item"
        # Down from the words moves to the results; the chair picks the Neglect item.
        await press(pilot, "down")
        assert screen.results.has_focus
        while NEGLECT_ITEM not in str(screen.results.highlighted_option.prompt):
            await press(pilot, "down")
        chosen = screen.hits[screen.results.highlighted_option.id or ""]
        await press(pilot, "enter")
        await settle(pilot)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        assert meeting.meeting_id == chosen.meeting_id
        agenda = meeting.query_one("#agenda-table", DataTable)
        key = agenda.coordinate_to_cell_key(agenda.cursor_coordinate).row_key
        assert int(key.value or 0) == chosen.record_id
        heading = str(meeting.query_one("#item-minutes-heading", Static).render())
        assert heading.endswith(NEGLECT_ITEM)
        minutes = str(meeting.query_one("#item-minutes", Static).render())
        assert minutes == app.store.agenda.item(chosen.record_id).minutes.strip()
        # Escape returns to the results as they were.
        await press(pilot, "escape")
        assert app.screen is screen and screen.results.has_focus


async def test_a_decision_and_an_action_open_their_own_screens(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, "neglect strategy")
        kinds = {hit.kind: key for key, hit in screen.hits.items()}
        for kind, wanted in (("decision", DecisionScreen), ("action", ActionScreen)):
            screen.results.focus()
            screen.results.highlighted = screen.results.get_option_index(kinds[kind])
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, wanted), app.screen
            await press(pilot, "escape")
            await settle(pilot)
            assert app.screen is screen


async def test_filters_by_kind_date_and_series(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, "neglect")
        everything = dict(screen.hits)
        assert {h.kind for h in everything.values()} >= {"item", "decision", "action"}
        screen.kind_select.value = "decision"
        await settle(pilot)
        assert screen.hits and {h.kind for h in screen.hits.values()} == {"decision"}
        screen.kind_select.clear()
        await settle(pilot)
        dates = sorted(h.on_date for h in everything.values() if h.on_date)
        later = dates[len(dates) // 2]
        screen.since_box.focus()
        await pilot.pause()
        await fill(pilot, later.isoformat())
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.hits
        assert all(h.on_date and h.on_date >= later for h in screen.hits.values())
        assert len(screen.hits) < len(everything)
        screen.since_box.value = ""
        series = app.store.meetings.get(next(iter(everything.values())).meeting_id or 0).series
        screen.series_select.value = series
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.hits
        for hit in screen.hits.values():
            if hit.meeting_id is not None:
                assert app.store.meetings.get(hit.meeting_id).series == series


async def test_a_bad_date_is_said_and_nothing_breaks(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, "neglect")
        found = len(screen.hits)
        screen.since_box.focus()
        await pilot.pause()
        await type_text(pilot, "31 Feb")
        await pilot.pause(0.3)
        await settle(pilot)
        assert status(screen).startswith("From:"), status(screen)
        assert screen.status_line.has_class("-error")
        assert len(screen.hits) == found  # the last results stay
        screen.since_box.value = ""
        await pilot.pause(0.3)
        await settle(pilot)
        assert not screen.status_line.has_class("-error")


async def test_words_that_are_fts_syntax_are_just_words(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, 'neglect" AND (OR * -')
        assert not screen.status_line.has_class("-error"), status(screen)
        await fill(pilot, "zzqx")
        await pilot.pause(0.3)
        await settle(pilot)
        assert not screen.hits and status(screen).startswith("Nothing found")


def test_the_snippet_highlights_only_the_marked_words() -> None:
    text = snippet_text(
        f"…the {MARK_START}Neglect{MARK_END} Strategy\nwas agreed", MARK_START, MARK_END
    )
    assert text.plain == "…the Neglect Strategy was agreed"
    marked = [text.plain[s.start : s.end] for s in text.spans if s.style == HIGHLIGHT]
    assert marked == ["Neglect"]
    # Markup in the record is text, never read as markup.
    assert snippet_text("[bold]x[/bold]", MARK_START, MARK_END).plain == "[bold]x[/bold]"


def entry(store: Store, item_id: int) -> str | None:
    row = store.unit.rows("SELECT body FROM search_entries WHERE uid = ?", [f"item:{item_id}"])
    return row[0]["body"] if row else None


async def test_typing_writes_no_index_row_and_leaving_the_item_indexes_it(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        store = app.store
        planned = next(m for m in store.meetings.all() if m.status.value == "planned")
        item = store.agenda.items(planned.id or 0)[0]
        before = entry(store, item.id or 0)
        assert before is not None  # the sample is indexed as built
        app.push_screen(MeetingScreen(planned.id or 0))
        await settle(pilot)
        await press(pilot, "s")
        await settle(pilot)
        if app.screen.__class__.__name__ == "ConfirmScreen":
            await press(pilot, "y")
            await settle(pilot)
        live = app.screen
        assert live.__class__.__name__ == "LiveScreen"
        await type_text(pilot, "Zebrafinch training agreed")
        assert live.flush() is not False  # type: ignore[attr-defined]
        await settle(pilot)
        assert "Zebrafinch" in store.agenda.item(item.id or 0).minutes
        assert entry(store, item.id or 0) == before, "the autosave wrote no index row"
        await press(pilot, "ctrl+n")  # the next item: the one left is indexed
        await settle(pilot)
        assert "Zebrafinch" in (entry(store, item.id or 0) or "")
        hits = store.search.find("zebrafinch")
        assert [(h.kind, h.record_id) for h in hits] == [("item", item.id)]


async def test_a_file_changed_elsewhere_is_indexed_when_opened(tmp_path: Path) -> None:
    app = sample_app(tmp_path)  # makes the copy
    path = tmp_path / "app.db"
    # Another program (an older version, another laptop) adds a decision's words.
    store = Store.open(path)
    decision_id = int(store.unit.scalar("SELECT min(id) FROM decisions"))
    with store.unit.write() as db:
        db.execute(
            "UPDATE decisions SET rationale = rationale || ' Quokkas' WHERE id = ?", [decision_id]
        )
    assert not store.search.find("quokkas")
    store.close()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.search_catching_up
        hits = app.store.search.find("quokkas")
        assert [(h.kind, h.record_id) for h in hits] == [("decision", decision_id)]


def test_search_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        sample_app(tmp_path),
        run_before=steps("slash", *"neglect", "down"),
        terminal_size=(120, 40),
    )


def test_search_screen_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        sample_app(tmp_path), run_before=steps("slash", *"neglect", "down"), terminal_size=(80, 24)
    )


async def test_the_results_come_again_when_the_app_has_caught_the_index_up(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(pilot, "quokkas")
        assert not screen.hits
        # A change the index has not caught up with yet (made behind the app's back),
        # then the app's catch-up and its signal, as after opening a file.
        store = app.store
        decision_id = int(store.unit.scalar("SELECT min(id) FROM decisions"))
        with store.unit.write() as db:
            db.execute(
                "UPDATE decisions SET rationale = rationale || ' Quokkas' WHERE id = ?",
                [decision_id],
            )
        store.search.catch_up()
        app.search_index_caught_up.publish(None)
        await settle(pilot)
        assert list(screen.hits) == [f"decision:{decision_id}"]
