"""The OpenSearch engine behind index.engine.Engine: an archive's index on a cluster."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from archive import corpus
from archive.config import Settings
from archive.reindex import IndexReport, Reindex, full_rebuild_reason
from index.opensearch import articles, indexes, mappings, search, timeline
from index.opensearch.connection import ClusterSettings
from index.opensearch.writer import ClusterWriter
from index.results import ArticlePage, SearchHit, SearchPage, TimelineEntry, TimelinePage


class OpenSearchEngine:
    """One archive on one cluster: its aliases are ``<prefix>-articles`` and ``<prefix>-events``."""

    name = "opensearch"

    def __init__(self, settings: Settings | ClusterSettings):
        self.settings = settings if isinstance(settings, ClusterSettings) else cluster_settings(settings)

    @property
    def location(self) -> str:
        return f"the OpenSearch cluster at {self.settings.where()} (indexes {self.settings.prefix}-*)"

    def search(self, q: str = "", *, page: int = 1, page_size: int = 10, **narrowing) -> SearchPage:
        return search.search(self.settings, q, page=page, page_size=page_size, **narrowing)

    def iter_hits(self, q: str = "", **narrowing) -> Iterator[SearchHit]:
        return search.iter_hits(self.settings, q, **narrowing)

    def suggest(self, q: str) -> str | None:
        return articles.suggest(self.settings, q)

    def article(self, article_id: str, q: str = "") -> ArticlePage | None:
        return articles.get_article(self.settings, article_id, q)

    def timeline(self, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                 article: str | None = None, page: int = 1, page_size: int = 50, min_sources: int = 1,
                 by_sources: bool = False, written_only: bool = False, conflicts: bool = False) -> TimelinePage:
        return timeline.timeline(self.settings, q, year_from=year_from, year_to=year_to, article=article,
                                 page=page, page_size=page_size, min_sources=min_sources, by_sources=by_sources,
                                 written_only=written_only, conflicts=conflicts)

    def iter_timeline(self, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                      article: str | None = None, min_sources: int = 1, by_sources: bool = False,
                      written_only: bool = False, conflicts: bool = False) -> Iterator[TimelineEntry]:
        return timeline.iter_timeline(self.settings, q, year_from=year_from, year_to=year_to, article=article,
                                      min_sources=min_sources, by_sources=by_sources, written_only=written_only,
                                      conflicts=conflicts)

    def reindex(self, corpus_dir: Path, *, full: bool = False, on_start: Callable[[int], None] | None = None,
                on_step: Callable[[int], None] | None = None,
                on_phase: Callable[[str], None] | None = None) -> IndexReport:
        """Write a new build (a clone of the published one when incremental) and publish it by an alias swap."""
        files = corpus.corpus_files(Path(corpus_dir))  # raises CorpusError for a missing folder
        owner = indexes.acquire_lock(self.settings)
        try:
            indexes.remove_unpublished(self.settings)  # what a killed reindex left
            previous = indexes.published(self.settings)
            old_meta = indexes.read_meta(self.settings, previous[mappings.ARTICLES]) if previous else None
            if previous and indexes.mapping_version(self.settings, previous[mappings.ARTICLES]) != mappings.MAPPING_VERSION:
                old_meta = dict(old_meta or {}, schema_version=None)
            reason = "requested" if full else full_rebuild_reason(old_meta, mappings.MAPPING_VERSION)
            writer = ClusterWriter(self.settings, None if reason else previous,
                                   next_seq=0 if reason else (old_meta or {}).get("next_seq", 0))
            run = Reindex(Path(corpus_dir), writer, {} if reason else old_meta)
            counts = run.apply(files, on_start, on_step, on_phase)
            meta = dict(run.meta(mappings.MAPPING_VERSION), next_seq=writer.next_seq)
            if on_phase:
                on_phase("Publishing the new indexes (moving the aliases)")
            indexes.publish(self.settings, writer.built, meta)
            indexes.remove_unpublished(self.settings)
        finally:
            indexes.release_lock(self.settings, owner)
        # A rejected article is not in the index, so the next reindex reads its file again.
        counts["problems"] = list(counts["problems"]) + writer.rejected
        return IndexReport(index_dir=Path(self.location), full=bool(reason), full_reason=reason or "", **counts)


def cluster_settings(settings: Settings) -> ClusterSettings:
    """The cluster part of the archive's settings: node URLs (comma-separated), credentials, TLS."""
    urls = tuple(url.strip().rstrip("/") for url in (settings.opensearch_url or "").split(",") if url.strip())
    return ClusterSettings(urls=urls, user=settings.opensearch_user, password=settings.opensearch_password,
                           verify_certs=settings.opensearch_verify_certs.lower() in ("true", "yes", "1"),
                           ca_certs=settings.opensearch_ca_certs, prefix=settings.opensearch_index)
