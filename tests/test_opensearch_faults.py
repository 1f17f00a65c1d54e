"""Faults on the cluster: a node stops during searches and during a reindex (every index has a replica)."""
from __future__ import annotations

import threading
import time

import pytest

from index.opensearch import search, timeline
from index.opensearch.connection import client
from index.opensearch.engine import OpenSearchEngine
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


def test_a_reindex_goes_on_while_a_node_stops_and_returns(opensearch_cluster, tmp_path):
    """Bulk batches the cluster cannot take while a node leaves are sent again after a pause."""
    settings = settings_for(opensearch_cluster, "faults-write", replicas=1)
    articles = {f"n{i:04d}.md": f"---\ntitle: Note {i}\ndate: 2021-02-{1 + i % 28:02d}\n---\n"
                                f"In {1950 + i % 70} the library lent its book of shelf {i % 70}.\n" for i in range(1500)}
    corpus = write_corpus(tmp_path / "corpus", articles)
    engine = OpenSearchEngine(settings)
    outcome: dict = {}

    def run():
        try:
            outcome["report"] = engine.reindex(corpus)
        except Exception as error:  # noqa: BLE001 - the assertion below shows it
            outcome["error"] = error

    writer = threading.Thread(target=run)
    writer.start()
    time.sleep(4)  # into the writing
    opensearch_cluster.stop_node(1)
    try:
        time.sleep(3)
    finally:
        opensearch_cluster.start_node(1)
    writer.join(timeout=600)
    try:
        assert "error" not in outcome, outcome.get("error")
        assert outcome["report"].articles == 1500 and not outcome["report"].skipped
        assert engine.search("").total == 1500
        assert engine.timeline().total == 70  # one happening per year: the notes repeat it (as on Whoosh)
    finally:
        remove_all(settings)
