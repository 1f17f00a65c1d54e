"""A person's timeline reaches the sentences that name them by surname in articles that name them in full."""
from __future__ import annotations

import json

import pytest

from archive.cli import cli
from index.whoosh import timeline as timelines
from index.short_names import surname
from index.whoosh.writer import build_index
from tests.conftest import story, write_corpus


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


def test_surname_sentences_of_the_article_that_names_the_person_join_the_timeline(index_dir):
    page = timelines.timeline(index_dir, "Maria Oakhill")
    sentences = {entry.sentence for entry in page.entries}
    assert "Oakhill announced a new prize for young growers." in sentences
    assert "Oakhill said the show had drawn record crowds." in sentences


def test_an_article_that_never_names_the_person_in_full_stays_out(index_dir):
    page = timelines.timeline(index_dir, "Maria Oakhill")
    assert all(entry.article_id == "keynote" for entry in page.entries)
    # The surname alone is a plain query: it matches both articles.
    assert {e.article_id for e in timelines.timeline(index_dir, "Oakhill").entries} == {"keynote", "other"}


def test_the_cli_timeline_shows_the_surname_sentences(index_dir, runner):
    result = runner.invoke(cli, ["timeline", "Maria Oakhill", "--json", "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    headlines = [e["headline"] for e in json.loads(result.output)["events"]]
    assert any("new prize" in h for h in headlines)


@pytest.mark.parametrize("q, expected", [("Steve Jobs", "Jobs"), ("Maria de Oakhill", None),
                                         ("jobs report", None), ("Maria", None), ("Maria OR Oakhill", None)])
def test_only_a_plain_name_has_a_surname(q, expected):
    assert surname(q) == expected


def test_a_pronoun_after_a_short_lead_in_still_speaks_of_the_titles_subject(tmp_path):
    articles = {"profile.md": story("Tomas Brenner retires", "2022-09-01",
                                    "The harbour pilot Tomas Brenner retired on Wednesday.\n\n"
                                    "In 1984 he guided his first tanker into the port.\n\n"
                                    "In 1990 a storm closed the port for a week.")}
    build_index(write_corpus(tmp_path / "corpus", articles), tmp_path / "index")
    values = {entry.value for entry in timelines.timeline(tmp_path / "index", "Tomas Brenner").entries}
    assert "1984" in values  # "In 1984 he guided": he is the subject the title names
    assert "1990" not in values  # a storm is not Tomas Brenner's happening


def test_a_model_number_the_index_drops_is_checked_in_the_sentence(tmp_path, runner):
    articles = {"four.md": story("Tablet launch", "2021-04-02", "Brightwave released the Lumo 4 tablet on Thursday."),
                "three.md": story("Older tablet", "2019-03-01", "Brightwave released the Lumo 3 tablet on Thursday.")}
    build_index(write_corpus(tmp_path / "corpus", articles), tmp_path / "index")
    assert [e.article_id for e in timelines.timeline(tmp_path / "index", "Lumo 4").entries] == ["four"]
    assert {e.article_id for e in timelines.timeline(tmp_path / "index", "Lumo").entries} == {"four", "three"}
    result = runner.invoke(cli, ["timeline", "Lumo 4", "--csv", "--index", str(tmp_path / "index")])
    assert result.exit_code == 0 and "Lumo 4" in result.output and "Lumo 3" not in result.output
