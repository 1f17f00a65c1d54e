"""One table of filters: the web, the command line and the engine read the same names."""
from __future__ import annotations

import json

from archive.cli import cli
from index.filters import FILTERS
from index.whoosh import searcher

# A value of every filter that keeps only the moon article (see tests/conftest.py).
MOON = {"years": "1969", "pub_years": "2019", "event_years": "1969", "sources": "Space Weekly", "tags": "space"}


def test_every_filter_narrows_the_search_on_the_web(client):
    for f in FILTERS:
        data = client.get("/api/search", query_string={f.arg: MOON[f.name]}).get_json()
        assert [hit["id"] for hit in data["hits"]] == ["moon"], f.arg


def test_every_filter_narrows_the_search_on_the_command_line(runner, index_dir):
    for f in FILTERS:
        result = runner.invoke(cli, ["search", f.option, MOON[f.name], "--index", str(index_dir), "--json"])
        assert result.exit_code == 0, result.output
        assert [hit["id"] for hit in json.loads(result.output)["hits"]] == ["moon"], f.option


def test_a_chosen_value_is_marked_in_its_facet(index_dir):
    for f in FILTERS:
        value = int(MOON[f.name]) if f.kind == "year" else MOON[f.name]
        page = searcher.search(index_dir, "", **{f.name: (value,)})
        buckets = (page.facets if f.kind == "year" else page.terms)[f.facet]
        chosen = [b for b in buckets if b.selected]
        assert [getattr(b, "year", None) or b.label for b in chosen] == [value], f.name
