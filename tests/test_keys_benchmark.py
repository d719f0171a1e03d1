"""benchmarks/keys.py: the parts that read the screen and sum up, on made-up runs
(no pty, no timings: the benchmark itself runs on demand)."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
keys = pytest.importorskip("keys")


def test_the_action_logs_count_line_is_read_filtered_or_not() -> None:
    lines = ["Ref  RAG", " 12 of 50,000 actions · sorted by due date", "A-2026-001"]
    found = keys.log_line(lines)
    assert found is not None and found.groups() == ("12", "50,000", "due date")
    assert keys.log_line([" 1 action · sorted by reference"]).groups() == (None, "1", "reference")
    assert keys.log_line(["Open or in progress  actions · sorted by due date"]) is None
    assert keys._shown_count(lines) == 12


def test_summary_takes_medians_ratios_and_the_dashboards_returns() -> None:
    def run(scale: float) -> dict[str, Any]:
        times = {step: [0.1 * scale] for step, _k, _w in keys.STEP_ORDER}
        times["dashboard"] = [0.05 * scale, 0.07 * scale, 0.3 * scale]  # median of the returns
        return {"times": times, "counts": {"log filter": int(10 * scale)}}

    steps = keys.summarise({"sample": [run(1), run(1)], "big": [run(2), run(3)]})
    assert steps["meetings"]["sample_median_ms"] == pytest.approx(100)
    assert steps["meetings"]["big_median_ms"] == pytest.approx(250)
    assert steps["meetings"]["ratio"] == pytest.approx(2.5)
    assert steps["dashboard"]["sample_median_ms"] == pytest.approx(70)
    assert steps["log filter"]["big_count"] == 20
    assert list(steps) == [step for step, _k, _w in keys.STEP_ORDER]
