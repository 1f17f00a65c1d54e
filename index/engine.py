"""The engine-neutral API of the index: what the web and the command line may ask of an engine.

An engine is chosen by configuration (``index.open_engine``); the web and the CLI hold one and
call nothing else of the index but its methods, the result types of ``index.results``, the
filters of ``index.filters``, the errors of ``index.errors`` and ``index.serializers``. Every
engine must give the same answers to the same calls, but for what a docstring says may differ
(scores, where a snippet is cut).

Common arguments:

- ``q``: a query in the archive's language: words side by side must all match (when fewer
  than ten articles hold them all, any of them will do, with a note); ``AND OR NOT ANDNOT
  ANDMAYBE``, ``-word``, ``"phrases"``, ``wor*`` wildcards, ``word~`` / ``word~2`` fuzzy,
  brackets; fields ``title: body: text: source: tag: language: year: event: published:``
  with years as ``year:2013``, ``year:>2000``, ``year:[2009 TO 2011]``. Words are stemmed
  (English) and accents folded. An empty ``q`` matches everything. A query that cannot be
  searched raises ``QueryError`` whose message says why (never an engine's own error); parts
  that were dropped are named in the page's ``notes``, and ``parsed`` says what was searched.
- ``narrowing``: the filters of ``index.filters.FILTERS`` by name, each a tuple of values an
  article may hold any of (``years=(1989, 2019)``, ``sources=("Space Weekly",)``, terms compared
  lowercased); ``year_from`` / ``year_to`` (a year mentioned in that range, both ends included,
  either may be None); ``sort``: one of ``index.filters.SORTS``, "relevance" by default, and
  "newest" when ``q`` is empty.
- Years are astronomical: 0 is 1 BC, -499 is 500 BC.

Errors: ``QueryError`` for a query or page that cannot be searched; ``IndexMissingError``
when there is no index yet (or one of another schema: "run 'archive reindex'");
``IndexBusyError`` when another reindex runs; ``SearchIndexError`` for any other trouble
with the index or the engine (unreachable, refusing), with a one-line message a researcher
can act on. Nothing else may escape.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Protocol

from index.results import ArticlePage, SearchHit, SearchPage, TimelineEntry, TimelinePage

if TYPE_CHECKING:  # the reindex pipeline is imported by the engines that reindex, not by every caller
    from archive.reindex import IndexReport

MAX_QUERY_LENGTH = 2000  # characters of ``q``: a longer one raises QueryError in every engine


class Engine(Protocol):
    """One archive's index in one engine (Whoosh in a folder, or OpenSearch on a cluster)."""

    name: str  # "whoosh" or "opensearch"

    @property
    def location(self) -> str:
        """Where the index lives, for messages: a folder, or the cluster's address and index name."""

    def search(self, q: str = "", *, page: int = 1, page_size: int = 10, **narrowing) -> SearchPage:
        """Return one page of the matches, best first (or by date), with the facets of all matches.

        ``SearchPage.facets`` holds a list of ``YearBucket`` per year filter's ``facet`` key
        (chronological; a chosen year with no match still listed, count 0) and ``terms`` a
        list of ``TermBucket`` per term filter (most frequent first, at most 20, chosen values
        always kept, labels spelled as an article stored them). Each hit's ``snippet`` is up
        to three passages around the matches of ``q``'s words in the body (not words under
        NOT), joined by " … ", about 240 characters, with the matches as spans; when the words
        are only in the title, the body's first 240 characters. ``total`` counts every match;
        ``elapsed_ms`` is the engine's time. A page past the last is empty, not an error.
        ``year_bins`` counts the matches per bin of ``archive.year_axis.choose_axis`` over the
        years the matches mention (the from-to range, when set, is the axis): each article once
        per bin however many of its years fall in it, and once in ``before``/``after`` when it
        mentions a year outside the axis; None when no match mentions a year.
        :raises QueryError: for a page or page size below 1, an unknown sort, an unreadable query.
        """

    def iter_hits(self, q: str = "", **narrowing) -> Iterator[SearchHit]:
        """Yield every match of a search, in the order ``search`` ranks them, without snippets.

        For exports of any size: the query is checked and the index opened before this returns
        (so errors come at once, before a download starts); the hits are then read lazily, in
        bounded memory, and the engine's resources (a searcher, a point in time or a scroll)
        are released when the iterator is exhausted or closed.
        """

    def suggest(self, q: str) -> str | None:
        """Return ``q`` with each plain word the index lacks replaced by the closest it holds, or None.

        Spelled as an article writes it; field names, operators and words the index holds stay.
        """

    def article(self, article_id: str, q: str = "") -> ArticlePage | None:
        """Return one article as stored, its events in text order, or None when there is none.

        ``title_matches`` and ``matches`` are the spans of ``q``'s words in title and body (an
        unreadable ``q`` marks nothing: the article is still shown). The events come from the
        same version of the index as the article.
        """

    def timeline(self, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                 article: str | None = None, page: int = 1, page_size: int = 50, min_sources: int = 1,
                 by_sources: bool = False, written_only: bool = False, conflicts: bool = False) -> TimelinePage:
        """Return one page of the dated events matching ``q``, in chronological order.

        ``q`` searches the events' headline and sentence, and the article title only for a
        sentence that speaks of the article's subject without naming it (fields ``headline:
        sentence: article: tag: year:``); repeats of one happening are one entry with
        ``reported_by`` and ``also``; ``min_sources`` and ``by_sources`` filter and sort by
        how many articles report it; ``written_only`` leaves out happenings dated from context;
        ``conflicts`` keeps the happenings whose sources give dates that cannot both hold (the
        filters of ``index.filters.TIMELINE_FILTERS``; each defaults to leaving the timeline as is); ``year_from``/``year_to`` keep events whose year is in
        range; ``article`` keeps one article's events. Events hidden by a curated correction are
        never shown. Order: by earliest day, coarser dates first within a day, then by the
        article's publication day, then the order of the text (``index.ordering.timeline_order``).
        ``density`` counts every matching event per year, or per decade or century when the
        years span more than 120 or 1,200 years (``granularity`` says which). ``year_bins`` counts
        them per bin of ``archive.year_axis.choose_axis`` (``sum_bins``), outliers aside.
        :raises QueryError: for a page or page size below 1, or an unreadable query.
        """

    def iter_timeline(self, q: str = "", *, year_from: int | None = None, year_to: int | None = None,
                      article: str | None = None, min_sources: int = 1, by_sources: bool = False,
                      written_only: bool = False, conflicts: bool = False) -> Iterator[TimelineEntry]:
        """Yield every matching event in ``timeline``'s order, for exports (lazily, as ``iter_hits``)."""

    def reindex(self, corpus_dir: Path, *, full: bool = False, on_start: Callable[[int], None] | None = None,
                on_step: Callable[[int], None] | None = None,
                on_phase: Callable[[str], None] | None = None) -> IndexReport:
        """Bring the index in line with the corpus folder, through ``archive.reindex``'s pipeline.

        Incremental (by content hash) unless ``full``, or the index was built by another schema
        or extractor. Readers see the old index or the new one, never a half-written one, even
        when the reindex is killed; the next reindex repairs. ``on_start`` receives the number
        of articles to write, ``on_step`` is called after each, ``on_phase`` with a sentence for
        each step after the tagging (saving, publishing), so a long silence is explained.
        :raises IndexBusyError: when another reindex of the same index runs.
        """


def did_you_mean(engine: Engine, q: str, total: int) -> str | None:
    """Return a spelling to offer when a query found nothing (a search or a timeline), else None.

    One rule for every page and command: only a query typed that matched nothing gets one.
    """
    return engine.suggest(q) if q.strip() and not total else None
