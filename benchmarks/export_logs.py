"""Log export benchmark: `quorate export actions` (and `decisions`) on the ten-year
file, against the floor, `sqlite3 -markdown` printing the same rows from the same
file, in the same run; and the peak memory of each export on sample.db and on the
ten-year file (it must not grow with the rows).

    python benchmarks/export_logs.py [--runs 7] [--big BIG.db]

Each run is a whole process writing its output to a file, interleaved: the export,
the floor, and the export of a search that matches no row (the fixed cost: Python,
the CLI, opening the file, the builder's setup). The per-row cost is (export -
fixed) / rows. Prints the medians, the ratios and the peak resident memory (from
wait4); writes benchmarks/results/export_logs.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    REPO_ROOT,
    RunFailed,
    add_json_option,
    big_database,
    environment,
    private_copy,
    write_results,
)

# The rows each export prints, in its order, as the floor reads them: the same
# joins and columns (the log's RAG is computed from status and due; the floor
# prints the due date it comes from).
FLOOR_SQL = {
    "actions": (
        "SELECT a.reference, a.description, p.name, g.short_name, a.raised_on, a.due, "
        "a.status, a.latest_update FROM actions a "
        "LEFT JOIN people p ON p.id = a.owner_id "
        "LEFT JOIN agencies g ON g.id = a.agency_id "
        "LEFT JOIN meetings m ON m.id = a.meeting_id "
        "ORDER BY a.due IS NULL, a.due, a.reference"
    ),
    "decisions": (
        "SELECT d.reference, d.made_at, m.title, i.title, d.text, d.rationale, d.decided_by "
        "FROM decisions d JOIN meetings m ON m.id = d.meeting_id "
        "LEFT JOIN agenda_items i ON i.id = d.item_id ORDER BY d.made_at DESC, d.id DESC"
    ),
}
NOTHING = "zzqxq-matches-no-row"


def run(argv: list[str], out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process, its output to ``out``."""
    with out.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE, cwd=REPO_ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise RunFailed(f"{' '.join(argv[:4])}… exited {proc.returncode}: {err[-400:]}")
    return elapsed, usage.ru_maxrss / 1024


def export_argv(kind: str, db: Path, out: Path, search: str = "") -> list[str]:
    argv = [sys.executable, "-m", "tui", "export", kind, str(db), "-o", str(out)]
    argv.append("--accept-identifiers")  # the ten-year file's rows are fictional
    if search:
        argv += ["--search", search]
    return argv


def rows_in(kind: str, db: Path) -> int:
    import sqlite3

    table = "actions" if kind == "actions" else "decisions"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--big", type=Path, default=None, help="a file from build_big_db.py")
    add_json_option(parser, "export_logs")
    args = parser.parse_args()
    sqlite3_cli = shutil.which("sqlite3")
    if sqlite3_cli is None:
        print("export_logs: the sqlite3 command-line shell is needed for the floor")
        return 1
    big_source = big_database(args.big)
    result: dict[str, Any] = environment("export_logs", 0, 0)
    result["load_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big = private_copy(big_source, tmp / "big.db")
        sample = private_copy(REPO_ROOT / "sample.db", tmp / "sample.db")
        out = tmp / "out.md"
        for kind in ("actions", "decisions"):
            rows = rows_in(kind, big)
            times: dict[str, list[float]] = {"export": [], "floor": [], "fixed": []}
            memory: dict[str, list[float]] = {"big": [], "sample": []}
            steps = {
                "export": export_argv(kind, big, out),
                "floor": [sqlite3_cli, "-markdown", "-readonly", str(big), FLOOR_SQL[kind]],
                "fixed": export_argv(kind, big, out, NOTHING),
            }
            run(steps["export"], out)  # warm-up: the page cache, the bytecode
            size = out.stat().st_size
            for n in range(args.runs):
                order = list(steps) if n % 2 == 0 else list(reversed(steps))
                for step in order:
                    elapsed, peak = run(steps[step], out)
                    times[step].append(elapsed)
                    if step == "export":
                        memory["big"].append(peak)
                memory["sample"].append(run(export_argv(kind, sample, out), out)[1])
            med = {k: statistics.median(v) for k, v in times.items()}
            per_row_ms = (med["export"] - med["fixed"]) / rows * 1000
            result[kind] = {
                "rows": rows,
                "bytes": size,
                "times": times,
                "medians": med,
                "export_over_floor": med["export"] / med["floor"],
                "per_row_ms": per_row_ms,
                "peak_mib": {k: max(v) for k, v in memory.items()},
            }
            print(
                f"{kind}: {rows:,} rows, {size / 2**20:.1f} MiB; export {med['export']:.2f} s, "
                f"sqlite3 -markdown {med['floor']:.2f} s: "
                f"{med['export'] / med['floor']:.2f}x the floor; fixed cost "
                f"{med['fixed']:.2f} s; {per_row_ms * 1000:.1f} µs a row; peak memory "
                f"{max(memory['sample']):.0f} MiB on sample.db, "
                f"{max(memory['big']):.0f} MiB on ten years"
            )
    result["load_after"] = os.getloadavg()
    print(
        f"load average {result['load_before'][0]:.2f} before, {result['load_after'][0]:.2f} after"
    )
    write_results(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
