"""The escalation screens: the list with its figures and filters, one escalation
with its history, the keys a chair presses to raise one, escalate it twice and
resolve it (then export the summary), the standing item in a live meeting, the
dashboard's panel; snapshots of the list and the record at 120x40 and 80x24, on
a file made here (the sample's own escalations change with the sample)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Static

from screens.escalations.escalation import EscalationScreen
from screens.escalations.escalations import EscalationsScreen
from store import Store
from store.escalations import EscalationQuery
from tests.appkit import fill, press, settle, steps
from tests.conftest import frozen_clock
from tests.test_live_store import partners
from tui.app import QuorateApp

BIG, SMALL = (120, 40), (80, 24)
TODAY = frozen_clock().date()  # Fri 27 Nov 2026


def escalations_file(path: Path) -> Path:
    """A partnership on Fri 27 Nov 2026 with four escalations: one at stage 1
    on time, one at stage 2 and overdue, one urgent resolved within the day, one
    closed unresolved and referred to the executive."""
    s = Store.open(path, clock=frozen_clock)
    ids = partners(s)
    schools = s.directory.add_agency(name="KV Schools", short_name="KVS", kind="education")
    head = s.directory.add_person(
        name="Dee Ford", initials="DF", job_title="Headteacher", agency_id=schools.id
    ).id
    kayla = s.register.add(pseudonym="Child K", real_name="Kayla Brightwater").id
    milo = s.register.add(pseudonym="Child M", real_name="Milo Ashdown").id
    la = s.directory.person(ids["local_authority"]).agency_id or 0
    icb = s.directory.person(ids["health"]).agency_id or 0
    police = s.directory.person(ids["police"]).agency_id or 0
    s.escalations.add(
        raised_on="2026-11-25",
        raised_by_agency_id=schools.id or 0,
        raised_with_agency_id=la,
        category="thresholds",
        child_id=kayla,
        raised_by_id=head,
        raised_by_role="Designated safeguarding lead",
        decision_disputed="The front door's decision of no further action",
        raiser_position="Kayla Brightwater's attendance has fallen and she is withdrawn.",
        other_position="The threshold for an assessment is not met.",
    )
    late = s.escalations.add(
        raised_on="2026-11-09",
        raised_by_agency_id=icb,
        raised_with_agency_id=la,
        category="information_sharing",
        child_id=milo,
    )
    s.escalations.escalate(late.id or 0, "2026-11-16", note="No agreement between practitioners.")
    urgent = s.escalations.add(
        raised_on="2026-11-20",
        raised_at=dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC),
        raised_by_agency_id=police,
        raised_with_agency_id=la,
        category="services",
        urgent=True,
    )
    s.escalations.resolve(
        urgent.id or 0,
        "2026-11-20",
        "A strategy discussion was held that afternoon.",
        learning_theme="Out-of-hours strategy discussions",
    )
    referred = s.escalations.add(
        raised_on="2026-10-12", raised_by_agency_id=la, raised_with_agency_id=icb, category="roles"
    )
    for day in ("2026-10-19", "2026-10-26"):
        s.escalations.escalate(referred.id or 0, day)
    s.escalations.close_unresolved(
        referred.id or 0, "2026-11-02", "executive", "Senior managers could not agree."
    )
    s.close()
    return path


def app_on(tmp_path: Path) -> QuorateApp:
    path = escalations_file(tmp_path / "escalations.db")
    return QuorateApp(path, clock=frozen_clock, crash_dir=tmp_path / "crash")


def ref(s: Store, reference: str) -> int:
    found = s.escalations.by_reference(reference)
    assert found is not None, reference
    return found.id or 0


# -- the list ----------------------------------------------------------------------


async def test_the_list_shows_the_open_ones_overdue_first_and_filters(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        await press(pilot, "E")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EscalationsScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 2  # open only
        first = table.get_row_at(0)
        assert first[0] == "ESC-2026-02" and "late" in str(first[-1])
        figures = str(screen.query_one("#escalations-figures", Static).render())
        assert "Open: 2 (1 at stage 1, 1 at stage 2), 1 overdue" in figures
        assert "Resolved: 1, median 0 working days" in figures
        assert "Referred to the executive: 1; 0 reached the final stage" in figures
        # f: every state, at stage 3: the one referred to the executive.
        await press(pilot, "f", "enter", "down", "down", "down", "enter", "tab")
        await press(pilot, "enter", "down", "down", "down", "enter", "ctrl+s")
        await settle(pilot)
        assert [table.get_row_at(0)[0], table.row_count] == ["ESC-2026-04", 1]
        count = str(screen.query_one("#escalations-count", Static).render())
        assert "1 escalation: all · stage 3" in count
        await press(pilot, "escape")  # the open ones again
        await settle(pilot)
        assert table.row_count == 2
        await press(pilot, "o")  # overdue only
        await settle(pilot)
        assert [table.get_row_at(0)[0], table.row_count] == ["ESC-2026-02", 1]


async def test_a_real_name_typed_in_a_position_is_hidden_until_v(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        await press(pilot, "E")
        await settle(pilot)
        await press(pilot, "down", "enter")  # ESC-2026-01, stage 1
        screen = app.screen
        assert isinstance(screen, EscalationScreen)
        positions = str(screen.query_one("#escalation-positions", Static).render())
        title = str(screen.query_one("#escalation-title", Static).render())
        assert "Kayla" not in positions + title and "Child K" in positions + title
        await press(pilot, "v")
        positions = str(screen.query_one("#escalation-positions", Static).render())
        assert "Kayla Brightwater's attendance" in positions


# -- the whole of one, key by key ------------------------------------------------------


async def test_raise_escalate_twice_resolve_and_export(tmp_path: Path) -> None:
    """n from the list: raised at stage 1 with its parties; e twice, each stage
    held and due as the calendar says; r resolves it at stage 3; x from the list
    saves the summary through the one writer, naming the child by pseudonym."""
    from screens.common.export import ExportScreen

    app = app_on(tmp_path)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        s = app.store
        await press(pilot, "E")
        await settle(pilot)
        await press(pilot, "n")
        await fill(pilot, "23 Nov 2026")  # a Monday
        await press(pilot, "tab", "tab", "tab")  # not urgent; no time
        await press(pilot, "enter", "down", "down", "enter", "tab")  # Child M
        await press(pilot, "enter", "down", "enter", "tab")  # thresholds
        await press(pilot, "tab")  # raised by: not in the directory
        await fill(pilot, "Health visitor")
        await press(pilot, "tab", "enter", "down", "enter", "tab")  # from the ICB
        await press(pilot, "enter", "down", "down", "enter", "tab")  # with KVC
        await fill(pilot, "No strategy discussion after the bruising was reported")
        await press(pilot, "tab")
        await fill(pilot, "Milo Ashdown's bruising needed a strategy discussion.")
        await press(pilot, "tab")
        await fill(pilot, "The bruising was explained.")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EscalationScreen)
        raised = s.escalations.get(screen.escalation_id)
        agencies = {a.short_name: a.id for a in s.directory.agencies()}
        assert (raised.raised_by_agency_id, raised.raised_with_agency_id) == (
            agencies["ICB"],
            agencies["KVC"],
        )
        assert raised.category.value == "thresholds" and raised.raised_by_role == "Health visitor"
        assert s.register.get(raised.child_id or 0).pseudonym == "Child M"
        assert (raised.stage, raised.stage_due) == (1, dt.date(2026, 11, 30))

        # e: to stage 2 today, its holder's role offered from the policy.
        await press(pilot, "e", "tab", "tab", "tab")
        await fill(pilot, "Practitioners could not agree.")
        await press(pilot, "ctrl+s")
        await press(pilot, "e", "tab", "tab", "tab")
        await fill(pilot, "Line managers could not agree.")
        await press(pilot, "ctrl+s")
        moved = s.escalations.get(raised.id or 0)
        assert (moved.stage, moved.stage_due) == (3, dt.date(2026, 12, 4))
        assert moved.holder == "senior managers and heads of service"
        stages = s.escalations.stages(raised.id or 0)
        assert [(st.stage, st.entered_on, st.left_on) for st in stages] == [
            (1, dt.date(2026, 11, 23), TODAY),
            (2, TODAY, TODAY),
            (3, TODAY, None),
        ]
        assert stages[1].note == "Practitioners could not agree."
        history = str(screen.query_one("#escalation-history", Static).render())
        assert [line[:3] for line in history.splitlines() if line[:1].isdigit()] == [
            "1. ",
            "2. ",
            "3. ",
        ]
        assert "Practitioners could not agree." in history

        # r: resolved at stage 3, with its learning.
        await press(pilot, "r", "tab")
        await fill(pilot, "A strategy discussion is held for any unexplained bruising.")
        await press(pilot, "tab")
        await fill(pilot, "Bruising in non-mobile babies")
        await press(pilot, "ctrl+s")
        done = s.escalations.get(raised.id or 0)
        assert (done.status.value, done.stage, done.closed_on, done.days_open) == (
            "resolved",
            3,
            TODAY,
            4,
        )
        assert done.learning_theme == "Bruising in non-mobile babies"
        assert "Resolved at stage 3" in str(screen.query_one("#escalation-standing").render())
        # The keys that move it on are gone now it is resolved.
        assert screen.check_action("move", ("escalate",)) is None

        # Back to the list, x: the summary, saved.
        await press(pilot, "escape")
        await settle(pilot)
        await press(pilot, "x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        target = tmp_path / "summary.md"
        name = app.screen.query_one("#export-path", Input)
        name.value = str(target)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("OFFICIAL-SENSITIVE") or text.splitlines()[0].startswith(
            "**OFFICIAL-SENSITIVE"
        )
        assert "OFFICIAL-SENSITIVE" in text.splitlines()[-1]
        for real in ("Milo", "Ashdown", "Kayla", "Brightwater"):
            assert real not in text
        assert "ESC-2026-02" in text  # the open, overdue one is listed
        [circulated] = s.record.circulations()
        assert circulated.document == "escalations summary" and circulated.file == str(target)


# -- the standing item in a live meeting ----------------------------------------------


async def test_moving_one_on_in_a_meeting_is_minuted_there(tmp_path: Path) -> None:
    path = escalations_file(tmp_path / "escalations.db")
    s = Store.open(path, clock=frozen_clock)
    meeting = s.meetings.add(
        title="Safeguarding Partners Executive", kind="executive", date=TODAY, start_time="10:00"
    )
    item = s.agenda.add(meeting.id or 0, title="Open escalations and scrutiny")
    assert item.kind is not None and item.kind.value == "escalations"
    s.close()
    app = QuorateApp(path, clock=frozen_clock, crash_dir=tmp_path / "crash")
    async with app.run_test(size=BIG) as pilot:
        from screens.meetings.live import LiveScreen

        app.push_screen(LiveScreen(meeting.id or 0))
        await settle(pilot)
        live = app.screen
        assert isinstance(live, LiveScreen)
        for _ in range(20):  # ctrl+n through the standing items to it
            if live.item is not None and live.item.id == item.id:
                break
            await press(pilot, "ctrl+n")
        assert live.item is not None and live.item.id == item.id
        table = live.query_one("#open-escalations", DataTable)
        assert table.display and table.row_count == 2
        await press(pilot, "tab")
        assert app.screen.focused is table
        assert table.get_row_at(0)[0] == "ESC-2026-02"
        await press(pilot, "e", "tab", "tab", "tab")  # stage 3, today
        await fill(pilot, "The executive asked heads of service to meet.")
        await press(pilot, "ctrl+s")
        store = app.store
        [move] = store.escalations.moves(meeting.id or 0)
        assert move.escalation.reference == "ESC-2026-02"
        assert move.what.startswith("Escalated to stage 3")
        assert store.escalations.stages(move.escalation.id or 0)[-1].meeting_id == meeting.id
        # No longer overdue, so second in the list; it says what was done here.
        row = table.get_row(str(move.escalation.id))
        assert str(row[-1]).startswith("Escalated to stage 3")
        assert table.get_row_at(0)[0] == "ESC-2026-01"


# -- the dashboard ---------------------------------------------------------------------


async def test_the_dashboard_shows_them_by_stage_overdue_first(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        await settle(pilot)
        panel = str(app.screen.query_one("#escalation-figures", Static).render())
        assert "1  at stage 1" in panel and "1  at stage 2, 1 overdue" in panel
        assert panel.index("ESC-2026-02") < panel.index("ESC-2026-01")


async def test_a_resolved_one_moves_no_further(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=BIG) as pilot:
        s = app.store
        app.push_screen(EscalationScreen(ref(s, "ESC-2026-03")))
        await settle(pilot)
        before = s.escalations.stages(ref(s, "ESC-2026-03"))
        await press(pilot, "e", "r", "c")
        assert isinstance(app.screen, EscalationScreen)  # no form opened
        assert s.escalations.stages(ref(s, "ESC-2026-03")) == before
        assert s.escalations.count(EscalationQuery(state="resolved")) == 1


# -- snapshots --------------------------------------------------------------------------


def test_snapshot_list(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), run_before=steps("E"), terminal_size=BIG)


def test_snapshot_list_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), run_before=steps("E"), terminal_size=SMALL)


def test_snapshot_escalation(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), run_before=steps("E", "enter"), terminal_size=BIG)


def test_snapshot_escalation_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_on(tmp_path), run_before=steps("E", "enter"), terminal_size=SMALL)


def test_snapshot_referred_to_the_executive(snap_compare: Any, tmp_path: Path) -> None:
    keys = steps(
        "E",
        "f",
        "enter",
        "down",
        "down",
        "down",
        "enter",
        "ctrl+s",
        "down",
        "down",
        "down",
        "enter",
    )
    assert snap_compare(app_on(tmp_path), run_before=keys, terminal_size=BIG)
