"""Happenings on the timeline, engine-neutral: the marks an event is indexed with, and repeats folded.

Both engines store the same three marks per event and fold a page the same way, so that a
timeline is the same list of entries whichever engine answers it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Hashable, Sequence, TypeVar

from archive.events import Event
from archive.happenings import refers_back
from archive.repeats import repeat_key
from index.results import Mention, TimelineEntry

T = TypeVar("T")


def event_marks(event: Event) -> dict:
    """The fields of an event that fold and filter it: how it was dated, whether it speaks of the
    article's subject without naming it (reached through the title), and its repeat key."""
    return {
        "anchor": event.anchor,
        "refers": "yes" if event.article_id and refers_back(event.sentence) else "no",
        # A curated event is its own happening: never folded with what the texts say.
        "repeat": repeat_key(event.value, event.headline, event.id) if not event.curated
        else repeat_key(event.id, "", event.id),
    }


def fold(ordered: Sequence[T], key: Callable[[T], Hashable], min_sources: int = 1,
         by_sources: bool = False) -> list[list[T]]:
    """Group events (in timeline order) by repeat key into happenings, the first of each shown.

    Chronological (by each group's first event); ``by_sources`` puts the largest groups first.
    Group sizes count events; an article telling a happening twice is rare in news.
    """
    groups: dict[Hashable, list[T]] = {}
    for item in ordered:
        groups.setdefault(key(item), []).append(item)
    folded = [group for group in groups.values() if len(group) >= min_sources]
    if by_sources:
        folded.sort(key=len, reverse=True)  # stable: chronological among equals
    return folded


def folded_entry(head: TimelineEntry, others: Sequence[TimelineEntry]) -> TimelineEntry:
    """One entry for a happening: its first event, with the other sentences that tell it."""
    also = tuple(mention(entry) for entry in others)
    articles = {head.article_id} | {m.article_id for m in also}
    return replace(head, reported_by=len(articles), also=also)


def mention(entry: TimelineEntry) -> Mention:
    return Mention(id=entry.id, article_id=entry.article_id, article_title=entry.article_title,
                   sentence=entry.sentence, published=entry.published, start=entry.start, end=entry.end)
