"""Key to screen: each section's key pressed in a real pty, on sample.db and the ten-year file.

    python benchmarks/keys.py [--runs N] [--big PATH] [--json PATH]

Each run is a fresh ``python -m tui COPY`` (a private copy of the file, made with
the backup API) in a 120x40 pseudo-terminal (tests/support/ptyterm.py), as a
chair would start it. Once the dashboard shows, the keys a chair presses go in
one at a time, and each is timed from just before its byte is written to the
read of the output that first makes the screen show the section's marker text,
which only shows once the section's rows are drawn (see STEPS):

* ``m`` meetings, ``l`` the action log (first open, then ``f`` a filter,
  ``/`` a search typed and submitted, ``s`` a sort), ``l`` again (the section is
  kept, so this is the second open), ``D`` decisions, ``R`` the register, ``p``
  people, ``V`` rapid reviews, ``E`` escalations, ``/`` one search of the whole
  record (the word typed and submitted);
* ``d`` back to the dashboard after each of them (the median of the returns).

Between keys the benchmark waits until the app is idle (its CPU time stops
moving, read from /proc), so one step's leftover work (pages loading, the big
file's integrity check after the first frame) is not charged to the next.
The two files are interleaved: one uncounted warm-up round, then rounds that
run each file once, the order alternating. Reported per step: each file's
median, big/sample (the aim: at most 1.2x) and the median of the per-round
ratios; the aim of 100 ms is for a quiet machine.

Prints a table and writes ``benchmarks/results/keys.json``. A report, not a
test: exit 0 whatever the ratios, 1 only if a screen never showed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
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

from tests.support.ptyterm import KEYS, PtyError, PtyTerminal

TARGET_RATIO = 1.2
TARGET_MS = 100.0
SIZE = (120, 40)
SEARCH = "neglect"
# Started as from a user's shell, as benchmarks/startup.py does.
CHILD_ENV: dict[str, str | None] = {"PYTHONDONTWRITEBYTECODE": None, "PYTHONUNBUFFERED": None}
# The dashboard with its data: the panel headings are composed at once, the
# agencies' figures only once the overview has been read.
DASHBOARD = ["Next meetings", "Open, by agency"]
# Count lines that each list writes in the same handler that fills its table,
# so they show in the frame that draws the rows; with a word from the rows or
# a second line filled in that handler where one is certain to be there.
SECTIONS: dict[str, tuple[str, list[str]]] = {
    "meetings": ("m", ["Meetings: upcoming first, then past", "Planned"]),
    "decisions": ("D", ["decisions, newest first · enter opens one", "D-20"]),
    "register": ("R", ["Protected names: replaced by the pseudonym", "Current"]),
    "people": ("p", ["Initials", "Abena Owusu"]),
    "reviews": ("V", ["Within 15 working days", "· enter opens one"]),
    "escalations": ("E", ["days are working days · enter opens one", "Open: "]),
}
# The action log's count line: "35 actions · sorted by due date", "12 of 35 actions · …".
LOG_LINE = re.compile(r"^\s*(?:([\d,]+) of )?([\d,]+) actions? · sorted by (due date|reference)")
STEP_ORDER = [
    ("start", "", "spawn to dashboard (not a key)"),
    ("meetings", "m", "meetings list"),
    ("log first", "l", "action log, first open"),
    ("log filter", "f ⏎ ↓ ⏎", "status: open or in progress (from the last ⏎)"),
    ("log search", "/ neglect⏎", "search typed and submitted (from the write)"),
    ("log sort", "s", "sort by reference"),
    ("log second", "l", "action log, second open (kept screen)"),
    ("decisions", "D", "decisions log"),
    ("register", "R", "register of protected names"),
    ("people", "p", "people"),
    ("reviews", "V", "rapid reviews list"),
    ("escalations", "E", "escalations list"),
    ("search", "/ neglect⏎", "one search of the whole record (from the write)"),
    ("dashboard", "d", "dashboard (median of the returns)"),
]


# -- one process ---------------------------------------------------------------------------


def cpu_ticks(pid: int) -> int | None:
    """The process's user + system CPU time in clock ticks (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def wait_idle(term: PtyTerminal, quiet: float = 0.15, limit: float = 5.0) -> None:
    """Until the app's CPU time has not moved for ``quiet`` seconds (at most ``limit``)."""
    deadline = time.monotonic() + limit
    last, since = cpu_ticks(term.pid), time.monotonic()
    if last is None:  # no /proc: a fixed pause instead
        time.sleep(0.5)
        return
    while time.monotonic() < deadline:
        time.sleep(0.03)
        now = cpu_ticks(term.pid)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def log_line(lines: list[str]) -> re.Match[str] | None:
    """The action log's count line on the screen, if it shows."""
    for line in lines:
        found = LOG_LINE.match(line)
        if found:
            return found
    return None


class Session:
    """One app process on one file: timed keys, untimed ones, and its timings."""

    def __init__(self, term: PtyTerminal, name: str, timeout: float) -> None:
        self.term, self.name, self.timeout = term, name, timeout
        self.times: dict[str, list[float]] = {}
        self.counts: dict[str, int] = {}

    def _fail(self, what: str, exc: PtyError | None = None) -> RunFailed:
        screen = exc.screen if exc is not None else self.term.screen_text()
        shown = "\n".join(line for line in screen.splitlines() if line.strip())
        why = f": {exc}" if exc is not None else ""
        return RunFailed(
            f"{self.name}: {what}{why}\n--- last screen ---\n{shown or '(blank)'}\n---"
        )

    def timed(self, step: str, keys: str, markers: list[str]) -> float:
        """Write ``keys``; seconds until the screen shows every one of ``markers``."""
        if all(m in self.term.screen_text() for m in markers):
            raise self._fail(f"{step}: {markers!r} on screen before the key was pressed")
        pressed = time.perf_counter() - self.term.start_time
        self.term.send(keys)
        try:
            shown = self.term.wait_for(markers, self.timeout)
        except PtyError as exc:
            raise self._fail(f"{step} did not show {markers!r}", exc) from None
        self.times.setdefault(step, []).append(shown - pressed)
        wait_idle(self.term)
        return shown - pressed

    def untimed(self, keys: str, until: Any, what: str) -> None:
        """Write ``keys`` and poll until ``until(screen lines)`` holds."""
        self.term.send(keys)
        deadline = time.monotonic() + self.timeout
        while not until(self.term.screen_lines()):
            if time.monotonic() > deadline:
                raise self._fail(f"{what} did not show")
            time.sleep(0.01)
        wait_idle(self.term)

    def section(self, step: str, key: str, markers: list[str]) -> None:
        self.timed(step, key, markers)
        self.timed("dashboard", "d", DASHBOARD)

    def action_log(self) -> None:
        self.timed("log first", "l", ["actions · sorted by due date"])
        found = log_line(self.term.screen_lines())
        if found is None or found.group(1):
            raise self._fail("the action log's count line is not the unfiltered one")
        total = found.group(2)
        unfiltered = f"{total} actions · sorted by due date"
        filtered = f" of {total} actions · sorted by due date"

        def back_to_all(lines: list[str]) -> bool:
            shown = log_line(lines)
            return shown is not None and not shown.group(1) and shown.group(3) == "due date"

        # A filter: the status select (f), opened, one down, chosen.
        self.untimed("f", lambda lines: True, "the filters")
        self.untimed(KEYS["enter"], lambda ls: any("Open or in progress" in ln for ln in ls),
                     "the status choices")  # fmt: skip
        self.term.send(KEYS["down"])
        wait_idle(self.term)
        self.timed("log filter", KEYS["enter"], [filtered])
        self.counts["log filter"] = _shown_count(self.term.screen_lines())
        # Escape goes back to the table, escape again clears the filters.
        self.untimed(KEYS["escape"], lambda lines: True, "the table")
        self.untimed(KEYS["escape"], back_to_all, "the unfiltered log")
        # A search: / then the word and Enter in one write, as typed by a fast hand.
        self.untimed("/", lambda lines: True, "the search box")
        self.timed("log search", SEARCH + KEYS["enter"], [filtered])
        self.counts["log search"] = _shown_count(self.term.screen_lines())
        self.untimed(KEYS["escape"], back_to_all, "the unfiltered log")
        # A sort, and back.
        self.timed("log sort", "s", [f"{total} actions · sorted by reference"])
        self.untimed("s", back_to_all, "the log sorted by due date")
        self.timed("dashboard", "d", DASHBOARD)
        self.timed("log second", "l", [unfiltered])
        self.timed("dashboard", "d", DASHBOARD)

    def search(self) -> None:
        """``/`` from the dashboard, then the word and Enter in one write: until the
        results' count line shows (drawn with the results)."""
        self.untimed("/", lambda ls: any("Type words to search" in ln for ln in ls), "the search")
        self.timed("search", SEARCH + KEYS["enter"], ["found, best first in each kind"])
        self.untimed(
            KEYS["escape"], lambda ls: any(DASHBOARD[0] in ln for ln in ls), "the dashboard"
        )

    def run(self) -> None:
        self.section("meetings", *SECTIONS["meetings"])
        self.action_log()
        for step in ("decisions", "register", "people", "reviews", "escalations"):
            self.section(step, *SECTIONS[step])
        self.search()


def _shown_count(lines: list[str]) -> int:
    found = log_line(lines)
    return int((found.group(1) or found.group(2)).replace(",", "")) if found else -1


def run_once(name: str, path: Path, timeout: float) -> dict[str, Any]:
    """One fresh process on ``path``: every step's times (seconds), a few counts."""
    argv = [sys.executable, "-m", "tui", str(path)]
    try:
        with PtyTerminal(argv, size=SIZE, cwd=REPO_ROOT, env=CHILD_ENV) as term:
            session = Session(term, name, timeout)
            try:
                session.times["start"] = [term.wait_for(DASHBOARD, timeout)]
            except PtyError as exc:
                raise session._fail("the dashboard did not show", exc) from None
            # The first frame starts work after it (the models loading, a big
            # file's integrity check): a chair reads the dashboard meanwhile.
            wait_idle(term, limit=30)
            session.run()
            term.terminate(timeout=5)
    except (PtyError, OSError) as exc:
        raise RunFailed(f"{name}: cannot run {argv!r}: {exc}") from None
    return {"times": session.times, "counts": session.counts}


# -- the report ------------------------------------------------------------------------------


def per_round(run: dict[str, Any], step: str) -> float:
    """A step's time in one run, in ms (the median where a run has several, as "d")."""
    return float(statistics.median(run["times"][step])) * 1000


def summarise(results: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Per step: each file's median (ms), big/sample and the median per-round ratio."""
    steps: dict[str, Any] = {}
    for step, keys, what in STEP_ORDER:
        times = {n: [per_round(r, step) for r in runs] for n, runs in results.items()}
        entry: dict[str, Any] = {"keys": keys, "what": what}
        entry |= {f"{n}_median_ms": statistics.median(t) for n, t in times.items()}
        entry["ratio"] = entry["big_median_ms"] / entry["sample_median_ms"]
        entry["paired_ratio"] = statistics.median(
            b / s for b, s in zip(times["big"], times["sample"], strict=True)
        )
        for n, runs in results.items():
            if step in runs[0]["counts"]:
                entry[f"{n}_count"] = runs[0]["counts"][step]
        entry |= {f"{n}_ms": t for n, t in times.items()}
        steps[step] = entry
    return steps


def print_summary(steps: dict[str, Any]) -> None:
    print(f"\n  {'step':12} {'keys':11} {'sample ms':>10} {'big ms':>9} {'big/sample':>11}"
          f" {'paired':>7}  notes")  # fmt: skip
    for step, e in steps.items():
        notes = []
        if step != "start":
            if e["ratio"] > TARGET_RATIO:
                notes.append(f"above {TARGET_RATIO}x")
            if e["big_median_ms"] > TARGET_MS:
                notes.append(f"over {TARGET_MS:g} ms")
        if "big_count" in e:
            notes.append(f"rows {e['sample_count']:,} / {e['big_count']:,}")
        print(f"  {step:12} {e['keys']:11} {e['sample_median_ms']:10.0f} {e['big_median_ms']:9.0f}"
              f" {e['ratio']:10.2f}x {e['paired_ratio']:6.2f}x  {', '.join(notes)}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds (min 5, default 5)")
    parser.add_argument("--big", type=Path, help="a database from build_big_db.py (default: "
                        "built once at scale 1, seed 1, in $TMPDIR/quorate-bench)")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a screen may take")
    add_json_option(parser, "keys")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    sources = {"sample": REPO_ROOT / "sample.db", "big": big_database(args.big)}
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"key-to-screen benchmark: {args.runs} interleaved rounds (+1 warm-up), "
          f"terminal {SIZE[0]}x{SIZE[1]}; load average {load}")  # fmt: skip
    for name, path in sources.items():
        print(f"  {name}: {path}")
    result: dict[str, Any] = {
        **environment("keys", *SIZE),
        "databases": {n: str(p) for n, p in sources.items()},
        "runs": args.runs,
        "search": SEARCH,
        "target_ratio": TARGET_RATIO,
        "target_ms": TARGET_MS,
        "load_before": load,
    }
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in sources}
    failed = False
    with tempfile.TemporaryDirectory(prefix="quorate-keys-") as tmp:
        files = {n: private_copy(p, Path(tmp) / f"{n}.db") for n, p in sources.items()}
        try:
            for i in range(1 + args.runs):
                order = list(files) if i % 2 == 0 else list(files)[::-1]
                for name in order:
                    run = run_once(name, files[name], args.timeout)
                    if i:
                        results[name].append(run)
                print(".", end="", flush=True)
            print()
        except RunFailed as exc:
            print(f"\nFAILED: {exc}", file=sys.stderr)
            failed = True
    result["load_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    if not failed:
        result["steps"] = summarise(results)
        print_summary(result["steps"])
        print(f"\n  load average before {load}, after {result['load_after']}")
    result["raw"] = results
    write_results(args.json, result)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
