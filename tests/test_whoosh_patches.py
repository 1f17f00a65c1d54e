"""The fixes to Whoosh: each one needed on the pinned version, each one working, none leaking;
and the word-at-a-time indexing format, which must give Whoosh's own postings."""
from __future__ import annotations

import pickle

import pytest
from whoosh import formats
from whoosh.codec import whoosh3
from whoosh.qparser import syntax

from index.whoosh import patches, schema
from index.whoosh.analysis import WordCachePositions
from index.whoosh.schema import TEXT_ANALYZER, article_schema
from index.whoosh.query import make_parser


def test_the_fixes_are_applied_on_the_checked_version():
    assert patches.installed_version() in patches.CHECKED
    assert patches.applied()


def test_on_another_version_the_fixes_are_skipped_with_a_reason(monkeypatch):
    monkeypatch.setattr(patches, "installed_version", lambda: "2.8.0")
    with patches.removed():
        with pytest.warns(RuntimeWarning, match="checked on whoosh-reloaded 2.7.5, not 2.8.0"):
            assert patches.apply() is False
        assert not patches.applied()
    assert patches.applied()


def test_removed_gives_whoosh_its_own_code_back():
    with patches.removed():
        assert vars(syntax.BinaryGroup)["query"] is patches.ORIGINALS[(syntax.BinaryGroup, "query")]
        assert not patches.applied()
    assert patches.applied()


class _Reader:
    """The parts of a per-segment reader ``_cached_reader`` uses, counting the look-ups."""

    def __init__(self):
        self._readers, self.looked_up = {}, 0

    def has_column(self, fieldname):
        self.looked_up += 1  # a stat call on disk in Whoosh
        return False


def _look_ups(function) -> int:
    reader = _Reader()
    for _ in range(5):
        assert function(reader, "pub_year", None) is None
    return reader.looked_up


def test_a_field_without_lengths_is_looked_up_once_not_every_time():
    with patches.removed():
        assert _look_ups(whoosh3.W3PerDocReader._cached_reader) == 5  # needed: Whoosh looks every time
    assert _look_ups(whoosh3.W3PerDocReader._cached_reader) == 1


def _word_builds(text: str) -> int:
    built = 0
    original = syntax.WordNode.query

    def counting(self, parser):
        nonlocal built
        built += 1
        return original(self, parser)

    syntax.WordNode.query = counting
    try:
        make_parser(schema.article_schema()).parse(text)
    finally:
        syntax.WordNode.query = original
    return built


def test_each_side_of_nested_andnot_is_built_once():
    text = "w0" + "".join(f" ANDNOT (w{i}" for i in range(1, 9)) + ")" * 8
    with patches.removed():
        unpatched = _word_builds(text)
    patched = _word_builds(text)
    assert patched == 9 * 2  # nine words, each over the two default fields (title, body)
    assert unpatched > 50 * patched  # needed: Whoosh builds 2^depth times
    assert make_parser(schema.article_schema()).parse(text) is not None


def test_the_benchmark_baselines_run_plain_whoosh():
    from bench import baselines

    assert baselines._plain(patches.applied)() is False
    assert patches.applied()


def _postings_bytes(folder) -> bytes:
    from whoosh import index as whoosh_index

    ix = whoosh_index.create_in(folder, schema.article_schema(), indexname="articles")
    with ix.writer(compound=False) as writer:
        for number in range(40):
            writer.add_document(id=f"a{number}", title=f"Story {number}",
                                body="prices rose " * (number % 7 + 1) + f"in {1980 + number}")
    return b"".join(path.read_bytes() for path in sorted(folder.glob("*.pst")))


def test_lengths_read_once_per_field_write_the_same_postings(tmp_path):
    (tmp_path / "own").mkdir()
    (tmp_path / "fixed").mkdir()
    with patches.removed():
        own = _postings_bytes(tmp_path / "own")
    assert own and _postings_bytes(tmp_path / "fixed") == own


def test_lengths_are_read_once_per_field_and_document_not_once_per_posting():
    class Lengths:
        calls = 0

        def doc_field_length(self, docnum, fieldname, default=0):
            Lengths.calls += 1
            return docnum + 1

    preloaded = patches._PreloadedLengths(Lengths(), 3)
    assert [preloaded.doc_field_length(d % 3, "body") for d in range(30)] == [1, 2, 3] * 10
    assert Lengths.calls == 3


# Indexing a word at a time (index/whoosh/analysis.py) gives exactly the postings of Whoosh's analysis.
TEXTS = [
    "The U.S. Agriculture Department said on March 2, 1987 that the wheat crop rose 3.5 pct.",
    "The the of a an: stop words first, then Café crème at the Ünïcode co-op's 2nd stall.",
    "  leading spaces\n\nand blank lines; x y z single letters; U.S.A. and e.g. dotted words",
    "İstanbul ΣΊΣΥΦΟΣ straße ﬁnance",
    "wild*card? mixed_under_scores 1,000,000 barrels",
    "",
    "a an the",
]


@pytest.mark.parametrize("text", TEXTS)
def test_word_at_a_time_postings_equal_whoosh_postings(text):
    expected = sorted(formats.Positions().word_values(text, TEXT_ANALYZER, mode="index"))
    assert sorted(WordCachePositions().word_values(text, TEXT_ANALYZER, mode="index")) == expected


def test_the_word_cache_survives_many_texts_and_stays_right():
    fast = WordCachePositions()
    for text in TEXTS * 3:
        assert sorted(fast.word_values(text, TEXT_ANALYZER, mode="index")) == sorted(
            formats.Positions().word_values(text, TEXT_ANALYZER, mode="index"))


def test_the_articles_schema_indexes_its_text_a_word_at_a_time_and_pickles_without_its_cache():
    schema = article_schema()
    list(schema["body"].index("Prices rose in 1987."))
    assert isinstance(schema["body"].format, WordCachePositions)
    copy = pickle.loads(pickle.dumps(schema))
    assert not any(key.startswith("_cache") for key in vars(copy["body"].format))


def test_a_column_of_byte_strings_is_read_whole_in_one_read():
    from whoosh import columns
    from whoosh.filedb.filestore import RamStorage

    values = [b"", b"reuters-1", "caf\u00e9".encode(), b"x" * 300, b"", b"last"]
    storage = RamStorage()
    with storage.create_file("column") as out:
        writer = columns.VarBytesColumn().writer(out)
        for docnum, value in enumerate(values):
            writer.add(docnum, value)
        writer.finish(len(values))
        length = out.tell()
    dbfile = storage.open_file("column")
    reads = []
    original_get = dbfile.get
    dbfile.get = lambda position, size: reads.append(size) or original_get(position, size)
    reader = columns.VarBytesColumn().reader(dbfile, 0, length, len(values))
    reads.clear()  # opening the reader reads the lengths
    assert list(reader) == values
    assert len(reads) == 1
    with patches.removed():
        reads.clear()
        assert list(reader) == values
        assert len(reads) == len(values)  # Whoosh's own: one read per document


def test_a_column_of_numbers_is_read_whole_in_one_read():
    from whoosh import columns
    from whoosh.filedb.filestore import RamStorage

    values = [5, -3, 0, 2**40, 7]  # the last documents have no value: they read as the default, 0
    storage = RamStorage()
    with storage.create_file("column") as out:
        writer = columns.NumericColumn("q").writer(out)
        for docnum, value in enumerate(values):
            writer.add(docnum, value)
        writer.finish(len(values) + 2)
        length = out.tell()
    dbfile = storage.open_file("column")
    reads = []
    original_get = dbfile.get
    dbfile.get = lambda position, size: reads.append(size) or original_get(position, size)
    reader = columns.NumericColumn("q").reader(dbfile, 0, length, len(values) + 2)
    assert list(reader) == values + [0, 0]
    assert len(reads) == 1
    with patches.removed():
        assert "__iter__" not in vars(columns.NumericColumn.Reader)
        reads.clear()
        assert list(reader) == values + [0, 0]
        assert len(reads) == len(values)  # Whoosh's own: one read per document written
    assert patches.applied()


def test_the_documents_of_a_term_are_listed_a_block_at_a_time_and_the_same(tmp_path):
    from whoosh import fields, index, query

    ix = index.create_in(str(tmp_path), fields.Schema(text=fields.TEXT))
    with ix.writer() as writer:  # postings of several blocks: Whoosh keeps 128 to a block
        for number in range(1000):
            writer.add_document(text="river" if number % 3 else "river delta")
    with ix.writer() as writer:
        for number in (3, 600, 999):
            writer.delete_document(number)
    with ix.searcher() as searcher:
        patched = (list(searcher.docs_for_query(query.Term("text", "delta"))),
                   list(searcher.postings("text", "river").all_ids()))
        with patches.removed():
            own = (list(searcher.docs_for_query(query.Term("text", "delta"))),
                   list(searcher.postings("text", "river").all_ids()))
    assert patched == own
    assert len(patched[1]) > 300 and 3 not in patched[0] and 6 in patched[0]


def test_a_lone_position_is_encoded_as_whoosh_does_and_once():
    fast, own = WordCachePositions(), formats.Positions()
    for poslist in ([0], [7], [3, 9], [12], [1, 2, 40]):
        assert fast.encode(poslist) == own.encode(poslist)
        assert own.decode_positions(fast.encode(poslist)) == poslist
    assert fast.encode([7]) is fast.encode([7])  # the same bytes object: made once


def test_the_lean_pool_counts_and_holds_what_whoosh_does():
    from whoosh import writing
    from whoosh.filedb.filestore import RamStorage

    items = [("body", b"prices", 3, 1.0, b"\x00\x01"), ("title", b"oil", 4, 2.0, None), ("body", b"x", 5, 1.0, b"")]

    def fill():
        pool = writing.PostingPool(RamStorage(), None, limitmb=1)
        for item in items:
            pool.add(item)
        return pool.currentsize, pool.fieldnames, pool.current

    with patches.removed():
        own = fill()
    assert fill() == own


def test_fields_index_their_terms_as_whoosh_does():
    with patches.removed():
        own = {name: list(field.index(value)) for name, field, value in _FIELD_VALUES}
    assert {name: list(field.index(value)) for name, field, value in _FIELD_VALUES} == own


_FIELD_VALUES = [("body", article_schema()["body"], "Café prices rose, and rose again in 1987"),
                 ("id", article_schema()["id"], "reuters-17"),
                 ("tags", article_schema()["tags"], "oil,crude,Opec"),
                 ("language", article_schema()["language"], "en")]
