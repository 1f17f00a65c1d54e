"""Tests for HTML pages: metadata from the head, readable text from the body."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.corpus import parse_file, read_file
from archive.models import Article, Problem

DATA = Path(__file__).parent / "data"


def _read(html: str, relpath: str = "page.html"):
    return parse_file(relpath, html.encode("utf-8"))


def test_html_page_yields_metadata_and_the_article_text_without_furniture():
    read = read_file(DATA / "good" / "page.html", DATA / "good")
    assert read.problems == []
    assert read.articles == [Article(
        id="page",
        title="Panic Mode: Trump & Kim",
        body="Trump considers a potential meeting with Kim Jong Un.\n\n"
             "Kim Jong Un in Pyongyang.\n\n"
             "High-level talks seem unlikely.\nAnalysts agree.",
        path="page.html",
        published=date(2025, 12, 6),
        source="Example Daily",
        url="https://example.org/summit",
        tags=("North Korea", "United States"),
        language="en",
    )]


@pytest.mark.parametrize("head, body, title", [
    ('<meta property="og:title" content="OG">', "<h1>H1</h1>", "OG"),
    ("<title> Page\n  title </title>", "<h1>H1</h1>", "Page title"),
    ("", "<header><h1>Heading <em>one</em></h1></header><h1>Two</h1>", "Heading one"),
])
def test_html_title_prefers_og_title_then_title_then_first_h1(head, body, title):
    read = _read(f"<html><head>{head}<meta name=date content=2025-12-06></head><body>{body}</body></html>")
    assert read.articles[0].title == title


def test_html_without_any_title_is_skipped():
    read = _read("<html><body><p>Only text.</p></body></html>")
    assert read.problems == [Problem("page.html", "missing title (no og:title meta, <title> or <h1>)")]


@pytest.mark.parametrize("tag", [
    '<meta property="article:published_time" content="2025-12-06T09:30:00Z">',
    '<meta name="date" content="December 6, 2025">',
    '<meta name="DC.date" content="2025-12-06">',
    '<meta name="dc.date" content="2025-12-06">',
    '<meta name="DC.date.issued" content="2025-12-06">',
    '<meta name="dcterms.created" content="2025-12-06">',
    '<meta itemprop="datePublished" content="2025-12-06">',
])
def test_html_date_comes_from_the_usual_meta_tags(tag):
    read = _read(f"<html><head><title>T</title>{tag}</head><body><p>x</p></body></html>")
    assert read.articles[0].published == date(2025, 12, 6)
    assert read.problems == []


def test_html_date_falls_back_to_the_first_time_element():
    read = _read('<title>T</title><p><time datetime="2025-12-06">Saturday</time>'
                 '<time datetime="2024-01-01">later</time></p>')
    assert read.articles[0].published == date(2025, 12, 6)


def test_html_without_a_date_keeps_the_article_and_says_so():
    read = _read("<title>T</title><p>x</p>")
    assert read.articles[0].published is None
    assert read.problems == [Problem("page.html", "no publication date", skipped=False)]


def test_html_with_an_unreadable_date_names_it():
    read = _read('<title>T</title><meta name="date" content="last week"><p>x</p>')
    assert read.problems == [Problem("page.html", "unreadable date 'last week'", skipped=False)]


def test_html_reads_canonical_url_keywords_and_language():
    read = _read('<html lang="ko"><head><title>T</title><link rel="canonical" href="https://e.org/t">'
                 '<meta name="keywords" content="AI, Robotics"></head><body><p>x</p></body></html>')
    article = read.articles[0]
    assert (article.url, article.tags, article.language) == ("https://e.org/t", ("AI", "Robotics"), "ko")


def test_html_body_prefers_main_when_there_is_no_article():
    read = _read("<title>T</title><body><div>Sidebar links</div><main><p>Story.</p></main></body>")
    assert read.articles[0].body == "Story."


def test_html_body_uses_the_whole_body_without_article_or_main():
    read = _read("<title>T</title><body><div>One <b>two</b></div><p>Three &lt;four&gt;</p>"
                 "<script>alert(1)</script><template><p>hidden</p></template></body>")
    assert read.articles[0].body == "One two\n\nThree <four>"


def test_html_survives_unclosed_and_stray_tags():
    read = _read("<title>T</title><article><p>One<p>Two</span></div><li>Three</article><p>After")
    assert read.articles[0].body == "One\n\nTwo\n\nThree"


def test_deeply_nested_html_does_not_crash():
    depth = 100_000
    html = "<title>Deep</title>" + "<div>" * depth + "<p>Bottom</p>" + "</div>" * depth
    read = _read(html)
    assert (read.articles[0].title, read.articles[0].body) == ("Deep", "Bottom")
