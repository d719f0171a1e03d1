"""Typing-latency benchmark: key press to screen in the live minutes vs a plain TextArea.

    python benchmarks/typing_latency.py [--keys N] [--rounds N]

Both apps run in a real pseudo-terminal (120x40, TERM=xterm-256color), each
round a fresh process of each:

* Quorate (``python -m tui COPY`` on a private copy of sample.db): the keys a
  chair would press open the first upcoming meeting and start it, so typing
  goes into the live screen's minutes editor, with the autosave running;
* baseline (``benchmarks/baseline_textarea.py``): one full-screen TextArea,
  made as Quorate's editor is, focused.

For each key, one character is written to the pty and the time runs from just
before the write to the read of the terminal output that first makes the screen
show it. The screen shows "it" when a row holds the current line as typed so
far. Every line starts with a character that is nowhere else on the screen
(``#``, ``$``, ``%``...), the rest are lower-case letters, so that text cannot
be on the screen before the key lands. There are no spaces: a space at the end
of a line looks like the blank cells after it. Lines are ``--line`` keys long
(shorter than either editor is wide, so nothing wraps); the Enter between
lines is not timed. After each key shows, the next is typed ``--gap`` seconds
later (a steady, fast typist), and the first ``--warmup-keys`` of each round
are not counted.

Rounds alternate the order of the apps (B Q, Q B, ...), so drift on the machine
affects both alike. Reports p50 and p95 for each app and the Quorate/baseline
ratios (aim: at most 1.2x); writes ``benchmarks/results/typing_latency.json``.
Exit code 0 whatever the ratios, 1 only if a key did not show in time or an
app could not start.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    REPO_ROOT,
    RunFailed,
    add_json_option,
    environment,
    percentile,
    write_results,
)

from tests.support.ptyterm import PtyError, PtyTerminal
from tests.test_crash_safety import (
    SIZE,
    Target,
    find_target,
    fresh_copy,
    make_template,
    open_live_editor,
)

TARGET_RATIO = 1.2
BASELINE = REPO_ROOT / "benchmarks" / "baseline_textarea.py"
# Characters a line may start with: one not on the screen makes the line unique.
LINE_STARTS = "#$%&*+=@~{}<>`;!|/\\"
BODY = string.ascii_lowercase


@dataclass
class Subject:
    name: str
    latencies_s: list[list[float]] = field(default_factory=list)  # one list per round

    def summary(self) -> dict[str, object]:
        flat = sorted(x for round_ in self.latencies_s for x in round_)
        return {
            "keys": len(flat),
            "p50_s": percentile(flat, 50),
            "p95_s": percentile(flat, 95),
            "p99_s": percentile(flat, 99),
            "mean_s": statistics.fmean(flat),
            "min_s": flat[0],
            "max_s": flat[-1],
            "round_p50_s": [statistics.median(r) for r in self.latencies_s],
            "latencies_s": self.latencies_s,
        }


def type_and_time(
    term: PtyTerminal,
    rng: random.Random,
    *,
    keys: int,
    warmup: int,
    line_length: int,
    gap: float,
    timeout: float,
) -> list[float]:
    """Type ``warmup + keys`` timed characters; return the latencies of the last ``keys``."""
    latencies: list[float] = []
    line = ""
    used: set[str] = set()
    for n in range(warmup + keys):
        if len(line) == line_length:
            term.press("enter")  # not timed
            time.sleep(gap)
            line = ""
        if line:
            ch = rng.choice(BODY)
        else:
            on_screen = term.screen_text()
            free = [c for c in LINE_STARTS if c not in used and c not in on_screen]
            if not free:
                raise RunFailed(
                    f"no line-start character left after {n} keys; use fewer --keys "
                    "and more --rounds, or a longer --line"
                )
            ch = free[0]
            used.add(ch)
        needle = line + ch
        if needle in term.screen_text():  # cannot happen with the scheme above
            raise RunFailed(f"{needle!r} is on the screen before it was typed")
        before = time.perf_counter()
        term.send(ch)
        try:
            shown = term.start_time + term.wait_for(needle, timeout)
        except PtyError as exc:
            raise RunFailed(f"key {n} ({ch!r}): {exc}\n{exc.screen}") from None
        if n >= warmup:
            latencies.append(shown - before)
        line = needle
        time.sleep(gap)
    return latencies


def run_round(
    name: str, folder: Path, template: Path, target: Target, round_no: int, args: argparse.Namespace
) -> list[float]:
    if name == "quorate":
        path = fresh_copy(template, folder, f"round-{round_no}")
        argv = [sys.executable, "-m", "tui", str(path)]
    else:
        argv = [sys.executable, str(BASELINE)]
    rng = random.Random(f"{args.seed}-{round_no}")  # the same letters for both apps
    try:
        with PtyTerminal(argv, size=SIZE, cwd=REPO_ROOT) as term:
            try:
                if name == "quorate":
                    open_live_editor(term, target, args.timeout)
                else:
                    term.wait_for("Baseline ready", args.timeout)
            except PtyError as exc:
                raise RunFailed(f"{name}: {exc}\n{exc.screen}") from None
            latencies = type_and_time(
                term,
                rng,
                keys=args.keys,
                warmup=args.warmup_keys,
                line_length=args.line,
                gap=args.gap,
                timeout=args.timeout,
            )
            term.terminate(timeout=5)
    except OSError as exc:
        raise RunFailed(f"{name}: cannot run {argv}: {exc}") from None
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=100, help="timed keys per round (default 100)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each app (default 5)")
    parser.add_argument(
        "--warmup-keys",
        type=int,
        default=5,
        help="untimed keys at the start of a round (default 5)",
    )
    parser.add_argument(
        "--gap", type=float, default=0.05, help="seconds from a key showing to the next (0.05)"
    )
    parser.add_argument("--line", type=int, default=40, help="keys per line (default 40)")
    parser.add_argument("--seed", type=int, default=1210, help="seed of the letters typed")
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds a key or a start may take (20)"
    )
    add_json_option(parser, "typing_latency")
    args = parser.parse_args(argv)
    if args.keys < 20 or args.rounds < 1:
        parser.error("--keys must be at least 20 and --rounds at least 1")
    if not 2 <= args.line <= 70:
        parser.error("--line must be 2-70 (Quorate's editor is about 80 columns wide)")

    print(
        f"typing-latency benchmark: {args.rounds} rounds x {args.keys} keys (+{args.warmup_keys} "
        f"warm-up) per app, a key {args.gap * 1000:.0f} ms after the last one showed, "
        f"terminal {SIZE[0]}x{SIZE[1]}",
        flush=True,
    )
    subjects = {"baseline": Subject("baseline"), "quorate": Subject("quorate")}
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="quorate-typing-") as tmp:
            folder = Path(tmp)
            template = make_template(folder / "template")
            target = find_target(template)
            for round_no in range(args.rounds):
                order = ("baseline", "quorate") if round_no % 2 == 0 else ("quorate", "baseline")
                for name in order:
                    latencies = run_round(name, folder, template, target, round_no, args)
                    subjects[name].latencies_s.append(latencies)
                    print(".", end="", flush=True)
    except RunFailed as exc:
        print(f"\nFAILED: {exc}", file=sys.stderr)
        return 1
    print()
    elapsed = time.perf_counter() - started

    base, quo = subjects["baseline"].summary(), subjects["quorate"].summary()
    ratio_p50 = quo["p50_s"] / base["p50_s"]  # type: ignore[operator]
    ratio_p95 = quo["p95_s"] / base["p95_s"]  # type: ignore[operator]
    paired = statistics.median(
        q / b
        for q, b in zip(quo["round_p50_s"], base["round_p50_s"], strict=True)  # type: ignore[call-overload]
    )

    print()
    print(f"{'':10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'max ms':>8}")
    for name, s in (("baseline", base), ("quorate", quo)):
        print(
            f"{name:10} {s['p50_s'] * 1000:8.2f} {s['p95_s'] * 1000:8.2f} "  # type: ignore[operator]
            f"{s['p99_s'] * 1000:8.2f} {s['mean_s'] * 1000:8.2f} {s['max_s'] * 1000:8.2f}"  # type: ignore[operator]
        )
    print()
    for label, ratio in (("p50", ratio_p50), ("p95", ratio_p95)):
        verdict = "within" if ratio <= TARGET_RATIO else "ABOVE"
        print(
            f"ratio {label} (quorate / baseline): {ratio:.3f}x  ({verdict} the {TARGET_RATIO}x aim)"
        )
    print(f"median of per-round p50 ratios:  {paired:.3f}x")
    print(f"wall time: {elapsed:.0f} s")

    result = {
        **environment("typing_latency", SIZE[0], SIZE[1]),
        "rounds": args.rounds,
        "keys_per_round": args.keys,
        "warmup_keys": args.warmup_keys,
        "gap_s": args.gap,
        "line_length": args.line,
        "seed": args.seed,
        "baseline": {"command": [sys.executable, str(BASELINE)], **base},
        "quorate": {"command": [sys.executable, "-m", "tui", "COPY-OF-sample.db"], **quo},
        "ratio_p50": ratio_p50,
        "ratio_p95": ratio_p95,
        "median_round_p50_ratio": paired,
        "target_ratio": TARGET_RATIO,
        "within_target": ratio_p50 <= TARGET_RATIO and ratio_p95 <= TARGET_RATIO,
        "wall_time_s": elapsed,
    }
    write_results(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
