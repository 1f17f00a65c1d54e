"""Helpers of the OpenSearch tests: settings for one test's own indexes on the session's cluster."""
from __future__ import annotations

import itertools
from pathlib import Path

from archive.reindex import IndexReport
from index.opensearch.connection import ClusterSettings, client
from index.opensearch.engine import OpenSearchEngine

_numbers = itertools.count()


def settings_for(cluster, name: str, replicas: int = 1) -> ClusterSettings:
    """Settings with a prefix of their own, so that tests never see each other's indexes."""
    prefix = f"t{next(_numbers)}-{name}".lower().replace("_", "-").replace("[", "-").replace("]", "")[:40]
    return ClusterSettings(urls=tuple(cluster.urls), prefix=prefix, replicas=replicas, timeout_s=60)


def remove_all(settings: ClusterSettings) -> None:
    client(settings).indices.delete(index=f"{settings.prefix}-*", params={"expand_wildcards": "all"})


def feed(settings: ClusterSettings, corpus_dir: Path, full: bool = False) -> IndexReport:
    """Reindex ``corpus_dir`` on the cluster, through the archive's reindex pipeline."""
    return OpenSearchEngine(settings).reindex(corpus_dir, full=full)


def app_config(settings: ClusterSettings) -> dict:
    """The web app's configuration for the archive in ``settings``."""
    return {"ENGINE": "opensearch", "OPENSEARCH_URL": ",".join(settings.urls), "OPENSEARCH_INDEX": settings.prefix}


def settings_of(config: dict) -> ClusterSettings:
    """The cluster settings of a web app's configuration made by ``app_config``."""
    return ClusterSettings(urls=tuple(config["OPENSEARCH_URL"].split(",")), prefix=config["OPENSEARCH_INDEX"],
                           timeout_s=60)
