"""The year chart of the search and timeline pages, drawn on the server as SVG geometry.

Horizontal places are percentages of the chart's width and heights are pixels, so the SVG
needs no viewBox: it stretches to any screen without squashing its labels. Bars count
articles (or events), one bar per year, decade, century or millennium of the axis; what lies
outside the axis is counted in an "earlier" and a "later" bar at the ends.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from archive.labels import year_label
from archive.year_axis import YearBins

HEIGHT, PLOT_TOP, PLOT_BOTTOM = 142, 14, 104  # pixels: the bars stand on PLOT_BOTTOM, labels below
OVERFLOW_WIDTH, OVERFLOW_GAP = 5.0, 1.5  # percent of the width, for each "earlier"/"later" bar
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000)
MAX_TICKS = 7
MIN_SLOTS = 12  # an axis of fewer years is widened around them


@dataclass(frozen=True)
class Bar:
    """One bar: the years it covers (``kind`` "before"/"after": beyond the axis), its count and place."""

    start: int
    end: int
    count: int
    x: float  # percent of the width
    width: float  # percent
    y: float  # pixels
    height: float  # pixels
    selected: bool = False
    kind: str = "bin"

    @property
    def when(self) -> str:
        """The years of the bar as a reader names them."""
        if self.kind == "before":
            return f"before {year_label(self.end + 1)}"
        if self.kind == "after":
            return f"after {year_label(self.start - 1)}"
        return year_label(self.start) if self.start == self.end else f"{year_label(self.start)}–{year_label(self.end)}"


@dataclass(frozen=True)
class Tick:
    """A label on an axis: a round year below the bars, or a count beside a grid line."""

    label: str
    at: float  # x in percent (years) or y in pixels (counts)
    anchor: str = "middle"


@dataclass(frozen=True)
class Chart:
    """Bars, the chosen range as a band, and the labels of both axes."""

    bars: list[Bar]
    ticks: list[Tick]
    grid: list[Tick]
    step: str
    band: tuple[float, float] | None = None  # x and width in percent of the chosen range
    left: float = 0.0  # where the axis of years begins, after an "earlier" bar (percent)
    height: int = HEIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM

    @property
    def focus_index(self) -> int:
        """The bar a keyboard reaches first: the first chosen one, else the tallest."""
        chosen = [i for i, bar in enumerate(self.bars) if bar.selected]
        return chosen[0] if chosen else max(range(len(self.bars)), key=lambda i: self.bars[i].count)


def year_chart(bins: YearBins | None, selected_years=(), chosen: tuple[int | None, int | None] = (None, None)) -> Chart | None:
    """Lay out counts per bin of an axis, marking bins that hold a chosen year or lie in the chosen range."""
    if bins is None or not (any(bins.counts.values()) or bins.before or bins.after):
        return None
    axis = bins.axis
    if axis.size == 1 and axis.last - axis.first + 1 < MIN_SLOTS:  # a bar or two never fill the strip
        missing = MIN_SLOTS - (axis.last - axis.first + 1)
        axis = replace(axis, first=axis.first - missing // 2, last=axis.last + missing - missing // 2)
    spans = axis.bins()
    left = OVERFLOW_WIDTH + OVERFLOW_GAP if bins.before else 0.0
    right = 100.0 - (OVERFLOW_WIDTH + OVERFLOW_GAP if bins.after else 0.0)
    slot = (right - left) / len(spans)
    # The scale is the bars' own: an overflow bar may hold most articles (a chronicle's every
    # day mentions antiquity), so it is drawn no taller than the plot and its count written out.
    top = _round_up(max(bins.counts.values(), default=0) or max(bins.before, bins.after))
    low, high = chosen
    in_range = lambda s, e: (low is not None or high is not None) and (low is None or e >= low) and (high is None or s <= high)  # noqa: E731
    picked = set(selected_years)
    bars = []
    if bins.before:
        bars.append(_bar(axis.first - 1, axis.first - 1, bins.before, 0.0, OVERFLOW_WIDTH, top, False, "before"))
    for i, (start, end) in enumerate(spans):
        count = bins.counts.get(start, 0)
        if count:
            chosen_bin = in_range(start, end) or any(start <= year <= end for year in picked)
            gap = min(slot * 0.15, 0.3)
            bars.append(_bar(start, end, count, left + i * slot, max(slot - gap, 0.15), top, chosen_bin))
    if bins.after:
        bars.append(_bar(axis.last + 1, axis.last + 1, bins.after, 100.0 - OVERFLOW_WIDTH, OVERFLOW_WIDTH, top, False, "after"))
    band = None
    if low is not None or high is not None:
        first = max(axis.first, low if low is not None else axis.first)
        last = min(axis.last, high if high is not None else axis.last)
        if first <= last:
            x = left + (first - axis.first) / (axis.last - axis.first + 1) * (right - left)
            band = (round(x, 3), round((last - first + 1) / (axis.last - axis.first + 1) * (right - left), 3))
    return Chart(bars, _year_ticks(axis.first, axis.last, axis.size, left, right), _count_grid(top), axis.step, band, left=left)


def _bar(start, end, count, x, width, top, selected, kind="bin") -> Bar:
    height = max((PLOT_BOTTOM - PLOT_TOP) * min(count / top, 1.0), 2.0)
    return Bar(start, end, count, round(x, 3), round(width, 3), round(PLOT_BOTTOM - height, 1), round(height, 1),
               selected, kind)


def _round_up(value: int) -> int:
    """The smallest round number (2, 3, 4, 5, 6 or 8 times a power of ten) at least ``value``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 3, 4, 5, 6, 8):
            if factor * magnitude >= value:
                return factor * magnitude
        magnitude *= 10


def _count_grid(top: int) -> list[Tick]:
    """Grid lines at zero, half and the top of the scale, labelled with their counts."""
    return [Tick(f"{value:,}", round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top, 1), "start")
            for value in sorted({0, top // 2 if top % 2 == 0 else 0, top})]


def _year_ticks(first: int, last: int, size: int, left: float, right: float) -> list[Tick]:
    """Round years ("1900", "500 BC") placed where they fall on the axis, at most MAX_TICKS of them."""
    span = last - first + 1
    step = next((s for s in TICK_STEPS if span / s <= MAX_TICKS - 1), TICK_STEPS[-1])
    years = []
    for number in range(-(-first // step) * step, last + 1, step):  # AD years that are multiples of the step
        if number > 0:
            years.append(number)
    for number in range(step, 2 - first + step, step):  # BC years counted back: 1 - number is astronomical
        if first <= 1 - number <= last:
            years.append(1 - number)
    ticks = []
    for year in sorted(set(years)):
        x = left + (year - first + (0.5 if size == 1 else 0)) / span * (right - left)
        anchor = "start" if x < 3 else "end" if x > 97 else "middle"
        ticks.append(Tick(year_label(year), round(x, 3), anchor))
    return ticks
