"""Search the articles index: ranked hits with snippets, and facets by year, source and tag."""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Collection, Iterator

from whoosh import collectors, query

from archive import year_axis
from index.filters import BY_NAME, SORTS, TERM_FILTERS, YEAR_FILTERS, YEAR_RANGE
from index.results import SearchHit, SearchPage, Snippet
from index.whoosh import doc_values, facets, feedback, limits, schema, searchers, snippets, store
from index.errors import QueryError
from index.whoosh.query import make_parser, only_words, parse_query

SNIPPET_CHARS = 240


RELAX_BELOW = 3  # matches of every word, below which any word will do (see _settle)
RELAXED_NOTE = ("Fewer than {} articles hold every word, so articles with any of them are shown, "
                "those with the most of the words first.")


@dataclass(frozen=True)
class _Plan:
    whoosh_query: query.Query
    text_query: query.Query | None  # the words searched for, without the filters
    understood: str
    notes: tuple[str, ...]
    sort: str
    text: str = ""
    narrowing: dict = field(default_factory=dict)
    any_word: bool = False


def search(index_dir: Path, q: str = "", *, page: int = 1, page_size: int = 10, **narrowing) -> SearchPage:
    """Search title and body with Whoosh's query language, narrowed by year, source or tag.

    ``narrowing`` holds the filters of ``index.filters`` by name (``years=(1989,)``),
    ``year_from``/``year_to`` and ``sort`` (one of SORTS). An empty query matches every article, newest first.
    :raises QueryError: for a query that cannot be searched, with the reason.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    with searchers.searching(index_dir, schema.ARTICLES) as searcher:
        plan = _plan(searcher.schema, q, **narrowing)
        folder = str(searchers.generation_of(searcher))
        plan, top, docs = _settle(searcher, plan, page * page_size, folder)
        words = snippets.query_words(searcher.reader(), plan.text_query)
        first = (page - 1) * page_size
        chosen_years = (narrowing.get("years", ()), narrowing.get("year_from"), narrowing.get("year_to"))
        hits = [_hit(searcher.stored_fields(docnum), score, words, chosen_years)
                for docnum, score in top[first:first + page_size]]
        unfiltered = _facet_docs(searcher, plan, docs)
        count = lambda field, name: doc_values.count_values(searcher, field, unfiltered(name), folder)  # noqa: E731
        found = {f.facet: facets.year_buckets(count(f.field, f.name), narrowing.get(f.name, ())) for f in YEAR_FILTERS}
        terms = {f.facet: facets.term_buckets(count(f.field, f.name), _spelling_finder(searcher, f.field, folder),
                                              narrowing.get(f.name, ())) for f in TERM_FILTERS}
        chart_axis = year_axis.choose_axis(doc_values.count_values(searcher, YEAR_RANGE.field, docs, folder),
                                           (narrowing.get("year_from"), narrowing.get("year_to")))
        year_bins = chart_axis and doc_values.count_binned(searcher, YEAR_RANGE.field, docs, folder, chart_axis)
    return SearchPage(q, plan.understood, plan.notes, len(docs), page, page_size, plan.sort, hits, found,
                      round((time.perf_counter() - started) * 1000, 2), terms, year_bins)


class _TopAndEvery(collectors.TopCollector):
    """Keep the top hits and the number of every match, in one pass.

    Whoosh's top-N collector skips blocks that cannot make the top, so the facets needed a
    second pass over the matches; scoring every match once is cheaper than two passes.
    """

    def __init__(self, limit: int):
        # No block skipping and no matcher replacement: both leave out documents that cannot
        # make the top, and the facets need every match.
        super().__init__(limit=limit, usequality=False, replace=0)
        self.stop_at = limits.deadline()

    def _collect(self, global_docnum, score):
        self.docset.add(global_docnum)
        if not self.total % limits.CHUNK:
            limits.check(self.stop_at)
        return super()._collect(global_docnum, score)


def _settle(searcher, plan: _Plan, limit: int, folder: str) -> tuple[_Plan, list[tuple[int, float]], Collection[int]]:
    """Run the plan, relaxed when too few articles hold every word, ranked with feedback if worth it.

    Words typed side by side must all match; when fewer than RELAX_BELOW articles hold them
    all, any of them will do (a question typed in full rarely has all its words in one
    article). A relevance ranking of three words or more is refined by feedback, which
    reorders the matches without changing them.
    """
    top, docs = _run(searcher, plan, max(limit, feedback.DOCS), folder)
    if len(docs) < RELAX_BELOW and not plan.any_word and only_words(plan.text):
        relaxed = _plan(searcher.schema, plan.text, any_word=True, **plan.narrowing)
        if relaxed.understood != plan.understood:
            plan = replace(relaxed, notes=relaxed.notes + (RELAXED_NOTE.format(RELAX_BELOW),))
            top, docs = _run(searcher, plan, max(limit, feedback.DOCS), folder)
    if plan.sort == "relevance" and docs and feedback.worth_refining(plan.text_query, schema.TEXT_FIELDS):
        refined = feedback.refine(searcher, plan.whoosh_query, [docnum for docnum, _ in top])
        plan = replace(plan, whoosh_query=refined)
        top, _ = _run(searcher, plan, limit, folder)
    return plan, top[:limit], docs


def _run(searcher, plan: _Plan, limit: int, folder: str) -> tuple[list[tuple[int, float]], Collection[int]]:
    """Return the first ``limit`` (docnum, score) pairs and the numbers of every matching document."""
    if plan.sort == "relevance":
        collector = _TopAndEvery(limit)
        searcher.search_with_collector(plan.whoosh_query, collector)
        return [(hit.docnum, hit.score) for hit in collector.results()], collector.docset
    docs = limits.all_docs(searcher, plan.whoosh_query)
    top = doc_values.by_date(searcher, docs, limit, folder, newest=plan.sort == "newest")
    return [(docnum, 0.0) for docnum in top], docs


def _facet_docs(searcher, plan: _Plan, docs: Collection[int]):
    """Return a function giving the matches a facet counts: all but its own filter.

    Values of one facet widen the search together ("2013 or 2026"), so a facet with chosen
    values counts the matches of the other filters: its other values stay in view with the
    number of articles each would add.
    """

    def unfiltered(name: str) -> Collection[int]:
        if not plan.narrowing.get(name):
            return docs
        other = _plan(searcher.schema, plan.text, any_word=plan.any_word, **{**plan.narrowing, name: ()})
        return limits.all_docs(searcher, other.whoosh_query)

    return unfiltered


def _spelling_finder(searcher, field: str, folder: str):
    """Return a function giving a keyword's spelling as one article stored it (kept per generation)."""

    def stored_text(value: str) -> str | None:
        docnum = searcher.document_number(**{field: value})
        return None if docnum is None else searcher.stored_fields(docnum).get(field)

    return lambda value: doc_values.remembered(("spelling", folder, field, value), lambda: stored_text(value))


def iter_hits(index_dir: Path, q: str = "", **narrowing) -> Iterator[SearchHit]:
    """Return every match, in the order ``search`` shows them, without snippets (for exports).

    The query is checked and the index opened before this returns, so errors come at once;
    the hits are read lazily and the searcher closes when the iterator is exhausted or closed.
    :raises QueryError: for a query that cannot be searched, with the reason.
    """
    ix = store.open_index(index_dir, schema.ARTICLES)
    plan = _plan(ix.schema, q, **narrowing)
    return _all_hits(ix, plan)


def _all_hits(ix, plan: _Plan) -> Iterator[SearchHit]:
    with ix.searcher() as searcher:
        plan, _, docs = _settle(searcher, plan, 1, ix.storage.folder)
        if plan.sort != "relevance":  # by the day column, which Whoosh cannot sort on when no article has a date
            for docnum in doc_values.by_date(searcher, docs, None, ix.storage.folder, plan.sort == "newest"):
                yield _hit(searcher.stored_fields(docnum), 0.0)
            return
        for hit in searcher.search(plan.whoosh_query, limit=None):
            yield _hit(hit.fields(), hit.score)


def _plan(index_schema, q: str, *, any_word: bool = False, **narrowing) -> _Plan:
    """Parse the query and join the narrowing filters to it (words side by side: all, or ``any_word``)."""
    whoosh_query, understood, notes, sort, text_query = _parts(index_schema, q, any_word, **narrowing)
    return _Plan(whoosh_query, text_query, understood, notes, sort, q, narrowing, any_word)


def _parts(index_schema, q: str, any_word: bool, *, year_from: int | None = None, year_to: int | None = None,
           sort: str = "relevance", **chosen):
    unknown = chosen.keys() - BY_NAME.keys()
    if unknown:
        raise TypeError(f"unknown filter {sorted(unknown)[0]!r}; filters: {', '.join(BY_NAME)}")
    if sort not in SORTS:
        raise QueryError(f"Unknown sort '{sort}'; use one of: {', '.join(SORTS)}.")
    if q.strip():
        parsed = parse_query(q, make_parser(index_schema, any_word=any_word))
        whoosh_query, understood, notes = parsed.whoosh_query, parsed.understood, tuple(parsed.notes)
        text_query = whoosh_query
    else:
        whoosh_query, understood, notes, text_query = query.Every(), "everything", (), None
        sort = "newest" if sort == "relevance" else sort
    filters = [facets.year_filter(f.field, chosen.get(f.name, ())) for f in YEAR_FILTERS]
    filters += [facets.term_filter(f.field, chosen.get(f.name, ())) for f in TERM_FILTERS]
    filters = [f for f in filters + [facets.range_filter(YEAR_RANGE.field, year_from, year_to)] if f is not None]
    if filters:
        # Filters join the query as clauses that add nothing to the score: intersecting posting
        # lists is faster than testing every match against a separate filter.
        clauses = [query.ConstantScoreQuery(f, score=0.0) for f in filters]
        whoosh_query = query.And(clauses if isinstance(whoosh_query, query.Every) else [whoosh_query, *clauses])
    return whoosh_query, understood, notes, sort, text_query


def _hit(stored: dict, score: float | None, words: frozenset[str] | None = None,
         chosen_years: tuple = ((), None, None)) -> SearchHit:
    """Make a hit; ``words`` (the query's stems) asks for a snippet around them."""
    body = stored.get("body", "")
    snippet = Snippet()
    if words is not None:
        # With a year filter, the passage that mentions the year is what the researcher asked about.
        snippet = snippets.snippet(body, snippets.match_spans(body, words), maxchars=SNIPPET_CHARS,
                                   years=snippets.year_spans(body, *chosen_years))
        if not snippet.text:
            snippet = snippets.opening(body, SNIPPET_CHARS)
    published = stored.get("published")
    return SearchHit(
        id=stored["id"],
        title=stored.get("title", ""),
        published=published.date() if published else None,
        source=stored.get("source", ""),
        score=round(score or 0.0, 4),
        snippet=snippet,
        years=tuple(sorted(stored.get("years") or ())),
        url=stored.get("url", ""),
        tags=tuple(t for t in (stored.get("tags") or "").split(",") if t),
        events=tuple(sorted(set(stored.get("events") or ()))),
    )
