"""The article page: metadata, paragraphs, highlighted query words and event anchors."""
from __future__ import annotations

import re


FEATURE = "/articles/north-korea-ai-warrior"


def test_article_shows_title_date_source_tags_and_paragraphs(client):
    response = client.get("/articles/moon")
    assert response.status_code == 200
    assert "<title>Moon landing remembered · Timeline Archive</title>" in response.text
    assert '<time datetime="2019-07-20">20 July 2019</time>' in response.text
    assert "<dd>Space Weekly</dd>" in response.text
    assert 'href="/search?tag=space">space</a>' in response.text
    assert 'title="20 July 1969">Apollo 11 landed on the moon on 20 July 1969.</span>' in response.text


def test_ids_with_slashes_work(client):
    response = client.get("/articles/nested/robots")
    assert response.status_code == 200
    assert "Robots at the fair" in response.text


def test_query_words_are_highlighted_when_coming_from_a_search(client):
    response = client.get("/articles/moon?q=moon+landing")
    assert '<mark class="match">moon</mark>' in response.text
    assert '<mark class="match">landing</mark>' in response.text  # in the title
    assert 'href="/search?q=moon+landing"' in response.text


def test_unknown_article_is_a_404_with_a_sentence(client):
    response = client.get("/articles/no/such/thing")
    assert response.status_code == 404
    assert "There is no article with the id &#39;no/such/thing&#39;." in response.text


def test_events_are_listed_and_their_sentences_anchored(sample):
    response = sample.get(FEATURE)
    assert response.status_code == 200
    anchors = re.findall(r'<span class="event" id="event-([0-9a-f]+)" title="2013">([^<]*)', response.text)
    assert anchors and anchors[0][1].startswith("In 2013, North Korea established the Artificial")
    assert f'href="#event-{anchors[0][0]}"' in response.text
    assert 'href="/timeline?article=north-korea-ai-warrior"' in response.text


def test_eunbyeol_is_marked_inside_its_event_sentence(sample):
    response = sample.get(FEATURE + "?q=Eunbyeol")
    assert re.search(r'<span class="event" id="event-[0-9a-f]+" title="1997">In 1997, KCC developed the Go '
                     r'program <mark class="match">Eunbyeol</mark>', response.text)


def test_original_url_is_a_link_only_for_http(client, hostile):
    good = hostile.get("/articles/good")
    assert '<a href="https://example.org/story?a=1&amp;b=2" rel="noopener noreferrer nofollow">' in good.text
    evil = hostile.get("/articles/evil/one")
    assert 'href="javascript:' not in evil.text
    assert "<dd class=\"original\">javascript:alert(document.cookie)</dd>" in evil.text


def test_article_page_escapes_everything_from_the_article(hostile):
    response = hostile.get("/articles/evil/one")
    assert response.status_code == 200
    text = response.text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;Evil Source&lt;/b&gt;" in text and "&lt;i&gt;tagged&lt;/i&gt;" in text
    assert "<img" not in text and "onerror=alert(1)>" not in text
    assert text.count("<script") == 1  # only the page's own script tag


def test_print_stylesheet_exists(client):
    with client.get("/static/style.css") as response:
        css = response.text
    assert "@media print" in css and ".event:target" in css
