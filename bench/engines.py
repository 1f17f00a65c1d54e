"""Compare the Whoosh engine with the 2-node OpenSearch cluster on Reuters x1, x3 and x10, in one run.

Run by hand, never in the test suite (it builds cluster/ and starts the cluster itself, on free
loopback ports, and stops it at the end):

    .venv/bin/python bench/engines.py --times 1 3 10 [--runs 2] [--json-out FILE]

For each multiple the corpus is copied with new ids (bench/multiply.py), then on each engine,
through the Engine API that `archive` uses:

- a full reindex (reading, date tagging in worker processes, writing; for OpenSearch the bulk
  load into a new index with 1 replica and the alias swap): seconds and articles/s;
- search: bench/search.py's fixed query set (210 queries drawn from Reuters x1 with a fixed
  seed, so the same queries at every size), first page of 10 with snippets and every facet,
  p50 and p95 of --runs runs after a warm-up, the engines interleaved query by query;
- timeline: bench/timeline.py's Reuters pages and the first 20 single-word queries of the
  query set as timeline queries, first page of 50, p50 and p95 likewise.

Prints a table per size and the growth of each figure from the smallest size to the largest.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.multiply import copies  # noqa: E402
from bench.reindex import percentiles  # noqa: E402
from bench.search import load_records, make_queries  # noqa: E402
from bench.timeline import QUERIES as TIMELINE_QUERIES  # noqa: E402
from index.errors import QueryError  # noqa: E402
from index.opensearch.connection import ClusterSettings  # noqa: E402
from index.opensearch.engine import OpenSearchEngine  # noqa: E402
from index.whoosh.engine import WhooshEngine  # noqa: E402
from tests import opensearch_cluster  # noqa: E402

REUTERS = ROOT.parent / "notes" / "data" / "reuters.jsonl"
ENGINES = ("whoosh", "opensearch")
TIMELINE_WORDS = 20
CLUSTER_HEAP = "2g"  # the tests' 768m is for small corpora; x10 holds about 215,000 articles


def build(name: str, engine, corpus: Path) -> dict:
    started = time.perf_counter()
    report = engine.reindex(corpus, full=True)
    seconds = time.perf_counter() - started
    figures = {"seconds": round(seconds, 1), "articles": report.articles, "events": report.events,
               "articles_per_s": round(report.articles / seconds, 1)}
    print(f"  reindex {name:<10} {seconds:7.1f} s  {report.articles} articles  {report.events} events  "
          f"{figures['articles_per_s']:.0f} articles/s", flush=True)
    return figures


def timed(requests: list, engines: dict, call, runs: int) -> dict[str, dict]:
    """Run every request once to warm up, then ``runs`` times per engine, interleaved; p50/p95 in ms."""
    times = {name: [] for name in engines}
    errors = {name: 0 for name in engines}
    for run in range(runs + 1):
        for request in requests:
            for name, engine in engines.items():
                started = time.perf_counter()
                try:
                    call(engine, request)
                except QueryError:
                    errors[name] += 1
                if run:
                    times[name].append((time.perf_counter() - started) * 1000)
    return {name: {**percentiles(times[name]), "errors": errors[name] // (runs + 1)} for name in engines}


def search(engine, q) -> None:
    narrowing = {"years": (q.year,)} if q.year is not None else {}
    engine.search(q.whoosh_text, page_size=10, **narrowing)


def timeline(engine, options: dict) -> None:
    engine.timeline(page_size=50, **options)


def measure_size(times: int, source: Path, scratch: Path, cluster, queries, timeline_requests, runs: int) -> dict:
    corpus = scratch / f"x{times}" / "corpus"
    corpus.mkdir(parents=True)
    with open(corpus / "reuters.jsonl", "w", encoding="utf-8") as out:
        out.writelines(copies(source, times))
    print(f"Reuters x{times}", flush=True)
    settings = ClusterSettings(urls=tuple(cluster.urls), prefix=f"bench-x{times}", replicas=1, timeout_s=120)
    engines = {"whoosh": WhooshEngine(scratch / f"x{times}" / "index"), "opensearch": OpenSearchEngine(settings)}
    figures = {"reindex": {name: build(name, engine, corpus) for name, engine in engines.items()}}
    figures["search"] = timed(queries, engines, search, runs)
    figures["timeline"] = timed(timeline_requests, engines, timeline, runs)
    for part in ("search", "timeline"):
        for name in ENGINES:
            f = figures[part][name]
            print(f"  {part:<8} {name:<10} p50 {f['p50_ms']:8.1f} ms  p95 {f['p95_ms']:8.1f} ms", flush=True)
    figures["cluster_rss_mib"] = round(cluster.rss_bytes() / 2**20)
    shutil.rmtree(scratch / f"x{times}")  # the Whoosh index and the copy; the cluster's indexes stay until the end
    return figures


def growth(results: dict[int, dict]) -> dict:
    """How each figure grows from the smallest size to the largest (a ratio; 1.0 is flat)."""
    low, high = min(results), max(results)
    out = {}
    for name in ENGINES:
        a, b = results[low], results[high]
        out[name] = {"reindex_seconds": round(b["reindex"][name]["seconds"] / a["reindex"][name]["seconds"], 2),
                     "search_p50": round(b["search"][name]["p50_ms"] / a["search"][name]["p50_ms"], 2),
                     "search_p95": round(b["search"][name]["p95_ms"] / a["search"][name]["p95_ms"], 2),
                     "timeline_p50": round(b["timeline"][name]["p50_ms"] / a["timeline"][name]["p50_ms"], 2)}
    return {"from": low, "to": high, **out}


def table(results: dict[int, dict]) -> str:
    lines = ["| size | engine | full reindex | articles/s | search p50 | search p95 | timeline p50 | timeline p95 |",
             "|---|---|---|---|---|---|---|---|"]
    for times, f in sorted(results.items()):
        for name in ENGINES:
            r, s, t = f["reindex"][name], f["search"][name], f["timeline"][name]
            lines.append(f"| x{times} ({r['articles']:,} articles) | {name} | {r['seconds']:.1f} s | "
                         f"{r['articles_per_s']:.0f} | {s['p50_ms']:.1f} ms | {s['p95_ms']:.1f} ms | "
                         f"{t['p50_ms']:.1f} ms | {t['p95_ms']:.1f} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--source", type=Path, default=REUTERS)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    base = load_records(args.source)
    queries = make_queries(base)
    words = [q for q in queries if q.kind == "word"][:TIMELINE_WORDS]
    timeline_requests = list(TIMELINE_QUERIES["reuters"].values()) + [{"q": q.whoosh_text} for q in words]
    del base
    opensearch_cluster.build_launcher()
    opensearch_cluster.HEAP = CLUSTER_HEAP
    cluster = opensearch_cluster.RunningCluster.start()
    print(f"cluster ready in {cluster.start_seconds:.1f} s: {','.join(cluster.urls)}", flush=True)
    results: dict[int, dict] = {}
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for times in args.times:
                results[times] = measure_size(times, args.source, Path(scratch), cluster, queries,
                                              timeline_requests, args.runs)
                if args.json_out:  # after each size, so that a long run stopped early keeps what it measured
                    args.json_out.write_text(json.dumps({"sizes": results}, indent=2))
    finally:
        cluster.close()
    summary = {"sizes": results, "growth": growth(results) if len(results) > 1 else None,
               "queries": len(queries), "timeline_requests": len(timeline_requests), "runs": args.runs}
    print(table(results))
    if summary["growth"]:
        print(json.dumps(summary["growth"]))
    if args.json_out:
        args.json_out.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
