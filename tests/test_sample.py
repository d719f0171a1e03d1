"""sample.db: built by code, the same each time, fictional, and as the issue describes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store import Store
from store.sample.builder import build_sample
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
    assert dump(first) == dump(SAMPLE), "sample.db is stale: run `make sample`"
    assert digest(SAMPLE) == before


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


def test_learning_event_follows_domain_agenda(sample_store: Store) -> None:
    from store.domain.agenda_times import planned_starts

    event = next(m for m in sample_store.meetings.all() if m.kind.value == "learning_event")
    items = sample_store.agenda.items(event.id or 0)
    starts, finish = planned_starts(event.date, event.start_time, items)
    assert [
        (s.strftime("%H:%M"), i.title) for s, i in zip(starts, items, strict=True)
    ] == LEARNING_EVENT
    assert finish.strftime("%H:%M") == "16:30"
