"""Timeline queries on what the events index does not index itself: the article's title (searched in
the articles index) and headlines cut from their sentence (found through it). Each query must find
what it found when every headline was indexed, and ``article:`` the events of the articles whose
titles a search finds."""
from __future__ import annotations

import shutil

import pytest

from index.whoosh import schema, searcher, store
from index.whoosh import timeline as timelines
from index.whoosh.writer import build_index
from tests.conftest import SAMPLE_CORPUS, write_corpus

EXTRA = {
    "harbour.md": """---
title: The harbour crane and the night shift
date: 2019-04-02
---
The new harbour crane lifted its first container in March 2019. Dock workers at the night shift
said the crane was slow. It was built in Rotterdam in 2017.
""",
    "crane-follow-up.md": """---
title: Cranes of the north
date: 2019-05-10
---
A second crane arrived at the harbour in May 2019, the port authority said.
""",
}
CURATED = """events:
  - date: 2018-06
    title: Harbour board orders cranes from Rotterdam
    sources: [harbour]
corrections:
  - event: {first_lift}
    retitle: Shipyard crane lands its first box
"""

QUERIES = [
    "headline:korea", "title:crane", "headline:cran*", 'headline:"harbour crane"', 'title:"first container"',
    "headline:rotterdam", "headline:orders", "headline:korea OR sentence:crane", "NOT headline:crane",
    "headline:crane AND sentence:march", "headline:cranw~1", "headline:shipyard", "shipyard",
    'headline:"lands its first"', "crane", "korea", "harbour crane", '"harbour crane"', "it built", "summit",
    "he said", "article:crane", "article:harbour OR headline:rotterdam", "NOT article:korea",
]
TITLE_QUERIES = [("article:crane", "title:crane"), ("article:korea", "title:korea"),
                 ('article:"night shift"', 'title:"night shift"'), ("article:cran*", "title:cran*"),
                 ("article:harbour OR article:summit", "title:harbour OR title:summit")]


def build(root, every_headline: bool, monkeypatch):
    corpus = shutil.copytree(SAMPLE_CORPUS, root / "corpus")
    write_corpus(corpus, EXTRA)
    with monkeypatch.context() as patch:
        if every_headline:  # as before schema 9: every headline indexed in its own right
            patch.setattr(schema, "is_span", lambda part, whole: False)
        build_index(corpus, root / "index")
        first_lift = next(e.id for e in timelines.iter_timeline(root / "index", "container"))
        (corpus / "timeline.yaml").write_text(CURATED.format(first_lift=first_lift))
        build_index(corpus, root / "index")  # incremental: older versions of changed articles stay, deleted
    return root / "index"


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        return (build(tmp_path_factory.mktemp("cut"), False, monkeypatch),
                build(tmp_path_factory.mktemp("every"), True, monkeypatch))


def timeline_ids(index_dir, q: str) -> set[str]:
    ids = set()
    for entry in timelines.iter_timeline(index_dir, q):
        ids |= {entry.id, *(m.id for m in entry.also)}
    return ids


@pytest.mark.parametrize("q", QUERIES)
def test_a_query_finds_what_it_found_with_every_headline_indexed(archives, q):
    cut, every = archives
    assert timeline_ids(cut, q) == timeline_ids(every, q)


@pytest.mark.parametrize("q, search", TITLE_QUERIES)
def test_article_finds_the_events_of_the_articles_whose_title_matches(archives, q, search):
    cut = archives[0]
    articles = {hit.id for hit in searcher.iter_hits(cut, search)}
    expected = {e.id for entry in timelines.iter_timeline(cut) for e in (entry, *entry.also) if e.article_id in articles}
    assert articles and timeline_ids(cut, q) == expected


def indexed_headlines(index_dir) -> list[str]:
    with store.open_index(index_dir, schema.EVENTS).searcher() as events:
        return [events.stored_fields(d)["headline"] for d in events.reader().all_doc_ids()
                if events.doc_field_length(d, "headline")]


def test_most_headlines_are_left_to_their_sentence(archives):
    cut, every = archives
    # Only the retitled headline says words its sentence does not; the others are found through it.
    assert indexed_headlines(cut) == ["Shipyard crane lands its first box"]
    assert len(indexed_headlines(every)) > 20  # the reference above did index them all
    assert timeline_ids(cut, "headline:shipyard") and not timeline_ids(cut, "sentence:shipyard")
    assert not schema.event_schema()["article_title"].indexed


def test_entries_keep_their_article_title_and_headline(archives):
    cut = archives[0]
    entry = next(e for e in timelines.iter_timeline(cut, "headline:crane") if e.article_id == "harbour")
    assert entry.article_title == "The harbour crane and the night shift"
    assert "crane" in entry.headline.lower()
    assert timelines.timeline(cut, "article:crane").parsed == "article_title:crane"
