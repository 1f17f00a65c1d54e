"""Conflicts: the same happening told with dates that cannot both be right.

Entries fold repeats that share a date and the words of what happened (archive.repeats). The
same words under another date are the same happening dated differently: "2013" in three
articles, "2012" in one. Dates that can both hold ("2013" and "March 2013") are no conflict.
The versions are found among the matching entries, by a second key kept at index time (the
words without the date), so only the entries shown read stored fields.

A sentence that gives two dates ("imports rose in February from 6.7 billion in January") makes
two entries with the same words; they are two happenings of one source, not sources that
disagree. So a rival date counts only the sentences the entry's own sources do not hold: on
Reuters, most of the flagged entries were such sentences before this rule.
"""
from __future__ import annotations

from archive.labels import date_label
from index.results import DateVersion
from index.whoosh import doc_values


def versions_of(searcher, groups: list[list[int]], shown: list[list[int]], folder: str) -> dict[int, tuple[DateVersion, ...]]:
    """For each shown group (by its first document) that conflicts: its date first, then the others."""
    keys = doc_values.column(searcher, "happening", folder)
    wanted = {keys[group[0]] for group in shown}
    same: dict[int, list[list[int]]] = {}
    for group in groups:
        if keys[group[0]] in wanted:
            same.setdefault(keys[group[0]], []).append(group)
    result = {}
    for group in shown:
        rivals = same.get(keys[group[0]], [])
        if len(rivals) < 2:
            continue
        own = _version(searcher, group)
        others = [_version(searcher, other, own[5]) for other in rivals if other is not group]
        clashing = [v for v in others if v[4] and not _overlap(own, v)]
        if clashing:
            result[group[0]] = tuple(_tally([own] + clashing))
    return result


def _version(searcher, group: list[int], leave_out: frozenset = frozenset()) -> tuple:
    """The group's date, its label, first and last days, how many articles give it (their
    sentences in ``leave_out`` not counted) and the sentences it comes from."""
    stored = searcher.stored_fields(group[0])
    earliest, latest = tuple(stored["earliest"]), tuple(stored["latest"])
    label = date_label(earliest, latest, stored["precision"], stored.get("modifier"))
    sources = {}
    for docnum in group:
        fields = searcher.stored_fields(docnum)
        sources[(fields.get("article_id") or docnum, fields.get("start"))] = fields.get("article_id") or docnum
    articles = len({article for sentence, article in sources.items() if sentence not in leave_out})
    return stored["value"], label, earliest, latest, articles, frozenset(sources)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[2] <= b[3] and b[2] <= a[3]


def _tally(versions: list[tuple]) -> list[DateVersion]:
    """One version per date, its articles added up; the entry's own date first, then the most told."""
    counts: dict[str, list] = {}
    for value, label, _, _, articles, _ in versions:
        counts.setdefault(value, [label, 0])[1] += articles
    own = versions[0][0]
    order = sorted(counts, key=lambda v: (v != own, -counts[v][1], v))
    return [DateVersion(v, counts[v][0], counts[v][1]) for v in order]
