"""The knowledge timeline: events in chronological order, filtered, paged and counted per period."""
from __future__ import annotations

import math
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Iterator

from whoosh import query
from whoosh import index as whoosh_index

from archive import year_axis
from archive.labels import date_label
from index.density import density as _density  # both engines count the same way
from index.happenings import fold, folded_entry
from index.results import TimelineEntry, TimelinePage
from index.whoosh import doc_values, limits, schema, searchers, store
from index.errors import QueryError
from index.whoosh.query import EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE, make_parser, parse_query

HIDDEN = query.Term("kind", "hidden")


def open_events(index_dir: Path) -> whoosh_index.Index:
    """Open the published events index, or say how to build one."""
    return store.open_index(index_dir, schema.EVENTS)


def timeline(index_dir: Path, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
             article: str | None = None, page: int = 1, page_size: int = 50, min_sources: int = 1,
             by_sources: bool = False, written_only: bool = False) -> TimelinePage:
    """Return a page of happenings in chronological order, filtered by query, years and article.

    Repeats of one happening (wire copies, follow-ups: see archive.repeats) are one entry that
    lists every source. ``min_sources`` keeps the happenings at least that many articles tell,
    ``by_sources`` puts the most reported first, ``written_only`` leaves out the happenings
    dated from context (the article's publication day, the date the story had reached).

    :raises QueryError: for a query that cannot be searched, or a page below 1.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    with searchers.searching(index_dir, schema.EVENTS) as searcher:
        event_query, parsed, notes = _query(searcher.schema, q, article, written_only)
        folder = str(searchers.generation_of(searcher))
        docs = _matching(searcher, event_query, year_from, year_to, folder)
        groups = _happenings(searcher, docs, folder, min_sources, by_sources)
        first = (page - 1) * page_size
        entries = [_folded(searcher, group) for group in groups[first:first + page_size]]
        years = doc_values.column(searcher, "year", folder, translate=True)
        counts = Counter(years[group[0]] for group in groups)  # happenings, not mentions
        density, granularity = _density(counts)
        axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, len(groups), page, page_size, year_from, year_to, article,
                        density, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def _happenings(searcher, docs: list[int], folder: str, min_sources: int = 1,
                by_sources: bool = False) -> list[list[int]]:
    """Return the matching events folded into happenings (index.happenings.fold): lists of documents."""
    ordered = doc_values.top_by_column(searcher, docs, "order", len(docs), folder)
    keys = doc_values.column(searcher, "repeat", folder)
    return fold(ordered, keys.__getitem__, min_sources, by_sources)


def _folded(searcher, group: list[int]) -> TimelineEntry:
    """One entry for a happening: the first event, with the other sentences that tell it."""
    return folded_entry(_entry(searcher.stored_fields(group[0])),
                        [_entry(searcher.stored_fields(docnum)) for docnum in group[1:]])


def iter_timeline(index_dir: Path, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                  article: str | None = None, min_sources: int = 1, by_sources: bool = False,
                  written_only: bool = False) -> Iterator[TimelineEntry]:
    """Yield every matching event in chronological order, for exports.

    The query is checked and the index opened before this returns; the events are read
    lazily, from a searcher of its own that closes when the iterator is exhausted or closed.
    """
    ix = open_events(index_dir)
    event_query, _, _ = _query(ix.schema, q, article, written_only)
    return _all_entries(ix, event_query, year_from, year_to, min_sources, by_sources)


def _all_entries(ix, event_query: query.Query, year_from: int | None, year_to: int | None,
                 min_sources: int, by_sources: bool) -> Iterator[TimelineEntry]:
    with ix.searcher() as searcher:
        docs = _matching(searcher, event_query, year_from, year_to, ix.storage.folder)
        for group in _happenings(searcher, docs, ix.storage.folder, min_sources, by_sources):
            yield _folded(searcher, group)


def article_events(index_dir: Path, article_id: str, generation: Path | None = None) -> list[TimelineEntry]:
    """Return the events of one article (of a given generation), in the order its text tells them."""
    with searchers.searching(index_dir, schema.EVENTS, generation) as searcher:
        folder = str(searchers.generation_of(searcher))
        docs = _matching(searcher, query.Term("article_id", article_id), None, None, folder)
        entries = [_entry(searcher.stored_fields(docnum)) for docnum in docs]
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _query(index_schema, q: str, article: str | None,
           written_only: bool = False) -> tuple[query.Query, str, tuple[str, ...]]:
    """Return one query for the text and the article, and how the text was read."""
    parts, parsed, notes = [], "everything", ()
    if written_only:
        parts.append(query.AndNot(query.Every(), query.Or([query.Term("anchor", "publication"),
                                                           query.Term("anchor", "context")])))
    if q.strip():
        text = parse_query(q, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE)
        # Its own words, or the title of its article when the sentence speaks of the title's
        # subject without naming it ("He demoed the phone"): not every sentence the article holds.
        title = parse_query(q, make_parser(index_schema, EVENT_TITLE_LANGUAGE), EVENT_TITLE_LANGUAGE)
        parts.append(query.Or([text.whoosh_query, query.And([title.whoosh_query, query.Term("refers", "yes")])]))
        parsed, notes = text.understood, text.notes
    if article:
        parts.append(query.Term("article_id", article))
    if not parts:
        return query.Every(), parsed, notes
    return (parts[0] if len(parts) == 1 else query.And(parts)), parsed, notes


def _matching(searcher, event_query: query.Query, year_from: int | None, year_to: int | None,
              folder: str) -> list[int]:
    """Return the numbers of the events matching a query and a range of years, hidden ones left out.

    The years are tested against a cached column: Whoosh's range query unions the postings of
    every year in the range, which took 200 ms for a century of on-this-day.
    """
    docs = limits.all_docs(searcher, event_query)
    if searcher.doc_frequency("kind", "hidden"):
        hidden = set(searcher.docs_for_query(HIDDEN))
        docs = [docnum for docnum in docs if docnum not in hidden]
    if year_from is not None or year_to is not None:
        low = year_from if year_from is not None else -math.inf
        high = year_to if year_to is not None else math.inf
        years = doc_values.column(searcher, "year", folder, translate=True)
        docs = [docnum for docnum in docs if low <= years[docnum] <= high]
    return docs


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
    )


def _date(number: int | None) -> date | None:
    """Undo index.ordering.day_number for a publication date (0 when the article has none)."""
    if not number:
        return None
    year, rest = divmod(number, 10000)
    return date(year, *divmod(rest, 100))
