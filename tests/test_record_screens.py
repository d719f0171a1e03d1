"""The keys a chair presses to keep the record straight: cancel or delete a meeting,
change or withdraw a decision, see a meeting's corrections, change the settings;
then what the store holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from screens.common.form import FormScreen
from screens.decisions.decisions import DecisionsScreen
from screens.directory.settings import SettingsForm
from screens.meetings.meeting import MeetingScreen
from screens.meetings.record import CorrectionsScreen, DecisionScreen
from screens.widgets.confirm import ConfirmScreen
from tests.appkit import SIZE, notices, press, sample_app, settle, type_text
from tui.app import QuorateApp

BOARD = 9  # the partnership board planned for 10 December 2026 in sample.db
EXECUTIVE_NOVEMBER = 8  # closed, with decisions D-2026-003 and D-2026-004


def text_of(app: QuorateApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_meeting(pilot: Pilot[Any], meeting_id: int) -> None:
    await pilot.app.push_screen(MeetingScreen(meeting_id))
    await pilot.pause()


# -- cancelling and deleting ---------------------------------------------------------


async def test_c_cancels_a_planned_meeting_with_its_reason_and_u_reinstates_it(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, BOARD)
        assert app.screen.check_action("reinstate", ()) is False
        await press(pilot, "c")
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Chair unwell")
        await press(pilot, "enter")
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.store.meetings.get(BOARD)
        assert (meeting.status.value, meeting.cancelled_reason) == ("cancelled", "Chair unwell")
        assert "Cancelled on 27 Nov 2026: Chair unwell" in text_of(app, "#meeting-details")
        # A cancelled meeting is not started or cancelled again; it can be reinstated.
        assert app.screen.check_action("start", ()) is False
        assert app.screen.check_action("cancel", ()) is False
        assert BOARD not in [m.id for m in app.store.dashboard.upcoming()]
        await press(pilot, "u")
        assert app.store.meetings.get(BOARD).status.value == "planned"
        assert "Planned" in text_of(app, "#meeting-details")


async def test_escape_in_the_cancel_form_asks_before_dropping_the_reason(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, BOARD)
        await press(pilot, "c")
        await type_text(pilot, "Chair")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, FormScreen)
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, MeetingScreen)
    assert app.store.meetings.get(BOARD).status.value == "planned"


async def test_delete_removes_a_meeting_with_no_record_after_asking(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    new = app.store.meetings.add(
        title="Extra executive", kind="executive", series="exec", date="2027-02-11"
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, new.id or 0)
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert app.store.meetings.get(new.id or 0).title == "Extra executive"
        await press(pilot, "delete", "y")
        assert not isinstance(app.screen, MeetingScreen)
    assert new.id not in [m.id for m in app.store.meetings.all()]


async def test_delete_is_refused_in_words_once_a_meeting_holds_a_record(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await open_meeting(pilot, BOARD)  # people are on its attendance list
        await press(pilot, "delete")
        assert isinstance(app.screen, MeetingScreen)
        [note] = [n for n in (await notices(pilot)) if "cannot be deleted" in n]
        assert "attendance record" in note and "Cancel it instead" in note
        # A closed meeting does not offer the key at all.
        await press(pilot, "escape")
        await open_meeting(pilot, EXECUTIVE_NOVEMBER)
        assert app.screen.check_action("delete", ()) is False
    assert app.store.meetings.get(BOARD).id == BOARD


# -- decisions -------------------------------------------------------------------------


async def open_decisions(pilot: Pilot[Any]) -> None:
    await press(pilot, "D")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DecisionsScreen)


async def test_the_log_shows_the_highlighted_decision_in_full_and_enter_opens_it(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    newest = app.store.decisions.of_meeting(EXECUTIVE_NOVEMBER)[-1]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_decisions(pilot)
        preview = text_of(app, "#decisions-preview")
        assert newest.reference in preview
        assert " ".join(newest.text.split()) in " ".join(preview.split())
        await press(pilot, "enter")
        assert isinstance(app.screen, DecisionScreen)
        assert app.screen.decision_id == newest.id
        assert newest.text in text_of(app, "#decision-text")


async def test_a_search_typed_while_an_older_one_reads_shows_only_the_newer(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_decisions(pilot)
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        everything = screen.table.row_count
        assert everything > 1
        stale = screen._generation
        await press(pilot, "slash")
        await type_text(pilot, "zzzz-no-such-words")
        await settle(pilot)
        assert screen.table.row_count == 0
        # The rows of an older read arriving now are dropped, not shown.
        old_rows = app.store.decisions.page("", None)
        screen.post_message(DecisionsScreen.Loaded(old_rows, len(old_rows), stale))
        await pilot.pause()
        assert screen.table.row_count == 0
        assert "No decisions match." in text_of(app, "#decisions-preview")


async def test_e_changes_the_wording_and_the_earlier_one_is_kept(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    newest = app.store.decisions.of_meeting(EXECUTIVE_NOVEMBER)[-1]
    async with app.run_test(size=SIZE) as pilot:
        await open_decisions(pilot)
        await press(pilot, "enter", "e")
        field = app.screen.query_one("#field-text", Input)
        assert field.value == newest.text and not field.selected_text
        # Typing adds to the wording; it does not replace it.
        await type_text(pilot, " Agreed by all.")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DecisionScreen)
        assert "wording changed" in text_of(app, "#decision-history")
    changed = app.store.decisions.get(newest.id or 0)
    assert changed.text == newest.text + " Agreed by all."
    history = app.store.decisions.history(newest.id or 0)
    assert (history[-1].field, history[-1].old) == ("text", newest.text)


async def test_w_withdraws_a_decision_with_a_reason_and_keeps_it(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    newest = app.store.decisions.of_meeting(EXECUTIVE_NOVEMBER)[-1]
    async with app.run_test(size=SIZE) as pilot:
        await open_decisions(pilot)
        await press(pilot, "enter", "w", "ctrl+s")
        assert isinstance(app.screen, FormScreen), "a reason is asked for"
        assert "say why" in str(app.screen.query_one("#error-reason", Static).render())
        await type_text(pilot, "Recorded twice")
        await press(pilot, "enter")
        assert isinstance(app.screen, DecisionScreen)
        assert "Withdrawn on 27 Nov 2026" in text_of(app, "#decision-text")
        assert app.screen.check_action("edit", ()) is None
        await press(pilot, "escape")
        await settle(pilot)
        table = app.screen.query_one("#decisions-table", DataTable)
        assert str(table.get_row(str(newest.id))[3]).startswith("withdrawn: ")
    kept = app.store.decisions.get(newest.id or 0)
    assert kept.withdrawn and kept.withdrawn_reason == "Recorded twice"


# -- corrections -----------------------------------------------------------------------


async def test_h_lists_the_corrections_made_after_the_meeting_closed(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    store = app.store
    item = store.agenda.items(EXECUTIVE_NOVEMBER)[0]
    before = len(store.meetings.corrections(EXECUTIVE_NOVEMBER))
    store.live.save_minutes(item.id or 0, item.minutes + "\nCorrected: the chair arrived at 10:05.")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(pilot, EXECUTIVE_NOVEMBER)
        await press(pilot, "h")
        assert isinstance(app.screen, CorrectionsScreen)
        shown = text_of(app, "#corrections-list")
        assert f"Item 1: {item.title}" in shown
        assert "+ Corrected: the chair arrived at 10:05." in shown
        assert "Corrections to the record" in text_of(app, "#corrections-heading")
        assert text_of(app, "#corrections-heading").endswith(f": {before + 1}")


# -- settings --------------------------------------------------------------------------


async def test_settings_change_the_amber_window_and_a_bad_number_is_refused(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "S")
        assert isinstance(app.screen, SettingsForm)
        amber = app.screen.query_one("#field-amber_days", Input)
        amber.value = "two weeks"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsForm)
        assert "whole number" in str(app.screen.query_one("#error-amber_days", Static).render())
        assert app.store.settings.amber_days() == 7
        amber.value = "14"
        app.screen.query_one("#field-partnership_name", Input).value = "Kestrel Vale SCP"
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, SettingsForm)
        assert app.sub_title == "Kestrel Vale SCP"
    settings = app.store.settings.get()
    assert (settings.amber_days, settings.partnership_name) == (14, "Kestrel Vale SCP")
    assert [e.field for e in app.store.audit_trail("settings")][-2:] == [
        "partnership_name",
        "amber_days",
    ]


async def test_closure_days_typed_in_the_settings_are_kept_and_a_holiday_refused(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "S")
        for _ in range(5):  # to the last field, as the chair tabs there
            await press(pilot, "tab")
        field = app.screen.query_one("#field-closure_days", Input)
        assert app.screen.focused is field
        await type_text(pilot, "29 Dec 2026 Christmas closure, 25 Dec 2026")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsForm)
        said = str(app.screen.query_one("#error-closure_days", Static).render())
        assert "25 Dec 2026 is a bank holiday (Christmas Day)" in said
        assert app.store.settings.closure_days() == []
        field.value = "29 Dec 2026 Christmas closure, 30/12/2026"
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, SettingsForm)
    assert [d.describe() for d in app.store.settings.closure_days()] == [
        "29 Dec 2026 Christmas closure",
        "30 Dec 2026",
    ]


async def test_settings_on_a_read_only_file_say_so(tmp_path: Path) -> None:
    app = sample_app(tmp_path, readonly=True)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await press(pilot, "S")
        assert not isinstance(app.screen, SettingsForm)
        assert any("read-only" in n for n in (await notices(pilot)))


async def test_a_closed_action_is_not_called_overdue(tmp_path: Path) -> None:
    from screens.actions.action import ActionScreen

    app = sample_app(tmp_path)
    done = app.store.actions.by_reference("A-2026-006")
    assert done is not None and not done.status.is_open and done.due is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ActionScreen(done.id or 0))
        await pilot.pause()
        fields = text_of(app, "#action-fields")
        assert f"{done.due:%a %d %b %Y}" in fields and "overdue" not in fields
