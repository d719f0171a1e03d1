"""What every benchmark records beside its figures: where and with what it ran."""

from __future__ import annotations

import os
import platform
import sys
import time
from typing import Any


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
