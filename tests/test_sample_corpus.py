"""The sample corpus end to end: what the README promises a researcher."""
from __future__ import annotations

import json

from archive.cli import cli
from archive.corpus import load_corpus
from tests.conftest import SAMPLE_CORPUS

FEATURE = "north-korea-ai-warrior"


def search_json(runner, index_dir, *args):
    result = runner.invoke(cli, ["search", *args, "--index", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_eunbyeol_finds_the_ai_feature_first(runner, sample_index):
    data = search_json(runner, sample_index, "Eunbyeol")
    assert data["hits"][0]["id"] == FEATURE
    assert "<mark" in data["hits"][0]["snippet"] and "Eunbyeol</mark>" in data["hits"][0]["snippet"]


def test_phrase_search_narrowed_to_2013_finds_the_feature(runner, sample_index):
    data = search_json(runner, sample_index, '"artificial intelligence"', "--year", "2013")
    assert [hit["id"] for hit in data["hits"]] == [FEATURE]


def test_feature_years_are_the_years_it_talks_about(runner, sample_index):
    [hit] = [h for h in search_json(runner, sample_index, "Eunbyeol")["hits"] if h["id"] == FEATURE]
    years = set(hit["years"])
    assert {1990, 1997, 2000, 2006, 2008, 2013, 2017, 2019, 2021, 2025} <= years
    assert years.isdisjoint({1920, 1930, 2010})


def test_every_sample_article_is_indexed_with_its_date(runner, sample_index):
    data = search_json(runner, sample_index, "", "--limit", "50")
    assert data["total"] == 4
    assert {hit["published"] for hit in data["hits"]} == {"2025-12-06"}
    assert data["facets"]["pub_year"] == {"2025": 4}


def test_sample_timeline_places_each_event_in_its_year_with_its_sentence(runner, sample_index):
    result = runner.invoke(cli, ["timeline", "--index", str(sample_index), "--json"])
    events = json.loads(result.output)["events"]
    expected = [
        ("1990", "Established in 1990"), ("1997", "Go program Eunbyeol"),
        ("2000", "Kim Chaek University of Technology introduced AI courses"),
        ("May 2006", "Korea Computer Center"), ("late 2006", "Youngjo Machine Translation Program"),
        ("January 2008", "18th National Program Competition and Exhibition"),
        ("2013", "established the Artificial Intelligence Research Institute"),
        ("2017", "Ryongnamsan 5.1"), ("2019", "National Informatization Performance Exhibition – 2019"),
        ("2021", "8th Workers’ Party Congress"), ("2024", "treaty with Russia"),
        ("2025", "Exhibition in 2025"), ("2026", "RoboCup 2026"),
    ]
    for label, words in expected:
        assert any(e["label"] == label and words in e["sentence"] for e in events), label
    feature = next(a.body for a in load_corpus(SAMPLE_CORPUS).articles if a.id == FEATURE)
    for event in events:
        if event["article_id"] == FEATURE and event["start"] is not None:
            assert feature[event["start"]:event["end"]] == event["sentence"]
    assert {e["year"] for e in events}.isdisjoint({1920, 1930, 2010})
    assert [e["year"] for e in events] == sorted(e["year"] for e in events)


def test_timeline_from_2013_to_2019_opens_with_the_founding_and_ends_with_the_exhibition(runner, sample_index):
    result = runner.invoke(cli, ["timeline", "--index", str(sample_index), "--from", "2013", "--to", "2019", "--json"])
    events = json.loads(result.output)["events"]
    assert "Artificial Intelligence Research Institute" in events[0]["sentence"]
    # The dates written in the text: the exhibition is the last of them. Sentences after it
    # that the story dates to 2019 ("This exhibition ... highlighted AI") follow it.
    written = [e for e in events if e["anchor"] == "text"]
    assert "Exhibition – 2019" in written[-1]["sentence"]
    assert [e["year"] for e in events] == sorted(e["year"] for e in events)
    assert all(e["year"] == 2019 for e in events[events.index(written[-1]):])


def test_every_sample_article_puts_its_news_on_the_timeline_and_no_yardstick_date(runner, sample_index):
    result = runner.invoke(cli, ["timeline", "--index", str(sample_index), "--json"])
    events = json.loads(result.output)["events"]
    leads = {e["article_id"]: e for e in events if e["anchor"] == "publication"}
    for article_id in ("south-korea-telegram-drug-smuggling", "trump-kim-summit"):
        assert leads[article_id]["date"] == "2025-12-06"
    assert 2016 not in {e["year"] for e in events}  # "the largest IT event ... since 2016" is a 2019 happening



def test_the_reporters_own_visit_is_not_filed_under_the_history_year_before_it(runner, sample_index):
    events = json.loads(runner.invoke(cli, ["timeline", "conference room overview", "--json",
                                            "--index", str(sample_index)]).output)["events"]
    [visit] = [e for e in events if e["sentence"].startswith("In a conference room")]
    # The reporter dated the visit ("I visited ... twice in May 2006"); 1990 is the centre's founding.
    assert (visit["date"], visit["anchor"]) == ("2006-05", "context")
