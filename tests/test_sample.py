"""sample.db: built by code, the same each time, fictional, and as the issue describes."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from store import Store
from store.sample.builder import build_sample
from store.sample.load import DATA, load
from tests.conftest import SAMPLE, digest

LEARNING_EVENT = [
    ("12:30", "Arrival, registration and lunch"),
    ("12:50", "Introduction"),
    ("12:55", "Legal framework and statutory guidance"),
    ("13:05", "National perspectives from police and health"),
    ("13:30", "Final research report: key messages"),
    ("13:50", "Break"),
    ("14:00", "Effective implementation: part 1"),
    ("15:00", "Implementation action planning"),
    ("15:20", "Effective implementation: part 2"),
    ("16:10", "Identifying themes and innovation"),
    ("16:25", "Closing remarks"),
]


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' "
            "AND name NOT LIKE '%\\_fts%' ESCAPE '\\'"  # search indexes derive from the tables
        )
    ]
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    conn.close()
    return out


def test_building_twice_gives_the_same_data_as_the_committed_file(tmp_path: Path) -> None:
    before = digest(SAMPLE)
    first = build_sample(tmp_path / "one.db")
    second = build_sample(tmp_path / "two.db")
    assert dump(first) == dump(second)
    # The escalations and their histories too (the urgent route's moments included).
    assert dump(first)["escalations"] and dump(first)["escalation_stages"]
    assert dump(first) == dump(SAMPLE), "sample.db is stale: run `make sample`"
    assert digest(SAMPLE) == before


@pytest.mark.parametrize(
    ("was", "now", "reported"),
    [
        ("date = 2026-06-25", 'date = "2026-06-25"', "meetings.0.date"),  # text, not a date
        ('key = "la"', 'key = "la"\ncolour = "red"', "agencies.0.colour"),
        ('kind = "local_authority"', 'kind = "council"', "agencies.0.kind"),
        (
            'chair = "chair"',
            'chair = "nobody"',
            "meetings[0].chair: no person has the key 'nobody'",
        ),
        ('item = "Annual Report"', 'item = "Annual Reprot"', "actions[6].item: no item of"),
        ('key = "icb"', 'key = "la"', "agencies: the key 'la' is used 2 times"),
        # The minutes cite the references the store gives, so the file's must agree.
        (
            'reference = "A-2026-002"',
            'reference = "A-2026-003"',
            "actions[1].reference: the store will give it A-2026-002",
        ),
        ('lead = "lsp-icb"', 'lead = "lsp-police"', "agencies[1].lead: 'lsp-police' is not of"),
        ("on = 2026-07-23", "on = 2026-07-01", "actions[0].updates: not in date order"),
        # The builder holds the closed meetings in turn, each closed before the next.
        ("date = 2026-07-16", "date = 2026-06-01", "the closed meetings are not in date order"),
        (
            'key = "exec-2026-11"',
            'key = "exec-2026-11"\nprevious_minutes = { agreed = false, amendments = "x" }',
            "previous_minutes: amendments to minutes not agreed",
        ),
        # Rapid reviews: references resolve, dates run in order, lateness has a reason.
        (
            'child = "Child H"',
            'child = "Child Z"',
            "reviews[4].child: 'Child Z' is not a child on the register",
        ),
        (
            'reference = "RR-2026-04"',
            'reference = "RR-2026-05"',
            "reviews[4].reference: the store will give it RR-2026-04",
        ),
        (
            "sent_to_panel_on = 2026-08-07",
            "sent_to_panel_on = 2026-08-20",
            "reviews[1].late_reason: sent after day 15, so give the reason",
        ),
        (
            "panel_response_on = 2026-09-03",
            "panel_response_on = 2026-08-01",
            "reviews[1].panel_response_on: before sent_to_panel_on",
        ),
        (
            'person = "dsp-icb"\non = 2026-08-06',
            'person = "dsp-la"\non = 2026-08-06',
            "reviews[1].signoffs[1].person: 'dsp-la' is not of this agency",
        ),
        (
            'immediate_actions = ["A-2026-025"',
            'immediate_actions = ["A-2026-016"',
            "reviews[2].immediate_actions[0]: A-2026-016 is not raised at its meeting",
        ),
        (
            'return_in = 2026-11-26\nsummary = "No previous police',
            'return_in = 2026-11-30\nsummary = "No previous police',
            "reviews[4].agencies[1].return_in: not between the template and sending",
        ),
        # Escalations: numbered as raised, of registered children, moves in order.
        (
            'reference = "ESC-2026-02"',
            'reference = "ESC-2026-03"',
            "escalations[1].reference: the store will give it ESC-2026-02",
        ),
        (
            'child = "Child P"',
            'child = "Child Z"',
            "escalations[10].child: 'Child Z' is not a child on the register",
        ),
        (
            'raised_with_agency = "gp"',
            'raised_with_agency = "la"',
            "escalations[1].raised_with_agency: an escalation is between two agencies",
        ),
        (
            'on = 2026-11-24\nmove = "close"',
            'on = 2026-11-16\nmove = "close"',
            "escalations[10].moves[2].on: not in order",
        ),
        (
            'referred_to = "executive"\n',
            "",
            "escalations[10].moves[2].referred_to: given when (and only when) it is closed",
        ),
        (
            'meeting = "exec-2026-07"\nheld_by = "chair"',
            'meeting = "exec-2026-09"\nheld_by = "chair"',
            "escalations[0].moves[2].meeting: 'exec-2026-09' was not held on 2026-07-16",
        ),
        (
            "raised_at = 2026-10-14T09:10:00Z",
            "raised_at = 2026-10-15T09:10:00Z",
            "escalations[7].raised_at: the moment is not on 2026-10-14",
        ),
        (
            'on = 2026-11-26\nmove = "escalate"',
            'on = 2026-11-30\nmove = "escalate"',
            "escalations[12].moves[0].on: not in order between the day it was raised and",
        ),
    ],
)
def test_the_data_file_is_checked_before_a_build(
    tmp_path: Path, was: str, now: str, reported: str
) -> None:
    text = DATA.read_text()
    assert was in text
    (tmp_path / "bad.toml").write_text(text.replace(was, now, 1))
    (tmp_path / "bad.db").write_text("kept")
    with pytest.raises(ValidationError, match=re.escape(reported)):
        build_sample(tmp_path / "bad.db", tmp_path / "bad.toml")
    assert (tmp_path / "bad.db").read_text() == "kept", "checked before the file is touched"
    assert load().meetings[0].date.isoformat() == "2026-06-25"


def test_sample_holds_what_the_issue_asks(sample_store: Store) -> None:
    agencies = sample_store.directory.agencies()
    statutory = {a.kind.value for a in agencies if a.statutory}
    assert statutory == {"local_authority", "health", "police"}
    assert len([a for a in agencies if not a.statutory]) >= 5
    people = sample_store.directory.people()
    assert len(people) >= 15 and all(p.job_title for p in people)
    meetings = sample_store.meetings.all()
    assert len(meetings) >= 6 and len({m.kind for m in meetings}) >= 4
    today = sample_store.clock().date()
    past = [m for m in meetings if m.date < today]
    assert past and [m for m in meetings if m.date >= today]
    assert any(item.minutes.strip() for m in past for item in sample_store.agenda.items(m.id or 0))
    emails = [p.email for p in people if p.email]
    assert all(e.endswith(".example") for e in emails), "fictional addresses only"
    # Rapid reviews: completed on time and late, open on track and overdue, an LCSPR.
    reviews = sample_store.reviews.page(limit=100)
    assert len(reviews) >= 5 and any(r.lcspr for r in reviews)
    states = {sample_store.reviews.clock(r).complete.state.value for r in reviews}
    assert {"done_on_time", "done_late", "due", "overdue"} <= states
    # Escalations: open at stages 1 and 2, one past its time limit; one on the urgent
    # route resolved within the day; one resolved at stage 3; one closed unresolved
    # and referred to the executive.
    from store.escalations import EscalationQuery

    escalations = sample_store.escalations
    still_open = escalations.page()
    assert {e.stage for e in still_open} == {1, 2}
    assert len([e for e in still_open if escalations.overdue(e)]) == 1
    closed = escalations.page(EscalationQuery(state=""), limit=100)
    assert [e for e in closed if e.urgent and e.closed_on == e.raised_on and e.outcome]
    assert [e for e in closed if e.status.value == "resolved" and e.stage == 3]
    figures = escalations.figures()
    assert figures.overdue == 1 and figures.to_executive == 1
    # What the executives' minutes say: on 16 July two at stage 2, one at stage 3, one
    # at stage 4; on 19 November one at stage 2 and two at stage 3.
    july = escalations.open_on(dt.date(2026, 7, 16))
    assert [(c.label, c.count) for c in july] == [("Stage 2", 2), ("Stage 3", 1), ("Stage 4", 1)]
    november = escalations.open_on(dt.date(2026, 11, 19))
    assert [(c.label, c.count) for c in november] == [("Stage 2", 1), ("Stage 3", 2)]


def test_each_safeguarding_partner_has_its_lead_and_delegated_partner(sample_store: Store) -> None:
    people = {p.id: p for p in sample_store.directory.people()}
    for agency in (a for a in sample_store.directory.agencies() if a.statutory):
        lead = people[agency.lead_partner_id or 0]
        delegated = people[agency.delegated_partner_id or 0]
        assert lead.agency_id == delegated.agency_id == agency.id
        assert "(Lead Safeguarding Partner)" in (lead.job_title or "")
        assert "(Delegated Safeguarding Partner)" in (delegated.job_title or "")


def test_the_action_log_has_every_state_a_chair_meets(sample_store: Store) -> None:
    from store.actions import ALL

    rows = sample_store.actions.page(ALL, limit=1000)
    actions = [row.action for row in rows]
    today = sample_store.clock().date()
    still_open = [a for a in actions if a.status.is_open]
    assert 1 <= len([a for a in still_open if a.at_risk]) <= 2
    assert [a for a in still_open if a.due and a.due < today], "one overdue"
    assert [a for a in actions if not a.status.is_open], "some done"


def test_learning_event_follows_domain_agenda(sample_store: Store) -> None:
    from store.domain.agenda_times import planned_starts

    event = next(m for m in sample_store.meetings.all() if m.kind.value == "learning_event")
    items = sample_store.agenda.items(event.id or 0)
    starts, finish = planned_starts(event.date, event.start_time, items)
    assert [
        (s.strftime("%H:%M"), i.title) for s, i in zip(starts, items, strict=True)
    ] == LEARNING_EVENT
    assert finish.strftime("%H:%M") == "16:30"
