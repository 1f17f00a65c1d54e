"""The sample corpus end to end: what the README promises a researcher."""
from __future__ import annotations

import json

from archive.cli import cli

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
