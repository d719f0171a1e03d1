"""A whole meeting driven with the keys a chair presses, start to finish; then the
database is read back, times included (the clock is injected)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, TextArea

from screens.meetings.agenda import AgendaScreen
from screens.meetings.attendance import AttendanceScreen
from screens.meetings.live import LiveScreen
from screens.meetings.meeting import MeetingScreen
from tests.appkit import SIZE, choose, press, quorum_banner, sample_app, type_text
from tests.conftest import Clock
from tests.test_agenda_screen import paste

FIXTURE = Path(__file__).parent / "fixtures" / "learning_event_agenda.txt"
DAY = dt.date(2027, 3, 11)


def t(hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=dt.UTC)


async def test_a_whole_meeting(tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.UTC))
    app = sample_app(tmp_path, clock=clock)
    store = app.store
    async with app.run_test(size=SIZE) as pilot:
        # Plan it.
        await press(pilot, "m", "n")
        await type_text(pilot, "Safeguarding Partners Executive")
        await press(pilot, "tab", "tab", "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, DAY.isoformat())
        await press(pilot, "tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "12:30")
        await press(pilot, "tab")
        await type_text(pilot, "Committee Room 2")
        await press(pilot, "tab")
        await choose(pilot, "Helen")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingScreen)
        mid = app.screen.meeting_id

        # Paste the learning event agenda between the standing items.
        await press(pilot, "g")
        assert isinstance(app.screen, AgendaScreen)
        await press(pilot, "v")
        await paste(pilot, FIXTURE.read_text())
        await press(pilot, "ctrl+s", "escape")
        assert isinstance(app.screen, MeetingScreen)
        items = store.agenda.items(mid)
        assert len(items) == 6 + 11
        assert [i.title for i in items][4] == "Arrival, registration and lunch"

        # Attendance: the three statutory partners, then the police leave and return.
        await press(pilot, "t", "i")
        for name in ("joanne", "siobhan", "imran"):
            await type_text(pilot, name)
            await press(pilot, "enter")
        await press(pilot, "escape")
        assert isinstance(app.screen, AttendanceScreen)
        assert quorum_banner(app).startswith("Not quorate")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=0)
        await press(pilot, "1", "down", "1", "down", "1")
        assert quorum_banner(app).startswith("Quorate")
        await press(pilot, "escape")

        # Start at 12:30 and take minutes.
        clock.at(DAY, 12, 30)
        await press(pilot, "s")
        assert isinstance(app.screen, LiveScreen)
        editor = app.screen.query_one("#minutes-editor", TextArea)
        editor.insert("HA welcomed members. Apologies: none.")
        clock.at(DAY, 12, 36)
        await press(pilot, "ctrl+n")
        editor.insert("No declarations of interest.")
        await press(pilot, "ctrl+r")
        await type_text(pilot, "No interests declared")
        await press(pilot, "enter")
        clock.at(DAY, 12, 40)
        await press(pilot, "ctrl+n")
        editor.insert("The minutes of the last meeting were agreed.")
        await press(pilot, "ctrl+r")
        await type_text(pilot, "Minutes agreed as an accurate record")
        await press(pilot, "enter")

        # The police representative leaves during item 3: the quorum is lost.
        clock.at(DAY, 12, 44)
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, AttendanceScreen)
        rows = [app.screen.query_one(DataTable).get_row_at(i)[0] for i in range(3)]
        app.screen.query_one(DataTable).move_cursor(
            row=[str(r) for r in rows].index("Imran Qureshi")
        )
        await press(pilot, "l")
        assert quorum_banner(app) == "Not quorate (since 12:44): no one from the police"
        clock.at(DAY, 12, 50)
        await press(pilot, "r", "escape")
        assert isinstance(app.screen, LiveScreen)

        # Back to item 1 to add a line, then jump to the last item and end.
        clock.at(DAY, 12, 52)
        await press(pilot, "ctrl+g", "1", "enter")
        assert editor.text == "HA welcomed members. Apologies: none."
        editor.insert(" Welcome to the new ICB lead.")
        clock.at(DAY, 12, 53)
        await press(pilot, "ctrl+g", "end", "enter")
        editor.insert("Next meeting to be confirmed.")
        clock.at(DAY, 12, 55)
        await press(pilot, "ctrl+f", "y")
        assert isinstance(app.screen, MeetingScreen)

    meeting = store.meetings.get(mid)
    assert meeting.status.value == "closed"
    assert (meeting.started_at, meeting.ended_at) == (t(12, 30), t(12, 55))
    items = store.agenda.items(mid)
    first, second, third, last = items[0], items[1], items[2], items[-1]
    assert first.minutes == "HA welcomed members. Apologies: none. Welcome to the new ICB lead."
    assert (first.started_at, first.elapsed_seconds) == (t(12, 30), 7 * 60)
    assert (second.started_at, second.ended_at, second.elapsed_seconds) == (
        t(12, 36),
        t(12, 40),
        240,
    )
    assert third.minutes == "The minutes of the last meeting were agreed."
    assert (third.started_at, third.ended_at) == (t(12, 40), t(12, 52))
    assert (last.started_at, last.ended_at, last.minutes) == (
        t(12, 53),
        t(12, 55),
        "Next meeting to be confirmed.",
    )
    assert all(i.started_at is None for i in items[3:-1])
    decisions = [(d.text, d.item_id, d.made_at) for d in store.decisions.of_meeting(mid)]
    assert decisions == [
        ("No interests declared", second.id, t(12, 36)),
        ("Minutes agreed as an accurate record", third.id, t(12, 40)),
    ]
    events_ = [(e.at, e.quorate, e.missing) for e in store.attendance.quorum_events(mid)]
    assert events_ == [
        (t(12, 30), True, ""),
        (t(12, 44), False, "no one from the police"),
        (t(12, 50), True, ""),
    ]
