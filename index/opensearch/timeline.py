"""The knowledge timeline from the events alias: happenings in the packed order, repeats folded.

A page is answered by the cluster when it can be (index.opensearch.collapsed): one hit per
happening by field collapsing on the repeat key, sorted on the packed order and paged with
from/size, the total and the density from a histogram of years with a cardinality of happenings;
then only the page's happenings and the ones whose dates they may clash with (index.conflicts)
are read whole.

The rest folds client-side, as the Whoosh engine does (index.happenings): the matching events'
sort keys (repeat and happening keys and year, no text) are read in the packed order through a
point in time and grouped in Python. That is the path of a page past the result window (collapse
pages with from/size only, within 10,000 happenings), of the filters that need every happening
before they can page (``min_sources`` counts each happening's events, ``by_sources`` sorts on that,
``conflicts`` compares each with its rivals: aggregations would give estimates or buckets in the
wrong order), of exports, and of a query whose numbers the index drops ("iPhone 4": each
happening's own text is checked, index.literal_numbers).

Corrections apply to whole happenings on both paths (index.corrections). The query rules of the
Whoosh timeline hold here too: a full name reaches the surname in the articles that name it
(index.short_names).
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Iterator

from archive import year_axis
from index import conflicts, short_names
from index.corrections import Corrections
from index.density import density
from index.errors import QueryError
from index.happenings import entry_from_fields, fold, folded_entry, kept
from index.language import EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE
from index.literal_numbers import literal_check
from index.opensearch import collapsed, corrections, events, indexes
from index.opensearch.connection import ClusterSettings
from index.opensearch.query import parse_query
from index.results import TimelineEntry, TimelinePage

WINDOW = events.WINDOW  # a page ending past it folds client-side
CHUNK = 1000
KEY_CHUNK = 5000  # sort keys only: small hits, larger pages
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
    query, parsed, notes = _query(settings, q, article, written_only)
    fixes = corrections.read(settings)
    query = corrections.narrowed(query, fixes, year_from, year_to)
    says_it = _says_it(settings, q)
    first = (page - 1) * page_size
    if says_it is None and min_sources <= 1 and not by_sources and not conflicts and first + page_size <= WINDOW:
        found = collapsed.page(settings, query, fixes, first, page_size)
        total, counts, entries = found.total, found.counts, _entries(settings, found.every, found.shown, found.found)
    else:
        every = _happenings(settings, query, fixes, says_it)
        groups = _conflicting(settings, every, kept(every, min_sources, by_sources), conflicts)
        entries = _entries(settings, every, groups[first:first + page_size])
        total, counts = len(groups), Counter(group[0]["year"] for group in groups)  # happenings, not mentions
    density_buckets, granularity = density(counts)
    axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, total, page, page_size, year_from,
                        year_to, article, density_buckets, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def iter_timeline(settings: ClusterSettings, q: str = "", *, year_from: int | None = None,
                  year_to: int | None = None, article: str | None = None, min_sources: int = 1,
                  by_sources: bool = False, written_only: bool = False,
                  conflicts: bool = False) -> Iterator[TimelineEntry]:
    """Yield every matching happening in chronological order (the query is checked before this returns)."""
    query, _, _ = _query(settings, q, article, written_only)
    indexes.require_published(settings)
    return _stream(settings, query, year_from, year_to, _says_it(settings, q), min_sources, by_sources, conflicts)


def _says_it(settings: ClusterSettings, q: str):
    """The check of a happening's own text for the numbers of the query the index drops, or None."""
    return literal_check(q, lambda word: bool(indexes.stems(settings, [word])[word]))


def _happenings(settings: ClusterSettings, query: dict, fixes: Corrections[dict], says_it=None) -> list[list[dict]]:
    """The matching events' keys (events.key) in timeline order, folded into happenings, each corrected
    event heading its own; the events whose text lacks a number of the query (``says_it``) left out."""
    fields = events.KEY_FIELDS + (LITERAL_FIELDS if says_it else [])
    keys = [events.key(hit) for hit in events.every(settings, query, fields, KEY_CHUNK)
            if says_it is None or says_it(hit["_source"], hit["_source"].get("refers") == "yes")]
    return corrections.headed(settings, fold(keys, lambda key: key["repeat"]), fixes)


def _conflicting(settings: ClusterSettings, every: list[list[dict]], groups: list[list[dict]],
                 only: bool) -> list[list[dict]]:
    """The happenings whose sources disagree on the date, when ``only``; else all of them."""
    if not only:
        return groups
    all_rivals = conflicts.rivals(every, groups, _happening_key)
    found = events.sources(settings, [key["_id"] for rivals in all_rivals for group in rivals for key in group])
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


def _entries(settings: ClusterSettings, every: list[list[dict]], shown: list[list[dict]],
             found: dict[str, dict] | None = None) -> list[TimelineEntry]:
    """The entries of the shown happenings, with their clashing dates among ``every`` matching happening:
    their events, and those of the happenings they may clash with, read whole by _id (unless in ``found``)."""
    all_rivals = conflicts.rivals(every, shown, _happening_key)
    wanted = {id(group): group for group in shown} | {id(group): group for rival in all_rivals for group in rival}
    found = dict(found or {})
    found |= events.sources(settings, [key["_id"] for group in wanted.values() for key in group
                                       if key["_id"] not in found])
    fields = _fields(found)
    return [folded_entry(entry_from_fields(found[group[0]["_id"]]),
                         [entry_from_fields(found[key["_id"]]) for key in group[1:] if key["_id"] in found],
                         conflicts.versions(group, [r for r in its_rivals if r[0]["_id"] in found], fields))
            for group, its_rivals in zip(shown, all_rivals)
            if group[0]["_id"] in found]  # one deleted since the keys were read is left out


def article_events(settings: ClusterSettings, article_id: str, events_index: str | None = None) -> list[TimelineEntry]:
    """Return the events of one article in the order its text tells them; an event of a happening a
    correction redated or retitled shows the correction's date and headline."""
    fixes = corrections.read(settings, events_index)
    stored = [hit["_source"] for hit in events.every(settings, {"bool": {
        "filter": [{"term": {"article_id": article_id}}], "must_not": [{"term": {"kind": "hidden"}}]}},
        index=events_index)]
    entries = corrections.article_entries(settings, stored, fixes, events_index)
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _query(settings: ClusterSettings, q: str, article: str | None,
           written_only: bool = False) -> tuple[dict, str, tuple]:
    """One bool query for the text and the article (the years are added by corrections.narrowed), and how
    the text was read."""
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
    filters = [{"term": {"article_id": article}}] if article else []
    must_not = [{"term": {"kind": "hidden"}}]
    if written_only:
        must_not.append({"terms": {"anchor": ["publication", "context"]}})
    return {"bool": {"must": must or [{"match_all": {}}], "filter": filters, "must_not": must_not}}, parsed, notes


def _naming_articles(settings: ClusterSettings, named: dict) -> list[str] | None:
    """The articles of the events matching a full name (index.short_names), from a terms aggregation."""
    answer = events.search(settings, {"query": named, "size": 0, "track_total_hits": False, "aggs": {"articles": {
        "terms": {"field": "article_id", "size": short_names.MAX_ARTICLES + 1}}}})
    return short_names.naming_articles(bucket["key"] for bucket in answer["aggregations"]["articles"]["buckets"])


def _stream(settings: ClusterSettings, query: dict, year_from: int | None, year_to: int | None, says_it,
            min_sources: int, by_sources: bool, only_conflicts: bool) -> Iterator[TimelineEntry]:
    fixes = corrections.read(settings)
    every = _happenings(settings, corrections.narrowed(query, fixes, year_from, year_to), fixes, says_it)
    groups = _conflicting(settings, every, kept(every, min_sources, by_sources), only_conflicts)
    batch: list[list[dict]] = []
    for group in groups:
        batch.append(group)
        if sum(map(len, batch)) >= CHUNK:
            yield from _entries(settings, every, batch)
            batch = []
    yield from _entries(settings, every, batch)
