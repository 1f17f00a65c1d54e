"""Tests for JSON Lines: one article per line, bad lines reported by number."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from archive.corpus import parse_file, read_file
from archive.models import Article, Problem

DATA = Path(__file__).parent / "data"


def _read(text: str, relpath: str = "feeds/wire.jsonl"):
    return parse_file(relpath, text.encode("utf-8"))


def test_jsonl_reads_one_article_per_line_with_ids_as_strings():
    read = read_file(DATA / "good" / "records.jsonl", DATA / "good")
    assert read.articles[:2] == [
        Article(id="rc-1", title="RoboCup 2026 in Incheon", body="Robots play football.",
                path="records.jsonl", published=date(2025, 12, 6), tags=("RoboCup", "Robotics"),
                language="en"),
        Article(id="42", title="Drug bust", body="7.1 kg of narcotics seized.", path="records.jsonl",
                published=date(2025, 12, 6), source="Example Daily"),
    ]
    assert read.articles[0].metadata == {"section": "Science"}


def test_jsonl_derives_a_missing_id_from_the_path_and_line():
    read = _read('\n{"title": "A", "date": "2025-12-06"}\n{"id": "", "title": "B", "date": "2025-12-06"}')
    assert [a.id for a in read.articles] == ["feeds/wire#2", "feeds/wire#3"]


def test_jsonl_bad_lines_are_skipped_by_number_and_the_rest_is_read():
    read = read_file(DATA / "broken" / "mixed.jsonl", DATA / "broken")
    assert [(a.id, a.title) for a in read.articles] == [("a", "First"), ("d", "Fourth")]
    assert read.problems == [
        Problem("mixed.jsonl", "invalid JSON: Expecting ',' delimiter at column 68", line=2),
        Problem("mixed.jsonl", "record is not a JSON object (found list)", line=3),
        Problem("mixed.jsonl", "missing required field 'title'", line=4),
        Problem("mixed.jsonl", "duplicate id 'a' (first used at line 1)", line=5),
        Problem("mixed.jsonl", "unreadable date 'someday'", skipped=False, line=6),
    ]


def test_jsonl_record_without_a_date_is_kept_and_reported():
    read = _read('{"id": 1, "title": "A"}')
    assert read.articles[0].published is None
    assert read.problems == [Problem("feeds/wire.jsonl", "no publication date", skipped=False, line=1)]


def test_jsonl_accepts_comma_separated_tags():
    assert _read('{"title": "A", "date": "2025-12-06", "tags": "AI, Robotics"}').articles[0].tags == (
        "AI", "Robotics")


def test_jsonl_deeply_nested_line_is_skipped_not_crashed():
    read = _read('{"title": "A", "date": "2025-12-06"}\n' + "[" * 100_000 + "]" * 100_000)
    assert [a.title for a in read.articles] == ["A"]
    assert read.problems == [Problem("feeds/wire.jsonl", "invalid JSON: nested too deeply", line=2)]
