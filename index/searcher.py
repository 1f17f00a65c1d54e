"""Search the articles index: ranked hits with snippets, and facets by year, source and tag."""
from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from whoosh import highlight, query, sorting
from whoosh import index as whoosh_index

from index import facet_counts, facets, schema, store
from index.errors import QueryError
from index.query import make_parser, parse_query

SORTS = ("relevance", "newest", "oldest")
SNIPPET_CHARS = 240


@dataclass(frozen=True)
class SearchHit:
    """One matching article, with everything a results list shows."""

    id: str
    title: str
    published: date | None
    source: str
    score: float
    snippet_html: str  # article text escaped by Whoosh, matches wrapped in <mark>
    years: tuple[int, ...]
    url: str = ""
    tags: tuple[str, ...] = ()
    events: tuple[int, ...] = ()  # years of the article's dated events


@dataclass(frozen=True)
class SearchPage:
    """One page of results, the facets of all matches, and how the query was read."""

    query: str
    parsed: str
    notes: tuple[str, ...]
    total: int
    page: int
    page_size: int
    sort: str
    hits: list[SearchHit]
    facets: dict[str, list[facets.YearBucket]] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    event_years: list[facets.YearBucket] = field(default_factory=list)
    terms: dict[str, list[facets.TermBucket]] = field(default_factory=dict)  # "source", "tags"

    @property
    def page_count(self) -> int:
        """Number of pages needed to show every match."""
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class _Plan:
    whoosh_query: query.Query
    understood: str
    notes: tuple[str, ...]
    sortedby: sorting.FieldFacet | None
    sort: str


def open_articles(index_dir: Path) -> whoosh_index.Index:
    """Open the published articles index, or say how to build one."""
    return store.open_index(index_dir, schema.ARTICLES)


def search(index_dir: Path, q: str = "", *, page: int = 1, page_size: int = 10, **narrowing) -> SearchPage:
    """Search title and body with Whoosh's query language, narrowed by year, source or tag.

    ``years``, ``pub_years`` and ``event_years`` keep articles that mention, were published
    in, or tell of events in any of the years given; ``sources`` and ``tags`` keep articles
    with any of those values; ``year_from``/``year_to`` keep articles that mention a year in
    range. ``sort`` is one of SORTS. An empty query matches every article, newest first.
    :raises QueryError: for a query that cannot be searched, with the reason.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    ix = open_articles(index_dir)
    plan = _plan(ix, q, **narrowing)
    with ix.searcher() as searcher:
        results = searcher.search(plan.whoosh_query, limit=page * page_size, sortedby=plan.sortedby, terms=True)
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        first = (page - 1) * page_size
        hits = [_hit(h) for h in results[first:first + page_size]]
        docs = facet_counts.matching_docs(searcher, plan.whoosh_query)
        count = lambda field: facet_counts.count_values(searcher, field, docs, ix.storage.folder)  # noqa: E731
        found = {name: facets.year_buckets(count(field), narrowing.get(YEAR_ARGUMENTS[name], ()))
                 for name, (field, _) in facets.YEAR_FACETS.items()}
        events = facets.year_buckets(count("events"), narrowing.get("event_years", ()))
        terms = {name: facets.term_buckets(count(field), _spelling_finder(searcher, field), narrowing.get(name, ()))
                 for name, field in facets.TERM_FACETS.items()}
        total = len(docs)
    return SearchPage(q, plan.understood, plan.notes, total, page, page_size, plan.sort, hits, found,
                      round((time.perf_counter() - started) * 1000, 2), events, terms)


YEAR_ARGUMENTS = {"years": "years", "pub_year": "pub_years"}


def _spelling_finder(searcher, field: str):
    """Return a function giving a keyword's spelling as one article stored it."""

    def stored_text(value: str) -> str | None:
        docnum = searcher.document_number(**{field: value})
        return None if docnum is None else searcher.stored_fields(docnum).get(field)

    return stored_text


def iter_hits(index_dir: Path, q: str = "", **narrowing) -> Iterator[SearchHit]:
    """Return every match, in the order ``search`` shows them, without snippets (for exports).

    The query is checked and the index opened before this returns, so errors come at once;
    the hits are read lazily and the searcher closes when the iterator is exhausted or closed.
    :raises QueryError: for a query that cannot be searched, with the reason.
    """
    ix = open_articles(index_dir)
    plan = _plan(ix, q, **narrowing)
    return _all_hits(ix, plan)


def _all_hits(ix: whoosh_index.Index, plan: _Plan) -> Iterator[SearchHit]:
    with ix.searcher() as searcher:
        results = searcher.search(plan.whoosh_query, limit=None, sortedby=plan.sortedby)
        for hit in results:
            yield _hit(hit, snippet=False)


def _plan(ix: whoosh_index.Index, q: str, *, years=(), pub_years=(), event_years=(), sources=(), tags=(),
          year_from: int | None = None, year_to: int | None = None, sort: str = "relevance") -> _Plan:
    if sort not in SORTS:
        raise QueryError(f"Unknown sort '{sort}'; use one of: {', '.join(SORTS)}.")
    if q.strip():
        parsed = parse_query(q, make_parser(ix.schema))
        whoosh_query, understood, notes = parsed.whoosh_query, parsed.understood, tuple(parsed.notes)
    else:
        whoosh_query, understood, notes = query.Every(), "everything", ()
        sort = "newest" if sort == "relevance" else sort
    filters = [f for f in (facets.year_filter("years", years), facets.year_filter("pub_year", pub_years),
                           facets.year_filter("events", event_years), facets.term_filter("source", sources),
                           facets.term_filter("tags", tags), facets.range_filter("years", year_from, year_to))
               if f is not None]
    sortedby = None if sort == "relevance" else sorting.FieldFacet("published", reverse=sort == "newest")
    if filters:
        # Filters join the query as clauses that add nothing to the score: intersecting posting
        # lists is faster than testing every match against a separate filter.
        clauses = [query.ConstantScoreQuery(f, score=0.0) for f in filters]
        whoosh_query = query.And(clauses if isinstance(whoosh_query, query.Every) else [whoosh_query, *clauses])
    return _Plan(whoosh_query, understood, notes, sortedby, sort)


def _hit(hit, snippet: bool = True) -> SearchHit:
    stored = hit.fields()
    body = stored.get("body", "")
    snippet_html = hit.highlights("body", top=3) if snippet and hit.results.q is not None else ""
    if snippet and not snippet_html:
        snippet_html = html.escape(body[:SNIPPET_CHARS]) + ("…" if len(body) > SNIPPET_CHARS else "")
    published = stored.get("published")
    return SearchHit(
        id=stored["id"],
        title=stored.get("title", ""),
        published=published.date() if published else None,
        source=stored.get("source", ""),
        score=round(hit.score or 0.0, 4),
        snippet_html=snippet_html,
        years=tuple(sorted(stored.get("years") or ())),
        url=stored.get("url", ""),
        tags=tuple(t for t in (stored.get("tags") or "").split(",") if t),
        events=tuple(sorted(set(stored.get("events") or ()))),
    )
