"""Crash-safety benchmark: how much typing a ``kill -9`` loses in the live minutes.

    python benchmarks/crash_safety.py [--trials N] [--seed S]

The harness of ``tests/test_crash_safety.py``, run many more times. Each trial
is a fresh ``python -m tui COPY`` in a real pseudo-terminal (120x40) on its own
copy of sample.db: the keys a chair would press open the first upcoming meeting
and start it, plain ASCII is typed into the first item's minutes a character
every 10-20 ms, and the app is killed with SIGKILL at a seeded moment (during
steady typing, 0-0.7 s after a burst, or in a second burst after a pause). The
file is then reopened with plain sqlite3.

The requirement: ``integrity_check`` is ok, the minutes are a prefix of what was
typed, and nothing written to the pty 0.5 s or more before the kill is lost.
The "age" of a trial's lost text is the time from the write of its oldest lost
character to the kill (the autosave's design bound is 0.2 s plus one write).

Prints a line per trial and a summary; writes
``benchmarks/results/crash_safety.json``. Exit code 0 when every trial kept
the rule, 1 when one did not or a trial could not reach the minutes editor.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import add_json_option, environment, write_results

from tests.support.ptyterm import PtyError
from tests.test_crash_safety import (
    KINDS,
    RULE_S,
    SEED,
    SIZE,
    KillResult,
    find_target,
    make_template,
    plan_kill,
    run_kill_trial,
    summarise,
)

AUTOSAVE_DELAY_S = 0.2  # store/db/autosave.py's deadline, for the report only


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def trial_record(result: KillResult) -> dict[str, object]:
    plan = result.plan
    return {
        "index": plan.index,
        "kind": plan.kind,
        "interval_s": plan.interval,
        "kill_at_s": plan.kill_at,
        "typed": len(result.typed),
        "saved": len(result.saved or ""),
        "lost": result.lost,
        "lost_age_s": result.lost_age,
        "last_key_age_s": result.last_key_age,
        "start_to_editor_s": result.start_to_editor_s,
        "integrity": result.integrity,
        "returncode": result.returncode,
        "problems": result.problems(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=200, help="SIGKILL trials (default 200)")
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"seed of the trial plans (default {SEED})"
    )
    add_json_option(parser, "crash_safety")
    args = parser.parse_args(argv)
    if args.trials < 1:
        parser.error("--trials must be at least 1")

    print(
        f"crash-safety benchmark: {args.trials} SIGKILL trials, seed {args.seed}, "
        f"rule: nothing typed >= {RULE_S:g} s before the kill is lost",
        flush=True,
    )
    results: list[KillResult] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="quorate-crash-") as tmp:
        folder = Path(tmp)
        template = make_template(folder / "template")
        target = find_target(template)
        for index in range(args.trials):
            plan = plan_kill(index, args.seed)
            try:
                result = run_kill_trial(plan, template, target, folder)
            except PtyError as exc:
                screen = "\n".join(line for line in exc.screen.splitlines() if line.strip())
                print(
                    f"\nFAILED: {plan.name} did not run: {exc}\n--- last screen ---\n"
                    f"{screen or '(blank)'}\n---",
                    file=sys.stderr,
                )
                return 1
            finally:
                for leftover in folder.glob(f"{plan.name}.db*"):
                    leftover.unlink()
            results.append(result)
            print(result.line(), flush=True)
    elapsed = time.perf_counter() - started

    summary = summarise(results)
    broken = [r for r in results if r.problems()]
    per_kind = {kind: summarise([r for r in results if r.plan.kind == kind]) for kind in KINDS}

    print()
    print(f"{'':12} {'trials':>6} {'kept rule':>9} {'lost text':>9} {'max age':>9}")
    for kind, s in per_kind.items():
        print(
            f"{kind:12} {s.trials:6} {s.kept_rule:9} {len(s.lost_ages):9} {ms(s.max_lost_age):>9}"
        )
    print()
    print(f"kept the {RULE_S:g} s rule:      {summary.kept_rule}/{summary.trials}")
    print(
        f"trials that lost text:     {len(summary.lost_ages)} "
        f"({summary.killed_mid_typing} killed mid-typing)"
    )
    print(
        f"age of lost text at kill:  max {ms(summary.max_lost_age)}, "
        f"p95 {ms(summary.p95_lost_age)}, median {ms(summary.median_lost_age)}  "
        "(over the trials that lost text)"
    )
    max_age = summary.max_lost_age
    if max_age is not None:
        print(
            f"max age / rule:            {max_age / RULE_S:.2f}x   "
            f"max age / autosave delay: {max_age / AUTOSAVE_DELAY_S:.2f}x"
        )
    editor = statistics.median(r.start_to_editor_s for r in results)
    print(f"start to minutes editor:   median {ms(editor)}")
    print(f"wall time:                 {elapsed:.0f} s")
    for r in broken:
        print(f"BROKE THE RULE: {r.plan}\n  " + "\n  ".join(r.problems()), file=sys.stderr)

    report = {
        **environment("crash_safety", SIZE[0], SIZE[1]),
        "seed": args.seed,
        "rule_s": RULE_S,
        "autosave_delay_s": AUTOSAVE_DELAY_S,
        "trials": summary.trials,
        "kept_rule": summary.kept_rule,
        "with_loss": len(summary.lost_ages),
        "killed_mid_typing": summary.killed_mid_typing,
        "max_lost_age_s": max_age,
        "p95_lost_age_s": summary.p95_lost_age,
        "median_lost_age_s": summary.median_lost_age,
        "max_age_over_rule": None if max_age is None else max_age / RULE_S,
        "median_start_to_editor_s": editor,
        "per_kind": {
            kind: {
                "trials": s.trials,
                "kept_rule": s.kept_rule,
                "with_loss": len(s.lost_ages),
                "max_lost_age_s": s.max_lost_age,
            }
            for kind, s in per_kind.items()
        },
        "wall_time_s": elapsed,
        "runs": [trial_record(r) for r in results],
    }
    write_results(args.json, report)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
