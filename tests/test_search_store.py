"""One search across the record (issue 17): the entries, catch-up, the words."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import Store
from store.domain.search import fts_query
from store.search import KINDS, MARK_END, MARK_START, SearchHit, grouped


def _set(store: Store, sql: str, params: list[object]) -> None:
    """Change the record behind the store's parts, as another path would."""
    with store.unit.write() as db:
        db.execute(sql, params)


def _first(store: Store, table: str) -> int:
    return int(store.unit.scalar(f"SELECT min(id) FROM {table}"))


def _entries(store: Store) -> list[tuple[object, ...]]:
    with store.unit.reading() as conn:
        return conn.execute("SELECT * FROM search_entries ORDER BY id").fetchall()


def _hits(store: Store, words: str, **filters: object) -> list[SearchHit]:
    return store.search.find(words, **filters)  # type: ignore[arg-type]


def test_the_index_is_readable_by_other_tools(sample_store: Store) -> None:
    from sqlite_utils import Database

    db = Database(sample_store.path)
    assert db["search_entries"].detect_fts() == "search_entries_fts"


def test_every_kind_is_found_and_opens_at_its_record(sample_store: Store) -> None:
    s = sample_store
    item = _first(s, "agenda_items")
    s.live.save_minutes(item, "The quokkaword was discussed at length.")
    decision = _first(s, "decisions")
    _set(s, "UPDATE decisions SET rationale = 'because of the wombatword' WHERE id = ?", [decision])
    action = _first(s, "actions")
    _set(
        s,
        "INSERT INTO action_updates (action_id, at, on_date, kind, text) "
        "VALUES (?, '2026-11-01T10:00:00+00:00', '2026-11-01', 'update', 'numbatword chased')",
        [action],
    )
    review = _first(s, "rapid_reviews")
    _set(s, "UPDATE rapid_reviews SET good_practice = 'the bilbyword team' WHERE id = ?", [review])
    escalation = _first(s, "escalations")
    stage = _first(s, "escalation_stages")
    _set(s, "UPDATE escalation_stages SET note = 'dingoword agreed' WHERE id = ?", [stage])
    esc_of_stage = int(
        s.unit.scalar("SELECT escalation_id FROM escalation_stages WHERE id = ?", [stage])
    )
    _set(s, "UPDATE escalations SET other_position = 'possumword' WHERE id = ?", [escalation])
    assert s.search.catch_up() > 0

    (hit,) = _hits(s, "quokkaword")
    meeting = s.unit.scalar("SELECT meeting_id FROM agenda_items WHERE id = ?", [item])
    assert (hit.kind, hit.record_id, hit.meeting_id, hit.item_id) == ("item", item, meeting, item)
    assert f"{MARK_START}quokkaword{MARK_END}" in hit.snippet
    assert " · " in hit.label
    assert [(h.kind, h.record_id) for h in _hits(s, "wombatword")] == [("decision", decision)]
    assert [(h.kind, h.record_id) for h in _hits(s, "numbatword")] == [("action", action)]
    assert [(h.kind, h.record_id) for h in _hits(s, "bilbyword")] == [("review", review)]
    assert [(h.kind, h.record_id) for h in _hits(s, "dingoword")] == [("escalation", esc_of_stage)]
    assert [(h.kind, h.record_id) for h in _hits(s, "possumword")] == [("escalation", escalation)]


def test_item_titles_decisions_and_actions_by_their_own_text(sample_store: Store) -> None:
    s = sample_store
    s.search.catch_up()
    title = str(s.unit.scalar("SELECT title FROM agenda_items ORDER BY id LIMIT 1"))
    assert any(h.kind == "item" for h in _hits(s, title))
    reference = str(s.unit.scalar("SELECT reference FROM actions ORDER BY id LIMIT 1"))
    assert ("action", _first(s, "actions")) in [(h.kind, h.record_id) for h in _hits(s, reference)]
    groups = grouped(_hits(s, "safeguarding", limit=200))
    assert list(groups) == [k for k in KINDS if k in groups]
    assert len(groups) >= 3


def test_catch_up_finds_new_words_not_old(sample_store: Store) -> None:
    s = sample_store
    s.search.catch_up()
    assert s.search.catch_up() == 0  # nothing changed: nothing written
    assert s.search.pending() == 0
    decision = _first(s, "decisions")
    _set(s, "UPDATE decisions SET text = 'Agreed the platypusword plan' WHERE id = ?", [decision])
    assert s.search.pending() == 1
    assert _hits(s, "platypusword") == []  # not yet indexed
    assert s.search.catch_up() == 1
    assert [h.record_id for h in _hits(s, "platypusword")] == [decision]
    _set(s, "UPDATE decisions SET text = 'Agreed the echidnaword plan' WHERE id = ?", [decision])
    s.search.catch_up()
    assert _hits(s, "platypusword") == []
    assert [h.record_id for h in _hits(s, "echidnaword")] == [decision]


def test_catch_up_drops_entries_of_records_gone(sample_store: Store) -> None:
    s = sample_store
    item = int(s.unit.scalar("SELECT max(id) FROM agenda_items"))
    s.live.save_minutes(item, "a wallabyword")
    s.search.catch_up()
    assert _hits(s, "wallabyword")
    _set(s, "DELETE FROM agenda_items WHERE id = ?", [item])
    assert s.search.catch_up() == 1
    assert _hits(s, "wallabyword") == []


def test_autosave_writes_no_index_row_until_the_item_is_left(sample_store: Store) -> None:
    s = sample_store
    s.search.catch_up()
    before = _entries(s)
    item = _first(s, "agenda_items")
    saver = s.live.autosave()
    try:
        for text in (
            "The kookaburraword",
            "The kookaburraword was heard",
            "The kookaburraword sang",
        ):
            saver.changed(item, text)
            assert saver.flush()
    finally:
        saver.close()
    assert s.unit.scalar("SELECT minutes FROM agenda_items WHERE id = ?", [item]).endswith("sang")
    assert _entries(s) == before
    assert _hits(s, "kookaburraword") == []
    assert s.search.index_item(item) == 1
    assert [h.item_id for h in _hits(s, "kookaburraword")] == [item]


def test_index_meeting(sample_store: Store) -> None:
    s = sample_store
    s.search.catch_up()
    item = _first(s, "agenda_items")
    meeting = int(s.unit.scalar("SELECT meeting_id FROM agenda_items WHERE id = ?", [item]))
    s.live.save_minutes(item, "the galahword")
    assert s.search.index_meeting(meeting) == 1
    assert [h.meeting_id for h in _hits(s, "galahword")] == [meeting]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ÉLODIE", True),
        ("elodie", True),
        ("Elo", True),
        ("café", True),
        ("CAFE", True),
        ('"strategy meet', True),
        ('"strategy meeting"', True),
        ('"meeting strategy"', False),
        ("elodie zzzznothing", False),
    ],
)
def test_words_as_people_type_them(sample_store: Store, typed: str, found: bool) -> None:
    s = sample_store
    item = _first(s, "agenda_items")
    s.live.save_minutes(item, "Élodie met the café team before the strategy meeting.")
    s.search.index_item(item)
    assert (item in [h.item_id for h in _hits(s, typed)]) is found


@pytest.mark.parametrize("typed", ['"', "AND", "*", "(", "NEAR(", "OR", '" OR "', "a:b", "^", "-x"])
def test_hostile_input_never_raises(sample_store: Store, typed: str) -> None:
    sample_store.search.catch_up()
    sample_store.search.find(typed)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_a_valid_query(typed: str) -> None:
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('some words here')")
    query = fts_query(typed)
    if query:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", [query]).fetchall()


def test_filters(sample_store: Store) -> None:
    s = sample_store
    s.search.catch_up()
    every = _hits(s, "safeguarding", limit=500)
    assert {h.kind for h in _hits(s, "safeguarding", kinds=["decision"])} == {"decision"}
    since = dt.date(2026, 11, 1)
    recent = _hits(s, "safeguarding", since=since, limit=500)
    assert recent and all(h.on_date and h.on_date >= since for h in recent)
    assert len(recent) < len(every)
    until = _hits(s, "safeguarding", until=since, limit=500)
    assert all(h.on_date and h.on_date <= since for h in until)
    series = str(s.unit.scalar("SELECT series FROM meetings ORDER BY id LIMIT 1"))
    in_series = _hits(s, "safeguarding", series=series, limit=500)
    assert in_series and len(in_series) < len(every)
    assert len(_hits(s, "safeguarding", limit=3)) == 3


def test_real_names_are_in_the_chairs_own_search(sample_store: Store) -> None:
    s = sample_store
    person = s.register.all()[0]
    item = _first(s, "agenda_items")
    s.live.save_minutes(item, f"{person.real_name} moved school.")
    s.search.index_item(item)
    (hit,) = [h for h in _hits(s, person.real_name) if h.item_id == item]
    assert person.real_name.split()[-1] in hit.snippet


def test_a_new_file_searches_nothing(store: Store) -> None:
    assert store.search.catch_up() == 0
    assert store.search.find("anything") == []


def test_sqlite_utils_search_finds_entries(sample_path: Path) -> None:
    cli = Path(sys.executable).parent / "sqlite-utils"
    if not cli.exists() and shutil.which("sqlite-utils") is None:
        pytest.skip("sqlite-utils CLI not installed")
    s = Store.open(sample_path)
    item = _first(s, "agenda_items")
    s.live.save_minutes(item, "an emuword")
    s.search.catch_up()
    s.close()
    result = subprocess.run(
        [
            str(cli if cli.exists() else "sqlite-utils"),
            "search",
            str(sample_path),
            "search_entries",
            "emuword",
            "-c",
            "source_id",
            "--csv",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["source_id", str(item)]


def test_entries_are_in_date_order_and_a_window_ranks_the_newest(sample_store: Store) -> None:
    s = sample_store
    s.search.catch_up()
    with s.unit.reading() as conn:
        days = [r[0] or "" for r in conn.execute("SELECT on_date FROM search_entries ORDER BY id")]
    assert days == sorted(days)
    every = _hits(s, "safeguarding", limit=500, window=None)
    assert len(every) > 10
    newest = _hits(s, "safeguarding", limit=3, window=10)
    assert len(newest) == 3
    # The three best of the ten newest matches: none older than the tenth newest.
    tenth = sorted((h.on_date or dt.date.min for h in every), reverse=True)[9]
    assert all((h.on_date or dt.date.min) >= tenth for h in newest)
