"""What a years facet shows: the chosen years, the most frequent others, and ranges for the rest.

A chronicle mentions thousands of years; a wall of chips helps no one and weighs most of
the page. The facet shows at most TOP_YEARS years beside the chosen ones, and the other
years as up to TOP_SEGMENTS decades or centuries, each a link to that range.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from archive.events import MAX_YEAR
from archive.labels import year_label
from archive.year_axis import year_bin

TOP_YEARS = 12
ALL_YEARS = 24  # up to this many years, all are shown
TOP_SEGMENTS = 10


@dataclass(frozen=True)
class Segment:
    """A range of years offered as one link: its first and last year, and its label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class YearFacet:
    """The chips of one years facet."""

    chosen: list  # YearBuckets chosen by the reader, matching or not
    shown: list  # other YearBuckets, in chronological order
    segments: list[Segment] = field(default_factory=list)
    hidden: int = 0  # years neither shown nor chosen


def year_facet(buckets, within: tuple[int | None, int | None] = (None, None)) -> YearFacet:
    """Choose the chips of a facet; with a from-to range, only years inside it are offered."""
    low, high = within
    usable = [b for b in buckets if abs(b.year) <= MAX_YEAR]  # a year the archive cannot filter on is no chip
    chosen = [b for b in usable if b.selected]
    rest = [b for b in usable if not b.selected and b.count and (low is None or b.year >= low)
            and (high is None or b.year <= high)]
    if len(rest) <= ALL_YEARS:
        return YearFacet(chosen, rest)
    top = sorted(sorted(rest, key=lambda b: (-b.count, b.year))[:TOP_YEARS], key=lambda b: b.year)
    return YearFacet(chosen, top, _segments(rest), len(rest) - len(top))


def _segments(buckets) -> list[Segment]:
    span = buckets[-1].year - buckets[0].year
    size = 10 if span <= 240 else 100 if span <= 2400 else 1000
    totals: dict[tuple[int, int], int] = {}
    for bucket in buckets:
        key = year_bin(bucket.year, size)
        totals[key] = totals.get(key, 0) + bucket.count
    busiest = sorted(sorted(totals, key=lambda key: -totals[key])[:TOP_SEGMENTS])
    return [Segment(start, end, _label(start, end, size)) for start, end in busiest]


def _label(start: int, end: int, size: int) -> str:
    if start > 0 and size == 10:
        return f"{start}s"
    return f"{year_label(start)}–{year_label(end)}"
