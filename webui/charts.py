"""Bar charts drawn on the server as SVG geometry: counts per year, decade or century."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

WIDTH, HEIGHT, AXIS = 800, 90, 16
MAX_YEAR_BARS = 120  # beyond this span, years are summed into decades, then centuries
MIN_SLOTS = 12  # a chart of one or two bars is widened around them, so a bar never fills the strip


@dataclass(frozen=True)
class Bar:
    """One bar: the years it covers, its count and its place in the chart."""

    start: int
    end: int
    count: int
    x: float
    y: float
    width: float
    height: float
    selected: bool = False


@dataclass(frozen=True)
class Chart:
    """Bars and axis labels inside a WIDTH x HEIGHT view box."""

    bars: list[Bar]
    ticks: list[int]  # evenly spaced years, first and last included
    width: int = WIDTH
    height: int = HEIGHT
    plot_height: int = HEIGHT - AXIS
    step: str = "year"


def year_histogram(buckets: Iterable, max_bars: int = MAX_YEAR_BARS) -> Chart | None:
    """Chart YearBuckets per year, or per decade or century when the span is wide."""
    counts = [(b.year, b.count, b.selected) for b in buckets if b.count]
    if not counts:
        return None
    first, last = counts[0][0], counts[-1][0]
    size, step = next((s, name) for s, name in ((1, "year"), (10, "decade"), (100, "century"), (1000, "millennium"))
                      if (last - first) // s < max_bars or s == 1000)
    bins: dict[int, list] = {}
    for year, count, selected in counts:
        span = _bin(year, size)
        total, chosen = bins.get(span, (0, False))
        bins[span] = (total + count, chosen or selected)
    return chart([(start, end, total, chosen) for (start, end), (total, chosen) in sorted(bins.items())],
                 step=step)


def _bin(year: int, size: int) -> tuple[int, int]:
    """The astronomical years of the decade or century holding ``year``, as a reader counts them.

    AD bins are 1900-1999 (the first one 1-99); BC bins mirror them, 199 BC-100 BC and 99 BC-1 BC,
    so a label never reads "101 BC-2 BC" and 1 BC never shares a bar with AD 1.
    """
    if size == 1:
        return year, year
    if year > 0:
        start = max(year - year % size, 1)
        return start, year - year % size + size - 1
    first_bc = (1 - year) // size * size  # the reader's BC year the bin counts down to
    return 1 - (first_bc + size - 1), min(1 - first_bc, 0)


def chart(ranges: list[tuple[int, int, int, bool]], step: str = "year") -> Chart | None:
    """Place ``(start, end, count, selected)`` ranges on a linear axis of years."""
    ranges = [r for r in ranges if r[2] > 0]
    if not ranges:
        return None
    first, last = ranges[0][0], max(r[1] for r in ranges)
    size = ranges[0][1] - ranges[0][0] + 1
    missing = MIN_SLOTS * size - (last - first + 1)
    if missing > 0:  # centre the bars on a wider axis, in whole bars
        before = missing // size // 2 * size
        first, last = first - before, last + missing - before
    span = last - first + 1
    top = max(r[2] for r in ranges)
    plot = HEIGHT - AXIS
    scale = WIDTH / span
    bars = []
    for start, end, count, selected in ranges:
        width = max((end - start + 1) * scale, 1.0)
        gap = 1.0 if width > 4 else 0.0
        height = max(plot * count / top, 2.0)
        bars.append(Bar(start, end, count, round((start - first) * scale, 2), round(plot - height, 2),
                        round(width - gap, 2), round(height, 2), selected))
    return Chart(bars, _ticks(first, last), step=step)


def _ticks(first: int, last: int, count: int = 5) -> list[int]:
    """Return up to ``count`` evenly spaced years from ``first`` to ``last``, for labels below the bars."""
    if first == last:
        return [first]
    return list(dict.fromkeys(first + round(i * (last - first) / (count - 1)) for i in range(count)))
