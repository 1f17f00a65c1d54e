"""Builds on the cluster: published by an alias swap, dropped whole when not finished, rejections by article."""
from __future__ import annotations

import pytest

from index.errors import IndexBusyError
from index.opensearch import indexes, search, timeline
from index.opensearch.connection import client
from index.opensearch.writer import ClusterWriter
from tests.conftest import ARTICLES, write_corpus
from tests.opensearch_helpers import feed, remove_all, settings_for


@pytest.fixture
def settings(opensearch_cluster, request):
    settings = settings_for(opensearch_cluster, request.node.name[:20])
    yield settings
    remove_all(settings)


def ids(settings) -> set[str]:
    return {hit.id for hit in search.iter_hits(settings, "")}


def test_an_item_the_cluster_rejects_is_reported_by_article_and_nothing_else_is_lost(settings, tmp_path):
    # A single tag longer than a keyword term may be (32,766 bytes): the cluster refuses that article.
    huge = "x" * 40_000
    corpus_dir = write_corpus(tmp_path / "corpus", {**ARTICLES, "huge.md": (
        f"---\ntitle: A tag too long\ndate: 2020-01-01\ntags: [{huge}]\n---\nIn 1999 a parade crossed the harbour.\n")})
    report = feed(settings, corpus_dir)
    assert [(p.path, p.skipped) for p in report.skipped] == [("huge", True)]
    assert "rejected by the OpenSearch cluster" in report.skipped[0].reason
    assert ids(settings) == {"moon", "wall", "nested/robots"}
    assert "huge" not in {e.article_id for e in timeline.iter_timeline(settings)}
    assert search.search(settings, "parade").total == 0


def test_an_unpublished_build_is_never_searched_and_a_cancelled_one_is_deleted(settings, tmp_path):
    corpus_dir = write_corpus(tmp_path / "corpus", ARTICLES)
    feed(settings, corpus_dir)
    before = indexes.published(settings)
    writer = ClusterWriter(settings, before)  # an incremental build: a clone of the published pair
    assert writer.known_articles().keys() == {"moon", "wall", "nested/robots"}
    writer.delete_article("moon")
    writer.commit()  # written and refreshed, but not published: a reindex killed before the swap
    assert indexes.published(settings) == before
    assert ids(settings) == {"moon", "wall", "nested/robots"}
    writer.cancel()
    assert not set(writer.built.values()) & _index_names(settings)


def test_the_next_reindex_removes_what_a_killed_one_left(settings, tmp_path):
    corpus_dir = write_corpus(tmp_path / "corpus", ARTICLES)
    feed(settings, corpus_dir)
    left = ClusterWriter(settings, indexes.published(settings))  # never committed, never cancelled
    feed(settings, corpus_dir)
    indexes.remove_unpublished(settings)
    names = _index_names(settings)
    assert not set(left.built.values()) & names
    assert set(indexes.published(settings).values()) <= names
    assert ids(settings) == {"moon", "wall", "nested/robots"}


def test_a_second_reindex_while_one_runs_stops_at_once(settings):
    owner = indexes.acquire_lock(settings)
    try:
        with pytest.raises(IndexBusyError, match="Another reindex"):
            indexes.acquire_lock(settings)
    finally:
        indexes.release_lock(settings, owner)
    indexes.release_lock(settings, indexes.acquire_lock(settings))  # free again


def _index_names(settings) -> set[str]:
    return set(client(settings).indices.get(index=f"{settings.prefix}-*", params={"expand_wildcards": "all"}))
