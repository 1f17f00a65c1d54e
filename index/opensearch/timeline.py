"""The knowledge timeline from the events alias: happenings in the packed order, repeats folded.

The matching events' sort keys (repeat and happening keys and year, no text) are read in the packed
order through a point in time and folded into happenings client-side (index.happenings, as the
Whoosh engine does); only the events of the page asked for, and of the happenings whose dates
they may clash with (index.conflicts), are then read whole. The density counts happenings.
The query rules of the Whoosh timeline hold here too: a full name reaches the surname in the
articles that name it (index.short_names), and a number the index drops is checked in the
happening's own text (index.literal_numbers).
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Iterator

import opensearchpy

from archive import year_axis
from index import conflicts, short_names
from index.density import density
from index.errors import QueryError
from index.happenings import entry_from_fields, fold, folded_entry, kept
from index.language import EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE
from index.literal_numbers import literal_check
from index.opensearch import indexes, mappings
from index.opensearch.connection import ClusterSettings, client, every_hit, talking_to
from index.opensearch.query import parse_query
from index.results import TimelineEntry, TimelinePage

WINDOW = 10_000  # OpenSearch's index.max_result_window
SORT = [{"order": "asc"}, {"seq": "asc"}]
CHUNK = 1000
KEY_CHUNK = 5000  # sort keys only: small hits, larger pages
KEY_FIELDS = ["repeat", "happening", "year"]
LITERAL_FIELDS = ["sentence", "headline", "article_title", "refers"]  # read only for a query with a model number


def timeline(settings: ClusterSettings, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
             article: str | None = None, page: int = 1, page_size: int = 50, min_sources: int = 1,
             by_sources: bool = False, written_only: bool = False, conflicts: bool = False) -> TimelinePage:
    """Return a page of happenings in chronological order, filtered by query, years and article.

    As index.whoosh.timeline.timeline: repeats of one happening are one entry listing every source;
    ``min_sources``, ``by_sources``, ``written_only`` and ``conflicts`` filter and sort the same way.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    query, parsed, notes = _query(settings, q, article, year_from, year_to, written_only)
    every = _happenings(settings, query, _says_it(settings, q))
    groups = _conflicting(settings, every, kept(every, min_sources, by_sources), conflicts)
    first = (page - 1) * page_size
    entries = _entries(settings, every, groups[first:first + page_size])
    counts = Counter(group[0]["year"] for group in groups)  # happenings, not mentions
    density_buckets, granularity = density(counts)
    axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, len(groups), page, page_size, year_from,
                        year_to, article, density_buckets, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def iter_timeline(settings: ClusterSettings, q: str = "", *, year_from: int | None = None,
                  year_to: int | None = None, article: str | None = None, min_sources: int = 1,
                  by_sources: bool = False, written_only: bool = False,
                  conflicts: bool = False) -> Iterator[TimelineEntry]:
    """Yield every matching happening in chronological order (the query is checked before this returns)."""
    query, _, _ = _query(settings, q, article, year_from, year_to, written_only)
    indexes.require_published(settings)
    return _stream(settings, query, _says_it(settings, q), min_sources, by_sources, conflicts)


def _says_it(settings: ClusterSettings, q: str):
    """The check of a happening's own text for the numbers of the query the index drops, or None."""
    return literal_check(q, lambda word: bool(indexes.stems(settings, [word])[word]))


def _happenings(settings: ClusterSettings, query: dict, says_it=None) -> list[list[dict]]:
    """The matching events' keys ({_id, repeat, happening, year}) in timeline order, folded into
    happenings; those whose text lacks a number of the query (``says_it``) left out."""
    alias = mappings.alias_name(settings.prefix, mappings.EVENTS)
    fields = KEY_FIELDS + (LITERAL_FIELDS if says_it else [])
    try:
        hits = [hit for hit in _all(settings, alias, query, sort=SORT, source=fields, chunk=KEY_CHUNK)
                if says_it is None or says_it(hit["_source"], hit["_source"].get("refers") == "yes")]
    except opensearchpy.NotFoundError:
        indexes.require_published(settings)
        raise
    keys = [{"_id": hit["_id"], "repeat": hit["_source"].get("repeat", hit["_id"]),
             "happening": hit["_source"].get("happening", hit["_id"]), "year": hit["_source"]["year"]} for hit in hits]
    return fold(keys, lambda key: key["repeat"])


def _conflicting(settings: ClusterSettings, every: list[list[dict]], groups: list[list[dict]],
                 only: bool) -> list[list[dict]]:
    """The happenings whose sources disagree on the date, when ``only``; else all of them."""
    if not only:
        return groups
    all_rivals = conflicts.rivals(every, groups, _happening_key)
    found = _sources(settings, [key["_id"] for rivals in all_rivals for group in rivals for key in group])
    fields = _fields(found)
    return [group for group, its_rivals in zip(groups, all_rivals)
            if conflicts.versions(group, [r for r in its_rivals if r[0]["_id"] in found], fields)]


def _happening_key(group: list[dict]):
    return group[0]["happening"]


def _fields(found: dict[str, dict]):
    """A happening's stored fields of its first event, and its sentences (index.conflicts)."""
    def fields(group: list[dict]) -> tuple[dict, dict]:
        sentences = {}
        for key in group:
            stored = found.get(key["_id"], {})
            article = stored.get("article_id") or key["_id"]
            sentences[(article, stored.get("start"))] = article
        return found[group[0]["_id"]], sentences
    return fields


def _entries(settings: ClusterSettings, every: list[list[dict]], shown: list[list[dict]]) -> list[TimelineEntry]:
    """The entries of the shown happenings, with their clashing dates among ``every`` matching happening:
    their events, and those of the happenings they may clash with, read whole by _id."""
    all_rivals = conflicts.rivals(every, shown, _happening_key)
    wanted = {id(group): group for group in shown} | {id(group): group for rival in all_rivals for group in rival}
    found = _sources(settings, [key["_id"] for group in wanted.values() for key in group])
    fields = _fields(found)
    return [folded_entry(entry_from_fields(found[group[0]["_id"]]),
                         [entry_from_fields(found[key["_id"]]) for key in group[1:] if key["_id"] in found],
                         conflicts.versions(group, [r for r in its_rivals if r[0]["_id"] in found], fields))
            for group, its_rivals in zip(shown, all_rivals)
            if group[0]["_id"] in found]  # one deleted since the keys were read is left out


def _sources(settings: ClusterSettings, ids: list[str]) -> dict[str, dict]:
    """The stored fields of some events, by _id, in as few requests as the result window allows."""
    found = {}
    for start in range(0, len(ids), WINDOW):  # a request holds at most WINDOW hits
        part = ids[start:start + WINDOW]
        answer = _search(settings, {"query": {"ids": {"values": part}}, "size": len(part), "track_total_hits": False})
        found.update((hit["_id"], hit["_source"]) for hit in answer["hits"]["hits"])
    return found


def article_events(settings: ClusterSettings, article_id: str, events_index: str | None = None) -> list[TimelineEntry]:
    """Return the events of one article in the order its text tells them."""
    index = events_index or mappings.alias_name(settings.prefix, mappings.EVENTS)
    entries = [entry_from_fields(hit["_source"]) for hit in _all(settings, index, {"bool": {
        "filter": [{"term": {"article_id": article_id}}], "must_not": [{"term": {"kind": "hidden"}}]}})]
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _query(settings: ClusterSettings, q: str, article: str | None, year_from, year_to,
           written_only: bool = False) -> tuple[dict, str, tuple]:
    must, parsed, notes = [], "everything", ()
    if q.strip():
        stems = lambda words: indexes.stems(settings, words)  # noqa: E731
        text = parse_query(q, stems, EVENT_LANGUAGE)
        # Its own words, or the title of its article when the sentence speaks of the title's subject
        # without naming it ("He demoed the phone"), as index.whoosh.timeline does.
        title = parse_query(q, stems, EVENT_TITLE_LANGUAGE)
        own = [text.dsl, {"bool": {"must": [title.dsl], "filter": [{"term": {"refers": "yes"}}]}}]
        if (name := short_names.surname(q)) is not None:  # "Jobs said" where the article named Steve Jobs
            articles = _naming_articles(settings, {"bool": {"should": [text.dsl, title.dsl], "minimum_should_match": 1}})
            if articles is not None:
                own.append({"bool": {"must": [parse_query(name, stems, EVENT_LANGUAGE).dsl],
                                     "filter": [{"terms": {"article_id": articles}}]}})
        must.append({"bool": {"should": own, "minimum_should_match": 1}})
        parsed, notes = text.understood, text.notes
    filters = []
    if article:
        filters.append({"term": {"article_id": article}})
    if year_from is not None or year_to is not None:
        filters.append({"range": {"year": {k: v for k, v in (("gte", year_from), ("lte", year_to)) if v is not None}}})
    must_not = [{"term": {"kind": "hidden"}}]
    if written_only:
        must_not.append({"terms": {"anchor": ["publication", "context"]}})
    return {"bool": {"must": must or [{"match_all": {}}], "filter": filters, "must_not": must_not}}, parsed, notes


def _naming_articles(settings: ClusterSettings, named: dict) -> list[str] | None:
    """The articles of the events matching a full name (index.short_names), from a terms aggregation."""
    answer = _search(settings, {"query": named, "size": 0, "track_total_hits": False, "aggs": {"articles": {
        "terms": {"field": "article_id", "size": short_names.MAX_ARTICLES + 1}}}})
    return short_names.naming_articles(bucket["key"] for bucket in answer["aggregations"]["articles"]["buckets"])


def _search(settings: ClusterSettings, body: dict) -> dict:
    alias = mappings.alias_name(settings.prefix, mappings.EVENTS)
    with talking_to(settings):
        try:
            return client(settings).search(index=alias, body=body)
        except opensearchpy.NotFoundError:
            indexes.require_published(settings)
            raise


def _stream(settings: ClusterSettings, query: dict, says_it, min_sources: int,
            by_sources: bool, only_conflicts: bool) -> Iterator[TimelineEntry]:
    every = _happenings(settings, query, says_it)
    groups = _conflicting(settings, every, kept(every, min_sources, by_sources), only_conflicts)
    batch: list[list[dict]] = []
    for group in groups:
        batch.append(group)
        if sum(map(len, batch)) >= CHUNK:
            yield from _entries(settings, every, batch)
            batch = []
    yield from _entries(settings, every, batch)


def _all(settings: ClusterSettings, index: str, query: dict, sort=None, source=True,
         chunk: int | None = None) -> Iterator[dict]:
    """Every matching event in the packed order (seq is unique: a total order for search_after)."""
    return every_hit(settings, index, {"query": query, "sort": sort or SORT, "_source": source}, chunk or CHUNK)
