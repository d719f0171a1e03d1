"""SVG snapshots of every screen, at a fixed size, on sample.db with a frozen clock.

Update with `make snapshot-update` only after looking at the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.appkit import SIZE, empty_app, sample_app, steps


def test_dashboard(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps(), terminal_size=SIZE)


def test_dashboard_empty_file(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(empty_app(tmp_path), run_before=steps(), terminal_size=SIZE)


def test_meetings(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("m"), terminal_size=SIZE)


def test_meeting_detail(snap_compare: Any, tmp_path: Path) -> None:
    # The learning event: fourth upcoming meeting.
    assert snap_compare(
        sample_app(tmp_path),
        run_before=steps("m", "down", "down", "down", "enter"),
        terminal_size=SIZE,
    )


def test_people(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("p"), terminal_size=SIZE)


def test_agencies(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("a"), terminal_size=SIZE)


def test_person_form_with_errors(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        sample_app(tmp_path),
        run_before=steps("p", "n", "tab", "j", "1", "ctrl+s"),
        terminal_size=SIZE,
    )


def test_meeting_form(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("m", "e"), terminal_size=SIZE)


def test_help(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        sample_app(tmp_path), run_before=steps("p", "question_mark"), terminal_size=SIZE
    )


def test_confirm_remove(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("p", "delete"), terminal_size=SIZE)


# -- at 80 by 24, a laptop window beside the papers --------------------------------------

SMALL = (80, 24)


def test_meetings_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("m"), terminal_size=SMALL)


def test_attendance_small(snap_compare: Any, tmp_path: Path) -> None:
    # The January executive: apologies, one with a deputy.
    assert snap_compare(
        sample_app(tmp_path),
        run_before=steps("m", "down", "down", "enter", "t"),
        terminal_size=SMALL,
    )


def test_decisions_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("D"), terminal_size=SMALL)


def test_decision_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("D", "enter"), terminal_size=SIZE)


def test_corrections_screen(snap_compare: Any, tmp_path: Path) -> None:
    # The November executive, closed; its record was corrected after the meeting.
    assert snap_compare(
        sample_app(tmp_path),
        run_before=steps("m", "down", "down", "down", "down", "down", "enter", "h"),
        terminal_size=SIZE,
    )


def test_settings_form(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), run_before=steps("S"), terminal_size=SMALL)


def test_cancelled_meeting(snap_compare: Any, tmp_path: Path) -> None:
    app = sample_app(tmp_path)
    app.store.meetings.cancel(9, "The chair is unwell; moved to 17 December.")
    assert snap_compare(app, run_before=steps("m", "enter"), terminal_size=SIZE)


def test_live_small(snap_compare: Any, tmp_path: Path) -> None:
    # The January executive, started on its day; an interest declared on item 1.
    import datetime as dt

    from tests.conftest import Clock

    clock = Clock(dt.datetime(2027, 1, 14, 10, 3, tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    meeting = next(m for m in store.meetings.all() if m.date == dt.date(2027, 1, 14))
    first = store.agenda.items(meeting.id or 0)[0]
    gareth = next(p.id for p in store.directory.people() if p.name == "Gareth Llewellyn")
    store.attendance.declare(meeting.id or 0, gareth or 0, first.id, "Trustee of a local charity")
    assert snap_compare(app, run_before=steps("m", "enter", "s", "y"), terminal_size=SMALL)


def test_action_log_small(snap_compare: Any, tmp_path: Path) -> None:
    async def run(pilot: Any) -> None:
        from tests.appkit import settle

        await steps("l")(pilot)
        await settle(pilot)

    assert snap_compare(sample_app(tmp_path), run_before=run, terminal_size=SMALL)


def test_paste_preview_small(snap_compare: Any, tmp_path: Path) -> None:
    from tests.conftest import REPO

    agenda = (REPO / "tests" / "fixtures" / "learning_event_agenda.txt").read_text()

    async def run(pilot: Any) -> None:
        from textual.widgets import TextArea

        await steps("m", "down", "down", "down", "enter", "g", "v")(pilot)
        pilot.app.screen.query_one(TextArea).load_text(agenda)
        await pilot.pause(0.5)
        await steps()(pilot)

    assert snap_compare(sample_app(tmp_path), run_before=run, terminal_size=SMALL)


def test_export_small(snap_compare: Any, tmp_path: Path) -> None:
    async def run(pilot: Any) -> None:
        from tests.appkit import settle

        # The November executive, closed: its minutes as they would be circulated.
        await steps("m", "down", "down", "down", "down", "down", "enter", "x")(pilot)
        await settle(pilot)
        await steps()(pilot)

    assert snap_compare(sample_app(tmp_path), run_before=run, terminal_size=SMALL)


def test_agree_minutes_small(snap_compare: Any, tmp_path: Path) -> None:
    # The November executive, closed and not yet agreed: A asks for any amendments.
    assert snap_compare(
        sample_app(tmp_path),
        run_before=steps("m", "down", "down", "down", "down", "down", "enter", "A"),
        terminal_size=SMALL,
    )


def test_amend_minutes(snap_compare: Any, tmp_path: Path) -> None:
    # The November executive once agreed: A amends an item's minutes, with a reason.
    app = sample_app(tmp_path)
    app.store.record.agree(8)

    async def run(pilot: Any) -> None:
        from textual.widgets import Input, Select

        await steps("m", "down", "down", "down", "down", "down", "enter", "A")(pilot)
        screen = pilot.app.screen
        screen.query_one("#amend-item", Select).value = app.store.agenda.items(8)[6].id
        reason = screen.query_one("#amend-reason", Input)
        reason.value = "The forecast was misread"
        reason.focus()
        await steps()(pilot)

    assert snap_compare(app, run_before=run, terminal_size=SIZE)
