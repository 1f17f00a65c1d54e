"""Conflicts: the same happening told with dates that cannot both be right (both engines).

Entries fold repeats that share a date and the words of what happened (archive.repeats). The
same words under another date are the same happening dated differently: "2013" in three
articles, "2012" in one. Dates that can both hold ("2013" and "March 2013") are no conflict.
The versions are found among the matching entries, by a second key kept at index time (the
words without the date, index.happenings), so only the entries shown and their rivals are read.

A sentence that gives two dates ("imports rose in February from 6.7 billion in January") makes
two entries with the same words; they are two happenings of one source, not sources that
disagree. So a rival date counts only the sentences the entry's own sources do not hold: on
Reuters, most of the flagged entries were such sentences before this rule.
"""
from __future__ import annotations

from typing import Callable, Hashable, Sequence, TypeVar

from archive.labels import date_label
from index.results import DateVersion

G = TypeVar("G")  # a happening: the events that tell it, in an engine's own form
# A happening's stored fields of its first event, and its sentences: (article, start) -> article.
Fields = Callable[[G], tuple[dict, dict]]


def rivals(groups: Sequence[G], shown: Sequence[G], key: Callable[[G], Hashable]) -> list[list[G]]:
    """For each shown happening, every matching one with its happening key (itself among them),
    or [] when it is the only one: only those need reading."""
    wanted = {key(group) for group in shown}
    same: dict[Hashable, list[G]] = {}
    for group in groups:
        if (k := key(group)) in wanted:
            same.setdefault(k, []).append(group)
    return [same[key(group)] if len(same[key(group)]) > 1 else [] for group in shown]


def versions(group: G, its_rivals: Sequence[G], fields: Fields) -> tuple[DateVersion, ...]:
    """The dates a happening is told with when some clash with its own: its own first, then the others."""
    if not its_rivals:
        return ()
    own = _version(*fields(group))
    others = [_version(*fields(other), leave_out=own[5]) for other in its_rivals if other is not group]
    clashing = [v for v in others if v[4] and not _overlap(own, v)]
    return tuple(_tally([own] + clashing)) if clashing else ()


def _version(stored: dict, sentences: dict, leave_out: frozenset = frozenset()) -> tuple:
    """The date, its label, first and last days, how many articles give it (their sentences in
    ``leave_out`` not counted) and the sentences it comes from."""
    earliest, latest = tuple(stored["earliest"]), tuple(stored["latest"])
    label = date_label(earliest, latest, stored["precision"], stored.get("modifier"))
    articles = len({article for sentence, article in sentences.items() if sentence not in leave_out})
    return stored["value"], label, earliest, latest, articles, frozenset(sentences)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[2] <= b[3] and b[2] <= a[3]


def _tally(found: list[tuple]) -> list[DateVersion]:
    """One version per date, its articles added up; the entry's own date first, then the most told."""
    counts: dict[str, list] = {}
    for value, label, _, _, articles, _ in found:
        counts.setdefault(value, [label, 0])[1] += articles
    own = found[0][0]
    order = sorted(counts, key=lambda v: (v != own, -counts[v][1], v))
    return [DateVersion(v, counts[v][0], counts[v][1]) for v in order]
