"""The timeline's density: events counted per year, or per decade or century over a wide range (both engines)."""
from __future__ import annotations

from archive.year_axis import year_bin
from index.results import DensityBucket

MAX_BARS = 120  # above this many years, the density strip counts per decade, then per century


def density(counts: dict) -> tuple[list[DensityBucket], str]:
    """Count events per year, or per decade or century when the years span too wide a range."""
    years = [y for y in counts if y is not None]
    if not years:
        return [], "year"
    low, high = min(years), max(years)
    span = high - low + 1
    size, granularity = (1, "year") if span <= MAX_BARS else (10, "decade") if span <= MAX_BARS * 10 else (100, "century")
    buckets: dict[int, int] = {}
    for year in years:
        span = year_bin(year, size)  # BC bins mirror AD ones: 199 BC-100 BC, not 201 BC-102 BC
        buckets[span] = buckets.get(span, 0) + counts[year]
    return [DensityBucket(start, end, count) for (start, end), count in sorted(buckets.items())], granularity
