"""Which years a chart of counts per year shows, in what bins: the bulk of the data, outliers aside.

One bogus year ("97110001 BC" read from a stock number) must not stretch the axis so far
that the real data fills one invisible bar. The axis covers the years between the 3rd and
97th percentile of the mentions, widened to the whole data when no year lies far outside;
the few years beyond it are counted in two overflow bars, "earlier" and "later".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

MAX_BARS = 120  # beyond this span, years are binned into decades, then centuries, then millennia
STEPS = ((1, "year"), (10, "decade"), (100, "century"), (1000, "millennium"))
TAIL = 0.03  # share of the mentions at each end that may fall outside the axis


@dataclass(frozen=True)
class Axis:
    """The years a chart shows, ``first`` to ``last`` (whole bins), and the bin size."""

    first: int
    last: int
    size: int
    step: str

    def bins(self) -> list[tuple[int, int]]:
        """Every bin of the axis, as (first year, last year), in order."""
        spans, year = [], self.first
        while year <= self.last:
            span = year_bin(year, self.size)
            spans.append(span)
            year = span[1] + 1
        return spans


@dataclass(frozen=True)
class YearBins:
    """Counts per bin of an axis, and of the items with a year before or after it."""

    axis: Axis
    counts: dict[int, int]  # first year of a bin -> items with a year in it
    before: int = 0
    after: int = 0


def year_bin(year: int, size: int) -> tuple[int, int]:
    """The astronomical years of the decade or century holding ``year``, as a reader counts them.

    AD bins are 1900-1999 (the first one 1-99); BC bins mirror them, 199 BC-100 BC and 99 BC-1 BC,
    so a label never reads "101 BC-2 BC" and 1 BC never shares a bar with AD 1.
    """
    if size == 1:
        return year, year
    if year > 0:
        return max(year - year % size, 1), year - year % size + size - 1
    first_bc = (1 - year) // size * size  # the reader's BC year the bin counts down to
    return 1 - (first_bc + size - 1), min(1 - first_bc, 0)


def choose_axis(counts: Mapping[int, int], chosen: tuple[int | None, int | None] = (None, None)) -> Axis | None:
    """Return the axis for ``{year: count}``: its bulk, or the ``chosen`` (from, to) range where set.

    A chosen range is what the reader zoomed in on: the axis is that range (an open end
    reaches to the bulk of the data), and what lies outside goes to the overflow bars.
    """
    years = sorted(year for year, count in counts.items() if count > 0)
    if not years:
        return None
    low, high = _bulk(years, counts)
    start, end = chosen
    low = start if start is not None else min(low, end) if end is not None else low
    high = end if end is not None else max(high, low)
    if low > high:
        low, high = high, low
    size, step = next((s, name) for s, name in STEPS if (high - low) // s < MAX_BARS or s == STEPS[-1][0])
    return Axis(year_bin(low, size)[0], year_bin(high, size)[1], size, step)


def _bulk(years: list[int], counts: Mapping[int, int]) -> tuple[int, int]:
    """The years between the TAIL quantiles of the mentions, or all of them when none lies far out."""
    total = sum(counts[year] for year in years)
    low = high = None
    seen = 0
    for year in years:
        seen += counts[year]
        if low is None and seen > total * TAIL:
            low = year
        if seen >= total * (1 - TAIL):
            high = year
            break
    low, high = low if low is not None else years[0], high if high is not None else years[-1]
    spread = max(high - low, 20)
    # Years within one spread of the bulk are data, not outliers: keep them on the axis.
    if low - years[0] <= spread:
        low = years[0]
    if years[-1] - high <= spread:
        high = years[-1]
    return low, high


def sum_bins(counts: Mapping[int, int], axis: Axis) -> YearBins:
    """Bin counts of items that have one year each (events): a bin's count is the sum of its years."""
    binned: dict[int, int] = {}
    before = after = 0
    for year, count in counts.items():
        if year is None or not count:
            continue
        if year < axis.first:
            before += count
        elif year > axis.last:
            after += count
        else:
            start = year_bin(year, axis.size)[0]
            binned[start] = binned.get(start, 0) + count
    return YearBins(axis, binned, before, after)
