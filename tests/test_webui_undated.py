"""An archive without publication dates (a chronicle of days): every export and sort works."""
from __future__ import annotations

import csv
import io
import json

import pytest

from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from webui import create_app

# Three entries of a made-up chronicle, no publication dates; ids that sort wrongly as text.
CHRONICLE = {
    f"day-{n}.md": f"---\ntitle: Day {n} of the chronicle\n---\nOn this day in {1800 + n} a lighthouse keeper wrote a letter.\n"
    for n in (1, 2, 10)
}
MIXED = {
    "dated.md": "---\ntitle: A dated note\ndate: 2001-05-04\n---\nThe ferry sailed in 1950.\n",
    "older.md": "---\ntitle: An older note\ndate: 1999-01-02\n---\nThe ferry was built in 1948.\n",
    "undated.md": "---\ntitle: An undated note\n---\nThe ferry sank in 1960.\n",
}


def _client(tmp_path, articles):
    corpus = write_corpus(tmp_path / "corpus", articles)
    build_index(corpus, tmp_path / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()


@pytest.fixture
def chronicle(tmp_path):
    return _client(tmp_path, CHRONICLE)


@pytest.mark.parametrize("path", ["/search.csv", "/search.json", "/search.csv?sort=newest", "/search.json?sort=oldest",
                                  "/search.csv?q=lighthouse&sort=newest", "/search.json?q=letter&sort=oldest",
                                  "/search.csv?q=keeper&year=1801", "/api/search?sort=oldest", "/search?sort=newest"])
def test_every_export_and_sort_answers_on_an_undated_archive(chronicle, path):
    response = chronicle.get(path)
    assert response.status_code == 200, response.text[:200]
    assert "Day 1 of the chronicle" in response.text


def test_undated_articles_read_in_the_natural_order_of_their_ids(chronicle):
    rows = list(csv.reader(io.StringIO(chronicle.get("/search.csv?sort=newest").text)))
    assert [r[0] for r in rows[1:]] == ["day-1", "day-2", "day-10"]
    hits = chronicle.get("/api/search").get_json()["hits"]  # an empty query: newest first
    assert [h["id"] for h in hits] == ["day-1", "day-2", "day-10"]


def test_undated_articles_sort_last_both_ways(tmp_path):
    client = _client(tmp_path, MIXED)
    newest = json.loads(client.get("/search.json?q=ferry&sort=newest").text)["hits"]
    oldest = json.loads(client.get("/search.json?q=ferry&sort=oldest").text)["hits"]
    assert [h["id"] for h in newest] == ["dated", "older", "undated"]
    assert [h["id"] for h in oldest] == ["older", "dated", "undated"]
    page = client.get("/api/search?q=ferry&sort=oldest").get_json()["hits"]
    assert [h["id"] for h in page] == ["older", "dated", "undated"]
