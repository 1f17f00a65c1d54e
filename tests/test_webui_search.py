"""The search page: hits, facets that toggle, the year range, sorting, pages and spelling help."""
from __future__ import annotations

import re

import pytest


MOON, WALL, ROBOTS = "Moon landing remembered", "The fall of the Berlin Wall", "Robots at the fair"


def hit_titles(response) -> list[str]:
    """Return the titles of the hits on a results page, in order."""
    return re.findall(r'<li class="hit">\s*<article>\s*<h3><a href="[^"]*">([^<]*)</a>', response.text)


@pytest.mark.parametrize("url", ["/", "/search"])
def test_empty_query_shows_newest_articles_and_every_facet(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert hit_titles(response) == [ROBOTS, MOON, WALL]
    assert "<strong>3 articles</strong>, published 2009–2025" in response.text  # the archive's overview
    assert "the years they mention run from 1969 to 2025" in response.text
    assert ">5 dated events</a> on the timeline" in response.text
    assert "Largest sources: " in response.text and "Most used tags: " in response.text
    assert "<strong>3</strong> articles" in response.text
    for heading in ("Published", "Years mentioned", "Source", "Tags"):
        assert f">{heading}</h2>" in response.text


def test_search_shows_the_matching_titles_with_highlights(client):
    response = client.get("/search?q=moon")
    assert response.status_code == 200
    assert hit_titles(response) == [MOON]
    assert '<mark class="match term0">moon</mark>' in response.text
    assert 'href="/articles/moon?q=moon"' in response.text
    assert "Space Weekly" in response.text and "20 July 2019" in response.text


def test_year_facets_are_links_that_toggle_in_chronological_order(client):
    response = client.get("/search?q=1989")
    facet = response.text[response.text.index('id="facet-years"'):response.text.index('id="facet-events"')]
    years = re.findall(r'href="/search\?q=1989&amp;year=(\d+)"', facet)
    assert years == sorted(years) and "1969" in years and "1989" in years
    narrowed = client.get("/search?q=1989&year=1969")
    assert hit_titles(narrowed) == [MOON]
    assert 'class="selected" aria-current="true"' in narrowed.text
    assert 'href="/search?q=1989"' in narrowed.text  # ticking the year again removes it


def test_several_years_at_once_widen_the_search(client):
    response = client.get("/search?year=1969&year=2025&sort=oldest")
    assert hit_titles(response) == [MOON, ROBOTS]


def test_publication_year_source_and_tag_facets_narrow(client):
    assert hit_titles(client.get("/search?published=2009")) == [WALL]
    assert hit_titles(client.get("/search?source=Space+Weekly")) == [MOON]
    assert hit_titles(client.get("/search?tag=HISTORY")) == [MOON, WALL]
    page = client.get("/search?tag=history")
    assert ">Space Weekly</span>" in page.text  # the source facet keeps its spelling


def test_year_range_form_narrows_to_articles_mentioning_those_years(client):
    response = client.get("/search?from=1960&to=1970")
    assert hit_titles(response) == [MOON]
    assert 'name="from" type="text" size="9" autocomplete="off" value="1960"' in response.text


def test_sort_and_pages(client, app):
    app.config["PAGE_SIZE"] = 2
    first = client.get("/search?sort=oldest")
    assert hit_titles(first) == [WALL, MOON]
    assert 'rel="next" href="/search?sort=oldest&amp;page=2"' in first.text
    second = client.get("/search?sort=oldest&page=2")
    assert hit_titles(second) == [ROBOTS]
    assert "Page 2 of 2" in second.text and 'rel="prev"' in second.text


def test_a_page_past_the_end_says_so(client):
    response = client.get("/search?page=9")
    assert response.status_code == 200
    assert "Page 9 is past the last page of these results." in response.text


def test_histogram_bars_are_links_drawn_without_inline_style(client):
    response = client.get("/search")
    svg = response.text[response.text.index('aria-labelledby="histogram-caption"'):]
    svg = svg[:svg.index("</svg>")]
    assert 'href="/search?year=1969"' in svg
    assert "style=" not in response.text and "<script>" not in response.text
    assert "Matching articles per year of the years they mention" in response.text


def test_notes_say_what_was_dropped_from_the_query(client):
    response = client.get("/search?q=moon+AND+(")
    assert "Unmatched &#39;(&#39; ignored." in response.text
    assert hit_titles(response) == [MOON]


def test_query_that_cannot_be_searched_is_a_400_that_keeps_the_query(client):
    response = client.get("/search?q=author:smith")
    assert response.status_code == 400
    assert "This query cannot be searched" in response.text
    assert "Unknown field &#39;author:&#39;" in response.text
    assert 'id="q" type="search" name="q" value="author:smith"' in response.text


def test_no_hits_suggests_a_spelling_the_index_has(client):
    response = client.get("/search?q=brandenbrug")
    assert response.status_code == 200
    assert "<strong>0</strong> articles" in response.text
    assert 'Did you mean <a href="/search?q=Brandenburg">Brandenburg</a>?' in response.text


def test_no_suggestion_when_words_are_known(client):
    assert "Did you mean" not in client.get("/search?q=moon+AND+wall").text


def test_sample_corpus_eunbyeol_is_highlighted_and_survives_the_2013_facet(sample):
    title = "FROM CRYPTO THIEF TO AI WARRIOR"
    response = sample.get("/search?q=Eunbyeol")
    assert title in response.text
    assert '<mark class="match term0">Eunbyeol</mark>' in response.text
    assert 'href="/search?q=Eunbyeol&amp;year=2013"' in response.text
    narrowed = sample.get("/search?q=Eunbyeol&year=2013")
    assert title in narrowed.text and "<strong>1</strong> article" in narrowed.text


def test_sample_corpus_suggests_eunbyeol(sample):
    assert 'Did you mean <a href="/search?q=Eunbyeol">Eunbyeol</a>?' in sample.get("/search?q=Eunbyoel").text


def test_a_facet_of_many_years_shows_the_chosen_and_busiest_years_and_ranges_for_the_rest(tmp_path):
    from index.whoosh.writer import build_index
    from tests.conftest import write_corpus
    from tests.hostile import make_client

    chronicle = "\n".join(f"{year}: Something happened." for year in range(1801, 1861))
    other = "The bell was cast in 1850 and recast in 1851. It rang again in 1851."
    corpus = write_corpus(tmp_path / "c", {"c.md": f"---\ntitle: Chronicle\ndate: 2020-01-01\n---\n{chronicle}\n",
                                           "d.md": f"---\ntitle: Bell\n---\n{other}\n"})
    build_index(corpus, tmp_path / "ix")
    client = make_client(tmp_path / "ix")
    text = client.get("/search?year=1850").text
    facet = text[text.index('id="facet-years"'):text.index('id="facet-events"')]
    assert facet.count("<li>") <= 1 + 12 + 10  # the chosen year, the busiest ones, ranges
    assert 'class="selected" aria-current="true"' in facet and ">1851</span>" in facet  # 1850 or 1851 can be chosen
    assert ">1820s</a>" in facet and "more years, by range" in facet
    assert "<details" not in facet
    assert "Undated: 1 article" in text
    assert 'placeholder="1801"' in text and 'placeholder="1860"' in text  # the span of the matches
    both = client.get("/api/search?year=1850&year=1851").get_json()
    assert both["total"] == 2
    for link in re.findall(r'href="(/search\?[^"]+)"', facet):
        assert client.get(link.replace("&amp;", "&")).status_code == 200
