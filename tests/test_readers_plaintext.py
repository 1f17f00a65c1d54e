"""Tests for plain text without front matter: title line and a date line near the top."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.corpus import parse_file, read_file
from archive.models import Problem

DATA = Path(__file__).parent / "data"


def _read(text: str, relpath: str = "story.txt"):
    return parse_file(relpath, text.encode("utf-8"))


def test_plain_text_takes_the_date_line_above_the_title():
    read = read_file(DATA / "good" / "dispatch.txt", DATA / "good")
    article = read.articles[0]
    assert read.problems == []
    assert (article.id, article.title, article.published) == (
        "dispatch", "Incheon to Host RoboCup 2026", date(2025, 12, 6))
    assert article.body == ("The world's largest robotics competition is set to take place in Incheon."
                            "\n\nIt was first held in 1997.")


@pytest.mark.parametrize("line", [
    "Saturday, December 6, 2025", "6 December 2025", "2025-12-06", "Dec. 6, 2025",
    "Sat., Dec. 6, 2025", "December 6th, 2025", "Published: December 6, 2025", "  6 Dec 2025.  ",
])
def test_plain_text_recognises_a_date_line_below_the_title(line):
    read = _read(f"Headline\n{line}\n\nBody text.")
    article = read.articles[0]
    assert (article.title, article.published, article.body) == ("Headline", date(2025, 12, 6), "Body text.")


@pytest.mark.parametrize("line", [
    "Apollo 11 landed on the moon", "December 2025", "The meeting on December 6, 2025 went well",
    "2025", "6/12/2025",
])
def test_plain_text_never_takes_a_date_from_prose(line):
    read = _read(f"Headline\n{line}\nBody text.")
    assert read.articles[0].published is None
    assert read.problems == [Problem("story.txt", "no publication date", skipped=False)]
    assert read.articles[0].body == f"{line}\nBody text."


def test_plain_text_looks_for_the_date_only_in_the_first_five_lines():
    read = _read("Headline\nOne\nTwo\nThree\nFour\n2025-12-06\n")
    assert read.articles[0].published is None


def test_plain_text_uses_only_the_first_date_line():
    read = _read("Headline\n2025-12-06\n2025-12-07\nBody")
    assert read.articles[0].published == date(2025, 12, 6)
    assert read.articles[0].body == "2025-12-07\nBody"


def test_plain_text_made_only_of_a_date_has_no_title():
    read = _read("\n2025-12-06\n\n")
    assert read.problems == [Problem("story.txt", "missing title (no line of text besides the date)")]


def test_markdown_without_front_matter_drops_the_heading_marks_from_the_title():
    read = _read("## Headline ##\n\nBody", relpath="story.md")
    assert read.articles[0].title == "Headline ##"


def test_plain_text_keeps_a_hash_at_the_start_of_its_title():
    assert _read("#1 in sales\nBody").articles[0].title == "#1 in sales"
