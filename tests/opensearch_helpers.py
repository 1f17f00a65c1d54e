"""Helpers of the OpenSearch tests: settings for one test's own indexes, and a corpus written into them."""
from __future__ import annotations

import itertools
from pathlib import Path

from archive import corpus
from archive.events import date_article
from index.opensearch import indexes
from index.opensearch.connection import ClusterSettings, client
from index.opensearch.writer import ClusterWriter

_numbers = itertools.count()


def settings_for(cluster, name: str, replicas: int = 1) -> ClusterSettings:
    """Settings with a prefix of their own, so that tests never see each other's indexes."""
    prefix = f"t{next(_numbers)}-{name}".lower().replace("_", "-")[:40]
    return ClusterSettings(urls=tuple(cluster.urls), prefix=prefix, replicas=replicas, timeout_s=60)


def remove_all(settings: ClusterSettings) -> None:
    os_client = client(settings)
    os_client.indices.delete(index=f"{settings.prefix}-*", params={"expand_wildcards": "all"})


def feed(settings: ClusterSettings, corpus_dir: Path) -> ClusterWriter:
    """Write every article of ``corpus_dir`` into a new build and publish it; return the writer."""
    owner = indexes.acquire_lock(settings)
    try:
        writer = ClusterWriter(settings, None)
        known = writer.known_articles()
        for path in corpus.corpus_files(corpus_dir):
            read = corpus.parse_file(path.relative_to(corpus_dir).as_posix(), corpus.read_bytes(path))
            for article in read.articles:
                found = date_article(article)
                writer.write_article(article, found.years, [e.year for e in found.events], found.events,
                                     article.id not in known)
        writer.commit()
        indexes.publish(settings, writer.built, {"files": {}, "next_seq": writer.next_seq})
    finally:
        indexes.release_lock(settings, owner)
    return writer
