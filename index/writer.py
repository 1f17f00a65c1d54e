"""Reindex: bring the articles and events indexes in line with the corpus folder."""
from __future__ import annotations

import functools
import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from whoosh import index as whoosh_index

from archive import changes, corpus
from archive.curated import FILE_NAME as TIMELINE_FILE
from archive.curated import CuratedTimeline, parse_timeline
from archive.events import ArticleDates
from archive.models import Article, Problem
from index import event_writer, schema, store, tagging
from index.errors import IndexBusyError, SearchIndexError

logger = logging.getLogger(__name__)


@functools.cache
def extractor_version() -> str:
    """Fingerprint the code that turns files into articles, years and events.

    Any change to it (a better date rule, a fixed reader) makes the next reindex a full one,
    so an index never mixes what two versions of the extractor found.
    """
    digest = hashlib.sha1()
    for path in sorted(Path(corpus.__file__).parent.rglob("*.py")):
        if path.name not in ("cli.py", "config.py"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class IndexReport:
    """What a reindex did, for the summary a researcher reads."""

    index_dir: Path
    full: bool
    added: int
    updated: int
    deleted: int
    unchanged: int
    articles: int
    events: int
    problems: list[Problem] = field(default_factory=list)
    years: tuple[int, int] | None = None
    full_reason: str = ""

    @property
    def skipped(self) -> list[Problem]:
        """Problems that kept a file or record out of the index."""
        return [p for p in self.problems if p.skipped]

    @property
    def degraded(self) -> list[Problem]:
        """Problems with articles or corrections that were indexed all the same."""
        return [p for p in self.problems if not p.skipped]


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_step: Callable[[int], None] | None = None,
) -> IndexReport:
    """Bring the index in ``index_dir`` in line with every article under ``corpus_dir``.

    Incremental unless ``full`` is set or the index was built by another version.
    ``on_start`` receives the number of articles to write, ``on_step`` is called after each.
    :raises IndexBusyError: when another reindex is running.
    """
    files = corpus.corpus_files(Path(corpus_dir))  # raises CorpusError for a missing folder
    with store.reindex_lock(index_dir):
        store.remove_stale(index_dir)
        previous = store.current_generation(index_dir)
        reason = "requested" if full else _full_rebuild_reason(previous)
        generation = None
        try:
            generation = store.new_generation(index_dir, None if reason else previous)
            old_meta = {} if reason else store.read_meta(previous)
            run = _Reindex(Path(corpus_dir), generation, old_meta)
            counts = run.apply(files, on_start, on_step)
            store.publish(index_dir, generation, run.meta())
        except OSError as error:  # disk full, index folder made read-only, ...
            if generation is not None:
                shutil.rmtree(generation, ignore_errors=True)
            raise SearchIndexError(
                f"Could not write the index in {index_dir}: {error.strerror or error}. "
                "The previous index is unchanged."
            ) from error
        store.remove_stale(index_dir)
    return IndexReport(index_dir=Path(index_dir), full=bool(reason), full_reason=reason or "", **counts)


def _full_rebuild_reason(previous: Path | None) -> str | None:
    if previous is None:
        return "no index yet"
    meta = store.read_meta(previous)
    if meta.get("schema_version") != schema.SCHEMA_VERSION:
        return "the index schema changed"
    if meta.get("extractor_version") != extractor_version():
        return "the date extractor changed"
    return None


def _open_or_create(generation: Path, name: str, make_schema) -> whoosh_index.Index:
    if whoosh_index.exists_in(generation, indexname=name):
        return whoosh_index.open_dir(generation, indexname=name)
    return whoosh_index.create_in(generation, make_schema(), indexname=name)


class _Reindex:
    """One pass over the corpus files against what the previous generation holds."""

    def __init__(self, corpus_dir: Path, generation: Path, old_meta: dict):
        self.corpus_dir = corpus_dir
        self.generation = generation
        self.old_files: dict = old_meta.get("files", {})
        self.files: dict = {}
        self.articles = _open_or_create(generation, schema.ARTICLES, schema.article_schema)
        self.events = _open_or_create(generation, schema.EVENTS, schema.event_schema)
        self.known = self._known_articles()
        self.written: set[str] = set()
        self.seen: dict[str, str] = {}  # article id -> the file it came from, in corpus order
        timeline_path = corpus_dir / TIMELINE_FILE
        text = timeline_path.read_text(encoding="utf-8", errors="replace") if timeline_path.is_file() else ""
        self.timeline_hash = hashlib.sha1(text.encode("utf-8")).hexdigest()
        self.timeline_changed = self.timeline_hash != old_meta.get("timeline_hash")
        self.curated: CuratedTimeline = parse_timeline(text) if text else CuratedTimeline()
        self.old_corrections: list[str] = old_meta.get("corrections", [])

    def _known_articles(self) -> dict[str, str]:
        """Map each indexed article id to its content hash, read from columns (fast)."""
        with self.articles.reader() as reader:
            if reader.doc_count() == 0:
                return {}
            ids = reader.column_reader("id")
            hashes = reader.column_reader("content_hash")
            return {ids[docnum]: hashes[docnum] for docnum in reader.all_doc_ids()}

    def apply(self, files: list[Path], on_start, on_step) -> dict:
        """Read every file, then tag and write the new and changed articles."""
        pending, unchanged = self._scan(files)
        if on_start:
            on_start(len(pending))
        counts = dict(added=0, updated=0, deleted=0, unchanged=unchanged)
        try:
            # Separate segment files, not one compound file: Whoosh reads each part of a compound
            # file into memory for every searcher (100 MB per searcher and thread on on-this-day).
            articles = self.articles.writer(limitmb=256, compound=False)
        except whoosh_index.LockError as error:
            raise IndexBusyError(f"Another writer holds {self.corpus_dir}'s index; try again.") from error
        # Started before the tagging workers, so that they do not inherit the writer's pipe.
        events = event_writer.open_writer(self.generation, in_child=len(pending) >= tagging.PARALLEL_MIN)
        try:
            for article, found, error in tagging.dated(pending):
                if error:
                    self.files[article.path]["problems"].append(vars(Problem(article.path, error, skipped=False)))
                counts[self._write(articles, events, article, found)] += 1
                if on_step:
                    on_step(1)
            for gone in set(self.known) - self.seen.keys():
                articles.delete_by_term("id", gone)
                events.delete("article_id", gone)
                counts["deleted"] += 1
            if self.timeline_changed:
                self._apply_curated(articles, events)
            events.start_commit()  # the child commits the events while this process commits the articles
            articles.commit()
            events.wait()
        except BaseException:
            try:
                if not articles.is_closed:
                    articles.cancel()
                events.cancel()
            except Exception:  # noqa: BLE001 - on a full disk cancelling fails too: keep the first error
                logger.debug("cancelling the writers failed", exc_info=True)
            raise
        problems = [Problem(**p) for entry in self.files.values() for p in entry["problems"]]
        problems += [Problem(TIMELINE_FILE, p.reason, line=p.line) if p.path != TIMELINE_FILE else p
                     for p in self.curated.problems] + self._unknown_corrections()
        pub_years = [y for entry in self.files.values() for y in entry.get("pub_years", [])]
        with self.events.searcher() as searcher:
            event_count = searcher.doc_count()
        return dict(counts, articles=len(self.seen), events=event_count, problems=problems,
                    years=(min(pub_years), max(pub_years)) if pub_years else None)

    def _scan(self, files: list[Path]) -> tuple[list[Article], int]:
        """Read every file (only what changed is parsed); return the articles to (re)write and how many are unchanged."""
        scanner = changes.Scanner(self.corpus_dir, self.known, self.old_files, self.seen)
        pending, unchanged = [], 0
        for path in files:
            scan = scanner.scan(path)
            self.files[path.relative_to(self.corpus_dir).as_posix()] = scan.entry
            pending += scan.pending
            unchanged += scan.unchanged
        return pending, unchanged

    def _write(self, articles, events, article: Article, found: ArticleDates) -> str:
        """Write an article and its (corrected) events; return whether it was added or updated."""
        old_hash = self.known.get(article.id)
        article_events = self.curated.apply(found.events)
        self.written.add(article.id)
        event_years = [e.year for e in article_events if not e.hidden]
        document = schema.article_document(article, found.years, event_years)
        if old_hash is None:
            articles.add_document(**document)  # new: no older version to look up and delete
        else:
            articles.update_document(**document)
            events.delete("article_id", article.id)
        for event in article_events:
            events.add(schema.event_document(event, article))
        return "added" if old_hash is None else "updated"

    def _apply_curated(self, articles, events) -> None:
        """Replace the curated events and redo the articles whose events corrections touch."""
        events.delete("kind", "curated")
        for event in self.curated.events:
            events.add(schema.event_document(event, None))
        touched = set(self.old_corrections) | self.curated.corrections.keys()
        with self.events.searcher() as searcher, self.articles.searcher() as article_searcher:
            stored_events = [searcher.document(id=event_id) for event_id in touched]
            article_ids = {fields["article_id"] for fields in stored_events if fields and fields["article_id"]}
            stored = [article_searcher.document(id=i) for i in sorted((article_ids & self.seen.keys()) - self.written)]
        for article, found, _ in tagging.dated([schema.article_from_fields(fields) for fields in stored if fields]):
            self._write(articles, events, article, found)

    def _unknown_corrections(self) -> list[Problem]:
        if not self.curated.corrections:
            return []
        with self.events.searcher() as searcher:
            return [Problem(TIMELINE_FILE, f"correction for unknown event '{event_id}'", skipped=False)
                    for event_id in self.curated.corrections
                    if searcher.document_number(id=event_id) is None]

    def meta(self) -> dict:
        return {
            "schema_version": schema.SCHEMA_VERSION,
            "extractor_version": extractor_version(),
            "files": self.files,
            "timeline_hash": self.timeline_hash,
            "corrections": sorted(self.curated.corrections),
        }
