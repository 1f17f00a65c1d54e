"""The knowledge timeline: events in chronological order, filtered, paged and counted per period."""
from __future__ import annotations

import math
import time
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from whoosh import query
from whoosh import index as whoosh_index

from archive import year_axis
from index import conflicts, corrections, short_names
from index.density import density
from index.errors import QueryError
from index.happenings import entry_from_fields, folded_entry, kept
from index.literal_numbers import literal_check
from index.results import DateVersion, TimelineEntry, TimelinePage
from index.whoosh import doc_values, limits, schema, searchers, store
from index.whoosh.corrections import corrections_of
from index.whoosh.event_query import QUERY_SCHEMA, Docs, resolve
from index.whoosh.happening_table import Happenings, happenings_of
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
        found = _found(searcher, q, event_query, year_from, year_to, str(searchers.generation_of(searcher)),
                       min_sources, by_sources, conflicts)
        first = (page - 1) * page_size
        entries = list(_entries(searcher, found, found.kept[first:first + page_size]))
    counts = found.per_year  # happenings, not mentions
    density_buckets, granularity = density(counts)
    axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, len(found.kept), page, page_size, year_from, year_to, article,
                        density_buckets, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


@dataclass(frozen=True)
class _Found:
    """The happenings a timeline query reaches, and those its filters keep, in order."""

    table: Happenings  # every happening of the generation (index.whoosh.happening_table)
    docs: list[int]  # the matching events, ascending
    counts: Counter  # happening number -> its matching events
    kept: list[int]  # the happening numbers shown, in order
    per_year: Counter  # how many of the kept happenings each year holds

    def matching(self, happening: int) -> list[int]:
        """The events of a happening this query reaches (its correction's first)."""
        docs = self.docs
        return self.table.matching(happening, lambda d: (i := bisect_left(docs, d)) < len(docs) and docs[i] == d)


def _found(searcher, q: str, event_query: query.Query, year_from: int | None, year_to: int | None, folder: str,
           min_sources: int, by_sources: bool, only_conflicts: bool) -> _Found:
    """Fold the matching events into happenings (grouped once per generation) and filter them.

    A happening is placed and filtered by its head's year: a correction's when one redated it."""
    table = happenings_of(searcher, folder, corrections_of(searcher, folder))
    docs = _literal(searcher, q, limits.all_docs(searcher, event_query))
    counts = table.count(docs)
    numbers = table.ordered(counts)
    if year_from is not None or year_to is not None:
        numbers = table.in_years(numbers, year_from if year_from is not None else -math.inf,
                                 year_to if year_to is not None else math.inf)
    numbers = kept(numbers, min_sources, size=counts.__getitem__)
    if only_conflicts:
        found = _Found(table, docs, counts, [], Counter())
        numbers = [n for n in numbers if n in table.same_words and _versions(searcher, found, n)]
    return _Found(table, docs, counts, kept(numbers, by_sources=by_sources, size=counts.__getitem__),
                  table.per_year(numbers))


def _versions(searcher, found: _Found, happening: int) -> tuple[DateVersion, ...]:
    """The dates the happening's sources give, when they clash with the dates of other matching
    happenings told with its words (index.conflicts)."""
    rivals = [n for n in found.table.same_words.get(happening, ()) if n in found.counts]
    if len(rivals) < 2:
        return ()
    groups = {n: found.matching(n) for n in rivals}
    return conflicts.versions(groups[happening], list(groups.values()), _fields(searcher))


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


def _entries(searcher, found: _Found, shown: list[int]) -> Iterator[TimelineEntry]:
    """The entries of the shown happenings (read one at a time), each with the other sentences that
    tell it and its clashing dates among the matching happenings (index.conflicts)."""
    for happening in shown:
        group = found.matching(happening)
        yield folded_entry(_entry(searcher, group[0]), [_entry(searcher, d) for d in group[1:]],
                           _versions(searcher, found, happening))


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
        found = _found(searcher, q, event_query, year_from, year_to, ix.storage.folder, min_sources,
                       by_sources, only_conflicts)
        yield from _entries(searcher, found, found.kept)


def article_events(index_dir: Path, article_id: str, generation: Path | None = None) -> list[TimelineEntry]:
    """Return the events of one article (of a given generation), in the order its text tells them.

    An event of a happening a correction redated or retitled shows the correction's date and headline.
    """
    with searchers.searching(index_dir, schema.EVENTS, generation) as searcher:
        folder = str(searchers.generation_of(searcher))
        fixes = corrections_of(searcher, folder)
        docs = limits.all_docs(searcher, query.Term("article_id", article_id))
        keys = doc_values.column(searcher, "repeat", folder) if fixes else None
        entries = [_corrected(searcher, docnum, fixes, keys) for docnum in docs
                   if keys is None or keys[docnum] not in fixes.hidden]
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _corrected(searcher, docnum: int, fixes, keys) -> TimelineEntry:
    """One event as its sentence tells it, with the date and headline of its happening's correction."""
    entry = _entry(searcher, docnum)
    head = fixes.head(keys[docnum], docnum) if keys is not None else docnum
    return entry if head == docnum else corrections.as_corrected(entry, _entry(searcher, head))


def _entry(searcher, docnum: int) -> TimelineEntry:
    return entry_from_fields(searcher.stored_fields(docnum))


def _query(searcher, q: str, article: str | None,
           written_only: bool = False) -> tuple[query.Query, str, tuple[str, ...]]:
    """Return one query for the text and the article, and how the text was read."""
    index_schema = QUERY_SCHEMA  # the fields a researcher names, some kept elsewhere
    parts, parsed, notes = [], "everything", ()
    if written_only:
        parts.append(query.AndNot(query.Every(), query.Or([query.Term("anchor", "publication"),
                                                           query.Term("anchor", "context")])))
    if q.strip():
        text = parse_query(q, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE)
        # Its own words, or the title of its article when the sentence speaks of the title's
        # subject without naming it ("He demoed the phone"): not every sentence the article holds.
        title = parse_query(q, make_parser(index_schema, EVENT_TITLE_LANGUAGE), EVENT_TITLE_LANGUAGE)
        in_text = resolve(searcher, text.whoosh_query)
        in_title = resolve(searcher, title.whoosh_query)
        own = [in_text, _referring_back(searcher, in_title)]
        if (name := short_names.surname(q)) is not None:  # "Jobs said" where the article named Steve Jobs
            by_surname = parse_query(name, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE).whoosh_query
            named = limits.all_docs(searcher, query.Or([in_text, in_title]))
            articles = short_names.naming_articles(searcher.stored_fields(d).get("article_id") for d in named)
            if articles is not None:
                own.append(query.And([resolve(searcher, by_surname),
                                      query.Or([query.Term("article_id", a) for a in articles])]))
        parts.append(query.Or(own))
        parsed, notes = text.understood, text.notes
    if article:
        parts.append(query.Term("article_id", article))
    if not parts:
        return query.Every(), parsed, notes
    return (parts[0] if len(parts) == 1 else query.And(parts)), parsed, notes


REFERS = query.Term("refers", "yes")


def _referring_back(searcher, in_title: query.Query) -> query.Query:
    """The events among ``in_title`` (the events of the articles whose title matches) whose sentence
    speaks of the article's subject without naming it. The referring events of a generation are
    listed once: intersecting them with the title's events as sets is a fifth of Whoosh's matching."""
    if not isinstance(in_title, Docs):
        return query.And([in_title, REFERS])
    refers = _referring(searcher)
    return Docs([docnum for docnum in in_title.docnums if docnum in refers])


def _referring(searcher) -> frozenset[int]:
    """The events of the searcher's generation whose sentence refers back to their article."""
    folder = str(searchers.generation_of(searcher))
    return doc_values.per_generation("refers", folder, lambda: frozenset(limits.all_docs(searcher, REFERS)))


def _literal(searcher, q: str, docs: list[int]) -> list[int]:
    """Keep the events whose text says the numbers of the query the index could not search ("iPhone 4")."""
    says_it = literal_check(q, lambda word: bool(list(schema.TEXT_ANALYZER(word))))
    if says_it is None:
        return docs
    refers = _referring(searcher)
    return [docnum for docnum in docs if says_it(searcher.stored_fields(docnum), docnum in refers)]
