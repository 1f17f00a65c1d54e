"""Happenings on the timeline, engine-neutral: the marks an event is indexed with, repeats folded,
and an entry read back from the fields an engine stores.

Both engines store the same marks per event, keep the same fields, and fold a page the same way,
so that a timeline is the same list of entries whichever engine answers it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Hashable, Sequence, TypeVar

from archive.events import Event
from archive.models import Article
from archive.happenings import refers_back
from archive.labels import date_label
from archive.curated import happening_keys
from index.ordering import day_from_number, publication_day, timeline_order
from index.results import DateVersion, Mention, TimelineEntry

T = TypeVar("T")


def event_marks(event: Event) -> dict:
    """The fields of an event that fold, filter and mark it: what kind it is (a correction hides or
    corrects it), how it was dated, whether it speaks of the article's subject without naming it
    (reached through the title), its repeat key, its happening key (the same words whatever the
    date: conflicts) and whether it was still to come. A corrected event keeps the keys of what
    the tagger found (archive.curated.happening_keys), so it stays in its entry."""
    repeat, happening = happening_keys(event)
    return {
        "kind": "hidden" if event.hidden else "curated" if event.curated else "corrected" if event.corrected
        else "extracted",
        "anchor": event.anchor,
        "refers": "yes" if event.article_id and refers_back(event.sentence) else "no",
        "repeat": repeat,
        "happening": happening,
        "planned": event.planned,
    }


def event_fields(event: Event, article: Article | None) -> dict:
    """The fields both engines store for an event: its marks, date, place in the timeline, text
    and sources (read back by entry_from_fields); its tags each engine indexes its own way."""
    published = article.published if article else None
    return {
        **event_marks(event),
        "id": event.id,
        "article_id": event.article_id or "",
        "value": event.value,
        "year": event.year,
        "order": timeline_order(event, published),
        "published": publication_day(published),
        "precision": event.precision,
        "modifier": event.modifier,
        "earliest": list(event.earliest),
        "latest": list(event.latest),
        "headline": event.headline,
        "sentence": event.sentence,
        "article_title": article.title if article else "",
        "start": event.start,
        "end": event.end,
        "sources": list(event.sources),
    }


def fold(ordered: Sequence[T], key: Callable[[T], Hashable]) -> list[list[T]]:
    """Group events (in timeline order) by repeat key into happenings, the first of each shown,
    chronological by each group's first event."""
    groups: dict[Hashable, list[T]] = {}
    for item in ordered:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def kept(groups: Sequence[T], min_sources: int = 1, by_sources: bool = False,
         size: Callable[[T], int] = len) -> list[T]:
    """The happenings told at least ``min_sources`` times; ``by_sources`` puts the largest first.

    Group sizes count events (``size`` tells a happening's); an article telling a happening twice
    is rare in news. Conflicts are found among all the groups, not only those kept: a date one
    article gives still disagrees with three.
    """
    folded = [group for group in groups if size(group) >= min_sources] if min_sources > 1 else list(groups)
    if by_sources:
        folded.sort(key=size, reverse=True)  # stable: chronological among equals
    return folded


def folded_entry(head: TimelineEntry, others: Sequence[TimelineEntry],
                 versions: tuple[DateVersion, ...] = ()) -> TimelineEntry:
    """One entry for a happening: its first event, with the other sentences that tell it."""
    also = tuple(mention(entry) for entry in others)
    articles = {head.article_id} | {m.article_id for m in also}
    return replace(head, reported_by=len(articles), also=also, versions=versions)


def mention(entry: TimelineEntry) -> Mention:
    return Mention(id=entry.id, article_id=entry.article_id, article_title=entry.article_title,
                   sentence=entry.sentence, published=entry.published, start=entry.start, end=entry.end)


def entry_from_fields(stored: dict) -> TimelineEntry:
    """The entry of one event from the fields either engine stores for it."""
    earliest, latest = tuple(stored["earliest"]), tuple(stored["latest"])
    return TimelineEntry(
        id=stored["id"],
        value=stored["value"],
        year=earliest[0],
        precision=stored["precision"],
        modifier=stored.get("modifier"),
        label=date_label(earliest, latest, stored["precision"], stored.get("modifier")),
        headline=stored["headline"],
        sentence=stored["sentence"],
        article_id=stored.get("article_id") or None,
        article_title=stored.get("article_title", ""),
        published=day_from_number(stored.get("published")),
        start=stored.get("start"),
        end=stored.get("end"),
        curated=stored.get("kind") == "curated",
        sources=tuple(stored.get("sources") or ()),
        anchor=stored.get("anchor") or "text",
        planned=bool(stored.get("planned")),
    )

