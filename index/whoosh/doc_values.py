"""Each document's values of a field, read once per segment: facet counts and sorting.

Whoosh's overlapping facets rebuild a map from each document to its values on every
search, by walking every term of the field, and its sorting collector asks a column for
every match's key through several Python calls: most of a search's time on a large
archive. Segments never change once written, so both are read once per segment of a
generation and kept; counting and sorting then run in C (``Counter``, ``sorted``).
"""
from __future__ import annotations

import heapq
import os
import re
import threading
from array import array
from bisect import bisect_left
from collections import Counter, OrderedDict
from itertools import chain
from typing import Iterable, Sequence

from archive.year_axis import Axis, YearBins, year_bin

_CACHE: OrderedDict[tuple, Sequence[tuple]] = OrderedDict()
_CACHE_SEGMENTS = 128  # (segment, field) entries: values, totals, columns
_SMALL: OrderedDict[tuple, object] = OrderedDict()  # small values, such as a keyword's spelling
_SMALL_ENTRIES = 4096
_LOCK = threading.Lock()  # the web server answers requests from several threads


def count_values(searcher, field: str, docnums: Iterable[int], folder: str) -> Counter:
    """Count, for each value of ``field``, how many of ``docnums`` hold it.

    ``folder`` is the index generation's folder: with the segment's id it names the cache entry.
    """
    counts: Counter = Counter()
    docs = sorted(docnums)
    for leaf, offset in searcher.reader().leaf_readers():
        values = _segment_values(leaf, field, folder)
        low, high = bisect_left(docs, offset), bisect_left(docs, offset + len(values))
        if high - low == len(values):  # every document of the segment: counted once and kept
            counts.update(_segment_totals(leaf, field, folder, values))
        elif high > low:
            local = docs[low:high] if offset == 0 else [d - offset for d in docs[low:high]]
            counts.update(chain.from_iterable(map(values.__getitem__, local)))  # Counter counts in C
    return counts


def count_binned(searcher, field: str, docnums: Iterable[int], folder: str, axis: Axis) -> YearBins:
    """Count, per bin of ``axis``, how many of ``docnums`` hold a year in it (each document once
    per bin, however many of its years the bin holds), and how many hold a year outside it."""
    counts: Counter = Counter()
    before = after = 0
    docs = sorted(docnums)
    for leaf, offset in searcher.reader().leaf_readers():
        values = _segment_values(leaf, field, folder)
        low, high = bisect_left(docs, offset), bisect_left(docs, offset + len(values))
        if high == low:
            continue
        binned = values if axis.size == 1 else _per_segment(
            "bins", leaf, folder, (field, axis.size), lambda: _binned(values, axis.size))
        lows, highs = _per_segment("ends", leaf, folder, (field,), lambda: _ends(values))
        if high - low == len(values):
            counts.update(_per_segment("bin-totals", leaf, folder, (field, axis.size),
                                       lambda: Counter(chain.from_iterable(binned))))
            before += sum(map(axis.first.__gt__, lows))
            after += sum(map(axis.last.__lt__, highs))
        else:
            local = docs[low:high] if offset == 0 else [d - offset for d in docs[low:high]]
            counts.update(chain.from_iterable(map(binned.__getitem__, local)))
            before += sum(map(axis.first.__gt__, map(lows.__getitem__, local)))
            after += sum(map(axis.last.__lt__, map(highs.__getitem__, local)))
    return YearBins(axis, {start: n for start, n in counts.items() if axis.first <= start <= axis.last},
                    before, after)


def _binned(values: Sequence[tuple], size: int) -> list[tuple]:
    return [tuple({year_bin(year, size)[0] for year in years}) for years in values]


_NONE_LOW, _NONE_HIGH = 10**9, -10**9  # the ends of a document without years: never outside an axis


def _ends(values: Sequence[tuple]) -> tuple[list[int], list[int]]:
    return ([min(v) if v else _NONE_LOW for v in values], [max(v) if v else _NONE_HIGH for v in values])


def top_by_column(searcher, docnums: list[int], field: str, limit: int, folder: str,
                  reverse: bool = False) -> list[int]:
    """Return the first ``limit`` of ``docnums`` (ascending) ordered by a numeric column.

    Ties keep document order, as Whoosh's sorting collector does (Python's sort is stable,
    also in reverse).
    """
    key = column(searcher, field, folder).__getitem__
    if reverse:
        return sorted(docnums, key=key, reverse=True)[:limit]
    return _first(docnums, key, limit)


def _first(docnums, key, limit: int | None) -> list[int]:
    """The first ``limit`` of ``docnums`` by ``key``, ties in their order: as sorted()[:limit].

    A page needs tens of a hundred thousand matches: a heap finds them without sorting all.
    """
    docnums = list(docnums)
    if limit is None or limit * 8 >= len(docnums):
        return sorted(docnums, key=key)[:limit]
    return heapq.nsmallest(limit, docnums, key=key)


def by_date(searcher, docnums: Iterable[int], limit: int | None, folder: str, newest: bool) -> list[int]:
    """Return the first ``limit`` of ``docnums`` by publication day, undated articles last.

    Undated articles follow in the natural order of their ids ("day-2" before "day-10"): an
    archive without publication dates (a chronicle of days) then reads in its own order,
    not alphabetically. Articles of one day keep document order.
    """
    positions = per_generation(f"date-order-{newest}", folder, lambda: _date_positions(searcher, folder, newest))
    return _first(docnums, positions.__getitem__, limit)


def _date_positions(searcher, folder: str, newest: bool) -> list[int]:
    """Each document's place in the date order of the whole generation (read once per generation)."""
    days = column(searcher, "day", folder)
    ids = column(searcher, "id", folder, translate=True)
    sign = -1 if newest else 1
    order = sorted(range(len(days)), key=lambda d: (0, sign * days[d], d) if days[d] else (1, _natural(ids[d]), d))
    positions = [0] * len(days)
    for place, docnum in enumerate(order):
        positions[docnum] = place
    return positions


def _natural(text) -> tuple:
    """A sort key that reads the numbers in ``text`` as numbers."""
    text = text.decode("utf-8") if isinstance(text, bytes) else str(text or "")
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def column(searcher, field: str, folder: str, translate: bool = False) -> Sequence:
    """Return every document's value of a column, indexed by document number (cached per segment).

    Raw values sort as the field does; ``translate`` gives them as Python values (years). The
    sequence is shared with the cache: read it, never change it.
    """
    parts = [_segment_column(leaf, field, folder, translate)  # offsets follow one another
             for leaf, _offset in searcher.reader().leaf_readers() if leaf.doc_count_all()]
    if len(parts) == 1:
        return parts[0]
    if parts and all(isinstance(part, array) and part.typecode == parts[0].typecode for part in parts):
        return array(parts[0].typecode, b"".join(map(bytes, parts)))  # joined as bytes, no int made
    return list(chain.from_iterable(parts))


def _segment_column(leaf, field: str, folder: str, translate: bool) -> Sequence:
    return _per_segment("column", leaf, folder, (field, translate),
                        lambda: _compact(list(leaf.column_reader(field, translate=translate))))


def _compact(values: list) -> Sequence:
    """Whole numbers as an array: 8 bytes a value, not a Python int's 36 (the event columns of
    Reuters, kept by every server, 19 -> 4 MiB); anything else (ids, None) stays a list."""
    for typecode in ("q", "Q"):  # a sortable column's raw numbers can need all 64 bits
        try:
            return array(typecode, values)
        except (TypeError, OverflowError):
            continue
    return values


def _segment_totals(leaf, field: str, folder: str, values: Sequence[tuple]) -> Counter:
    return _per_segment("totals", leaf, folder, (field,), lambda: Counter(chain.from_iterable(values)))


def _segment_values(leaf, field: str, folder: str) -> Sequence[tuple]:
    """Return each document's values of ``field`` in one segment (cached per segment)."""
    return _per_segment("values", leaf, folder, (field,), lambda: _read_values(leaf, field))


def _per_segment(kind: str, leaf, folder: str, extra: tuple, compute):
    """Return ``compute()`` for one segment, computed once per generation folder and segment.

    A segment's terms and columns never change, and a published generation's folder is never
    written again. Segment ids alone are not enough: they come from the random module, which
    a caller may have seeded (tests do), so two indexes can share one. A reader without a
    segment (an empty index) is not cached.
    """
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    if segment is None:
        return compute()
    return _cached((kind, folder, segment.segment_id(), leaf.doc_count_all(), *extra), compute)


def per_generation(kind: str, folder: str, compute):
    """Return ``compute()`` for a whole generation (``folder``), computed once and kept as the
    columns are: dropped when a newer generation of the same index is read."""
    return _cached((kind, folder), compute)


def _cached(key: tuple, compute):
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = compute()
    _remember(key, value)
    return value


def remembered(key: tuple, compute):
    """Return the small value cached for ``key`` (which must name the generation), computing it once."""
    with _LOCK:
        if key in _SMALL:
            return _SMALL[key]
    value = compute()
    with _LOCK:
        _SMALL[key] = value
        if len(_SMALL) > _SMALL_ENTRIES:
            _SMALL.popitem(last=False)
    return value


def _remember(key: tuple, value) -> None:
    """Cache ``value`` under ``key`` = (kind, generation folder, ...).

    Entries of the other generations of the same index folder go: once a reindex has
    published a new generation, the old one is searched no more (and its values can be
    tens of megabytes).
    """
    folder = key[1]
    parent = os.path.dirname(folder)
    with _LOCK:
        for old in [k for k in _CACHE if k[1] != folder and os.path.dirname(k[1]) == parent]:
            del _CACHE[old]
        _CACHE[key] = value
        if len(_CACHE) > _CACHE_SEGMENTS:
            _CACHE.popitem(last=False)


def _read_values(leaf, field: str) -> Sequence[tuple]:
    values: list[list] = [[] for _ in range(leaf.doc_count_all())]
    field_type = leaf.schema[field]
    decode = field_type.from_bytes if hasattr(field_type, "from_bytes") else _text
    for term in field_type.sortable_terms(leaf, field):
        value = decode(term)
        for docnum in leaf.postings(field, term).all_ids():
            values[docnum].append(value)
    return [tuple(v) for v in values]


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term
