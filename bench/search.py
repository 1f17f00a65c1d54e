"""Time search on our archive against a plain Whoosh index and SQLite FTS5, same corpus, same queries.

Run by hand, never in the test suite:

    python bench/search.py reuters   [--runs 3] [--json-out FILE] [--profile]
    python bench/search.py onthisday [--runs 3]

Converts the corpus, builds each index once (timed), then runs a fixed set of queries
generated from the corpus with a fixed seed: single words, two words joined by AND, phrases
taken from the text, and a word filtered to one year. Every engine returns its first page
of 10 with highlighted snippets and counts matches by year (ours: ``index.whoosh.searcher.search``,
which also counts sources, tags and event years). Prints p50/p95 per engine and per kind of
query, and the ratio of ours to each baseline; writes the figures as JSON.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh.analysis import STOP_WORDS  # noqa: E402

from bench import baselines  # noqa: E402
from bench.reindex import SOURCES, convert, percentiles  # noqa: E402
from index.errors import QueryError  # noqa: E402
from index.whoosh.searcher import search  # noqa: E402
from index.whoosh.writer import build_index  # noqa: E402

SEED = 20261124
KINDS = {"word": 70, "and": 50, "phrase": 50, "year": 40}  # 210 queries
ENGINES = ("ours", "whoosh", "fts5")
WORD = re.compile(r"[^\W\d_]+")
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class BenchQuery:
    """One query, written for each engine's syntax (all three read the same)."""

    kind: str
    words: tuple[str, ...]
    year: int | None = None

    @property
    def whoosh_text(self) -> str:
        """The query in Whoosh's language (ours and the plain baseline)."""
        if self.kind == "phrase":
            return '"' + " ".join(self.words) + '"'
        return " AND ".join(self.words)

    @property
    def fts5_text(self) -> str:
        """The query as an FTS5 MATCH expression."""
        return self.whoosh_text  # plain lower-case words: AND and "..." mean the same in FTS5

    def label(self) -> str:
        """The query as a person reads it."""
        return self.whoosh_text + (f" [year {self.year}]" if self.year is not None else "")


def load_records(jsonl: Path) -> list[dict]:
    """Read the converted corpus."""
    with open(jsonl, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _words(text: str) -> list[str]:
    """Lower-case ASCII words of three letters or more, stop words kept (for adjacency)."""
    return [w for w in WORD.findall(text.lower()) if w.isascii()]


def _usable(word: str) -> bool:
    return len(word) >= 3 and word not in STOP_WORDS


def make_queries(records: list[dict], seed: int = SEED) -> list[BenchQuery]:
    """Generate the fixed query set: the same corpus and seed always give the same queries.

    Single words come from the mid-frequency vocabulary (in 0.5 %-5 % of the records, at
    least 5); two-word queries take two such words from one record, so they match; phrases
    are two or three adjacent words of one record's body; year queries pair a mid-frequency
    word of a record with a four-digit year that record writes.
    """
    rng = random.Random(seed)
    texts = [_words(f"{r.get('title', '')} {r.get('body', '')}") for r in records]
    df = Counter(w for words in texts for w in set(words) if _usable(w))
    low, high = max(5, len(records) // 200), max(6, len(records) // 20)
    middle = sorted(w for w, n in df.items() if low <= n <= high)
    middle_set = set(middle)
    queries = [BenchQuery("word", (w,)) for w in rng.sample(middle, KINDS["word"])]
    seen = {q.words for q in queries}
    while sum(q.kind == "and" for q in queries) < KINDS["and"]:
        pool = sorted(set(texts[rng.randrange(len(texts))]) & middle_set)
        if len(pool) >= 2:
            pair = tuple(rng.sample(pool, 2))
            if pair not in seen:
                seen.add(pair)
                queries.append(BenchQuery("and", pair))
    while sum(q.kind == "phrase" for q in queries) < KINDS["phrase"]:
        body = _words(records[rng.randrange(len(records))].get("body", ""))
        length = rng.choice((2, 3))
        if len(body) < length:
            continue
        start = rng.randrange(len(body) - length + 1)
        phrase = tuple(body[start:start + length])
        if all(_usable(w) for w in phrase) and phrase not in seen:
            seen.add(phrase)
            queries.append(BenchQuery("phrase", phrase))
    dated = [i for i, r in enumerate(records) if baselines.written_years(r)]
    while sum(q.kind == "year" for q in queries) < KINDS["year"]:
        i = dated[rng.randrange(len(dated))]
        pool = sorted(set(texts[i]) & middle_set)
        if pool:
            queries.append(BenchQuery("year", (rng.choice(pool),), rng.choice(baselines.written_years(records[i]))))
    return queries


class Engines:
    """The three engines, each searched through one callable per query."""

    def __init__(self, ours_dir: Path, whoosh_dir: Path, fts5_path: Path, builds: dict | None = None):
        self.ours_dir = ours_dir
        self.whoosh = baselines.open_plain_whoosh(whoosh_dir)
        self.fts5 = baselines.open_fts5(fts5_path)
        self.builds = builds or {}

    @classmethod
    def build(cls, records: list[dict], corpus_dir: Path, scratch: Path) -> Engines:
        """Build the three indexes once (timed) and open them."""
        builds: dict[str, dict] = {}
        started = time.perf_counter()
        report = build_index(corpus_dir, scratch / "ours")
        builds["ours"] = build_figures("ours", time.perf_counter() - started, report.articles, events=report.events)
        whoosh_report = baselines.build_plain_whoosh(records, scratch / "whoosh")
        builds["whoosh"] = build_figures("whoosh", whoosh_report.seconds, whoosh_report.articles)
        fts5_report = baselines.build_fts5(records, scratch / "fts5.db")
        builds["fts5"] = build_figures("fts5", fts5_report.seconds, fts5_report.articles)
        return cls(scratch / "ours", scratch / "whoosh", scratch / "fts5.db", builds)

    def runner(self, engine: str) -> Callable[[BenchQuery], int]:
        """Return a function that runs one query on ``engine`` and gives its number of matches."""
        if engine == "ours":
            def run(q: BenchQuery) -> int:
                narrowing = {"years": (q.year,)} if q.year is not None else {}
                return search(self.ours_dir, q.whoosh_text, page_size=10, **narrowing).total
        elif engine == "whoosh":
            def run(q: BenchQuery) -> int:
                return baselines.search_plain_whoosh(self.whoosh, q.whoosh_text, year=q.year).total
        else:
            def run(q: BenchQuery) -> int:
                return baselines.search_fts5(self.fts5, q.fts5_text, year=q.year).total
        return run


def build_figures(name: str, seconds: float, articles: int, **extra) -> dict:
    """Print and return the time and rate of one build."""
    print(f"build {name:<7} {seconds:7.1f} s  {articles} articles  {articles / seconds:8.0f} articles/s", flush=True)
    return {"seconds": round(seconds, 2), "articles": articles, "articles_per_s": round(articles / seconds, 1), **extra}


def measure(engines: Engines, queries: list[BenchQuery], runs: int) -> dict:
    """Run every query once to warm up, then ``runs`` times on each engine, interleaved."""
    runners = {name: engines.runner(name) for name in ENGINES}
    times: dict[str, list[list[float]]] = {name: [[] for _ in queries] for name in ENGINES}
    matches: dict[str, list[int]] = {name: [0] * len(queries) for name in ENGINES}
    errors: dict[str, list[str]] = {name: [] for name in ENGINES}
    for run in range(runs + 1):
        for i, q in enumerate(queries):
            for name, runner in runners.items():
                started = time.perf_counter()
                try:
                    matches[name][i] = runner(q)
                except QueryError as error:
                    if run == 0:
                        errors[name].append(f"{q.label()}: {error}")
                if run:  # run 0 is the warm-up
                    times[name][i].append((time.perf_counter() - started) * 1000)
        if run:
            print(f"run {run}/{runs} done", flush=True)
    return _summarise(queries, times, matches, errors)


def _summarise(queries, times, matches, errors) -> dict:
    latency: dict[str, dict] = {}
    for name in ENGINES:
        every = [t for per_query in times[name] for t in per_query]
        by_kind = {}
        for kind in KINDS:
            chosen = [t for q, per_query in zip(queries, times[name]) if q.kind == kind for t in per_query]
            found = [m for q, m in zip(queries, matches[name]) if q.kind == kind]
            by_kind[kind] = {**percentiles(chosen),
                             "mean_matches": round(statistics.mean(found), 1),
                             "no_match": sum(1 for m in found if m == 0)}
        latency[name] = {**percentiles(every), "by_kind": by_kind, "errors": errors[name]}
    ours = latency["ours"]["p50_ms"]
    ratios = {name: round(ours / latency[name]["p50_ms"], 1) for name in ENGINES[1:]}
    return {"latency": latency, "ratio_ours_to": ratios}


def print_table(corpus: str, builds: dict, summary: dict, runs: int, count: int) -> None:
    """Print the build and latency tables in Markdown, ready for the README."""
    print(f"\n{corpus}: {count} queries x {runs} runs (after one warm-up run)\n")
    print("| engine | build | articles/s | search p50 | search p95 | ours / engine (p50) |")
    print("|---|---|---|---|---|---|")
    names = {"ours": "our archive", "whoosh": "plain Whoosh", "fts5": "SQLite FTS5"}
    for name in ENGINES:
        b, lat = builds[name], summary["latency"][name]
        ratio = "1" if name == "ours" else f"{summary['ratio_ours_to'][name]}x"
        print(f"| {names[name]} | {b['seconds']:.1f} s | {b['articles_per_s']:.0f} | {lat['p50_ms']:.1f} ms "
              f"| {lat['p95_ms']:.1f} ms | {ratio} |")
    print("\n| kind | " + " | ".join(f"{names[n]} p50 / p95 (matches)" for n in ENGINES) + " |")
    print("|---|" + "---|" * len(ENGINES))
    for kind in KINDS:
        cells = []
        for name in ENGINES:
            k = summary["latency"][name]["by_kind"][kind]
            cells.append(f"{k['p50_ms']:.1f} / {k['p95_ms']:.1f} ms ({k['mean_matches']:.0f})")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    for name in ENGINES:
        for error in summary["latency"][name]["errors"]:
            print(f"error in {name}: {error}")


def profile_ours(engines: Engines, queries: list[BenchQuery], top: int = 25) -> str:
    """Run every query once on our archive under cProfile; return where the time goes.

    Lists the project's own functions (``index/``) and Whoosh's search and highlighting
    entry points by cumulative time (cProfile's overhead inflates every figure).
    """
    runner = engines.runner("ours")
    profiler = cProfile.Profile()
    profiler.enable()
    for q in queries:
        runner(q)
    profiler.disable()
    out = io.StringIO()
    pattern = r"/index/|searching.py:\d+\((search|highlights|docs_for_query)\)|highlight.py:\d+\(highlight_hit\)"
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(pattern, top)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=SOURCES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json-out", type=Path, help="Default: bench/results/search-<corpus>.json")
    parser.add_argument("--profile", action="store_true", help="Also profile one pass of ours over the queries.")
    args = parser.parse_args()
    json_out = args.json_out or RESULTS / f"search-{args.kind}.json"
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        corpus.mkdir()
        records = load_records(convert(args.kind, corpus))
        queries = make_queries(records)
        print(f"{len(records)} articles, {len(queries)} queries "
              f"({', '.join(f'{n} {k}' for k, n in KINDS.items())}), seed {SEED}", flush=True)
        engines = Engines.build(records, corpus, scratch)
        summary = measure(engines, queries, args.runs)
        print_table(args.kind, engines.builds, summary, args.runs, len(queries))
        profile = profile_ours(engines, queries) if args.profile else ""
        if profile:
            print("\nOur archive, one pass over the queries under cProfile:\n" + profile)
        engines.fts5.close()
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps({
        "corpus": args.kind, "runs": args.runs, "seed": SEED, "queries": [q.label() for q in queries],
        "build": engines.builds, **summary, "profile_ours": profile,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {json_out}")


if __name__ == "__main__":
    main()
