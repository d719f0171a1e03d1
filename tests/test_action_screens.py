"""The action log and one action: the keys a chair presses, then what the store holds.
Counts and pages load in thread workers: ``settle`` waits for them, never sleeps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from screens.actions.action import ActionForm, ActionScreen
from screens.actions.actions import ActionLogScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.virtual_table import VirtualTable
from store import Store
from store.actions import ActionQuery, ActionRow
from store.domain.models import ActionUpdateKind
from tests.appkit import SIZE, choose, press, sample_app, settle, steps, type_text
from tests.conftest import FROZEN_NOW, frozen_clock
from tui.app import QuorateApp

TODAY = FROZEN_NOW.date()
BIG = 50_000


async def until(pilot: Pilot[Any], done: Callable[[], bool]) -> None:
    """Let the app run (timers included) until ``done()``; fail after ~10 s."""
    for _ in range(200):
        await settle(pilot)
        if done():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never met")


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Long text in one go, as a paste, into the focused field."""
    field = pilot.app.focused
    assert isinstance(field, Input)
    field.insert_text_at_cursor(text)
    await pilot.pause()


async def open_log(pilot: Pilot[Any]) -> ActionLogScreen:
    screen = ActionLogScreen()
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def shown(screen: ActionLogScreen) -> list[ActionRow]:
    table = screen.table
    rows = [table.row_at(i) for i in range(table.row_count)]
    assert None not in rows, "every row of a small log is loaded"
    return rows  # type: ignore[return-value]


def references(screen: ActionLogScreen) -> list[str]:
    return [row.action.reference for row in shown(screen)]


def expected(store: Store, query: ActionQuery) -> list[str]:
    return [r.action.reference for r in store.actions.page(query, 0, 1000)]


def count_line(screen: ActionLogScreen) -> str:
    return str(screen.query_one("#action-count", Static).render())


def rendered(screen: Any, selector: str) -> str:
    """The text a Static shows, as laid out on screen (tables wrapped)."""
    widget = screen.query_one(selector, Static)
    lines = widget.render_lines(widget.region.reset_offset)
    return "\n".join("".join(s.text for s in line).rstrip() for line in lines)


def person_id(store: Store, name: str) -> int:
    return next(p.id or 0 for p in store.directory.people() if p.name == name)


async def open_action(pilot: Pilot[Any], reference: str) -> int:
    """From the log sorted by reference, move down to an action and open it."""
    screen = await open_log(pilot)
    await press(pilot, "s")
    await settle(pilot)
    index = references(screen).index(reference)
    await press(pilot, *["down"] * index, "enter")
    assert isinstance(pilot.app.screen, ActionScreen)
    return pilot.app.screen.action_id


# -- the log -------------------------------------------------------------------------


async def test_filter_red_then_by_owner_matches_the_store(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        store = app.store
        assert screen.table.row_count == store.actions.count() == 35
        assert count_line(screen) == "35 actions · sorted by due date"

        await press(pilot, "f", "tab")  # status, then RAG
        await choose(pilot, "Amber")
        await settle(pilot)
        amber = ActionQuery(rag="amber")
        assert screen.table.row_count == store.actions.count(amber) == 7
        assert references(screen) == expected(store, amber)
        assert {row.rag for row in shown(screen)} == {"amber"}
        assert count_line(screen) == "7 of 35 actions · sorted by due date"

        await press(pilot, "tab")  # owner
        await choose(pilot, "Priya")
        await settle(pilot)
        priya = ActionQuery(rag="amber", owner_id=person_id(store, "Priya Raman"))
        assert screen.table.row_count == store.actions.count(priya) == 2
        assert references(screen) == expected(store, priya) == ["A-2026-024", "A-2026-035"]

        await press(pilot, "escape")  # back to the table
        assert screen.table.has_focus
        await press(pilot, "escape")  # clear every filter
        await settle(pilot)
        assert screen.table.row_count == 35


async def test_search_as_you_type_finds_the_words(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "neglect")
        await until(pilot, lambda: screen.current is not None and screen.current.text == "neglect")
        assert references(screen) == expected(app.store, ActionQuery(text="neglect"))
        assert sorted(references(screen)) == [
            "A-2026-008",
            "A-2026-009",
            "A-2026-015",
            "A-2026-019",
            "A-2026-022",
            "A-2026-023",
        ]
        # Brackets are words here, not FTS syntax or markup.
        await type_text(pilot, " [audit")
        await until(pilot, lambda: screen.current is not None and "[audit" in screen.current.text)
        assert sorted(references(screen)) == ["A-2026-022", "A-2026-023"]


async def test_sort_by_reference_and_back(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        assert references(screen) == expected(app.store, ActionQuery())
        await press(pilot, "s")
        await settle(pilot)
        assert references(screen) == [f"A-2026-{n:03d}" for n in range(1, 36)]
        assert count_line(screen) == "35 actions · sorted by reference"
        await press(pilot, "s")
        await settle(pilot)
        assert references(screen) == expected(app.store, ActionQuery(sort="due"))


async def test_new_action_with_n(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, ActionForm)
        await paste(pilot, "Audit [draft] referrals from schools")
        await press(pilot, "tab")
        await choose(pilot, "Siobhan")
        await press(pilot, "tab", "tab")  # agency left blank: the owner's
        await type_text(pilot, "+1m")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.table.row_count == 36
        assert count_line(screen) == "36 actions · sorted by due date"
        await press(pilot, "s")
        await settle(pilot)
        newest = shown(screen)[-1]
        assert newest.action.reference == "A-2026-036"
        assert newest.action.description == "Audit [draft] referrals from schools"
        assert newest.owner == "Siobhan Maguire"
    action = app.store.actions.by_reference("A-2026-036")
    assert action is not None
    owner = app.store.directory.person(person_id(app.store, "Siobhan Maguire"))
    assert (action.owner_id, action.agency_id) == (owner.id, owner.agency_id)
    assert action.due == dt.date(2026, 12, 27)
    assert [u.kind for u in app.store.actions.history(action.id or 0)] == [ActionUpdateKind.CREATED]


# -- one action -------------------------------------------------------------------------


async def test_add_an_update_with_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        action_id = await open_action(pilot, "A-2026-003")
        before = len(app.store.actions.history(action_id))
        await press(pilot, "u")
        await paste(pilot, "Draft report [v2] shared with the chair")
        await press(pilot, "enter")
        assert isinstance(app.screen, ActionScreen)
        history = app.store.actions.history(action_id)
        assert len(history) == before + 1
        latest = history[-1]
        assert (latest.kind, latest.text, latest.on_date) == (
            ActionUpdateKind.UPDATE,
            "Draft report [v2] shared with the chair",
            TODAY,
        )
        assert latest.text in rendered(app.screen, "#action-history")
        await press(pilot, "escape")
        assert isinstance(app.screen, ActionLogScreen)
        await settle(pilot)
        row = app.screen.table.cursor_value
        assert row is not None and row.action.reference == "A-2026-003"
        assert row.action.latest_update == latest.text


async def test_edit_the_due_date_with_an_offset(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        action_id = await open_action(pilot, "A-2026-003")
        await press(pilot, "e")
        assert isinstance(app.screen, ActionForm)
        await press(pilot, "tab", "tab", "tab", "ctrl+a", "ctrl+k")  # to the due date
        await type_text(pilot, "+2w")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ActionScreen)
        fields = str(app.screen.query_one("#action-fields", Static).render())
        assert "Fri 11 Dec 2026 (in 14 days)" in fields
    action = app.store.actions.get(action_id)
    assert action.due == TODAY + dt.timedelta(days=14)
    assert app.store.actions.history(action_id)[-1].kind is ActionUpdateKind.DUE
    # The owner was left alone, so the agency stays with them.
    assert action.owner_id == person_id(app.store, "Aisha Rahman")


async def test_a_bad_due_date_is_explained_and_nothing_changes(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        action_id = await open_action(pilot, "A-2026-003")
        before = app.store.actions.get(action_id)
        audit = len(app.store.audit_trail("actions", action_id))
        await press(pilot, "e", "tab", "tab", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "31/02/2027")
        await press(pilot, "ctrl+s")
        form = app.screen
        assert isinstance(form, ActionForm)
        assert str(form.query_one("#error-due", Static).render()) == "there is no 31 February"
        await press(pilot, "escape")  # something was typed: the chair is asked first
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert isinstance(app.screen, ActionScreen)
    assert app.store.actions.get(action_id) == before
    assert len(app.store.audit_trail("actions", action_id)) == audit


async def test_close_asks_first(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        action_id = await open_action(pilot, "A-2026-022")
        await press(pilot, "c")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert app.store.actions.get(action_id).status.value == "open"
        await press(pilot, "c", "y")
        assert app.store.actions.get(action_id).status.value == "done"
        assert app.store.actions.get(action_id).closed_on == TODAY
        assert "Open → Done" in rendered(app.screen, "#action-audit")


async def test_a_read_only_file_offers_no_changes(tmp_path: Path) -> None:
    app = sample_app(tmp_path, readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_action(pilot, "A-2026-003")
        for action in ("add_update", "edit", "close_action"):
            assert app.screen.check_action(action, ()) is None
        await press(pilot, "u", "e", "c")
        assert isinstance(app.screen, ActionScreen)  # no form, no question
        await press(pilot, "escape", "n")
        assert isinstance(app.screen, ActionLogScreen)
        assert app.screen.check_action("new", ()) is None


async def test_flag_at_risk_in_the_form_turns_it_amber(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    store = app.store
    green = store.actions.page(ActionQuery(rag="green", sort="reference"), 0, 1)[0].action
    amber = store.actions.count(ActionQuery(rag="amber"))
    async with app.run_test(size=SIZE) as pilot:
        action_id = await open_action(pilot, green.reference)
        assert rendered(app.screen, "#action-rag").strip() == "RAG: Green"
        await press(pilot, "e")
        assert isinstance(app.screen, ActionForm)
        await press(pilot, *["tab"] * 6)  # past status and blocked
        assert app.focused is not None and app.focused.id == "field-at_risk"
        await choose(pilot, "Yes")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ActionScreen)
        assert rendered(app.screen, "#action-rag").strip() == "RAG: Amber (at risk)"
        assert f"{green.status.label} (at risk)" in rendered(app.screen, "#action-fields")
        assert "At risk" in rendered(app.screen, "#action-audit")
        await press(pilot, "escape")
        await settle(pilot)
        row = app.screen.table.cursor_value  # type: ignore[attr-defined]
        assert row is not None and row.action.id == action_id and row.rag == "amber"
    action = store.actions.get(action_id)
    assert action.at_risk and not action.blocked
    assert action.due == green.due, "the rest of the form left as it was"
    assert store.actions.count(ActionQuery(rag="amber")) == amber + 1
    assert [(c.old, c.new) for c in store.actions.changes(action_id) if c.field == "at_risk"] == [
        (False, True)
    ]


async def test_an_open_action_without_a_due_date_shows_no_date(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    undated = app.store.actions.add("Write the escalation protocol").id or 0
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        await press(pilot, "f", "tab")  # status, then RAG
        await choose(pilot, "No date")
        await settle(pilot)
        assert [row.action.id for row in shown(screen)] == [undated]
        table = screen.query_one("#action-table", VirtualTable)
        assert "No date" in "".join(s.text for s in table.render_line(1))
        await press(pilot, "escape", "enter")
        assert isinstance(app.screen, ActionScreen)
        assert rendered(app.screen, "#action-rag").strip() == "RAG: No date"


# -- a large log ---------------------------------------------------------------------------


def big_database(path: Path) -> None:
    """50,000 actions in one transaction (the FTS triggers index each row)."""
    store = Store.open(path, clock=frozen_clock)
    agency = store.directory.add_agency(
        name="Kestrel Vale Council", short_name="KVC", kind="local_authority"
    )
    owners = [
        store.directory.add_person(name=name, initials=initials, agency_id=agency.id).id
        for name, initials in (("Ann Ash", "AA"), ("Bob Birch", "BB"), ("Cat Cole", "CC"))
    ]
    start = dt.date(2024, 1, 1)
    statuses = ("open", "in_progress", "done", "dropped")
    rows = [
        (
            f"A-{2021 + n // 9_000}-{n % 9_000 + 1:03d}",
            f"Action {n}: audit the referrals",
            owners[n % 3],
            agency.id,
            (start + dt.timedelta(days=n // 50)).isoformat(),
            (start + dt.timedelta(days=n // 40 + 14)).isoformat(),
            statuses[n % 4],
        )
        for n in range(BIG)
    ]
    with store.unit.write():
        store.unit.conn.executemany(
            "INSERT INTO actions (reference, description, owner_id, agency_id, raised_on, due, "
            "status) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    assert store.actions.count(ActionQuery(text="referrals")) == BIG
    store.close()


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.unit.db"
    big_database(path)
    return path


async def test_moving_the_cursor_redraws_only_the_two_rows_it_touches(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        table = screen.query_one("#action-table", VirtualTable)
        drawn: list[int] = []
        row_strip = table._row_strip

        def counting(index: int, base: Any) -> Any:
            drawn.append(index)
            return row_strip(index, base)

        table._row_strip = counting  # type: ignore[method-assign]
        await press(pilot, "down")
        await pilot.pause()
        assert sorted(drawn) == [0, 1]  # the row left and the row reached
        assert table.cursor_row == 1


async def test_a_large_log_holds_only_a_few_pages(big_db: Path, tmp_path: Path) -> None:
    app = QuorateApp(big_db, clock=frozen_clock, crash_dir=tmp_path / "crash")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_log(pilot)
        table = screen.query_one("#action-table", VirtualTable)
        limit = table.page_size * table.max_pages
        assert table.row_count == BIG
        assert count_line(screen) == "50,000 actions · sorted by due date"
        assert 0 < table.cached_row_count <= limit

        await press(pilot, "end")
        await settle(pilot)
        last = app.store.actions.page(ActionQuery(), BIG - 1, 1)[0].action.reference
        assert table.cursor_row == BIG - 1
        assert table.cursor_value is not None and table.cursor_value.action.reference == last
        bottom = "".join(s.text for s in table.render_line(table.visible_rows))
        assert bottom.startswith(last)
        assert table.cached_row_count <= limit

        await press(pilot, "pageup", "pageup", "home")
        await settle(pilot)
        assert table.cursor_row == 0
        assert table.cached_row_count <= limit

        await press(pilot, "f", "tab")
        await choose(pilot, "Red")
        await settle(pilot)
        red = ActionQuery(rag="red")
        assert table.row_count == app.store.actions.count(red)
        first = app.store.actions.page(red, 0, 1)[0]
        assert table.row_at(0) == first
        assert table.cached_row_count <= limit


# -- snapshots ----------------------------------------------------------------------------


def snap_steps(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        pilot.app.push_screen(ActionLogScreen())
        await settle(pilot)
        for key in keys:
            await press(pilot, key)
            await settle(pilot)
        await steps()(pilot)

    return run


def test_log_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=snap_steps(), terminal_size=SIZE)


def test_log_filtered_red_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    steps_ = snap_steps("f", "tab", "enter", "down", "enter", "escape")  # RAG: Red
    assert snap_compare(sample_app(tmp_path), run_before=steps_, terminal_size=SIZE)


def test_action_detail_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    # A-2026-002 (sixth by due date): in progress, overdue, an update, a status change.
    steps_ = snap_steps(*["down"] * 5, "enter")
    assert snap_compare(sample_app(tmp_path), run_before=steps_, terminal_size=SIZE)
