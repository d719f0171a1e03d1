"""The escalations summary for the executive and the scrutineer, and the
escalations item of a meeting's minutes: golden files, redaction, the marking,
hostile text, the command line and the circulation record.

Built on a fresh database of our own (not the sample, whose escalations may
change). Regenerate the golden files with QUORATE_UPDATE_GOLDEN=1 (then read
the diff).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from store import Store
from store.escalations import EscalationQuery
from store.exports import EscalationsSummary, Minutes, prepare, suggested_name
from store.exports.escalations import escalations_markdown
from store.exports.minutes import minutes_markdown
from tests.conftest import FROZEN_NOW, Clock
from tests.test_export import HOSTILE, assert_safe, commonmark, golden, table_headers

MEETING_DAY = dt.date(2026, 11, 19)
CHILD_FORMS = ("ellie-mae", "harrington", "kayden", "mirfield")


@dataclass
class Partnership:
    store: Store
    clock: Clock
    path: Path
    meeting_id: int  # the executive of 19 November 2026: moves minuted there
    planned_id: int  # the next executive: planned, with an escalations item
    refs: dict[str, int]  # reference -> id


def _build(path: Path) -> Partnership:
    clock = Clock(dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.UTC))
    store = Store.open(path, clock=clock)
    store.settings.update(partnership_name="Harrowby Safeguarding Children Partnership")
    d = store.directory
    council = d.add_agency(
        name="Harrowby Council Children's Services",
        short_name="HC",
        kind="local_authority",
        statutory=True,
    )
    police = d.add_agency(name="Harrowby Police", short_name="HP", kind="police", statutory=True)
    hospital = d.add_agency(name="Harrowby Hospitals Trust", short_name="HHT", kind="health")
    school = d.add_agency(name="Harrowby Schools", short_name="HS", kind="education")
    manager = d.add_person(
        name="Dana Whitfield", initials="DW", job_title="Head of service", agency_id=council.id
    )
    chair = d.add_person(name="Sam Okoro", initials="SO", agency_id=police.id)
    ellie = store.register.add(
        real_name="Ellie-Mae Harrington", other_names="Ellie-Mae\nHarrington", relation="child"
    )
    kayden = store.register.add(
        real_name="Kayden Mirfield", other_names="Kayden\nMirfield", relation="child"
    )
    e = store.escalations
    refs: dict[str, int] = {}

    # Closed unresolved in October, referred to the scrutineer.
    roles = e.add(
        raised_on="2026-09-14",
        raised_by_agency_id=police.id or 0,
        raised_with_agency_id=council.id or 0,
        category="roles",
        raiser_position="Who leads for Kayden Mirfield?",
    )
    refs[roles.reference] = roles.id or 0
    clock.at(dt.date(2026, 10, 20), 9, 0)
    for on in ("2026-09-21", "2026-09-28", "2026-10-05"):
        e.escalate(roles.id or 0, on)
    e.close_unresolved(
        roles.id or 0,
        "2026-10-20",
        "scrutineer",
        "No agreement on who leads",
        learning_theme="Lead agency for children in care",
    )

    # Raised in October, resolved at the meeting.
    services = e.add(
        raised_on="2026-10-05",
        raised_by_agency_id=school.id or 0,
        raised_with_agency_id=hospital.id or 0,
        category="services",
        child_id=kayden.id,
    )
    refs[services.reference] = services.id or 0
    e.escalate(services.id or 0, "2026-10-12")

    # Raised in November, at stage 2 before the meeting, escalated there.
    clock.at(dt.date(2026, 11, 16), 9, 0)
    thresholds = e.add(
        raised_on="2026-11-02",
        raised_by_agency_id=hospital.id or 0,
        raised_with_agency_id=council.id or 0,
        category="thresholds",
        child_id=ellie.id,
        decision_disputed="No strategy discussion for Ellie-Mae",
        raiser_position="Ellie-Mae Harrington was seen with bruising",
        other_position="Harrington family known; threshold not met",
    )
    refs[thresholds.reference] = thresholds.id or 0
    e.escalate(thresholds.id or 0, "2026-11-09")
    sharing = e.add(
        raised_on="2026-11-16",
        raised_by_agency_id=police.id or 0,
        raised_with_agency_id=school.id or 0,
        category="information_sharing",
        child_id=kayden.id,
    )
    refs[sharing.reference] = sharing.id or 0

    # The executive of 19 November, held with an escalations item.
    clock.at(MEETING_DAY, 10, 0)
    meeting = store.meetings.add(
        title="Safeguarding Partners Executive",
        kind="executive",
        series="executive",
        date=MEETING_DAY.isoformat(),
        start_time="10:00",
        chair_id=chair.id,
        standard_agenda=False,
    )
    mid = meeting.id or 0
    store.agenda.add(mid, title="Welcome and apologies")
    item = store.agenda.add(mid, title="Open escalations")
    store.agenda.update(
        item.id or 0, minutes="The chair took the escalations in turn.\n\n- HC to report back"
    )
    store.live.start(mid)
    clock.at(MEETING_DAY, 10, 40)
    e.escalate(
        thresholds.id or 0,
        MEETING_DAY,
        holder_id=manager.id,
        holder="head of service",
        note="Ellie-Mae Harrington's case: the heads of service to meet this week",
        meeting_id=mid,
    )
    e.resolve(
        services.id or 0,
        MEETING_DAY,
        "A joint visit to Kayden agreed",
        learning_theme="Information sharing at discharge",
        meeting_id=mid,
    )
    clock.at(MEETING_DAY, 11, 30)
    store.live.end(mid)
    planned = store.meetings.add(
        title="Safeguarding Partners Executive",
        kind="executive",
        series="executive",
        date="2027-01-21",
        start_time="10:00",
        standard_agenda=False,
    )
    store.agenda.add(planned.id or 0, title="Open escalations")

    # On the frozen afternoon: one on the urgent route, raised this morning.
    clock.now = FROZEN_NOW
    urgent = e.add(
        raised_on=FROZEN_NOW.date(),
        raised_at=dt.datetime(2026, 11, 27, 9, 15, tzinfo=dt.UTC),
        raised_by_agency_id=council.id or 0,
        raised_with_agency_id=police.id or 0,
        category="thresholds",
        urgent=True,
        child_id=ellie.id,
    )
    refs[urgent.reference] = urgent.id or 0
    return Partnership(store, clock, path, mid, planned.id or 0, refs)


@pytest.fixture
def p(tmp_path: Path) -> Iterator[Partnership]:
    partnership = _build(tmp_path / "esc.db")
    yield partnership
    partnership.store.close()


def _visible_folded(text: str) -> str:
    return text.replace("\\", "").casefold()


# -- the summary --------------------------------------------------------------------


def test_summary_golden(p: Partnership) -> None:
    text = escalations_markdown(p.store)
    golden("escalations.md", text)
    assert text == escalations_markdown(p.store), "same database, same bytes"
    assert_safe(text)


def test_summary_structure_and_marking(p: Partnership) -> None:
    text = escalations_markdown(p.store)
    lines = text.splitlines()
    assert lines[0] == lines[-1] == "**OFFICIAL-SENSITIVE**"
    parsed = commonmark().parse(text)
    headings = [
        (t.tag, parsed[i + 1].content) for i, t in enumerate(parsed) if t.type == "heading_open"
    ]
    assert headings == [
        ("h1", "Escalations: summary for the executive and the scrutineer"),
        ("h2", "Figures"),
        ("h2", "Open, by stage"),
        ("h2", "Open, by agency"),
        ("h2", "Open, by category"),
        ("h2", "Resolved, by the stage reached"),
        ("h2", "Learning themes"),
        ("h2", "Open escalations"),
    ]
    assert table_headers(parsed)[-1] == [
        "Ref",
        "Child",
        "Category",
        "Between",
        "Stage",
        "Held by",
        "Raised",
        "Working days open",
        "Due",
        "State",
    ]
    # The open ones only, the overdue first; the stage by its own policy's name.
    rows = [line for line in lines if line.startswith("| ESC-")]
    assert [r.split(" | ")[0] for r in rows] == ["| ESC-2026-04", "| ESC-2026-03", "| ESC-2026-05"]
    assert "| Stage 3 (Senior managers) | head of service, HC |" in rows[1]
    assert rows[1].endswith("| 19 | 26 November 2026 | Overdue |")
    assert "| 28 November 2026, 09:15 (urgent) | Open |" in rows[2]
    assert "| HHT → HC |" in rows[1]
    # A holder is named by role and agency, never by name.
    assert "Dana" not in text and "Whitfield" not in text


def test_the_stage_labels_are_the_setting_now_in_the_figures(p: Partnership) -> None:
    p.store.settings.update(
        escalation_policy="Frontline (practitioners) 3; Managers (team managers) 4; urgent 12 hours"
    )
    text = escalations_markdown(p.store)
    assert "| Stage 1 (Frontline) | 2 |" in text and "| Stage 2 (Managers) | 0 |" in text
    # Stage 3 is past the new policy: counted, without a name.
    assert "| Stage 3 | 1 |" in text
    # Each escalation keeps the policy it started under in the list.
    assert "| Stage 3 (Senior managers) |" in text


def test_the_query_and_the_page(p: Partnership, monkeypatch: pytest.MonkeyPatch) -> None:
    every = escalations_markdown(p.store, EscalationQuery(state=""))
    assert "## Escalations\n" in every
    assert "Resolved 19 November 2026" in every
    assert "Closed unresolved 20 October 2026, referred to the independent scrutineer" in every
    staged = escalations_markdown(p.store, EscalationQuery(stage=3))
    assert "## Open escalations at stage 3" in staged
    assert "ESC-2026-03" in staged and "ESC-2026-04 " not in staged
    monkeypatch.setattr("store.exports.escalations.LISTED", 2)
    paged = escalations_markdown(p.store)
    assert "The first 2 of 3 are listed here; the other 1 are in Quorate." in paged
    assert "ESC-2026-05" not in paged.split("## Open escalations")[1]


def test_an_empty_store_says_none(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.db", clock=lambda: FROZEN_NOW)
    try:
        text = escalations_markdown(store)
    finally:
        store.close()
    assert "| Open | 0 (0 overdue, 0 on the urgent route) |" in text
    assert "## Open escalations\n\nNone." in text
    assert_safe(text)


# -- redaction and hostile text ------------------------------------------------------


def test_no_childs_name_leaves_in_the_summary_or_the_minutes(p: Partnership) -> None:
    s = p.store
    # A theme (shown for those resolved or closed) typed with a child's name.
    s.escalations.update(p.refs["ESC-2026-01"], learning_theme="Kayden Mirfield's lead agency")
    summary = prepare(s, EscalationsSummary(EscalationQuery(state=""))).text
    minutes = prepare(s, Minutes(p.meeting_id)).text
    for text in (summary, minutes):
        folded = _visible_folded(text)
        for form in CHILD_FORMS:
            assert form not in folded, form
    assert "| Child B's lead agency | 1 |" in summary
    assert "| Child A |" in summary and "| Child B |" in summary
    # The note and the outcome typed at the meeting, by pseudonym.
    assert "Child A's case: the heads of service to meet this week" in minutes
    assert "A joint visit to Child B agreed" in minutes
    # The positions are kept in the record, never in the summary.
    assert "bruising" not in summary and "threshold not met" not in summary
    unredacted = escalations_markdown(s, EscalationQuery(state=""), redact=False)
    assert unredacted.splitlines()[2].startswith("**UNREDACTED COPY")
    assert "Kayden Mirfield's lead agency" in unredacted


def test_the_file_name_names_no_one(p: Partnership) -> None:
    assert suggested_name(p.store, EscalationsSummary()) == "2026-11-27-escalations-summary.md"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(holder=HOSTILE, theme=HOSTILE, note=HOSTILE)
def test_hostile_text_stays_text(
    tmp_path_factory: pytest.TempPathFactory, holder: str, theme: str, note: str
) -> None:
    store = Store.open(tmp_path_factory.mktemp("h") / "h.db", clock=lambda: FROZEN_NOW)
    try:
        one = store.directory.add_agency(name="One", short_name="O", kind="police")
        two = store.directory.add_agency(name="Two", short_name="T", kind="health")
        meeting = store.meetings.add(
            title="Executive",
            kind="executive",
            series="x",
            date="2026-11-27",
            standard_agenda=False,
        )
        mid = meeting.id or 0
        store.agenda.add(mid, title="Open escalations")
        store.live.start(mid)
        kept = store.escalations.add(
            raised_on="2026-11-20",
            raised_by_agency_id=one.id or 0,
            raised_with_agency_id=two.id or 0,
            category="other",
            holder=holder[:200] or None,
        )
        store.escalations.escalate(kept.id or 0, "2026-11-27", note=note, meeting_id=mid)
        closed = store.escalations.add(
            raised_on="2026-11-20",
            raised_by_agency_id=one.id or 0,
            raised_with_agency_id=two.id or 0,
            category="other",
        )
        store.escalations.resolve(
            closed.id or 0, "2026-11-27", "Agreed", learning_theme=theme[:200] or None
        )
        summary = escalations_markdown(store)
        minutes = minutes_markdown(store, mid)
    finally:
        store.close()
    for text in (summary, minutes):
        assert_safe(text)
    parsed = commonmark().parse(summary)
    assert [parsed[i + 1].content for i, t in enumerate(parsed) if t.type == "heading_open"] == [
        "Escalations: summary for the executive and the scrutineer",
        "Figures",
        "Open, by stage",
        "Open, by agency",
        "Open, by category",
        "Resolved, by the stage reached",
        "Learning themes",
        "Open escalations",
    ]
    # Every row of the list stays one row of ten cells.
    rows = [t for t in parsed if t.type == "tr_open"]
    assert rows  # the tables are there
    last = table_headers(parsed)[-1]
    assert len(last) == 10


# -- the minutes ------------------------------------------------------------------------


def test_minutes_show_the_moves_and_what_was_open(p: Partnership) -> None:
    text = minutes_markdown(p.store, p.meeting_id)
    golden("escalations-minutes.md", text)
    section = text.split("## 2. Open escalations")[1].split("\n## ")[0]
    assert "Open escalations on 19 November 2026: 2 (stage 1: 1, stage 3: 1)." in section
    assert (
        "- **ESC-2026-03** (Child A): Escalated to stage 3 (Senior managers). "
        "Child A's case: the heads of service to meet this week" in section
    )
    assert (
        "- **ESC-2026-02** (Child B): Resolved at stage 2 (Line managers). "
        "A joint visit to Child B agreed" in section
    )
    # After the typed minutes.
    assert section.index("The chair took") < section.index("Open escalations on")
    assert_safe(text)


def test_minutes_without_escalations_are_unchanged(tmp_path: Path, p: Partnership) -> None:
    # A planned meeting: no count of what was open (it has not been held) and no moves.
    planned = minutes_markdown(p.store, p.planned_id)
    section = planned.split("## 1. Open escalations")[1].split("\n## ")[0]
    assert section.strip() == "*For discussion*"
    # A held meeting in a file with no escalations: its item reads as before.
    store = Store.open(tmp_path / "none.db", clock=lambda: FROZEN_NOW)
    try:
        meeting = store.meetings.add(
            title="Executive",
            kind="executive",
            series="x",
            date="2026-11-27",
            standard_agenda=False,
        )
        mid = meeting.id or 0
        item = store.agenda.add(mid, title="Open escalations")
        store.agenda.update(item.id or 0, minutes="None this month.")
        store.live.start(mid)
        text = minutes_markdown(store, mid)
    finally:
        store.close()
    section = text.split("## 1. Open escalations")[1].split("\n## ")[0]
    assert section.strip() == "*For discussion*\n\nNone this month."


# -- the command line and the record -------------------------------------------------------


def test_the_cli_writes_the_summary_and_records_it(
    p: Partnership, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui import cli

    p.store.close()
    out = tmp_path / "summary.md"
    assert cli.main(["export", "escalations", str(p.path), "-o", str(out)]) == 0
    assert "recorded as circulated" in capsys.readouterr().err
    text = out.read_text()
    assert (out.stat().st_mode & 0o777) == 0o600
    assert text.startswith("**OFFICIAL-SENSITIVE**\n\n# Escalations: summary")
    assert "ESC-2026-03" in text and "ESC-2026-01 " not in text
    assert cli.main(["export", "escalations", str(p.path), "--all", "--stage", "4"]) == 0
    shown = capsys.readouterr().out
    assert "## Escalations at stage 4" in shown and "| ESC-2026-01 |" in shown
    assert "| ESC-2026-03 |" not in shown
    store = Store.open(p.path)
    try:
        records = [c for c in store.record.circulations() if c.document == "escalations summary"]
    finally:
        store.close()
    assert len(records) == 2  # the file and standard output
    on_file = next(c for c in records if c.file == str(out))
    assert on_file.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert on_file.redacted and on_file.meeting_id is None
    p.store = Store.open(p.path)  # for the fixture to close
