"""Planned or expected happenings: "will open in 2027", "is scheduled for May", "plans to cut".

A happening is planned when the clause that carries it speaks of the future (a "will", a
schedule, a plan), or when its date falls after the day the article was written. Such an
entry is marked, so a reader does not take an announcement for a thing done.
"""
from __future__ import annotations

import re
from datetime import date

Day = tuple[int, int, int]

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|(?:is|are|am)\s+(?:(?:now|also|still)\s+)?(?:expected|scheduled|slated|set|due|to|planned|going\s+to)"
    r"|(?:plans?|intends?|aims?)\s+to|(?<!was\s)(?<!were\s)(?<!been\s)(?:scheduled|slated|set)\s+(?:for|to))\b|'ll\b",
    re.IGNORECASE)
# A plan told in the past ("said it would", "was to open") is reported speech of its time, and a
# "will" inside a quotation is the speaker's; both still count: the plan was the news.


def is_planned(clause: str, earliest: Day, published: date | None) -> bool:
    """True when ``clause`` speaks of a happening still to come, or its date is after publication."""
    if _FUTURE.search(clause):
        return True
    if published is None:
        return False
    return earliest > (published.year, published.month, published.day)
