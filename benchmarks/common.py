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


BUILDER = REPO_ROOT / "benchmarks" / "build_big_db.py"


def big_database(path: Path | None, scale: float = 1.0, seed: int = 1) -> Path:
    """``path``, or the ten-year file from build_big_db.py cached in the temp folder
    ($TMPDIR/quorate-bench), built on first use. The cache's name carries a digest
    of the builder and the latest migration, so a changed builder or schema builds
    it again rather than measuring a file that lacks the new rows."""
    if path is not None:
        return path
    import hashlib
    import subprocess
    import tempfile

    from store.db.migrations import latest_version

    digest = hashlib.sha256(BUILDER.read_bytes()).hexdigest()[:10]
    name = f"big-scale{scale:g}-seed{seed}-v{latest_version()}-{digest}.db"
    cache = Path(tempfile.gettempdir()) / "quorate-bench" / name
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        building = cache.with_name(cache.name + ".building")
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        print(f"building {cache} (once; later runs reuse it)", flush=True)
        argv = [sys.executable, str(BUILDER), str(building), f"--scale={scale}", f"--seed={seed}"]
        subprocess.run(argv, cwd=REPO_ROOT, check=True)
        os.replace(building, cache)
    return cache


def private_copy(source: Path, target: Path) -> Path:
    """A consistent copy of a database (the backup API: store.db.files.copy_database),
    so a benchmark never writes the file it was given."""
    from store.db.files import copy_database

    copy_database(source, target)
    return target
