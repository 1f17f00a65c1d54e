"""Turn raw field values (dates, tags, paths) into Article fields, shared by every reader."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePosixPath

# Two different defaults expose any component dateutil filled in itself:
# "December 2025" would otherwise become a day of December nobody wrote.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|\.)?"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
          r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"\d{4}"
_ISO = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"

# A whole line that is nothing but a date: "Saturday, December 6, 2025", "6 Dec. 2025",
# "2025-12-06", optionally after "Published:"; prose that merely mentions a date never matches.
DATE_LINE = re.compile(
    rf"^(?:(?:published|posted|date)(?:\s+on)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?P<date>{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_ISO})\.?$",
    re.IGNORECASE,
)


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date_text(text: str) -> date | None:
    """Return the date a string names completely (day, month and year), else None."""
    text = text.strip()
    if not text:
        return None
    if ISO_DAY.fullmatch(text):  # the usual form in exports: no need for dateutil, 20 times slower
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    from dateutil import parser as dateutil_parser  # here: exports mostly write ISO days, and dateutil is slow to import

    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        # ParserError is a ValueError; out-of-range days and years raise the others.
        return None
    if first.date() != second.date():
        return None
    return first.date()


def parse_date_value(value: object) -> date | None:
    """Return the date of a YAML or JSON value (date, datetime or string), else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date_text(value)
    return None


def date_of_line(line: str) -> date | None:
    """Return the date when the whole line is a date and nothing else, else None."""
    match = DATE_LINE.match(line.strip())
    return parse_date_text(match.group("date")) if match else None


def normalise_tags(value: object) -> tuple[str, ...]:
    """Return tags from a list or a comma-separated string, stripped and without repeats."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        items = [items]
    tags: list[str] = []
    for item in items:
        tag = str(item).strip() if item is not None else ""
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def text_field(value: object) -> str:
    """Return a scalar field as a stripped string ("" for a missing value)."""
    return "" if value is None else str(value).strip()


def article_id(relpath: str) -> str:
    """Return the stable id of a file: its corpus-relative path without the extension."""
    return str(PurePosixPath(relpath).with_suffix(""))
