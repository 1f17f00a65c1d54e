"""Columns read once per segment: as compact arrays where the values are whole numbers, in
document order across segments, and the same values Whoosh's own column reader gives."""
from __future__ import annotations

from array import array

from whoosh import columns, fields
from whoosh.filedb.filestore import FileStorage

from index.whoosh import doc_values

SCHEMA = fields.Schema(
    key=fields.ID(stored=True, sortable=True),
    big=fields.COLUMN(columns.NumericColumn("q")),
    year=fields.NUMERIC(int, stored=True, sortable=True, signed=True),
)


def _index(folder, batches):
    """One segment per batch: each commit leaves the earlier segments as they are."""
    ix = FileStorage(str(folder)).create().create_index(SCHEMA)
    for batch in batches:
        with ix.writer() as writer:
            writer.merge = False
            for key, big, year in batch:
                writer.add_document(key=key, big=big, year=year)
    return ix


def test_numbers_come_as_arrays_in_document_order_across_segments(tmp_path):
    rows = [[("a", -2**62, -44), ("b", 7, 1987)], [("c", 2**62, 2026)], [("d", 0, 1)]]
    ix = _index(tmp_path, rows)
    flat = [row for batch in rows for row in batch]
    with ix.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
        big = doc_values.column(searcher, "big", str(tmp_path))
        years = doc_values.column(searcher, "year", str(tmp_path), translate=True)
        keys = doc_values.column(searcher, "key", str(tmp_path), translate=True)
        assert isinstance(big, array) and list(big) == [row[1] for row in flat]
        assert isinstance(years, array) and list(years) == [row[2] for row in flat]
        assert list(keys) == [row[0] for row in flat]  # text stays as it is
        assert list(doc_values.column(searcher, "year", str(tmp_path))) == list(searcher.reader().column_reader("year", translate=False))


def test_a_single_segment_column_is_the_cached_array_itself(tmp_path):
    ix = _index(tmp_path, [[("a", 1, 1990), ("b", 2, 1991)]])
    with ix.searcher() as searcher:
        first = doc_values.column(searcher, "big", str(tmp_path))
        assert doc_values.column(searcher, "big", str(tmp_path)) is first
        assert list(first) == [1, 2]
