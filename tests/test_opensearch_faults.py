"""Faults on the cluster: a node stops during searches (every index has a replica on the other node)."""
from __future__ import annotations

import pytest

from index.opensearch import search, timeline
from index.opensearch.connection import client
from tests.conftest import ARTICLES, write_corpus
from tests.opensearch_helpers import feed, remove_all, settings_for


@pytest.fixture
def replicated(opensearch_cluster, tmp_path):
    settings = settings_for(opensearch_cluster, "faults", replicas=1)
    feed(settings, write_corpus(tmp_path / "corpus", ARTICLES))
    client(settings).cluster.health(index=f"{settings.prefix}-*", wait_for_status="green", request_timeout=120)
    yield settings
    remove_all(settings)


def test_searches_go_on_while_a_node_is_stopped(replicated, opensearch_cluster):
    def one_round() -> tuple:
        page = search.search(replicated, "moon OR wall", page_size=5)
        events = timeline.timeline(replicated, page_size=5)
        exported = [hit.id for hit in search.iter_hits(replicated, "")]
        return page.total, events.total, len(exported)

    expected = one_round()
    opensearch_cluster.stop_node(1)
    try:
        answers = [one_round() for _ in range(20)]  # any error fails the test: 0 errors allowed
    finally:
        opensearch_cluster.start_node(1)
    assert answers == [expected] * 20
    client(replicated).cluster.health(index=f"{replicated.prefix}-*", wait_for_status="green", request_timeout=120)
    assert one_round() == expected
