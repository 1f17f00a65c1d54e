"""The timeline page: order, groups by year, filters, density strip, curated events, pages."""
from __future__ import annotations

import re


FOUNDING = "North Korea established the Artificial Intelligence Research Institute"
EXHIBITION = "The National Informatization Performance Exhibition – 2019"


def labels(response) -> list[str]:
    """Return the date labels of the timeline entries on a page, in order."""
    return re.findall(r'<p class="when"><span class="label">([^<]*)</span>', response.text)


def test_timeline_lists_events_in_chronological_order_grouped_by_year(client):
    response = client.get("/timeline")
    assert response.status_code == 200
    found = labels(response)
    assert found[:2] == ["20 July 1969", "1989"]
    years = re.findall(r'<h2 id="year-\d+">(-?\d+(?: BC)?)</h2>', response.text)
    assert years == sorted(years, key=int) and "1969" in years


def test_sample_founding_comes_before_the_exhibition_each_linked_to_its_sentence(sample):
    response = sample.get("/timeline")
    text = response.text
    assert FOUNDING in text and EXHIBITION in text
    assert text.index(FOUNDING) < text.index(EXHIBITION)
    links = re.findall(r'href="(/articles/[a-z0-9-]+#event-[0-9a-f]+)">Read the sentence', text)
    assert len(links) == len(labels(response))
    article = sample.get(links[0].split("#")[0])
    assert f'id="{links[0].split("#")[1]}"' in article.text


def test_year_range_zooms_in(sample):
    response = sample.get("/timeline?from=2013&to=2013")
    assert labels(response) == ["2013"]
    assert FOUNDING in response.text and EXHIBITION not in response.text
    assert "<strong>1</strong> event from 2013 to 2013" in response.text


def test_query_and_article_filters(sample, client):
    assert labels(sample.get("/timeline?q=exhibition&from=2019&to=2019")) == ["2019"]
    only_moon = client.get("/timeline?article=moon")
    assert labels(only_moon) == ["20 July 1969", "1989"]
    assert 'href="/timeline"' in only_moon.text  # the chip that removes the article filter


def test_density_strip_bars_link_to_their_range(sample):
    response = sample.get("/timeline")
    svg = response.text[response.text.index("<svg"):response.text.index("</svg>")]
    assert 'href="/timeline?from=2013&amp;to=2013"' in svg
    assert "Events per year." in response.text


def test_curated_events_are_marked_and_their_sources_safe(hostile):
    response = hostile.get("/timeline?from=2014&to=2014")
    assert '<li class="entry curated">' in response.text and '<span class="badge">Curated</span>' in response.text
    assert '<a href="https://example.org/report" rel="noopener noreferrer nofollow">' in response.text
    assert 'href="javascript:' not in response.text


def test_timeline_pages(sample, app):
    sample.application.config["TIMELINE_PAGE_SIZE"] = 5
    first, second = sample.get("/timeline"), sample.get("/timeline?page=2")
    assert len(labels(first)) == 5 and "Page 1 of" in first.text
    assert labels(second) and labels(second) != labels(first)


def test_bad_timeline_query_is_a_400_with_the_form(client):
    response = client.get("/timeline?q=author:x")
    assert response.status_code == 400
    assert 'id="tq" type="search" name="q" value="author:x"' in response.text


def test_empty_timeline_says_so(client):
    response = client.get("/timeline?q=nothingmatcheshere")
    assert response.status_code == 200
    assert "No dated event matches these filters." in response.text
def test_timeline_of_an_unknown_article_is_a_404(client):
    response = client.get("/timeline?article=nope")
    assert response.status_code == 404
    assert "There is no article with the id &#39;nope&#39;" in response.text or "There is no article with the id 'nope'" in response.text
    assert client.get("/timeline?article=moon").status_code == 200
