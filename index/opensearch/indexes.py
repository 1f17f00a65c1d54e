"""The archive's indexes on a cluster: aliases that searches read, builds that reindexes write.

Searches read two aliases, ``<prefix>-articles`` and ``<prefix>-events``. Every reindex writes a
new concrete index of each (a full one from nothing, an incremental one from a clone of the
published pair, which hard-links its segments as Whoosh generations do) and publishes both with
one ``_aliases`` request, which the cluster applies atomically. A reindex killed at any moment
leaves the aliases on the old pair; the next reindex deletes what it left behind.

What a reindex records for the next one (file hashes, the timeline's hash) is a document of the
``<prefix>-meta`` index, keyed by the concrete articles index it describes.
"""
from __future__ import annotations

import bisect
import functools
import os
import socket
import time
from datetime import datetime, timezone
from typing import Sequence

import opensearchpy
from opensearchpy import helpers

from index.errors import IndexBusyError, IndexMissingError
from index.opensearch import mappings
from index.opensearch.connection import ClusterSettings, client, talking_to

LOCK_ID = "reindex-lock"
LOCK_STALE_S = 600  # a lock not refreshed for this long belongs to a reindex that died elsewhere
KINDS = (mappings.ARTICLES, mappings.EVENTS)


def meta_index(settings: ClusterSettings) -> str:
    return f"{settings.prefix}-meta"


def published(settings: ClusterSettings) -> dict[str, str] | None:
    """Return the concrete index each alias points to, or None when the archive has no index yet."""
    names = [mappings.alias_name(settings.prefix, kind) for kind in KINDS]
    with talking_to(settings):
        try:
            found = client(settings).indices.get_alias(name=",".join(names))
        except opensearchpy.NotFoundError:
            return None
    targets = {alias: index for index, body in found.items() for alias in body.get("aliases", {})}
    if set(targets) != set(names):
        return None
    return {kind: targets[mappings.alias_name(settings.prefix, kind)] for kind in KINDS}


def require_published(settings: ClusterSettings) -> dict[str, str]:
    current = published(settings)
    if current is None:
        raise IndexMissingError(f"No archive index on the OpenSearch cluster at {settings.where()}. "
                                "Run 'archive reindex --engine opensearch' first.")
    return current


def create(settings: ClusterSettings, kind: str, stamp: str) -> str:
    """Create an empty concrete index of ``kind`` (articles or events); return its name."""
    name = mappings.concrete_name(settings.prefix, kind, stamp)
    with talking_to(settings):
        client(settings).indices.create(index=name, body={
            "settings": mappings.index_settings(settings.shards, settings.replicas),
            "mappings": mappings.MAPPINGS[kind]})
    return name


def clone(settings: ClusterSettings, source: str, kind: str, stamp: str) -> str:
    """Copy a published concrete index into a new one to write to (segments are hard-linked)."""
    name = mappings.concrete_name(settings.prefix, kind, stamp)
    with talking_to(settings):
        indices = client(settings).indices
        # A clone needs its source read-only; a published index is never written again anyway.
        indices.put_settings(index=source, body={"index.blocks.write": True})
        indices.clone(index=source, target=name, body={"settings": {"index.blocks.write": None}},
                      params={"wait_for_active_shards": "1"})
    return name


def mapping_version(settings: ClusterSettings, index: str) -> int | None:
    with talking_to(settings):
        found = client(settings).indices.get_mapping(index=index)
    return found[index]["mappings"].get("_meta", {}).get("mapping_version")


def publish(settings: ClusterSettings, built: dict[str, str], meta: dict) -> None:
    """Record ``meta`` for the build and move both aliases to it in one atomic request."""
    with talking_to(settings):
        os_client = client(settings)
        for name in built.values():
            os_client.indices.refresh(index=name)
        os_client.index(index=meta_index(settings), id=built[mappings.ARTICLES], body={"meta": meta},
                        refresh=True)
        actions = [{"remove": {"index": f"{settings.prefix}-{kind}-*", "alias": mappings.alias_name(settings.prefix, kind)}}
                   for kind in KINDS if published(settings) is not None]
        actions += [{"add": {"index": built[kind], "alias": mappings.alias_name(settings.prefix, kind)}} for kind in KINDS]
        os_client.indices.update_aliases(body={"actions": actions})


def read_meta(settings: ClusterSettings, articles_index: str) -> dict:
    with talking_to(settings):
        try:
            return client(settings).get(index=meta_index(settings), id=articles_index)["_source"]["meta"]
        except opensearchpy.NotFoundError:
            return {}


def remove_unpublished(settings: ClusterSettings) -> None:
    """Delete the concrete indexes and meta records no alias points to (left by a killed or old reindex)."""
    current = set((published(settings) or {}).values())
    with talking_to(settings):
        os_client = client(settings)
        for kind in KINDS:
            pattern = f"{settings.prefix}-{kind}-*"
            names = os_client.indices.get(index=pattern, params={"expand_wildcards": "all"}) if \
                os_client.indices.exists(index=pattern) else {}
            for name in set(names) - current:
                os_client.indices.delete(index=name, ignore_unavailable=True)
        if os_client.indices.exists(index=meta_index(settings)):
            delete_matching(settings, meta_index(settings), {"bool": {"must_not": [
                {"ids": {"values": sorted(current) + [LOCK_ID]}}]}})


def delete_matching(settings: ClusterSettings, index: str, query: dict) -> None:
    """Delete the (refreshed) documents of ``index`` that match ``query``.

    What _delete_by_query does, done by the client: that API lives in OpenSearch's reindex module,
    which a small cluster may not load.
    """
    with talking_to(settings):
        os_client = client(settings)
        ids = [hit["_id"] for hit in helpers.scan(os_client, index=index, query={"query": query, "_source": False},
                                                  size=1000, scroll="2m")]
        for start in range(0, len(ids), 1000):
            os_client.bulk(body=[{"delete": {"_index": index, "_id": i}} for i in ids[start:start + 1000]])
        if ids:
            os_client.indices.refresh(index=index)


def new_stamp() -> str:
    """A name part that sorts builds in time order (lowercase, as index names must be)."""
    return datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")


def acquire_lock(settings: ClusterSettings) -> str:
    """Take the archive's reindex lock on the cluster, or fail at once if another reindex holds it.

    The lock is a document created only if absent. A reindex killed on this machine leaves one
    whose process is gone; one killed elsewhere leaves one that stops being refreshed: both are
    taken over.
    """
    owner = f"{socket.gethostname()}:{os.getpid()}:{time.time_ns()}"
    body = {"meta": {"owner": owner, "at": time.time()}}
    with talking_to(settings):
        os_client = client(settings)
        if not os_client.indices.exists(index=meta_index(settings)):
            try:
                os_client.indices.create(index=meta_index(settings), body={
                    "settings": {"number_of_shards": 1, "number_of_replicas": settings.replicas},
                    "mappings": {"dynamic": False, "properties": {"meta": {"type": "object", "enabled": False}}}})
            except opensearchpy.RequestError as error:
                if error.error != "resource_already_exists_exception":
                    raise
        try:
            os_client.create(index=meta_index(settings), id=LOCK_ID, body=body, refresh=True)
            return owner
        except opensearchpy.ConflictError:
            held = os_client.get(index=meta_index(settings), id=LOCK_ID)
            if not _stale(held["_source"]["meta"]):
                raise IndexBusyError(f"Another reindex is writing to the OpenSearch cluster at {settings.where()}; "
                                     "try again when it finishes.") from None
            try:  # take it over, unless another reindex took it over first
                os_client.index(index=meta_index(settings), id=LOCK_ID, body=body, refresh=True,
                                if_seq_no=held["_seq_no"], if_primary_term=held["_primary_term"])
            except opensearchpy.ConflictError:
                raise IndexBusyError("Another reindex has just started; try again when it finishes.") from None
            return owner


def release_lock(settings: ClusterSettings, owner: str) -> None:
    with talking_to(settings):
        os_client = client(settings)
        try:
            held = os_client.get(index=meta_index(settings), id=LOCK_ID)
        except opensearchpy.NotFoundError:
            return
        if held["_source"]["meta"]["owner"] == owner:
            os_client.delete(index=meta_index(settings), id=LOCK_ID, refresh=True,
                             if_seq_no=held["_seq_no"], if_primary_term=held["_primary_term"])


def _stale(lock: dict) -> bool:
    host, pid, _ = lock["owner"].rsplit(":", 2)
    if host == socket.gethostname():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return time.time() - lock.get("at", 0) > LOCK_STALE_S


def stems(settings: ClusterSettings, words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Return what the index's analysis makes of each word (nothing for a common word)."""
    missing = [w for w in words if w not in _stem_cache(settings)]
    if missing:
        _analyse(settings, missing)
    cache = _stem_cache(settings)
    return {word: cache[word] for word in words}


@functools.lru_cache(maxsize=8)
def _stem_cache(settings: ClusterSettings) -> dict:
    return {}


STEM_CACHE_SIZE = 100_000


def _analyse(settings: ClusterSettings, words: Sequence[str]) -> None:
    """Analyse many words in one request: joined by newlines, each token told apart by its offset."""
    text = "\n".join(word.replace("\n", " ") for word in words)
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    index = require_published(settings)[mappings.ARTICLES]
    with talking_to(settings):
        tokens = client(settings).indices.analyze(index=index, body={"analyzer": "archive_text", "text": text})["tokens"]
    found: dict[str, list[str]] = {word: [] for word in words}
    for token in tokens:
        found[words[bisect.bisect_right(starts, token["start_offset"]) - 1]].append(token["token"])
    cache = _stem_cache(settings)
    if len(cache) > STEM_CACHE_SIZE:
        cache.clear()
    cache.update({word: tuple(stems) for word, stems in found.items()})
