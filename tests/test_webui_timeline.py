"""The timeline page: order, groups by year, filters, density strip, curated events, pages."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit


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
    assert set(labels(sample.get("/timeline?q=exhibition&from=2019&to=2019"))) == {"2019"}  # the exhibition and what it showed
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


def test_a_search_links_to_the_timeline_of_its_matches_and_back(sample):
    search = sample.get("/search?q=exhibition&from=2000&to=2030&source=Nowhere&sort=oldest&page=1").text
    link = re.search(r'<p class="counterpart"><a href="([^"]+)">Timeline of these matches</a>', search).group(1)
    link = link.replace("&amp;", "&")
    same = {"q": ["exhibition"], "from": ["2000"], "to": ["2030"], "source": ["Nowhere"]}
    assert urlsplit(link).path == "/timeline" and parse_qs(urlsplit(link).query) == same
    timeline = sample.get(link).text
    assert EXHIBITION in timeline and "<strong>" in timeline
    assert "Not applied here, since they choose articles, not happenings: Source Nowhere." in timeline
    back = re.search(r'<p class="counterpart"><a href="([^"]+)">', timeline).group(1).replace("&amp;", "&")
    assert urlsplit(back).path == "/search" and parse_qs(urlsplit(back).query) == same
    # The timeline's own filters stay behind when going back to the search.
    back = re.search(r'<p class="counterpart"><a href="([^"]+)">', sample.get("/timeline?q=exhibition&conflicts=1").text)
    assert back.group(1) == "/search?q=exhibition"


def test_the_timeline_shows_the_query_as_read_its_notes_and_did_you_mean(sample):
    page = sample.get("/timeline?q=Exhibiton+AND").text
    assert "Searched: <code>" in page and 'class="notes"' in page
    assert 'Did you mean <a href="/timeline?q=Exhibition+AND">' in page
    api = sample.get("/api/timeline?q=Exhibiton").get_json()
    assert api["total"] == 0 and api["suggestion"] == "Exhibition" and api["parsed"]
    found = sample.get("/api/timeline?q=Exhibition").get_json()
    assert found["total"] > 0 and found["suggestion"] is None


def test_timeline_filters_are_read_from_the_address_and_refused_when_unreadable(sample):
    page = sample.get("/timeline?written_only=1&min_sources=1").text
    assert "Dated from context" not in page and "Dated by publication" not in page
    assert 'name="written_only" value="1" checked' in page
    for bad in ("written_only=2", "min_sources=abc", "min_sources=0", "by_sources=yes please"):
        response = sample.get(f"/timeline?{bad}")
        assert response.status_code == 400 and "must be" in response.text


def test_timelinejs_slides_say_how_an_entry_was_dated(sample):
    slides = sample.get("/timeline.timelinejs.json").get_json()["events"]
    texts = [s["text"]["text"] for s in slides]
    assert any("Dated by publication." in t for t in texts) and any("Dated from context." in t for t in texts)
    assert any("Dated" not in t for t in texts)  # a date written in its sentence needs no note
