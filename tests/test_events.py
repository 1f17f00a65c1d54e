"""Events: every sentence that says when something happened, dated by what it says."""
from __future__ import annotations

from datetime import date

import pytest

from archive import happenings
from archive.corpus import load_corpus
from archive.events import event_id, extract_events, headline
from archive.labels import date_label
from archive.models import Article
from tests.conftest import SAMPLE_CORPUS


def article(body: str, title: str = "A title", published: date | None = date(2025, 12, 6)) -> Article:
    return Article(id="a", title=title, body=body, path="a.md", published=published)


def test_each_dated_sentence_yields_one_event_linked_to_its_span():
    body = "It began in May 2006. Nothing happened then. In 2013, they founded an institute."
    events = extract_events(article(body))
    assert [(e.value, e.precision, e.label) for e in events] == [
        ("2006-05", "month", "May 2006"), ("2013", "year", "2013")]
    assert [body[e.start:e.end] for e in events] == ["It began in May 2006.", "In 2013, they founded an institute."]
    assert [e.headline for e in events] == ["It began in May 2006", "They founded an institute"]


def test_a_range_is_one_event_spanning_both_years():
    [event] = extract_events(article("The programme ran from 2009 to 2011 in three cities."))
    assert (event.earliest[0], event.latest[0], event.label) == (2009, 2011, "2009–2011")


def test_relative_dates_resolve_against_publication():
    [event] = extract_events(article("Last year's treaty with Russia changed that."))
    assert (event.value, event.year) == ("2024", 2024)


def test_an_explicit_date_wins_over_the_relative_phrase_beside_it():
    body = "He visited in January 2008. A decade later, in 2017, the institute built a device."
    assert [e.value for e in extract_events(article(body))] == ["2008-01", "2017"]


def test_late_early_and_approximate_dates_are_marked_and_sorted():
    events = extract_events(article("Work began in late 2006. Around 2019, it grew. The visit was in May 2006."))
    assert [(e.label, e.modifier) for e in events] == [
        ("late 2006", "late"), ("around 2019", "approximate"), ("May 2006", None)]
    assert [e.label for e in sorted(events, key=lambda e: e.sort_key)] == ["May 2006", "late 2006", "around 2019"]


def test_centuries_and_undated_descriptions_are_not_events():
    body = ("A museum of clocks opened in the harbour in 2004. The twenty-first century is the era of information. "
            "Its rooms hold many old clocks.")
    assert [e.value for e in extract_events(article(body))] == ["2004"]


def test_a_year_in_the_title_is_an_event_of_the_article():
    title_event, lead = extract_events(article("The fair is set to take place in Incheon.", title="Expo 2026: Incheon hosts"))
    assert (title_event.year, title_event.start, title_event.sentence, title_event.anchor) == (
        2026, None, "Expo 2026: Incheon hosts", "text")
    assert (lead.value, lead.anchor) == ("2025-12-06", "publication")


def test_a_short_undated_text_is_no_event():
    assert extract_events(article("Robots everywhere now.", title="Robots")) == []


def test_event_ids_are_stable_while_the_sentence_is_unchanged():
    first = extract_events(article("Intro. In 2013, they founded it.", published=None))
    moved = extract_events(article("A longer intro here. In 2013, they founded it.", published=None))
    edited = extract_events(article("Intro. In 2013, they founded it again.", published=None))
    assert first[0].id == moved[0].id != edited[0].id
    assert first[0].id == event_id("a", "In 2013, they founded it.", "2013", 0)


@pytest.mark.parametrize("sentence, date_text, expected", [
    ("In 2013, North Korea established the Institute, the first of its kind.", "2013",
     "North Korea established the Institute, the first of its kind"),
    ("He attended the Exhibition in January 2008 to observe the program.", "January 2008",
     "He attended the Exhibition in January 2008 to observe the program"),
    ("Prices fell; in 1997 the company was sold to a rival, which closed it.", "1997",
     "In 1997 the company was sold to a rival"),
    ("1479 BC: Thutmose III ascends to the throne of Egypt.", "1479 BC", "Thutmose III ascends to the throne of Egypt"),
])
def test_headline_is_the_clause_that_carries_the_date(sentence, date_text, expected):
    start = sentence.index(date_text)
    assert headline(sentence, start, start + len(date_text)) == expected


@pytest.mark.parametrize("earliest, latest, precision, modifier, label", [
    ((2001, 9, 9), (2001, 9, 9), "day", None, "9 September 2001"),
    ((2006, 9, 1), (2006, 12, 31), "year", "late", "late 2006"),
    ((1990, 1, 1), (1999, 12, 31), "decade", None, "the 1990s"),
    ((1954, 1, 1), (1956, 12, 31), "decade", "mid", "the mid-1950s"),
    ((2023, 7, 1), (2023, 9, 30), "quarter", None, "Q3 2023"),
    ((2001, 1, 1), (2100, 12, 31), "century", None, "the 21st century"),
    ((-152, 1, 1), (-152, 12, 31), "year", None, "153 BC"),
    ((69, 1, 1), (69, 12, 31), "year", None, "69"),
])
def test_date_labels_read_naturally(earliest, latest, precision, modifier, label):
    assert date_label(earliest, latest, precision, modifier) == label


def test_sample_feature_yields_the_expected_timeline():
    feature = next(a for a in load_corpus(SAMPLE_CORPUS).articles if a.id == "north-korea-ai-warrior")
    events = extract_events(feature)
    by_label = {e.label: e for e in events if e.anchor == "text"}
    for label, words in [("1990", "Established in 1990"), ("1997", "Eunbyeol"), ("2000", "AI courses"),
                         ("May 2006", "Korea Computer Center"), ("late 2006", "Youngjo"),
                         ("January 2008", "18th National Program Competition"),
                         ("2013", "Artificial Intelligence Research Institute"), ("2017", "Ryongnamsan 5.1"),
                         ("2021", "8th Workers"), ("2024", "treaty with Russia"), ("2025", "Exhibition in 2025")]:
        assert words in by_label[label].sentence, label
    assert {e.year for e in events}.isdisjoint({1920, 1930, 2010})
    assert any("Exhibition – 2019" in e.sentence and e.year == 2019 for e in events)


def test_a_long_article_is_dated_in_linear_time():
    # A hang guard, not a benchmark: the splitter and the tagger used to rescan the text at
    # every full stop, and a megabyte took minutes. Now it takes a couple of seconds.
    import resource
    import subprocess
    import sys

    script = ("from datetime import date\nfrom archive.events import date_article\nfrom archive.models import Article\n"
              "body = ('In 1999 the council met. Mr. Smith said U.S. prices rose 2.5 pct. ' * 15000)[:1_000_000]\n"
              "print(len(date_article(Article(id='a', title='A', body=body, path='a.md', "
              "published=date(2000, 1, 1))).events))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (60, 60)))
    assert result.returncode == 0, result.stderr[-500:]
    assert int(result.stdout) > 10_000


def dated(body: str, **kwargs) -> list[tuple[str, str, str]]:
    """Each event as (date, how it was dated, first words of its sentence)."""
    return [(e.value, e.anchor, " ".join(e.sentence.split()[:3])) for e in extract_events(article(body, **kwargs))]


def test_the_lead_of_an_undated_story_is_its_news_on_the_publication_day():
    body = "The mayor of Eastport has opened a new ferry terminal. The terminal is large and bright."
    assert dated(body) == [("2025-12-06", "publication", "The mayor of")]


def test_the_title_carries_the_news_when_the_body_has_no_sentence():
    assert dated("", title="Harbour pilots strike over night shifts") == [
        ("2025-12-06", "publication", "Harbour pilots strike")]


def test_later_deeds_take_the_day_the_story_happened():
    body = ("Yesterday the council of Eastport voted to close the old bridge.\n\n"
            "The mayor said the vote was close. The bridge is two hundred years old.\n\n"
            "Engineers have warned about its cables.")
    assert dated(body) == [("2025-12-05", "text", "Yesterday the council"),
                           ("2025-12-05", "context", "The mayor said"),
                           ("2025-12-05", "context", "Engineers have warned")]


def test_an_undated_deed_takes_the_date_of_the_sentence_before_it_in_its_paragraph():
    body = ("Shares of the shipyard rose sharply today.\n\n"
            "The yard was founded in 1911. It built trawlers for the northern fleet.\n\n"
            "Its chairman welcomed the rise.")
    assert [d[:2] for d in dated(body)] == [("2025-12-06", "text"), ("1911", "text"), ("1911", "context"),
                                            ("2025-12-06", "publication")]


def test_a_history_carries_its_dates_across_paragraphs_and_the_present_perfect_is_now():
    body = ("The lighthouse keeper arrived on the island in 1921.\n\n"
            "He repaired the lamp and painted the tower.\n\n"
            "The island has become a bird reserve.")
    assert [d[:2] for d in dated(body)] == [("1921", "text"), ("1921", "context"), ("2025-12-06", "publication")]


def test_the_writers_own_visit_takes_the_writers_date_not_the_history_year_before_it():
    body = ("I toured the Kladno steelworks twice in June 2011. Founded in 1889, the plant once employed "
            "twenty thousand workers.\n\n"
            "In the control room, beside a portrait of its founder, I received a briefing on the furnaces. "
            "The oldest furnace was shut down soon after.")
    assert [d[:2] for d in dated(body)] == [("2011-06", "text"), ("1889", "text"), ("2011-06", "context"),
                                            ("2011-06", "context")]


def test_the_writer_in_the_first_person_without_a_date_of_their_own_is_on_the_publication_day():
    body = ("The Lindqvist brewery opened its cellars to visitors last week.\n\n"
            "The brewery was founded in 1874 and kept its oak casks. I watched the brewers fill them by hand.")
    assert [d[:2] for d in dated(body)][-2:] == [("1874", "text"), ("2025-12-06", "publication")]


@pytest.mark.parametrize("sentence, speaks", [
    ("In the hall, I received an overview of the programmes.", True),
    ("Then I toured the plant.", True),
    ("We walked through the yard.", True),
    ("Elizabeth I was crowned queen.", False),
    ("After World War I ended, the yard closed.", False),
    ('"I signed the lease," the founder wrote.', False),
    ("“We are ready,” the minister said.", False),
])
def test_the_writer_speaking_is_told_from_a_quotation_and_a_numeral(sentence, speaks):
    assert happenings.writer_speaks(sentence) is speaks


def test_lines_of_figures_are_no_happenings():
    assert dated("Shr 45 cts vs 30 cts Net 5,120,000 vs 3,900,000 Revs 40.1 mln vs 33.2 mln") == []


@pytest.mark.parametrize("body, expected", [
    ("Bond prices fell on Monday, to lows not seen since March 1974.", ["2025-12-01"]),
    ("The storm was the worst since the winter of 1962 for the valley's farmers.", ["2025-12-06"]),
    ("This regatta, the biggest sailing race in the bay since 2011, drew crowds.", ["2025-12-06"]),
    ("Harvests were smaller than in 1998, the ministry reported.", ["2025-12-06"]),
    ("The company has grown steadily since 2004.", ["2004"]),
])
def test_a_yardstick_date_does_not_date_the_happening(body, expected):
    assert [e.value for e in extract_events(article(body))] == expected


def test_several_dates_in_a_sentence_each_date_their_own_clause():
    events = extract_events(article("The firm opened a plant in 1976, and in 1984 it sold the plant to a rival."))
    assert [(e.value, e.headline) for e in events] == [
        ("1976", "The firm opened a plant in 1976"), ("1984", "In 1984 it sold the plant to a rival")]


def test_figurative_tomorrow_is_no_date_but_a_real_tomorrow_is():
    assert [e.value for e in extract_events(article("The fair shows the kitchens of tomorrow to visitors."))] == [
        "2025-12-06"]
    assert [e.value for e in extract_events(article("The fair opens to visitors tomorrow in the old hall."))] == [
        "2025-12-07"]


def test_a_time_of_day_dates_a_happening_on_its_day():
    [event] = extract_events(article("The rocket lifted off at 16:00 UTC today from the northern pad."))
    assert (event.value, event.precision, event.anchor) == ("2025-12-06", "day", "text")


@pytest.mark.parametrize("line, expected", [
    ("1815: Napoleonic Wars: Battle of Ligny: Marshal Grouchy's corps marches north at dawn.",
     "Marshal Grouchy's corps marches north at dawn"),
    ("1901: Norway: The first ski jump opens above the fjord.", "The first ski jump opens above the fjord"),
    # Topics in any case, with abbreviations, before a lowercase happening.
    ("1702: Great lighthouse fire: the keepers rescue forty sailors from the rocks.",
     "The keepers rescue forty sailors from the rocks"),
    ("1850: St. Wendel flood: The river bursts its banks above the mill.", "The river bursts its banks above the mill"),
    ("1911: Harbour strike ends: Dockers return to work after nine weeks.", "Dockers return to work after nine weeks"),
    # A colon before figures or a single name ends no topic: the words before it are the happening.
    ("1933: The mayor signs two orders: 61 to open parks, and 62 to close mines.", "The mayor signs two orders"),
    ("1788: An astronomer finds a new comet: Kestrel.", "An astronomer finds a new comet"),
])
def test_a_chronology_line_is_headed_by_its_happening_not_its_topics(line, expected):
    [event] = extract_events(article(line, published=None))
    assert event.headline == expected


def test_a_year_inside_a_chronology_topic_is_part_of_a_name_not_a_date():
    events = extract_events(article("1815: War of 1812: Battle of Pine Creek: The militia holds the ford.", published=None))
    assert [(e.value, e.headline) for e in events] == [("1815", "The militia holds the ford")]
