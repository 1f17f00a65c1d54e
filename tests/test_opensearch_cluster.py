"""The 2-node cluster of cluster/ really is a cluster: both nodes join, a replicated index survives a node."""
from __future__ import annotations

import pytest
from opensearchpy import OpenSearch


@pytest.fixture
def client(opensearch_cluster):
    # Both nodes as hosts, failed connections retried on the other: what a client of a real cluster does.
    return OpenSearch(opensearch_cluster.urls, retry_on_timeout=True, max_retries=3, timeout=30)


@pytest.fixture
def replicated(client, request):
    name = "cluster-test-" + request.node.name.lower().replace("[", "-").replace("]", "")
    client.indices.create(index=name, body={
        "settings": {"number_of_shards": 2, "number_of_replicas": 1},
        "mappings": {"properties": {"body": {"type": "text"}}}})
    client.bulk(body=[line for i in range(40) for line in (
        {"index": {"_index": name, "_id": str(i)}}, {"body": f"note number {i} about the harbour"})],
        refresh=True)
    client.cluster.health(index=name, wait_for_status="green", request_timeout=60)
    yield name
    client.indices.delete(index=name)


def test_both_nodes_join_and_the_cluster_is_green(client, record_figure, opensearch_cluster):
    health = client.cluster.health()
    assert health["number_of_nodes"] == 2
    assert health["status"] == "green"
    names = sorted(node["name"] for node in client.nodes.info()["nodes"].values())
    assert names == ["node-0", "node-1"]
    record_figure(f"OpenSearch 2-node cluster: ready in {opensearch_cluster.start_seconds:.1f} s, "
                  f"RSS {opensearch_cluster.rss_bytes() / 2**20:.0f} MiB")


def test_replica_is_on_the_other_node(client, replicated):
    shards = client.cat.shards(index=replicated, format="json")
    for shard in {s["shard"] for s in shards}:
        copies = [s for s in shards if s["shard"] == shard]
        assert {c["prirep"] for c in copies} == {"p", "r"}
        assert len({c["node"] for c in copies}) == 2


def test_searches_go_on_while_a_node_is_stopped_and_after_it_returns(client, replicated, opensearch_cluster):
    def search_all() -> int:
        result = client.search(index=replicated, body={"query": {"match": {"body": "harbour"}}}, size=0)
        assert result["_shards"]["failed"] == 0
        return result["hits"]["total"]["value"]

    assert search_all() == 40
    opensearch_cluster.stop_node(1)
    try:
        # Each search's shards are answered by node 0's copies; requests sent to node 1 fail over.
        assert [search_all() for _ in range(30)] == [40] * 30
        assert client.cluster.health()["number_of_nodes"] == 1
    finally:
        opensearch_cluster.start_node(1)
    assert client.cluster.health()["number_of_nodes"] == 2
    client.cluster.health(index=replicated, wait_for_status="green", request_timeout=60)
    assert [search_all() for _ in range(10)] == [40] * 10


def test_english_analysis_with_ascii_folding(client):
    name = "cluster-test-analysis"
    client.indices.create(index=name, body={"settings": {"analysis": {"analyzer": {"folded_english": {
        "type": "custom", "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "english_stop", "english_stemmer"]}},
        "filter": {"english_stop": {"type": "stop", "stopwords": "_english_"},
                   "english_stemmer": {"type": "stemmer", "language": "english"}}}}})
    try:
        tokens = client.indices.analyze(index=name, body={
            "analyzer": "folded_english", "text": "The café was running"})["tokens"]
        assert [t["token"] for t in tokens] == ["cafe", "run"]
    finally:
        client.indices.delete(index=name)
