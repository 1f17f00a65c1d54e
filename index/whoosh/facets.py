"""Facets: counts per year (chronological) and per source or tag (most frequent first)."""
from __future__ import annotations

from typing import Iterable

from whoosh import query

from index.results import TermBucket, YearBucket

TERM_FACET_LIMIT = 20


def year_buckets(groups: dict, selected: Iterable[int] = ()) -> list[YearBucket]:
    """Turn Whoosh's ``{year: count}`` into buckets in chronological order.

    A selected year with no match still gets a bucket, so the researcher can untick it.
    """
    chosen = set(selected)
    counts = {year: count for year, count in groups.items() if year is not None}
    for year in chosen - counts.keys():
        counts[year] = 0
    return [YearBucket(year, counts[year], year in chosen) for year in sorted(counts)]


def term_buckets(counts: dict[str, int], stored_text, selected: Iterable[str] = (),
                 limit: int = TERM_FACET_LIMIT) -> list[TermBucket]:
    """Turn ``{value: count}`` into the most frequent buckets, the chosen ones kept.

    ``stored_text(value)`` returns one article's stored text for the value, which keeps the
    spelling the lowercased index lost ("Space Weekly" rather than "space weekly").
    """
    chosen = {value.lower() for value in selected}
    ranked = sorted(counts, key=lambda value: (-counts[value], value))
    shown = ranked[:limit] + sorted(chosen - set(ranked[:limit]))
    return [TermBucket(value, _spelling(stored_text(value), value) if counts.get(value) else value,
                       counts.get(value, 0), value in chosen) for value in shown]


def _spelling(stored: str | None, value: str) -> str:
    for part in (stored or "").split(","):
        if part.strip().lower() == value:
            return part.strip()
    return value


def year_filter(field: str, years: Iterable[int]) -> query.Query | None:
    """Match articles with any of ``years`` in ``field`` (years ticked together widen the search)."""
    terms = [query.Term(field, year) for year in sorted(set(years))]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else query.Or(terms)


def term_filter(field: str, values: Iterable[str]) -> query.Query | None:
    """Match articles with any of ``values`` (compared lowercased) in a keyword field."""
    terms = [query.Term(field, value.lower()) for value in sorted({v.lower() for v in values})]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else query.Or(terms)


def range_filter(field: str, start: int | None, end: int | None) -> query.Query | None:
    """Match articles with a year in ``field`` between ``start`` and ``end``, both included."""
    if start is None and end is None:
        return None
    return query.NumericRange(field, start, end)
