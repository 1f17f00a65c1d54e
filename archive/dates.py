"""Find the dates a text talks about and the years a timeline should file it under."""
from __future__ import annotations

from datetime import date

from archive.timex.mention import DateMention
from archive.timex.tagger import tag

__all__ = ["DateMention", "tag_dates", "years_in", "years_mentioned"]

# Granularities that name one year or a part of one; coarser ones ("the 20th century") name none.
_YEAR_OR_FINER = frozenset({"year", "half", "quarter", "season", "month", "week", "day"})


def tag_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Return the date expressions of ``text``, sorted by start and never overlapping."""
    return tag(text, published)


def years_mentioned(text: str, published: date | None = None) -> list[int]:
    """Return the sorted distinct years that the DATE mentions of ``text`` talk about."""
    return years_in(tag(text, published))


def years_in(mentions: list[DateMention]) -> list[int]:
    """Return the sorted distinct years that DATE mentions talk about (decades give ten)."""
    years: set[int] = set()
    for mention in mentions:
        if mention.type != "DATE" or mention.earliest is None or mention.latest is None:
            continue
        if mention.precision in _YEAR_OR_FINER or mention.precision == "decade":
            years.update(range(mention.earliest[0], mention.latest[0] + 1))
    return sorted(years)
