"""Decisions as the log records them (domain.md: reference, date, decision,
rationale, decided by), dated by their meeting: the store's side and the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.domain import errors
from store.domain.models import Meeting
from store.exports.builder import Builder
from store.exports.decisions_log import decision_line, decisions_markdown
from tests.conftest import Clock

SEPT = dt.date(2026, 9, 1)
HELD = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)
RATIONALE = (
    "The criteria for a local review are met: serious harm, and agencies could have worked better."
)
PARTNERS = "The lead safeguarding partners"


@pytest.fixture
def clock() -> Clock:
    return Clock(HELD)


@pytest.fixture
def s(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    store = Store.open(tmp_path / "decisions.db", clock=clock)
    yield store
    store.close()


def meeting(s: Store, day: dt.date = SEPT) -> Meeting:
    return s.meetings.add(title="Executive", kind="executive", series="exec", date=day.isoformat())


def held(s: Store, clock: Clock, day: dt.date = SEPT) -> Meeting:
    """A meeting held on ``day`` from 10:00 to 11:30, then closed."""
    mid = meeting(s, day).id or 0
    clock.at(day, 10, 0)
    s.live.start(mid)
    clock.at(day, 11, 30)
    return s.live.end(mid)


# -- rationale and decided by ---------------------------------------------------------


def test_a_decision_keeps_its_rationale_and_who_decided(s: Store) -> None:
    mid = meeting(s).id or 0
    made = s.decisions.add(
        mid, None, "Commission an LCSPR.", rationale=RATIONALE, decided_by=PARTNERS
    )
    stored = s.decisions.get(made.id or 0)
    assert (stored.rationale, stored.decided_by) == (RATIONALE, PARTNERS)
    recorded = {e.field: e.new for e in s.decisions.history(made.id or 0)}
    assert recorded["rationale"] == RATIONALE
    assert recorded["decided_by"] == PARTNERS


def test_a_blank_rationale_and_decided_by_mean_none_and_the_meeting(s: Store) -> None:
    mid = meeting(s).id or 0
    made = s.decisions.add(mid, None, "Noted.", rationale="  ", decided_by="")
    stored = s.decisions.get(made.id or 0)
    assert (stored.rationale, stored.decided_by) == (None, None)
    assert s.decisions.add(mid, None, "Also noted.").decided_by is None, "callers as before"


def test_a_long_rationale_is_refused_on_its_field(s: Store) -> None:
    mid = meeting(s).id or 0
    with pytest.raises(errors.InvalidValue) as refused:
        s.decisions.add(mid, None, "Agreed.", rationale="x" * 5001)
    assert "rationale" in refused.value.errors
    assert s.decisions.of_meeting(mid) == []


def test_changing_the_rationale_and_who_decided_is_audited(s: Store, clock: Clock) -> None:
    mid = meeting(s).id or 0
    made = s.decisions.add(mid, None, "Commission an LCSPR.", rationale="Criteria met.")
    did = made.id or 0
    clock.advance(5)
    s.decisions.update(did, made.text, rationale=RATIONALE, decided_by=PARTNERS)
    changed = s.decisions.get(did)
    assert (changed.text, changed.rationale, changed.decided_by) == (
        made.text,
        RATIONALE,
        PARTNERS,
    )
    history = [(e.field, e.old, e.new) for e in s.decisions.history(did)]
    assert ("rationale", "Criteria met.", RATIONALE) in history
    assert ("decided_by", None, PARTNERS) in history

    # Only the wording: the rest as it was.
    s.decisions.update(did, "Commission an LCSPR for Child A.")
    kept = s.decisions.get(did)
    assert (kept.rationale, kept.decided_by) == (RATIONALE, PARTNERS)

    # Cleared: decided by the meeting again, audited too.
    s.decisions.update(did, kept.text, decided_by=None)
    assert s.decisions.get(did).decided_by is None
    assert ("decided_by", PARTNERS, None) in [
        (e.field, e.old, e.new) for e in s.decisions.history(did)
    ]


def test_a_withdrawn_decision_keeps_its_rationale_unchanged(s: Store) -> None:
    mid = meeting(s).id or 0
    made = s.decisions.add(mid, None, "Agreed twice.", rationale="Recorded by mistake.")
    s.decisions.withdraw(made.id or 0, "Recorded twice.")
    with pytest.raises(errors.InvalidValue):
        s.decisions.update(made.id or 0, made.text, rationale="Other reasons.")
    assert s.decisions.get(made.id or 0).rationale == "Recorded by mistake."


def test_the_log_search_finds_words_in_the_rationale(s: Store) -> None:
    mid = meeting(s).id or 0
    review = s.decisions.add(mid, None, "Commission an LCSPR.", rationale=RATIONALE)
    s.decisions.add(mid, None, "Minutes agreed as an accurate record.")
    assert [d.id for d, _, _ in s.decisions.page("harm")] == [review.id]
    assert s.decisions.count("harm") == 1
    assert s.decisions.count("HARM") == 1, "as the index does, whatever the case"
    # One word in the wording, another in the rationale: both must be there.
    assert [d.id for d, _, _ in s.decisions.page("LCSPR serious")] == [review.id]
    assert s.decisions.count("minutes serious") == 0
    assert s.decisions.count("agreed") == 1, "the wording is searched as before"
    assert s.decisions.count("100%") == 0, "no LIKE wildcard gets through"


# -- dated by the meeting -------------------------------------------------------------


def test_a_decision_added_to_a_closed_meeting_is_dated_when_it_was_held(
    s: Store, clock: Clock
) -> None:
    closed = held(s, clock)
    clock.at(dt.date(2026, 12, 1), 9, 15)  # the record corrected three months later
    made = s.decisions.add(closed.id or 0, None, "Agreed the neglect strategy.")
    assert made.made_at == dt.datetime(2026, 9, 1, 11, 30, tzinfo=dt.UTC) == closed.ended_at
    assert s.decisions.get(made.id or 0).made_at.date() == SEPT
    assert "| 1 September 2026 |" in decisions_markdown(s)


def test_a_decision_takes_its_meetings_year_for_its_reference(s: Store, clock: Clock) -> None:
    december = held(s, clock, dt.date(2026, 12, 17))
    clock.at(dt.date(2027, 1, 6), 9, 0)
    made = s.decisions.add(december.id or 0, None, "Agreed the annual report.")
    assert made.reference == "D-2026-001"
    assert made.made_at.year == 2026


def test_a_decision_on_a_meeting_not_yet_held_takes_its_day_and_start(
    s: Store, clock: Clock
) -> None:
    local = dt.timezone(dt.timedelta(hours=1), "BST")
    clock.now = dt.datetime(2026, 8, 20, 16, 0, tzinfo=local)
    planned = s.meetings.add(
        title="Executive", kind="executive", series="exec", date="2026-09-01", start_time="09:30"
    )
    made = s.decisions.add(planned.id or 0, None, "Agreed by email before the meeting.")
    assert made.made_at == dt.datetime(2026, 9, 1, 9, 30, tzinfo=local)


def test_a_decision_in_a_live_meeting_is_dated_by_the_clock(s: Store, clock: Clock) -> None:
    mid = meeting(s).id or 0
    s.live.start(mid)
    clock.advance(47)
    made = s.decisions.add(mid, None, "Agreed.")
    assert made.made_at == HELD + dt.timedelta(minutes=47)


# -- the export -------------------------------------------------------------------------


def test_the_log_has_the_columns_domain_md_gives(s: Store) -> None:
    mid = meeting(s).id or 0
    s.decisions.add(mid, None, "Commission an LCSPR.", rationale=RATIONALE, decided_by=PARTNERS)
    s.decisions.add(mid, None, "Minutes agreed.")
    lines = decisions_markdown(s).splitlines()
    header = next(line for line in lines if line.startswith("| Ref"))
    assert header == "| Ref | Date | Meeting | Item | Decision | Rationale | Decided by |"
    rows = [line for line in lines if line.startswith("| D-")]
    assert (
        rows[0]
        == "| D-2026-002 | 1 September 2026 | Executive |   | Minutes agreed. |   | The meeting |"
    )
    assert rows[1] == (
        f"| D-2026-001 | 1 September 2026 | Executive |   | Commission an LCSPR. | {RATIONALE} "
        f"| {PARTNERS} |"
    )


def test_the_minutes_line_of_a_decision(s: Store) -> None:
    mid = meeting(s).id or 0
    full = s.decisions.add(
        mid, None, "Commission an LCSPR.", rationale="Criteria *met*.", decided_by=PARTNERS
    )
    bare = s.decisions.add(mid, None, "Minutes agreed.")
    gone = s.decisions.add(mid, None, "Agreed twice.", rationale="By mistake.")
    s.decisions.withdraw(gone.id or 0, "Recorded twice.")
    x = Builder(s)
    assert decision_line(x, s.decisions.get(full.id or 0)) == (
        f"- D-2026-001: Commission an LCSPR. Rationale: Criteria \\*met\\*. Decided by: {PARTNERS}"
    )
    assert decision_line(x, bare) == "- D-2026-002: Minutes agreed."
    assert decision_line(x, s.decisions.get(gone.id or 0)) == (
        "- D-2026-003: Agreed twice. *(withdrawn on 1 September 2026: Recorded twice.)* "
        "Rationale: By mistake."
    )


def test_a_childs_name_in_the_rationale_is_redacted_in_the_log_and_the_minutes_line(
    s: Store,
) -> None:
    s.register.add(real_name="Kayden Ashby", other_names="Kayden; Ashby")
    mid = meeting(s).id or 0
    made = s.decisions.add(
        mid,
        None,
        "Commission an LCSPR.",
        rationale="Kayden was not brought to four appointments.",
        decided_by="The partners, Ashby family consulted",
    )
    for text in (decisions_markdown(s), decision_line(Builder(s), made)):
        assert "Kayden" not in text and "Ashby" not in text
        assert "Child A was not brought to four appointments." in text
    unredacted = decisions_markdown(s, redact=False)
    assert "Kayden was not brought to four appointments." in unredacted
