"""The rapid review's clock (store/domain/review_clock.py).

Every expected date below is counted by hand in the comment above it, from a
calendar, never by the code under test. Calendars used:

Christmas 2025 (bank holidays Thu 25 Dec, Fri 26 Dec, Thu 1 Jan 2026), day 0
Fri 19 Dec 2025:
    1 Mon 22 Dec   2 Tue 23   3 Wed 24   (25, 26 holidays; 27, 28 weekend)
    4 Mon 29 Dec   5 Tue 30   6 Wed 31   (1 Jan holiday)   7 Fri 2 Jan
    8 Mon 5 Jan    9 Tue 6   10 Wed 7   11 Thu 8   12 Fri 9
   13 Mon 12 Jan  14 Tue 13  15 Wed 14  16 Thu 15  17 Fri 16
   18 Mon 19 Jan  19 Tue 20
The same with the partnership closed on 29, 30 and 31 Dec:
    1 Mon 22 Dec   2 Tue 23   3 Wed 24   4 Fri 2 Jan
    5 Mon 5 Jan    6 Tue 6    7 Wed 7    8 Thu 8    9 Fri 9
   10 Mon 12 Jan  11 Tue 13  12 Wed 14  13 Thu 15  14 Fri 16   15 Mon 19 Jan

Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr), day 0 Mon 30 Mar 2026:
    1 Tue 31 Mar   2 Wed 1 Apr   3 Thu 2 Apr   (3 Fri to 6 Mon off)
    4 Tue 7 Apr    5 Wed 8    6 Thu 9    7 Fri 10
    8 Mon 13 Apr   9 Tue 14  10 Wed 15  11 Thu 16  12 Fri 17
   13 Mon 20 Apr  14 Tue 21  15 Wed 22

The coronation (Mon 8 May 2023; spring bank holiday Mon 29 May), day 0 Thu 4 May:
    1 Fri 5 May    (8 holiday)   2 Tue 9    3 Wed 10   4 Thu 11   5 Fri 12
    6 Mon 15 ...  10 Fri 19   11 Mon 22 ... 15 Fri 26   (29 holiday)  16 Tue 30

The Queen's funeral (Mon 19 Sep 2022), day 0 Thu 15 Sep 2022:
    1 Fri 16 Sep   (19 holiday)   2 Tue 20   3 Wed 21   4 Thu 22   5 Fri 23
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.domain.review_clock import (
    DEFAULT_MILESTONES,
    LABELS,
    Milestone,
    MilestoneKey,
    MilestoneStatus,
    Standing,
    State,
    milestones_text,
    on_time,
    read_milestones,
    review_clock,
    working_days_taken,
)
from store.domain.workdays import working_days_between

K = MilestoneKey
D = dt.date

XMAS_DAY0 = D(2025, 12, 19)
XMAS_CLOSED = (D(2025, 12, 29), D(2025, 12, 30), D(2025, 12, 31))
EASTER_DAY0 = D(2026, 3, 30)
CORONATION_DAY0 = D(2023, 5, 4)
FUNERAL_DAY0 = D(2022, 9, 15)


def dues(statuses: Iterable[MilestoneStatus]) -> dict[MilestoneKey, dt.date]:
    return {s.milestone.key: s.due for s in statuses}


# --- the plan: due dates across holidays ---------------------------------------------


def test_christmas_plan_with_nothing_done() -> None:
    clock = review_clock(XMAS_DAY0, {}, today=XMAS_DAY0)
    assert dues(clock.statuses) == {
        K.TEMPLATE_SENT: D(2025, 12, 23),  # day 2
        K.RETURNS_IN: D(2025, 12, 30),  # day 5, after Christmas and Boxing Day
        K.MEETING_HELD: D(2026, 1, 12),  # day 13
        K.SENT_TO_PANEL: D(2026, 1, 14),  # 2 after the meeting's due day 13: day 15
        K.COMPLETE: D(2026, 1, 14),  # day 15
    }
    meeting = clock.status(K.MEETING_HELD)
    assert meeting is not None
    assert meeting.earliest == D(2026, 1, 2)  # day 7: 1 Jan is a holiday
    assert clock.day == 0
    assert clock.of == 15
    assert clock.next is not None and clock.next.milestone.key is K.TEMPLATE_SENT
    assert [s.state for s in clock.statuses] == [State.DUE] * 5
    # Day 0 to Tue 23 Dec: days 1 and 2 left.
    assert clock.next.days_left == 2
    assert clock.summary == (
        "Day 0 of 15 · next: template sent to agencies; meeting date set "
        "by Tue 23 Dec 2025 (2 working days left)"
    )


def test_closure_days_push_the_plan_back() -> None:
    done = {K.TEMPLATE_SENT: D(2025, 12, 22), K.RETURNS_IN: D(2026, 1, 2)}
    # Fri 9 Jan is day 9 with 29-31 Dec closed; the meeting is due on day 13, Thu 15 Jan.
    clock = review_clock(XMAS_DAY0, done, today=D(2026, 1, 9), closures=XMAS_CLOSED)
    assert clock.summary == (
        "Day 9 of 15 · next: rapid review meeting held by Thu 15 Jan 2026 (4 working days left)"
    )
    assert dues(clock.statuses) == {
        K.TEMPLATE_SENT: D(2025, 12, 23),  # day 2
        K.RETURNS_IN: D(2026, 1, 5),  # day 5
        K.MEETING_HELD: D(2026, 1, 15),  # day 13
        K.SENT_TO_PANEL: D(2026, 1, 19),  # Fri 16 (1), Mon 19 (2) after Thu 15
        K.COMPLETE: D(2026, 1, 19),  # day 15
    }
    meeting = clock.status(K.MEETING_HELD)
    assert meeting is not None and meeting.earliest == D(2026, 1, 7)  # day 7
    # Returns came in on Fri 2 Jan, day 4 here: on time.
    returns = clock.status(K.RETURNS_IN)
    assert returns is not None and returns.state is State.DONE_ON_TIME
    # A generator is read once, like workdays' closures.
    again = review_clock(XMAS_DAY0, done, today=D(2026, 1, 9), closures=iter(XMAS_CLOSED))
    assert again == clock


def test_easter_plan() -> None:
    clock = review_clock(EASTER_DAY0, {}, today=EASTER_DAY0)
    assert dues(clock.statuses) == {
        K.TEMPLATE_SENT: D(2026, 4, 1),  # day 2
        K.RETURNS_IN: D(2026, 4, 8),  # day 5, over Good Friday and Easter Monday
        K.MEETING_HELD: D(2026, 4, 20),  # day 13
        K.SENT_TO_PANEL: D(2026, 4, 22),  # day 15
        K.COMPLETE: D(2026, 4, 22),  # day 15
    }
    meeting = clock.status(K.MEETING_HELD)
    assert meeting is not None and meeting.earliest == D(2026, 4, 10)  # day 7


def test_coronation_and_funeral_are_not_working_days() -> None:
    clock = review_clock(CORONATION_DAY0, {}, today=CORONATION_DAY0)
    assert dues(clock.statuses)[K.TEMPLATE_SENT] == D(2023, 5, 9)  # day 2, after Mon 8 May
    assert dues(clock.statuses)[K.COMPLETE] == D(2023, 5, 26)  # day 15
    clock = review_clock(FUNERAL_DAY0, {}, today=FUNERAL_DAY0)
    assert dues(clock.statuses)[K.TEMPLATE_SENT] == D(2022, 9, 20)  # day 2, after Mon 19 Sep
    assert dues(clock.statuses)[K.RETURNS_IN] == D(2022, 9, 23)  # day 5


# --- states ------------------------------------------------------------------------------


def test_done_on_time_and_late_and_the_panel_counted_from_the_meeting() -> None:
    done = {
        K.TEMPLATE_SENT: D(2025, 12, 22),  # day 1, due day 2: on time
        K.RETURNS_IN: D(2025, 12, 31),  # day 6, due day 5: late
        K.MEETING_HELD: D(2026, 1, 9),  # day 12, window 7-13: on time
        K.SENT_TO_PANEL: D(2026, 1, 15),  # due 2 after Fri 9 Jan: Tue 13; Thu 15 is late
        K.COMPLETE: D(2026, 1, 15),  # day 16: late
    }
    clock = review_clock(XMAS_DAY0, done, today=D(2026, 1, 20))
    states = {s.milestone.key: s.state for s in clock.statuses}
    assert states == {
        K.TEMPLATE_SENT: State.DONE_ON_TIME,
        K.RETURNS_IN: State.DONE_LATE,
        K.MEETING_HELD: State.DONE_ON_TIME,
        K.SENT_TO_PANEL: State.DONE_LATE,
        K.COMPLETE: State.DONE_LATE,
    }
    panel = clock.status(K.SENT_TO_PANEL)
    assert panel is not None and panel.due == D(2026, 1, 13)
    assert all(s.days_left is None for s in clock.statuses)
    assert clock.next is None
    assert clock.taken == 16
    assert clock.summary == "Complete: 16 working days (late)"


def test_complete_on_time() -> None:
    # Wed 14 Jan is day 15.
    clock = review_clock(XMAS_DAY0, {K.COMPLETE: D(2026, 1, 14)}, today=D(2026, 2, 1))
    assert clock.summary == "Complete: 15 working days (on time)"
    # Tue 13 Jan is day 14; an unrecorded step does not make a complete review "next".
    clock = review_clock(XMAS_DAY0, {K.COMPLETE: D(2026, 1, 13)}, today=D(2026, 2, 1))
    assert clock.summary == "Complete: 14 working days (on time)"
    assert clock.next is None


def test_a_step_never_dated_on_a_complete_review_is_not_recorded() -> None:
    # Complete on Fri 16 Jan (day 17) with the meeting never dated: the meeting
    # reads "not recorded", not "overdue"; the dated steps keep their states.
    done = {K.TEMPLATE_SENT: D(2025, 12, 22), K.COMPLETE: D(2026, 1, 16)}
    clock = review_clock(XMAS_DAY0, done, today=D(2026, 3, 1))
    states = {s.milestone.key: s.state for s in clock.statuses}
    assert states[K.MEETING_HELD] is State.NOT_RECORDED
    assert states[K.RETURNS_IN] is State.NOT_RECORDED
    assert states[K.TEMPLATE_SENT] is State.DONE_ON_TIME
    assert states[K.COMPLETE] is State.DONE_LATE
    assert clock.status(K.MEETING_HELD).days_left is None  # type: ignore[union-attr]
    # Open, the same undated meeting is overdue.
    open_clock = review_clock(XMAS_DAY0, {K.TEMPLATE_SENT: D(2025, 12, 22)}, D(2026, 3, 1))
    assert open_clock.status(K.MEETING_HELD).state is State.OVERDUE  # type: ignore[union-attr]


def test_early_meeting() -> None:
    # Wed 31 Dec is day 6, before the earliest day 7 (Fri 2 Jan).
    clock = review_clock(XMAS_DAY0, {K.MEETING_HELD: D(2025, 12, 31)}, today=D(2026, 1, 5))
    meeting = clock.status(K.MEETING_HELD)
    assert meeting is not None and meeting.state is State.DONE_EARLY
    # The panel is then due 2 after Wed 31 Dec: Fri 2 Jan (1), Mon 5 Jan (2).
    panel = clock.status(K.SENT_TO_PANEL)
    assert panel is not None and panel.due == D(2026, 1, 5)
    # Fri 2 Jan is day 7 itself: on time. So is Sun 4 Jan (still day 7).
    for held in (D(2026, 1, 2), D(2026, 1, 4)):
        clock = review_clock(XMAS_DAY0, {K.MEETING_HELD: held}, today=D(2026, 1, 5))
        meeting = clock.status(K.MEETING_HELD)
        assert meeting is not None and meeting.state is State.DONE_ON_TIME


def test_meeting_window_is_shown_before_it_opens() -> None:
    done = {K.TEMPLATE_SENT: D(2025, 12, 22), K.RETURNS_IN: D(2025, 12, 30)}
    # Wed 31 Dec is day 6; the window is Fri 2 Jan (day 7) to Mon 12 Jan (day 13).
    clock = review_clock(XMAS_DAY0, done, today=D(2025, 12, 31))
    assert clock.summary == (
        "Day 6 of 15 · next: rapid review meeting held between Fri 2 Jan 2026 "
        "and Mon 12 Jan 2026 (7 working days left)"
    )


def test_standing() -> None:
    # Template due day 2 (Tue 23 Dec): on Mon 22 Dec (day 1) it is due the next
    # working day; on Fri 19 Dec (day 0) two working days remain; on Wed 24 Dec
    # (day 3), not sent, it is overdue.
    assert review_clock(XMAS_DAY0, {}, today=XMAS_DAY0).standing is Standing.ON_TIME
    assert review_clock(XMAS_DAY0, {}, today=D(2025, 12, 22)).standing is Standing.DUE
    assert review_clock(XMAS_DAY0, {}, today=D(2025, 12, 24)).standing is Standing.OVERDUE
    # Complete on Wed 14 Jan (day 15) is on time; Thu 15 Jan (day 16) is late.
    on_time = review_clock(XMAS_DAY0, {K.COMPLETE: D(2026, 1, 14)}, today=D(2026, 2, 1))
    late = review_clock(XMAS_DAY0, {K.COMPLETE: D(2026, 1, 15)}, today=D(2026, 2, 1))
    assert (on_time.standing, late.standing) == (Standing.ON_TIME, Standing.SENT_LATE)


def test_overdue() -> None:
    # Easter Monday is day 3 (the Thursday before); the template was due Wed 1 Apr (day 2).
    clock = review_clock(EASTER_DAY0, {}, today=D(2026, 4, 6))
    assert clock.day == 3
    template = clock.status(K.TEMPLATE_SENT)
    returns = clock.status(K.RETURNS_IN)
    assert template is not None and template.state is State.OVERDUE
    assert template.days_left == -1
    assert returns is not None and returns.state is State.DUE
    assert returns.days_left == 2  # Tue 7 (4), Wed 8 (5)
    assert clock.summary == (
        "Day 3 of 15 · overdue: template sent to agencies; meeting date set "
        "by Wed 1 Apr 2026 (1 working day overdue)"
    )


def test_day_19_of_15() -> None:
    done = {
        K.TEMPLATE_SENT: D(2025, 12, 22),
        K.RETURNS_IN: D(2025, 12, 30),
        K.MEETING_HELD: D(2026, 1, 9),
        K.SENT_TO_PANEL: D(2026, 1, 13),
    }
    # Tue 20 Jan is day 19; complete was due Wed 14 Jan, 4 working days ago (15, 16, 19, 20).
    clock = review_clock(XMAS_DAY0, done, today=D(2026, 1, 20))
    assert clock.day == 19
    assert clock.of == 15
    assert clock.next is not None and clock.next.milestone.key is K.COMPLETE
    assert clock.next.state is State.OVERDUE and clock.next.days_left == -4
    assert clock.summary == (
        "Day 19 of 15 · overdue: whole review completed by Wed 14 Jan 2026 (4 working days overdue)"
    )


def test_due_today_and_the_weekend_after() -> None:
    done = {K.TEMPLATE_SENT: D(2026, 3, 31)}
    # Returns are due Wed 8 Apr, day 5.
    clock = review_clock(EASTER_DAY0, done, today=D(2026, 4, 8))
    assert clock.next is not None and clock.next.days_left == 0
    assert clock.next.state is State.DUE
    assert clock.summary.endswith("by Wed 8 Apr 2026 (due today)")
    # The meeting due Mon 20 Apr (day 13); on Sat 18 Apr it is still day 12 and due.
    done = {K.TEMPLATE_SENT: D(2026, 3, 31), K.RETURNS_IN: D(2026, 4, 8)}
    clock = review_clock(EASTER_DAY0, done, today=D(2026, 4, 18))
    assert clock.day == 12
    assert clock.next is not None and clock.next.days_left == 1
    # Template due Tue 20 Sep 2022 (day 2); Sat 24 Sep is day 5, 3 working days after it.
    clock = review_clock(FUNERAL_DAY0, {}, today=D(2022, 9, 24))
    assert clock.next is not None and clock.next.days_left == -3


def test_weekend_after_the_due_day_is_not_yet_overdue() -> None:
    # Returns due Fri 23 Sep 2022 (day 5); Sat 24 Sep still counts as Friday.
    done = {K.TEMPLATE_SENT: D(2022, 9, 16)}
    clock = review_clock(FUNERAL_DAY0, done, today=D(2022, 9, 24))
    assert clock.next is not None and clock.next.milestone.key is K.RETURNS_IN
    assert clock.next.state is State.DUE and clock.next.days_left == 0
    assert clock.summary.endswith("by Fri 23 Sep 2022 (no working days left)")
    # Mon 26 Sep is day 6: overdue by one.
    clock = review_clock(FUNERAL_DAY0, done, today=D(2022, 9, 26))
    assert clock.next is not None and clock.next.state is State.OVERDUE
    assert clock.next.days_left == -1


def test_done_on_a_holiday_counts_as_the_working_day_before() -> None:
    # Template sent on Mon 19 Sep 2022, the funeral: still day 1, on time.
    clock = review_clock(FUNERAL_DAY0, {K.TEMPLATE_SENT: D(2022, 9, 19)}, today=D(2022, 9, 19))
    assert clock.day == 1
    template = clock.status(K.TEMPLATE_SENT)
    assert template is not None and template.state is State.DONE_ON_TIME
    # Completed Sat 27 May 2023 or on Mon 29 May (bank holiday): day 15, on time;
    # Tue 30 May is day 16, late.
    for completed, state in (
        (D(2023, 5, 27), State.DONE_ON_TIME),
        (D(2023, 5, 29), State.DONE_ON_TIME),
        (D(2023, 5, 30), State.DONE_LATE),
    ):
        clock = review_clock(CORONATION_DAY0, {K.COMPLETE: completed}, today=D(2023, 6, 30))
        assert clock.complete.state is state


# --- the day number --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "day"),
    [
        (D(2025, 12, 19), 0),  # day 0 itself
        (D(2025, 12, 20), 0),  # Saturday after day 0
        (D(2025, 12, 22), 1),
        (D(2025, 12, 25), 3),  # Christmas Day counts as Wed 24 Dec
        (D(2025, 12, 28), 3),  # Sunday, still day 3
        (D(2026, 1, 1), 6),  # New Year's Day counts as Wed 31 Dec
        (D(2026, 1, 3), 7),  # Saturday after Fri 2 Jan
        (D(2026, 1, 14), 15),
        (D(2026, 1, 18), 17),  # Sunday after Fri 16 Jan
    ],
)
def test_day_number_on_weekends_and_holidays(today: dt.date, day: int) -> None:
    assert review_clock(XMAS_DAY0, {}, today=today).day == day


def test_day_number_with_closures() -> None:
    # Closed 29-31 Dec: Wed 31 Dec still counts as Wed 24 Dec, day 3; Fri 2 Jan is day 4.
    assert review_clock(XMAS_DAY0, {}, D(2025, 12, 31), closures=XMAS_CLOSED).day == 3
    assert review_clock(XMAS_DAY0, {}, D(2026, 1, 2), closures=XMAS_CLOSED).day == 4


def test_before_day_0() -> None:
    # Thu 18 Dec is one working day before Fri 19 Dec.
    clock = review_clock(XMAS_DAY0, {}, today=D(2025, 12, 18))
    assert clock.day == -1
    assert clock.summary.startswith("Starts Fri 19 Dec 2025 · next: template sent")


# --- working days taken and the on-time rate -------------------------------------------


def test_working_days_taken() -> None:
    assert working_days_taken(XMAS_DAY0, D(2026, 1, 14)) == 15  # Wed 14 Jan
    assert working_days_taken(XMAS_DAY0, D(2026, 1, 14), XMAS_CLOSED) == 12
    assert working_days_taken(CORONATION_DAY0, D(2023, 5, 29)) == 15  # bank holiday Monday
    assert working_days_taken(CORONATION_DAY0, D(2023, 5, 30)) == 16
    assert working_days_taken(XMAS_DAY0, XMAS_DAY0) == 0
    assert on_time(CORONATION_DAY0, D(2023, 5, 29))
    assert not on_time(CORONATION_DAY0, D(2023, 5, 30))
    assert on_time(CORONATION_DAY0, D(2023, 5, 30), within=16)
    # Closed 29-31 Dec: Mon 19 Jan is day 15, on time; without the closures it is day 18.
    assert on_time(XMAS_DAY0, D(2026, 1, 19), closures=XMAS_CLOSED)
    assert not on_time(XMAS_DAY0, D(2026, 1, 19))


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(dates, dates, st.lists(dates, max_size=5))
def test_taken_matches_working_days_between(a: dt.date, b: dt.date, shut: list[dt.date]) -> None:
    assert working_days_taken(a, b, shut) == working_days_between(a, b, shut)


@given(dates, st.integers(min_value=0, max_value=60), st.lists(dates, max_size=5))
def test_complete_state_agrees_with_on_time(day0: dt.date, later: int, shut: list[dt.date]) -> None:
    completed = day0 + dt.timedelta(days=later)
    clock = review_clock(day0, {K.COMPLETE: completed}, completed, closures=shut)
    assert (clock.complete.state is State.DONE_ON_TIME) == on_time(day0, completed, 15, shut)
    assert clock.taken == working_days_between(day0, completed, shut)


@given(dates, dates)
def test_days_left_sign_matches_state(day0: dt.date, today: dt.date) -> None:
    clock = review_clock(day0, {}, today)
    for status in clock.statuses:
        assert status.days_left is not None
        assert (status.days_left < 0) == (status.state is State.OVERDUE)


# --- the setting ---------------------------------------------------------------------


def test_default_text_round_trip() -> None:
    text = milestones_text(DEFAULT_MILESTONES)
    assert text == "template 2; returns 5; meeting 7-13; panel 2 after meeting; complete 15"
    assert read_milestones(text) == DEFAULT_MILESTONES


def test_default_milestones_are_the_domain_timeline() -> None:
    by_key = {m.key: m for m in DEFAULT_MILESTONES}
    assert by_key[K.TEMPLATE_SENT].label == "Template sent to agencies; meeting date set"
    assert (by_key[K.MEETING_HELD].not_before, by_key[K.MEETING_HELD].within) == (7, 13)
    assert by_key[K.SENT_TO_PANEL].after is K.MEETING_HELD
    assert by_key[K.COMPLETE].within == 15


def test_setting_as_typed_loosely() -> None:
    typed = (
        "Complete within 15 working days\n"
        "meeting between days 7 and 13;  TEMPLATE 2 days; returns_in 5;"
        "panel 2 working days of the meeting;"
    )
    assert read_milestones(typed) == DEFAULT_MILESTONES
    assert read_milestones("meeting 5\u20139; complete 20") == (
        Milestone(K.MEETING_HELD, LABELS[K.MEETING_HELD], 9, not_before=5),
        Milestone(K.COMPLETE, LABELS[K.COMPLETE], 20),
    )


@given(
    st.lists(
        st.tuples(
            st.integers(1, 40),
            st.one_of(st.none(), st.integers(1, 40)),
            st.booleans(),
        ),
        min_size=4,
        max_size=4,
    ),
    st.integers(1, 60),
)
def test_any_setting_round_trips(
    parts: list[tuple[int, int | None, bool]], complete_within: int
) -> None:
    milestones = []
    # Each of the first four may be counted after the one before it (never a circle).
    keys = list(MilestoneKey)[:4]
    for index, (within, first, chained) in enumerate(parts):
        not_before = None if first is None else min(first, within)
        after = keys[index - 1] if chained and index > 0 else None
        milestones.append(Milestone(keys[index], LABELS[keys[index]], within, after, not_before))
    milestones.append(Milestone(K.COMPLETE, LABELS[K.COMPLETE], complete_within))
    assert read_milestones(milestones_text(milestones)) == tuple(milestones)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no milestones given"),
        (" ; \n ", "no milestones given"),
        ("template 2; returns 5", "add “complete 15”"),
        ("template 2; complete 15; template 3", "template is given twice"),
        ("agenda 2; complete 15", "“agenda” is not a milestone: use template, returns"),
        ("template; complete 15", "“template” needs a number of working days"),
        ("template two; complete 15", "“template two” needs a number of working days"),
        ("template 2 soon; complete 15", "“template 2 soon” cannot be read"),
        ("meeting 13-7; complete 15", "the first day (13) is after the last (7)"),
        ("template 0; complete 15", "template: the working days allowed must be from 1 to 260"),
        ("complete 1500", "must be from 1 to 260, not 1500"),
        ("meeting 0-13; complete 15", "the earliest working day must be from 1"),
        ("panel 2 after panel; complete 15", "panel cannot be counted after itself"),
        ("panel 2 after lunch; complete 15", "“lunch” is not a milestone"),
        (
            "panel 2 after meeting; complete 15",
            "panel is counted after meeting, which is not given",
        ),
        ("complete 15 after meeting; meeting 7-13", "complete is counted from day 0"),
        (
            "meeting 2 after panel; panel 2 after meeting; complete 15",
            "meeting, panel are each counted after another in a circle",
        ),
        ("template -2; complete 15", "“template -2” cannot be read"),
    ],
)
def test_setting_refusals(text: str, problem: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_milestones(text)
    assert problem in str(caught.value)


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(ValueError) as caught:
        read_milestones("agenda 2; meeting 13-7; complete 15")
    assert "“agenda” is not a milestone" in str(caught.value)
    assert "the first day (13) is after the last (7)" in str(caught.value)


# --- milestones the clock refuses ----------------------------------------------------


def test_clock_refuses_milestones_that_make_no_clock() -> None:
    template = Milestone(K.TEMPLATE_SENT, "Template", 2)
    with pytest.raises(ValueError, match="complete"):
        review_clock(XMAS_DAY0, {}, XMAS_DAY0, milestones=[template])
    with pytest.raises(ValueError, match="given twice"):
        review_clock(XMAS_DAY0, {}, XMAS_DAY0, milestones=[*DEFAULT_MILESTONES, template])
    with pytest.raises(ValueError, match="earliest working day"):
        Milestone(K.MEETING_HELD, "Meeting", 7, not_before=13)
    with pytest.raises(TypeError, match="must be a date"):
        review_clock(XMAS_DAY0, {}, dt.datetime(2026, 1, 5, 9, 0))


def test_custom_milestones_and_ignored_keys() -> None:
    milestones = read_milestones("meeting 10; complete 20")
    # Meeting due day 10: Wed 7 Jan; complete day 20: Wed 21 Jan (Tue 20 is 19).
    clock = review_clock(
        XMAS_DAY0, {K.TEMPLATE_SENT: D(2025, 12, 22)}, today=D(2026, 1, 5), milestones=milestones
    )
    assert dues(clock.statuses) == {K.MEETING_HELD: D(2026, 1, 7), K.COMPLETE: D(2026, 1, 21)}
    assert clock.of == 20
    assert clock.status(K.TEMPLATE_SENT) is None
    assert clock.summary == (
        "Day 8 of 20 · next: rapid review meeting held by Wed 7 Jan 2026 (2 working days left)"
    )
