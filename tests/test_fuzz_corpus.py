"""Random and malformed files never stop a reindex: each is read or reported, never raised."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.corpus import parse_file
from archive.models import FileRead
from index.whoosh import searcher
from index.whoosh.writer import build_index
from tests.conftest import write_corpus

NAMES = st.sampled_from(["a.md", "a.txt", "a.html", "a.htm", "a.jsonl", "a.markdown", "a.bin"])
PIECES = st.sampled_from([b"---\n", b"title: ", b"date: ", b"2025-12-06", b"\n", b"<html>", b"<title>", b"</title>",
                          b"<script>", b"<h1>", b'{"id": 1, "title": "t", "body": "b"}', b"{", b"}", b'"', b"\xff\xfe",
                          b"\x00", b"\xe2\x82", b"In 2013, it began.", b"[", b"]", b": ", b"- "])
CONTENT = st.one_of(st.binary(max_size=300), st.lists(st.one_of(PIECES, st.binary(max_size=8)), max_size=30).map(b"".join))


@settings(max_examples=400, deadline=None)
@given(name=NAMES, data=CONTENT)
def test_parse_file_reads_or_reports_any_bytes(name, data):
    read = parse_file(name, data)
    assert isinstance(read, FileRead)
    for article in read.articles:
        assert article.title.strip() and article.path == name
    for problem in read.problems:
        assert problem.path == name and problem.reason


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(NAMES, CONTENT, max_size=4))
def test_reindex_keeps_every_good_article_whatever_lies_beside_it(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("fuzz")
    corpus = write_corpus(root / "corpus", {"good.md": "---\ntitle: Good one\ndate: 2020-01-01\n---\nIn 2013, it began."})
    for name, data in files.items():
        (corpus / f"x-{name}").write_bytes(data)
    report = build_index(corpus, root / "index")
    assert "good" in {hit.id for hit in searcher.search(root / "index", "", page_size=100).hits}
    assert report.articles >= 1
