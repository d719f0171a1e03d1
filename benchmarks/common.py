"""What every benchmark shares: the repository on the import path, the record of
where and with what it ran, and writing the results file."""

from __future__ import annotations

import json
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
