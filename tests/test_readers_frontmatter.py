"""Tests for the native format: Markdown or text with YAML front matter."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.corpus import parse_file, read_file
from archive.models import Article, Problem

DATA = Path(__file__).parent / "data"


def _read(text: str, relpath: str = "story.md"):
    return parse_file(relpath, text.encode("utf-8"))


def test_front_matter_fills_every_article_field():
    read = read_file(DATA / "good" / "news" / "ai-warrior.md", DATA / "good")
    assert read.problems == []
    assert read.articles == [Article(
        id="news/ai-warrior",
        title="FROM CRYPTO THIEF TO AI WARRIOR: North Korea’s Digital Soldiers",
        body="I visited the Korea Computer Center in May 2006.\n\n"
             "In 2013, North Korea established the Artificial Intelligence Research Institute.",
        path="news/ai-warrior.md",
        published=date(2025, 12, 6),
        source="Example Daily",
        url="https://example.org/ai-warrior",
        tags=("North Korea", "AI"),
        language="en",
    )]
    assert read.articles[0].metadata == {"author": "Jane Reporter"}


@pytest.mark.parametrize("value", ["2025-12-06", "2025-12-06 18:30:00", "December 6, 2025",
                                   "'2025-12-06'", "6 December 2025", "2025-12-06T23:30:00+09:00"])
def test_front_matter_date_may_be_a_yaml_date_a_datetime_or_a_string(value):
    read = _read(f"---\ntitle: T\ndate: {value}\n---\nBody")
    assert read.articles[0].published == date(2025, 12, 6)
    assert read.problems == []


def test_front_matter_tags_may_be_a_list():
    read = _read("---\ntitle: T\ndate: 2025-12-06\ntags:\n  - AI\n  - ' Robotics '\n---\n")
    assert read.articles[0].tags == ("AI", "Robotics")


def test_front_matter_body_is_the_text_after_the_closing_line_stripped():
    read = _read("---\ntitle: T\ndate: 2025-12-06\n---\n\n\nFirst.\n\n---\n\nSecond.\n\n")
    assert read.articles[0].body == "First.\n\n---\n\nSecond."


def test_invalid_yaml_is_skipped_with_the_file_line_of_the_error():
    read = _read("---\ntitle: T\ndate: 2025-12-06\nsource: [unclosed\nlanguage: en\n---\nBody")
    assert read.articles == []
    assert read.problems == [Problem(
        "story.md", "invalid YAML front matter: expected ',' or ']', but got ':'", line=5)]


def test_invalid_yaml_on_the_first_front_matter_line_is_line_two():
    read = _read("---\ntitle: \"unclosed\n---\nBody")
    assert read.problems[0].line == 2
    assert read.problems[0].reason.startswith("invalid YAML front matter: ")


def test_front_matter_that_is_not_a_mapping_is_skipped():
    read = _read("---\njust a sentence\n---\nBody")
    assert read.problems == [Problem(
        "story.md", "front matter is not a mapping of keys to values (found str)")]


def test_front_matter_without_a_closing_line_is_skipped():
    read = _read("---\ntitle: T\n\nBody")
    assert read.problems == [Problem("story.md", "front matter has no closing '---' line")]


@pytest.mark.parametrize("front", ["title: ''", "date: 2025-12-06", ""])
def test_front_matter_without_a_title_is_skipped(front):
    read = _read(f"---\n{front}\n---\nBody")
    assert read.articles == []
    assert read.problems == [Problem("story.md", "missing required field 'title'")]


def test_front_matter_without_a_date_keeps_the_article_and_says_so():
    read = _read("---\ntitle: T\n---\nBody")
    assert read.articles[0].published is None
    assert read.problems == [Problem("story.md", "no publication date", skipped=False)]


@pytest.mark.parametrize("value", ["xyz", "December 2025", "2025", "2025-13-45"])
def test_front_matter_with_an_incomplete_or_unreadable_date_keeps_the_article(value):
    read = _read(f"---\ntitle: T\ndate: {value}\n---\nBody")
    assert read.articles[0].published is None
    assert read.problems == [Problem("story.md", f"unreadable date '{value}'", skipped=False)]


def test_front_matter_keeps_unknown_keys_as_metadata_with_dates_as_written():
    read = _read("---\ntitle: T\ndate: 2025-12-06\nupdated: 2025-12-07\nauthor: Kim\n---\nBody")
    assert read.articles[0].metadata == {"updated": "2025-12-07", "author": "Kim"}


def test_deeply_nested_front_matter_is_skipped_not_crashed():
    read = _read("---\ntitle: T\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nBody")
    assert read.problems == [Problem("story.md", "invalid YAML front matter: nested too deeply")]
