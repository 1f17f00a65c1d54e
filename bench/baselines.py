"""Baselines to compare the archive with: a plain Whoosh index, SQLite FTS5 and Okapi BM25.

Both index the same JSON Lines records (``{"id", "title", "body", "date"?}``) and do no
date work: the year facet is the publication year taken from the record's ``date`` (none
for records without one), and the year *filter* uses the four-digit years 1000-2099
written in the title or body, found by a regular expression (no date tagger). Each search
returns the first page of ids, the number of matches, the year counts of all matches and,
when asked, a highlighted snippet of each hit on the first page.

Used by ``bench/search.py`` (latency) and ``bench/relevance.py`` (relevance); never part
of the test suite. The BM25 reference ranks only (``bench/relevance.py``); it needs the
``bench`` extra (``pip install -e '.[bench]'``).
"""
from __future__ import annotations

import functools
import re
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from whoosh import fields, highlight, qparser, query, sorting
from whoosh import index as whoosh_index
from whoosh.analysis import Analyzer, StandardAnalyzer

from index.whoosh import patches

YEAR_IN_TEXT = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
SNIPPET_TAG = ("<mark>", "</mark>")


@dataclass(frozen=True)
class BuildReport:
    """How long a baseline took to build, and for how many records."""

    seconds: float
    articles: int

    @property
    def per_second(self) -> float:
        """Records indexed per second."""
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass
class BaselineResult:
    """One search on a baseline: ranked ids, match count, year counts and snippets."""

    ids: list[str]
    total: int
    years: dict[int, int] = field(default_factory=dict)
    snippets: list[str] = field(default_factory=list)


def publication_year(record: dict) -> int | None:
    """Return the year of the record's ``date`` ("1987-03-02" -> 1987), or None."""
    raw = record.get("date") or ""
    return int(raw[:4]) if len(raw) >= 4 and raw[:4].isdigit() else None


def written_years(record: dict) -> list[int]:
    """Return the distinct four-digit years 1000-2099 written in the title or body."""
    text = f"{record.get('title', '')}\n{record.get('body', '')}"
    return sorted({int(y) for y in YEAR_IN_TEXT.findall(text)})


# --- plain Whoosh -----------------------------------------------------------------------

def plain_whoosh_schema(analyzer: Analyzer | None = None) -> fields.Schema:
    """Return the baseline schema: stored title and body, a year facet, years to filter on."""
    analyzer = analyzer or StandardAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True, analyzer=analyzer),
        body=fields.TEXT(stored=True, analyzer=analyzer),
        year=fields.NUMERIC(int, sortable=True, default=0),  # publication year, 0 = unknown
        years=fields.NUMERIC(int),  # years written in the text, for the year filter
    )


def _plain(function):
    """Run ``function`` on Whoosh's own code: the archive's fixes to Whoosh are undone meanwhile.

    The benchmarks import the archive's engine in the same process, which applies them.
    """
    @functools.wraps(function)
    def plain(*args, **kwargs):
        with patches.removed():
            return function(*args, **kwargs)

    return plain


@_plain
def build_plain_whoosh(articles: Iterable[dict], index_dir: Path,
                       analyzer: Analyzer | None = None) -> BuildReport:
    """Index every record with one Whoosh writer (default settings); return the time taken.

    ``analyzer`` defaults to Whoosh's ``StandardAnalyzer`` (lower case, stop words, no
    stemming); relevance.py also builds one with a stemming analyzer.
    """
    started = time.perf_counter()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(index_dir), plain_whoosh_schema(analyzer))
    count = 0
    with ix.writer() as writer:
        for record in articles:
            writer.add_document(id=record["id"], title=record.get("title", ""), body=record.get("body", ""),
                                year=publication_year(record) or 0, years=written_years(record))
            count += 1
    return BuildReport(time.perf_counter() - started, count)


@_plain
def open_plain_whoosh(index_dir: Path) -> whoosh_index.Index:
    """Open a plain Whoosh index once; searches then open a searcher each, as a server would."""
    return whoosh_index.open_dir(str(index_dir))


@_plain
def search_plain_whoosh(ix: whoosh_index.Index, text: str, *, year: int | None = None, limit: int = 10,
                        any_word: bool = False, snippets: bool = True, facets: bool = True) -> BaselineResult:
    """Search title and body with Whoosh's default parser (all words, or any with ``any_word``).

    ``year`` keeps records whose text names that year. With ``facets`` the publication-year
    counts of all matches come from ``groupedby``; with ``snippets`` each hit of the first
    page gets highlights of its body (Whoosh's default fragmenter, ``<mark>`` tags).
    """
    group = qparser.OrGroup if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=group)
    parsed = parser.parse(text)
    year_filter = query.NumericRange("years", year, year) if year is not None else None
    groupedby = {"year": sorting.FieldFacet("year", maptype=sorting.Count)} if facets else None
    with ix.searcher() as searcher:
        results = searcher.search(parsed, limit=limit, filter=year_filter, groupedby=groupedby)
        results.formatter = highlight.HtmlFormatter(tagname="mark")
        ids, found = [], []
        for hit in results[:limit]:  # with groupedby, Results holds every match, not just `limit`
            ids.append(hit["id"])
            if snippets:
                found.append(hit.highlights("body"))
        counts = {y: n for y, n in results.groups("year").items() if y} if facets else {}
        return BaselineResult(ids, len(results), counts, found)


# --- SQLite FTS5 ------------------------------------------------------------------------

def build_fts5(articles: Iterable[dict], path: Path) -> BuildReport:
    """Index every record in an FTS5 table (Porter stemmer over unicode61); return the time taken.

    The publication year is an unindexed column of the FTS table (for GROUP BY); the years
    written in the text go to a side table ``mentions(doc, year)`` for the year filter.
    """
    started = time.perf_counter()
    path = Path(path)
    if path.exists():
        path.unlink()
    connection = sqlite3.connect(str(path))
    count = 0
    try:
        with connection:
            connection.execute("CREATE VIRTUAL TABLE articles USING fts5("
                               "id UNINDEXED, title, body, year UNINDEXED, tokenize='porter unicode61')")
            connection.execute("CREATE TABLE mentions (doc INTEGER NOT NULL, year INTEGER NOT NULL)")
            rows, mentions = [], []
            for rowid, record in enumerate(articles, start=1):
                rows.append((rowid, record["id"], record.get("title", ""), record.get("body", ""),
                             publication_year(record)))
                mentions.extend((rowid, y) for y in written_years(record))
            count = len(rows)
            connection.executemany("INSERT INTO articles (rowid, id, title, body, year) VALUES (?, ?, ?, ?, ?)",
                                   rows)
            connection.executemany("INSERT INTO mentions VALUES (?, ?)", mentions)
            connection.execute("CREATE INDEX mentions_year ON mentions (year, doc)")
    finally:
        connection.close()
    return BuildReport(time.perf_counter() - started, count)


def open_fts5(path: Path) -> sqlite3.Connection:
    """Open an FTS5 database built by ``build_fts5`` (one connection for many searches)."""
    return sqlite3.connect(str(path))


def search_fts5(connection: sqlite3.Connection, text: str, *, year: int | None = None, limit: int = 10,
                snippets: bool = True, facets: bool = True) -> BaselineResult:
    """Run an FTS5 ``MATCH`` expression, best first by bm25 (FTS5's ``rank``).

    ``text`` is FTS5 query syntax: space means AND, ``OR`` and ``"phrases"`` work. ``year``
    keeps records whose text names that year. With ``facets`` a GROUP BY counts the matches
    per publication year (and so gives the total); with ``snippets`` each hit of the first
    page gets ``snippet()`` of its body.
    """
    where = "articles MATCH ?"
    arguments: list = [text]
    if year is not None:
        # EXISTS keeps MATCH as the outer loop; "rowid IN (SELECT ...)" makes SQLite run the
        # full-text query once per document naming the year (about 100x slower on Reuters).
        where += " AND EXISTS (SELECT 1 FROM mentions WHERE doc = articles.rowid AND year = ?)"
        arguments.append(year)
    snippet = ", snippet(articles, 2, '<mark>', '</mark>', ' … ', 24)" if snippets else ""
    rows = connection.execute(f"SELECT id{snippet} FROM articles WHERE {where} ORDER BY rank LIMIT ?",
                              [*arguments, limit]).fetchall()
    if facets:
        groups = connection.execute(f"SELECT year, count(*) FROM articles WHERE {where} GROUP BY year",
                                    arguments).fetchall()
        total = sum(n for _, n in groups)
        counts = {y: n for y, n in groups if y is not None}
    else:
        total = connection.execute(f"SELECT count(*) FROM articles WHERE {where}", arguments).fetchone()[0]
        counts = {}
    return BaselineResult([r[0] for r in rows], total, counts, [r[1] for r in rows] if snippets else [])


# --- Okapi BM25 reference -----------------------------------------------------------------

BM25_K1 = 1.2
BM25_B = 0.75


@dataclass(frozen=True)
class BM25Reference:
    """An in-memory BM25 index (``bm25s``) of the records, with the stemmer that built it."""

    retriever: object
    stemmer: object
    ids: list[str]


def build_bm25(articles: Iterable[dict]) -> BM25Reference:
    """Index title + body with Okapi BM25 (k1 1.2, b 0.75), English stop words, Snowball stemmer.

    ``bm25s`` is a maintained BM25 library (Lucene's idf by default); PyStemmer is the
    Snowball project's own English stemmer. Both come with the ``bench`` extra only.
    """
    import bm25s
    import Stemmer

    records = list(articles)
    stemmer = Stemmer.Stemmer("english")
    tokens = bm25s.tokenize([f"{r.get('title', '')}\n{r.get('body', '')}" for r in records], stopwords="en",
                            stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B)
    retriever.index(tokens, show_progress=False)
    return BM25Reference(retriever, stemmer, [r["id"] for r in records])


def search_bm25(reference: BM25Reference, text: str, *, limit: int = 10) -> list[str]:
    """Return the ids of the records holding any word of ``text``, best first."""
    import bm25s

    tokens = bm25s.tokenize([text], stopwords="en", stemmer=reference.stemmer, return_ids=False,
                            show_progress=False)[0]
    if not tokens:
        return []
    known = [t for t in tokens if t in reference.retriever.vocab_dict]
    if not known:
        return []
    documents, scores = reference.retriever.retrieve([known], k=min(limit, len(reference.ids)), show_progress=False)
    return [reference.ids[d] for d, score in zip(documents[0], scores[0]) if score > 0]
