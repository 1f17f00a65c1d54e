"""The engine seam: chosen by configuration, and the only way the web and the CLI reach an index."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from archive.cli import cli
from archive.config import Settings
from archive.errors import ConfigError
from index import open_engine
from index.engine import Engine
from index.whoosh.engine import WhooshEngine
from webui import create_app

API = [name for name, member in vars(Engine).items() if callable(member) and not name.startswith("_")]


def test_the_api_is_the_one_the_issue_names():
    assert set(API) == {"search", "iter_hits", "suggest", "article", "timeline", "iter_timeline", "reindex"}


@pytest.mark.parametrize("name", API)
def test_the_whoosh_engine_takes_the_arguments_of_the_protocol(name):
    wanted = inspect.signature(getattr(Engine, name))
    given = inspect.signature(getattr(WhooshEngine, name))
    assert list(given.parameters) == list(wanted.parameters)
    assert [p.kind for p in given.parameters.values()] == [p.kind for p in wanted.parameters.values()]


def test_whoosh_is_the_default_and_reads_the_index_folder(index_dir):
    engine = open_engine(Settings(index_dir=index_dir))
    assert (engine.name, engine.location) == ("whoosh", str(index_dir))
    assert [hit.id for hit in engine.search("moon").hits] == ["moon"]
    assert engine.article("moon", "apollo").title == "Moon landing remembered"
    assert engine.timeline(article="moon").total == len(list(engine.iter_timeline(article="moon"))) > 0


def test_an_unknown_engine_is_refused():
    with pytest.raises(ConfigError, match="Unknown engine 'solr'"):
        open_engine(Settings(engine="solr"))


def test_the_cli_engine_flag_wins_over_the_environment(runner, index_dir, monkeypatch):
    monkeypatch.setenv("ARCHIVE_ENGINE", "opensearch")  # and no address: unusable
    result = runner.invoke(cli, ["search", "moon", "--index", str(index_dir)])
    assert result.exit_code == 1 and "needs the cluster's address" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["search", "moon", "--index", str(index_dir), "--engine", "whoosh"])
    assert result.exit_code == 0 and "1 article" in result.output


def test_the_web_says_an_unusable_engine_is_not_ready(index_dir):
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "ENGINE": "solr"}).test_client()
    response = client.get("/search?q=moon")
    assert response.status_code == 503 and b"Unknown engine" in response.data


def test_the_web_follows_a_changed_index_folder(index_dir, tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")})
    assert app.test_client().get("/api/search?q=moon").status_code == 503
    app.config["INDEX_DIR"] = str(index_dir)
    assert app.test_client().get("/api/search?q=moon").get_json()["total"] == 1


def test_reindex_through_the_engine_reports_where(runner, corpus_dir, tmp_path):
    result = runner.invoke(cli, ["reindex", "--corpus", str(corpus_dir), "--index", str(tmp_path / "ix"),
                                 "--engine", "whoosh"])
    assert result.exit_code == 0, result.output
    assert f"3 articles and 5 events in {Path(tmp_path / 'ix')}" in result.output
