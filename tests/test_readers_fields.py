"""Tests for the shared field helpers: complete dates only, tags without repeats, stable ids."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from archive.readers.fields import article_id, date_of_line, normalise_tags, parse_date_value


@pytest.mark.parametrize("value, expected", [
    (date(2025, 12, 6), date(2025, 12, 6)),
    (datetime(2025, 12, 6, 23, 59), date(2025, 12, 6)),
    ("December 6, 2025", date(2025, 12, 6)),
    ("2025-12-06T09:00:00+09:00", date(2025, 12, 6)),
    ("December 2025", None),
    ("2025", None),
    ("Apollo 11 landed on the moon", None),
    ("", None),
    (20251206, None),
    (None, None),
])
def test_parse_date_value_accepts_only_complete_dates(value, expected):
    assert parse_date_value(value) == expected


@pytest.mark.parametrize("line, expected", [
    ("Saturday, December 6, 2025", date(2025, 12, 6)),
    ("Thursday, Dec. 4, 2025", date(2025, 12, 4)),
    ("6 December 2025", date(2025, 12, 6)),
    ("2025-12-06", date(2025, 12, 6)),
    ("February 30, 2025", None),
    ("Apollo 11", None),
    ("By Jane Reporter, December 6, 2025", None),
])
def test_date_of_line_demands_a_line_that_is_only_a_date(line, expected):
    assert date_of_line(line) == expected


@pytest.mark.parametrize("value, expected", [
    (["AI", " AI ", "", None, 2025], ("AI", "2025")),
    ("North Korea, AI,, North Korea", ("North Korea", "AI")),
    (None, ()),
    ("solo", ("solo",)),
])
def test_normalise_tags_strips_and_drops_repeats(value, expected):
    assert normalise_tags(value) == expected


def test_article_id_is_the_relative_path_without_extension():
    assert article_id("news/2025/ai.warrior.md") == "news/2025/ai.warrior"


def test_an_iso_day_is_read_without_dateutil_and_an_impossible_one_is_none(monkeypatch):
    from dateutil import parser

    from archive.readers import fields

    monkeypatch.setattr(parser, "parse", None)  # the fast path must not need it
    assert fields.parse_date_text(" 1987-02-26 ") == date(1987, 2, 26)
    assert fields.parse_date_text("1987-02-30") is None
