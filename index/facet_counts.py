"""Count facet values over the matches of a query, fast enough for every page view.

Whoosh's overlapping facets rebuild a map from each document to its values on every
search, by walking every term of the field: most of a search's time on a large archive.
Segments never change once written, so the map is built once per segment of a generation and kept.
"""
from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from typing import Iterable, Sequence

from whoosh import query

_CACHE: OrderedDict[tuple, Sequence[tuple]] = OrderedDict()
_CACHE_SEGMENTS = 64
_LOCK = threading.Lock()  # the web server answers requests from several threads


def matching_docs(searcher, whoosh_query: query.Query) -> list[int]:
    """Return the document numbers a query matches, deleted documents left out."""
    reader = searcher.reader()
    docs = searcher.docs_for_query(whoosh_query)
    if reader.has_deletions():
        return [docnum for docnum in docs if not reader.is_deleted(docnum)]
    return list(docs)


def count_values(searcher, field: str, docnums: Iterable[int], folder: str) -> Counter:
    """Count, for each value of ``field``, how many of ``docnums`` hold it.

    ``folder`` is the index generation's folder: with the segment's id it names the cache entry.
    """
    counts: Counter = Counter()
    leaves = [(offset, _segment_values(leaf, field, folder)) for leaf, offset in searcher.reader().leaf_readers()]
    leaves.sort(reverse=True)
    for docnum in docnums:
        for offset, values in leaves:
            if docnum >= offset:
                counts.update(values[docnum - offset])
                break
    return counts


def _segment_values(leaf, field: str, folder: str) -> Sequence[tuple]:
    """Return each document's values of ``field`` in one segment (cached per segment)."""
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    if segment is None:
        return _read_values(leaf, field)
    # A segment's terms never change, and a published generation's folder is never written
    # again. Segment ids alone are not enough: they come from the random module, which a
    # caller may have seeded (tests do), so two indexes can share one.
    key = (folder, segment.segment_id(), leaf.doc_count_all(), field)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    values = _read_values(leaf, field)
    with _LOCK:
        _CACHE[key] = values
        if len(_CACHE) > _CACHE_SEGMENTS:
            _CACHE.popitem(last=False)
    return values


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
