"""Time timeline queries on a converted corpus (default: Wikipedia on-this-day).

Run by hand, never in the test suite:

    python bench/timeline.py                 # builds the index once, then queries it
    python bench/timeline.py --index DIR     # query an index built before

Prints the median and the 95th percentile of --runs runs for each query.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reindex import percentiles, prepared_index  # noqa: E402
from index.whoosh.timeline import timeline  # noqa: E402

QUERIES = {
    "onthisday": {
        "whole range, first page": {},
        "one decade (1960s)": {"year_from": 1960, "year_to": 1969},
        "BC years": {"year_to": 0},
        "query 'war'": {"q": "war"},
        "query 'treaty' in 1800-1900": {"q": "treaty", "year_from": 1800, "year_to": 1900},
        "page 100 of everything": {"page": 100},
    },
    "reuters": {
        "whole range, first page": {},
        "one decade (1980s)": {"year_from": 1980, "year_to": 1989},
        "query 'oil'": {"q": "oil"},
        "query 'dividend' in 1987": {"q": "dividend", "year_from": 1987, "year_to": 1987},
    },
}


def measure(index_dir: Path, runs: int, kind: str = "onthisday") -> dict[str, dict]:
    """Time each timeline query ``runs`` times; print and return p50/p95 in ms and the events found."""
    figures = {}
    for name, options in QUERIES[kind].items():
        times, total = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            page = timeline(index_dir, **options)
            times.append((time.perf_counter() - started) * 1000)
            total = page.total
        figures[name] = {"events": total, **percentiles(times)}
        print(f"{name:<32} {total:>7} events  p50 {figures[name]['p50_ms']:7.1f} ms  "
              f"p95 {figures[name]['p95_ms']:7.1f} ms", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="onthisday", choices=["onthisday", "reuters"])
    parser.add_argument("--index", type=Path, help="An index built before (skips the build).")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with prepared_index(args.kind, args.index) as index_dir:
        measure(index_dir, args.runs, args.kind)

if __name__ == "__main__":
    main()
