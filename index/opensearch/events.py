"""Reads of the events alias that the timeline's parts share: one search, every hit, stored events by _id.

An event is carried through folding as its keys (``_id``, repeat and happening keys, year, and
its place in the packed order), a small dict; its stored fields are read only for the entries shown.
"""
from __future__ import annotations

from typing import Iterator

import opensearchpy

from index.opensearch import indexes, mappings
from index.opensearch.connection import ClusterSettings, client, every_hit, talking_to

WINDOW = 10_000  # OpenSearch's index.max_result_window: from + size of one search
SORT = [{"order": "asc"}, {"seq": "asc"}]  # the packed order; seq is unique, so a total order
KEY_FIELDS = ["repeat", "happening", "year"]


def search(settings: ClusterSettings, body: dict, index: str | None = None) -> dict:
    """One search of the events alias (or of one build's events ``index``)."""
    alias = index or mappings.alias_name(settings.prefix, mappings.EVENTS)
    with talking_to(settings):
        try:
            return client(settings).search(index=alias, body=body)
        except opensearchpy.NotFoundError:
            indexes.require_published(settings)
            raise


def every(settings: ClusterSettings, query: dict, source=True, chunk: int = 1000,
          index: str | None = None) -> Iterator[dict]:
    """Every matching event in the packed order, through a point in time."""
    alias = index or mappings.alias_name(settings.prefix, mappings.EVENTS)
    try:
        yield from every_hit(settings, alias, {"query": query, "sort": SORT, "_source": source}, chunk)
    except opensearchpy.NotFoundError:
        indexes.require_published(settings)
        raise


def key(hit: dict) -> dict:
    """The keys of one event hit (sorted on SORT, with KEY_FIELDS in its _source)."""
    source = hit["_source"]
    return {"_id": hit["_id"], "repeat": source.get("repeat", hit["_id"]),
            "happening": source.get("happening", hit["_id"]), "year": source["year"], "sort": tuple(hit["sort"])}


def same(a: dict, b: dict) -> bool:
    return a["_id"] == b["_id"]


def sources(settings: ClusterSettings, ids: list[str], index: str | None = None) -> dict[str, dict]:
    """The stored fields of some events, by _id, in as few requests as the result window allows."""
    found = {}
    for start in range(0, len(ids), WINDOW):  # a request holds at most WINDOW hits
        part = ids[start:start + WINDOW]
        answer = search(settings, {"query": {"ids": {"values": part}}, "size": len(part), "track_total_hits": False}, index)
        found.update((hit["_id"], hit["_source"]) for hit in answer["hits"]["hits"])
    return found
