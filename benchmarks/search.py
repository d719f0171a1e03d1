"""Search benchmark (issue 17): ``store.search.find`` on the ten-year file against
the same searches on sample.db, in the same run; and ``catch_up`` on the ten-year
file, first the full index and then a run with nothing changed.

    python benchmarks/search.py [--runs 15] [--big BIG.db]

Both files are private copies (the backup API), opened as the app opens them.
Each query is timed ``--runs`` times in one process, the two files interleaved,
after one warm-up (the page cache, the statements); the figure is the median,
with the worst. The aim: on the ten-year file within 1.5x of sample.db and
within 100 ms. Writes benchmarks/results/search.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from common import add_json_option, big_database, environment, private_copy, write_results

from store import Store

# Typed as a chair would: a common word, a rare one, a prefix, a phrase, two
# words, and one that matches nothing. Filtered ones: a kind, a date range.
QUERIES: dict[str, tuple[str, dict[str, Any]]] = {
    "common word": ("safeguarding", {}),
    "rare word": ("neglect", {}),
    "prefix": ("strat", {}),
    "phrase": ('"strategy discussions"', {}),
    "two words": ("multi agency", {}),
    "no match": ("zzqxv", {}),
    "kind filter": ("neglect", {"kinds": ["decision"]}),
    "since": ("safeguarding", {"since": dt.date(2026, 1, 1)}),
}
AIM_RATIO = 1.5
AIM_MS = 100.0


def timed(store: Store, words: str, filters: dict[str, Any]) -> tuple[float, int]:
    started = time.perf_counter()
    hits = store.search.find(words, **filters)
    return (time.perf_counter() - started) * 1000, len(hits)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--big", type=Path, default=None, help="a file from build_big_db.py")
    add_json_option(parser, "search")
    args = parser.parse_args()
    big_source = big_database(args.big)
    result: dict[str, Any] = environment("search", 0, 0)
    result["load_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big = Store.open(private_copy(big_source, tmp / "big.db"))
        sample = Store.open(private_copy(Path("sample.db").resolve(), tmp / "sample.db"))
        catch: dict[str, Any] = {}
        for name, store in (("sample", sample), ("big", big)):
            with store.unit.write() as db:  # the copies may be indexed: from nothing
                db.execute("DELETE FROM search_entries")
            started = time.perf_counter()
            written = store.search.catch_up()
            full = time.perf_counter() - started
            started = time.perf_counter()
            again = store.search.catch_up()
            unchanged = time.perf_counter() - started
            catch[name] = {"entries": written, "full_s": full, "unchanged_s": unchanged}
            item = int(store.unit.scalar("SELECT max(id) FROM agenda_items"))
            store.live.save_minutes(item, "one item's minutes changed")
            started = time.perf_counter()
            store.search.catch_up()
            catch[name]["one_changed_s"] = one = time.perf_counter() - started
            print(
                f"catch_up on {name}: {written:,} entries in {full:.2f} s; "
                f"nothing changed: {unchanged * 1000:.0f} ms ({again} written); one item "
                f"changed: {one * 1000:.0f} ms"
            )
        result["catch_up"] = catch
        queries: dict[str, Any] = {}
        worst_ratio = 0.0
        worst_ms = 0.0
        for label, (words, filters) in QUERIES.items():
            times: dict[str, list[float]] = {"sample": [], "big": []}
            found: dict[str, int] = {}
            for _name, store in (("sample", sample), ("big", big)):
                timed(store, words, filters)  # warm-up
            for n in range(args.runs):
                order = [("sample", sample), ("big", big)]
                for name, store in order if n % 2 == 0 else reversed(order):
                    ms, found[name] = timed(store, words, filters)
                    times[name].append(ms)
            med = {k: statistics.median(v) for k, v in times.items()}
            ratio = med["big"] / med["sample"] if med["sample"] else float("inf")
            worst_ratio = max(worst_ratio, ratio)
            worst_ms = max(worst_ms, med["big"])
            queries[label] = {"words": words, "hits": found, "times_ms": times, "medians": med}
            queries[label]["ratio"] = ratio
            print(
                f"{label:<12} {words!r:<22} sample {med['sample']:6.2f} ms ({found['sample']} hits)"
                f"  ten years {med['big']:6.2f} ms ({found['big']} hits, worst "
                f"{max(times['big']):.1f})  {ratio:.2f}x"
            )
        big.close()
        sample.close()
    result["queries"] = queries
    result["worst_ratio"] = worst_ratio
    result["worst_big_ms"] = worst_ms
    result["load_after"] = os.getloadavg()
    met = worst_ratio <= AIM_RATIO and worst_ms <= AIM_MS
    print(
        f"worst: {worst_ratio:.2f}x sample.db (aim {AIM_RATIO}x), {worst_ms:.1f} ms on ten "
        f"years (aim {AIM_MS:.0f} ms): {'met' if met else 'NOT met'}; load average "
        f"{result['load_before'][0]:.2f} before, {result['load_after'][0]:.2f} after"
    )
    write_results(args.json, result)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
