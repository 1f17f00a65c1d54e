"""Errors and safety: malformed parameters, a missing index, hostile text, security headers."""
from __future__ import annotations

import pytest

from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from tests.hostile import make_client


@pytest.mark.parametrize("url, message", [
    ("/search?page=-1", "&#39;page&#39; must be a whole number from 1 to 10000; &#39;-1&#39; is not."),
    ("/search?page=abc", "&#39;page&#39; must be a whole number"),
    ("/search?page=%C2%B2", "&#39;page&#39; must be a whole number"),
    ("/search?page=99999999999", "&#39;page&#39; must be a whole number"),
    ("/search?year=abc", "&#39;year&#39; must be a year such as 2013, 500 BC or -499; &#39;abc&#39; is not."),
    ("/search?published=1e3", "&#39;published&#39; must be a year"),
    ("/search?year=99999999999", "&#39;year&#39; must be a year between"),
    ("/search?from=2020&to=2010", "The range starts after it ends: from 2020 to 2010."),
    ("/search?sort=sideways", "&#39;sort&#39; must be one of relevance, newest, oldest"),
    ("/search?q=" + "x" * 10_000, "The query is 10000 characters long; the limit is 2000."),
    ("/search?q=year:abc", "&#39;year:&#39; takes a year"),
    ("/search?q=AND", "Nothing to search for"),
    ("/timeline?page=0", "&#39;page&#39; must be a whole number"),
    ("/timeline?from=x", "&#39;from&#39; must be a year"),
    ("/articles/moon?q=" + "x" * 10_000, "The query is 10000 characters long"),
])
def test_malformed_parameters_get_a_400_that_says_why(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.parametrize("url", ["/api/search?page=abc", "/api/timeline?from=x", "/search.json?year=x"])
def test_malformed_parameters_in_the_api_get_json(client, url):
    response = client.get(url)
    assert response.status_code == 400 and response.is_json and response.get_json()["status"] == 400


def test_blank_form_fields_are_ignored(client):
    assert client.get("/search?q=&from=&to=&year=&sort=").status_code == 200


@pytest.mark.parametrize("url", ["/", "/search?q=moon", "/articles/moon", "/timeline", "/api/search",
                                 "/api/timeline", "/search.csv", "/timeline.timelinejs.json"])
def test_missing_index_is_a_503_that_says_to_reindex(tmp_path, url):
    response = make_client(tmp_path / "nothing").get(url)
    assert response.status_code == 503
    assert "Run &#39;archive reindex&#39; first." in response.text or "Run 'archive reindex' first." in response.text


def test_empty_index_folder_is_a_503(tmp_path):
    (tmp_path / "empty").mkdir()
    response = make_client(tmp_path / "empty").get("/search")
    assert response.status_code == 503 and "archive reindex" in response.text


def test_a_new_generation_is_picked_up_without_a_restart(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"a.md": "---\ntitle: First article\ndate: 2020-01-01\n---\nText."})
    build_index(corpus, tmp_path / "ix")
    client = make_client(tmp_path / "ix")
    assert "First article" in client.get("/search").text
    write_corpus(corpus, {"b.md": "---\ntitle: Second article\ndate: 2021-01-01\n---\nMore text."})
    build_index(corpus, tmp_path / "ix")
    response = client.get("/search")
    assert "Second article" in response.text and "First article" in response.text


@pytest.mark.parametrize("url", ["/", "/articles/moon", "/timeline", "/api/search", "/nope", "/search?page=x",
                                 "/static/style.css"])
def test_every_response_has_security_headers(client, url):
    with client.get(url) as response:
        headers = response.headers
    assert headers["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script_or_style(client):
    for url in ("/", "/search?q=moon", "/articles/moon?q=moon", "/timeline", "/nope"):
        text = client.get(url).text
        assert " style=" not in text and "<style" not in text and " on" + "click=" not in text
        assert text.count("<script") == 1 and '<script src="/static/archive.js" defer></script>' in text


def test_hostile_query_is_escaped_everywhere(client):
    payload = '"><img src=x onerror=alert(1)><script>alert(1)</script>'
    for url in ("/search", "/timeline", "/articles/moon"):
        text = client.get(url, query_string={"q": payload}).text
        assert "<img" not in text and "<script>alert" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_hostile_article_in_results_shows_its_text_and_runs_nothing(hostile):
    text = hostile.get("/search?q=glacier").text
    assert "Glacier report &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in text
    assert "<img" not in text and "<script>alert" not in text and "<b>Evil" not in text
    timeline = hostile.get("/timeline").text
    assert "<img" not in timeline and "<script>alert" not in timeline


def test_unknown_page_is_a_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "Not found" in response.text


def test_unexpected_errors_are_a_500_page_without_details(client, app, monkeypatch):
    from index.opensearch import search as opensearch_search
    from index.whoosh import searcher

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(searcher, "search", explode)
    monkeypatch.setattr(opensearch_search, "search", explode)
    app.logger.disabled = True
    response = client.get("/search")
    assert response.status_code == 500
    assert "unexpected error" in response.text and "secret internals" not in response.text
