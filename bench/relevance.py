"""Measure ranking quality on Cranfield: our archive against plain Whoosh and SQLite FTS5.

Run by hand, never in the test suite:

    python bench/relevance.py [--json-out FILE]     # ../shared/corpora/cranfield

Indexes the 1,400 abstracts (title + text) in each engine and runs the 225 queries as plain
words (punctuation stripped, lower case). Each engine is measured twice:

* "default": the query a user types, with the engine's default operator: all words must
  match in Whoosh (ours and plain) and in FTS5. Long Cranfield queries then find little.
* "OR": any word may match (ours: ``w1 OR w2 ...``; plain Whoosh: ``OrGroup``; FTS5:
  ``"w1" OR "w2" ...``). This is the usual protocol for this collection.

Judgments number the queries 1..225 by their position in ``cran.qry`` (not their ``.I``
labels). Grades: 1 = complete answer ... 4 = minimum interest, -1 = not relevant.
nDCG@10 uses gain 5 - grade (4, 3, 2, 1) and 0 otherwise; MAP (over the first 1,000 hits)
and P@10 count grades 1-3 as relevant. Every figure is the mean over all 225 queries; a
query with no relevant document scores 0.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh.analysis import StemmingAnalyzer  # noqa: E402

from bench import baselines  # noqa: E402
from index.errors import QueryError  # noqa: E402
from index.searcher import iter_hits, search  # noqa: E402
from index.writer import build_index  # noqa: E402

CRANFIELD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "cranfield"
RESULTS = Path(__file__).resolve().parent / "results"
DEPTH = 1000
RELEVANT_GRADES = (1, 2, 3)
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Collection:
    """The Cranfield documents, queries (in file order) and graded judgments."""

    documents: list[dict]  # {"id", "title", "body"}
    queries: list[str]  # queries[n - 1] is judged as query n
    grades: dict[int, dict[str, int]]  # query number -> document id -> grade


def _sections(text: str) -> list[dict[str, str]]:
    """Split a SMART-format file into records: {"I": label, "T": ..., "W": ...}."""
    records: list[dict[str, list[str]]] = []
    key = None
    for line in text.splitlines():
        if line.startswith(".I "):
            records.append({"I": [line[3:].strip()]})
            key = None
        elif len(line) == 2 and line.startswith(".") and records:
            key = line[1]
            records[-1].setdefault(key, [])
        elif key is not None:
            records[-1][key].append(line)
    return [{k: " ".join(v).strip() for k, v in record.items()} for record in records]


def load_cranfield(folder: Path = CRANFIELD) -> Collection:
    """Read cran.all.1400, cran.qry and cranqrel."""
    documents = [{"id": r["I"], "title": r.get("T") or "(untitled)", "body": r.get("W", "")}
                 for r in _sections((folder / "cran.all.1400").read_text(encoding="utf-8"))]
    queries = [r.get("W", "") for r in _sections((folder / "cran.qry").read_text(encoding="utf-8"))]
    grades: dict[int, dict[str, int]] = {}
    for line in (folder / "cranqrel").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            grades.setdefault(int(parts[0]), {})[parts[1]] = int(parts[2])
    return Collection(documents, queries, grades)


def query_words(text: str) -> list[str]:
    """Return the query's words: lower case, punctuation dropped (so no query syntax is left)."""
    return WORD.findall(text.lower())


# --- metrics -----------------------------------------------------------------------------

def gain(grade: int | None) -> int:
    """Graded gain for nDCG: 4 for grade 1 down to 1 for grade 4, 0 for -1 or unjudged."""
    return 5 - grade if grade is not None and 1 <= grade <= 4 else 0


def ndcg_at(ranking: list[str], judged: dict[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first k hits (linear gains)."""
    dcg = sum(gain(judged.get(doc)) / math.log2(rank + 2) for rank, doc in enumerate(ranking[:k]))
    ideal = sorted((gain(g) for g in judged.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranking: list[str], judged: dict[str, int]) -> float:
    """Average precision with grades 1-3 relevant; 0 when the query has no relevant document."""
    relevant = {doc for doc, g in judged.items() if g in RELEVANT_GRADES}
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for rank, doc in enumerate(ranking, start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / len(relevant)


def precision_at(ranking: list[str], judged: dict[str, int], k: int = 10) -> float:
    """Share of the first k positions holding a relevant (grade 1-3) document."""
    return sum(1 for doc in ranking[:k] if judged.get(doc) in RELEVANT_GRADES) / k


def evaluate(rank: Callable[[list[str]], list[str]], collection: Collection) -> dict:
    """Run every query through ``rank`` (words -> document ids, best first) and average the metrics."""
    ndcg, ap, p10, empty, seconds = [], [], [], 0, 0.0
    for number, text in enumerate(collection.queries, start=1):
        started = time.perf_counter()
        ranking = rank(query_words(text))
        seconds += time.perf_counter() - started
        judged = collection.grades.get(number, {})
        ndcg.append(ndcg_at(ranking, judged))
        ap.append(average_precision(ranking, judged))
        p10.append(precision_at(ranking, judged))
        empty += not ranking
    return {"ndcg@10": round(statistics.mean(ndcg), 4), "map": round(statistics.mean(ap), 4),
            "p@10": round(statistics.mean(p10), 4), "no_hits": empty,
            "mean_query_ms": round(seconds / len(collection.queries) * 1000, 2)}


# --- engines -----------------------------------------------------------------------------

def ours_ranker(index_dir: Path, any_word: bool) -> Callable[[list[str]], list[str]]:
    """Rank with our archive: the words as typed (default AND) or joined by OR."""
    def rank(words: list[str]) -> list[str]:
        text = " OR ".join(words) if any_word else " ".join(words)
        try:
            return [hit.id for hit in itertools.islice(iter_hits(index_dir, text), DEPTH)]
        except QueryError:
            return []
    return rank


def whoosh_ranker(ix, any_word: bool) -> Callable[[list[str]], list[str]]:
    """Rank with a plain Whoosh index (AndGroup by default, OrGroup for the OR variant)."""
    def rank(words: list[str]) -> list[str]:
        return baselines.search_plain_whoosh(ix, " ".join(words), limit=DEPTH, any_word=any_word,
                                             snippets=False, facets=False).ids
    return rank


def fts5_ranker(connection, any_word: bool) -> Callable[[list[str]], list[str]]:
    """Rank with FTS5: quoted words joined by space (implicit AND) or by OR."""
    def rank(words: list[str]) -> list[str]:
        if not words:
            return []
        quoted = [f'"{w}"' for w in words]
        text = " OR ".join(quoted) if any_word else " ".join(quoted)
        return baselines.search_fts5(connection, text, limit=DEPTH, snippets=False, facets=False).ids
    return rank


def check_top10(index_dir: Path, collection: Collection) -> int:
    """Count queries whose first page from ``search()`` differs from ``iter_hits`` (expected 0)."""
    differ = 0
    for text in collection.queries:
        q = " OR ".join(query_words(text))
        page = [hit.id for hit in search(index_dir, q, page_size=10).hits]
        differ += page != [hit.id for hit in itertools.islice(iter_hits(index_dir, q), 10)]
    return differ


def measure() -> dict:
    """Build the four engines on Cranfield and score both operators of each; return the figures."""
    collection = load_cranfield()
    print(f"{len(collection.documents)} documents, {len(collection.queries)} queries, "
          f"{sum(len(j) for j in collection.grades.values())} judgments", flush=True)
    rows: dict[str, dict] = {}
    builds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        corpus.mkdir()
        with open(corpus / "cranfield.jsonl", "w", encoding="utf-8") as out:
            for document in collection.documents:
                out.write(json.dumps(document) + "\n")
        started = time.perf_counter()
        build_index(corpus, scratch / "ours")
        builds["ours"] = time.perf_counter() - started
        builds["whoosh"] = baselines.build_plain_whoosh(collection.documents, scratch / "whoosh").seconds
        builds["whoosh-stem"] = baselines.build_plain_whoosh(collection.documents, scratch / "whoosh-stem",
                                                             analyzer=StemmingAnalyzer()).seconds
        builds["fts5"] = baselines.build_fts5(collection.documents, scratch / "fts5.db").seconds
        print("builds: " + ", ".join(f"{name} {s:.1f} s" for name, s in builds.items()), flush=True)
        whoosh = baselines.open_plain_whoosh(scratch / "whoosh")
        stemmed = baselines.open_plain_whoosh(scratch / "whoosh-stem")
        connection = baselines.open_fts5(scratch / "fts5.db")
        engines = {
            "our archive": lambda any_word: ours_ranker(scratch / "ours", any_word),
            "plain Whoosh (StandardAnalyzer)": lambda any_word: whoosh_ranker(whoosh, any_word),
            "plain Whoosh (StemmingAnalyzer)": lambda any_word: whoosh_ranker(stemmed, any_word),
            "SQLite FTS5 (porter)": lambda any_word: fts5_ranker(connection, any_word),
        }
        for name, make in engines.items():
            for variant, any_word in (("default (AND)", False), ("OR", True)):
                rows[f"{name}, {variant}"] = evaluate(make(any_word), collection)
                print(f"{name}, {variant}: {rows[f'{name}, {variant}']}", flush=True)
        top10_differ = check_top10(scratch / "ours", collection)
        connection.close()
    return {"collection": "cranfield", "depth": DEPTH, "relevant_grades": list(RELEVANT_GRADES),
            "gain": "5 - grade for grades 1-4, else 0", "build_seconds": {k: round(v, 2) for k, v in builds.items()},
            "results": rows, "ours_search_vs_iter_hits_top10_differ": top10_differ}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json-out", type=Path, default=RESULTS / "relevance-cranfield.json")
    args = parser.parse_args()
    figures = measure()
    print_table(figures["results"])
    print(f"\nour archive: search() first page differs from iter_hits() on "
          f"{figures['ours_search_vs_iter_hits_top10_differ']} of 225 OR queries")
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json_out}")


def print_table(rows: dict[str, dict]) -> None:
    """Print the metrics as a Markdown table."""
    print("\n| engine, operator | nDCG@10 | MAP | P@10 | queries with no hit | ms/query |")
    print("|---|---|---|---|---|---|")
    for name, m in rows.items():
        print(f"| {name} | {m['ndcg@10']:.3f} | {m['map']:.3f} | {m['p@10']:.3f} | {m['no_hits']} "
              f"| {m['mean_query_ms']:.1f} |")


if __name__ == "__main__":
    main()
