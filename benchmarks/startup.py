"""Start-up benchmark: Quorate's first data frame vs. a minimal Textual app.

    python benchmarks/startup.py [--runs N] [--cmd COMMAND ...]

Each run is a whole fresh process in a real pseudo-terminal (120x40,
TERM=xterm-256color).  The time measured is from spawning the process to the
moment the terminal first shows the marker text(s):

* Quorate (``python -m tui --demo``, run from the repository root): the
  screen shows both "Kestrel Vale Safeguarding Children Partnership" and
  "Next meetings" -- the dashboard with its data;
* baseline (``benchmarks/baseline_app.py``: Header, a Static, Footer): the
  screen shows "Baseline ready".

Both start as from a user's shell: the parent's environment minus
COLUMNS/LINES (they would override the pty size), PYTHONDONTWRITEBYTECODE and
PYTHONUNBUFFERED.  Runs are interleaved (the order within each pair
alternates) after a warm-up of each that is not counted.  After its marker shows, a process gets SIGTERM
(SIGKILL if it lingers) and its peak RSS is read from ``wait4``.

Prints a table and writes ``benchmarks/results/startup.json``.  The result
is a report: the exit code is 0 whatever the ratio, and 1 only if a run did
not show its markers within the timeout (or could not start).
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
from dataclasses import dataclass, field

from common import (
    REPO_ROOT,
    RunFailed,
    add_json_option,
    environment,
    percentile,
    write_results,
)

from tests.support.ptyterm import PtyError, PtyTerminal

TARGET_RATIO = 1.4
DEFAULT_APP_MARKERS = ["Kestrel Vale Safeguarding Children Partnership", "Next meetings"]
BASELINE_MARKERS = ["Baseline ready"]
# Start both apps as from a user's shell: bytecode caches are used and written
# (the warm-up run fills them, as an install would), stdout is buffered.
CHILD_ENV: dict[str, str | None] = {"PYTHONDONTWRITEBYTECODE": None, "PYTHONUNBUFFERED": None}


@dataclass
class Subject:
    name: str
    argv: list[str]
    markers: list[str]
    times_s: list[float] = field(default_factory=list)
    maxrss_kib: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        t = sorted(self.times_s)
        mib = [k / 1024 for k in self.maxrss_kib]
        return {
            "command": self.argv,
            "markers": self.markers,
            "runs": len(t),
            "median_s": statistics.median(t),
            "p90_s": percentile(t, 90),
            "min_s": t[0],
            "max_s": t[-1],
            "median_maxrss_mib": statistics.median(mib),
            "max_maxrss_mib": max(mib),
            "times_s": self.times_s,
            "maxrss_mib": mib,
        }


def run_once(subject: Subject, *, size: tuple[int, int], timeout: float) -> tuple[float, int]:
    """One fresh process: seconds to markers, peak RSS in KiB."""
    try:
        with PtyTerminal(subject.argv, size=size, cwd=REPO_ROOT, env=CHILD_ENV) as term:
            try:
                seconds = term.wait_for(subject.markers, timeout)
            except PtyError as exc:
                screen = "\n".join(line for line in exc.screen.splitlines() if line.strip())
                raise RunFailed(
                    f"{subject.name}: {exc}\n--- last screen ---\n{screen or '(blank)'}\n---"
                ) from None
            _returncode, maxrss_kib = term.terminate(timeout=5)
    except (PtyError, OSError) as exc:  # could not start, or would not die
        raise RunFailed(f"{subject.name}: cannot run {shlex.join(subject.argv)}: {exc}") from None
    return seconds, maxrss_kib


def parse_size(text: str) -> tuple[int, int]:
    cols, _, rows = text.lower().partition("x")
    return int(cols), int(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=15, help="measured runs of each (min 10, default 15)"
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="uncounted runs of each first (default 1)"
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds a run may take to show its markers"
    )
    parser.add_argument(
        "--size", type=parse_size, default=(120, 40), help="terminal COLSxROWS (default 120x40)"
    )
    parser.add_argument(
        "--marker",
        action="append",
        dest="markers",
        metavar="TEXT",
        help="text the app's first data frame shows (repeatable; default: "
        + " and ".join(repr(m) for m in DEFAULT_APP_MARKERS)
        + ")",
    )
    add_json_option(parser, "startup")
    parser.add_argument(
        "--cmd",
        nargs=argparse.REMAINDER,
        help="the app command instead of `python -m tui --demo` (must come last; "
        "one quoted string is split like a shell would)",
    )
    args = parser.parse_args(argv)
    if args.runs < 10:
        parser.error("--runs must be at least 10")

    app_argv = [sys.executable, "-m", "tui", "--demo"]
    if args.cmd:
        app_argv = shlex.split(args.cmd[0]) if len(args.cmd) == 1 else list(args.cmd)
    baseline = Subject(
        "baseline",
        [sys.executable, str(REPO_ROOT / "benchmarks" / "baseline_app.py")],
        BASELINE_MARKERS,
    )
    app = Subject("quorate", app_argv, args.markers or DEFAULT_APP_MARKERS)

    print(
        f"start-up benchmark: {args.runs} interleaved runs each (+{args.warmup} warm-up), "
        f"terminal {args.size[0]}x{args.size[1]}, timeout {args.timeout:g}s",
        flush=True,
    )
    print(f"  baseline: {shlex.join(baseline.argv)}  until {baseline.markers}")
    print(f"  quorate:  {shlex.join(app.argv)}  until {app.markers}", flush=True)

    try:
        for i in range(args.warmup + args.runs):
            pair = (baseline, app) if i % 2 == 0 else (app, baseline)
            for subject in pair:
                seconds, maxrss = run_once(subject, size=args.size, timeout=args.timeout)
                if i >= args.warmup:
                    subject.times_s.append(seconds)
                    subject.maxrss_kib.append(maxrss)
            print(".", end="", flush=True)
        print()
    except RunFailed as exc:
        print(f"\nFAILED: {exc}", file=sys.stderr)
        return 1

    base, quo = baseline.summary(), app.summary()
    ratio = quo["median_s"] / base["median_s"]  # type: ignore[operator]
    paired = statistics.median(a / b for a, b in zip(app.times_s, baseline.times_s, strict=True))

    print()
    print(
        f"{'':10} {'median s':>9} {'p90 s':>8} {'min s':>8} {'max s':>8} {'max RSS MiB (median/max)':>26}"
    )
    for name, s in (("baseline", base), ("quorate", quo)):
        rss = f"{s['median_maxrss_mib']:.1f} / {s['max_maxrss_mib']:.1f}"
        print(
            f"{name:10} {s['median_s']:9.3f} {s['p90_s']:8.3f} {s['min_s']:8.3f} {s['max_s']:8.3f} {rss:>26}"
        )
    print()
    verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
    print(
        f"ratio (median quorate / median baseline): {ratio:.3f}x  ({verdict} the {TARGET_RATIO}x aim)"
    )
    print(f"median of per-pair ratios:                {paired:.3f}x")
    print(
        f"memory ratio (median max RSS):            {quo['median_maxrss_mib'] / base['median_maxrss_mib']:.2f}x"
    )  # type: ignore[operator]

    result = {
        **environment("startup", args.size[0], args.size[1]),
        "runs": args.runs,
        "warmup": args.warmup,
        "baseline": base,
        "quorate": quo,
        "ratio_of_medians": ratio,
        "median_paired_ratio": paired,
        "maxrss_ratio": quo["median_maxrss_mib"] / base["median_maxrss_mib"],  # type: ignore[operator]
        "target_ratio": TARGET_RATIO,
        "within_target": ratio <= TARGET_RATIO,
    }
    write_results(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
