"""What every engine returns: plain dataclasses, the same for Whoosh and OpenSearch.

Text comes back as it is stored, with the query's matches as character spans; the web
renders them as HTML and the command line as plain text, so no engine writes markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from archive.year_axis import YearBins

Span = tuple[int, int]  # (start, end) character offsets, end excluded


@dataclass(frozen=True)
class Snippet:
    """Passages of an article around its matches, joined by " … ", with the matches' spans in ``text``."""

    text: str = ""
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class YearBucket:
    """One year of a facet: how many matching articles it has, and whether it is a filter."""

    year: int
    count: int
    selected: bool = False


@dataclass(frozen=True)
class TermBucket:
    """One source or tag: its indexed value, the spelling to show, the matches, whether chosen."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchHit:
    """One matching article, with everything a results list shows."""

    id: str
    title: str
    published: date | None
    source: str
    score: float
    snippet: Snippet  # empty for exports, which show no snippet
    years: tuple[int, ...]
    url: str = ""
    tags: tuple[str, ...] = ()
    events: tuple[int, ...] = ()  # years of the article's dated events


@dataclass(frozen=True)
class SearchPage:
    """One page of results, the facets of all matches, and how the query was read."""

    query: str
    parsed: str
    notes: tuple[str, ...]
    total: int
    page: int
    page_size: int
    sort: str
    hits: list[SearchHit]
    facets: dict[str, list[YearBucket]] = field(default_factory=dict)  # by Filter.facet: "years", "pub_year", "events"
    elapsed_ms: float = 0.0
    terms: dict[str, list[TermBucket]] = field(default_factory=dict)  # by Filter.facet: "source", "tags"
    year_bins: YearBins | None = None  # matching articles per bin of the years they mention, for a chart

    @property
    def page_count(self) -> int:
        """Number of pages needed to show every match."""
        return _pages(self.total, self.page_size)


@dataclass(frozen=True)
class Mention:
    """Another article's sentence that tells the same happening as an entry."""

    id: str
    article_id: str | None
    article_title: str
    sentence: str
    published: date | None
    start: int | None
    end: int | None


@dataclass(frozen=True)
class DateVersion:
    """One date the sources give for a happening, and how many articles give it."""

    value: str
    label: str
    articles: int


@dataclass(frozen=True)
class TimelineEntry:
    """One event on the timeline, with the sentence and article it comes from."""

    id: str
    value: str
    year: int
    precision: str
    modifier: str | None
    label: str
    headline: str
    sentence: str
    article_id: str | None
    article_title: str
    published: date | None
    start: int | None  # the sentence's span in the article's body
    end: int | None
    curated: bool
    sources: tuple[str, ...] = ()
    anchor: str = "text"  # how the date was found: "text", "publication" or "context"
    reported_by: int = 1  # how many articles tell this happening on this date
    also: tuple[Mention, ...] = ()  # the other sentences that tell it, in timeline order
    planned: bool = False  # still to come when its source was written ("will open in 2027")
    # Other dates the sources give for the same happening, this entry's own first; empty when
    # they agree. Read as "2013 in 3 articles; 2012 in 1" (conflict_label).
    versions: tuple[DateVersion, ...] = ()

    @property
    def conflict(self) -> str:
        """How the sources disagree on the date, or "" when they do not."""
        return "; ".join(f"{v.label} in {v.articles} article{'s' if v.articles != 1 else ''}" for v in self.versions)


@dataclass(frozen=True)
class DensityBucket:
    """How many events fall in a year, decade or century (both ends included)."""

    start: int
    end: int
    count: int


@dataclass(frozen=True)
class TimelinePage:
    """One page of the timeline, and the density of every matching event."""

    query: str
    parsed: str
    notes: tuple[str, ...]
    entries: list[TimelineEntry]
    total: int
    page: int
    page_size: int
    year_from: int | None
    year_to: int | None
    article: str | None
    density: list[DensityBucket]
    granularity: str  # "year", "decade" or "century": the width of the density's buckets
    elapsed_ms: float
    year_bins: YearBins | None = None  # events per bin of a chart's axis (outliers aside)

    @property
    def page_count(self) -> int:
        """Number of pages needed to show every matching event."""
        return _pages(self.total, self.page_size)


@dataclass(frozen=True)
class ArticlePage:
    """An article as stored, with the character spans of the query's words in title and body."""

    id: str
    title: str
    body: str
    published: date | None
    source: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    years: tuple[int, ...] = ()
    title_matches: tuple[Span, ...] = ()
    matches: tuple[Span, ...] = ()
    events: list[TimelineEntry] = field(default_factory=list)


def _pages(total: int, page_size: int) -> int:
    """Pages of ``page_size`` needed for ``total`` items; an empty result is still one page."""
    return max(1, -(-total // page_size))
