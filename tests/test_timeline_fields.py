"""Timeline queries on the fields the events index does not index itself: the article's title and
headlines cut from their sentence. Each query must find exactly the events an index of every
field would find (built here from the same stored events)."""
from __future__ import annotations

import shutil

import pytest
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from index.language import EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE
from index.whoosh import schema, store
from index.whoosh import timeline as timelines
from index.whoosh.analysis import text_field
from index.whoosh.query import make_parser, parse_query
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
    "headline:crane AND sentence:march", "headline:cranw~1", "article:crane", "article:korea",
    'article:"night shift"', "article:cran*", "NOT article:korea", "article:harbour OR headline:rotterdam",
    "headline:shipyard", "shipyard", 'headline:"lands its first"', "crane", "korea", "harbour crane", '"harbour crane"', "it built", "summit", "he said",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("fields")
    corpus = shutil.copytree(SAMPLE_CORPUS, root / "corpus")
    write_corpus(corpus, EXTRA)
    build_index(corpus, root / "index")
    first_lift = next(e.id for e in timelines.iter_timeline(root / "index", "container"))
    (corpus / "timeline.yaml").write_text(CURATED.format(first_lift=first_lift))
    build_index(corpus, root / "index")
    return root / "index"


def every_field_index(index_dir):
    """The same events, with their headline and their article's title indexed in every event."""
    full = schema.event_schema()
    full.remove("article_title")
    full.add("article_title", text_field(stored=True, analyzer=schema.TEXT_ANALYZER))
    ix = RamStorage().create_index(full)
    with store.open_index(index_dir, schema.EVENTS).searcher() as searcher, ix.writer() as writer:
        refers = set(searcher.docs_for_query(query.Term("refers", "yes")))  # indexed, not stored
        for docnum in searcher.reader().all_doc_ids():  # not the deleted older versions
            stored = searcher.stored_fields(docnum)
            writer.add_document(**{k: v for k, v in stored.items() if k in ("id", "headline", "sentence",
                                                                         "article_title", "year")},
                                refers="yes" if docnum in refers else "no")
    return ix


def ids_by_every_field(ix, q: str) -> set[str]:
    """What the timeline query found when every field was indexed in the events (its own words, or the
    title for the sentences that refer to it)."""
    with ix.searcher() as searcher:
        own = parse_query(q, make_parser(ix.schema, EVENT_LANGUAGE), EVENT_LANGUAGE).whoosh_query
        title = parse_query(q, make_parser(ix.schema, EVENT_TITLE_LANGUAGE), EVENT_TITLE_LANGUAGE).whoosh_query
        found = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(own)}
        refers = set(searcher.docs_for_query(query.Term("refers", "yes")))
        by_title = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(title) if d in refers}
    return found | by_title


def timeline_ids(index_dir, q: str) -> set[str]:
    ids = set()
    for entry in timelines.iter_timeline(index_dir, q):
        ids |= {entry.id, *(m.id for m in entry.also)}
    return ids


@pytest.mark.parametrize("q", QUERIES)
def test_a_query_finds_what_an_index_of_every_field_finds(archive, q):
    expected = ids_by_every_field(every_field_index(archive), q)
    assert timeline_ids(archive, q) == expected


def test_the_queries_reach_both_ways_of_keeping_a_headline(archive):
    assert timeline_ids(archive, "headline:crane") and timeline_ids(archive, "article:crane")
    with store.open_index(archive, schema.EVENTS).searcher() as searcher:
        indexed = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(query.Every("headline"))}
        every = {stored["id"]: stored for stored in searcher.all_stored_fields()}
    cut = {i for i, stored in every.items() if stored["headline"] and i not in indexed}
    # Most headlines are cut from their sentence and left to its postings; a retitled one is not.
    assert len(cut) > len(every) / 2
    assert [every[i]["headline"] for i in indexed] == ["Shipyard crane lands its first box"]
    assert timeline_ids(archive, "headline:shipyard") == indexed and not timeline_ids(archive, "sentence:shipyard")
    assert isinstance(schema.event_schema()["article_title"], fields.STORED)


def test_entries_keep_their_article_title_and_headline(archive):
    entry = next(e for e in timelines.iter_timeline(archive, "headline:crane") if e.article_id == "harbour")
    assert entry.article_title == "The harbour crane and the night shift"
    assert "crane" in entry.headline.lower()
    assert timelines.timeline(archive, "article:crane").parsed == "article_title:crane"
