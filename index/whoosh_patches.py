"""A fix to Whoosh, applied when the index package is imported.

Whoosh's per-segment reader remembers the length column of a field once it has opened it,
but not that a field has none. While a segment is written, the writer asks for the length
of every posting; for each posting of a field without lengths (numbers, identifiers) that
was one ``stat`` call: 300,000 of them per 5,000 Reuters articles, a tenth of the reindex.
A segment's files never change once written, so the absence is remembered too.
"""
from __future__ import annotations

from whoosh.codec import whoosh3


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader
