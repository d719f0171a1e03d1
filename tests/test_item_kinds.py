"""The declarations and matters-arising items are known by their kind, not by
their title: a renamed item keeps its part in the meeting."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

from store import Store
from store.domain.kinds import ItemKind
from tests.conftest import frozen_clock
from tests.test_store import partial_file


def test_new_items_get_their_kind_once_and_keep_it_when_renamed(store: Store) -> None:
    meeting = store.meetings.add(
        title="Safeguarding Partners Executive",
        kind="executive",
        series="exec",
        date="2027-01-14",
        start_time="10:00",
    )
    items = {i.title: i for i in store.agenda.items(meeting.id or 0)}
    arising = items["Matters arising and the action log"]
    assert arising.kind is ItemKind.MATTERS_ARISING
    assert items["Declarations of interest"].kind is ItemKind.DECLARATIONS
    assert items["Any other business"].kind is None
    renamed = store.agenda.update(arising.id or 0, title="Action log review")
    assert renamed.kind is ItemKind.MATTERS_ARISING
    assert store.agenda.item(arising.id or 0).kind is ItemKind.MATTERS_ARISING
    # A typed item is given its kind from the title it is made with, once.
    typed = store.agenda.add(meeting.id or 0, title="Matters arising from the audit")
    assert typed.kind is ItemKind.MATTERS_ARISING


def test_the_minutes_take_matters_arising_at_the_renamed_item(sample_store: Store) -> None:
    from store.exports import Minutes, write

    closed = next(m for m in sample_store.meetings.all() if m.status.value == "closed")
    arising = next(
        i for i in sample_store.agenda.items(closed.id or 0) if i.kind is ItemKind.MATTERS_ARISING
    )
    sample_store.unit.conn.execute(
        "UPDATE agenda_items SET title = 'Action log' WHERE id = ?", [arising.id]
    )
    sample_store.unit.conn.commit()
    out = io.StringIO()
    write(sample_store, Minutes(closed.id or 0), None, redacted=True, accepted=True, stream=out)
    text = out.getvalue()
    section = text[text.index(f"## {arising.position}. Action log") :].split("\n## ", 1)[0]
    # Each earlier action reviewed there, with what was said about it (or none).
    assert re.search(r"^- \*\*A-\d{4}-\d{3}\*\*: ", section, re.MULTILINE) or (
        "No open actions from earlier meetings." in section
    )


def test_an_older_file_gives_its_items_their_kinds_from_their_titles(tmp_path: Path) -> None:
    path = partial_file(tmp_path / "v8.db", 8)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO meetings (title, kind, series, date, start_time) "
        "VALUES ('Exec', 'executive', 'exec', '2026-09-17', '10:00')"
    )
    for position, title in enumerate(
        ["Declaration of interests", "MATTERS ARISING", "Neglect strategy"], 1
    ):
        conn.execute(
            "INSERT INTO agenda_items (meeting_id, position, title, purpose, planned_minutes) "
            "VALUES (1, ?, ?, 'discussion', 10)",
            [position, title],
        )
    conn.commit()
    conn.close()
    s = Store.open(path, clock=frozen_clock)
    try:
        assert [i.kind for i in s.agenda.items(1)] == [
            ItemKind.DECLARATIONS,
            ItemKind.MATTERS_ARISING,
            None,
        ]
        assert {t.title: t.kind for t in s.agenda.standard_items()}[
            "Matters arising and the action log"
        ] is ItemKind.MATTERS_ARISING
    finally:
        s.close()
