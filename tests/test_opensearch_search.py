"""The OpenSearch engine against the real 2-node cluster: the query language, facets, spans, exports.

Where it can, each test asks both engines the same question over the same corpus and expects the
same answer. Scores and the ranking of ties differ between the engines (Lucene's BM25 against
Whoosh's, and no feedback ranking on OpenSearch), so matches are compared as sets, facets exactly.
"""
from __future__ import annotations

import pytest

from index.whoosh import searcher as whoosh_searcher
from index.errors import IndexMissingError, QueryError
from index.opensearch import articles, search
from index.opensearch.connection import ClusterSettings, ClusterUnavailableError
from tests.conftest import ARTICLES, write_corpus
from tests.opensearch_helpers import feed, remove_all, settings_for
from index.whoosh.writer import build_index


@pytest.fixture(scope="module")
def both(opensearch_cluster, tmp_path_factory):
    """The conftest corpus in a Whoosh index and on the cluster."""
    root = tmp_path_factory.mktemp("both")
    corpus_dir = write_corpus(root / "corpus", ARTICLES)
    build_index(corpus_dir, root / "index")
    settings = settings_for(opensearch_cluster, "search")
    feed(settings, corpus_dir)
    yield root / "index", settings
    remove_all(settings)


def matches(page) -> set[str]:
    return {hit.id for hit in page.hits}


QUERIES = ["moon", "cafe", "café", "landing", "robot*", "mon~", "\"berlin wall\"", "title:robots",
           "year:1989", "year:[2000 TO 2020]", "year:>2000", "published:2019", "moon OR wall",
           "moon AND NOT wall", "NOT moon", "-moon 1989", "tag:history", "source:\"Tech Daily\"",
           "language:en", "(wall OR moon) AND 1989", "body:crowds", "moon ANDMAYBE crew"]


@pytest.mark.parametrize("q", QUERIES)
def test_same_matches_and_facets_as_whoosh(both, q):
    index_dir, settings = both
    expected = whoosh_searcher.search(index_dir, q, page_size=50)
    found = search.search(settings, q, page_size=50)
    assert found.total == expected.total > 0
    assert matches(found) == matches(expected)
    for name in ("years", "pub_year", "events"):
        assert [(b.year, b.count) for b in found.facets[name]] == [(b.year, b.count) for b in expected.facets[name]]
    for name in ("source", "tags"):
        assert {(b.value, b.label, b.count) for b in found.terms[name]} == \
               {(b.value, b.label, b.count) for b in expected.terms[name]}


@pytest.mark.parametrize("q, understood", [
    ("moon AND landing", "(moon AND land)"), ("year:[2009 TO 2011]", "years:[2009 TO 2011]"),
    ("year:>2000", "years:{2000 TO ]"), ("title:Robot*", "title:robot*"), ("Eunbyoel~2", "eunbyoel~2"),
    ("NOT moon", "NOT moon"), ("moon -sun", "(moon AND NOT sun)"), ("the moon of", "moon"),
    ("\"exact phrase here\"", "\"exact phrase here\""), ("tag:AI", "tags:ai"),
])
def test_the_understood_query_reads_as_whooshs(both, q, understood):
    assert search.search(both[1], q).parsed == understood


@pytest.mark.parametrize("q", ["moon AND (", "\"unclosed quote", "moon OR", "AND moon", "moon)", "the moon of"])
def test_notes_are_whooshs(both, q):
    index_dir, settings = both
    assert search.search(settings, q).notes == whoosh_searcher.search(index_dir, q).notes


@pytest.mark.parametrize("q", ["colour:red", "year:soon", "the of", "AND OR", "x" * 2001, "(" * 30 + "moon",
                               " AND ".join(["moon"] * 70)])
def test_a_query_that_cannot_be_searched_gets_whooshs_message(both, q):
    index_dir, settings = both
    with pytest.raises(QueryError) as expected:
        whoosh_searcher.search(index_dir, q)
    with pytest.raises(QueryError) as found:
        search.search(settings, q)
    assert str(found.value) == str(expected.value)


def test_too_few_matches_of_every_word_shows_any_word_with_a_note(both):
    page = search.search(both[1], "moon berlin")
    assert matches(page) == {"moon", "wall"}
    assert any("Fewer than 10 articles" in note for note in page.notes)


def test_snippet_spans_cover_the_matched_words(both):
    page = search.search(both[1], "crowds gate")
    hit = page.hits[0]
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.spans] == ["Crowds", "Gate"]


def test_snippet_of_a_match_in_the_title_only_is_the_start_of_the_body(both):
    hit = search.search(both[1], "title:remembered").hits[0]
    assert hit.snippet.spans == ()
    assert hit.snippet.text.startswith("Apollo 11 landed on the moon")


def test_filters_narrow_as_in_whoosh(both):
    index_dir, settings = both
    for narrowing in ({"years": [1989]}, {"pub_years": [2009, 2019]}, {"event_years": [1969]},
                      {"sources": ["tech daily"]}, {"tags": ["HISTORY"]}, {"year_from": 2020, "year_to": 2030}):
        assert matches(search.search(settings, "", **narrowing)) == \
               matches(whoosh_searcher.search(index_dir, "", **narrowing)), narrowing


def test_a_selected_value_without_matches_still_has_a_bucket(both):
    page = search.search(both[1], "robots", years=[1800], sources=["nowhere"])
    assert page.total == 0
    assert [(b.year, b.count, b.selected) for b in page.facets["years"]] == [(1800, 0, True)]
    assert [(b.value, b.count, b.selected) for b in page.terms["source"]] == [("nowhere", 0, True)]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sorts_by_publication_date(both, sort):
    index_dir, settings = both
    assert [h.id for h in search.search(settings, "", sort=sort).hits] == \
           [h.id for h in whoosh_searcher.search(index_dir, "", sort=sort).hits]


def test_pages_split_the_matches_without_overlap(both):
    settings = both[1]
    first, second = (search.search(settings, "", page=p, page_size=2) for p in (1, 2))
    assert first.total == second.total == 3
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert not matches(first) & matches(second)


def test_export_streams_every_match_in_the_order_of_the_pages(both, monkeypatch):
    settings = both[1]
    monkeypatch.setattr(search, "EXPORT_CHUNK", 2)  # several point-in-time pages for three articles
    assert [h.id for h in search.iter_hits(settings, "", sort="oldest")] == \
           [h.id for h in search.search(settings, "", sort="oldest").hits]
    with pytest.raises(QueryError):
        search.iter_hits(settings, "colour:red")


def test_article_with_spans_and_events(both):
    page = articles.get_article(both[1], "wall", "fell crowds")
    assert [page.body[a:b] for a, b in page.matches] == ["fell", "Crowds"]
    assert [e.year for e in page.events] == [1989, 1989]  # its lead too, as on Whoosh
    assert articles.get_article(both[1], "nowhere") is None


def test_did_you_mean(both):
    assert articles.suggest(both[1], "moom landing") == "moon landing"
    assert articles.suggest(both[1], "moon") is None


def test_no_index_yet_says_how_to_build_one(opensearch_cluster):
    settings = settings_for(opensearch_cluster, "empty")
    with pytest.raises(IndexMissingError, match="archive reindex"):
        search.search(settings, "moon")


def test_an_unreachable_cluster_is_one_line_naming_it():
    settings = ClusterSettings(urls=("http://127.0.0.1:9",), timeout_s=2)
    with pytest.raises(ClusterUnavailableError) as error:
        search.search(settings, "moon")
    message = str(error.value)
    assert "\n" not in message
    assert "http://127.0.0.1:9" in message and "connection refused" in message
