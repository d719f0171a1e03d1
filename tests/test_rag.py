"""RAG: red (overdue or blocked), amber (due within the amber window, or at risk),
green (on track), "no date" (open with no due date), closed. The rule is written
twice, as ``store.domain.deadlines.rag`` and as the action log's SQL filters:
one table of cases holds the two together."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from store.actions import ActionQuery, rag_of
from store.domain.deadlines import Rag, rag

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def days(n: int | None) -> dt.date | None:
    return None if n is None else TODAY + dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("status", "due", "blocked", "at_risk", "expected"),
    [
        ("open", None, False, False, Rag.NO_DATE),
        ("in_progress", None, False, False, Rag.NO_DATE),
        ("open", None, False, True, Rag.AMBER),
        ("open", None, True, False, Rag.RED),
        ("open", None, True, True, Rag.RED),
        ("open", 30, False, False, Rag.GREEN),
        ("open", 30, False, True, Rag.AMBER),
        ("open", 30, True, True, Rag.RED),
        ("open", 7, False, False, Rag.AMBER),
        ("open", 8, False, False, Rag.GREEN),
        ("open", 0, False, False, Rag.AMBER),
        ("open", -1, False, False, Rag.RED),
        ("open", -1, False, True, Rag.RED),  # overdue outranks at risk
        ("done", None, False, True, Rag.CLOSED),
        ("dropped", -5, True, True, Rag.CLOSED),
    ],
)
def test_rag_with_at_risk_and_no_date(
    status: str, due: int | None, blocked: bool, at_risk: bool, expected: Rag
) -> None:
    assert rag(status, days(due), TODAY, blocked=blocked, at_risk=at_risk) is expected


def test_at_risk_is_amber_whatever_the_amber_window() -> None:
    assert rag("open", days(60), TODAY, at_risk=True, amber_days=1) is Rag.AMBER
    assert rag("open", days(2), TODAY, amber_days=1) is Rag.GREEN


def test_each_rating_has_the_word_the_screens_show() -> None:
    assert {r.value: r.label for r in Rag} == {
        "red": "Red",
        "amber": "Amber",
        "green": "Green",
        "no_date": "No date",
        "closed": "Closed",
    }


# -- the SQL agrees ----------------------------------------------------------------

STATUSES = ("open", "in_progress", "done", "dropped")
DUES = (None, -30, -1, 0, 1, 3, 4, 7, 8, 90)  # the edges of a 3- and a 7-day window


@pytest.fixture
def every_case(tmp_path: Path) -> Iterator[Store]:
    """One action for each status, due date, blocked and at-risk together."""
    store = Store.open(tmp_path / "rag.db", clock=lambda: NOW)
    for status, due, blocked, at_risk in itertools.product(
        STATUSES, DUES, (False, True), (False, True)
    ):
        action = store.actions.add(f"{status} {due} {blocked} {at_risk}", due=days(due))
        store.actions.update(action.id or 0, status=status, blocked=blocked, at_risk=at_risk)
    yield store
    store.close()


@pytest.mark.parametrize("amber_days", [7, 3])
def test_the_log_filters_agree_with_rag(every_case: Store, amber_days: int) -> None:
    store = every_case
    store.settings.update(amber_days=amber_days)
    everything = store.actions.page(ActionQuery(), 0, 1000)
    assert len(everything) == len(STATUSES) * len(DUES) * 4
    by_python: dict[str, set[str]] = {r.value: set() for r in Rag}
    for row in everything:
        action = row.action
        expected = rag(
            action.status,
            action.due,
            TODAY,
            blocked=action.blocked,
            at_risk=action.at_risk,
            amber_days=amber_days,
        )
        assert row.rag == rag_of(action, TODAY, amber_days) == expected.value
        by_python[expected.value].add(action.reference)
    for value, references in by_python.items():
        query = ActionQuery(rag=value)
        assert references, f"the table of cases has some {value}"
        assert {r.action.reference for r in store.actions.page(query, 0, 1000)} == references
        assert store.actions.count(query) == len(references), value
        # Ordered by reference too (the other index), the same rows.
        by_reference = ActionQuery(rag=value, sort="reference")
        assert {r.action.reference for r in store.actions.page(by_reference, 0, 1000)} == (
            references
        )


def test_at_risk_is_changed_through_update_and_audited(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "risk.db", clock=lambda: NOW)
    try:
        action = store.actions.add("Publish the strategy", due=days(60))
        assert store.actions.page()[0].rag == "green"
        flagged = store.actions.update(action.id or 0, at_risk=True)
        assert flagged.at_risk and store.actions.get(action.id or 0).at_risk
        assert store.actions.page()[0].rag == "amber"
        assert store.actions.count(ActionQuery(rag="amber")) == 1
        store.actions.update(action.id or 0, at_risk=False)
        changes = [(c.field, c.old, c.new) for c in store.actions.changes(action.id or 0)]
        assert ("at_risk", False, True) in changes
        assert ("at_risk", True, False) in changes
    finally:
        store.close()


def test_the_circulated_log_uses_the_same_words(tmp_path: Path) -> None:
    from store.exports.action_log import actions_markdown

    store = Store.open(tmp_path / "log.db", clock=lambda: NOW)
    try:
        store.actions.add("Write the escalation protocol")
        risky = store.actions.add("Publish the strategy", due=days(60))
        store.actions.update(risky.id or 0, at_risk=True)
        store.actions.add("Audit the referrals", due=days(60))
        rows = {
            line.split(" | ")[1]: line.split(" | ")[7]
            for line in actions_markdown(store, redact=False).splitlines()
            if line.startswith("| A-")
        }
        assert rows == {
            "Write the escalation protocol": "NO DATE",
            "Publish the strategy": "AMBER",
            "Audit the referrals": "GREEN",
        }
    finally:
        store.close()
