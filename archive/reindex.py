"""Reindex, engine-neutral: which files changed, what to write and delete, and the report.

The pipeline reads and hashes every corpus file, skips the unchanged ones, keeps the first
of two articles with one id, tags the rest with dates (in worker processes when there are
many), applies the curated timeline's corrections and counts what happened. An engine
supplies the ``IndexWriter`` that stores the result, and keeps the ``meta`` this returns
with the index, so that the next run can tell what changed.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

from archive import changes, corpus, tagging
from archive.curated import FILE_NAME as TIMELINE_FILE
from archive.curated import CuratedTimeline, happening_keys, parse_timeline
from archive.events import ArticleDates, Event
from archive.models import Article, Problem

# Modules that do not decide what is extracted: changing them keeps an index valid.
_NOT_EXTRACTION = ("cli.py", "config.py", "reindex.py", "changes.py", "tagging.py")


@functools.cache
def extractor_version() -> str:
    """Fingerprint the code that turns files into articles, years and events.

    Any change to it (a better date rule, a fixed reader) makes the next reindex a full one,
    so an index never mixes what two versions of the extractor found.
    """
    digest = hashlib.sha1()
    for path in sorted(Path(corpus.__file__).parent.rglob("*.py")):
        if path.name not in _NOT_EXTRACTION:
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


class IndexWriter(Protocol):
    """What the pipeline needs from an engine to bring one index in line with the corpus.

    Reads (``known_articles``, ``articles_of_events``, ``stored_articles``) see the index as
    it was before this run; writes are seen by no reader until ``commit`` returns, and
    ``cancel`` drops them all.
    """

    def known_articles(self) -> dict[str, str]:
        """Map each indexed article id to the content hash it was indexed with."""

    def open(self, pending: int) -> None:
        """Get ready to write ``pending`` articles (called before the tagging workers start)."""

    def write_article(self, article: Article, years: list[int], event_years: list[int],
                      events: list[Event], new: bool) -> None:
        """Store an article and its events; unless ``new``, replace its older version and events."""

    def delete_article(self, article_id: str) -> None:
        """Remove an article and its events."""

    def replace_curated(self, events: list[Event]) -> None:
        """Replace every curated event (those of the timeline file) by ``events``."""

    def articles_of_events(self, event_ids: Iterable[str]) -> set[str]:
        """Return the ids of the articles the given events (those that exist) come from."""

    def stored_articles(self, article_ids: Iterable[str]) -> list[Article]:
        """Return the given articles (those that exist) as they were indexed."""

    def commit(self) -> None:
        """Make every write visible at once."""

    def cancel(self) -> None:
        """Drop every write (must not raise a second error after a failure)."""

    def missing_events(self, event_ids: Iterable[str]) -> list[str]:
        """After ``commit``: the given event ids the index does not hold."""

    def event_count(self) -> int:
        """After ``commit``: how many events the index holds."""


def full_rebuild_reason(meta: dict | None, schema_version: int) -> str | None:
    """Say why the index whose ``meta`` is given (None: there is none) must be rebuilt in full."""
    if meta is None:
        return "no index yet"
    if meta.get("schema_version") != schema_version:
        return "the index schema changed"
    if meta.get("extractor_version") != extractor_version():
        return "the date extractor changed"
    return None


class Reindex:
    """One pass over the corpus files against what the previous index holds (``old_meta``)."""

    def __init__(self, corpus_dir: Path, writer: IndexWriter, old_meta: dict):
        self.corpus_dir = corpus_dir
        self.writer = writer
        self.old_files: dict = old_meta.get("files", {})
        self.files: dict = {}
        self.known = writer.known_articles()
        self.written: set[str] = set()
        self.seen: dict[str, str] = {}  # article id -> the file it came from, in corpus order
        timeline_path = corpus_dir / TIMELINE_FILE
        text = timeline_path.read_text(encoding="utf-8", errors="replace") if timeline_path.is_file() else ""
        self.timeline_hash = hashlib.sha1(text.encode("utf-8")).hexdigest()
        self.timeline_changed = self.timeline_hash != old_meta.get("timeline_hash")
        self.curated: CuratedTimeline = parse_timeline(text) if text else CuratedTimeline()
        self.old_corrections: list[str] = old_meta.get("corrections", [])
        # The happening (repeat key) each correction's event tells: two corrections of one
        # merged entry are reported. Kept with the index for the events of unchanged articles.
        self.correction_keys: dict[str, int] = {event_id: key for event_id, key in
                                                old_meta.get("correction_keys", {}).items()
                                                if event_id in self.curated.corrections}

    def apply(self, files: list[Path], on_start: Callable[[int], None] | None,
              on_step: Callable[[int], None] | None, on_phase: Callable[[str], None] | None = None) -> dict:
        """Read every file, then tag and write the new and changed articles; return the counts.

        ``files`` is emptied as it is read: 21,578 paths are 7 MB a reindex need not hold while it writes.

        ``on_phase`` gets a sentence for each step after the tagging: saving takes tens of seconds.
        """
        on_phase = on_phase or (lambda sentence: None)
        pending, unchanged = self._scan(files)
        to_write = changes.count(pending)
        if on_start:
            on_start(to_write)
        counts = dict(added=0, updated=0, deleted=0, unchanged=unchanged)
        self.writer.open(to_write)  # before the tagging workers, so that they inherit no writer
        read_again_problems: list[Problem] = []
        try:
            for article, found, error in tagging.dated(changes.articles(pending, read_again_problems), to_write):
                if error:
                    entry = self.files[article.path] = changes.unpack(self.files[article.path])
                    entry["problems"].append(vars(Problem(article.path, error, skipped=False)))
                counts[self._write(article, found)] += 1
                if on_step:
                    on_step(1)
            on_phase("Tagging done; removing deleted articles and applying the curated timeline")
            for gone in set(self.known) - self.seen.keys():
                self.writer.delete_article(gone)
                counts["deleted"] += 1
            if self.timeline_changed:
                self._apply_curated()
            on_phase("Saving the articles and events (merging segments)")
            self.writer.commit()
        except BaseException:
            self.writer.cancel()
            raise
        problems = [Problem(**p) for entry in self.files.values() for p in changes.problems_of(entry)] + read_again_problems
        problems += [Problem(TIMELINE_FILE, p.reason, line=p.line) if p.path != TIMELINE_FILE else p
                     for p in self.curated.problems] + self._correction_problems()
        pub_years = [y for entry in self.files.values() for y in changes.years_of(entry)]
        return dict(counts, articles=len(self.seen), events=self.writer.event_count(), problems=problems,
                    years=(min(pub_years), max(pub_years)) if pub_years else None)

    def _scan(self, files: list[Path]) -> tuple[list[Article | changes.Later | changes.LaterRun], int]:
        """Read every file (only what changed is parsed); return the articles to (re)write and how many are unchanged."""
        scanner = changes.Scanner(self.corpus_dir, self.known, self.old_files, self.seen)
        pending, unchanged = [], 0
        # Cut from the path's text, not by Path.relative_to: a tenth of an incremental scan of 20,000 files.
        base = "" if str(self.corpus_dir) == "." else str(self.corpus_dir).rstrip("/") + "/"
        for path in changes.emptied(files):
            text = str(path)
            relpath = text[len(base):] if text.startswith(base) else path.relative_to(self.corpus_dir).as_posix()
            scan = scanner.scan(path, relpath)
            # Packed now, not when the meta is written: a corpus of 20,000 Markdown files held a
            # dict of four lists per file through the whole reindex (15 MB of its peak memory).
            self.files[relpath] = changes.pack(scan.entry)
            pending += scan.pending
            unchanged += scan.unchanged
        return pending, unchanged

    def _write(self, article: Article, found: ArticleDates) -> str:
        """Write an article and its (corrected) events; return whether it was added or updated."""
        new = article.id not in self.known
        article_events = self.curated.apply(found.events)
        self.written.add(article.id)
        if self.curated.corrections:
            self.correction_keys.update((e.id, happening_keys(e)[0]) for e in article_events
                                        if e.id in self.curated.corrections)
        event_years = [e.year for e in article_events if not e.hidden]
        self.writer.write_article(article, found.years, event_years, article_events, new)
        return "added" if new else "updated"

    def _apply_curated(self) -> None:
        """Replace the curated events and redo the articles whose events corrections touch."""
        self.writer.replace_curated(self.curated.events)
        touched = set(self.old_corrections) | self.curated.corrections.keys()
        article_ids = self.writer.articles_of_events(touched)
        stored = self.writer.stored_articles(sorted((article_ids & self.seen.keys()) - self.written))
        for article, found, _ in tagging.dated(stored, len(stored)):
            self._write(article, found)

    def _correction_problems(self) -> list[Problem]:
        """Name the corrections that change nothing (their event is gone) and those that share one entry."""
        if not self.curated.corrections:
            return []
        lines = self.curated.lines
        problems = []
        for event_id in self.writer.missing_events(list(self.curated.corrections)):
            self.correction_keys.pop(event_id, None)
            problems.append(Problem(TIMELINE_FILE, f"correction for unknown event '{event_id}': no event has this "
                                    "id now (its sentence changed, or its article is gone), so it changes nothing; "
                                    "every other correction and event is kept", skipped=False,
                                    line=lines.get(event_id)))
        shared: dict[int, list[str]] = {}
        for event_id, key in self.correction_keys.items():
            shared.setdefault(key, []).append(event_id)
        for ids in shared.values():
            if len(ids) > 1:
                ids.sort(key=lambda event_id: lines.get(event_id, 0))
                named = " and ".join(f"'{event_id}'" for event_id in ids)
                problems.append(Problem(TIMELINE_FILE, f"corrections for events {named} change one happening, told "
                                        "by several sources and shown as one entry: both apply to that entry (hiding "
                                        "wins; else the earliest corrected date heads it)", skipped=False,
                                        line=lines.get(ids[-1])))
        return problems

    def meta(self, schema_version: int) -> dict:
        """What the engine keeps with the index for the next run."""
        return {
            "schema_version": schema_version,
            "extractor_version": extractor_version(),
            "files": {relpath: changes.pack(entry) for relpath, entry in self.files.items()},  # packed if not yet
            "timeline_hash": self.timeline_hash,
            "corrections": sorted(self.curated.corrections),
            "correction_keys": self.correction_keys,
        }
