"""Years and date mentions found by archive.dates (phase 1: years, acceptance on the seed article)."""
from __future__ import annotations

from datetime import date

import pytest

from archive.dates import DateMention, tag_dates, years_mentioned

PUBLISHED = date(2025, 12, 6)

# Sentences of the seed feature article (shared/seeds/000_851f26f7880ab6d6.txt), published 2025-12-06.
SEED_ARTICLE = """\
I visited the Korea Computer Center (KCC) in Pyongyang’s Mangyongdae District twice in May 2006. \
Established in 1990, it was the central hub for the national computer program industry and operated \
directly under the Cabinet at the time.

In a conference room displaying Kim Jong Il’s quote that the twenty-first century is the era of the \
information industry, I received an overview of the center’s programs.

At this center, over 150 researchers in their 20s and 30s worked on various sectors, including natural \
language processing, inference, and search.

In 2000, Kim Il Sung University and Kim Chaek University of Technology introduced AI courses, marking the \
beginning of serious AI workforce development.

In 1997, KCC developed the Go program Eunbyeol using rudimentary AI technology. The AI Go program, which \
evolved to Eunbyeol 2010, consistently won the World Computer Go Championship.

Kim Jong Il ordered Kim Il Sung University to develop the Youngjo Machine Translation Program in late 2006. \
He personally attended the 18th National Program Competition and Exhibition in January 2008 to observe the \
Ryongnamsan translation program. A decade later, in 2017, the university’s AI Technology Research Institute \
developed Ryongnamsan 5.1, an improved voice recognition program, and Ryongma, a bidirectional translation \
device supporting seven languages.

In 2013, North Korea established the Artificial Intelligence Research Institute. Around 2019, AI emerged as \
a core focus in the country’s information and computerization efforts.

The National Informatization Performance Exhibition – 2019, themed Digital Economy and Informatization Wave, \
showcased North Korea’s transformed AI capabilities. This exhibition, the largest IT event in North Korea \
since 2016, highlighted AI, robotics, IoT, facial recognition, e-commerce, and electronic payments.

North Korea has invested heavily in AI for the past 4 years and recently began using ChatGPT.

Following the 8th Workers’ Party Congress in 2021, North Korea set the ambitious goal of quickly achieving \
world-class AI capabilities.

Since the 1990s, North Korea’s AI technology has progressed from basic research at KCC.

The National Informatization Performance Exhibition in 2025 showcased significant AI advancements.

AI is now permeating North Korean life through over 6 million mobile phones, computers, and digital TVs. \
The facial image restoration program Seonmyeong 1.0 by Amnok River Technology Development Trading Company \
received acclaim at a recent North Korea-Russia exhibition.

Last year’s treaty with Russia on strategic partnership in science, technology, and IT could pave the way \
for joint North-South AI initiatives.
"""


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The treaty was signed in 1997.", [1997]),
        ("Established in 1990, it was the central hub.", [1990]),
        ("He ordered a new program in late 2006.", [2006]),
        ("He attended the competition in January 2008.", [2008]),
        ("The National Informatization Performance Exhibition – 2019, themed Digital Economy.", [2019]),
        ("AI has progressed since the 1990s.", list(range(1990, 2000))),
        ("The survey ran 2009–2011 in three provinces.", [2009, 2010, 2011]),
        ("In 2013, North Korea established the Artificial Intelligence Research Institute.", [2013]),
        ("A decade later, in 2017, the institute developed a new program.", [2017]),
        ("Following the 8th Workers’ Party Congress in 2021, the goal was set.", [2021]),
        ("RoboCup 2026: Incheon to Host the World’s Biggest Robotics Showdown!", [2026]),
        ("Visitors flocked to Expo 2020 in Dubai.", [2020]),
        ("The World Cup 2022 final was in Qatar.", [2022]),
        ("404: Telemachus, a monk, is killed in Rome.\n1492: Columbus leaves Spain.", [404, 1492]),
        ("The fleet sailed from Rome.\n1781: The siege ends.", [1781]),
    ],
)
def test_years_mentioned_finds_years_in_date_context(text, years):
    assert years_mentioned(text, PUBLISHED) == years


@pytest.mark.parametrize(
    "text",
    [
        "The library holds 12,000 volumes.",
        "Police seized 7.1kg of narcotics.",
        "About 1,200 people attended.",
        "The army sent 2000 soldiers to the border.",
        "The bike costs $1990 new.",
        "The institute developed Ryongnamsan 5.1, a voice recognition program.",
        "The Go program evolved to Eunbyeol 2010.",
        "The library runs LibraSys 2000 on its servers.",
        "The FC-1990 compressor failed.",
        "The office still runs Windows 2000.",
        "The program Seonmyeong 1.0 received acclaim.",
        "Over 150 researchers in their 20s and 30s worked there.",
        "Many of them in their 60s still work.",
        "The office is at 1999 Harbor Avenue.",
        "The meeting is in Room 2014.",
        "Call +82 2 1990 2013 for details.",
        "Dial 555-2019 to book.",
        "The train leaves at 20:15.",
        "The attack began at 1930 hours.",
        "12: The twelfth item of a numbered list.",
        "The ship left Rome. 2000 soldiers were aboard.",
    ],
)
def test_years_mentioned_ignores_numbers_that_are_not_years(text):
    assert years_mentioned(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "value", "precision", "mod", "earliest", "latest"),
    [
        ("in late 2006", "2006", "year", "END", (2006, 1, 1), (2006, 12, 31)),
        ("in January 2008", "2008-01", "month", None, (2008, 1, 1), (2008, 1, 31)),
        ("since the 1990s", "199", "decade", "ON_OR_AFTER", (1990, 1, 1), (1999, 12, 31)),
        ("in 2009–2011", "2009", "year", None, (2009, 1, 1), (2011, 12, 31)),
        ("the twenty-first century", "20", "century", None, (2000, 1, 1), (2099, 12, 31)),
        ("Last year’s treaty", "2024", "year", None, (2024, 1, 1), (2024, 12, 31)),
    ],
)
def test_tag_dates_normalises_years_decades_and_ranges(text, value, precision, mod, earliest, latest):
    [mention] = tag_dates(text, PUBLISHED)
    assert (mention.value, mention.type, mention.precision, mention.mod) == (value, "DATE", precision, mod)
    assert (mention.earliest, mention.latest) == (earliest, latest)


def test_tag_dates_keeps_since_out_of_the_extent_and_in_the_mod():
    text = "the largest IT event since 2016"
    assert tag_dates(text, PUBLISHED) == [
        DateMention(27, 31, "2016", "2016", "DATE", "year", "ON_OR_AFTER", (2016, 1, 1), (2016, 12, 31))
    ]


def test_years_mentioned_on_the_seed_article_finds_its_years():
    years = set(years_mentioned(SEED_ARTICLE, PUBLISHED))
    assert {1990, 1997, 2000, 2006, 2008, 2013, 2017, 2019, 2021, 2024, 2025} <= years


def test_years_mentioned_on_the_seed_article_skips_ages_and_product_numbers():
    years = set(years_mentioned(SEED_ARTICLE, PUBLISHED))
    assert years.isdisjoint({1920, 1930, 2010})


def test_relative_years_count_nothing_without_a_publication_date():
    assert years_mentioned("Last year’s treaty was signed.") == []
