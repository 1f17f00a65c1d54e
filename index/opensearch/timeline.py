"""The knowledge timeline from the events alias: sorted on the packed order, paged with search_after.

A page within OpenSearch's result window is one request (from/size) that also brings the density
(a histogram aggregation on the year). A page beyond it walks there with search_after, reading only
sort values. Exports stream every event through a point in time.
"""
from __future__ import annotations

import time
from typing import Iterator

import opensearchpy

from index.density import density
from archive import year_axis
from index.errors import QueryError
from index.opensearch import documents, indexes, mappings
from index.opensearch.connection import ClusterSettings, client, talking_to
from index.opensearch.query import parse_query
from index.language import EVENT_LANGUAGE
from index.results import DensityBucket, TimelineEntry, TimelinePage

WINDOW = 10_000  # OpenSearch's index.max_result_window
SORT = [{"order": "asc"}, {"seq": "asc"}]
CHUNK = 1000


def timeline(settings: ClusterSettings, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
             article: str | None = None, page: int = 1, page_size: int = 50) -> TimelinePage:
    """Return a page of events in chronological order, filtered by query, years and article."""
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    query, parsed, notes = _query(settings, q, article, year_from, year_to)
    first = (page - 1) * page_size
    body = {"query": query, "sort": SORT, "size": page_size, "track_total_hits": True,
            "aggs": {"years": {"histogram": {"field": "year", "interval": 1, "min_doc_count": 1}}}}
    if first + page_size <= WINDOW:
        body["from"] = first
    else:
        after = _skip(settings, query, first)
        if after is None:
            body["size"] = 0
        else:
            body["search_after"] = after
    answer = _search(settings, body)
    entries = [documents.entry_from_source(hit["_source"]) for hit in answer["hits"]["hits"]]
    counts = {int(b["key"]): b["doc_count"] for b in answer["aggregations"]["years"]["buckets"]}
    density_buckets, granularity = density(counts)
    axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, answer["hits"]["total"]["value"], page, page_size, year_from,
                        year_to, article, density_buckets, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def iter_timeline(settings: ClusterSettings, q: str = "", *, year_from: int | None = None,
                  year_to: int | None = None, article: str | None = None) -> Iterator[TimelineEntry]:
    """Yield every matching event in chronological order (the query is checked before this returns)."""
    query, _, _ = _query(settings, q, article, year_from, year_to)
    indexes.require_published(settings)
    return _stream(settings, query)


def article_events(settings: ClusterSettings, article_id: str, events_index: str | None = None) -> list[TimelineEntry]:
    """Return the events of one article in the order its text tells them."""
    index = events_index or mappings.alias_name(settings.prefix, mappings.EVENTS)
    entries = [documents.entry_from_source(s) for s in _all(settings, index, {"bool": {
        "filter": [{"term": {"article_id": article_id}}], "must_not": [{"term": {"kind": "hidden"}}]}})]
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _query(settings: ClusterSettings, q: str, article: str | None, year_from, year_to) -> tuple[dict, str, tuple]:
    must, parsed, notes = [], "everything", ()
    if q.strip():
        text = parse_query(q, lambda words: indexes.stems(settings, words), EVENT_LANGUAGE)
        must.append(text.dsl)
        parsed, notes = text.understood, text.notes
    filters = []
    if article:
        filters.append({"term": {"article_id": article}})
    if year_from is not None or year_to is not None:
        filters.append({"range": {"year": {k: v for k, v in (("gte", year_from), ("lte", year_to)) if v is not None}}})
    return {"bool": {"must": must or [{"match_all": {}}], "filter": filters,
                     "must_not": [{"term": {"kind": "hidden"}}]}}, parsed, notes


def _search(settings: ClusterSettings, body: dict) -> dict:
    alias = mappings.alias_name(settings.prefix, mappings.EVENTS)
    with talking_to(settings):
        try:
            return client(settings).search(index=alias, body=body)
        except opensearchpy.NotFoundError:
            indexes.require_published(settings)
            raise


def _skip(settings: ClusterSettings, query: dict, count: int) -> list | None:
    """Return the sort values of the ``count``-th event, walking with search_after; None past the end."""
    after, left = None, count
    while left > 0:
        size = min(left, WINDOW)
        body = {"query": query, "sort": SORT, "size": size, "_source": False, "track_total_hits": False}
        if after is not None:
            body["search_after"] = after
        hits = _search(settings, body)["hits"]["hits"]
        if len(hits) < size:
            return None
        after, left = hits[-1]["sort"], left - size
    return after


def _stream(settings: ClusterSettings, query: dict) -> Iterator[TimelineEntry]:
    alias = mappings.alias_name(settings.prefix, mappings.EVENTS)
    for source in _all(settings, alias, query, sort=SORT):
        yield documents.entry_from_source(source)


def _all(settings: ClusterSettings, index: str, query: dict, sort=None) -> Iterator[dict]:
    """Every matching document through a point in time, so that a long read sees one state of the index."""
    os_client = client(settings)
    with talking_to(settings):
        pit = os_client.create_pit(index=index, params={"keep_alive": "5m"})["pit_id"]
    try:
        after = None
        while True:
            body = {"query": query, "size": CHUNK, "sort": sort or SORT,  # seq is unique: a total order for search_after
                    "pit": {"id": pit, "keep_alive": "5m"}, "track_total_hits": False}
            if after is not None:
                body["search_after"] = after
            with talking_to(settings):
                hits = os_client.search(body=body)["hits"]["hits"]
            for hit in hits:
                yield hit["_source"]
            if len(hits) < CHUNK:
                return
            after = hits[-1]["sort"]
    finally:
        try:
            os_client.delete_pit(body={"pit_id": [pit]})
        except opensearchpy.OpenSearchException:
            pass  # it expires by itself
