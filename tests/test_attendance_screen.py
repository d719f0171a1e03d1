"""The attendance screen: the keys a chair presses before and during a meeting,
then what the store holds; and snapshots of the screen quorate and inquorate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from screens.common.form import FormScreen
from screens.meetings.attendance import AttendanceScreen, PersonPicker
from store import Store
from tests.appkit import SIZE, choose, notices, press, quorum_banner, sample_app, steps, type_text
from tests.conftest import Clock
from tui.app import QuorateApp

EXECUTIVE_DAY = dt.date(2027, 1, 14)  # the planned executive in sample.db


def at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(EXECUTIVE_DAY, dt.time(hour, minute), tzinfo=dt.UTC)


def executive(store: Store) -> int:
    return next(m.id or 0 for m in store.meetings.all() if m.date == EXECUTIVE_DAY)


def person(store: Store, name: str) -> int:
    return next(p.id or 0 for p in store.directory.people() if p.name == name)


def status(store: Store, meeting_id: int, name: str) -> tuple[str, str | None, str | None]:
    """(status, deputy's name, note) of one person on the list."""
    names = {p.id: p.name for p in store.directory.people()}
    record = next(r for r in store.attendance.of(meeting_id) if names[r.person_id] == name)
    return record.status.value, names.get(record.deputy_id), record.note


def table(app: QuorateApp) -> DataTable[Any]:
    return app.screen.query_one("#attendance-table", DataTable)


def row_of(app: QuorateApp, name: str) -> list[str]:
    return [str(cell) for cell in table(app).get_row(str(person(app.store, name)))]


async def open_screen(pilot: Pilot[Any], meeting_id: int) -> None:
    await pilot.app.push_screen(AttendanceScreen(meeting_id))
    await pilot.pause()


async def test_the_list_has_each_column_once(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, executive(app.store))
        labels = [column.label.plain for column in table(app).columns.values()]
        assert labels == list(AttendanceScreen.COLUMNS)


async def test_invite_mark_present_then_a_departure_loses_the_quorum(tmp_path: Path) -> None:
    clock = Clock()
    app = sample_app(tmp_path, clock=clock)
    meeting_id = executive(app.store)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        # The list holds Gareth Llewellyn and Siobhan Maguire (apologies, with a deputy).
        await press(pilot, "i")
        assert isinstance(app.screen, PersonPicker)
        await type_text(pilot, "joanne")
        await press(pilot, "enter")
        await type_text(pilot, "qureshi")
        await press(pilot, "enter", "escape")
        assert isinstance(app.screen, AttendanceScreen)
        assert status(app.store, meeting_id, "Joanne Okafor") == ("invited", None, None)
        assert status(app.store, meeting_id, "Imran Qureshi") == ("invited", None, None)
        assert row_of(app, "Joanne Okafor")[3] == "Invited (not marked)"
        assert quorum_banner(app).startswith("Not quorate")

        # Rows by name: Gareth, Imran, Joanne, Siobhan; the cursor is on the last one
        # invited. The three delegated partners come.
        assert table(app).cursor_row == 1
        await press(pilot, "1", "down", "1", "down", "1")
        for name in ("Imran Qureshi", "Joanne Okafor", "Siobhan Maguire"):
            assert status(app.store, meeting_id, name) == ("present", None, None)
        assert app.store.attendance.quorum(meeting_id).quorate
        assert quorum_banner(app).startswith("Quorate")

        # No one can leave a meeting that has not started: "l" is refused, in words.
        await press(pilot, "up", "up", "l")
        assert app.store.attendance.movements(meeting_id) == []
        assert any("has not started" in n for n in (await notices(pilot)))

        clock.now = at(10, 0)
        app.store.live.start(meeting_id)
        clock.now = at(11, 20)
        await press(pilot, "l")
        quorum = app.store.attendance.quorum(meeting_id)
        assert not quorum.quorate and quorum.missing == ("no one from the police",)
        event = app.store.attendance.quorum_events(meeting_id)[-1]
        assert (event.at, event.quorate, event.missing) == (
            at(11, 20),
            False,
            "no one from the police",
        )
        assert quorum_banner(app) == "Not quorate (since 11:20): no one from the police"
        # Under it: who represents each partner.
        assert represented(app) == (
            "Represented: the local authority: Joanne Okafor (delegated partner); "
            "the ICB: Siobhan Maguire (delegated partner); the police: no one"
        )
        assert row_of(app, "Imran Qureshi")[5] == "left 11:20"
        warning = [n for n in (await notices(pilot)) if "quorate" in n]
        assert len(warning) == 1 and "no one from the police" in warning[0]

        clock.now = at(11, 35)
        await press(pilot, "r")
        assert app.store.attendance.quorum(meeting_id).quorate and quorum_banner(app).startswith(
            "Quorate"
        )
        assert app.store.attendance.quorum_events(meeting_id)[-1].quorate
        assert row_of(app, "Imran Qureshi")[5] == "arrived 11:35"
    moves = [(m.person_id, m.kind.value, m.at) for m in app.store.attendance.movements(meeting_id)]
    imran = person(app.store, "Imran Qureshi")
    assert moves == [(imran, "left", at(11, 20)), (imran, "arrived", at(11, 35))]


async def test_apologies_with_a_deputy_who_then_leaves(tmp_path: Path) -> None:
    clock = Clock(at(10, 40))
    app = sample_app(tmp_path, clock=clock)
    meeting_id = executive(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        # Gareth Llewellyn (chief constable) is on the first row, apologies, no deputy.
        await press(pilot, "2")
        picker = app.screen
        assert isinstance(picker, PersonPicker)
        await type_text(pilot, "natalie")
        await press(pilot, "enter")
        assert status(app.store, meeting_id, "Gareth Llewellyn") == (
            "apologies",
            "Natalie Osei",
            None,
        )
        assert row_of(app, "Gareth Llewellyn")[3:5] == ["Apologies", "Natalie Osei"]
        app.store.live.start(meeting_id)
        # The deputy is the one in the room: "l" records her leaving, not him.
        await press(pilot, "l")
        # Escape leaves the deputy as she was.
        await press(pilot, "2", "escape")
    assert status(app.store, meeting_id, "Gareth Llewellyn")[1] == "Natalie Osei"
    [move] = app.store.attendance.movements(meeting_id)
    assert (move.person_id, move.kind.value, move.at) == (
        person(app.store, "Natalie Osei"),
        "left",
        at(10, 40),
    )


async def test_apologies_without_a_deputy_and_in_attendance_for_an_item(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting_id = executive(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        # Siobhan Maguire (second row) sent apologies; Daniel Brennan came for her.
        await press(pilot, "down", "2")
        await type_text(pilot, "no dep")
        await press(pilot, "enter")
        assert status(app.store, meeting_id, "Siobhan Maguire") == ("apologies", None, None)
        await press(pilot, "4")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "for item 6")
        await press(pilot, "enter")
        assert status(app.store, meeting_id, "Siobhan Maguire") == (
            "in_attendance",
            None,
            "for item 6",
        )
        assert row_of(app, "Siobhan Maguire")[6] == "for item 6"
        # Present as a member: the note about items no longer applies.
        await press(pilot, "1")
    assert status(app.store, meeting_id, "Siobhan Maguire") == ("present", None, None)


async def test_declare_an_interest(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting_id = executive(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        # On Siobhan Maguire's row the form offers her deputy, who is in the room.
        await press(pilot, "down", "c")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, "tab")
        await choose(pilot, "financial")
        await press(pilot, "tab")
        await type_text(pilot, "Trustee of a provider bidding [lot 2]")
        await press(pilot, "tab")
        await choose(pilot, "Yes")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AttendanceScreen)
        declared = app.screen.query_one("#declarations-table", DataTable)
        assert [str(c) for c in declared.get_row_at(0)] == [
            "Daniel Brennan",
            "6. Partner financial contributions 2027-28: final agreement",
            "Trustee of a provider bidding [lot 2]",
            "Yes",
        ]
    [declaration] = app.store.attendance.declarations(meeting_id)
    item = app.store.agenda.item(declaration.item_id or 0)
    assert declaration.person_id == person(app.store, "Daniel Brennan")
    assert item.title.startswith("Partner financial contributions")
    assert (declaration.nature, declaration.left_room) == (
        "Trustee of a provider bidding [lot 2]",
        True,
    )


async def test_a_declaration_needs_its_nature(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting_id = executive(app.store)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        await press(pilot, "c", "ctrl+s")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert str(form.query_one("#error-nature", Static).render()) == "required"
        await press(pilot, "escape")
    assert app.store.attendance.declarations(meeting_id) == []


async def test_removing_from_the_list(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    meeting_id = executive(app.store)
    gareth = person(app.store, "Gareth Llewellyn")
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        # The screen confirms first, and keeps anyone whose movements are recorded.
        app.store.live.start(meeting_id)
        app.store.attendance.record_movement(
            meeting_id, person(app.store, "Daniel Brennan"), "left"
        )
        await press(pilot, "down", "delete")  # Siobhan Maguire: her deputy has moved
        assert isinstance(app.screen, AttendanceScreen)
        assert any("stays on the list" in n for n in (await notices(pilot)))
        await press(pilot, "up", "delete", "n")
        assert gareth in {r.person_id for r in app.store.attendance.of(meeting_id)}
        await press(pilot, "delete", "y")  # Gareth Llewellyn
    assert gareth not in {r.person_id for r in app.store.attendance.of(meeting_id)}
    assert person(app.store, "Siobhan Maguire") in {
        r.person_id for r in app.store.attendance.of(meeting_id)
    }


async def test_read_only_file_hides_the_writing_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path, readonly=True)
    store = app.store
    meeting_id = executive(store)
    before = store.attendance.of(meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        for action in ("invite", "mark", "apologies", "declare", "arrived"):
            assert app.screen.check_action(action, ()) is None
        await press(pilot, "1", "3", "i")
        assert isinstance(app.screen, AttendanceScreen)
    assert store.attendance.of(meeting_id) == before


async def test_no_quorum_for_a_learning_event(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    event = next(m.id or 0 for m in app.store.meetings.all() if m.kind.value == "learning_event")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, event)
        assert quorum_banner(app) == "No quorum applies to a learning event."
        assert "-no-quorum" in app.screen.query_one("#quorum-banner").classes


def represented(app: QuorateApp) -> str:
    """What the line under the quorum banner says: who represented each partner."""
    return str(app.screen.query_one("#quorum-represented", Static).render())


def record_leads(store: Store) -> None:
    """The sample's lead and delegated safeguarding partners, in the directory."""
    for short, lead, delegated in [
        ("KVC", "Richard Fairbairn", "Joanne Okafor"),
        ("KV ICB", "Abena Owusu", "Siobhan Maguire"),
        ("KV Constabulary", "Gareth Llewellyn", "Imran Qureshi"),
    ]:
        agency = next(a for a in store.directory.agencies() if a.short_name == short)
        store.directory.update_agency(
            agency.id or 0,
            lead_partner_id=person(store, lead),
            delegated_partner_id=person(store, delegated),
        )


async def test_present_and_absent_after_the_start_are_the_quorums_history(
    tmp_path: Path,
) -> None:
    clock = Clock(at(9, 50))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    meeting_id = executive(store)
    imran, joanne = person(store, "Imran Qureshi"), person(store, "Joanne Okafor")
    for who in (joanne, imran):
        store.attendance.mark(meeting_id, who, "invited")
    clock.now = at(10, 0)
    store.live.start(meeting_id)
    first = store.meetings.get(meeting_id).current_item_id
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        # Rows by name: Gareth, Imran, Joanne, Siobhan (her deputy from the ICB came).
        clock.now = at(10, 3)
        await press(pilot, "down", "down", "1")
        assert quorum_banner(app).startswith("Not quorate")
        clock.now = at(10, 5)
        await press(pilot, "up", "1")
        assert quorum_banner(app).startswith("Quorate")
        assert any("quorate again" in n for n in (await notices(pilot)))
        store.live.step(meeting_id, 1)
        second = store.meetings.get(meeting_id).current_item_id
        clock.now = at(10, 40)
        await press(pilot, "3")
        assert quorum_banner(app).startswith("Not quorate (since 10:40)")
    events = [
        (e.at, e.quorate, e.person_id, e.item_id, e.change)
        for e in store.attendance.quorum_events(meeting_id)
    ]
    assert events == [
        (at(10, 0), False, None, first, "start"),
        (at(10, 5), True, imran, first, "arrived"),
        (at(10, 40), False, imran, second, "left"),
    ]
    moves = [
        (m.person_id, m.kind.value, m.at, m.item_id) for m in store.attendance.movements(meeting_id)
    ]
    assert moves == [
        (joanne, "arrived", at(10, 3), first),
        (imran, "arrived", at(10, 5), first),
        (imran, "left", at(10, 40), second),
    ]


async def test_a_late_member_keeps_the_deputy_who_came_for_them(tmp_path: Path) -> None:
    clock = Clock(at(9, 50))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    meeting_id = executive(store)
    gareth, natalie = person(store, "Gareth Llewellyn"), person(store, "Natalie Osei")
    store.attendance.mark(meeting_id, gareth, "apologies", deputy_id=natalie)
    clock.now = at(10, 0)
    store.live.start(meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        clock.now = at(10, 30)
        await press(pilot, "1")  # Gareth Llewellyn, on the first row, comes after all
        assert status(store, meeting_id, "Gareth Llewellyn") == ("present", "Natalie Osei", None)
        assert row_of(app, "Gareth Llewellyn")[5] == "arrived 10:30; deputy here"
        clock.now = at(10, 50)
        # Both are in the room: "l" asks which one left.
        await press(pilot, "l")
        assert isinstance(app.screen, PersonPicker)
        await type_text(pilot, "natalie")
        await press(pilot, "enter")
        assert isinstance(app.screen, AttendanceScreen)
        assert row_of(app, "Gareth Llewellyn")[5] == "arrived 10:30; deputy left 10:50"
    moves = [(m.person_id, m.kind.value, m.at) for m in store.attendance.movements(meeting_id)]
    assert moves == [(gareth, "arrived", at(10, 30)), (natalie, "left", at(10, 50))]


async def test_the_banner_names_who_represented_each_partner(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    store = app.store
    record_leads(store)
    meeting_id = executive(store)
    for name in ("Joanne Okafor", "Imran Qureshi", "Lauren Fletcher"):
        store.attendance.mark(meeting_id, person(store, name), "present")
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        assert quorum_banner(app) == "Quorate · 4 present"
        assert represented(app) == (
            "Represented: the local authority: Joanne Okafor (delegated partner); "
            "the ICB: Daniel Brennan (deputy); the police: Imran Qureshi (delegated partner)"
        )
        # On the executive only the lead, the delegated partner or their deputy will do.
        await press(pilot, "down", "3")  # Imran Qureshi; Lauren Fletcher is no lead
        assert quorum_banner(app) == "Not quorate: no lead or delegated partner for the police"
        assert represented(app).endswith("the police: no one")
        # A partner whose leads are not on file: anyone from it counts, and it is said.
        police = next(a for a in store.directory.agencies() if a.short_name == "KV Constabulary")
        store.directory.update_agency(
            police.id or 0, lead_partner_id=None, delegated_partner_id=None
        )
        app.screen.reload()
        assert quorum_banner(app) == "Quorate · 3 present"
        assert represented(app).splitlines()[1] == (
            "Lead partner not recorded for KV Constabulary: anyone from it counts."
        )


async def test_a_closed_meeting_is_corrected_not_emptied(tmp_path: Path) -> None:
    clock = Clock(at(10, 0))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    meeting_id = executive(store)
    store.live.start(meeting_id)
    clock.now = at(12, 0)
    store.live.end(meeting_id)
    gareth = person(store, "Gareth Llewellyn")
    clock.now = at(16, 0)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_screen(pilot, meeting_id)
        await press(pilot, "delete")
        assert isinstance(app.screen, AttendanceScreen)
        assert any("no one can be taken off its list" in n for n in (await notices(pilot)))
        await press(pilot, "3")
    assert gareth in {r.person_id for r in store.attendance.of(meeting_id)}
    record = next(r for r in store.attendance.of(meeting_id) if r.person_id == gareth)
    entry = store.audit_trail("attendance", record.id)[-1]
    assert (entry.field, entry.old, entry.new, entry.at) == (
        "status",
        "apologies",
        "absent",
        at(16, 0),
    )


# -- snapshots -------------------------------------------------------------------------


def executive_app(tmp_path: Path) -> tuple[QuorateApp, int]:
    """The executive with the three delegated partners present, someone in
    attendance for an item and a declaration; the clock at 11:20 on the day."""
    app = sample_app(tmp_path)
    store = app.store
    meeting_id = executive(store)
    for name in ("Joanne Okafor", "Imran Qureshi"):
        store.attendance.mark(meeting_id, person(store, name), "present")
    store.attendance.mark(
        meeting_id, person(store, "Sarah Greenwood"), "in_attendance", note="for item 5"
    )
    store.attendance.mark(meeting_id, person(store, "Helen Ashworth"), "present")
    store.clock = lambda: at(10, 0)
    store.live.start(meeting_id)
    store.clock = lambda: at(10, 5)
    store.attendance.record_movement(meeting_id, person(store, "Joanne Okafor"), "arrived")
    financial = next(it for it in store.agenda.items(meeting_id) if it.position == 6)
    store.attendance.declare(
        meeting_id, person(store, "Daniel Brennan"), financial.id, "Trustee of a provider", True
    )
    store.clock = lambda: at(11, 20)
    return app, meeting_id


def test_snapshot_quorate(snap_compare: Any, tmp_path: Path) -> None:
    app, meeting_id = executive_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_screen(pilot, meeting_id)
        await steps()(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


def test_snapshot_inquorate_after_the_police_leave(snap_compare: Any, tmp_path: Path) -> None:
    app, meeting_id = executive_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_screen(pilot, meeting_id)
        # Rows by name: Gareth, Helen, Imran, ...
        await steps("down", "down", "l")(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)
