"""Search the articles alias: ranked hits with snippets, facets and the year chart from aggregations."""
from __future__ import annotations

import time
from datetime import date
from typing import Iterator

import opensearchpy

from archive import year_axis
from index.errors import QueryError
from index.opensearch import highlights, indexes, mappings
from index.opensearch.connection import ClusterSettings, client, every_hit, talking_to
from index.filters import BY_NAME, SORTS, TERM_FILTERS, YEAR_FILTERS, YEAR_RANGE
from index.language import ARTICLE_LANGUAGE, only_words
from index.opensearch.query import SEARCHED_AS, ParsedQuery, parse_query
from index.results import SearchHit, SearchPage, Snippet, TermBucket, YearBucket

RELAX_BELOW = 10  # as the Whoosh engine: fewer matches of every word than a first page
RELAXED_NOTE = ("Fewer than {} articles hold every word, so articles with any of them are shown, "
                "those with the most of the words first.")
SEARCH_SECONDS = 10
YEAR_BUCKETS = 10_000  # more years than any archive spans
TERM_FACET_LIMIT = 20
HIT_FIELDS = ["id", "title", "published", "source", "years", "url", "tags", "events"]
EXPORT_CHUNK = 500


def search(settings: ClusterSettings, q: str = "", *, page: int = 1, page_size: int = 10, **narrowing) -> SearchPage:
    """Search title and body, narrowed by years, sources and tags; one request for hits and facets.

    :raises QueryError: for a query that cannot be searched, with the reason.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    alias = mappings.alias_name(settings.prefix, mappings.ARTICLES)
    plan = _plan(settings, q, False, **narrowing)
    answer = _search(settings, alias, _body(plan, page, page_size, narrowing))
    total = answer["hits"]["total"]["value"]
    if total < RELAX_BELOW and q.strip() and only_words(q):
        relaxed = _plan(settings, q, True, **narrowing)
        if relaxed.parsed.understood != plan.parsed.understood:
            plan = relaxed
            plan.notes += (RELAXED_NOTE.format(RELAX_BELOW),)
            answer = _search(settings, alias, _body(plan, page, page_size, narrowing))
            total = answer["hits"]["total"]["value"]
    hits = [_hit(hit, with_snippet=plan.parsed is not None) for hit in answer["hits"]["hits"]]
    aggregations = {name: value.get("v", value) for name, value in answer.get("aggregations", {}).items()}
    years = {f.facet: _year_buckets(aggregations[f.facet], narrowing.get(f.name, ())) for f in YEAR_FILTERS}
    terms = {f.facet: _term_buckets(aggregations[f.facet], aggregations[f"{f.facet}_selected"], f.field,
                                    narrowing.get(f.name, ())) for f in TERM_FILTERS}
    mentioned = {int(b["key"]): b["doc_count"] for b in aggregations["chart_years"]["buckets"]}
    axis = year_axis.choose_axis(mentioned, (narrowing.get("year_from"), narrowing.get("year_to")))
    year_bins = axis and _year_bins(settings, alias, plan, axis)
    return SearchPage(q, plan.understood, tuple(plan.notes), total, page, page_size, plan.sort, hits, years,
                      round((time.perf_counter() - started) * 1000, 2), terms, year_bins)


def _year_bins(settings: ClusterSettings, alias: str, plan, axis) -> year_axis.YearBins:
    """Count the matches per bin of the chart's axis: a range aggregation counts each article once per bin."""
    field = YEAR_RANGE.field
    ranges = [{"key": str(first), "from": first, "to": last + 1} for first, last in axis.bins()]
    body = {"size": 0, "track_total_hits": False,
            "query": {"bool": {"must": [plan.parsed.dsl if plan.parsed else {"match_all": {}}],
                               "filter": plan.filters + plan.facet_filters}},
            "aggs": {"bins": {"range": {"field": field, "ranges": ranges, "keyed": True}},
                     "ends": {"range": {"field": field, "keyed": True, "ranges": [
                         {"key": "before", "to": axis.first}, {"key": "after", "from": axis.last + 1}]}}}}
    found = _search(settings, alias, body)["aggregations"]
    counts = {int(key): b["doc_count"] for key, b in found["bins"]["buckets"].items() if b["doc_count"]}
    ends = found["ends"]["buckets"]
    return year_axis.YearBins(axis, counts, ends["before"]["doc_count"], ends["after"]["doc_count"])


def iter_hits(settings: ClusterSettings, q: str = "", **narrowing) -> Iterator[SearchHit]:
    """Return every match in the order ``search`` shows them, without snippets, for exports.

    The query is checked before this returns; the hits are read lazily through a point in time,
    so an export sees one state of the index however long it takes, and any number of hits.
    """
    plan = _plan(settings, q, False, **narrowing)
    alias = mappings.alias_name(settings.prefix, mappings.ARTICLES)
    answer = _search(settings, alias, {**_body(plan, 1, 0, narrowing, facets=False), "track_total_hits": True})
    if answer["hits"]["total"]["value"] < RELAX_BELOW and q.strip() and only_words(q):
        relaxed = _plan(settings, q, True, **narrowing)
        if relaxed.parsed.understood != plan.parsed.understood:
            plan = relaxed
    return _stream(settings, alias, plan, narrowing)


def _stream(settings: ClusterSettings, alias: str, plan, narrowing) -> Iterator[SearchHit]:
    body = _body(plan, 1, EXPORT_CHUNK, narrowing, facets=False)
    body.pop("from")
    for hit in every_hit(settings, alias, body, EXPORT_CHUNK):
        yield _hit(hit, with_snippet=False)


class _Plan:
    def __init__(self, parsed: ParsedQuery | None, filters: list[dict], facet_filters: dict[str, dict], sort: str):
        self.parsed = parsed
        self.filters = filters  # the year range: every count obeys it
        self.by_facet = facet_filters  # a facet's own filter: every count but that facet's obeys it
        self.facet_filters = list(facet_filters.values())
        self.sort = sort
        self.understood = parsed.understood if parsed else "everything"
        self.notes = tuple(parsed.notes) if parsed else ()


def _plan(settings: ClusterSettings, q: str, any_word: bool, *, year_from: int | None = None,
          year_to: int | None = None, sort: str = "relevance", **chosen) -> _Plan:
    unknown = chosen.keys() - BY_NAME.keys()
    if unknown:
        raise TypeError(f"unknown filter {sorted(unknown)[0]!r}; filters: {', '.join(BY_NAME)}")
    if sort not in SORTS:
        raise QueryError(f"Unknown sort '{sort}'; use one of: {', '.join(SORTS)}.")
    parsed = None
    if q.strip():
        parsed = parse_query(q, lambda words: indexes.stems(settings, words), ARTICLE_LANGUAGE, any_word)
    elif sort == "relevance":
        sort = "newest"
    # Filters narrow without scoring; values ticked together widen (any of them will do).
    facet_filters = {f.facet: {"terms": {f.field: sorted(set(chosen[f.name]))}} for f in YEAR_FILTERS if chosen.get(f.name)}
    facet_filters.update({f.facet: {"terms": {SEARCHED_AS[f.field]: sorted({v.lower() for v in chosen[f.name]})}}
                          for f in TERM_FILTERS if chosen.get(f.name)})
    filters = []
    if year_from is not None or year_to is not None:
        bounds = {k: v for k, v in (("gte", year_from), ("lte", year_to)) if v is not None}
        filters.append({"range": {YEAR_RANGE.field: bounds}})
    return _Plan(parsed, filters, facet_filters, sort)


def _body(plan: _Plan, page: int, page_size: int, narrowing: dict, facets: bool = True) -> dict:
    text = plan.parsed.dsl if plan.parsed else {"match_all": {}}
    body: dict = {
        "query": {"bool": {"must": [text], "filter": plan.filters}},
        # Facet filters apply to the hits after the aggregations, so that each facet can count the
        # matches of the other filters: its other values stay in view with what they would add.
        "post_filter": {"bool": {"filter": plan.facet_filters}},
        "from": (page - 1) * page_size, "size": page_size, "track_total_hits": True,
        "_source": HIT_FIELDS, "timeout": f"{SEARCH_SECONDS}s",
        # Ties keep one order on every page: by id, as stable as Whoosh's document order.
        "sort": {"relevance": [{"_score": "desc"}, {"id": "asc"}],
                 "newest": [{"day": "desc"}, {"id": "asc"}],
                 "oldest": [{"day": "asc"}, {"id": "asc"}]}[plan.sort],
    }
    if plan.sort == "relevance":
        body["track_scores"] = True
    if facets:
        body["aggs"] = _aggregations(narrowing, plan)
        if plan.parsed and page_size:
            body["highlight"] = highlights.highlight_request(["body"], plan.parsed.dsl,
                                                             no_match_chars=highlights.SNIPPET_CHARS + 1)
    return body


def _aggregations(narrowing: dict, plan) -> dict:
    aggs = _facet_aggregations(narrowing)
    wrapped = {}
    for name, agg in aggs.items():
        facet = name.removesuffix("_selected")
        others = [f for key, f in plan.by_facet.items() if key != facet]
        wrapped[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"v": agg}}
    # The chart's axis is chosen from the years of the matches, every filter applied.
    wrapped["chart_years"] = {"filter": {"bool": {"filter": plan.facet_filters}},
                              "aggs": {"v": {"terms": {"field": YEAR_RANGE.field, "size": YEAR_BUCKETS}}}}
    return wrapped


def _facet_aggregations(narrowing: dict) -> dict:
    aggs = {f.facet: {"terms": {"field": f.field, "size": YEAR_BUCKETS}} for f in YEAR_FILTERS}
    for f in TERM_FILTERS:
        field = SEARCHED_AS[f.field]
        # One article's stored text of each value keeps the spelling the lowercased index lost.
        spelling = {"top_hits": {"size": 1, "_source": [f.field]}}
        aggs[f.facet] = {"terms": {"field": field, "size": TERM_FACET_LIMIT,
                                   "order": [{"_count": "desc"}, {"_key": "asc"}]}, "aggs": {"spelling": spelling}}
        # The chosen values are always counted, even when they are not among the most frequent.
        chosen = sorted({v.lower() for v in narrowing.get(f.name, ())}) or [""]
        aggs[f"{f.facet}_selected"] = {"terms": {"field": field, "include": chosen, "size": len(chosen)},
                                       "aggs": {"spelling": spelling}}
    return aggs


def _search(settings: ClusterSettings, index: str, body: dict) -> dict:
    with talking_to(settings):
        try:
            answer = client(settings).search(index=index, body=body)
        except opensearchpy.NotFoundError:
            indexes.require_published(settings)  # says how to build the index
            raise
        except opensearchpy.RequestError as error:
            raise QueryError(f"The cluster could not run this query: {_reason(error)}.") from error
    if answer.get("timed_out"):
        raise QueryError(f"The search took longer than {SEARCH_SECONDS} seconds and was stopped; "
                         "narrow it (fewer wildcards, more words or a range of years).")
    return answer


def _reason(error: opensearchpy.TransportError) -> str:
    info = error.info if isinstance(error.info, dict) else {}
    detail = info.get("error", {})
    causes = detail.get("root_cause") or [detail] if isinstance(detail, dict) else []
    return str((causes[0] if causes else {}).get("reason") or error.error)[:300]


def _year_buckets(aggregation: dict, selected) -> list[YearBucket]:
    counts = {int(b["key"]): b["doc_count"] for b in aggregation["buckets"]}
    chosen = set(selected)
    for year in chosen - counts.keys():
        counts[year] = 0
    return [YearBucket(year, counts[year], year in chosen) for year in sorted(counts)]


def _term_buckets(aggregation: dict, selected_aggregation: dict, stored: str, selected) -> list[TermBucket]:
    chosen = {value.lower() for value in selected}
    shown = {b["key"]: b for b in aggregation["buckets"]}
    extra = {b["key"]: b for b in selected_aggregation["buckets"] if b["key"] not in shown}
    buckets = [_term_bucket(b, stored, chosen) for b in shown.values()]
    for value in sorted(chosen - shown.keys()):
        buckets.append(_term_bucket(extra[value], stored, chosen) if value in extra else TermBucket(value, value, 0, True))
    return buckets


def _term_bucket(bucket: dict, stored: str, chosen: set[str]) -> TermBucket:
    value = bucket["key"]
    hits = bucket["spelling"]["hits"]["hits"]
    written = (hits[0]["_source"] if hits else {}).get(stored) or ""
    parts = [written] if isinstance(written, str) else list(written)
    label = next((p.strip() for part in parts for p in part.split(",") if p.strip().lower() == value), value)
    return TermBucket(value, label, bucket["doc_count"], value in chosen)


def _hit(hit: dict, with_snippet: bool) -> SearchHit:
    source = hit["_source"]
    snippet = Snippet()
    if with_snippet:
        marked = (hit.get("highlight", {}).get("body") or [""])[0]
        text, spans = highlights.unmark(marked)
        if spans:
            snippet = highlights.snippet(text, spans)
        elif text:  # the start of the body, cut by the cluster on a word; marked as longer if it is
            cut = text[:highlights.SNIPPET_CHARS]
            snippet = Snippet(cut + ("…" if len(text) > highlights.SNIPPET_CHARS else ""), ())
    published = source.get("published")
    return SearchHit(
        id=source["id"], title=source.get("title", ""),
        published=date.fromisoformat(published) if published else None,
        source=source.get("source", ""), score=round(hit.get("_score") or 0.0, 4), snippet=snippet,
        years=tuple(sorted(source.get("years") or ())), url=source.get("url", ""),
        tags=tuple(source.get("tags") or ()), events=tuple(sorted(set(source.get("events") or ()))))
