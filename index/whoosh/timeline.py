"""The knowledge timeline: events in chronological order, filtered, paged and counted per period."""
from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterator

from whoosh import query
from whoosh import index as whoosh_index

from archive import year_axis
from archive.labels import date_label
from archive.year_axis import year_bin
from index.results import DensityBucket, Mention, TimelineEntry, TimelinePage
from index.whoosh import doc_values, limits, literal_numbers, schema, searchers, short_names, store
from index.errors import QueryError
from index.whoosh.conflicts import versions_of
from index.whoosh.corrections import Corrections, corrections_of
from index.whoosh.query import EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE, make_parser, parse_query

MAX_BARS = 120  # above this many years, the density strip counts per decade, then per century


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
        first = (page - 1) * page_size
        groups, versions = _kept(searcher, q, event_query, year_from, year_to, folder, min_sources, by_sources,
                                 conflicts, slice(first, first + page_size))
        entries = [_folded(searcher, group, versions) for group in groups[first:first + page_size]]
        years = doc_values.column(searcher, "year", folder, translate=True)
        counts = Counter(years[group[0]] for group in groups)  # happenings, not mentions
        density, granularity = _density(counts)
        axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, len(groups), page, page_size, year_from, year_to, article,
                        density, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def _happenings(searcher, docs: list[int], folder: str, min_sources: int = 1, by_sources: bool = False,
                fixes: Corrections | None = None) -> tuple[list[list[int]], list[list[int]]]:
    """Return the matching events folded into happenings (lists of documents, the first shown): all, and those kept.

    Chronological (by the first event's order); ``by_sources`` puts the largest groups first.
    Group sizes count events; an article telling a happening twice is rare in news. Conflicts
    are found among all of them: a date one article gives still disagrees with three. A
    corrected event heads its happening and places it (index.whoosh.corrections).
    """
    ordered = doc_values.top_by_column(searcher, docs, "order", len(docs), folder)
    keys = doc_values.column(searcher, "repeat", folder)
    groups: dict[int, list[int]] = {}
    for docnum in ordered:
        groups.setdefault(keys[docnum], []).append(docnum)
    every = list(groups.values())
    if fixes:
        every = fixes.headed(every, doc_values.column(searcher, "order", folder))
    folded = [group for group in every if len(group) >= min_sources]
    if by_sources:
        folded.sort(key=len, reverse=True)  # stable: chronological among equals
    return every, folded


def _kept(searcher, q: str, event_query: query.Query, year_from: int | None, year_to: int | None, folder: str,
          min_sources: int, by_sources: bool, conflicts: bool, shown: slice) -> tuple[list[list[int]], dict]:
    """Return the happenings the filters keep, in order, and the date versions of those ``shown`` that conflict.

    With ``conflicts`` every kept happening's versions are read, to keep those that disagree.
    """
    fixes = corrections_of(searcher, folder)
    docs = _literal(searcher, q, _matching(searcher, event_query, year_from, year_to, folder, fixes))
    every, groups = _happenings(searcher, docs, folder, min_sources, by_sources, fixes)
    if not conflicts:
        return groups, versions_of(searcher, every, groups[shown], folder)
    versions = versions_of(searcher, every, groups, folder)
    return [group for group in groups if group[0] in versions], versions


def _folded(searcher, group: list[int], versions: dict | None = None) -> TimelineEntry:
    """One entry for a happening: the first event, with the other sentences that tell it."""
    head = _entry(searcher.stored_fields(group[0]))
    also = tuple(_mention(searcher.stored_fields(docnum)) for docnum in group[1:])
    articles = {head.article_id} | {m.article_id for m in also}
    return replace(head, reported_by=len(articles), also=also, versions=(versions or {}).get(group[0], ()))


def _mention(stored: dict) -> Mention:
    return Mention(id=stored["id"], article_id=stored.get("article_id") or None,
                   article_title=stored.get("article_title", ""), sentence=stored["sentence"],
                   published=_date(stored.get("published")), start=stored.get("start"), end=stored.get("end"))


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
                 min_sources: int, by_sources: bool, conflicts: bool) -> Iterator[TimelineEntry]:
    with ix.searcher() as searcher:
        groups, versions = _kept(searcher, q, event_query, year_from, year_to, ix.storage.folder, min_sources,
                                 by_sources, conflicts, slice(None))
        for group in groups:
            yield _folded(searcher, group, versions)


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
    entry = _entry(searcher.stored_fields(docnum))
    if head == docnum:
        return entry
    fixed = _entry(searcher.stored_fields(head))
    return replace(entry, value=fixed.value, year=fixed.year, precision=fixed.precision, modifier=fixed.modifier,
                   label=fixed.label, headline=fixed.headline)


def _query(searcher, q: str, article: str | None,
           written_only: bool = False) -> tuple[query.Query, str, tuple[str, ...]]:
    """Return one query for the text and the article, and how the text was read."""
    index_schema = searcher.schema
    parts, parsed, notes = [], "everything", ()
    if written_only:
        parts.append(query.AndNot(query.Every(), query.Or([query.Term("anchor", "publication"),
                                                           query.Term("anchor", "context")])))
    if q.strip():
        text = parse_query(q, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE)
        # Its own words, or the title of its article when the sentence speaks of the title's
        # subject without naming it ("He demoed the phone"): not every sentence the article holds.
        title = parse_query(q, make_parser(index_schema, EVENT_TITLE_LANGUAGE), EVENT_TITLE_LANGUAGE)
        own = [text.whoosh_query, query.And([title.whoosh_query, query.Term("refers", "yes")])]
        if (name := short_names.surname(q)) is not None:  # "Jobs said" where the article named Steve Jobs
            by_surname = parse_query(name, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE).whoosh_query
            later = short_names.surname_query(searcher, query.Or([text.whoosh_query, title.whoosh_query]), by_surname)
            own += [later] if later is not None else []
        parts.append(query.Or(own))
        parsed, notes = text.understood, text.notes
    if article:
        parts.append(query.Term("article_id", article))
    if not parts:
        return query.Every(), parsed, notes
    return (parts[0] if len(parts) == 1 else query.And(parts)), parsed, notes


def _literal(searcher, q: str, docs: list[int]) -> list[int]:
    """Keep the events whose text says the numbers of the query the index could not search ("iPhone 4")."""
    says_it = literal_numbers.literal_check(q)
    if says_it is None:
        return docs
    refers = set(searcher.docs_for_query(query.Term("refers", "yes")))
    return [docnum for docnum in docs if says_it(searcher.stored_fields(docnum), docnum in refers)]


def _matching(searcher, event_query: query.Query, year_from: int | None, year_to: int | None,
              folder: str, fixes: Corrections | None = None) -> list[int]:
    """Return the numbers of the events matching a query and a range of years, hidden happenings left out.

    The years are tested against a cached column: Whoosh's range query unions the postings of
    every year in the range, which took 200 ms for a century of on-this-day. An event of a
    redated happening is filed under the correction's year.
    """
    fixes = corrections_of(searcher, folder) if fixes is None else fixes
    docs = fixes.visible(limits.all_docs(searcher, event_query))
    if year_from is not None or year_to is not None:
        low = year_from if year_from is not None else -math.inf
        high = year_to if year_to is not None else math.inf
        years = doc_values.column(searcher, "year", folder, translate=True)
        docs = [docnum for docnum in docs if low <= years[fixes.head(docnum)] <= high]
    return docs


def _density(counts: dict) -> tuple[list[DensityBucket], str]:
    """Count events per year, or per decade or century when the years span too wide a range."""
    years = [y for y in counts if y is not None]
    if not years:
        return [], "year"
    low, high = min(years), max(years)
    span = high - low + 1
    size, granularity = (1, "year") if span <= MAX_BARS else (10, "decade") if span <= MAX_BARS * 10 else (100, "century")
    buckets: dict[int, int] = {}
    for year in years:
        span = year_bin(year, size)  # BC bins mirror AD ones: 199 BC-100 BC, not 201 BC-102 BC
        buckets[span] = buckets.get(span, 0) + counts[year]
    return [DensityBucket(start, end, count) for (start, end), count in sorted(buckets.items())], granularity


def _entry(stored: dict) -> TimelineEntry:
    earliest, latest = tuple(stored["earliest"]), tuple(stored["latest"])
    return TimelineEntry(
        id=stored["id"],
        value=stored["value"],
        year=earliest[0],
        precision=stored["precision"],
        modifier=stored.get("modifier"),
        label=date_label(earliest, latest, stored["precision"], stored.get("modifier")),
        headline=stored["headline"],
        sentence=stored["sentence"],
        article_id=stored.get("article_id") or None,
        article_title=stored.get("article_title", ""),
        published=_date(stored.get("published")),
        start=stored.get("start"),
        end=stored.get("end"),
        curated=stored.get("kind") == "curated",
        sources=tuple(stored.get("sources") or ()),
        anchor=stored.get("anchor") or "text",
        planned=bool(stored.get("planned")),
    )


def _date(number: int | None) -> date | None:
    """Undo index.ordering.day_number for a publication date (0 when the article has none)."""
    if not number:
        return None
    year, rest = divmod(number, 10000)
    return date(year, *divmod(rest, 100))
