"""Hostile text for the range, story and clock rules: any text gets dates or none, never an exception.

Fragments that the newer rules react to (ranges, eras, ordinals of a month, "the next day", clock
times beside dates, headings, far years) are shuffled with junk, so the generator reaches the odd
corners a plain random string never does. Through `archive dates --json` and the timeline's events.
"""
from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.cli import cli
from archive.dates import tag_dates, years_mentioned
from archive.events import extract_events
from archive.models import Article

FRAGMENTS = [
    "1939-45", "1986/87", "(1793-1794)", "149 B.C to 146 B.C", "264 BC to 241 BC", "6-9 March 1921",
    "between 2012 and", "from 1999 to", "the 20th", "on the 5th,", "the 28th of that month", "the next day",
    "The following day", "two days later", "the day after", "at 10:30 am on", "2019-03-04", "19:15", "5:00 am",
    "\n\n1937\n\n", "In 1916", "in October of that year", "the winter", "Christmas", "since", "until",
    "TO 1844", "1160 billion lire", "97,111,000 YEAR AGO", "9999", "0000", "31 February", "the 0th", "the 99th",
    "B.C.", "BC", "-", "–", "/", " to ", " and ", ",", ".", "\n", "(", ")", "'", "\u202e", "\x00", "The", "May",
]
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, PUBLISHED)
def test_any_text_gets_well_formed_dates_or_none(text, published):
    mentions = tag_dates(text, published)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        previous_end = mention.end
        if mention.earliest is not None and mention.latest is not None:
            assert mention.earliest <= mention.latest
            assert mention.earliest[0] >= -9999
        for part in mention.timeml():
            assert 0 <= part.start < part.end <= len(text)
    years_mentioned(text, published)
    extract_events(Article(id="h", title=text[:40], body=text, path="h", published=published))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_archive_dates_prints_one_json_object_per_line_for_any_text(text):
    result = CliRunner().invoke(cli, ["dates", "--json", "--published", "1987-06-01"], input=text)
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines():
        record = json.loads(line)
        assert {"start", "end", "text", "value", "type"} <= set(record)
