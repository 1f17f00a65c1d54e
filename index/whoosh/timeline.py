"""The knowledge timeline: events in chronological order, filtered, paged and counted per period."""
from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from whoosh import query
from whoosh import index as whoosh_index

from archive import year_axis
from index import conflicts, short_names
from index.density import density
from index.errors import QueryError
from index.happenings import entry_from_fields, fold, folded_entry, kept
from index.literal_numbers import literal_check
from index.results import TimelineEntry, TimelinePage
from index.whoosh import doc_values, event_query, limits, schema, searchers, store
from index.whoosh.corrections import Corrections, corrections_of
from index.whoosh.query import EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE, make_parser, parse_query


def open_events(index_dir: Path) -> whoosh_index.Index:
    """Open the published events index, or say how to build one."""
    return store.open_index(index_dir, schema.EVENTS)


def timeline(index_dir: Path, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
             article: str | None = None, page: int = 1, page_size: int = 50, min_sources: int = 1,
             by_sources: bool = False, written_only: bool = False, conflicts: bool = False) -> TimelinePage:
    """Return a page of happenings in chronological order, filtered by query, years and article.

    Repeats of one happening (wire copies, follow-ups: see archive.repeats) are one entry that
    lists every source. ``min_sources`` keeps the happenings at least that many articles tell,
    ``by_sources`` puts the most reported first, ``written_only`` leaves out the happenings
    dated from context (the article's publication day, the date the story had reached),
    ``conflicts`` keeps the happenings whose sources give dates that cannot both hold.

    :raises QueryError: for a query that cannot be searched, or a page below 1.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    with searchers.searching(index_dir, schema.EVENTS) as searcher:
        event_query, parsed, notes = _query(searcher, q, article, written_only)
        folder = str(searchers.generation_of(searcher))
        every, groups = _kept(searcher, q, event_query, year_from, year_to, folder, min_sources, by_sources, conflicts)
        first = (page - 1) * page_size
        entries = list(_entries(searcher, every, groups[first:first + page_size], folder))
        years = doc_values.column(searcher, "year", folder, translate=True)
        counts = Counter(years[group[0]] for group in groups)  # happenings, not mentions
        density_buckets, granularity = density(counts)
        axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, len(groups), page, page_size, year_from, year_to, article,
                        density_buckets, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def _kept(searcher, q: str, event_query: query.Query, year_from: int | None, year_to: int | None, folder: str,
          min_sources: int, by_sources: bool, only_conflicts: bool) -> tuple[list[list[int]], list[list[int]]]:
    """Every matching happening (among which conflicts are found), and those the filters keep, in order."""
    fixes = corrections_of(searcher, folder)
    docs = _literal(searcher, q, _matching(searcher, event_query, year_from, year_to, folder, fixes))
    every = _happenings(searcher, docs, folder, fixes)
    return every, _conflicting(searcher, every, kept(every, min_sources, by_sources), folder, only_conflicts)


def _happenings(searcher, docs: list[int], folder: str, fixes: Corrections) -> list[list[int]]:
    """Return the matching events folded into happenings (index.happenings): lists of documents.
    A corrected event heads its happening and places it (index.whoosh.corrections)."""
    ordered = doc_values.top_by_column(searcher, docs, "order", len(docs), folder)
    keys = doc_values.column(searcher, "repeat", folder)
    every = fold(ordered, keys.__getitem__)
    return fixes.headed(every, doc_values.column(searcher, "order", folder)) if fixes else every


def _conflicting(searcher, every: list[list[int]], groups: list[list[int]], folder: str,
                 only: bool) -> list[list[int]]:
    """The happenings whose sources disagree on the date, when ``only``; else all of them."""
    if not only:
        return groups
    rivals = conflicts.rivals(every, groups, _happening_key(searcher, folder))
    fields = _fields(searcher)
    return [group for group, its_rivals in zip(groups, rivals) if conflicts.versions(group, its_rivals, fields)]


def _happening_key(searcher, folder: str):
    keys = doc_values.column(searcher, "happening", folder)
    return lambda group: keys[group[0]]


def _fields(searcher):
    """A happening's stored fields of its first event, and its sentences (index.conflicts)."""
    def fields(group: list[int]) -> tuple[dict, dict]:
        sentences = {}
        for docnum in group:
            stored = searcher.stored_fields(docnum)
            article = stored.get("article_id") or docnum
            sentences[(article, stored.get("start"))] = article
        return searcher.stored_fields(group[0]), sentences
    return fields


def _entries(searcher, every: list[list[int]], shown: list[list[int]], folder: str) -> Iterator[TimelineEntry]:
    """The entries of the shown happenings (read one at a time), each with the other sentences that
    tell it and its clashing dates among ``every`` matching happening (index.conflicts)."""
    fields = _fields(searcher)

    def entry(docnum: int) -> TimelineEntry:
        return entry_from_fields(searcher.stored_fields(docnum))
    for group, its_rivals in zip(shown, conflicts.rivals(every, shown, _happening_key(searcher, folder))):
        yield folded_entry(entry(group[0]), [entry(d) for d in group[1:]], conflicts.versions(group, its_rivals, fields))


def iter_timeline(index_dir: Path, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                  article: str | None = None, min_sources: int = 1, by_sources: bool = False,
                  written_only: bool = False, conflicts: bool = False) -> Iterator[TimelineEntry]:
    """Yield every matching event in chronological order, for exports.

    The query is checked and the index opened before this returns; the events are read
    lazily, from a searcher of its own that closes when the iterator is exhausted or closed.
    """
    ix = open_events(index_dir)
    with ix.searcher() as searcher:
        event_query, _, _ = _query(searcher, q, article, written_only)
    return _all_entries(ix, q, event_query, year_from, year_to, min_sources, by_sources, conflicts)


def _all_entries(ix, q: str, event_query: query.Query, year_from: int | None, year_to: int | None,
                 min_sources: int, by_sources: bool, only_conflicts: bool) -> Iterator[TimelineEntry]:
    with ix.searcher() as searcher:
        every, groups = _kept(searcher, q, event_query, year_from, year_to, ix.storage.folder, min_sources,
                              by_sources, only_conflicts)
        yield from _entries(searcher, every, groups, ix.storage.folder)


def article_events(index_dir: Path, article_id: str, generation: Path | None = None) -> list[TimelineEntry]:
    """Return the events of one article (of a given generation), in the order its text tells them.

    An event of a happening a correction redated or retitled shows the correction's date and headline.
    """
    with searchers.searching(index_dir, schema.EVENTS, generation) as searcher:
        folder = str(searchers.generation_of(searcher))
        fixes = corrections_of(searcher, folder)
        docs = _matching(searcher, query.Term("article_id", article_id), None, None, folder, fixes)
        entries = [_as_corrected(searcher, docnum, fixes.head(docnum)) for docnum in docs]
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _as_corrected(searcher, docnum: int, head: int) -> TimelineEntry:
    """One event as its own sentence tells it, with the date and headline of its happening's correction."""
    entry = entry_from_fields(searcher.stored_fields(docnum))
    if head == docnum:
        return entry
    fixed = entry_from_fields(searcher.stored_fields(head))
    return replace(entry, value=fixed.value, year=fixed.year, precision=fixed.precision, modifier=fixed.modifier,
                   label=fixed.label, headline=fixed.headline)


def _query(searcher, q: str, article: str | None,
           written_only: bool = False) -> tuple[query.Query, str, tuple[str, ...]]:
    """Return one query for the text and the article, and how the text was read."""
    index_schema = event_query.QUERY_SCHEMA  # the fields a researcher names, some kept elsewhere
    parts, parsed, notes = [], "everything", ()
    if written_only:
        parts.append(query.AndNot(query.Every(), query.Or([query.Term("anchor", "publication"),
                                                           query.Term("anchor", "context")])))
    if q.strip():
        text = parse_query(q, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE)
        # Its own words, or the title of its article when the sentence speaks of the title's
        # subject without naming it ("He demoed the phone"): not every sentence the article holds.
        title = parse_query(q, make_parser(index_schema, EVENT_TITLE_LANGUAGE), EVENT_TITLE_LANGUAGE)
        in_text = event_query.resolve(searcher, text.whoosh_query)
        in_title = event_query.resolve(searcher, title.whoosh_query)
        own = [in_text, query.And([in_title, query.Term("refers", "yes")])]
        if (name := short_names.surname(q)) is not None:  # "Jobs said" where the article named Steve Jobs
            by_surname = parse_query(name, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE).whoosh_query
            named = limits.all_docs(searcher, query.Or([in_text, in_title]))
            articles = short_names.naming_articles(searcher.stored_fields(d).get("article_id") for d in named)
            if articles is not None:
                own.append(query.And([event_query.resolve(searcher, by_surname),
                                      query.Or([query.Term("article_id", a) for a in articles])]))
        parts.append(query.Or(own))
        parsed, notes = text.understood, text.notes
    if article:
        parts.append(query.Term("article_id", article))
    if not parts:
        return query.Every(), parsed, notes
    return (parts[0] if len(parts) == 1 else query.And(parts)), parsed, notes


def _literal(searcher, q: str, docs: list[int]) -> list[int]:
    """Keep the events whose text says the numbers of the query the index could not search ("iPhone 4")."""
    says_it = literal_check(q, lambda word: bool(list(schema.TEXT_ANALYZER(word))))
    if says_it is None:
        return docs
    refers = set(searcher.docs_for_query(query.Term("refers", "yes")))
    return [docnum for docnum in docs if says_it(searcher.stored_fields(docnum), docnum in refers)]


def _matching(searcher, event_query: query.Query, year_from: int | None, year_to: int | None,
              folder: str, fixes: Corrections) -> list[int]:
    """Return the numbers of the events matching a query and a range of years, hidden happenings left out.

    The years are tested against a cached column: Whoosh's range query unions the postings of
    every year in the range, which took 200 ms for a century of on-this-day. An event of a
    redated happening is filed under the correction's year.
    """
    docs = fixes.visible(limits.all_docs(searcher, event_query))
    if year_from is not None or year_to is not None:
        low = year_from if year_from is not None else -math.inf
        high = year_to if year_to is not None else math.inf
        years = doc_values.column(searcher, "year", folder, translate=True)
        docs = [docnum for docnum in docs if low <= years[fixes.head(docnum)] <= high]
    return docs
