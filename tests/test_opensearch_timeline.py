"""The timeline on the cluster: the same events in the same order as the Whoosh engine, paged and exported."""
from __future__ import annotations

import shutil

import pytest

from index.whoosh import timeline as whoosh_timeline
from index.errors import QueryError
from index.opensearch import collapsed, timeline
from index.whoosh.writer import build_index
from tests.conftest import SAMPLE_CORPUS, write_corpus
from tests.opensearch_helpers import feed, remove_all, settings_for


@pytest.fixture(scope="module")
def both(opensearch_cluster, tmp_path_factory):
    """The sample corpus in a Whoosh index and on the cluster."""
    root = tmp_path_factory.mktemp("timeline")
    corpus_dir = shutil.copytree(SAMPLE_CORPUS, root / "corpus")
    build_index(corpus_dir, root / "index")
    settings = settings_for(opensearch_cluster, "timeline")
    feed(settings, corpus_dir)
    yield root / "index", settings
    remove_all(settings)


def ids(entries) -> list[str]:
    return [entry.id for entry in entries]


@pytest.mark.parametrize("filters", [{}, {"q": "korea"}, {"q": "year:[2000 TO 2015]"}, {"year_from": 2010},
                                     {"year_to": 1999}, {"q": "headline:korea"}])
def test_same_events_in_the_same_order_and_density_as_whoosh(both, filters):
    index_dir, settings = both
    expected = whoosh_timeline.timeline(index_dir, page_size=500, **filters)
    found = timeline.timeline(settings, page_size=500, **filters)
    assert found.total == expected.total > 0
    assert ids(found.entries) == ids(expected.entries)
    assert found.entries == [type(found.entries[0])(**vars(e)) for e in expected.entries]
    assert [(b.start, b.end, b.count) for b in found.density] == [(b.start, b.end, b.count) for b in expected.density]
    assert (found.granularity, found.parsed, found.notes) == (expected.granularity, expected.parsed, expected.notes)


def test_pages_past_the_result_window_walk_with_search_after(both, monkeypatch):
    settings = both[1]
    every = ids(timeline.timeline(settings, page_size=500).entries)
    monkeypatch.setattr(timeline, "WINDOW", 7)  # so that page 3 of 5 lies past the window
    assert ids(timeline.timeline(settings, page=3, page_size=5).entries) == every[10:15]
    past_the_end = timeline.timeline(settings, page=len(every) // 5 + 3, page_size=5)
    assert past_the_end.entries == [] and past_the_end.total == len(every)


def test_years_counted_again_by_slices_of_the_keys_count_the_same(both, monkeypatch):
    index_dir, settings = both
    expected = whoosh_timeline.timeline(index_dir, page_size=5)
    monkeypatch.setattr(collapsed, "EXACT", 0)  # every year counted again, a key or so a slice
    monkeypatch.setattr(collapsed, "PER_SLICE", 1)
    found = timeline.timeline(settings, page_size=5)
    assert found.total == expected.total and ids(found.entries) == ids(expected.entries)
    assert [(b.start, b.end, b.count) for b in found.density] == [(b.start, b.end, b.count) for b in expected.density]


def test_one_articles_events_in_text_order(both):
    index_dir, settings = both
    article = timeline.timeline(settings, page_size=1).entries[0].article_id
    found = timeline.timeline(settings, article=article, page_size=500)
    assert {e.article_id for e in found.entries} == {article}
    assert ids(timeline.article_events(settings, article)) == ids(whoosh_timeline.article_events(index_dir, article))


def test_export_streams_every_event_in_order(both, monkeypatch):
    settings = both[1]
    monkeypatch.setattr(timeline, "CHUNK", 4)
    assert ids(timeline.iter_timeline(settings, year_from=1900)) == \
           ids(timeline.timeline(settings, year_from=1900, page_size=500).entries)


def test_bad_query_and_page(both):
    settings = both[1]
    with pytest.raises(QueryError, match="Unknown field"):
        timeline.timeline(settings, "colour:red")
    with pytest.raises(QueryError, match="numbered from 1"):
        timeline.timeline(settings, page=0)


REPEATS = {
    "acme-a.md": "---\ntitle: Acme Corp trims its staff\ndate: 2015-03-10\n---\n"
                 "Acme Corp cut 2,000 factory jobs in March 2015. It also closed a plant in Ohio.\n",
    "acme-b.md": "---\ntitle: Factory jobs go at Acme\ndate: 2015-03-11\n---\n"
                 "In March 2015, Acme Corp said it cut 2,000 factory jobs. Unions protested outside the gates.\n",
    "comet.md": "---\ntitle: Comet Halley\ndate: 2016-06-01\n---\n"
                "Astronomers watched the comet return in 1986. It will come back in 2061.\n",
}


@pytest.fixture(scope="module")
def repeats(opensearch_cluster, tmp_path_factory):
    """A corpus whose articles tell one happening twice, on Whoosh and on the cluster."""
    root = tmp_path_factory.mktemp("repeats")
    corpus_dir = write_corpus(root / "corpus", REPEATS)
    build_index(corpus_dir, root / "index")
    settings = settings_for(opensearch_cluster, "repeats")
    feed(settings, corpus_dir)
    yield root / "index", settings
    remove_all(settings)


@pytest.mark.parametrize("options", [{}, {"min_sources": 2}, {"by_sources": True}, {"written_only": True},
                                     {"q": "acme"}, {"q": "comet"}, {"q": "halley"}, {"q": "article:acme"}])
def test_repeats_fold_into_one_happening_with_the_same_options_as_whoosh(repeats, options):
    index_dir, settings = repeats
    expected = whoosh_timeline.timeline(index_dir, page_size=500, **options)
    found = timeline.timeline(settings, page_size=500, **options)
    assert found.entries == [type(e)(**vars(e)) for e in expected.entries]
    assert found.total == expected.total
    assert [(b.start, b.end, b.count) for b in found.density] == [(b.start, b.end, b.count) for b in expected.density]
    assert list(timeline.iter_timeline(settings, **options)) == list(whoosh_timeline.iter_timeline(index_dir, **options))


def test_the_repeated_happening_is_one_entry_reported_by_both_articles(repeats):
    index_dir, settings = repeats
    folded = timeline.timeline(settings, min_sources=2).entries
    assert [(e.reported_by, {e.article_id, *(m.article_id for m in e.also)}) for e in folded] == \
           [(2, {"acme-a", "acme-b"})]
    assert timeline.timeline(settings, by_sources=True).entries[0].reported_by == 2
