"""JSON Lines as a stream: limits per record, not per file; a line read before is not parsed again."""
from __future__ import annotations

import io
import json
import tracemalloc

from archive.corpus import MAX_FILE_MB, read_file
from archive.models import Problem
from archive.readers.jsonl_stream import MAX_PROBLEMS, JsonlStream, raw_lines, read_again
from archive.readers.limits import MAX_FIELDS_KB, MAX_RECORD_MB, MB


def line(record_id: str, title: str = "A title", **extra) -> str:
    return json.dumps({"id": record_id, "title": title, "date": "2020-05-01", "body": "In 1999 it began.", **extra})


def stream(text: str, cache=None, reusable=lambda entry: True) -> tuple[JsonlStream, list]:
    read = JsonlStream("wire.jsonl", io.BytesIO(text.encode("utf-8")), cache, reusable)
    return read, list(read)


def test_a_file_larger_than_the_file_limit_is_read_record_by_record(tmp_path):
    record = line("x", body="In 1987 the wire grew. " * 2000) + "\n"  # about 46 KB
    count = MAX_FILE_MB * MB // len(record) + 100
    with open(tmp_path / "big.jsonl", "w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(record.replace('"x"', f'"r{number}"', 1))
    read = read_file(tmp_path / "big.jsonl", tmp_path)
    assert (tmp_path / "big.jsonl").stat().st_size > MAX_FILE_MB * MB
    assert len(read.articles) == count and read.problems == []
    assert read.articles[-1].id == f"r{count - 1}"


def test_reading_a_large_file_holds_one_line_at_a_time(tmp_path):
    record = line("x", body="Prices rose in 1987. " * 500) + "\n"
    with open(tmp_path / "big.jsonl", "w", encoding="utf-8") as handle:
        for number in range(3000):  # about 30 MB
            handle.write(record.replace('"x"', f'"r{number}"', 1))
    with open(tmp_path / "big.jsonl", "rb") as handle:
        tracemalloc.start()
        ids = [r.id for r in JsonlStream("big.jsonl", handle)]  # articles dropped as they come
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert len(ids) == 3000
    assert peak < 3 * MB


def test_a_record_longer_than_the_record_limit_costs_that_line_only():
    huge = line("big", body="x" * (MAX_RECORD_MB * MB + 10))
    read, records = stream("\n".join([line("a"), huge, line("c")]))
    assert [r.id for r in records] == ["a", None, "c"]
    assert records[1].problems == (Problem("wire.jsonl", f"record too long (8 MB; limit {MAX_RECORD_MB} MB)", line=2),)


def test_a_record_with_too_much_besides_its_text_is_skipped_by_line():
    read, records = stream("\n".join([line("a", notes="n" * (MAX_FIELDS_KB * 1024)), line("b")]))
    assert [r.id for r in records] == [None, "b"]
    assert records[0].problems == (Problem(
        "wire.jsonl", f"article 'a' has too much besides its title and body (64 KB; limit {MAX_FIELDS_KB} KB)",
        line=1),)


def test_a_line_that_is_not_utf8_costs_that_line_with_its_column():
    data = (line("a") + "\n").encode() + b'{"id": "b", "title": "Caf\xe9"}\n' + (line("c") + "\n").encode()
    records = list(JsonlStream("wire.jsonl", io.BytesIO(data)))
    assert [r.id for r in records] == ["a", None, "c"]
    assert records[1].problems == (Problem("wire.jsonl", "not valid UTF-8 (byte 0xe9 at column 26)", line=2),)


def test_line_numbers_count_crlf_as_one_line_and_a_lone_cr_as_one_too():
    data = (line("a") + "\r\n" + line("b") + "\r" + "{oops}\n").encode()
    records = list(JsonlStream("wire.jsonl", io.BytesIO(b"\xef\xbb\xbf" + data)))
    assert [(r.number, r.id) for r in records] == [(1, "a"), (2, "b"), (3, None)]
    handle = io.BytesIO(b"\xef\xbb\xbf" + data)
    assert [read_again("wire.jsonl", handle, r.number, r.offset).id for r in records[:2]] == ["a", "b"]


def test_raw_lines_report_where_each_line_starts():
    lines = list(raw_lines(io.BytesIO(b"one\ntwo\r\n\nfour")))
    assert [(r.number, r.offset, r.data) for r in lines] == [(1, 0, b"one"), (2, 4, b"two"), (3, 9, b""),
                                                             (4, 10, b"four")]


def test_problems_beyond_the_listed_number_are_counted_not_listed():
    read, records = stream("\n".join(["{broken"] * (MAX_PROBLEMS + 5) + [line("ok")]))
    assert sum(len(r.problems) for r in records) == MAX_PROBLEMS
    assert records[-1].id == "ok"
    assert read.left_out_problem() == Problem("wire.jsonl", f"5 more bad records, not listed (the first {MAX_PROBLEMS} are)")


def test_a_binary_file_is_one_problem_not_one_per_line():
    read = list(JsonlStream("dump.jsonl", io.BytesIO(b"PK\x03\x04\x00\x00" + b"\n" * 50)))
    assert [p for r in read for p in r.problems] == [Problem("dump.jsonl", "binary file")]


def test_unchanged_lines_are_taken_from_the_cache_unparsed():
    text = "\n".join([line("a"), line("b", body="no date here"), "[1]", json.dumps({"title": "No id"})])
    first, records = stream(text)
    assert first.parsed == 4
    edited = text.replace('"id": "a", "title": "A title"', '"id": "a", "title": "An edited title"')
    second, again = stream(edited, cache=first.entries)
    assert second.parsed == 1
    assert [(r.id, r.article is not None) for r in again] == [("a", True), ("b", False), (None, False),
                                                              ("wire#4", False)]
    assert [r.problems for r in again] == [r.problems for r in records]
    assert again[1].pub_year == 2020


def test_a_cached_line_is_parsed_again_when_the_caller_says_its_outcome_no_longer_stands():
    first, _ = stream("\n".join([line("a"), line("b")]))
    second, again = stream("\n".join([line("a"), line("b")]), cache=first.entries,
                           reusable=lambda entry: entry[0] != "b")
    assert second.parsed == 1 and again[1].article.id == "b"


def test_a_line_whose_id_comes_from_its_number_is_parsed_again_when_it_moves():
    no_id = json.dumps({"title": "No id", "date": "2020-01-01"})
    first, _ = stream("\n".join([line("a"), no_id]))
    second, again = stream("\n".join([line("z"), line("a"), no_id]), cache=first.entries)
    assert [r.id for r in again] == ["z", "a", "wire#3"]
    assert second.parsed == 2 and again[2].article is not None


def test_a_duplicate_id_is_found_among_cached_lines_too():
    first, _ = stream("\n".join([line("a"), line("b")]))
    _, again = stream("\n".join([line("a"), line("b"), line("a", title="Again")]), cache=first.entries)
    assert [r.id for r in again] == ["a", "b", None]
    assert again[2].problems == (Problem("wire.jsonl", "duplicate id 'a' (first used at line 1)", line=3),)


def test_an_outcome_line_keeps_any_id_and_reason_as_it_was():
    from archive.readers.jsonl_stream import outcome_entry, outcome_line

    for record_id in ["plain-1", "tab\there", "line\nbreak", "Zürich \u2028 2020", "lone \ud800 half", None]:
        text = outcome_line("0" * 20, record_id, False, "ab" * 20, 1987, [["no publication date", False]])
        assert "\n" not in text and text.isascii()
        assert outcome_entry(text) == [record_id, False, "ab" * 20, 1987, [["no publication date", False]]]


def test_ids_with_escapes_are_reused_from_the_cache_unparsed():
    text = "\n".join([line("Zürich\tdesk"), line("b")])
    first, _ = stream(text)
    second, again = stream(text, cache=first.entries)
    assert second.parsed == 0 and [r.id for r in again] == ["Zürich\tdesk", "b"]
