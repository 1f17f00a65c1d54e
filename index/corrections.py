"""Curated corrections on merged entries, engine-neutral: a correction of one source applies to its whole happening.

A correction (``corpus/timeline.yaml``) names one event; an entry folds every event that tells
the same happening (archive.repeats). The corrected event keeps the key of what the tagger found
(archive.curated.happening_keys), so it stays in its entry, and the timeline applies it there:

- a hidden event hides its whole entry, every source of it;
- a redated or retitled event heads its entry: the entry shows its date and headline, and is
  placed and filtered by that date, while the other sources stay listed under it.

So a correction keeps working when a new article tells the happening again (it joins the
entry), when the first source changes, and across reindexes. Two corrections of one entry:
hiding wins; else the corrected event earliest on the timeline heads it.

An engine finds the few corrected and hidden events (their kind is stored: index.happenings)
and gives them here by repeat key, each event in its own form (a document number, a dict of
keys); what it does with the answer (leave events out, filter by the head's year) is its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Generic, Hashable, Iterable, TypeVar

from index.results import TimelineEntry

E = TypeVar("E")  # an event, in an engine's own form


@dataclass(frozen=True)
class Corrections(Generic[E]):
    """The happenings (by repeat key) that corrections hide or head."""

    hidden: frozenset = frozenset()  # keys of the happenings a correction hides
    heads: dict = field(default_factory=dict)  # key -> the corrected event that heads its happening

    def __bool__(self) -> bool:
        return bool(self.hidden or self.heads)

    def head(self, key: Hashable, event: E) -> E:
        """The event whose date places the entry of ``event`` (of repeat key ``key``): the correction's, else its own."""
        return self.heads.get(key, event)

    def headed(self, groups: list[list[E]], key: Callable[[E], Hashable], order: Callable[[E], object],
               same: Callable[[E, E], bool] = lambda a, b: a == b) -> list[list[E]]:
        """Put each corrected event first in its group (added when the query did not reach it); the
        groups then in the timeline order of their first events (a stable sort: ties keep their place)."""
        if not self.heads:
            return groups
        moved = False
        for group in groups:
            head = self.heads.get(key(group[0]))
            if head is not None and not same(group[0], head):
                group[:] = [head] + [event for event in group if not same(event, head)]
                moved = True
        return sorted(groups, key=lambda group: order(group[0])) if moved else groups


def of(hidden: Iterable[Hashable], corrected: Iterable[tuple[Hashable, E]]) -> Corrections[E]:
    """The corrections of an index: the repeat keys of its hidden events, and its corrected events
    as (repeat key, event) in timeline order (the earliest corrected event heads its happening)."""
    hidden = frozenset(hidden)
    heads: dict = {}
    for key, event in corrected:
        if key not in hidden:  # hiding wins
            heads.setdefault(key, event)
    return Corrections(hidden, heads)


def as_corrected(entry: TimelineEntry, head: TimelineEntry) -> TimelineEntry:
    """One event as its own sentence tells it, with the date and headline of its happening's correction
    (an article's page lists its events so)."""
    if head.id == entry.id:
        return entry
    return replace(entry, value=head.value, year=head.year, precision=head.precision, modifier=head.modifier,
                   label=head.label, headline=head.headline)
