"""Typed years such as "500 BC", and an article page that keeps one-entry-per-line text apart."""
from __future__ import annotations

import pytest

from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from tests.hostile import make_client

ARTICLES = {
    "fleet.md": "---\ntitle: The old fleet\ndate: 2020-03-01\n---\n"
                "The harbour chronicle lists the voyages.\n\n"
                "480 BC: The fleet left the bay at dawn.\n"
                "1990: Divers found the wreck.\n",
    "wire.md": "---\ntitle: Wire copy\ndate: 2021-05-01\n---\n"
               "The committee said that the harbour\n"
               "would stay open for the fishing boats.\n",
}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    root = tmp_path_factory.mktemp("reader")
    build_index(write_corpus(root / "corpus", ARTICLES), root / "index")
    return make_client(root / "index")


@pytest.mark.parametrize("typed", ["500+BC", "500+bce", "-499", "500 B.C."])
def test_a_bc_year_can_be_typed_either_way(web, typed):
    bc = web.get(f"/search?from={typed}&to=1+BC")
    assert bc.status_code == 200
    assert "The old fleet" in bc.text
    modern = web.get("/search?from=1900&to=1950")
    assert "The old fleet" not in modern.text


@pytest.mark.parametrize("typed", ["0+BC", "-5+BC", "five", "500BCX"])
def test_a_year_that_cannot_be_read_is_a_400_with_an_example(web, typed):
    response = web.get(f"/search?from={typed}")
    assert response.status_code == 400
    assert "500 BC or -499" in response.text


def test_ad_and_ce_years_read_as_plain_years(web):
    assert web.get("/search?from=AD+1990&to=1990+CE").text.count("The old fleet") >= 1
    assert "The old fleet" not in web.get("/search?from=AD+1991&to=2000").text


def test_one_entry_per_line_keeps_its_line_breaks_and_wrapped_prose_runs_on(web):
    listed = web.get("/articles/fleet").text
    between = listed[listed.index("at dawn."):listed.index("1990: Divers")]
    assert "<br>" in between
    wrapped = web.get("/articles/wire").text
    assert "<br>" not in wrapped[wrapped.index('class="body"'):]


def test_the_events_are_announced_near_the_top_with_a_link(web):
    text = web.get("/articles/fleet").text
    jump = text.index('href="#events-title"')
    assert jump < text.index('class="body"')
    assert "2 dated events in this article" in text
    assert 'id="events-title"' in text
    assert 'href="#events-title"' not in web.get("/articles/wire").text


def test_the_timeline_form_writes_a_typed_bc_year_back_as_a_reader_would(web):
    text = web.get("/timeline?from=-499&to=1+BC").text
    assert 'value="500 BC"' in text and 'value="1 BC"' in text
    assert "The fleet left the bay at dawn" in text
    assert "Divers found the wreck" not in text
