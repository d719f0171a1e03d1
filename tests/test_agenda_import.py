"""Pasting an agenda: clock times, durations, lists and tables become items; nothing is lost."""

# Chairs paste en and em dashes as Word and Outlook type them; the tests must too.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.domain.agenda_paste import PastedAgenda, parse_agenda, split_lines
from store.domain.models import Purpose

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def titles(agenda: PastedAgenda) -> list[str]:
    return [item.title for item in agenda.items]


def only(text: str) -> tuple[str, int | None, Purpose | None, str | None]:
    """The single item ``text`` gives, as (title, minutes, purpose, presenter)."""
    agenda = parse_agenda(text)
    assert agenda.unreadable == []
    assert len(agenda.items) == 1, agenda
    item = agenda.items[0]
    return item.title, item.planned_minutes, item.purpose, item.presenter


def test_learning_event_agenda_from_domain_brief() -> None:
    text = (FIXTURES / "learning_event_agenda.txt").read_text(encoding="utf-8")
    agenda = parse_agenda(text)

    assert [item.planned_minutes for item in agenda.items] == [
        20,
        5,
        10,
        25,
        20,
        10,
        60,
        20,
        50,
        15,
        5,
    ]
    assert titles(agenda)[0] == "Arrival, registration and lunch"
    assert titles(agenda)[2:4] == [
        "Legal framework and statutory guidance",
        "National perspectives from police and health",
    ]
    assert titles(agenda)[-1] == "Closing remarks"
    assert agenda.start == dt.time(12, 30)
    assert agenda.finish == dt.time(16, 30)
    assert agenda.items[6].start == dt.time(14, 0)
    assert [item.line for item in agenda.items] == list(range(1, 12))
    assert agenda.unreadable == []
    assert all(item.purpose is None and item.presenter is None for item in agenda.items)


def test_indented_paste_reads_the_same() -> None:
    # As it sits in domain.md and in many emails: indented four spaces (a Markdown code block).
    text = (FIXTURES / "learning_event_agenda.txt").read_text(encoding="utf-8")
    indented = "\n".join("    " + line for line in text.splitlines())
    assert parse_agenda(indented).items == parse_agenda(text).items


def test_agenda_pasted_from_an_email() -> None:
    text = (
        "Safeguarding Partnership Executive – Agenda\r\n"
        "Thursday 21 January 2027, 10:00–12:00, Room 3\r\n"
        "\r\n"
        "10.00 – 10.05\tWelcome, introductions and apologies (Chair)\r\n"
        "10.05 – 10.15\tMinutes of the last meeting and action log – to agree\r\n"
        "10.15\tRapid review: Child A – for decision – presented by DCI Jones\r\n"
        "10:45\tEscalations update (for information) (AB)\r\n"
        "11.15\tAny other business (AOB)\r\n"
        "11.25\tItems for the next agenda\r\n"
        "11.30\tClose\r\n"
    )
    agenda = parse_agenda(text)
    assert [(i.title, i.planned_minutes, i.purpose, i.presenter) for i in agenda.items] == [
        ("Welcome, introductions and apologies (Chair)", 5, None, None),
        ("Minutes of the last meeting and action log", 10, Purpose.DECISION, None),
        ("Rapid review: Child A", 30, Purpose.DECISION, "DCI Jones"),
        ("Escalations update", 30, Purpose.INFORMATION, "AB"),
        ("Any other business (AOB)", 10, None, None),
        ("Items for the next agenda", 5, None, None),
    ]
    assert (agenda.start, agenda.finish) == (dt.time(10), dt.time(11, 30))
    assert agenda.skipped == [1, 2, 3, 10, 11]
    assert agenda.unreadable == []


def test_markdown_bullet_list_with_durations() -> None:
    agenda = parse_agenda(
        "# Agenda\n\n"
        "- Welcome and apologies (5 mins)\n"
        "- **Minutes** of the last meeting [10]\n"
        "* Budget – 20 minutes\n"
        "- Annual report 15m\n"
        "- Effective implementation — 1 hour\n"
        "- Learning review 1h 30m\n"
        "- Any other business\n"
    )
    assert titles(agenda) == [
        "Welcome and apologies",
        "Minutes of the last meeting",
        "Budget",
        "Annual report",
        "Effective implementation",
        "Learning review",
        "Any other business",
    ]
    assert [item.planned_minutes for item in agenda.items] == [5, 10, 20, 15, 60, 90, None]
    assert agenda.unreadable == []
    assert agenda.start is None and agenda.finish is None
    assert 1 in agenda.skipped  # the heading


def test_markdown_ordered_list_folds_nested_bullets_into_their_parent() -> None:
    agenda = parse_agenda(
        "1. Matters arising (10 mins)\n"
        "   - action 12 closed\n"
        "   - action 14 re-dated\n"
        "     - nested deeper\n"
        "2. Rapid review: Child A (for decision)\n"
        "   * chronology\n"
        "3) Escalations\n"
    )
    assert titles(agenda) == ["Matters arising", "Rapid review: Child A", "Escalations"]
    assert [item.line for item in agenda.items] == [1, 5, 7]
    assert agenda.items[0].planned_minutes == 10
    assert agenda.items[1].purpose is Purpose.DECISION
    assert agenda.skipped == [2, 3, 4, 6, 8]
    assert agenda.unreadable == []


def test_unindented_line_after_a_list_is_its_own_item() -> None:
    # Markdown would fold "AOB" into item 2 as a lazy continuation; a chair means a new line.
    agenda = parse_agenda("1. Welcome\n2. Minutes\nAOB\n3. Serious case\n   review update\n")
    assert titles(agenda) == ["Welcome", "Minutes", "AOB", "Serious case review update"]


def test_markdown_table_with_named_columns() -> None:
    agenda = parse_agenda(
        "| Time | Agenda item | For | Presented by |\n"
        "|:----:|-------------|-----|--------------|\n"
        "| 10:00 | Welcome and apologies | Information | Chair |\n"
        "| 10:10 | [Budget 2027/28](https://example.org/budget) | **Decision** | Dr Marsh |\n"
        "| 10:40 | Escalations | for discussion | JO |\n"
        "| 11:30 | Close | | |\n"
    )
    assert titles(agenda) == ["Welcome and apologies", "Budget 2027/28", "Escalations"]
    assert [item.planned_minutes for item in agenda.items] == [10, 30, 50]
    assert [item.purpose for item in agenda.items] == [
        Purpose.INFORMATION,
        Purpose.DECISION,
        Purpose.DISCUSSION,
    ]
    assert [item.presenter for item in agenda.items] == ["Chair", "Dr Marsh", "JO"]
    assert [item.line for item in agenda.items] == [3, 4, 5]
    assert agenda.finish == dt.time(11, 30)
    assert agenda.skipped == [1, 2, 6, 7]  # header, rule, close, trailing newline


def test_markdown_table_with_duration_and_number_columns() -> None:
    agenda = parse_agenda(
        "| No. | Topic | Lead | Mins |\n|---|---|---|---|\n"
        "| 1 | Welcome | Chair | 5 |\n| 2 | | | 10 |\n| 3 | Audit findings (to note) | AB | 1h |\n"
    )
    assert titles(agenda) == ["Welcome", "Audit findings"]
    assert [item.planned_minutes for item in agenda.items] == [5, 60]
    assert agenda.items[1].purpose is Purpose.INFORMATION
    assert [(u.line, u.reason) for u in agenda.unreadable] == [(4, "no title in the row")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Budget for decision", ("Budget", None, Purpose.DECISION, None)),
        ("Budget (decision)", ("Budget", None, Purpose.DECISION, None)),
        ("Budget – for discussion", ("Budget", None, Purpose.DISCUSSION, None)),
        ("Annual report (for information)", ("Annual report", None, Purpose.INFORMATION, None)),
        ("Risk register, for noting", ("Risk register", None, Purpose.INFORMATION, None)),
        ("Terms of reference to note", ("Terms of reference", None, Purpose.INFORMATION, None)),
        (
            "Minutes of the last meeting to agree",
            ("Minutes of the last meeting", None, Purpose.DECISION, None),
        ),
        ("Threshold document – to approve", ("Threshold document", None, Purpose.DECISION, None)),
        ("Escalations – presented by Dr Marsh", ("Escalations", None, None, "Dr Marsh")),
        ("Audit findings (Lead: Sam Okafor)", ("Audit findings", None, None, "Sam Okafor")),
        ("Rapid review update (JO)", ("Rapid review update", None, None, "JO")),
        ("Operation update (DCI Jones, 15 mins)", ("Operation update", 15, None, "DCI Jones")),
        (
            "Budget – for decision – presented by Mrs A Khan – 20 minutes",
            ("Budget", 20, Purpose.DECISION, "Mrs A Khan"),
        ),
        (
            "1. Section 11 audit (for decision) (JO/AB)",
            ("Section 11 audit", None, Purpose.DECISION, "JO, AB"),
        ),
        # Not greedy: these stay whole.
        (
            "Legal framework and statutory guidance",
            ("Legal framework and statutory guidance", None, None, None),
        ),
        (
            "National perspectives from police and health",
            ("National perspectives from police and health", None, None, None),
        ),
        ("Health update (ICB)", ("Health update (ICB)", None, None, None)),
        ("Update from Jo Smith", ("Update from Jo Smith", None, None, None)),
        (
            "Requests for information sharing",
            ("Requests for information sharing", None, None, None),
        ),
        ("How to agree thresholds", ("How to agree thresholds", None, None, None)),
    ],
)
def test_purpose_and_presenter_come_out_of_the_title(
    text: str, expected: tuple[str, int | None, Purpose | None, str | None]
) -> None:
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Welcome and apologies (5 mins)", 5),
        ("Budget – 20 minutes", 20),
        ("Budget - 20 min", 20),
        ("Annual report 15m", 15),
        ("1. Minutes of the last meeting [10]", 10),
        ("Item title — 1 hour", 60),
        ("Deep dive 1h 30m", 90),
        ("Deep dive (1.5 hours)", 90),
        ("Deep dive – 1 hr 15 mins", 75),
        ("20 mins – Budget", 20),
        ("Budget (0 mins)", None),  # read, but no usable duration
        ("Annual report 2027", None),
        ("Section 11 audit", None),
    ],
)
def test_durations(text: str, minutes: int | None) -> None:
    assert only(text)[1] == minutes


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("12:30 Arrival", dt.time(12, 30)),
        ("12.30 Arrival", dt.time(12, 30)),
        ("9:05 Arrival", dt.time(9, 5)),
        ("09:05 Arrival", dt.time(9, 5)),
        ("1.30pm Arrival", dt.time(13, 30)),
        ("12:30pm Arrival", dt.time(12, 30)),
        ("10am Arrival", dt.time(10, 0)),
        ("2.15 Arrival", dt.time(14, 15)),  # nobody meets at a quarter past two in the morning
        ("- 12:30 Arrival", dt.time(12, 30)),
    ],
)
def test_clock_formats(line: str, start: dt.time) -> None:
    agenda = parse_agenda(line)
    assert titles(agenda) == ["Arrival"]
    assert agenda.items[0].start == start == agenda.start
    assert agenda.items[0].planned_minutes is None  # last item, no close line


@pytest.mark.parametrize(
    "line", ["12:30 - 12:50 Lunch", "12:30–12:50 Lunch", "12.30 to 12.50 Lunch"]
)
def test_time_range_gives_the_last_item_its_minutes(line: str) -> None:
    agenda = parse_agenda(line)
    assert [(i.title, i.start, i.planned_minutes) for i in agenda.items] == [
        ("Lunch", dt.time(12, 30), 20)
    ]


def test_afternoon_without_pm_follows_the_morning() -> None:
    agenda = parse_agenda(
        "11:30 Welcome\n12:00 Budget\n1:00 Lunch\n1.45 Escalations\n2.30 Meeting closes"
    )
    assert [i.start for i in agenda.items] == [
        dt.time(11, 30),
        dt.time(12),
        dt.time(13),
        dt.time(13, 45),
    ]
    assert [i.planned_minutes for i in agenda.items] == [30, 60, 45, 45]
    assert agenda.finish == dt.time(14, 30)


def test_backwards_time_is_reported_and_the_rest_parses() -> None:
    agenda = parse_agenda("10:00 Welcome\n10:15 Budget\n10:05 Escalations\n10:45 AOB\n11:00 Close")
    assert titles(agenda) == ["Welcome", "Budget", "AOB"]
    assert [i.planned_minutes for i in agenda.items] == [15, 30, 15]
    assert [(u.line, u.text, u.reason) for u in agenda.unreadable] == [
        (3, "10:05 Escalations", "times go backwards")
    ]
    assert agenda.finish == dt.time(11)


def test_junk_lines_are_reported_not_dropped() -> None:
    agenda = parse_agenda(
        "AGENDA\nThursday 21 January 2027\n\n12:30\n---\n| |\n12:30 Welcome\n25:99 Tea\n***\n1h 30m\n"
    )
    assert titles(agenda) == ["Welcome"]
    assert [(u.line, u.text, u.reason) for u in agenda.unreadable] == [
        (4, "12:30", "no title after the time"),
        (5, "---", "no title"),
        (6, "| |", "no title"),
        (8, "25:99 Tea", "not a clock time"),
        (9, "***", "no title"),
        (10, "1h 30m", "no title"),
    ]
    assert agenda.skipped == [1, 2, 3, 11]


@pytest.mark.parametrize(
    "line",
    [
        "Agenda",
        "# Agenda",
        "AGENDA",
        "Draft agenda:",
        "Thursday 21 January 2027",
        "21/01/2027",
        "Venue: Town Hall",
    ],
)
def test_headings_and_dates_are_skipped_silently(line: str) -> None:
    agenda = parse_agenda(line)
    assert (agenda.items, agenda.unreadable, agenda.skipped) == ([], [], [1])


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("1. Welcome", "Welcome"),
        ("2) Apologies", "Apologies"),
        ("a. Sub-point", "Sub-point"),
        ("- item", "item"),
        ("* item", "item"),
        ("• item", "item"),
        ("Item 4: Escalations", "Escalations"),
        ("> 3. Quoted from an email", "Quoted from an email"),
        ("**Bold** and _em_ and `code`", "Bold and em and code"),
        ("[Linked paper](https://example.org/p.pdf)", "Linked paper"),
        ("  Lots   of\tspace  ", "Lots of space"),
        ("| 12:30 | Welcome | JO |", "Welcome"),
    ],
)
def test_markers_and_inline_markdown_are_stripped(line: str, title: str) -> None:
    assert titles(parse_agenda(line)) == [title]


def test_long_titles_are_truncated() -> None:
    title = only("word " * 100)[0]
    assert len(title) == 200 and title.endswith("…")


def test_numbered_heading_is_an_item_but_a_plain_heading_is_not() -> None:
    agenda = parse_agenda("# Partnership board\n## 1. Welcome (5 mins)\n## Part B\n")
    assert [(i.title, i.planned_minutes) for i in agenda.items] == [("Welcome", 5)]
    assert agenda.skipped == [1, 3, 4]


def test_default_minutes_fill_in_only_where_the_paste_gave_none() -> None:
    agenda = parse_agenda("Welcome (5 mins)\nAOB", default_minutes=15)
    assert [i.planned_minutes for i in agenda.items] == [5, None]
    assert [agenda.minutes_for(i) for i in agenda.items] == [5, 15]
    with pytest.raises(ValueError):
        parse_agenda("Welcome", default_minutes=0)


# fmt: off
AGENDA_BITS = st.sampled_from([
    "12:30", "1.30pm", "7:00", " - ", "–", " to ", "Close", "Welcome", "(5 mins)", "[10]", "1h 30m",
    "for decision", "(JO)", "(Lead: X)", "presented by Dr A", "Agenda", "21 May", "| ", " |", "---",
    "===", "# ", "1. ", "- ", "  ", "    ", "> ", "**", "`", "```\n", "\n", "\r", "\t", "\x00",
    "| Time | Item |\n", "|---|---|\n",
])
# fmt: on
AGENDA_LIKE = st.lists(AGENDA_BITS, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), AGENDA_LIKE))
def test_never_raises_and_accounts_for_every_line(text: str) -> None:
    agenda = parse_agenda(text)
    lines = split_lines(text)
    items = [item.line for item in agenda.items]
    bad = [u.line for u in agenda.unreadable]
    accounted = items + bad + agenda.skipped
    assert sorted(accounted) == list(range(1, len(lines) + 1))  # each line exactly once
    for line in (n for n in range(1, len(lines) + 1) if not lines[n - 1].strip()):
        assert line in agenda.skipped
    for item in agenda.items:
        assert item.title.strip() and len(item.title) <= 200
        assert item.title == " ".join(item.title.split())
        assert item.planned_minutes is None or 1 <= item.planned_minutes <= 600
    starts = [item.start for item in agenda.items if item.start is not None]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    "text",
    [
        "| Time | Item |\n| 10:00 | Welcome |\n| 10:50 | Budget |\n| 11:00 | Close |\n",
        "    | Time | Item |\n    |---|---|\n    | 10:00 | Welcome |\n    | 10:50 | Budget |\n",
        "> | Time | Item |\n> | --- | --- |\n> | 10:00 | Welcome |\n> | 10:50 | Budget |\n",
        "| Time | Item |\n|---|---|---|\n| 10:00 | Welcome |\n| 10:50 | Budget |\n",
    ],
)
def test_a_header_row_markdown_did_not_see_as_a_table_is_a_header(text: str) -> None:
    # No rule under the header, an indent, a quote, a rule of the wrong width.
    agenda = parse_agenda(text)
    assert titles(agenda) == ["Welcome", "Budget"]
    assert agenda.items[0].start == dt.time(10, 0)
    assert agenda.items[0].planned_minutes == 50
    assert agenda.unreadable == []
    assert 1 in agenda.skipped


def test_loose_table_rows_are_read_by_their_header() -> None:
    agenda = parse_agenda("| Item | Lead | Mins |\n| Welcome | JO | 5 |\n| Budget | | 20 |\n")
    assert [(i.title, i.presenter, i.planned_minutes) for i in agenda.items] == [
        ("Welcome", "JO", 5),
        ("Budget", None, 20),
    ]


def test_loose_rows_without_a_header_stay_items() -> None:
    agenda = parse_agenda("| 10:00 | Welcome |\n| 10:50 | Budget |\n")
    assert titles(agenda) == ["Welcome", "Budget"]
