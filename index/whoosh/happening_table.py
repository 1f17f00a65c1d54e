"""The happenings of one index generation, grouped once, so that a timeline does not fold every match.

A timeline folds the events it matches into happenings by their repeat key (index.happenings).
Folding on every request walked every match in Python: on Reuters (108,000 events) a whole-range
timeline took 210 ms, two thirds of it folding. A published generation never changes, so its
events are grouped once, on its first timeline, and kept with its cached columns
(index.whoosh.doc_values): each event's happening number, the happenings numbered in timeline
order, each one's events and year. A request then counts its matches per happening in C and
sorts happening numbers; only the page's happenings are read event by event.

Corrections (index.whoosh.corrections) are part of the grouping: a corrected event heads its
happening and places it by its own date; a hidden one hides its happening.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence

from whoosh import query

from index.happenings import fold
from index.whoosh import doc_values, limits
from index.corrections import Corrections


@dataclass(frozen=True)
class Happenings:
    """The happenings of one generation's events, numbered in timeline order (so by year too)."""

    number: array  # document number -> its happening's number; -1 for a deleted document
    events: array  # every happening's events, one after the other: its head first, then in timeline order
    starts: array  # happening n's events are events[starts[n]:starts[n + 1]]
    years: array  # happening number -> the year of its head: never decreasing
    hidden: frozenset  # the happenings a correction hides
    corrected: frozenset  # the happenings a corrected event heads
    same_words: dict  # happening number -> every happening told with its words (happening key), when several
    sizes: "Sizes"  # happening number -> its events, the hidden happenings left out: a query matching all
    live: int  # how many events the generation holds (deleted ones left out)
    visible: list  # the numbers of ``sizes``, ascending

    def count(self, docs: Sequence[int]) -> Counter | Sizes:
        """How many of ``docs`` (ascending, each once) each happening holds, the hidden ones left out."""
        if len(docs) == self.live:
            return self.sizes  # every event: no need to look at each
        counts = Counter(map(self.number.__getitem__, docs))
        for hidden in self.hidden.intersection(counts):
            del counts[hidden]
        return counts

    def ordered(self, counts: Counter | Sizes) -> list[int]:
        """The happening numbers ``count`` found, ascending: in timeline order."""
        return self.visible if counts is self.sizes else sorted(counts)

    def matching(self, happening: int, has: Callable[[int], bool]) -> list[int]:
        """The events of a happening that ``has`` holds, in timeline order; a correction's event first,
        even when the query did not reach it (it dates and titles the entry)."""
        every = self.events[self.starts[happening]:self.starts[happening + 1]]
        found = [docnum for docnum in every if has(docnum)]
        if happening in self.corrected and (not found or found[0] != every[0]):
            found.insert(0, every[0])
        return found

    def in_years(self, numbers: list[int], low: float, high: float) -> list[int]:
        """The happenings of ``numbers`` (ascending) whose year is within low..high: one slice."""
        first, end = bisect_left(self.years, low), bisect_right(self.years, high)
        return numbers[bisect_left(numbers, first):bisect_left(numbers, end)]

    def per_year(self, numbers: list[int]) -> Counter:
        """How many of ``numbers`` (ascending) fall in each year: the density strip and the year axis."""
        years = self.years
        if len(numbers) < 1000:
            return Counter(map(years.__getitem__, numbers))
        counts: Counter = Counter()
        at = 0
        while at < len(numbers):  # a year's happenings are one run of numbers: two bisections a year
            year = years[numbers[at]]
            end = bisect_left(numbers, bisect_right(years, year), at)
            counts[year] = end - at
            at = end
        return counts


def happenings_of(searcher, folder: str, fixes: Corrections) -> Happenings:
    """The grouping of the searcher's generation (``folder``), made on first use and kept."""
    return doc_values.per_generation("happenings", folder, lambda: _group(searcher, folder, fixes))


def _group(searcher, folder: str, fixes: Corrections) -> Happenings:
    order = doc_values.column(searcher, "order", folder)
    repeat = doc_values.column(searcher, "repeat", folder)
    live = limits.all_docs(searcher, query.Every())
    groups = fold(sorted(live, key=order.__getitem__), repeat.__getitem__)
    if fixes:
        groups = fixes.headed(groups, repeat.__getitem__, order.__getitem__)
    number = array("l", [-1]) * len(order)
    events, starts = array("l"), array("l", [0])
    for n, group in enumerate(groups):
        for docnum in group:
            number[docnum] = n
        events.extend(group)
        starts.append(len(events))
    heads = [group[0] for group in groups]
    years = doc_values.column(searcher, "year", folder, translate=True)
    hidden = frozenset(n for n, head in enumerate(heads) if repeat[head] in fixes.hidden) if fixes.hidden else frozenset()
    return Happenings(
        number, events, starts, array("l", map(years.__getitem__, heads)), hidden,
        frozenset(number[head] for head in fixes.heads.values()),  # fixes.headed put each first
        _same_words(doc_values.column(searcher, "happening", folder), heads), Sizes(starts, hidden), len(live),
        [n for n in range(len(heads)) if n not in hidden])


@dataclass(frozen=True)
class Sizes:
    """Every visible happening's number of events, read from the table's ``starts``: the counts of a
    query that matches every event, answered as a Counter of them would be (``counts[n]``, ``n in
    counts``) without holding one (on Reuters, 8 MiB less in every server)."""

    starts: array
    hidden: frozenset

    def __getitem__(self, happening: int) -> int:
        return self.starts[happening + 1] - self.starts[happening]

    def __contains__(self, happening: int) -> bool:
        return 0 <= happening < len(self.starts) - 1 and happening not in self.hidden


def _same_words(keys: list, heads: list[int]) -> dict[int, tuple[int, ...]]:
    """For each happening that shares its words with another (index.conflicts), all of them."""
    head_keys = list(map(keys.__getitem__, heads))
    shared = {key for key, count in Counter(head_keys).items() if count > 1}
    by_key: dict = {}
    for n in [n for n, key in enumerate(head_keys) if key in shared]:
        by_key.setdefault(head_keys[n], []).append(n)
    return {n: tuple(same) for same in by_key.values() for n in same}
