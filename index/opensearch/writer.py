"""Write one build of the archive's indexes: bulk requests with bounded retries, rejections by article.

A build is a pair of concrete indexes (see index.opensearch.indexes): empty for a full reindex, a
clone of the published pair for an incremental one. Nothing written is seen by searches until the
build is published, so a failed or killed reindex costs nothing but its own build.

Bulk requests go in batches. A batch the cluster cannot take now (a node restarting, HTTP 429 or
5xx, a timeout) is sent again after a growing pause, a bounded number of times. An item the cluster
rejects for good (a value no field can hold) is reported by its article id: its article and events
are left out, and nothing else is lost.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Iterable

import opensearchpy
from opensearchpy import helpers

from archive.events import Event
from archive.models import Article, Problem
from index.errors import SearchIndexError
from index.opensearch import documents, indexes, mappings
from index.opensearch.connection import ClusterSettings, ClusterUnavailableError, client, talking_to

logger = logging.getLogger(__name__)

BATCH_ACTIONS = 1000
BATCH_BYTES = 8 * 2**20
RETRIES = 5
FIRST_PAUSE_S = 0.5  # doubled at each retry: 0.5 + 1 + 2 + 4 + 8 s at most, about 15 s
RETRY_STATUSES = {429, 502, 503, 504}
READ_CHUNK = 1000


class ClusterWriter:
    """A build being written, with the reads the reindex pipeline needs from the published pair."""

    def __init__(self, settings: ClusterSettings, previous: dict[str, str] | None, next_seq: int = 0):
        self.settings = settings
        self.previous = previous
        stamp = indexes.new_stamp()
        self.built: dict[str, str] = {}
        try:
            for kind in indexes.KINDS:
                self.built[kind] = (indexes.clone(settings, previous[kind], kind, stamp) if previous
                                    else indexes.create(settings, kind, stamp))
        except BaseException:
            self.cancel()
            raise
        self.next_seq = next_seq
        self.rejected: list[Problem] = []
        self._rejected_ids: set[str] = set()
        self._actions: list[tuple[dict, dict | None, str | None]] = []  # (action, source, article id)
        self._bytes = 0
        self._stale_events: list[str] = []  # articles whose events go before this batch's are written

    # ---- reads ------------------------------------------------------------------------------

    def known_articles(self) -> dict[str, str]:
        """Map each article id of the build (as cloned) to its content hash."""
        found = {}
        for source in self._scan(mappings.ARTICLES, {"match_all": {}}, ["id", "content_hash"]):
            found[source["id"]] = source.get("content_hash", "")
        return found

    def articles_of_events(self, event_ids: Iterable[str]) -> set[str]:
        ids = sorted(set(event_ids))
        found = set()
        for start in range(0, len(ids), READ_CHUNK):
            for source in self._scan(mappings.EVENTS, {"terms": {"id": ids[start:start + READ_CHUNK]}}, ["article_id"]):
                if source.get("article_id"):
                    found.add(source["article_id"])
        return found

    def stored_articles(self, article_ids: Iterable[str]) -> list[Article]:
        ids = sorted(set(article_ids))
        found = {}
        for start in range(0, len(ids), READ_CHUNK):
            for source in self._scan(mappings.ARTICLES, {"terms": {"id": ids[start:start + READ_CHUNK]}}, True):
                found[source["id"]] = documents.article_from_source(source)
        return [found[i] for i in ids if i in found]

    def missing_events(self, event_ids: Iterable[str]) -> list[str]:
        wanted = list(dict.fromkeys(event_ids))
        present: set[str] = set()
        for start in range(0, len(wanted), READ_CHUNK):
            present |= {s["id"] for s in self._scan(mappings.EVENTS, {"terms": {"id": wanted[start:start + READ_CHUNK]}},
                                                    ["id"])}
        return [i for i in wanted if i not in present]

    def event_count(self) -> int:
        with talking_to(self.settings):
            return client(self.settings).count(index=self.built[mappings.EVENTS])["count"]

    def _scan(self, kind: str, query: dict, source) -> Iterable[dict]:
        with talking_to(self.settings):
            for hit in helpers.scan(client(self.settings), index=self.built[kind], query={"query": query, "_source": source},
                                    size=READ_CHUNK, scroll="2m", preserve_order=False):
                yield hit["_source"]

    # ---- writes -----------------------------------------------------------------------------

    def open(self, pending: int) -> None:
        """Nothing to start: the build exists since the writer was made."""

    def write_article(self, article: Article, years: list[int], event_years: list[int],
                      events: list[Event], new: bool) -> None:
        if not new:
            self._stale_events.append(article.id)
        self._queue({"index": {"_index": self.built[mappings.ARTICLES], "_id": documents.doc_id(article.id)}},
                    documents.article_document(article, years, event_years), article.id)
        for event in events:
            self._queue_event(documents.event_document(event, article, self._seq()), article.id)

    def delete_article(self, article_id: str) -> None:
        self._stale_events.append(article_id)
        self._queue({"delete": {"_index": self.built[mappings.ARTICLES], "_id": documents.doc_id(article_id)}},
                    None, article_id)

    def replace_curated(self, events: list[Event]) -> None:
        self._flush()
        self._delete_events({"term": {"kind": "curated"}})
        for event in events:
            self._queue_event(documents.event_document(event, None, self._seq()), None)

    def commit(self) -> None:
        """Send what is left, take out the events of rejected articles, and make the build searchable."""
        self._flush()
        if self._rejected_ids:
            ids = sorted(self._rejected_ids)
            self._refresh()
            for start in range(0, len(ids), READ_CHUNK):
                self._delete_events({"terms": {"article_id": ids[start:start + READ_CHUNK]}})
        self._refresh()

    def cancel(self) -> None:
        """Delete the build; the published indexes were never touched."""
        try:
            with talking_to(self.settings):
                for name in self.built.values():
                    client(self.settings).indices.delete(index=name, ignore_unavailable=True)
        except Exception:  # noqa: BLE001 - keep the error that made the reindex fail; the next run cleans up
            logger.debug("deleting an unfinished build failed", exc_info=True)

    def _seq(self) -> int:
        self.next_seq += 1
        return self.next_seq

    def _queue_event(self, document: dict, article_id: str | None) -> None:
        # The _id is the event's place in the build's writing order: unique, and the same when a batch is
        # sent again after a failure that the cluster had in fact applied, so a retry never doubles an event.
        self._queue({"index": {"_index": self.built[mappings.EVENTS], "_id": str(document["seq"])}}, document, article_id)

    def _queue(self, action: dict, source: dict | None, article_id: str | None) -> None:
        self._actions.append((action, source, article_id))
        self._bytes += len(json.dumps(source, ensure_ascii=False, default=str)) if source else 64
        if len(self._actions) >= BATCH_ACTIONS or self._bytes >= BATCH_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._stale_events:
            stale, self._stale_events = self._stale_events, []
            for start in range(0, len(stale), READ_CHUNK):
                self._delete_events({"terms": {"article_id": stale[start:start + READ_CHUNK]}})
        actions, self._actions, self._bytes = self._actions, [], 0
        pause = FIRST_PAUSE_S
        for attempt in range(RETRIES + 1):
            if not actions:
                return
            actions = self._send(actions, last_try=attempt == RETRIES)
            if actions:
                logger.info("bulk: %d items to send again in %.1f s", len(actions), pause)
                time.sleep(pause)
                pause *= 2
        if actions:
            raise ClusterUnavailableError(f"The OpenSearch cluster at {self.settings.where()} kept refusing "
                                          f"{len(actions)} writes after {RETRIES} tries; the published index is unchanged.")

    def _send(self, actions: list, last_try: bool) -> list:
        """Send one bulk request; return the items to send again, having recorded the rejected ones."""
        body = []
        for action, source, _ in actions:
            body.append(action)
            if source is not None:
                body.append(source)
        try:
            with talking_to(self.settings):
                answer = client(self.settings).bulk(body=body, request_timeout=120)
        except ClusterUnavailableError:
            if last_try:
                raise
            return actions
        if not answer.get("errors"):
            return []
        again = []
        for item, queued in zip(answer["items"], actions):
            result = next(iter(item.values()))
            status = result.get("status", 200)
            if status < 300 or (status == 404 and "delete" in item):
                continue
            if status in RETRY_STATUSES:
                again.append(queued)
            else:
                self._reject(queued[2], result.get("error"))
        return again

    def _reject(self, article_id: str | None, error) -> None:
        reason = error.get("reason") if isinstance(error, dict) else str(error)
        cause = error.get("caused_by", {}).get("reason") if isinstance(error, dict) else None
        text = f"rejected by the OpenSearch cluster: {reason}" + (f" ({cause})" if cause else "")
        if article_id is None:
            raise SearchIndexError(f"A curated event was {text}.")
        if article_id not in self._rejected_ids:
            self._rejected_ids.add(article_id)
            self.rejected.append(Problem(article_id, text[:300]))

    def _delete_events(self, query: dict) -> None:
        indexes.delete_matching(self.settings, self.built[mappings.EVENTS], query)

    def _refresh(self) -> None:
        with talking_to(self.settings):
            client(self.settings).indices.refresh(index=",".join(self.built.values()))
