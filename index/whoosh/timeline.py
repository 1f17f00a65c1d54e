"""The knowledge timeline: events in chronological order, filtered, paged and counted per period."""
from __future__ import annotations

import math
import time
from datetime import date
from pathlib import Path
from typing import Iterator

from whoosh import query
from whoosh import index as whoosh_index

from archive import year_axis
from archive.labels import date_label
from index.density import density as _density  # noqa: F401 - both engines count the same way
from index.results import TimelineEntry, TimelinePage
from index.whoosh import doc_values, limits, schema, searchers, store
from index.errors import QueryError
from index.whoosh.query import EVENT_LANGUAGE, make_parser, parse_query

HIDDEN = query.Term("kind", "hidden")


def open_events(index_dir: Path) -> whoosh_index.Index:
    """Open the published events index, or say how to build one."""
    return store.open_index(index_dir, schema.EVENTS)


def timeline(index_dir: Path, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
             article: str | None = None, page: int = 1, page_size: int = 50) -> TimelinePage:
    """Return a page of events in chronological order, filtered by query, years and article.

    :raises QueryError: for a query that cannot be searched, or a page below 1.
    """
    started = time.perf_counter()
    if page < 1 or page_size < 1:
        raise QueryError("Pages are numbered from 1.")
    with searchers.searching(index_dir, schema.EVENTS) as searcher:
        event_query, parsed, notes = _query(searcher.schema, q, article)
        folder = str(searchers.generation_of(searcher))
        docs = _matching(searcher, event_query, year_from, year_to, folder)
        top = doc_values.top_by_column(searcher, docs, "order", page * page_size, folder)
        first = (page - 1) * page_size
        entries = [_entry(searcher.stored_fields(docnum)) for docnum in top[first:first + page_size]]
        counts = doc_values.count_values(searcher, "year", docs, folder)
        density, granularity = _density(counts)
        axis = year_axis.choose_axis(counts, (year_from, year_to))
    return TimelinePage(q, parsed, notes, entries, len(docs), page, page_size, year_from, year_to, article,
                        density, granularity, round((time.perf_counter() - started) * 1000, 2),
                        axis and year_axis.sum_bins(counts, axis))


def iter_timeline(index_dir: Path, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                  article: str | None = None) -> Iterator[TimelineEntry]:
    """Yield every matching event in chronological order, for exports.

    The query is checked and the index opened before this returns; the events are read
    lazily, from a searcher of its own that closes when the iterator is exhausted or closed.
    """
    ix = open_events(index_dir)
    event_query, _, _ = _query(ix.schema, q, article)
    return _all_entries(ix, event_query, year_from, year_to)


def _all_entries(ix, event_query: query.Query, year_from: int | None, year_to: int | None) -> Iterator[TimelineEntry]:
    with ix.searcher() as searcher:
        docs = _matching(searcher, event_query, year_from, year_to, ix.storage.folder)
        for docnum in doc_values.top_by_column(searcher, docs, "order", len(docs), ix.storage.folder):
            yield _entry(searcher.stored_fields(docnum))


def article_events(index_dir: Path, article_id: str, generation: Path | None = None) -> list[TimelineEntry]:
    """Return the events of one article (of a given generation), in the order its text tells them."""
    with searchers.searching(index_dir, schema.EVENTS, generation) as searcher:
        folder = str(searchers.generation_of(searcher))
        docs = _matching(searcher, query.Term("article_id", article_id), None, None, folder)
        entries = [_entry(searcher.stored_fields(docnum)) for docnum in docs]
    return sorted(entries, key=lambda e: (e.start is not None, e.start or 0, e.id))


def _query(index_schema, q: str, article: str | None) -> tuple[query.Query, str, tuple[str, ...]]:
    """Return one query for the text and the article, and how the text was read."""
    parts, parsed, notes = [], "everything", ()
    if q.strip():
        text = parse_query(q, make_parser(index_schema, EVENT_LANGUAGE), EVENT_LANGUAGE)
        parts.append(text.whoosh_query)
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
    )


def _date(number: int | None) -> date | None:
    """Undo index.ordering.day_number for a publication date (0 when the article has none)."""
    if not number:
        return None
    year, rest = divmod(number, 10000)
    return date(year, *divmod(rest, 100))
