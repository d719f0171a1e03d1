"""The escalation policy (store/domain/escalation_policy.py): the setting as a
chair types it, read and written back; the policy an escalation keeps (JSON);
and each stage's due date.

Every expected date below is counted by hand from a calendar, never by the code
under test. The day a stage is entered is not counted. Calendars used:

November and December 2026 (no bank holidays until Christmas):
    Mon 23 Nov entered: 1 Tue 24   2 Wed 25   3 Thu 26   4 Fri 27   5 Mon 30 Nov
        6 Tue 1 Dec ... 9 Fri 4 Dec   10 Mon 7 ... 14 Fri 11 Dec
    Fri 27 Nov entered: 1 Mon 30   2 Tue 1 Dec   3 Wed 2   4 Thu 3   5 Fri 4 Dec
        6 Mon 7 ... 10 Fri 11   11 Mon 14   12 Tue 15   13 Wed 16   14 Thu 17 Dec

Christmas 2026 (Fri 25 Dec; Boxing Day is a Saturday, so Mon 28 Dec is its
substitute; Fri 1 Jan 2027), entered Mon 21 Dec 2026:
    1 Tue 22   2 Wed 23   3 Thu 24   (25 to 28 off)   4 Tue 29   5 Wed 30 Dec
    6 Thu 31   (1 Jan off)   7 Mon 4 Jan   8 Tue 5   9 Wed 6   10 Thu 7
    11 Fri 8   12 Mon 11   13 Tue 12   14 Wed 13 Jan 2027
  The same with the partnership closed on 29, 30 and 31 Dec:
    1 Tue 22   2 Wed 23   3 Thu 24   4 Mon 4 Jan   5 Tue 5 Jan 2027

Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr), entered Thu 2 Apr:
    (3 to 6 off)   1 Tue 7   2 Wed 8   3 Thu 9   4 Fri 10   5 Mon 13 Apr
    6 Tue 14   7 Wed 15   8 Thu 16   9 Fri 17   10 Mon 20 ... 14 Fri 24 Apr
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from store.domain import errors
from store.domain.escalation_policy import (
    DEFAULT_POLICY,
    MAX_STAGES,
    Policy,
    Stage,
    policy_from_json,
    policy_text,
    read_policy,
)
from store.domain.models import Settings, validate
from store.domain.workdays import is_working_day, working_days_between

D = dt.date
UTC = dt.UTC

DEFAULT_TEXT = (
    "Practitioners (practitioner to practitioner) 5; "
    "Line managers (line managers and designated safeguarding leads) 5; "
    "Senior managers (senior managers and heads of service) 5; "
    "Partnership executive (the partnership executive, with the scrutineer) 14; "
    "urgent 24 hours"
)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=UTC)


# -- the default ---------------------------------------------------------------------


def test_the_default_is_domain_md_s_four_stages() -> None:
    assert [s.days for s in DEFAULT_POLICY.stages] == [5, 5, 5, 14]
    assert DEFAULT_POLICY.urgent_hours == 24
    assert DEFAULT_POLICY.last == 4
    assert DEFAULT_POLICY.stage(2).name == "Line managers"
    assert DEFAULT_POLICY.label(1) == "Stage 1 (Practitioners)"
    assert DEFAULT_POLICY.label(4) == "Stage 4 (Partnership executive)"
    assert DEFAULT_POLICY.label(7) == "Stage 7"
    for number in (0, 5, -1):
        with pytest.raises(ValueError, match="4 stages"):
            DEFAULT_POLICY.stage(number)


def test_the_default_text_round_trips() -> None:
    assert policy_text(DEFAULT_POLICY) == DEFAULT_TEXT
    assert read_policy(DEFAULT_TEXT) == DEFAULT_POLICY
    assert read_policy(policy_text(DEFAULT_POLICY)) == DEFAULT_POLICY
    # As the JSON an escalation keeps, too.
    assert policy_from_json(DEFAULT_POLICY.to_json()) == DEFAULT_POLICY


def test_the_settings_form_shows_the_default_for_a_blank_setting() -> None:
    assert Settings().escalation_policy == DEFAULT_TEXT
    assert validate(Settings, {"escalation_policy": None}).escalation_policy == DEFAULT_TEXT
    assert validate(Settings, {"escalation_policy": "  "}).escalation_policy == DEFAULT_TEXT
    # What a chair types is written back the one way.
    typed = "Frontline (practitioners) 3\nBoard   (the executive)  10 working days"
    assert validate(Settings, {"escalation_policy": typed}).escalation_policy == (
        "Frontline (practitioners) 3; Board (the executive) 10; urgent 24 hours"
    )


# -- reading what a chair types ------------------------------------------------------------


def test_stages_renamed_and_limits_changed() -> None:
    policy = read_policy(
        "Frontline (practitioners) 3; Managers (team managers) 7 working days;\n"
        "Heads of service (heads of service) 10 days; Board (the executive) 20 day"
    )
    assert policy == Policy(
        (
            Stage("Frontline", "practitioners", 3),
            Stage("Managers", "team managers", 7),
            Stage("Heads of service", "heads of service", 10),
            Stage("Board", "the executive", 20),
        ),
        24,
    )
    assert read_policy(policy_text(policy)) == policy


def test_a_five_stage_policy() -> None:
    text = (
        "Practitioners (practitioner to practitioner) 2; Team managers (team managers) 5; "
        "Safeguarding leads (designated safeguarding leads) 5; Heads (heads of service) 10; "
        "Executive (the partnership executive) 14; urgent 12 hours"
    )
    policy = read_policy(text)
    assert len(policy.stages) == 5 and policy.last == 5
    assert [s.days for s in policy.stages] == [2, 5, 5, 10, 14]
    assert policy.stage(5) == Stage("Executive", "the partnership executive", 14)
    assert policy.label(5) == "Stage 5 (Executive)"
    assert policy.urgent_hours == 12
    assert policy_text(policy) == text
    assert policy_from_json(policy.to_json()) == policy


def test_the_limits_of_what_may_be_typed_are_accepted() -> None:
    six = "; ".join(f"S{n} (holder {n}) {n * 10}" for n in range(1, MAX_STAGES + 1))
    assert read_policy(six).last == MAX_STAGES
    assert read_policy("A (x) 1; B (y) 60; urgent 1 hour").urgent_hours == 1
    assert read_policy("A (x) 1; B (y) 60; urgent 168 hours").urgent_hours == 168


@pytest.mark.parametrize(
    ("typed", "hours"),
    [
        ("urgent 24 hours", 24),
        ("Urgent 48 hours", 48),
        ("URGENT 12h", 12),
        ("urgent route 6 hours", 6),
        ("urgent 1 hour", 1),
        ("urgent 36", 36),
        ("  urgent   72   hours ", 72),
    ],
)
def test_the_urgent_route_s_hours(typed: str, hours: int) -> None:
    policy = read_policy(f"A (x) 5; {typed}; B (y) 5")
    assert policy.urgent_hours == hours
    assert [s.name for s in policy.stages] == ["A", "B"]
    assert read_policy(policy_text(policy)) == policy


def test_the_urgent_route_left_out_is_24_hours() -> None:
    assert read_policy("A (x) 5; B (y) 5").urgent_hours == 24


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Practitioners 5; Managers (line managers) 5", "“Practitioners 5” cannot be read"),
        ("A (x) five; B (y) 5", "cannot be read"),
        ("A (x) 5; B (y) 5; whatever", "“whatever” cannot be read"),
        ("A (x) 0; B (y) 5", "“A” needs 1 to 60 working days, not 0"),
        ("A (x) 5; B (y) 61", "“B” needs 1 to 60 working days, not 61"),
        ("A (x) 5", "give 2 to 6 stages"),
        ("", "give 2 to 6 stages"),
        ("urgent 24 hours", "give 2 to 6 stages"),
        ("; ".join(f"S{n} (h) 5" for n in range(7)), "give 2 to 6 stages"),
        ("Managers (x) 5; managers (y) 5", "two stages have the same name"),
        ("A () 5; B (y) 5", "“A”: say who holds it, in brackets"),
        ("A (   ) 5; B (y) 5", "say who holds it"),
        ("A (x) 5; B (y) 5; urgent 0 hours", "the urgent route needs 1 to 168 hours, not 0"),
        ("A (x) 5; B (y) 5; urgent 169 hours", "not 169"),
    ],
)
def test_what_cannot_be_a_policy_is_said_in_words(typed: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        read_policy(typed)
    message = str(caught.value)
    assert words in message
    assert "Traceback" not in message and "Error" not in message
    if not typed:
        return  # a blank setting is the default (above)
    # The settings form shows the same words under the field.
    with pytest.raises(errors.InvalidValue) as bad:
        validate(Settings, {"escalation_policy": typed})
    assert list(bad.value.errors) == ["escalation_policy"]
    assert words in bad.value.errors["escalation_policy"]


def test_every_problem_is_named_at_once() -> None:
    with pytest.raises(ValueError) as caught:
        read_policy("A (x) 0; B (y) 99; nonsense")
    message = str(caught.value)
    assert "“A” needs" in message and "“B” needs" in message and "“nonsense”" in message


# -- the policy an escalation keeps ---------------------------------------------------------


def test_the_kept_policy_is_read_back_as_it_was() -> None:
    policy = Policy((Stage("One", "first", 3), Stage("Two", "second", 9)), 48)
    assert json.loads(policy.to_json()) == {
        "stages": [
            {"name": "One", "holder": "first", "days": 3},
            {"name": "Two", "holder": "second", "days": 9},
        ],
        "urgent_hours": 48,
    }
    assert policy_from_json(policy.to_json()) == policy


def _stage(days: object = 5, name: object = "A") -> dict[str, object]:
    return {"name": name, "holder": "x", "days": days}


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "",
        "not json",
        "{",
        "[]",
        "{}",
        "null",
        "42",
        '"stages"',
        json.dumps({"stages": []}),
        json.dumps({"stages": 5}),
        json.dumps({"stages": "AB"}),
        json.dumps({"stages": [{"name": "A"}, {"name": "B"}]}),
        json.dumps({"stages": [_stage("many"), _stage(name="B")]}),
        json.dumps({"stages": [_stage(), _stage(name="B")], "urgent_hours": "soon"}),
        json.dumps({"stages": [[1, 2], [3, 4]]}),
        '{"stages": [{"name": "A", "holder": "x", "days": 1e400}, '
        '{"name": "B", "holder": "x", "days": 5}]}',
        '{"stages": [{"name": "A", "holder": "x", "days": 5}, '
        '{"name": "B", "holder": "x", "days": 5}], "urgent_hours": 1e400}',
        # Limits no policy read from the setting could have.
        json.dumps({"stages": [_stage(0), _stage(name="B")]}),
        json.dumps({"stages": [_stage(-3), _stage(name="B")]}),
        json.dumps({"stages": [_stage(61), _stage(name="B")]}),
        json.dumps({"stages": [_stage(), _stage(name="B")], "urgent_hours": 0}),
        json.dumps({"stages": [_stage(), _stage(name="B")], "urgent_hours": -24}),
        json.dumps({"stages": [_stage(name=f"S{n}") for n in range(MAX_STAGES + 1)]}),
    ],
)
def test_a_spoiled_kept_policy_is_the_default(junk: str | None) -> None:
    assert policy_from_json(junk) == DEFAULT_POLICY


def test_a_kept_policy_without_urgent_hours_has_24() -> None:
    text = json.dumps({"stages": [_stage(3), _stage(4, "B")]})
    assert policy_from_json(text) == Policy((Stage("A", "x", 3), Stage("B", "x", 4)), 24)


# -- due dates ----------------------------------------------------------------------------


def test_each_default_stage_is_due_its_working_days_after_the_day_entered() -> None:
    entered = at(D(2026, 11, 23), 10)  # a Monday
    dues = [DEFAULT_POLICY.due(n, entered, urgent=False) for n in (1, 2, 3, 4)]
    assert dues == [
        (D(2026, 11, 30), None),
        (D(2026, 11, 30), None),
        (D(2026, 11, 30), None),
        (D(2026, 12, 11), None),
    ]


def test_a_stage_entered_on_a_friday() -> None:
    entered = at(D(2026, 11, 27), 16)
    assert DEFAULT_POLICY.due(1, entered, urgent=False) == (D(2026, 12, 4), None)
    assert DEFAULT_POLICY.due(4, entered, urgent=False) == (D(2026, 12, 17), None)


def test_a_stage_entered_at_the_weekend_counts_from_the_friday() -> None:
    for day in (D(2026, 11, 28), D(2026, 11, 29)):
        assert DEFAULT_POLICY.due(1, at(day, 11), urgent=False) == (D(2026, 12, 4), None)


def test_bank_holidays_push_the_due_date_back() -> None:
    christmas = at(D(2026, 12, 21), 9)
    assert DEFAULT_POLICY.due(1, christmas, urgent=False)[0] == D(2026, 12, 30)
    assert DEFAULT_POLICY.due(4, christmas, urgent=False)[0] == D(2027, 1, 13)
    easter = at(D(2026, 4, 2), 9)
    assert DEFAULT_POLICY.due(2, easter, urgent=False)[0] == D(2026, 4, 13)
    assert DEFAULT_POLICY.due(4, easter, urgent=False)[0] == D(2026, 4, 24)


def test_the_partnership_s_closure_days_push_it_back_too() -> None:
    shut = frozenset({D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)})
    entered = at(D(2026, 12, 21), 9)
    assert DEFAULT_POLICY.due(1, entered, urgent=False, closures=shut) == (D(2027, 1, 5), None)
    # A closure day after the due date changes nothing.
    later = frozenset({D(2026, 12, 2)})
    assert DEFAULT_POLICY.due(1, at(D(2026, 11, 23), 9), urgent=False, closures=later) == (
        D(2026, 11, 30),
        None,
    )


def test_each_stage_uses_its_own_limit() -> None:
    policy = read_policy("A (x) 1; B (y) 2; C (z) 3; D (w) 10; E (v) 60")
    entered = at(D(2026, 11, 23), 9)  # Monday
    assert [policy.due(n, entered, urgent=False)[0] for n in range(1, 6)] == [
        D(2026, 11, 24),  # Tue
        D(2026, 11, 25),  # Wed
        D(2026, 11, 26),  # Thu
        D(2026, 12, 7),  # 5 Fri 27 Nov ... 10 Mon 7 Dec (10 - 4 = 6 after Fri 27)
        # 60 working days after Mon 23 Nov 2026: 5 to Mon 30 Nov; 26 to Thu
        # 31 Dec (25 and 28 Dec off); 1 Jan off, so 31 to Fri 8 Jan, 46 to Fri
        # 29 Jan, 56 to Fri 12 Feb; then Mon 15 to Thu 18 Feb are 57 to 60.
        D(2027, 2, 18),
    ]
    with pytest.raises(ValueError):
        policy.due(6, entered, urgent=False)


def test_a_due_date_is_always_the_limit_th_working_day_after() -> None:
    """Counted the other way, by ``working_days_between``, for every day of 2026."""
    shut = frozenset({D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31), D(2026, 8, 28)})
    policy = read_policy("A (x) 1; B (y) 5; C (z) 14; D (w) 60")
    day = D(2026, 1, 1)
    while day.year == 2026:
        for number, stage in enumerate(policy.stages, start=1):
            due, moment = policy.due(number, at(day, 12), urgent=False, closures=shut)
            assert moment is None
            assert is_working_day(due, shut), (day, stage)
            assert working_days_between(day, due, shut) == stage.days, (day, stage)
            before = due - dt.timedelta(days=1)
            assert working_days_between(day, before, shut) == stage.days - 1, (day, stage)
        day += dt.timedelta(days=1)


# -- the urgent route -----------------------------------------------------------------------


def test_the_urgent_route_is_24_calendar_hours_from_the_moment() -> None:
    friday = at(D(2026, 11, 27), 14, 30)
    for number in (1, 2, 3, 4):
        assert DEFAULT_POLICY.due(number, friday, urgent=True) == (
            D(2026, 11, 28),
            at(D(2026, 11, 28), 14, 30),
        )
    # Late on a Friday: due late on the Saturday, not on Monday.
    late = at(D(2026, 11, 27), 23, 10)
    assert DEFAULT_POLICY.due(1, late, urgent=True) == (
        D(2026, 11, 28),
        at(D(2026, 11, 28), 23, 10),
    )
    # Christmas Eve: due on Christmas Day, bank holidays and closures or not.
    eve = at(D(2026, 12, 24), 12)
    shut = frozenset({D(2026, 12, 29)})
    assert DEFAULT_POLICY.due(1, eve, urgent=True, closures=shut) == (
        D(2026, 12, 25),
        at(D(2026, 12, 25), 12),
    )


def test_the_urgent_route_uses_the_policy_s_hours() -> None:
    policy = read_policy("A (x) 5; B (y) 5; urgent 72 hours")
    friday = at(D(2026, 12, 18), 10)
    assert policy.due(2, friday, urgent=True) == (D(2026, 12, 21), at(D(2026, 12, 21), 10))
    # The moment keeps its offset: 23:30 in London summer time is due at 23:30.
    bst = dt.timezone(dt.timedelta(hours=1))
    entered = dt.datetime(2026, 7, 3, 23, 30, tzinfo=bst)
    due, moment = policy.due(1, entered, urgent=True)
    assert moment == dt.datetime(2026, 7, 6, 23, 30, tzinfo=bst)
    assert due == D(2026, 7, 6)
