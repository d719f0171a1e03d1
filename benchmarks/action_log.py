"""Action log benchmark: open the log and filter it, on a big database vs sample.db.

    python benchmarks/action_log.py [--big PATH] [--runs N] [--screen-runs N] [--no-screen]

Aim: the big database (ten years, 50,000 actions: benchmarks/build_big_db.py)
costs at most 1.5x what sample.db (15 actions) costs, both measured in the same
run: opening the log and filtering it must not grow with the history.

Two levels, each run in a fresh process per repetition, the two databases
interleaved (the order inside each pair alternates) after one uncounted warm-up
run of each:

* store: ``Store.open`` (reported, not in the ratio: it is start-up), then
  the log's first screenful (``count_actions`` + ``action_page(..., 0, 100)``),
  then each filter in turn (count + first page): RAG red, a search, an owner,
  and "open or in progress".
* screen: the app headless (``App.run_test``, 120x36), from pushing
  ``ActionLogScreen`` to the first frame that paints rows, then from each
  filter change (RAG select, search submitted, owner select) to the frame that
  paints the new rows. Skipped with "screen not available" if the screen is not
  there.

Peak memory is each child process's max RSS (``wait4``). Then, once, the SQL
each store step ran is timed on both files and its ``EXPLAIN QUERY PLAN``
printed for steps above the aim. Both files are private copies (the backup
API), so the benchmark never writes the built database or sample.db.
``--try-sql "CREATE INDEX ..."`` applies DDL to both copies first, to try an
index before writing the migration.

Prints a table, writes ``benchmarks/results/action_log.json``. A report, not a
test: exit 0 whatever the ratios, 1 only if a run failed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO_ROOT, RunFailed, add_json_option, write_results

from tests.conftest import frozen_clock

TARGET_RATIO = 1.5
PAGE = 100
SEARCH = "neglect"
OWNER = "Priya Raman"
BUILDER = REPO_ROOT / "benchmarks" / "build_big_db.py"
SIZE = (120, 36)


# -- the children: one repetition each ---------------------------------------------------


def store_steps(store: Any) -> list[tuple[str, Any]]:
    from store.actions import ActionQuery

    owner = store.directory.people_named(OWNER)[0].id
    return [
        ("log", ActionQuery()),
        ("red", ActionQuery(rag="red")),
        ("search", ActionQuery(text=SEARCH)),
        ("owner", ActionQuery(owner_id=owner)),
        ("open", ActionQuery(statuses=("open", "in_progress"))),
    ]


def store_child(path: Path) -> dict[str, Any]:
    from store import Store

    started = time.perf_counter()
    store = Store.open(path, clock=frozen_clock)
    out: dict[str, Any] = {"open_ms": (time.perf_counter() - started) * 1000, "steps": {}}
    # Time spent in SQLite (execute and fetch), apart from building the rows'
    # models in Python: the store's two reading primitives, wrapped.
    in_sql = [0.0]

    def timed(method: Any) -> Any:
        def wrapper(*args: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args)
            finally:
                in_sql[0] += time.perf_counter() - started

        return wrapper

    store.unit.rows, store.unit.scalar = timed(store.unit.rows), timed(store.unit.scalar)  # type: ignore[method-assign]
    try:
        steps = store_steps(store)  # one small lookup, outside the timings
        for name, query in steps:
            in_sql[0] = 0.0
            started = time.perf_counter()
            count = store.actions.count(query)
            rows = store.actions.page(query, 0, PAGE)
            out["steps"][name] = {
                "ms": (time.perf_counter() - started) * 1000,
                "sql_ms": in_sql[0] * 1000,
                "count": count,
                "rows": len(rows),
            }
    finally:
        store.close()
    return out


async def screen_child(path: Path) -> dict[str, Any]:
    try:
        from screens.actions.actions import ActionLogScreen
        from screens.widgets.virtual_table import VirtualTable
    except ImportError as exc:
        return {"available": False, "reason": f"screen not available ({exc})"}
    from textual.css.query import NoMatches
    from textual.widgets import Input, Select

    from tui.app import QuorateApp

    paints: list[tuple[int, float]] = []  # (table generation, time) of frames with rows
    render_line = VirtualTable.render_line

    def counting_render_line(self: Any, y: int) -> Any:
        strip = render_line(self, y)
        if y > 0 and self.row_at(int(self.scroll_y) + y - 1) is not None:
            paints.append((getattr(self, "_generation", 0), time.perf_counter()))
        return strip

    VirtualTable.render_line = counting_render_line  # type: ignore[method-assign]
    # Start the app as `quorate` does (tui.cli.main): the collector off until the
    # first frame, when the app freezes what start-up made and turns it back on.
    # Otherwise a full collection over every start-up object (about 50 ms here)
    # lands in whichever step happens to be running, which no user would see.
    gc.disable()
    app = QuorateApp(path, clock=frozen_clock, collector_held=True)
    out: dict[str, Any] = {"available": True, "steps": {}}

    async def shown(screen: Any, started: float, generation: int, timeout: float = 30) -> float:
        """Seconds from ``started`` to the first frame painting rows of a newer
        generation (or, for no rows, until the count has come back)."""
        while True:
            try:
                table = screen.table
            except NoMatches:  # not composed yet
                table = None
            if table is not None and not screen.busy and screen.current is not None:
                fresh = [t for g, t in paints if g > generation and t >= started]
                if fresh:
                    return fresh[0] - started
                if table.row_count == 0 and getattr(table, "_generation", 0) > generation:
                    return time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                raise TimeoutError("the action log did not show its rows")
            await asyncio.sleep(0.0005)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # start-up's own work (loading the models)
        screen = ActionLogScreen()
        started = time.perf_counter()
        app.push_screen(screen)
        out["steps"]["log"] = {"ms": await shown(screen, started, 0) * 1000}
        await pilot.pause()
        owner = app.store.directory.people_named(OWNER)[0].id

        def choose(select_id: str, value: Any) -> None:
            screen.query_one(select_id, Select).value = value

        def search(text: str) -> None:
            field = screen.query_one("#action-search", Input)
            field.value = text
            # As Enter does: the search runs now, not after the typing delay.
            field.post_message(Input.Submitted(field, text))

        changes: list[tuple[str, Callable[[], None], Callable[[], None]]] = [
            ("red", lambda: choose("#filter-rag", "red"), lambda: choose("#filter-rag", "")),
            ("search", lambda: search(SEARCH), lambda: search("")),
            ("owner", lambda: choose("#filter-owner", owner), lambda: choose("#filter-owner", 0)),
        ]
        for name, apply, undo in changes:
            generation = getattr(screen.table, "_generation", 0)
            started = time.perf_counter()
            apply()
            out["steps"][name] = {
                "ms": await shown(screen, started, generation) * 1000,
                "count": screen.table.row_count,
            }
            undo()
            await pilot.pause()
            while screen.busy:
                await pilot.pause()
    return out


def child_main(kind: str, path: Path, out: Path) -> int:
    result = store_child(path) if kind == "store" else asyncio.run(screen_child(path))
    out.write_text(json.dumps(result))
    return 0


# -- the parent ------------------------------------------------------------------------------


def run_child(kind: str, path: Path, scratch: Path) -> dict[str, Any]:
    """One fresh process; its answer with its peak RSS (KiB) added."""
    out = scratch / "child.json"
    out.unlink(missing_ok=True)
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(path), str(out)]
    proc = subprocess.Popen(
        argv, cwd=REPO_ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not out.exists():
        text = (stderr or stdout).decode(errors="replace").strip().splitlines()[-15:]
        raise RunFailed(f"{kind} run on {path.name} failed:\n" + "\n".join(text))
    result: dict[str, Any] = json.loads(out.read_text())
    result["maxrss_kib"] = usage.ru_maxrss
    return result


def private_copy(source: Path, target: Path, ddl: list[str]) -> Path:
    """A consistent copy (store.db.files.copy_database), with ``ddl`` applied to it."""
    from store.db.files import copy_database

    copy_database(source, target)
    db = sqlite3.connect(target)
    try:
        for statement in ddl:
            db.execute(statement)
        db.commit()
    finally:
        db.close()
    return target


def ensure_big(path: Path | None, scale: float, seed: int) -> Path:
    """The given file, or a cached build in the temp folder (built on first use)."""
    if path is not None:
        return path
    from store.db.migrations import latest_version
    from store.db.probes import read_header

    cache = Path(tempfile.gettempdir()) / "quorate-bench" / f"big-scale{scale:g}-seed{seed}.db"
    if cache.exists() and read_header(cache).user_version != latest_version():
        print(f"{cache} predates the latest migration; building it again", flush=True)
        for stale in (cache, Path(f"{cache}-wal"), Path(f"{cache}-shm")):
            stale.unlink(missing_ok=True)
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


def measure(
    kind: str, files: dict[str, Path], runs: int, scratch: Path
) -> dict[str, list[dict[str, Any]]]:
    """``runs`` rounds, each running every file once, in an order that rotates
    from round to round; a first round warms caches and is not counted."""
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in files}
    names = list(files)
    for i in range(1 + runs):
        turn = i % len(names)
        order = names[turn:] + names[:turn]
        for name in order if i % 2 == 0 else order[::-1]:
            result = run_child(kind, files[name], scratch)
            if kind == "screen" and not result.get("available", True):
                return {name: [result] for name in files}
            if i:
                results[name].append(result)
        print(".", end="", flush=True)
    print()
    return results


def _ms(run: dict[str, Any], step: str, key: str = "ms") -> float:
    if step == "total":
        return float(sum(s[key] for s in run["steps"].values()))
    return float(run["steps"][step][key])


def summarise(results: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Per step: each file's median, big/sample (the aim), the median of the
    per-round ratios, and big/mid (growth with the data when both fill a page)."""
    names = list(results)
    steps = [*results["sample"][0]["steps"], "total"]
    summary: dict[str, Any] = {"steps": {}}
    for step in steps:
        times = {n: [_ms(r, step) for r in results[n]] for n in names}
        entry: dict[str, Any] = {f"{n}_median_ms": statistics.median(times[n]) for n in names}
        entry["ratio"] = entry["big_median_ms"] / entry["sample_median_ms"]
        entry["paired_ratio"] = statistics.median(
            b / s for b, s in zip(times["big"], times["sample"], strict=True)
        )
        if "mid" in results:
            entry["growth_big_mid"] = entry["big_median_ms"] / entry["mid_median_ms"]
        if "sql_ms" in results["sample"][0]["steps"]["log"]:
            for n in names:
                entry[f"{n}_sql_median_ms"] = statistics.median(
                    _ms(r, step, "sql_ms") for r in results[n]
                )
        if step != "total":
            for n in names:
                for key in ("count", "rows"):
                    if key in results[n][0]["steps"][step]:
                        entry[f"{n}_{key}"] = results[n][0]["steps"][step][key]
        entry |= {f"{n}_ms": times[n] for n in names}
        summary["steps"][step] = entry
    for n in names:
        mib = [r["maxrss_kib"] / 1024 for r in results[n]]
        summary[f"{n}_maxrss_mib_median"] = statistics.median(mib)
        summary[f"{n}_maxrss_mib_max"] = max(mib)
        if "open_ms" in results[n][0]:
            summary[f"{n}_open_ms_median"] = statistics.median(r["open_ms"] for r in results[n])
    return summary


def print_summary(title: str, summary: dict[str, Any], names: list[str]) -> None:
    print(f"\n{title}")
    first = summary["steps"]["log"]
    mid = "mid" in names
    head = f"  {'step':8}" + "".join(f" {n + ' ms':>10}" for n in names)
    head += f" {'big/sample':>11} {'paired':>7}" + (f" {'big/mid':>8}" if mid else "")
    head += f" {'big SQL ms':>11}" if "big_sql_median_ms" in first else ""
    print(head + "   matches " + " / ".join(names))
    for step, e in summary["steps"].items():
        line = f"  {step:8}" + "".join(f" {e[n + '_median_ms']:10.2f}" for n in names)
        line += f" {e['ratio']:10.2f}x {e['paired_ratio']:6.2f}x"
        line += f" {e['growth_big_mid']:7.2f}x" if mid else ""
        line += f" {e['big_sql_median_ms']:11.2f}" if "big_sql_median_ms" in e else ""
        if "big_count" in e:
            line += "   " + " / ".join(str(e.get(f"{n}_count", "")) for n in names)
        print(line + ("" if e["ratio"] <= TARGET_RATIO else "  ABOVE aim"))
    rss = ", ".join(
        f"{n} {summary[n + '_maxrss_mib_median']:.1f}/{summary[n + '_maxrss_mib_max']:.1f}"
        for n in names
    )
    print(f"  peak RSS MiB (median/max): {rss}")
    if "big_open_ms_median" in summary:
        opened = ", ".join(f"{n} {summary[n + '_open_ms_median']:.1f} ms" for n in names)
        print(f"  Store.open (start-up, not in the ratios): {opened}")


def diagnose(files: dict[str, Path], slow: list[str]) -> dict[str, Any]:
    """Each step's SQL, timed on both files, with the big file's query plan."""
    from store import Store

    stores = {name: Store.open(files[name], clock=frozen_clock) for name in ("sample", "big")}
    report: dict[str, Any] = {}
    try:
        for (step, query), (_, big_query) in zip(
            store_steps(stores["sample"]), store_steps(stores["big"]), strict=True
        ):
            statements: dict[str, list[str]] = {}
            for name, q in (("sample", query), ("big", big_query)):
                seen: list[str] = []
                stores[name].conn.set_trace_callback(seen.append)
                stores[name].actions.count(q)
                stores[name].actions.page(q, 0, PAGE)
                stores[name].conn.set_trace_callback(None)
                statements[name] = [s for s in seen if "FROM actions a" in s]
            report[step] = []
            for s_sql, b_sql in zip(statements["sample"], statements["big"], strict=True):
                timing = {n: _time_sql(stores[n].conn, sql) for n, sql in
                          (("sample", s_sql), ("big", b_sql))}  # fmt: skip
                plan = [r[3] for r in stores["big"].conn.execute("EXPLAIN QUERY PLAN " + b_sql)]
                report[step].append({"sql": b_sql, "sample_ms": timing["sample"],
                                     "big_ms": timing["big"], "plan": plan})  # fmt: skip
    finally:
        for store in stores.values():
            store.close()
    print("\nSQL of each store step (median of 7, ms); the big file's plan where the cost grows:")
    for step, entries in report.items():
        for e in entries:
            what = "count" if "count(*)" in e["sql"] else "page"
            print(f"  {step:8} {what:5} sample {e['sample_ms']:7.2f}  big {e['big_ms']:7.2f}")
            if step in slow:
                for line in e["plan"]:
                    print(f"{'':20}{line}")
    return report


def _time_sql(conn: sqlite3.Connection, sql: str) -> float:
    times = []
    for _ in range(7):
        started = time.perf_counter()
        conn.execute(sql).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return child_main(argv[1], Path(argv[2]), Path(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", type=Path, help="a database from build_big_db.py (default: "
                        "build one at --scale/--seed in the temp folder, once)")  # fmt: skip
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mid", type=Path, help="the control database (default: built at "
                        "--mid-scale like --big)")  # fmt: skip
    parser.add_argument("--mid-scale", type=float, default=0.1,
                        help="a tenth of the big one: pages as full, a tenth of the history; "
                        "0 leaves it out")  # fmt: skip
    parser.add_argument("--runs", type=int, default=15, help="store-level runs of each (min 10)")
    parser.add_argument("--screen-runs", type=int, default=10, help="screen runs of each (min 10)")
    parser.add_argument("--no-screen", action="store_true", help="store level only")
    parser.add_argument("--try-sql", action="append", default=[], metavar="DDL",
                        help="run on both copies first, e.g. a candidate index (repeatable)")  # fmt: skip
    add_json_option(parser, "action_log")
    args = parser.parse_args(argv)
    if args.runs < 10 or args.screen_runs < 10:
        parser.error("--runs and --screen-runs must be at least 10")

    big_source = ensure_big(args.big, args.scale, args.seed)
    sources = {"sample": REPO_ROOT / "sample.db"}
    if args.mid is not None or args.mid_scale > 0:
        sources["mid"] = ensure_big(args.mid, args.mid_scale, args.seed)
    sources["big"] = big_source
    failed = False
    with tempfile.TemporaryDirectory(prefix="quorate-action-log-") as tmp:
        scratch = Path(tmp)
        files = {
            name: private_copy(source, scratch / f"{name}.db", args.try_sql)
            for name, source in sources.items()
        }
        names = list(files)
        print("action log benchmark: " + ", ".join(f"{n} = {p}" for n, p in sources.items()))
        if args.try_sql:
            print(f"  with, on both copies: {'; '.join(args.try_sql)}")
        result: dict[str, Any] = {
            "benchmark": "action_log",
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "databases": {n: str(p) for n, p in sources.items()},
            "try_sql": args.try_sql,
            "page": PAGE,
            "search": SEARCH,
            "owner": OWNER,
            "target_ratio": TARGET_RATIO,
        }
        try:
            print(f"store level: {args.runs} interleaved runs of each (+1 warm-up)", end=" ")
            store = summarise(measure("store", files, args.runs, scratch))
            result["store"] = store
            print_summary("store level (count + first page of 100, per step)", store, names)
            # Plans are printed for the steps whose cost grows with the data.
            growth = "growth_big_mid" if "mid" in files else "ratio"
            slow = [
                s for s, e in store["steps"].items() if s != "total" and e[growth] > TARGET_RATIO
            ]
            result["sql"] = diagnose(files, slow)
            if args.no_screen:
                result["screen"] = {"available": False, "reason": "--no-screen"}
            else:
                print(f"\nscreen level: {args.screen_runs} interleaved runs of each", end=" ")
                raw = measure("screen", files, args.screen_runs, scratch)
                if not raw["sample"][0].get("available", True):
                    result["screen"] = raw["sample"][0]
                    print(f"\n{raw['sample'][0]['reason']}")
                else:
                    result["screen"] = summarise(raw)
                    print_summary("screen level (push or filter change -> rows painted)",
                                  result["screen"], names)  # fmt: skip
        except RunFailed as exc:
            print(f"\nFAILED: {exc}", file=sys.stderr)
            failed = True
    write_results(args.json, result)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
