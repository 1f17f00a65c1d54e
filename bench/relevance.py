"""Measure ranking quality on Cranfield, MED and CISI: our archive against three baselines.

Run by hand, never in the test suite (the BM25 reference needs the ``bench`` extra:
``.venv/bin/pip install -e '.[bench]'``):

    python bench/relevance.py [--collections cranfield med cisi] [--json-out FILE]

Reads ``../shared/corpora``. Each collection's abstracts (title + text) are indexed in every
engine and its queries are run as a user types them: the words of the query with its case
and its dotted abbreviations ("U.S.") kept, other punctuation dropped (so no query syntax
is left; AND, OR and NOT are lower-cased so that they are words). Each engine is measured
twice:

* "default": the engine's default operator: all words must match in Whoosh (ours and
  plain) and in FTS5. Long questions then find little, except in ours, which relaxes.
* "OR": any word may match (ours: ``w1 OR w2 ...``; plain Whoosh: ``OrGroup``; FTS5:
  ``"w1" OR "w2" ...``). This is the usual protocol for these collections.

The Okapi BM25 reference (``bm25s``: k1 1.2, b 0.75, English stop words, PyStemmer's
Snowball English stemmer) ranks every document holding any word: it has one operator.

Cranfield's judgments number the queries 1..225 by their position in ``cran.qry``, graded
1 = complete answer ... 4 = minimum interest, -1 = not relevant; nDCG@10 uses gain 5 - grade
and MAP and P@10 count grades 1-3 as relevant; the mean is over all 225 queries. MED and
CISI are judged relevant or not (gain 1) and number queries by their ``.I`` labels; the mean
is over the judged queries (30 and 76). MAP is over the first 1,000 hits.

"few relevant" averages nDCG@10 over the queries with at most 3 relevant documents: the
situation of news, where a query has one or two relevant articles and most of the best
matches are other stories (the case where feedback can drift).
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

from bench import baselines, variants  # noqa: E402
from index.errors import QueryError  # noqa: E402
from index.whoosh.searcher import iter_hits, search  # noqa: E402
from index.whoosh.writer import build_index  # noqa: E402

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
RESULTS = Path(__file__).resolve().parent / "results"
DEPTH = 1000
FEW_RELEVANT = 3
# A word, or an abbreviation with its dots (U.S., U.N.): what a user would type of a question.
WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z0-9]+")
OPERATOR_WORDS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


@dataclass(frozen=True)
class Collection:
    """A test collection: documents, numbered queries and judgments."""

    name: str
    documents: list[dict]  # {"id", "title", "body"}
    queries: dict[int, str]  # query number -> text
    gains: dict[int, dict[str, int]]  # query number -> document id -> gain (> 0: relevant)
    relevant: dict[int, set[str]]  # query number -> documents counted relevant by MAP and P@10
    judged_only: bool  # average over judged queries only (else over every query)

    def scored_queries(self) -> list[int]:
        """The query numbers that the means are taken over."""
        return [n for n in self.queries if not self.judged_only or self.relevant.get(n)]


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


def _documents(path: Path) -> list[dict]:
    return [{"id": r["I"], "title": r.get("T") or "(untitled)", "body": r.get("W", "")}
            for r in _sections(path.read_text(encoding="utf-8", errors="replace"))]


def load_cranfield(folder: Path = CORPORA / "cranfield") -> Collection:
    """Read cran.all.1400, cran.qry and cranqrel (graded; queries numbered by position)."""
    queries = {n: r.get("W", "") for n, r in enumerate(_sections((folder / "cran.qry").read_text(encoding="utf-8")),
                                                       start=1)}
    grades: dict[int, dict[str, int]] = {}
    for line in (folder / "cranqrel").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            grades.setdefault(int(parts[0]), {})[parts[1]] = int(parts[2])
    gains = {n: {doc: 5 - g for doc, g in judged.items() if 1 <= g <= 4} for n, judged in grades.items()}
    relevant = {n: {doc for doc, g in judged.items() if 1 <= g <= 3} for n, judged in grades.items()}
    return Collection("cranfield", _documents(folder / "cran.all.1400"), queries, gains, relevant, False)


def load_binary(name: str, folder: Path, prefix: str, query_column: int, doc_column: int) -> Collection:
    """Read a collection of binary judgments (MED, CISI): PREFIX.ALL, PREFIX.QRY, PREFIX.REL."""
    queries = {int(r["I"]): r.get("W", "") for r in _sections((folder / f"{prefix}.QRY").read_text(encoding="utf-8"))}
    relevant: dict[int, set[str]] = {}
    for line in (folder / f"{prefix}.REL").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) > max(query_column, doc_column):
            relevant.setdefault(int(parts[query_column]), set()).add(parts[doc_column])
    gains = {n: dict.fromkeys(docs, 1) for n, docs in relevant.items()}
    return Collection(name, _documents(folder / f"{prefix}.ALL"), queries, gains, relevant, True)


LOADERS = {
    "cranfield": load_cranfield,
    "med": lambda: load_binary("med", CORPORA / "med", "MED", 0, 2),
    "cisi": lambda: load_binary("cisi", CORPORA / "cisi", "CISI", 0, 1),
}


def query_words(text: str) -> list[str]:
    """Return the query's words as typed: case and dotted abbreviations kept, operators as words."""
    return [w.lower() if w in OPERATOR_WORDS else w for w in WORD.findall(text)]


# --- metrics -----------------------------------------------------------------------------

def ndcg_at(ranking: list[str], gains: dict[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain of the first k hits (linear gains)."""
    dcg = sum(gains.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranking[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranking: list[str], relevant: set[str]) -> float:
    """Average precision; 0 when the query has no relevant document."""
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for rank, doc in enumerate(ranking, start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / len(relevant)


def precision_at(ranking: list[str], relevant: set[str], k: int = 10) -> float:
    """Share of the first k positions holding a relevant document."""
    return sum(1 for doc in ranking[:k] if doc in relevant) / k


def evaluate(rank: Callable[[list[str]], list[str]], collection: Collection) -> dict:
    """Run every query through ``rank`` (words -> document ids, best first) and average the metrics."""
    ndcg, ap, p10, few, empty, seconds = [], [], [], [], 0, 0.0
    numbers = collection.scored_queries()
    for number in numbers:
        started = time.perf_counter()
        ranking = rank(query_words(collection.queries[number]))
        seconds += time.perf_counter() - started
        relevant = collection.relevant.get(number, set())
        ndcg.append(ndcg_at(ranking, collection.gains.get(number, {})))
        ap.append(average_precision(ranking, relevant))
        p10.append(precision_at(ranking, relevant))
        if 0 < len(relevant) <= FEW_RELEVANT:
            few.append(ndcg[-1])
        empty += not ranking
    return {"ndcg@10": round(statistics.mean(ndcg), 4), "map": round(statistics.mean(ap), 4),
            "p@10": round(statistics.mean(p10), 4), "few_relevant_ndcg@10": round(statistics.mean(few or [0]), 4),
            "few_relevant_queries": len(few), "no_hits": empty,
            "mean_query_ms": round(seconds / len(numbers) * 1000, 2)}


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
        text = " ".join(w.lower() for w in words)
        return baselines.search_plain_whoosh(ix, text, limit=DEPTH, any_word=any_word,
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


def bm25_ranker(reference) -> Callable[[list[str]], list[str]]:
    """Rank with the Okapi BM25 reference (any word)."""
    return lambda words: baselines.search_bm25(reference, " ".join(words), limit=DEPTH)


def check_top10(index_dir: Path, collection: Collection) -> int:
    """Count queries whose first page from ``search()`` differs from ``iter_hits`` (expected 0)."""
    differ = 0
    for number in collection.scored_queries():
        q = " ".join(query_words(collection.queries[number]))
        try:
            page = [hit.id for hit in search(index_dir, q, page_size=10).hits]
        except QueryError:
            continue
        differ += page != [hit.id for hit in itertools.islice(iter_hits(index_dir, q), 10)]
    return differ


def build_ours(documents: list[dict], scratch: Path, name: str) -> Path:
    """Index the documents with our archive, as JSON Lines articles; return the index folder."""
    corpus = scratch / f"corpus-{name}"
    corpus.mkdir()
    with open(corpus / "collection.jsonl", "w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps(document) + "\n")
    build_index(corpus, scratch / f"ours-{name}")
    return scratch / f"ours-{name}"


def measure(name: str, variants: dict[str, Callable[[], Callable[[], None]]] | None = None) -> dict:
    """Build every engine on one collection and score both operators of each; return the figures.

    ``variants`` (name -> a function that changes the archive and returns a function that
    undoes it) measure our archive with one part switched, in the same run.
    """
    collection = LOADERS[name]()
    numbers = collection.scored_queries()
    print(f"\n{name}: {len(collection.documents)} documents, {len(numbers)} queries scored, "
          f"{sum(len(collection.relevant.get(n, ())) for n in numbers)} relevant pairs", flush=True)
    rows: dict[str, dict] = {}
    builds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        started = time.perf_counter()
        ours = build_ours(collection.documents, scratch, "defaults")
        builds["ours"] = time.perf_counter() - started
        builds["whoosh-stem"] = baselines.build_plain_whoosh(collection.documents, scratch / "whoosh-stem",
                                                             analyzer=StemmingAnalyzer()).seconds
        builds["fts5"] = baselines.build_fts5(collection.documents, scratch / "fts5.db").seconds
        started = time.perf_counter()
        reference = baselines.build_bm25(collection.documents)
        builds["bm25"] = time.perf_counter() - started
        print("builds: " + ", ".join(f"{engine} {s:.1f} s" for engine, s in builds.items()), flush=True)
        stemmed = baselines.open_plain_whoosh(scratch / "whoosh-stem")
        connection = baselines.open_fts5(scratch / "fts5.db")
        engines = {
            "our archive": lambda any_word: ours_ranker(ours, any_word),
            "plain Whoosh (StemmingAnalyzer)": lambda any_word: whoosh_ranker(stemmed, any_word),
            "SQLite FTS5 (porter)": lambda any_word: fts5_ranker(connection, any_word),
        }
        for engine, make in engines.items():
            for operator, any_word in (("default", False), ("OR", True)):
                _record(rows, f"{engine}, {operator}", evaluate(make(any_word), collection))
        _record(rows, "Okapi BM25 (bm25s, Snowball)", evaluate(bm25_ranker(reference), collection))
        top10_differ = check_top10(ours, collection)
        for variant, switch in (variants or {}).items():
            undo = switch()
            try:
                index = build_ours(collection.documents, scratch, f"variant-{len(rows)}")
                _record(rows, f"ours, {variant}", evaluate(ours_ranker(index, False), collection))
            finally:
                undo()
        connection.close()
    return {"collection": name, "depth": DEPTH, "queries": len(numbers),
            "build_seconds": {k: round(v, 2) for k, v in builds.items()},
            "results": rows, "ours_search_vs_iter_hits_top10_differ": top10_differ}


def _record(rows: dict[str, dict], name: str, figures: dict) -> None:
    rows[name] = figures
    print(f"{name}: {figures}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collections", nargs="+", choices=sorted(LOADERS), default=list(LOADERS))
    parser.add_argument("--variants", nargs="*", choices=sorted(variants.VARIANTS), default=[],
                        help="also measure our archive with these parts switched (bench/variants.py)")
    parser.add_argument("--json-out", type=Path, default=RESULTS / "relevance.json")
    args = parser.parse_args()
    chosen = {name: variants.VARIANTS[name] for name in args.variants}
    figures = {name: measure(name, chosen) for name in args.collections}
    for name, measured in figures.items():
        print(f"\n{name} ({measured['queries']} queries):")
        print_table(measured["results"])
        print(f"our archive: search() first page differs from iter_hits() on "
              f"{measured['ours_search_vs_iter_hits_top10_differ']} queries")
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json_out}")


def print_table(rows: dict[str, dict]) -> None:
    """Print the metrics as a Markdown table."""
    print("\n| engine, operator | nDCG@10 | MAP | P@10 | nDCG@10, few relevant | queries with no hit | ms/query |")
    print("|---|---|---|---|---|---|---|")
    for name, m in rows.items():
        print(f"| {name} | {m['ndcg@10']:.3f} | {m['map']:.3f} | {m['p@10']:.3f} | {m['few_relevant_ndcg@10']:.3f} "
              f"| {m['no_hits']} | {m['mean_query_ms']:.1f} |")


if __name__ == "__main__":
    main()
