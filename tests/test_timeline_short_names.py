"""A person's timeline reaches the sentences that name them by surname in articles that name them in full."""
from __future__ import annotations

import json

import pytest

from archive.cli import cli
from index.short_names import surname
from index.whoosh.writer import build_index
from tests.conftest import cli_flags, engine_config, engine_for, story, write_corpus
from webui import create_app


ARTICLES = {
    "keynote.md": story("Garden show opens", "2023-05-10",
                        "Maria Oakhill opened the spring garden show in Leeds on Tuesday.\n\n"
                        "Oakhill announced a new prize for young growers.\n\n"
                        "Oakhill said the show had drawn record crowds."),
    "other.md": story("Roads", "2023-05-11",
                      "A bridge named after the Oakhill family closed for repairs on Wednesday."),
}


@pytest.fixture
def index_dir(tmp_path):
    build_index(write_corpus(tmp_path / "corpus", ARTICLES), tmp_path / "index")
    return tmp_path / "index"


@pytest.fixture
def engine(index_dir, engine_name, request):
    """These articles on each engine in turn: the query rules are the same whichever answers."""
    return engine_for(engine_name, request, index_dir.parent / "corpus", index_dir, "names")


@pytest.fixture
def config(index_dir, engine_name, request):
    """The web app's config for these articles, on each engine in turn."""
    return engine_config(engine_name, request, index_dir.parent / "corpus", index_dir, "names")


def test_surname_sentences_of_the_article_that_names_the_person_join_the_timeline(engine):
    page = engine.timeline("Maria Oakhill")
    sentences = {entry.sentence for entry in page.entries}
    assert "Oakhill announced a new prize for young growers." in sentences
    assert "Oakhill said the show had drawn record crowds." in sentences


def test_an_article_that_never_names_the_person_in_full_stays_out(engine):
    page = engine.timeline("Maria Oakhill")
    assert all(entry.article_id == "keynote" for entry in page.entries)
    # The surname alone is a plain query: it matches both articles.
    assert {e.article_id for e in engine.timeline("Oakhill").entries} == {"keynote", "other"}


def test_the_cli_timeline_shows_the_surname_sentences(config, runner, monkeypatch):
    result = runner.invoke(cli, ["timeline", "Maria Oakhill", "--json", *cli_flags(config, monkeypatch)])
    assert result.exit_code == 0, result.output
    headlines = [e["headline"] for e in json.loads(result.output)["events"]]
    assert any("new prize" in h for h in headlines)


def test_the_web_timeline_shows_the_surname_sentences_of_that_article_only(config):
    client = create_app(config).test_client()
    page = client.get("/timeline?q=Maria+Oakhill").get_data(as_text=True)
    assert "new prize for young growers" in page and "record crowds" in page
    assert "Oakhill family" not in page  # the other article never names her in full
    api = client.get("/api/timeline?q=Maria+Oakhill").get_json()
    assert {entry["article_id"] for entry in api["entries"]} == {"keynote"} and api["total"] >= 3


@pytest.mark.parametrize("q, expected", [("Steve Jobs", "Jobs"), ("Maria de Oakhill", None),
                                         ("jobs report", None), ("Maria", None), ("Maria OR Oakhill", None)])
def test_only_a_plain_name_has_a_surname(q, expected):
    assert surname(q) == expected


def test_a_pronoun_after_a_short_lead_in_still_speaks_of_the_titles_subject(tmp_path, engine_name, request):
    articles = {"profile.md": story("Tomas Brenner retires", "2022-09-01",
                                    "The harbour pilot Tomas Brenner retired on Wednesday.\n\n"
                                    "In 1984 he guided his first tanker into the port.\n\n"
                                    "In 1990 a storm closed the port for a week.")}
    corpus = write_corpus(tmp_path / "corpus", articles)
    build_index(corpus, tmp_path / "index")
    engine = engine_for(engine_name, request, corpus, tmp_path / "index", "pronoun")
    values = {entry.value for entry in engine.timeline("Tomas Brenner").entries}
    assert "1984" in values  # "In 1984 he guided": he is the subject the title names
    assert "1990" not in values  # a storm is not Tomas Brenner's happening


TABLETS = {"four.md": story("Tablet launch", "2021-04-02", "Brightwave released the Lumo 4 tablet on Thursday."),
           "three.md": story("Older tablet", "2019-03-01", "Brightwave released the Lumo 3 tablet on Thursday.")}


def test_a_model_number_the_index_drops_is_checked_in_the_sentence(tmp_path, engine_name, request):
    corpus = write_corpus(tmp_path / "corpus", TABLETS)
    build_index(corpus, tmp_path / "index")
    engine = engine_for(engine_name, request, corpus, tmp_path / "index", "models")
    assert [e.article_id for e in engine.timeline("Lumo 4").entries] == ["four"]
    assert [e.article_id for e in engine.iter_timeline("Lumo 4")] == ["four"]
    assert {e.article_id for e in engine.timeline("Lumo").entries} == {"four", "three"}


def test_the_cli_export_keeps_only_the_model_asked_for(tmp_path, runner, engine_name, request, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", TABLETS)
    build_index(corpus, tmp_path / "index")
    flags = cli_flags(engine_config(engine_name, request, corpus, tmp_path / "index", "models"), monkeypatch)
    result = runner.invoke(cli, ["timeline", "Lumo 4", "--csv", *flags])
    assert result.exit_code == 0 and "Lumo 4" in result.output and "Lumo 3" not in result.output
