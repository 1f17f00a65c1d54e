"""Read the query string into the arguments index functions take, with a sentence for bad values."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request

from archive.events import MAX_YEAR
from archive.labels import parse_year
from index.engine import MAX_QUERY_LENGTH
from index.filters import FILTERS, SORTS, TIMELINE_FILTERS, YEAR_RANGE

MAX_PAGE = 10_000
MAX_VALUES = 50


class ParameterError(ValueError):
    """A query-string value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class SearchArgs:
    """What a search page, its JSON twin and its exports read from the query string."""

    q: str
    page: int
    narrowing: dict  # keyword arguments of Engine.search besides q and the page: index.filters


def query_text() -> str:
    """Return ?q= as typed, or fail when it is longer than the index accepts."""
    q = request.args.get("q", "")
    if len(q) > MAX_QUERY_LENGTH:
        raise ParameterError(f"The query is {len(q)} characters long; the limit is {MAX_QUERY_LENGTH}.")
    return q


def page_number() -> int:
    """Return ?page= as a number from 1, defaulting to 1."""
    raw = request.args.get("page", "").strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        raise ParameterError(f"'page' must be a whole number from 1 to {MAX_PAGE}; '{raw[:40]}' is not.")
    return int(raw)


def year(name: str) -> int | None:
    """Return one year argument (such as ?from=1990) or None when absent or blank."""
    raw = request.args.get(name, "").strip()
    return _year(name, raw) if raw else None


def years(name: str) -> tuple[int, ...]:
    """Return every value of a repeatable year argument (?year=2013&year=2019)."""
    values = [v.strip() for v in request.args.getlist(name) if v.strip()]
    if len(values) > MAX_VALUES:
        raise ParameterError(f"At most {MAX_VALUES} values of '{name}' at once.")
    return tuple(sorted({_year(name, v) for v in values}))


def texts(name: str) -> tuple[str, ...]:
    """Return every non-blank value of a repeatable text argument (?tag=AI&tag=Robotics)."""
    values = [v.strip() for v in request.args.getlist(name) if v.strip()]
    if len(values) > MAX_VALUES or any(len(v) > 200 for v in values):
        raise ParameterError(f"At most {MAX_VALUES} values of '{name}', each under 200 characters.")
    return tuple(dict.fromkeys(values))


def year_range() -> tuple[int | None, int | None]:
    """Return ?from= and ?to=, checked to be in order."""
    start, end = year(YEAR_RANGE.start_arg), year(YEAR_RANGE.end_arg)
    if start is not None and end is not None and start > end:
        raise ParameterError(f"The range starts after it ends: from {start} to {end}.")
    return start, end


def search_args() -> SearchArgs:
    """Read a search's query, filters, sort and page."""
    sort = request.args.get("sort", "").strip() or "relevance"
    if sort not in SORTS:
        raise ParameterError(f"'sort' must be one of {', '.join(SORTS)}; '{sort[:40]}' is not.")
    start, end = year_range()
    narrowing = {f.name: years(f.arg) if f.kind == "year" else texts(f.arg) for f in FILTERS}
    narrowing.update({YEAR_RANGE.start: start, YEAR_RANGE.end: end, "sort": sort})
    return SearchArgs(query_text(), page_number(), narrowing)


FLAG_VALUES = {"1": True, "on": True, "true": True, "yes": True, "0": False, "off": False, "false": False, "no": False}
MAX_SOURCES = 100_000


def timeline_filters() -> dict:
    """Read the timeline's filters of index.filters.TIMELINE_FILTERS (?conflicts=1&min_sources=2)."""
    return {f.name: _count(f.arg) if f.kind == "count" else _flag(f.arg) for f in TIMELINE_FILTERS}


def _flag(name: str) -> bool:
    raw = request.args.get(name, "").strip()
    if not raw:
        return False
    if raw.lower() not in FLAG_VALUES:
        raise ParameterError(f"'{name}' must be 1 (on) or 0 (off); '{raw[:40]}' is not.")
    return FLAG_VALUES[raw.lower()]


def _count(name: str) -> int:
    raw = request.args.get(name, "").strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_SOURCES:
        raise ParameterError(f"'{name}' must be a whole number from 1 to {MAX_SOURCES}; '{raw[:40]}' is not.")
    return int(raw)


def _year(name: str, raw: str) -> int:
    """Read a typed year; "500 BC" becomes the astronomical year -499, as the chart's labels count."""
    try:
        value = parse_year(raw)
    except ValueError:
        raise ParameterError(f"'{name}' must be a year such as 2013, 500 BC or -499; '{raw[:40]}' is not.") from None
    if abs(value) > MAX_YEAR:
        raise ParameterError(f"'{name}' must be a year between -{MAX_YEAR} and {MAX_YEAR}.")
    return value
