"""TimeML values, types and extents of the tagger behind archive.dates (phase 2)."""
from __future__ import annotations

from datetime import date

import pytest

from archive.dates import tag_dates, years_mentioned

PUBLISHED = date(2025, 12, 6)  # a Saturday


def _only(text, published=PUBLISHED):
    [mention] = tag_dates(text, published)
    return mention


@pytest.mark.parametrize(
    ("text", "extent", "value", "precision"),
    [
        ("It happened on 4 July 1921.", "4 July 1921", "1921-07-04", "day"),
        ("The attack came on Sept. 9, 2001.", "Sept. 9, 2001", "2001-09-09", "day"),
        ("Filed 2011-06-30 in court.", "2011-06-30", "2011-06-30", "day"),
        ("We met on March 3rd.", "March 3rd", "2025-03-03", "day"),
        ("The party is on Dec. 20.", "Dec. 20", "2025-12-20", "day"),
        ("He attended in January 2008.", "January 2008", "2008-01", "month"),
        ("Prices fell in the mid-1950s.", "the mid-1950s", "195", "decade"),
        ("Music of the '80s.", "the '80s", "198", "decade"),
        ("Crime rose in the nineties.", "the nineties", "199", "decade"),
        ("in the twenty-first century", "the twenty-first century", "20", "century"),
        ("in the 20th century", "the 20th century", "19", "century"),
        ("It opened in the spring of 2004.", "the spring of 2004", "2004-SP", "season"),
        ("Profit rose in the third quarter of 2023.", "the third quarter of 2023", "2023-Q3", "quarter"),
        ("Results for FY2022 were weak.", "FY2022", "2022", "year"),
        ("Sales fell in the first half of 2020.", "the first half of 2020", "2020-H1", "half"),
        ("Sales rose in fiscal 1998.", "fiscal 1998", "1998", "year"),
        ("Rome burned in AD 64.", "AD 64", "0064", "year"),
        ("Carthage fell in 146 BC.", "146 BC", "BC0146", "year"),
    ],
)
def test_tag_dates_normalises_explicit_dates(text, extent, value, precision):
    mention = _only(text)
    assert (mention.text, mention.value, mention.type, mention.precision) == (extent, value, "DATE", precision)


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Sales rose last year.", "last year", "2024"),
        ("He will arrive next year.", "next year", "2026"),
        ("Rents rose this month.", "this month", "2025-12"),
        ("The vote was on Thursday.", "Thursday", "2025-12-04"),
        ("The summit will open on Monday.", "Monday", "2025-12-08"),
        ("He left yesterday.", "yesterday", "2025-12-05"),
        ("It opens today.", "today", "2025-12-06"),
        ("The law passed this week.", "this week", "2025-W49"),
        ("They met over the weekend.", "the weekend", "2025-W49-WE"),
        ("Two weeks ago the talks failed.", "Two weeks ago", "2025-W47"),
        ("The store opened in the third quarter.", "the third quarter", "2025-Q3"),
        ("Gifts arrive on Christmas Day.", "Christmas Day", "2025-12-25"),
        ("Prices are now high.", "now", "PRESENT_REF"),
        ("He is currently abroad.", "currently", "PRESENT_REF"),
        ("She recently moved.", "recently", "PAST_REF"),
        ("Several years ago the plant closed.", "Several years ago", "PAST_REF"),
        ("It may happen in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_tag_dates_resolves_relative_dates_against_the_publication_date(text, extent, value):
    mention = _only(text)
    assert (mention.text, mention.value, mention.type) == (extent, value, "DATE")


@pytest.mark.parametrize(
    ("text", "extent", "value", "type_"),
    [
        ("North Korea has invested in AI for the past 4 years.", "the past 4 years", "P4Y", "DURATION"),
        ("It took three days.", "three days", "P3D", "DURATION"),
        ("Talks stalled in the last two weeks.", "the last two weeks", "P2W", "DURATION"),
        ("The flight lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "DURATION"),
        ("The truce held for a minute and a half.", "a minute and a half", "PT1M30S", "DURATION"),
        ("Rates may fall in the coming weeks.", "the coming weeks", "PXW", "DURATION"),
        ("The paper appears weekly.", "weekly", "P1W", "SET"),
        ("The club meets every Thursday.", "every Thursday", "XXXX-WXX-4", "SET"),
        ("The blast occurred at 3 p.m. yesterday.", "3 p.m. yesterday", "2025-12-05T15:00", "TIME"),
        ("Trading stopped at 10:35 a.m. EDT Thursday.", "10:35 a.m. EDT Thursday", "2025-12-04T10:35", "TIME"),
    ],
)
def test_tag_dates_types_durations_sets_and_times(text, extent, value, type_):
    mention = _only(text)
    assert (mention.text, mention.value, mention.type, mention.precision) == (extent, value, type_, None)


@pytest.mark.parametrize(
    ("text", "extent", "value", "mod"),
    [
        ("in late 2006", "late 2006", "2006", "END"),
        ("Around 2019, AI emerged.", "Around 2019", "2019", "APPROX"),
        ("in early next week", "early next week", "2025-W50", "START"),
        ("Flights stop at the end of 1990.", "the end of 1990", "1990", "END"),
        ("They met in mid-November.", "mid-November", "2025-11", "MID"),
    ],
)
def test_tag_dates_keeps_modifiers_in_the_extent_and_the_mod(text, extent, value, mod):
    mention = _only(text)
    assert (mention.text, mention.value, mention.mod) == (extent, value, mod)


@pytest.mark.parametrize(
    ("text", "extent"),
    [
        ("It was built between 2009 and 2011.", "2009 and 2011"),
        ("It was built from 2009 to 2011.", "2009 to 2011"),
        ("It was built 2009–2011.", "2009–2011"),
    ],
)
def test_tag_dates_makes_one_mention_of_a_range(text, extent):
    mention = _only(text)
    assert (mention.text, mention.earliest, mention.latest) == (extent, (2009, 1, 1), (2011, 12, 31))


def test_tag_dates_lists_years_joined_by_and_separately():
    assert [m.value for m in tag_dates("It joined in 1994, 1995 and 1997.", PUBLISHED)] == ["1994", "1995", "1997"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("In 2013, it opened. The following year it grew.", ["2013", "2014"]),
        ("A decade later, in 2017, it closed.", ["2017", "2017"]),
        ("In 1969, the crew landed on July 20.", ["1969", "1969-07-20"]),
        ("Profit fell in the third quarter, from a year earlier.", ["2025-Q3", "2024-Q3"]),
    ],
)
def test_tag_dates_counts_anaphora_from_the_date_just_mentioned(text, values):
    assert [m.value for m in tag_dates(text, PUBLISHED)] == values


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old man was arrested.",
        "Police seized about 2000 rifles.",
        "Shares rose 2.5% to 1,990 won.",
        "The index closed at 2082.1 points.",
        "Czech Foreign Minister Jan Kavan spoke.",
        "The Communist Party daily Granma reported it.",
        "Three-quarters of the vote went to him.",
        "He said he may leave.",
        "It was a second attempt.",
    ],
)
def test_tag_dates_finds_nothing_in_counts_names_and_verbs(text):
    assert tag_dates(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The vote was on Thursday.", "XXXX-XX-XX"),
        ("Sales rose last year.", "XXXX"),
        ("They met in January.", "XXXX-01"),
    ],
)
def test_tag_dates_leaves_relative_dates_unresolved_without_a_publication_date(text, value):
    mention = _only(text, None)
    assert (mention.value, mention.earliest, mention.latest) == (value, None, None)


def test_years_mentioned_resolves_relative_years_and_skips_centuries():
    text = "Last year the treaty was signed; the twenty-first century began; in the 1990s it grew."
    assert years_mentioned(text, PUBLISHED) == list(range(1990, 2000)) + [2024]


def test_tag_dates_returns_sorted_non_overlapping_mentions():
    text = "On Sept. 9, 2001, two days before the attack, and again last week, now and in 2025."
    mentions = tag_dates(text, PUBLISHED)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    assert all(text[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Shipments resumed 3/15/87 after the strike.",
        "In the spring of 2004 it opened; the following month it closed.",
        "The bond matures 10,000 weeks later.",
        "Trading on 2/30/88 was light.",
    ],
)
def test_tag_dates_survives_odd_numbers_and_anaphora(text):
    for published in (PUBLISHED, None):
        for mention in tag_dates(text, published):
            assert text[mention.start:mention.end] == mention.text


def test_tag_dates_reads_us_numeric_dates():
    assert _only("Shipments resumed 3/15/87 after the strike.").value == "1987-03-15"


# --- Tense, reporting quarters and anaphoric weekdays (TempEval-3 error review) ---

THURSDAY = date(1989, 10, 26)  # a Thursday, the date of an earnings report


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        # Future cues: plans, "would be", a date that opens its sentence and the verb after it, "by" deadlines.
        ("The team planned to leave Nairobi on Thursday for talks.", "Thursday", "2025-12-11"),
        ("Protesters planned a large rally on Sunday and more.", "Sunday", "2025-12-07"),
        ("The father would be traveling to the capital Thursday with his wife.", "Thursday", "2025-12-11"),
        ("On Tuesday, the league will hold a news conference.", "Tuesday", "2025-12-09"),
        ("The bank plans to pay down the loan by February.", "February", "2026-02"),
        ("Holders would be paid on a date in January.", "January", "2026-01"),
        # Past: a reporting verb right before the date, a cue inside a closed quotation, "next to".
        ('"We will focus on our core businesses," Mr. Smith said Friday.', "Friday", "2025-12-05"),
        ("Dozens were wounded in the blasts next to the embassies on Friday.", "Friday", "2025-12-05"),
        ("Thirty members had filed reports by Wednesday.", "Wednesday", "2025-12-03"),
        ("On Friday, the government planned to pay the victims.", "Friday", "2025-12-05"),
        ("The vote was on Thursday.", "Thursday", "2025-12-04"),
    ],
)
def test_tag_dates_reads_the_tense_around_weekdays_and_months(text, extent, value):
    mention = next(m for m in tag_dates(text, PUBLISHED) if m.text == extent)
    assert mention.value == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "a year ago" and "the year-earlier period" compare with the quarter the report is about,
        # not with a quarter mentioned in passing several sentences before.
        ("Acme posted a gain in third-quarter net income. Net rose to $108 million from $90 million a year ago. "
         "After a flat second quarter tied to lower prices, Acme cited its consumer business. Those gains came "
         "from higher prices for diapers and tissue, and from increased sales of other products, the company said. "
         "Newsprint results continued to be depressed, the company added, because of price discounting. "
         "The comparison was also helped by charges taken in the year-earlier period.",
         ["1989-Q3", "1988-Q3", "1989-Q2", "1988-Q3"]),
        # After "the nine months", "a year earlier" compares whole spans: a year.
        ("Delta reported third-quarter profit of $5 million, up from $4 million a year earlier. "
         "For the nine months, it earned $18 million, compared with a loss of $9 million a year earlier.",
         ["1989-Q3", "1988-Q3", "P9M", "1988"]),
        # A later quarter that heads a result starts a new report.
        ("Delta's profit soared in the fiscal first quarter. " + "x " * 150 +
         "Separately, America West reported third-quarter profit of $5 million. " + "y " * 150 +
         "Year-earlier results included a gain.",
         ["1989-Q1", "1989-Q3", "1988-Q3"]),
        ("Net income was $2 million, compared with $1.8 million for the corresponding period last year.",
         ["1988"]),
        ("Net fell in the third quarter. Net compares with $1.8 million for the corresponding period last year.",
         ["1989-Q3", "1988-Q3"]),
    ],
)
def test_tag_dates_compares_earnings_with_the_reported_quarter(text, values):
    assert [m.value for m in tag_dates(text, THURSDAY)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Stocks fell on Friday, down 4.5% from the previous Friday.", ["1989-10-20", "1989-10-13"]),
        ("The talks opened on Monday, Oct. 16, and closed the following Friday.", ["1989-10-16", "1989-10-20"]),
        ("Prices rose the previous Friday.", ["XXXX-XX-XX"]),
        ("Officials met Wednesday evening.", ["1989-10-25TEV"]),
        ("Officials met Wednesday night.", ["1989-10-25"]),
    ],
)
def test_tag_dates_counts_previous_weekdays_from_the_day_just_named(text, values):
    assert [m.value for m in tag_dates(text, THURSDAY)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The dividend will be paid in January to holders of record Dec. 21.", ["1990-01", "1989-12-21"]),
        ("In May 1998, the firm said on June 3 it would merge.", ["1998-05", "1998-06-03"]),
    ],
)
def test_tag_dates_puts_a_bare_day_near_the_month_just_named(text, values):
    assert [m.value for m in tag_dates(text, THURSDAY)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # "the quarter" / "the latest period" of a report is the (fiscal) quarter it reports.
        ("Delta's profit rose in the fiscal first quarter. Traffic jumped 14% in the quarter.", ["1989-Q1", "1989-Q1"]),
        ("Net fell in the fiscal second quarter. The latest period includes a gain.", ["1989-Q2", "1989-Q2"]),
        ("Net fell in the third quarter. This quarter's loss includes charges.", ["1989-Q3", "1989-Q3"]),
        # Without a report, or with one still under way, the calendar decides.
        ("Traffic jumped 14% in the quarter.", ["1989-Q3"]),
        ("Sales should rise in the fourth quarter. Traffic jumped 14% in the quarter.", ["1989-Q4", "1989-Q3"]),
        ("This quarter will be hard.", ["1989-Q4"]),
        # "the quarter to $2 billion" is a quarter; "a quarter to five" tells the time.
        ("Revenue rose 3.7% in the quarter to $2.35 billion.", ["1989-Q3"]),
        ("He left at a quarter to five.", []),
        ("He left at a quarter past 3.", []),
    ],
)
def test_tag_dates_reads_the_quarter_of_a_report(text, values):
    assert [m.value for m in tag_dates(text, THURSDAY) if m.type == "DATE"] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # The present tense of a scheduled move speaks of the future.
        ("He and Arafat meet separately Monday with Albright.", ["1989-10-30"]),
        ("The delegation is leaving Friday.", ["1989-10-27"]),
        ("He met Monday with Albright.", ["1989-10-23"]),
        # "Until Thursday, they had not ...": a pluperfect after "until" looks back.
        ("Until Tuesday, they had not called him a suspect.", ["1989-10-24"]),
        ("The offer is open until Tuesday.", ["1989-10-31"]),
    ],
)
def test_tag_dates_reads_present_schedules_and_until_with_a_pluperfect(text, values):
    assert [m.value for m in tag_dates(text, THURSDAY)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A year that dates a noun before it does not carry over to a later bare day.
        ("Under a program approved by the board in 1987, it had bought 481,000 shares through Sept. 29.",
         ["1987", "1989-09-29"]),
        ("Under a plan adopted in 1987, it bought shares through Sept. 29.", ["1987", "1989-09-29"]),
        # A year that dates the sentence still does.
        ("In 1987, it bought shares through Sept. 29.", ["1987", "1987-09-29"]),
        ("The plan was approved in 1987 and took effect on Sept. 29.", ["1987", "1987-09-29"]),
    ],
)
def test_tag_dates_keeps_a_year_of_a_noun_phrase_to_itself(text, values):
    assert [m.value for m in tag_dates(text, THURSDAY)] == values


@pytest.mark.parametrize(
    ("text", "extents", "values"),
    [
        ("The summit will be held on April 24 and 25.", ["April 24", "25"], ["1990-04-24", "1990-04-25"]),
        ("The summit was held on April 24 and 25.", ["April 24", "25"], ["1989-04-24", "1989-04-25"]),
        ("The case will be heard the week of March 6.", ["the week of March 6"], ["1990-W10"]),
        ("The hearing was held the week of March 6, 1989.", ["the week of March 6, 1989"], ["1989-W10"]),
        ("They met the day before last Tuesday.", ["the day before last Tuesday"], ["1989-10-23"]),
        ("They met on Monday and again the next morning.", ["Monday", "the next morning"], ["1989-10-23", "1989-10-24"]),
        ("Prices hit that level in the winter of nineteen ninety-four.", ["the winter of nineteen ninety-four"], ["1994-WI"]),
        # Not a pair of days, not a week of a date.
        ("He scored 24 and 25 points on April 3.", ["April 3"], ["1989-04-03"]),
        ("He won on April 24 and 5 others lost.", ["April 24"], ["1989-04-24"]),
        ("It rose on April 25 and 24 fell.", ["April 25"], ["1989-04-25"]),
    ],
)
def test_tag_dates_builds_dates_on_a_named_day(text, extents, values):
    mentions = tag_dates(text, THURSDAY)
    assert ([m.text for m in mentions], [m.value for m in mentions]) == (extents, values)


@pytest.mark.parametrize(
    ("text", "extents", "values"),
    [
        ("Demand stayed strong well into the summer.", ["the summer"], ["1989-SU"]),
        ("Orders rose from the low levels of the early summer.", ["the early summer"], ["1989-SU"]),
        ("Over the winter, prices fell.", ["the winter"], ["1988-WI"]),
        ("Sales will recover in the spring.", ["the spring"], ["1990-SP"]),
        ("Use was delayed earlier in the year by rain.", ["earlier in the year"], ["1989"]),
        ("Earnings will be lower for the fiscal year.", ["the fiscal year"], ["1989"]),
        ("It had sales of $6 billion in the latest fiscal year.", ["the latest fiscal year"], ["1988"]),
        ("In the fiscal year ended Jan. 31, sales rose.", ["the fiscal year", "Jan. 31"], ["P1Y", "1989-01-31"]),
        ("Threats had become routine over the past decade.", ["the past decade"], ["P10Y"]),
        ("Wages for January were 3.8 percent higher than a year earlier.", ["January", "a year earlier"],
         ["1989-01", "1988"]),
        # Not seasons: a name, the noun "fall", a season without a preposition before it.
        ("The Spring of Life protests began.", [], []),
        ("The fall of the wall changed Europe.", [], []),
        ("The summer was hot.", [], []),
        # A capitalised "This Week" is a title.
        ('Baker said on ABC\'s "This Week" that talks would go on.', [], []),
    ],
)
def test_tag_dates_resolves_seasons_fiscal_years_and_spans(text, extents, values):
    mentions = tag_dates(text, THURSDAY)
    assert ([m.text for m in mentions], [m.value for m in mentions]) == (extents, values)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In October 1998 the site went up. His name was crossed out that same day.", "1998-10-XX"),
        ("In 1998 the site went up. His name was crossed out that same day.", "1998-XX-XX"),
        ("On Oct. 23 the site went up. His name was crossed out that same day.", "1989-10-23"),
    ],
)
def test_tag_dates_keeps_the_known_part_of_an_anaphoric_day(text, value):
    assert tag_dates(text, THURSDAY)[-1].value == value
