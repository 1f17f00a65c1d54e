"""Reindex into Whoosh: a new generation written by ``archive.reindex``'s pipeline, then published."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as whoosh_index

from archive import corpus, tagging
from archive.events import Event
from archive.models import Article
from archive.reindex import IndexReport, Reindex, full_rebuild_reason
from index.errors import IndexBusyError, SearchIndexError
from index.whoosh import event_writer, schema, store
from index.whoosh.deleting import TermDeleter

logger = logging.getLogger(__name__)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_step: Callable[[int], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> IndexReport:
    """Bring the index in ``index_dir`` in line with every article under ``corpus_dir``.

    Incremental unless ``full`` is set or the index was built by another version.
    ``on_start`` receives the number of articles to write, ``on_step`` is called after each,
    ``on_phase`` a sentence for each step after the tagging.
    :raises IndexBusyError: when another reindex is running.
    """
    files = corpus.corpus_files(Path(corpus_dir))  # raises CorpusError for a missing folder
    with store.reindex_lock(index_dir):
        store.remove_stale(index_dir)
        previous = store.current_generation(index_dir)
        old_meta = store.read_meta(previous) if previous is not None else None
        reason = "requested" if full else full_rebuild_reason(old_meta, schema.SCHEMA_VERSION)
        generation = None
        try:
            generation = store.new_generation(index_dir, None if reason else previous)
            run = Reindex(Path(corpus_dir), WhooshWriter(generation, corpus_dir), {} if reason else old_meta)
            counts = run.apply(files, on_start, on_step, on_phase)
            if on_phase:
                on_phase("Publishing the new index")
            store.publish(index_dir, generation, run.meta(schema.SCHEMA_VERSION))
        except OSError as error:  # disk full, index folder made read-only, ...
            if generation is not None:
                shutil.rmtree(generation, ignore_errors=True)
            raise SearchIndexError(
                f"Could not write the index in {index_dir}: {error.strerror or error}. "
                "The previous index is unchanged."
            ) from error
        store.remove_stale(index_dir)
    return IndexReport(index_dir=Path(index_dir), full=bool(reason), full_reason=reason or "", **counts)


def _open_or_create(generation: Path, name: str, make_schema) -> whoosh_index.Index:
    if whoosh_index.exists_in(generation, indexname=name):
        return whoosh_index.open_dir(generation, indexname=name)
    return whoosh_index.create_in(generation, make_schema(), indexname=name)


class WhooshWriter:
    """The articles and events indexes of one generation, written as ``archive.reindex.IndexWriter``."""

    def __init__(self, generation: Path, corpus_dir: Path):
        self.generation = generation
        self.corpus_dir = corpus_dir
        self.articles = _open_or_create(generation, schema.ARTICLES, schema.article_schema)
        self.events = _open_or_create(generation, schema.EVENTS, schema.event_schema)
        self.article_writer = self.event_writer = self.article_deletes = None

    def known_articles(self) -> dict[str, str]:
        """Map each indexed article id to its content hash, read from columns whole (fast)."""
        with self.articles.reader() as reader:
            if reader.doc_count() == 0:
                return {}
            # Whole columns (a third of the time of a read per document), their bytes decoded here:
            # Whoosh's translating reader calls the field's from_bytes per value (half the time).
            ids = [value.decode("utf-8") for value in reader.column_reader("id", translate=False)]
            hashes = [value.decode("utf-8") for value in reader.column_reader("content_hash", translate=False)]
            deleted = {offset + docnum for leaf, offset in reader.leaf_readers() for docnum in leaf.deleted_docs_set}
            if not deleted:
                return dict(zip(ids, hashes))
            return {key: value for docnum, (key, value) in enumerate(zip(ids, hashes)) if docnum not in deleted}

    def open(self, pending: int) -> None:
        try:
            # Separate segment files, not one compound file: Whoosh reads each part of a compound
            # file into memory for every searcher (100 MB per searcher and thread on on-this-day).
            self.article_writer = self.articles.writer(limitmb=256, compound=False)
            self.article_deletes = TermDeleter(self.article_writer)  # not Whoosh's: see index.whoosh.deleting
        except whoosh_index.LockError as error:
            raise IndexBusyError(f"Another writer holds {self.corpus_dir}'s index; try again.") from error
        # The events go to a child process when there are enough to keep a second core busy.
        self.event_writer = event_writer.open_writer(self.generation, in_child=pending >= tagging.PARALLEL_MIN)

    def write_article(self, article: Article, years: list[int], event_years: list[int],
                      events: list[Event], new: bool) -> None:
        document = schema.article_document(article, years, event_years)
        if new:
            self.article_writer.add_document(**document)  # no older version to look up and delete
        else:  # what Whoosh's update_document does, "id" being the only unique field
            self.article_deletes.delete("id", article.id)
            self.article_writer.add_document(**document)
            self.event_writer.delete("article_id", article.id)
        for event in events:
            self.event_writer.add(schema.event_document(event, article))

    def delete_article(self, article_id: str) -> None:
        self.article_deletes.delete("id", article_id)
        self.event_writer.delete("article_id", article_id)

    def replace_curated(self, events: list[Event]) -> None:
        self.event_writer.delete("kind", "curated")
        for event in events:
            self.event_writer.add(schema.event_document(event, None))

    def articles_of_events(self, event_ids: Iterable[str]) -> set[str]:
        with self.events.searcher() as searcher:
            stored = [searcher.document(id=event_id) for event_id in event_ids]
        return {fields["article_id"] for fields in stored if fields and fields["article_id"]}

    def stored_articles(self, article_ids: Iterable[str]) -> list[Article]:
        with self.articles.searcher() as searcher:
            stored = [searcher.document(id=i) for i in article_ids]
        return [schema.article_from_fields(fields) for fields in stored if fields]

    def commit(self) -> None:
        self.event_writer.start_commit()  # the child commits the events while this process commits the articles
        self.article_deletes.close()
        self.article_writer.commit()
        self.event_writer.wait()

    def cancel(self) -> None:
        try:
            if self.article_deletes is not None:
                self.article_deletes.close()
            if self.article_writer is not None and not self.article_writer.is_closed:
                self.article_writer.cancel()
            if self.event_writer is not None:
                self.event_writer.cancel()
        except Exception:  # noqa: BLE001 - on a full disk cancelling fails too: keep the first error
            logger.debug("cancelling the writers failed", exc_info=True)

    def missing_events(self, event_ids: Iterable[str]) -> list[str]:
        with self.events.searcher() as searcher:
            return [event_id for event_id in event_ids if searcher.document_number(id=event_id) is None]

    def event_count(self) -> int:
        return self.events.doc_count()  # through a reader: a searcher would import Whoosh's search side
