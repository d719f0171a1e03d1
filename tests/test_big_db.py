"""benchmarks/build_big_db.py: a small build is a healthy Quorate file the app reads.

The benchmark's big database is only as good as its likeness to a real file, so
these tests build one at 2% scale and read it back through the same doors the
app uses: ``quorate check``, ``Store.open`` and the store's query methods.
No timings here; they belong to benchmarks/action_log.py.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from store import Store
from store.actions import ActionQuery
from store.db.files import copy_database
from store.db.migrations import latest_version
from store.domain.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingStatus,
    ProtectedPerson,
)
from store.domain.models.escalations import Escalation, EscalationStage
from store.domain.models.reviews import RapidReview, ReviewAgency, ReviewProcess, SignOff
from tests.conftest import REPO, frozen_clock

BUILDER = REPO / "benchmarks" / "build_big_db.py"
SCALE = "0.02"


def build(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BUILDER), str(path), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("big")
    path, report = folder / "big.unit.db", folder / "report.json"
    result = build(path, "--scale", SCALE, "--seed", "3", "--json", str(report))
    assert result.returncode == 0, result.stderr
    return path, json.loads(report.read_text())


@pytest.fixture
def big(built: tuple[Path, dict[str, Any]]) -> Iterator[Store]:
    store = Store.open(built[0], readonly=True, clock=frozen_clock)
    yield store
    store.close()


def test_quorate_check_passes(built: tuple[Path, dict[str, Any]]) -> None:
    path, report = built
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "healthy Quorate database" in result.stdout
    assert f"meetings: {report['counts']['meetings']}" in result.stdout
    assert "partnership: Kestrel Vale Safeguarding Children Partnership" in result.stdout


def test_opens_without_migration(built: tuple[Path, dict[str, Any]]) -> None:
    store = Store.open(built[0], clock=frozen_clock)
    try:
        assert store.backup is None  # a migration would have backed the file up first
        assert store.version == latest_version()
    finally:
        store.close()


def test_counts_match_the_report(big: Store, built: tuple[Path, dict[str, Any]]) -> None:
    counts = built[1]["counts"]
    assert big.actions.count() == counts["actions"] == round(50_000 * float(SCALE))
    assert (
        big.actions.count(ActionQuery(statuses=("open", "in_progress"))) == counts["open actions"]
    )
    assert big.dashboard.counts()["meetings"] == counts["meetings"]
    assert counts["action_updates"] > 2 * counts["actions"]  # several updates for many actions
    assert counts["decisions"] == round(10_000 * float(SCALE))


def test_every_row_is_what_the_models_accept(built: tuple[Path, dict[str, Any]]) -> None:
    models: dict[str, type[BaseModel]] = {
        "meetings": Meeting,
        "agenda_items": AgendaItem,
        "attendance": Attendance,
        "decisions": Decision,
        "actions": Action,
        "action_updates": ActionUpdate,
        "protected_people": ProtectedPerson,
        "rapid_reviews": RapidReview,
        "review_agencies": ReviewAgency,
        "review_processes": ReviewProcess,
        "review_signoffs": SignOff,
        "escalations": Escalation,
        "escalation_stages": EscalationStage,
    }
    with sqlite3.connect(f"file:{built[0]}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        for table, model in models.items():
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            assert rows, table
            for row in rows:
                model.model_validate(dict(row))
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rapid_reviews_and_escalations_are_what_the_lists_show(
    big: Store, built: tuple[Path, dict[str, Any]]
) -> None:
    from store.escalations import EscalationQuery
    from store.reviews import ReviewQuery

    counts = built[1]["counts"]
    assert counts["rapid_reviews"] == round(400 * float(SCALE))
    assert counts["escalations"] == round(1_400 * float(SCALE))
    assert big.reviews.count(ReviewQuery()) == counts["rapid_reviews"]
    assert big.reviews.count(ReviewQuery(state="open")) == counts["open rapid reviews"] > 0
    assert big.escalations.count(EscalationQuery(state="")) == counts["escalations"]
    assert counts["escalation_stages"] > counts["escalations"]  # some moved on
    # Each review's child is on the register by pseudonym only; its reference is
    # the store's; a sent review took the working days it says.
    children = {p.id: p.pseudonym for p in big.register.all()}
    for review in big.reviews.page(ReviewQuery(), 0, 1_000):
        assert children[review.child_id].startswith("Child ")
        assert review.reference.startswith(f"RR-{review.notified_on.year}-")
        assert (review.sent_to_panel_on is None) == (review.days_taken is None)
    with sqlite3.connect(f"file:{built[0]}?mode=ro", uri=True) as conn:
        names = {r for (r,) in conn.execute("SELECT real_name FROM protected_people")}
        assert len(names) == counts["protected_people"]
        # The current stage is the last row of each escalation's history.
        mismatched = conn.execute(
            "SELECT count(*) FROM escalations e WHERE e.stage != (SELECT s.stage FROM "
            "escalation_stages s WHERE s.escalation_id = e.id ORDER BY s.id DESC LIMIT 1)"
        ).fetchone()[0]
        assert mismatched == 0
        closed = conn.execute(
            "SELECT count(*) FROM escalations WHERE status != 'open' AND days_open IS NULL"
        ).fetchone()[0]
        assert closed == 0


def test_references_and_counters_agree(built: tuple[Path, dict[str, Any]]) -> None:
    with sqlite3.connect(f"file:{built[0]}?mode=ro", uri=True) as conn:
        for prefix, table in (("A", "actions"), ("D", "decisions")):
            refs = [r for (r,) in conn.execute(f"SELECT reference FROM {table}")]
            assert len(refs) == len(set(refs))
            highest: dict[int, int] = {}
            for ref in refs:
                letter, year, number = ref.split("-")
                assert letter == prefix and len(number) >= 3
                highest[int(year)] = max(highest.get(int(year), 0), int(number))
            counters = dict(
                conn.execute(
                    "SELECT year, last FROM reference_counters WHERE prefix = ?", [prefix]
                ).fetchall()
            )
            assert counters == highest
        years = {y for (y,) in conn.execute("SELECT DISTINCT substr(date, 1, 4) FROM meetings")}
        assert {"2017", "2026"} <= years


def test_the_next_action_raised_gets_the_next_reference(
    built: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    copy = copy_database(built[0], tmp_path / "copy.db")
    store = Store.open(copy, clock=frozen_clock)
    try:
        last = store.unit.scalar(
            "SELECT last FROM reference_counters WHERE prefix = 'A' AND year = 2026"
        )
        action = store.actions.add("Check the builder's counters", owner_id=1)
        assert action.reference == f"A-2026-{last + 1:03d}"
    finally:
        store.close()


def test_search_finds_actions_and_decisions(big: Store) -> None:
    found = big.actions.count(ActionQuery(text="neglect"))
    assert found > 0
    page = big.actions.page(ActionQuery(text="neglect"), 0, 100)
    assert page and all(
        "neglect" in (r.action.description + " " + (r.action.latest_update or "")).lower()
        for r in page
    )
    assert big.decisions.page(text="LCSPR")


def test_the_log_has_red_amber_and_green(big: Store) -> None:
    for rag in ("red", "green", "closed"):
        rows = big.actions.page(ActionQuery(rag=rag), 0, 100)
        assert rows and {r.rag for r in rows} == {rag}


def test_matters_arising_on_a_recent_meeting(big: Store) -> None:
    recent = next(
        m
        for m in big.meetings.all()
        if m.series == "executive" and m.status is MeetingStatus.CLOSED
    )
    arising = big.actions.matters_arising(recent.id or 0)
    assert arising
    # Its own series' earlier meetings, and the bodies that report to the
    # executive (sub-groups, rapid reviews; actions raised outside a meeting).
    reports = {"sub_group", "rapid_review"}
    earlier = {
        m.id
        for m in big.meetings.all()
        if m.date <= recent.date and (m.series == "executive" or m.kind.value in reports)
    }
    assert {a.meeting_id for a in arising} - {None} <= earlier


def test_same_seed_same_data(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    assert build(again, "--scale", SCALE, "--seed", "3").returncode == 0

    def dump(path: Path) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows: list[tuple[Any, ...]] = []
            for table in ("actions", "protected_people", "rapid_reviews", "escalation_stages"):
                # Every column but the uid, which the store draws at random.
                columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
                kept = ", ".join(c for c in columns if c != "uid")
                rows += conn.execute(f"SELECT {kept} FROM {table} ORDER BY id").fetchall()
            return rows

    assert dump(again) == dump(built[0])


def test_refuses_an_existing_file(tmp_path: Path) -> None:
    existing = tmp_path / "mine.db"
    existing.write_bytes(b"precious")
    result = build(existing, "--scale", "0.01")
    assert result.returncode != 0
    assert existing.read_bytes() == b"precious"


def test_the_dashboard_overview_reads_indexes_and_agrees_with_a_plain_count(big: Store) -> None:
    today = frozen_clock().date().isoformat()
    seen: list[str] = []
    big.unit.conn.set_trace_callback(seen.append)
    try:
        view = big.dashboard.overview()
    finally:
        big.unit.conn.set_trace_callback(None)
    # What the panels say, against the obvious (slow) queries.
    rows = big.unit.conn.execute(
        "SELECT a.id, a.due, coalesce(g.short_name, 'No agency') FROM actions a "
        "LEFT JOIN agencies g ON g.id = a.agency_id WHERE a.status IN ('open', 'in_progress')"
    ).fetchall()
    overdue = sorted((due, i) for i, due, _ in rows if due is not None and due < today)
    assert view.overdue == len(overdue) > 0
    assert view.oldest_overdue is not None and view.oldest_overdue.due is not None
    assert view.oldest_overdue.due.isoformat() == overdue[0][0]
    by_agency: dict[str, int] = {}
    for _, _, agency in rows:
        by_agency[agency] = by_agency.get(agency, 0) + 1
    expected = sorted(by_agency.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    assert view.open_by_agency == expected
    # The first frame shows these: no query may walk the actions table itself.
    plans = [
        " / ".join(str(row[3]) for row in big.unit.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in seen
        if sql.lstrip().upper().startswith("SELECT")
    ]
    assert plans
    for plan in plans:
        assert "SCAN actions" not in plan and "SCAN a " not in plan + " ", plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan or "subquery" in plan, plan


@pytest.mark.parametrize("sort", ["due", "reference"])
def test_a_page_of_the_log_reads_an_index_in_order_either_sort(big: Store, sort: str) -> None:
    """Neither sort sorts every action for a page (issue 15): the due-date order reads
    actions_log_order, the reference order actions_reference_order (migration 0014)."""
    from store.action_log import _select

    sql, params = _select(ActionQuery(sort=sort), frozen_clock().date(), 7)
    plan = " / ".join(
        str(row[3]) for row in big.unit.conn.execute(f"EXPLAIN QUERY PLAN {sql} LIMIT 200", params)
    )
    assert "TEMP B-TREE" not in plan, plan
    index = "actions_reference_order" if sort == "reference" else "actions_log_order"
    assert index in plan, plan
