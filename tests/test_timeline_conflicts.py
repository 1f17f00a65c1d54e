"""Conflicts (one happening, dates that cannot both hold) and planned happenings, in every shape."""
from __future__ import annotations

import csv
import io
import json

import pytest

from archive.cli import cli
from index.whoosh.writer import build_index
from tests.conftest import cli_flags, engine_config, engine_for, story, write_corpus
from webui import create_app


FOUNDED = "The Larkspur rowing club was founded by three fishermen in {}."
ARTICLES = {
    "a.md": story("Club history", "2020-01-05", FOUNDED.format(1921)),
    "b.md": story("Regatta", "2020-02-05", FOUNDED.format(1921)),
    "c.md": story("Anniversary", "2020-03-05", FOUNDED.format(1921)),
    "d.md": story("Letters", "2020-04-05", FOUNDED.format(1912)),
    "e.md": story("Boathouse", "2020-05-05", FOUNDED.format("March 1921")),
    "plan.md": story("Bridge plans", "2020-06-01", "The council said the new footbridge will open in 2027."),
    "done.md": story("Harbour", "2020-06-02", "The old harbour wall collapsed in 2019 after a storm."),
}


@pytest.fixture
def index_dir(tmp_path):
    build_index(write_corpus(tmp_path / "corpus", ARTICLES), tmp_path / "index")
    return tmp_path / "index"


@pytest.fixture
def engine(index_dir, engine_name, request):
    """These articles on each engine in turn: the marks are the same whichever answers."""
    return engine_for(engine_name, request, index_dir.parent / "corpus", index_dir, "conflicts")


@pytest.fixture
def config(index_dir, engine_name, request):
    """The web app's config for these articles, on each engine in turn."""
    return engine_config(engine_name, request, index_dir.parent / "corpus", index_dir, "conflicts")


@pytest.fixture
def flags(config, monkeypatch):
    """The command line's flags for these articles, on each engine in turn."""
    return cli_flags(config, monkeypatch)


def test_the_same_happening_under_clashing_dates_says_so(engine):
    entries = {e.value: e for e in engine.timeline("rowing club founded").entries}
    assert entries["1921"].conflict == "1921 in 3 articles; 1912 in 1 article"
    assert entries["1912"].conflict == "1912 in 1 article; 1921 in 3 articles; March 1921 in 1 article"
    # March 1921 can hold with 1921: it clashes only with 1912.
    assert entries["1921-03"].conflict == "March 1921 in 1 article; 1912 in 1 article"


def test_a_different_happening_of_another_year_is_no_conflict(engine):
    [wall] = engine.timeline("harbour wall").entries
    assert wall.conflict == "" and wall.versions == () and not wall.planned


def test_planned_happenings_are_marked(engine):
    [bridge] = engine.timeline("footbridge").entries
    assert bridge.planned and bridge.value == "2027"
    # An export reads the same marks as a page.
    exported = {e.value: e for e in engine.iter_timeline("rowing club founded")}
    assert exported["1921"].conflict == "1921 in 3 articles; 1912 in 1 article"


def test_cli_json_csv_and_text_carry_conflict_and_planned(flags, runner):
    data = json.loads(runner.invoke(cli, ["timeline", "rowing club founded", "--json", *flags]).output)
    first = next(e for e in data["events"] if e["date"] == "1921")
    assert first["versions"] == [{"date": "1921", "label": "1921", "articles": 3},
                                 {"date": "1912", "label": "1912", "articles": 1}]
    assert first["conflict"] == "1921 in 3 articles; 1912 in 1 article" and first["planned"] is False
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(cli, ["timeline", "footbridge", "--csv", *flags]).output)))
    assert rows[0]["planned"] == "True" and rows[0]["conflict"] == ""
    text = runner.invoke(cli, ["timeline", "rowing", *flags]).output
    assert "dates differ: 1921 in 3 articles; 1912 in 1 article" in text
    assert "(planned)" in runner.invoke(cli, ["timeline", "footbridge", *flags]).output


def test_web_page_and_api_show_conflict_and_planned(config):
    client = create_app(config).test_client()
    page = client.get("/timeline?q=rowing").get_data(as_text=True)
    assert "Dates differ: 1921 in 3 articles; 1912 in 1 article" in page
    assert "Planned" in client.get("/timeline?q=footbridge").get_data(as_text=True)
    api = client.get("/api/timeline?q=footbridge").get_json()
    assert api["entries"][0]["planned"] is True


def test_the_conflicts_filter_keeps_only_happenings_whose_dates_clash(engine):
    page = engine.timeline(conflicts=True)
    assert sorted(e.value for e in page.entries) == ["1912", "1921", "1921-03"] and page.total == 3
    assert all(e.conflict for e in page.entries)
    assert [e.value for e in engine.iter_timeline("harbour", conflicts=True)] == []
    assert [e.value for e in engine.iter_timeline(conflicts=True, min_sources=2)] == ["1921"]


def test_cli_lists_the_conflicts_with_one_option(flags, runner):
    result = runner.invoke(cli, ["timeline", "--conflicts", *flags])
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "3 events"
    assert "footbridge" not in result.output and "harbour" not in result.output
    data = json.loads(runner.invoke(cli, ["timeline", "--conflicts", "--json", *flags]).output)
    assert data["total"] == 3 and all(e["conflict"] for e in data["events"])


def test_web_page_api_and_exports_take_the_conflicts_filter(config):
    client = create_app(config).test_client()
    page = client.get("/timeline?conflicts=1").get_data(as_text=True)
    assert "footbridge" not in page and page.count("Dates differ: ") == 3
    assert 'name="conflicts" value="1" checked' in page
    assert '<a href="/timeline">Dates differ' in page  # the chip that removes the filter
    assert client.get("/api/timeline?conflicts=1").get_json()["total"] == 3
    rows = list(csv.DictReader(io.StringIO(client.get("/timeline.csv?conflicts=1").get_data(as_text=True))))
    assert len(rows) == 3 and all(row["conflict"] for row in rows)
    assert client.get("/timeline?conflicts=maybe").status_code == 400
    assert client.get("/api/timeline?min_sources=0").get_json()["status"] == 400


def test_two_dates_of_one_sentence_are_no_conflict(tmp_path, engine_name, request):
    corpus = write_corpus(tmp_path / "corpus", {
        "trade.md": story("Port trade", "2020-03-10",
                          "Imports through the Larkspur port rose to 7.2 million tonnes in February from "
                          "6.9 million tonnes in January, the harbour board said."),
        "copy.md": story("Port figures", "2020-03-10",
                         "Imports through the Larkspur port rose to 7.2 million tonnes in February from "
                         "6.9 million tonnes in January, the harbour board said."),
    })
    build_index(corpus, tmp_path / "index")
    entries = engine_for(engine_name, request, corpus, tmp_path / "index", "two-dates").timeline("Larkspur imports").entries
    assert sorted((e.value, e.reported_by) for e in entries) == [("2020-01", 2), ("2020-02", 2)]
    assert [e.conflict for e in entries] == ["", ""]
