"""Pilot tests: the keys a chair presses, then what the store holds."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from screens.common.forms import MeetingForm, PersonForm
from screens.common.help import HelpScreen
from screens.directory.agencies import AgenciesScreen
from screens.directory.people import PeopleScreen
from screens.meetings.meeting import MeetingScreen
from tests.appkit import SIZE, choose, empty_app, notices, press, sample_app, type_text
from tui.crash import Crashed


async def test_add_a_person_with_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "n")
        assert isinstance(app.screen, PersonForm)
        await type_text(pilot, "Ama Mensah")
        await press(pilot, "tab")
        await type_text(pilot, "AM")
        await press(pilot, "tab")
        await type_text(pilot, "Safeguarding Lead")
        await press(pilot, "tab")
        await choose(pilot, "Kestrel Vale Constabulary")
        await press(pilot, "tab")
        await type_text(pilot, "a.mensah@kestrelvale.example")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        table = app.screen.query_one("#people-table", DataTable)
        assert table.get_row_at(table.cursor_row)[0].plain == "Ama Mensah"
    person = next(p for p in app.store.directory.people() if p.name == "Ama Mensah")
    police = next(a for a in app.store.directory.agencies() if a.kind.value == "police")
    assert (person.initials, person.job_title, person.agency_id, person.email) == (
        "AM",
        "Safeguarding Lead",
        police.id,
        "a.mensah@kestrelvale.example",
    )
    assert any(e.field == "name" and e.new == "Ama Mensah" for e in app.store.audit_trail("people"))


async def test_bad_values_show_under_their_fields_and_save_nothing(tmp_path: Path) -> None:
    app = empty_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "n", "tab")
        await type_text(pilot, "j1")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        assert str(form.query_one("#error-name", Static).render()) == "required"
        assert "capital" in str(form.query_one("#error-initials", Static).render())
        await press(pilot, "escape")
    assert app.store.directory.people() == []


async def test_plan_a_meeting_with_keys_then_open_it(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "m", "n")
        assert isinstance(app.screen, MeetingForm)
        await type_text(pilot, "Safeguarding Partners Executive [extra]")
        await press(pilot, "tab", "tab")  # kind stays Executive
        await type_text(pilot, "executive")
        await press(pilot, "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "11/03/2027")  # day first, as the due dates are read
        await press(pilot, "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "09:30")
        await press(pilot, "tab")
        await type_text(pilot, "Kingfisher Room")
        await press(pilot, "tab")
        await choose(pilot, "Helen")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        title = app.screen.query_one("#meeting-title", Static).render()
        assert str(title) == "Safeguarding Partners Executive [extra]"
    meeting = next(m for m in app.store.meetings.all() if m.date == dt.date(2027, 3, 11))
    chair = app.store.directory.person(meeting.chair_id or 0)
    assert (meeting.title, meeting.kind.value, meeting.series) == (
        "Safeguarding Partners Executive [extra]",
        "executive",
        "executive",
    )
    assert meeting.start_time == dt.time(9, 30) and meeting.location == "Kingfisher Room"
    assert chair.name.startswith("Helen")
    previous = [
        m for m in app.store.meetings.all() if m.series == "executive" and m.date < meeting.date
    ]
    assert app.store.meetings.next_in_series(max(previous, key=lambda m: m.date).id or 0) == meeting


async def test_a_bad_date_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    before = len(app.store.meetings.all())
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "m", "n")
        await type_text(pilot, "Board")
        await press(pilot, "tab", "tab", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "31/02/2027")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        assert str(form.query_one("#error-date", Static).render()) == "there is no 31 February"
        assert form.query_one("#field-date", Input).has_focus
    assert len(app.store.meetings.all()) == before


async def test_removing_people(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    chair = app.store.meetings.all()[0].chair_id
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "p")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.query_one("#people-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(chair)))
        await press(pilot, "delete", "y")
        await pilot.pause()
        assert any("cannot be removed" in n for n in (await notices(pilot)))
        # Someone nobody refers to can go.
        spare = app.store.directory.add_person(name="Zara Whitlock", initials="ZW")
        screen.reload(select=spare.id)
        await press(pilot, "delete", "y")
        await pilot.pause()
    ids = {p.id for p in app.store.directory.people()}
    assert chair in ids and spare.id not in ids


async def test_edit_an_agency(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        assert isinstance(app.screen, AgenciesScreen)
        await press(pilot, "e", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "KV Council")
        await press(pilot, "ctrl+s")
        await pilot.pause()
    first = app.store.directory.agencies()[0]
    assert first.short_name == "KV Council"


async def test_palette_runs_the_same_actions_as_the_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "ctrl+p")
        await type_text(pilot, "New person")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, PersonForm)


async def test_help_lists_the_keys_of_the_screen(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "m", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys", Static).render())
        for words in ("New meeting", "Open", "Dashboard", "People", "palette"):
            assert words in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_read_only_file_hides_writing_keys(tmp_path: Path) -> None:

    app = sample_app(tmp_path, readonly=True)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "n")
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.check_action("new", ()) is None
        assert "read-only" in app.sub_title
        # Every screen's own writing keys too (each declares them in WRITES).
        from screens.meetings.paste_agenda import PasteAgendaScreen

        planned = next(m for m in app.store.meetings.all() if m.status.value == "planned")
        await app.push_screen(MeetingScreen(planned.id or 0))
        await pilot.pause()
        for action in ("start", "edit", "plan_next"):
            assert app.screen.check_action(action, ()) is None, action
        await app.push_screen(PasteAgendaScreen(planned.id or 0))
        await pilot.pause()
        assert app.screen.check_action("save", ()) is None


async def test_crash_writes_a_private_log_without_locals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = sample_app(tmp_path)

    def explode(self: object) -> None:
        child_name = "Zebedee Quartermaine"
        raise RuntimeError(f"boom {len(child_name)}")

    monkeypatch.setattr(PeopleScreen, "action_new", explode)
    with pytest.raises(Crashed) as raised:
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "p", "n")
            await pilot.pause()
    assert isinstance(raised.value.__cause__, RuntimeError)
    assert str(raised.value).endswith(f"the details are in {app.crash_log}")
    assert app.return_code == 1
    assert app.crash_log is not None and app.crash_log.parent == tmp_path / "crash"
    assert stat.S_IMODE(app.crash_log.stat().st_mode) == 0o600
    text = app.crash_log.read_text()
    assert "RuntimeError: boom 20" in text and "Zebedee" not in text


async def test_enter_on_a_person_opens_the_form(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "down", "enter")
        assert isinstance(app.screen, PersonForm)
        assert (
            app.screen.person is not None
            and app.screen.person.name == app.store.directory.people()[1].name
        )


async def test_a_damaged_large_file_is_refused_after_the_first_screen(tmp_path: Path) -> None:
    from store import Store
    from tests.test_open import refused_cases
    from tui.app import QuorateApp

    path = refused_cases(tmp_path)["corrupt"][0]
    before = path.read_bytes()
    app = QuorateApp(Store.open(path, defer_check_over=0), crash_dir=tmp_path / "crash")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(250):  # the check runs in a worker; the app then leaves
            if app.refused is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 2
    assert app.refused is not None and "damaged" in app.refused
    assert not (tmp_path / "crash").exists(), "a damaged file is not a crash"
    assert path.read_bytes() == before


async def test_a_file_problem_in_a_worker_is_one_line_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.decisions import DecisionsPart
    from store.domain import errors

    def locked(self: DecisionsPart, *args: object, **kwargs: object) -> object:
        raise errors.LockedFile(f"{self.unit.path} is in use by another program.")

    app = sample_app(tmp_path)
    monkeypatch.setattr(DecisionsPart, "page", locked)
    async with app.run_test(size=SIZE) as pilot:
        app.action_section("decisions")  # as the D key does; the log reads in a worker
        for _ in range(100):
            if app.refused is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 2
    assert app.refused is not None and "in use by another program" in app.refused
    assert not (tmp_path / "crash").exists()


async def test_a_list_is_read_once_each_time_it_comes_to_the_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screens.common.base import RecordList

    reads: list[str] = []
    reload = RecordList.reload

    def counting(self: RecordList, select: int | None = None) -> None:
        reads.append(type(self).__name__)
        reload(self, select)

    monkeypatch.setattr(RecordList, "reload", counting)
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p")
        assert reads == ["PeopleScreen"]  # mount and two resumes: one read
        await press(pilot, "n")
        await type_text(pilot, "Rosa Lind")
        await press(pilot, "tab")
        await type_text(pilot, "RL")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert reads == ["PeopleScreen"] * 2  # back from the form, the new person selected
        table = app.screen.query_one("#people-table", DataTable)
        assert table.get_row_at(table.cursor_row)[0].plain == "Rosa Lind"


@pytest.mark.parametrize("width", [100, 120, 160])
async def test_the_next_meetings_fit_their_panel(tmp_path: Path, width: int) -> None:
    # Sized to their content, the columns ran off the panel's edge and the
    # place of the meeting could not be seen at 120 columns.
    app = sample_app(tmp_path)
    async with app.run_test(size=(width, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#next-meetings", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        first = app.store.dashboard.upcoming(1)[0]
        where = str(table.get_row_at(0)[2])
        assert where and (first.location or "").startswith(where.rstrip("…"))
