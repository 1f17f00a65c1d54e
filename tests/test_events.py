"""Events: every sentence that says when something happened, dated by what it says."""
from __future__ import annotations

from datetime import date

import pytest

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


def test_centuries_and_undated_sentences_are_not_events():
    body = "The twenty-first century is the era of information. Over 150 researchers worked there."
    assert extract_events(article(body)) == []


def test_a_year_in_the_title_is_an_event_of_the_article():
    [event] = extract_events(article("The fair is set to take place in Incheon.", title="Expo 2026: Incheon hosts"))
    assert (event.year, event.start, event.sentence) == (2026, None, "Expo 2026: Incheon hosts")


def test_the_publication_date_alone_is_not_an_event():
    assert extract_events(article("Robots are everywhere now.")) == []


def test_event_ids_are_stable_while_the_sentence_is_unchanged():
    first = extract_events(article("Intro. In 2013, they founded it."))
    moved = extract_events(article("A longer intro here. In 2013, they founded it."))
    edited = extract_events(article("Intro. In 2013, they founded it again."))
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
    by_label = {e.label: e for e in events}
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
