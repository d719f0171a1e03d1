"""What every benchmark shares: the repository on the import path, the record of
where and with what it ran, the results file and its --json option, the
nearest-rank percentile, and the error for a run that did not complete."""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def environment(benchmark: str, columns: int, rows: int) -> dict[str, Any]:
    """The header of a results file: benchmark, time, Python, Textual, machine, terminal."""
    try:
        import textual

        textual_version: str | None = getattr(textual, "__version__", "?")
    except ImportError:
        textual_version = None
    return {
        "benchmark": benchmark,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": sys.version.split()[0],
        "textual": textual_version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "terminal": {"columns": columns, "rows": rows, "term": "xterm-256color"},
    }


def write_results(path: Path, result: dict[str, Any]) -> None:
    """Write the results as JSON and say where (relative to the repository if inside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    try:
        shown: Path = path.resolve().relative_to(REPO_ROOT)
    except ValueError:
        shown = path
    print(f"\nwrote {shown}")


class RunFailed(Exception):
    """A run did not complete (could not start, or did not show what it waits for)."""


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of values sorted ascending."""
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def add_json_option(parser: argparse.ArgumentParser, benchmark: str) -> None:
    """``--json PATH``, by default benchmarks/results/<benchmark>.json (git-ignored)."""
    default = REPO_ROOT / "benchmarks" / "results" / f"{benchmark}.json"
    parser.add_argument(
        "--json",
        type=Path,
        default=default,
        help=f"where to write results (default {default.relative_to(REPO_ROOT)})",
    )
