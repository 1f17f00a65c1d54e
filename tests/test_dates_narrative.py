"""Story time, ranges, TimeML values and newswire traps, through `archive dates`, the years and the events."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from archive.cli import cli
from archive.dates import years_mentioned
from archive.events import extract_events
from archive.models import Article


def _dates(text: str, published: str = "2020-05-04") -> list[dict]:
    result = CliRunner().invoke(cli, ["dates", "--json", "--published", published], input=text)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _values(text: str, published: str = "2020-05-04") -> dict[str, str]:
    return {record["text"]: record["value"] for record in _dates(text, published)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In 1916 the offensive began. On 14 June the troops crossed the river. In late August they withdrew.",
         {"14 June": "1916-06-14", "late August": "1916-08"}),
        ("The siege opened in May 1871. Throughout the summer the city starved.", {"the summer": "1871-SU"}),
        ("By 1802 the canal was dug; the barges came on 3 March and again on 9 April.",
         {"3 March": "1802-03-03", "9 April": "1802-04-09"}),
        ("The fleet sailed in August and September 1588.", {"August": "1588-08"}),
    ],
)
def test_a_story_of_the_past_gives_its_year_to_dates_without_one(text, expected):
    values = _values(text)
    for extent, value in expected.items():
        assert values[extent] == value


@pytest.mark.parametrize(
    "text, extent, value",
    [
        # a year that qualifies a noun tells no story: news goes on in the present
        ("The 1933 banking act still applies. Shares rose in March.", "March", "2020-03"),
        # a story told in one paragraph ends with it
        ("In 1929 the market crashed on 28 October.\n\nShares rose on 4 March.", "4 March", "2020-03-04"),
        ("The company has traded since 1990. In April it opened a shop.", "April", "2020-04"),
    ],
)
def test_news_keeps_the_publication_date_for_its_own_dates(text, extent, value):
    assert _values(text)[extent] == value


@pytest.mark.parametrize(
    "text, ends, years",
    [
        ("The war lasted 1939-45 in Europe.", ("1939", "1945"), range(1939, 1946)),
        ("Between 2012 and 2014 prices rose.", ("2012", "2014"), range(2012, 2015)),
        ("From 1999 to 2003 sales fell.", ("1999", "2003"), range(1999, 2004)),
        ("The club won the 2017-18 title.", ("2017", "2018"), range(2017, 2019)),
        ("Output of the 1986/87 season fell.", ("1986", "1987"), range(1986, 1988)),
        ("The mill ran (1793-1794) on water.", ("1793", "1794"), range(1793, 1795)),
        ("Exports in fiscal 1990/91 rose.", ("1990", "1991"), range(1990, 1992)),
    ],
)
def test_ranges_keep_both_ends_and_every_year(text, ends, years):
    records = [r for r in _dates(text) if "range" in r]
    assert [r["value"] for r in records] == list(ends)
    assert all((r["range"]["begin"], r["range"]["end"]) == ends for r in records)
    assert years_mentioned(text, date(2020, 5, 4)) == list(years)


def test_a_range_makes_one_event_labelled_with_both_years():
    article = Article(id="a", title="", body="The harbour was rebuilt 1946-52 after the war.", path="a",
                      published=date(2020, 5, 4))
    (event,) = extract_events(article)
    assert event.label == "1946–1952"
    assert (event.earliest[0], event.latest[0]) == (1946, 1952)


@pytest.mark.parametrize(
    "text, extent, value",
    [
        ("Athens fought Sparta in 431 BC.", "431 BC", "BC0431"),
        ("The city grew in the 2nd century BC.", "the 2nd century BC", "BC01"),
        ("A day that began the pact (11-12 June 1815).", "11", "1815-06-11"),
    ],
)
def test_values_are_written_as_timeml_does(text, extent, value):
    assert _values(text)[extent] == value


def test_years_before_the_common_era_stay_astronomical_in_events():
    article = Article(id="b", title="", body="The temple burned in 356 BC.", path="b", published=date(2020, 5, 4))
    (event,) = extract_events(article)
    assert event.value == "-0355" and event.year == -355 and event.label == "356 BC"


@pytest.mark.parametrize(
    "text",
    [
        "The cut extends the lunch break to 1115 to 1330 local time.",
        "Talks resume at 1000 EST on the plant floor.",
        "He said the board would meet at 1530 est in Denver.",
        "Dealers moved trading hours to between 1800 and 2100 local time.",
    ],
)
def test_clock_times_are_no_years(text):
    assert years_mentioned(text, date(1987, 6, 1)) == []
