"""The quorum on screen: the rules in the settings form, the partners' leads in
the agency form, and who represents each partner on the live screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Select, Static

from screens.directory.agencies import AgenciesScreen, AgencyForm
from screens.directory.settings import SettingsForm
from screens.meetings.live import LiveScreen
from store.domain.kinds import MeetingKind
from tests.appkit import SIZE, press, sample_app
from tests.conftest import Clock
from tests.test_attendance_screen import executive, person, record_leads


async def test_the_settings_form_changes_a_rule_and_the_quorum_follows(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    store = app.store
    rapid = store.meetings.add(
        title="Rapid review", kind="rapid_review", series="rr", date="2026-12-01"
    )
    for name in ("Michael Doyle", "Fiona Campbell"):
        store.attendance.mark(rapid.id or 0, person(store, name), "present")
    assert store.attendance.quorum(rapid.id or 0).missing == ("no one from the police",)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "S")
        form = app.screen
        assert isinstance(form, SettingsForm)
        rule = form.query_one("#field-rule_rapid_review", Select)
        rule.value = "local authority, ICB"
        form.query_one("#field-each_local_authority", Select).value = True
        form.query_one("#field-reports_outside", Select).value = "partnership_board"
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, SettingsForm)
    settings = store.settings.get()
    assert [k.value for k in settings.quorum_rules[MeetingKind.RAPID_REVIEW].partners] == [
        "local_authority",
        "health",
    ]
    assert settings.each_local_authority
    assert settings.reports_to["outside"] is MeetingKind.PARTNERSHIP_BOARD
    assert store.attendance.quorum(rapid.id or 0).quorate
    audited = {e.field for e in store.audit_trail("settings")}
    assert {"quorum_rules", "each_local_authority", "reports_to"} <= audited


async def test_the_agency_form_records_the_lead_and_delegated_partner(tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    store = app.store
    police = next(a for a in store.directory.agencies() if a.short_name == "KV Constabulary")
    store.directory.update_agency(police.id or 0, lead_partner_id=None, delegated_partner_id=None)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(AgenciesScreen())
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(police.id)))
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, AgencyForm)
        lead = form.query_one("#field-lead_partner_id", Select)
        # The agency's own people are offered first.
        offered = next(f for f in form.fields if f.name == "lead_partner_id").options or []
        assert str(offered[0][0]).startswith("Gareth Llewellyn · KV Constabulary")
        lead.value = person(store, "Gareth Llewellyn")
        form.query_one("#field-delegated_partner_id", Select).value = person(
            store, "Gareth Llewellyn"
        )
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, AgencyForm), "the same person twice is refused"
        said = str(app.screen.query_one("#error-delegated_partner_id", Static).render())
        assert "acts for the lead" in said
        form.query_one("#field-delegated_partner_id", Select).value = person(store, "Imran Qureshi")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, AgencyForm)
    saved = store.directory.agency(police.id or 0)
    assert (saved.lead_partner_id, saved.delegated_partner_id) == (
        person(store, "Gareth Llewellyn"),
        person(store, "Imran Qureshi"),
    )


async def test_the_live_screen_names_who_represents_each_partner(tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2027, 1, 14, 10, 0, tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    record_leads(store)
    meeting_id = executive(store)
    for name in ("Joanne Okafor", "Imran Qureshi"):
        store.attendance.mark(meeting_id, person(store, name), "present")
    store.live.start(meeting_id)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(LiveScreen(meeting_id))
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        shown = str(app.screen.query_one("#quorum", Static).render())
        assert shown.splitlines() == [
            "Quorate.",
            "LA: Joanne Okafor (delegated)",
            "ICB: Daniel Brennan (deputy)",
            "Police: Imran Qureshi (delegated)",
        ]
