"""One entry per happening: repeats across articles fold, with their sources and a count."""
from __future__ import annotations

import json

import pytest

from archive.cli import cli
from archive.repeats import happening_key, repeat_key
from index.whoosh import timeline as timelines
from index.whoosh.writer import build_index
from tests.conftest import story, write_corpus


ARTICLES = {
    "wire-a.md": story("Mill closes", "2024-03-05",
                       "On Monday the Northfield paper mill announced it would close its river plant."),
    "wire-b.md": story("Paper mill to shut", "2024-03-05",
                       "The Northfield paper mill announced on Monday it would close its river plant, a spokesman said."),
    "wire-c.md": story("Town reacts", "2024-03-06",
                       "On Monday, the Northfield paper mill announced that it would close the river plant."),
    "other.md": story("Ferry news", "2024-03-05",
                      "On Monday the harbour ferry service announced new winter timetables for islanders."),
}


@pytest.fixture
def index_dir(tmp_path):
    build_index(write_corpus(tmp_path / "corpus", ARTICLES), tmp_path / "index")
    return tmp_path / "index"


def test_copies_of_one_happening_are_one_entry_listing_every_source(index_dir):
    page = timelines.timeline(index_dir, "mill")
    [entry] = page.entries
    assert entry.value == "2024-03-04" and entry.reported_by == 3 and page.total == 1
    assert sorted([entry.article_id] + [m.article_id for m in entry.also]) == ["wire-a", "wire-b", "wire-c"]


def test_different_happenings_of_one_day_stay_apart(index_dir):
    page = timelines.timeline(index_dir, year_from=2024, year_to=2024)
    assert sorted(e.reported_by for e in page.entries) == [1, 3]
    assert page.density[0].count == 2  # the strip counts happenings, not mentions


def test_salience_sorts_and_filters_by_the_number_of_sources(index_dir):
    assert [e.article_id for e in timelines.timeline(index_dir, min_sources=2).entries] == ["wire-a"]
    assert [e.reported_by for e in timelines.timeline(index_dir, by_sources=True).entries] == [3, 1]


def test_the_cli_json_carries_the_count_and_each_source(index_dir, runner):
    result = runner.invoke(cli, ["timeline", "mill", "--index", str(index_dir), "--json"])
    [event] = json.loads(result.output)["events"]
    assert event["reported_by"] == 3 and event["anchor"] == "text"
    assert {m["article_id"] for m in event["also"]} == {"wire-b", "wire-c"}
    text = runner.invoke(cli, ["timeline", "mill", "--index", str(index_dir)]).output
    assert "reported by 3 articles" in text


def test_written_only_leaves_out_happenings_dated_from_context(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.md": story(
        "Bridge", "2024-03-05", "The council has reopened the old bridge. It was built in 1901.")})
    build_index(corpus, tmp_path / "index")
    assert [e.anchor for e in timelines.timeline(tmp_path / "index").entries] == ["text", "publication"]
    assert [e.value for e in timelines.timeline(tmp_path / "index", written_only=True).entries] == ["1901"]


@pytest.mark.parametrize("one, other, same", [
    ("Acme Corp cut 2,000 jobs at its Leeds factory", "Acme Corp said it cut 2000 jobs at the Leeds factory", True),
    ("Acme Corp cut 2,000 jobs at its Leeds factory", "Acme Corp opened a new warehouse near Leeds", False),
    # The date's own numbers are not figures: a rewrite may say "Monday" for "March 4".
    ("Acme Corp cut 2,000 jobs on March 4", "On Monday, Acme Corp said it cut 2,000 jobs", True),
    # Routine reports in the same words are told apart by their figures.
    ("The Harbour Bank issued 2.5 billion crowns of deposit certificates, bringing issues so far this year to 40.5 billion",
     "The Harbour Bank issued 6.1 billion crowns of deposit certificates, bringing issues so far this year to 46.6 billion",
     False),
    ("Quarterly dividend 12 cents vs 10 cents prior, payable July 15, record July 1",
     "Quarterly dividend 20 cents vs 20 cents prior, payable July 30, record July 10", False),
    ("It said the dividend is payable March 4 to shareholders of record February 18",
     "It said the dividend is payable April 2 to shareholders of record March 4", False),
    ("Fenwick said its Model 30 computer is now on sale", "Fenwick said its Model 60 computer is now on sale", False),
])
def test_repeat_keys_follow_the_words_that_matter(one, other, same):
    assert (repeat_key("2024-03-04", one) == repeat_key("2024-03-04", other)) is same
    assert repeat_key("2024-03-04", one) != repeat_key("2024-03-05", one)


def test_a_query_matches_the_happening_not_every_event_that_shares_its_article(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.md": story(
        "Acme and Globex sign a supply deal", "2024-03-05",
        "Acme signed a supply deal with Globex on Monday.\n\nGlobex opened a plant in 1999.\n\n"
        "Its first chairman retired in 2001.")})
    build_index(corpus, tmp_path / "index")
    events = {q: [e.value for e in timelines.timeline(tmp_path / "index", q).entries] for q in ("Acme", "plant")}
    # Not Globex's plant, though the title names Acme; "Its first chairman" speaks of the title's subject.
    assert events == {"Acme": ["2001", "2024-03-04"], "plant": ["1999"]}


def test_the_happening_key_leaves_out_the_date_and_its_numbers():
    founded = happening_key("2013", "The Lakeside Rowing Club was founded in 2013 by four teachers")
    assert founded == happening_key("2012", "The Lakeside Rowing Club was founded in 2012 by four teachers")
    assert founded != happening_key("2013", "The Lakeside Rowing Club was founded in 2013 by five teachers")


def test_routine_reports_of_one_year_stay_apart_and_their_copies_fold(tmp_path):
    # "so far this year" dates each report by its year only: their words match, their figures do not.
    issue = ("Deposit certificates were in demand.\n\nThe Harbour Bank issued {} billion crowns of deposit "
             "certificates, bringing issues so far this year to {} billion, a bank official said.")
    corpus = write_corpus(tmp_path / "corpus", {
        "march.md": story("Harbour Bank deposits", "2024-03-05", issue.format("2.5", "40.5")),
        "march-copy.md": story("Harbour Bank issues certificates", "2024-03-05", issue.format("2.5", "40.5")),
        "april.md": story("Harbour Bank deposits", "2024-04-09", issue.format("6.1", "46.6")),
    })
    build_index(corpus, tmp_path / "index")
    entries = timelines.timeline(tmp_path / "index", "harbour bank").entries
    assert sorted((e.value, e.reported_by, e.headline.split()[4]) for e in entries) == [
        ("2024", 1, "6.1"), ("2024", 2, "2.5")]
