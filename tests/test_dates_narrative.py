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


# The story moves day by day: "the next day", "the following day", "two days later" count from the day
# just told, and a clock time falls on the story's day or on the date written beside it.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ferry left Dover on 3 May 1854. The next day it reached Calais. The following day it sailed on.",
         {"The next day": "1854-05-04", "The following day": "1854-05-05"}),
        ("The mill burned on 9 March 1822; the owners rebuilt it the day after.", {"the day after": "1822-03-10"}),
        ("The bridge opened on 2 April 1890. At 14:30 the first cart crossed.", {"14:30": "1890-04-02T14:30"}),
        ("The bell rang at 9 a.m. on 5 June 1871 and the school opened.", {"9 a.m.": "1871-06-05T09:00"}),
        ("The audit begins at 10:30 am on 2019-03-04 in the main hall.", {"10:30 am": "2019-03-04T10:30"}),
    ],
)
def test_the_story_moves_on_day_by_day_and_clock_times_follow_it(text, expected):
    values = _values(text)
    for extent, value in expected.items():
        assert values[extent] == value


def test_the_day_after_an_event_is_not_a_date_of_its_own():
    values = _values("The strike began on 4 July 1902. The men met the day after the vote to plan.")
    assert "the day after" not in values


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The canal opened on 2 October 1825. On the 5th, the first barge arrived.", {"the 5th": "1825-10-05"}),
        ("The synod sat from the 11th to the 16th of March 1612 in the town.", {"the 11th": "1612-03-11"}),
        ("Rain fell in May 1703 and on the 28th of that month the dam broke.", {"the 28th of that month": "1703-05-28"}),
        ("The railway reached the town in 1861 and in November of that year a station opened.",
         {"November of that year": "1861-11"}),
    ],
)
def test_days_and_months_named_against_the_month_or_year_just_told(text, expected):
    values = _values(text)
    for extent, value in expected.items():
        assert values[extent] == value


@pytest.mark.parametrize(
    "text, absent",
    [
        ("The 20th Regiment marched on the 4th Division's flank.", "the 4th"),
        ("Dinner was served to the 12th guest at the inn.", "the 12th"),
    ],
)
def test_an_ordinal_without_a_month_to_follow_is_no_date(text, absent):
    assert absent not in _values(text)


def test_a_year_heading_its_section_dates_what_follows():
    text = ("The rising spread between 1848 and 1849 and ended in 1849.\n\n1848\n\n"
            "The barricades went up on 24 February. In June the army cleared the streets.\n")
    values = _values(text)
    assert values["1848"] == "1848"
    assert values["24 February"] == "1848-02-24" and values["June"] == "1848-06"


@pytest.mark.parametrize(
    "text, extent, value",
    [
        # an aside far from the story does not carry it off
        ("In March 1781 the fleet sailed. Letters found in 1998 describe the voyage. On 9 April the fleet landed.",
         "9 April", "1781-04-09"),
        # a date that qualifies a noun and looks back leaves the story where it is
        ("On 3 May 1849 the leader of the August 1848 revolt was tried. On 7 June he was freed.", "7 June", "1849-06-07"),
        # a winter is named after the year of its January, as the story runs into it
        ("In October 1812 the army left Moscow. Throughout the winter it froze.", "the winter", "1813-WI"),
        # a holiday without a year falls in the story's year
        ("The garrison held out through 1776. On Christmas the river was crossed.", "Christmas", "1776-12-25"),
    ],
)
def test_the_story_keeps_its_year_through_asides_and_holidays(text, extent, value):
    assert _values(text)[extent] == value


@pytest.mark.parametrize(
    "text, parts",
    [
        ("The third war (149 B.C to 146 B.C) razed the city.", ["BC0149", "BC0146"]),
        ("The port fell in 146 B.C and burned.", ["BC0146"]),
    ],
)
def test_years_before_the_common_era_without_a_final_dot(text, parts):
    assert [r["value"] for r in _dates(text)] == parts


# Newswire figures that look like years: index levels, amounts, counts, clock times, table cells and absurd
# spans of time. Written for the tests; the publication date is one of 1987, as in the old newswires.
@pytest.mark.parametrize(
    "text",
    [
        "SHARE INDEX DROPS 212 POINTS TO 1812, ITS LOWEST CLOSE OF THE YEAR",
        "The gauge set a new high of 1795 from Thursday's 1788 finish.",
        "Sales climbed 1240 billion lire to 8,100 billion lire.",
        "Brokers said the 1400 quoted firms kept trading.",
        "Membership grew to 2060 by the close of the drive.",
        "Bids entered by 1100 Paris time are matched the same day.",
        "The new market will open at 1015.",
        "The floor shuts at 1230, PDT on half days.",
        "(0930) -- Commerce Department releases factory orders.",
        "Members voted 1210 to 34 to ratify the pact.",
        "Auctions run until 1600 (1500 GMT) on Fridays.",
        "Stocks in bushels: SOFT WHITE WINTER 1512 1498 60",
        "Shipments Jan 11520 Mar 12870 May 1433 Jul 2210",
        "The tender was extended to 1900 EST May 4 from 2300 April 28.",
        "Dealers will refuse orders after 1530 if they came in earlier.",
        "Prices: T 1405 1755(1430 1695) TT 2000 2129(1900 2303) closed.",
        "The two delegates held 12 votes out of approximately 2900.",
    ],
)
def test_newswire_figures_are_no_years(text):
    assert [y for y in years_mentioned(text, date(1987, 6, 1)) if y != 1987] == []


def test_newswire_figures_make_no_timeline_events():
    body = ("WHEAT INDEX SLIDES 96 POINTS TO 1833 IN HEAVY SELLING\n\nTurnover rose 1150 billion lire, "
            "the 1500 listed companies traded and the board meets at 1100 local time.")
    article = Article(id="n", title="", body=body, path="n", published=date(1987, 6, 1))
    assert [e.year for e in extract_events(article)] == []


@pytest.mark.parametrize(
    "text, years",
    [
        ("The bank, founded in 1879, opened abroad in 1902.", [1879, 1902]),
        ("The mill has run since 1848 on the river.", [1848]),
        ("Brokers recalled the great crash of 1929.", [1929]),
        ("The lease runs until the year 2090, the city said.", [2090]),
        ("The notes mature in 2017 and the bonds by 2002.", [2002, 2017]),
        ("Shares fell as they did on Oct. 19, 1887, dealers said.", [1887]),
        ("The canal was dug 1825-1832 by hand.", list(range(1825, 1833))),
    ],
)
def test_far_years_with_strong_evidence_stay(text, years):
    assert years_mentioned(text, date(1987, 6, 1)) == years


def test_a_figure_beside_year_ago_is_no_count_of_years():
    # a table's "year ago" column after a big figure: the figure is no number of years
    assert min(years_mentioned("Stocks 84,200,000 YEAR AGO 79,100,000", date(1987, 6, 1)), default=1986) >= 1986


def test_a_year_centuries_ahead_needs_the_word_year():
    assert years_mentioned("Seats rose to 2450 this term.", date(1987, 6, 1)) == []
    assert years_mentioned("Stories set in the year 2450 sold well.", date(1987, 6, 1)) == [2450]


@pytest.mark.parametrize(
    "text, extent, mod, modifier",
    [
        ("Rents have climbed since 2016 in the city.", "2016", "ON_OR_AFTER", "since"),
        ("The bridge stays shut until 2031, engineers said.", "2031", "ON_OR_BEFORE", "until"),
        ("The chapel was built before 1661 by monks.", "1661", "BEFORE", "before"),
        ("Trade revived after 1871 in the port.", "1871", "AFTER", "after"),
        ("Farms have shrunk since the 1970s in the valley.", "the 1970s", "ON_OR_AFTER", "since"),
    ],
)
def test_since_until_before_after_are_timeml_mods_and_timeline_modifiers(text, extent, mod, modifier):
    (record,) = [r for r in _dates(text) if r["text"] == extent]
    assert record["mod"] == mod
    article = Article(id="m", title="", body=text, path="m", published=date(2020, 5, 4))
    (event,) = extract_events(article)
    assert event.modifier == modifier


def test_a_date_that_qualifies_a_noun_after_a_preposition_gets_no_mod():
    (record,) = [r for r in _dates("Prices fell after the 2008 crash in the city.") if r["text"] == "2008"]
    assert "mod" not in record


@pytest.mark.parametrize(
    "text, extent, value",
    [
        # news that recalls history: a plan made in the present keeps the publication year
        ("The league was founded in 1921, joined by Chile in 1926 and Peru in 1931.\n\n"
         "Its members meet in 1948 and 1950 too.\n\nA summit is set for Lima in October.", "October", "2020-10"),
        # a date that qualifies a noun starts no story: the later bare month is news
        ("Two men charged in the March 3, 1991, robbery were freed after the court agreed in April to a retrial.",
         "April", "2020-04"),
        # a story's own future stays in the story
        ("In May 1798 the fleet sailed south. The admiral would land in July.", "July", "1798-07"),
    ],
)
def test_plans_and_noun_dates_leave_news_with_the_publication_year(text, extent, value):
    assert _values(text)[extent] == value


@pytest.mark.parametrize(
    "body, label",
    [
        ("The treaty talks ran 6-9 March 1921 in the old town hall.", "6–9 March 1921"),
        ("The county fair ran from 1 to 12 May 1890 on the green.", "1–12 May 1890"),
    ],
)
def test_a_range_of_days_is_labelled_with_both_days(body, label):
    article = Article(id="d", title="", body=body, path="d", published=date(2020, 5, 4))
    (event,) = extract_events(article)
    assert event.label == label
