"""Export benchmark: minutes of a meeting with 60 items and 300 actions, as a whole
process (`quorate export minutes`), against `quorate --version` in the same run.

    python benchmarks/export.py [--runs 15]

Prints the medians, the ratio and the absolute median; writes
benchmarks/results/export.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def build(path: Path) -> int:
    """A copy of sample.db plus one meeting with 60 items and 300 actions."""
    from store import Store
    from store.db.files import copy_database

    copy_database(REPO / "sample.db", path)
    clock = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    store = Store.open(path, clock=lambda: clock)
    people = [p.id for p in store.directory.people()]
    meeting = store.meetings.add(
        title="Partnership Board (long agenda)",
        kind="partnership_board",
        series="bench",
        date="2026-11-27",
        quorum_members=4,
        standard_agenda=False,
    )
    mid = meeting.id or 0
    for n in range(60):
        item = store.agenda.add(
            mid,
            title=f"Item {n + 1}: report on priority {n % 7} and the learning from Child A",
            planned_minutes=5,
            minutes=(
                f"Discussion of item {n + 1}. Kayden's school reported progress; "
                "members *noted* the report.\n\n- point one\n- point two\n"
            )
            * 3,
        )
        for k in range(5):
            store.actions.add(
                f"Action {k + 1} on item {n + 1}: follow up with Shannon Mirfield's support worker",
                owner_id=people[(n + k) % len(people)],
                due=f"2027-0{1 + k % 6}-1{k}",
                meeting_id=mid,
                item_id=item.id,
            )
        store.decisions.add(mid, item.id, f"Decision on item {n + 1}: agreed.")
    store.close()
    return mid


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env_python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        mid = build(db)
        out = Path(folder) / "minutes.md"
        export = [env_python, "-m", "tui", "export", "minutes", str(db), "--meeting", str(mid)]
        export += ["-o", str(out)]
        version = [env_python, "-m", "tui", "--version"]
        timed(export), timed(version)  # warm the bytecode caches
        exports, versions = [], []
        for n in range(args.runs):
            pair = [(exports, export), (versions, version)]
            for bucket, argv in pair if n % 2 == 0 else reversed(pair):
                bucket.append(timed(argv))
        size = out.stat().st_size
        lines = out.read_text().count("\n")
    e, v = statistics.median(exports), statistics.median(versions)
    result = {
        "runs": args.runs,
        "export_median_s": round(e, 4),
        "version_median_s": round(v, 4),
        "ratio": round(e / v, 2),
        "document_bytes": size,
        "document_lines": lines,
    }
    print(f"export minutes (60 items, 300 actions, {lines} lines): median {e * 1000:.0f} ms")
    print(f"quorate --version:                                  median {v * 1000:.0f} ms")
    print(f"ratio: {e / v:.2f}x")
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "export.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.exit(main())
