"""Newswire traps near the publication date: market levels, labels and counts, through `archive dates`
and the years of an indexed article. Sentences written for these tests; news of 1987, as in the old wires."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from archive.cli import cli
from index.whoosh.writer import build_index
from tests.conftest import write_corpus

PUBLISHED = "1987-03-01"


def _dates(text: str, published: str = PUBLISHED) -> list[dict]:
    result = CliRunner().invoke(cli, ["dates", "--json", "--published", published], input=text)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _years(text: str) -> set[str]:
    """The four-digit years `archive dates` finds, the publication year aside."""
    found = set()
    for record in _dates(text):
        if record["type"] == "DATE" and record["value"][:4].isdigit() and record["value"][:4] != PUBLISHED[:4]:
            found.add(record["value"][:4])
    return found


@pytest.mark.parametrize(
    "text",
    [
        "The broad index closed 14 points down at 1940.",
        "The Nikkei closed at 1975 on Friday after a calm session.",
        "The FTSE 100 index ended the day at 1921, up 8.",
        "The composite index stood at 1962 at midday.",
        "The share index finished at 1968, down 3.",
        "The FT-SE 100 opened at 1977, six points higher.",
        "Gold was quoted at 1983 in Zurich this morning.",
        "The Hang Seng index fell 40 points to 1984 in early trade.",
        "The industrial average rose 31 points to 1955.",
        "The Dow fell to 1981 from 2011 in heavy selling.",
        "The oil index jumped 22 points from 1944 to 1966.",
        "Bank shares fell 12 to 1972 on the bourse.",
    ],
)
def test_market_levels_are_no_years(text):
    assert _years(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Toyota shares closed at 1979 yen.",
        "The stock closed at 1985 pence, a new high.",
        "Turnover was 1964 mln lire in the month.",
        "Exports fell to 1982 tonnes from 2100 tonnes.",
        "Costs rose 1958 dlrs a head.",
        "The rate rose to 1975 pct on the street.",
    ],
)
def test_amounts_with_a_currency_or_a_unit_are_no_years(text):
    assert _years(text) == set()


@pytest.mark.parametrize(
    "text, years",
    [
        ("In 1950 the mill opened its gates.", {"1950"}),
        ("Demand should stay at 1986 levels, dealers said.", {"1986"}),
        ("Output is back at 1980 levels, the ministry said.", {"1980"}),
        ("Prices returned to 1975 levels, officials said.", {"1975"}),
        ("The plant closed in 1980 after a strike.", {"1980"}),
        ("The plant closed at the end of 1980.", {"1980"}),
        ("GDP measured at 1980 prices rose 2 pct.", {"1980"}),
        ("Wages in 1982 dollars fell again.", {"1982"}),
        ("COPPER SHARES FALL TO 1986 LOW IN LONDON", {"1986"}),
        ("Sales were up 9 pct from 1985's level.", {"1985"}),
        ("Retail prices rose 2.1 pct in 1986 from 1985, the agency said.", {"1985", "1986"}),
        ("Stock prices rose from 1982 to 1986 in every market.", {"1982", "1983", "1984", "1985", "1986"}),
        ("The index of leading indicators was up in 1986.", {"1986"}),
        ("The company ended 1986 with 40 mln dlrs in cash.", {"1986"}),
        ("The debt standstill was extended to 1990.", {"1990"}),
    ],
)
def test_years_beside_market_words_stay(text, years):
    found = set()
    for record in _dates(text):
        if record["type"] == "DATE" and record["value"][:4].isdigit():
            ends = record.get("range") or {"begin": record["value"], "end": record["value"]}
            first, last = int(ends["begin"][:4]), int(ends["end"][:4])
            found.update(str(y) for y in range(first, last + 1))
    assert found == years


def test_a_year_end_is_the_end_of_the_year_written_before_it():
    (record,) = _dates("Reserves stood at 12 mln dlrs at 1985 year end.")[-1:]
    assert (record["text"], record["value"], record.get("mod")) == ("1985 year end", "1985", "END")


def test_an_indexed_market_report_files_no_level_as_a_year(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"bourse.md": """---
title: Tokyo stocks slip
date: 1987-03-01
---
The Nikkei closed at 1978 on Friday, 12 points down at the close. The broad index rose 20 points to 1960.

Demand is seen at 1985 levels. The exchange first opened in 1949.
"""})
    build_index(corpus, tmp_path / "index")
    result = CliRunner().invoke(cli, ["search", "Nikkei", "--index", str(tmp_path / "index"), "--json"])
    assert result.exit_code == 0, result.output
    [hit] = json.loads(result.output)["hits"]
    assert hit["years"] == [1949, 1985, 1987]


@pytest.mark.parametrize(
    "text, extent, value",
    [
        ("The siege lasted from 1870 to 1871; on 5 April the next year the forts were razed.",
         "5 April the next year", "1872-04-05"),
        ("The fort fell in 1863. On July 4 the following year the town rebuilt it.",
         "July 4 the following year", "1864-07-04"),
        ("In 1902 the canal opened; by 9 June of the following year it silted up.",
         "9 June of the following year", "1903-06-09"),
        ("In 1902 the canal opened; on 9 June that year a lock failed.", "9 June that year", "1902-06-09"),
        ("The mill burned in 1840 and on 2 May the previous year a flood hit.", "2 May the previous year", "1839-05-02"),
        ("The mill burned in 1840. It was rebuilt in March the year after.", "March the year after", "1841-03"),
        ("The mill burned in 1840; October of that year was wet.", "October of that year", "1840-10"),
    ],
)
def test_a_day_or_month_takes_the_year_told_after_it(text, extent, value):
    records = {r["text"]: r["value"] for r in _dates(text, "2020-05-04")}
    assert records[extent] == value


@pytest.mark.parametrize(
    "text, extent",
    [
        ("Profits rose in 1986. In March the next year will bring cuts.", "the next year"),
        ("The mill burned in 1840. In March the year after the flood it was rebuilt.", "March"),
    ],
)
def test_a_year_that_starts_a_clause_stays_apart_from_the_month(text, extent):
    assert extent in {r["text"] for r in _dates(text, "2020-05-04")}


@pytest.mark.parametrize(
    "text, day, time",
    [
        ("The quake struck on May 8 1:00AM local time.", "May 8", "1987-05-08T01:00"),
        ("On 3 March 10:30 the guns fell silent.", "3 March", "1987-03-03T10:30"),
        ("In 1921 the ship sank on May 8 1:00AM.", "May 8", "1921-05-08T01:00"),
    ],
)
def test_a_time_after_a_day_falls_on_that_day(text, day, time):
    records = _dates(text)
    assert day in {r["text"] for r in records if r["type"] == "DATE"}
    assert [r["value"] for r in records if r["type"] == "TIME"] == [time]


def test_a_day_before_a_year_is_still_read_with_it():
    assert [r["value"] for r in _dates("The talks began on May 8 1985 in Geneva.")] == ["1985-05-08"]


@pytest.mark.parametrize(
    "text",
    [
        "The motion passed 1950 to 1120 in the assembly.",
        "Delegates voted 1612-402 for the plan.",
        "See page 1984 of the report.",
        "The rules are in chapter 1975 and section 1968.",
        "Guests stayed in room 1966.",
        "Flight 1985 landed in Rome.",
        "Route 1966 was closed by snow.",
        "The model 1970 sold well.",
        "The ticket was No. 1984 in the draw.",
        "Serial number 1976-4432 was stolen.",
        "Inflation hit 1980 pct in Bolivia.",
    ],
)
def test_tallies_labels_and_rates_are_no_years(text):
    assert _years(text) == set()


@pytest.mark.parametrize("text, year", [("The 1990 budget was approved in Tokyo.", "1990"),
                                         ("The 1988 Olympics go to Seoul.", "1988")])
def test_a_year_that_dates_a_noun_stays(text, year):
    assert _years(text) == {year}


@pytest.mark.parametrize("text", ["SHARE INDEX SINKS UNDER 1950 LEVEL, DOWN 40 POINTS",
                                  "The bank sold its Market Link 1980 high speed service."])
def test_a_level_crossed_or_a_name_before_high_is_no_year(text):
    assert _years(text) == set()


def test_a_price_year_moves_no_story():
    text = "Output rose in January. The rise, in 1980 prices, came after a fall from December's level."
    assert {r["text"]: r["value"] for r in _dates(text)}["December"] == "1986-12"


@pytest.mark.parametrize("text", ["1939-45 B.C. Christmas", "In 1 BC war came; on 29 February the previous year it ended."])
def test_holidays_and_days_before_the_common_era_give_timeml_values(text):
    for record in _dates(text, "2020-05-04"):
        assert record["value"].startswith(("BC", "XXXX")), record
