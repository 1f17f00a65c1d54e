"""Fixes to Whoosh, applied when the index package is imported.

Whoosh's per-segment reader remembers the length column of a field once it has opened it,
but not that a field has none. While a segment is written, the writer asks for the length
of every posting; for each posting of a field without lengths (numbers, identifiers) that
was one ``stat`` call: 300,000 of them per 5,000 Reuters articles, a tenth of the reindex.
A segment's files never change once written, so the absence is remembered too.
"""
from __future__ import annotations

from whoosh import query
from whoosh.codec import whoosh3
from whoosh.qparser import syntax


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader


# Whoosh's parser builds each side of ANDNOT and ANDMAYBE twice (once to test for an empty
# side, once for the query), so nesting them takes 2^n time: 40 nested ANDNOTs never finish,
# a chain of 20 takes a minute. Each side is built once here.
def _binary_group_query(self, parser):
    qa, qb = (node.query(parser) for node in self.nodes)
    if qa is None and qb is None:
        built = query.NullQuery
    else:
        built = qb if qa is None else qa if qb is None else self.qclass(qa, qb)
    return syntax.attach(built, self)


syntax.BinaryGroup.query = _binary_group_query
