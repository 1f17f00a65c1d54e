"""The OpenSearch timeline's two paths on one index: a page answered by the cluster (field collapsing and
aggregations, index.opensearch.collapsed) and the same page folded client-side (every matching event's
keys read through a point in time, the path of deep pages and of the filters that need every happening).

Run by hand, never in the test suite (it builds cluster/ and starts the cluster itself, and stops it):

    .venv/bin/python bench/timeline_paths.py [--source FILE.jsonl] [--lines N] [--runs 5]

Indexes the first --lines articles of --source (default: all of Reuters) with 1 replica, then runs
bench/engines.py's timeline requests (bench/timeline.py's Reuters pages and 20 single-word queries of
bench/search.py's set), and the whole range at pages 2 and 100, on both paths, interleaved, --runs
times after a warm-up. Prints p50 and p95 of each path per request and over all, and every request
whose entries, total or density differ between the paths (the cluster's happenings per year are
counted by a cardinality aggregation: exact up to its precision threshold, 40,000 per year).
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reindex import percentiles  # noqa: E402
from bench.search import load_records, make_queries  # noqa: E402
from bench.timeline import QUERIES as TIMELINE_QUERIES  # noqa: E402
from index.opensearch import timeline  # noqa: E402
from index.opensearch.connection import ClusterSettings  # noqa: E402
from index.opensearch.engine import OpenSearchEngine  # noqa: E402
from tests import opensearch_cluster  # noqa: E402

REUTERS = ROOT.parent / "notes" / "data" / "reuters.jsonl"
TIMELINE_WORDS = 20


def answer(settings: ClusterSettings, options: dict, client_side: bool):
    """One timeline page; ``client_side`` folds it in Python, as a page past the result window is."""
    window = timeline.WINDOW
    timeline.WINDOW = 0 if client_side else window
    try:
        started = time.perf_counter()
        page = timeline.timeline(settings, page_size=50, **options)
        return page, (time.perf_counter() - started) * 1000
    finally:
        timeline.WINDOW = window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REUTERS)
    parser.add_argument("--lines", type=int, help="only the first N articles of --source")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    words = [q for q in make_queries(load_records(args.source)) if q.kind == "word"][:TIMELINE_WORDS]
    requests = {**{name: options for name, options in TIMELINE_QUERIES["reuters"].items()},
                "whole range, page 2": {"page": 2}, "whole range, page 100": {"page": 100},
                **{f"query '{q.whoosh_text}'": {"q": q.whoosh_text} for q in words}}
    opensearch_cluster.build_launcher()
    opensearch_cluster.HEAP = "2g"
    cluster = opensearch_cluster.RunningCluster.start()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            corpus = Path(scratch) / "corpus"
            corpus.mkdir()
            with open(args.source, encoding="utf-8") as lines, open(corpus / "articles.jsonl", "w") as out:
                out.writelines(itertools.islice(lines, args.lines))
            settings = ClusterSettings(urls=tuple(cluster.urls), prefix="bench-paths", replicas=1, timeout_s=120)
            report = OpenSearchEngine(settings).reindex(corpus, full=True)
            print(f"{report.articles} articles, {report.events} events", flush=True)
            measure(settings, requests, args.runs)
    finally:
        cluster.close()


def measure(settings: ClusterSettings, requests: dict, runs: int) -> None:
    times = {name: {False: [], True: []} for name in requests}
    for run in range(runs + 1):
        for name, options in requests.items():
            pages = {}
            for client_side in ((False, True) if run % 2 else (True, False)):
                pages[client_side], ms = answer(settings, options, client_side)
                if run:
                    times[name][client_side].append(ms)
            cluster, folded = pages[False], pages[True]
            if run == 0 and (cluster.entries != folded.entries or cluster.total != folded.total
                             or cluster.density != folded.density):
                print(f"DIFFERENT {name}: totals {cluster.total} / {folded.total}, entries equal: "
                      f"{cluster.entries == folded.entries}, density equal: {cluster.density == folded.density}")
    print(f"{'request':<40} {'cluster p50':>12} {'p95':>9} {'client p50':>12} {'p95':>9}")
    for name in requests:
        c, f = percentiles(times[name][False]), percentiles(times[name][True])
        print(f"{name[:40]:<40} {c['p50_ms']:9.1f} ms {c['p95_ms']:6.1f} ms {f['p50_ms']:9.1f} ms {f['p95_ms']:6.1f} ms")
    every = {side: percentiles([t for name in requests for t in times[name][side]]) for side in (False, True)}
    print(f"{'all requests':<40} {every[False]['p50_ms']:9.1f} ms {every[False]['p95_ms']:6.1f} ms "
          f"{every[True]['p50_ms']:9.1f} ms {every[True]['p95_ms']:6.1f} ms", flush=True)


if __name__ == "__main__":
    main()
