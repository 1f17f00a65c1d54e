"""Rules for ranges: "1939-45", "between 2012 and 2014", "the 1986/87 season", "264 to 241 BC", "6-7 January 1916".

A range is one mention spanning both ends, so that the years it covers and the timeline event it
makes keep both; its ``parts`` are the two ends as TimeML tags them (two TIMEX3, one per end).
"""
from __future__ import annotations

import re
from typing import Callable

from archive.timex import absolute, named
from archive.timex.calendar import Point, month_last_day
from archive.timex.filters import count_after, label_before
from archive.timex.market import market_level
from archive.timex.mention import Candidate, Context, Part, Resolved, at
from archive.timex.patterns import DAY, compile_rule

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]

_LONGEST = 200  # years: "1939-45" may span a war, "1000 to 1330" is not a range of years
# Separators of two years; "and" only after "between" ("in 1994, 1995 and 1997" lists years).
_SEP = r"\s*(?P<sep>–|—|-|/|to|and|through|thru|until|till)\s*"
_LEAD = r"(?P<lead>between\s+|from\s+|(?:the\s+)?(?:fiscal|crop|marketing|financial|academic)(?:\s+year)?\s+)?"
_END = r"(?P<year2>[12]\d{3}|\d{2})(?!\d|[.,]\d|\s*(?:%|percent\b|per\s*cent\b))"


def _last_year(first: int, token: str) -> int:
    if len(token) == 4:
        return int(token)
    last = first - first % 100 + int(token)
    return last + 100 if last <= first else last  # "1999-01" runs into the next century


def _year_range(m: re.Match[str], text: str) -> Candidate | None:
    first = int(m.group("year"))
    last = _last_year(first, m.group("year2"))
    lead, sep = (m.group("lead") or "").lower().strip(), m.group("sep").lower()
    if not first < last <= first + _LONGEST:
        return None
    if sep == "and" and not lead.startswith("between"):
        return None
    if lead.startswith("between") and sep != "and" or lead.startswith("from") and sep in ("and", "/"):
        return None
    if sep == "/" and len(m.group("year2")) == 4 and last != first + 1:
        return None  # "1990/2000" is a ratio or a pair, "1986/87" and "1986/1987" a season
    # A pair of years is a clue in itself: only a label before it or a count after it rules it out.
    # "1000 to 1330 local time", "rose 1500-1600 tonnes", "No. 1990/91" are no years.
    if label_before(text, m.start("year")) or count_after(text, m.end()):
        return None
    if market_level(text, m.start("year"), m.end("year")):
        return None  # "the index moved from 1950 to 1980": two levels
    first_part = Part(m.start("year"), m.end("year"), Point("year", first).value)
    last_part = Part(m.start("year2"), m.end("year2"), Point("year", last).value)
    resolved = at(Point("year", first), last=Point("year", last))
    resolved = Resolved(resolved.value, "DATE", "year", None, resolved.earliest, resolved.latest,
                        Point("year", last), (first_part, last_part))
    start = m.start("lead") if lead and not lead.startswith(("between", "from")) else m.start("year")
    return Candidate(start, m.end(), lambda ctx: resolved, 3)


def _bc_range(m: re.Match[str], text: str) -> Candidate | None:
    """"264 to 241 BC", "(240-238 BC)": the era written once holds for both ends."""
    first, last = int(m.group("n1")), int(m.group("n2"))
    if not last < first <= last + _LONGEST:
        return None
    begin, end = Point("year", 1 - first), Point("year", 1 - last)
    parts = (Part(m.start("n1"), m.end("bc1") if m.group("bc1") else m.end("n1"), begin.value),
             Part(m.start("n2"), m.end(), end.value))
    full = at(begin, last=end)
    resolved = Resolved(full.value, "DATE", "year", None, full.earliest, full.latest, end, parts)
    return Candidate(m.start("n1"), m.end(), lambda ctx: resolved, 3)


# The second end of "6-7 January 1916", "12-14 July", "from 15 to 22 February", "March 5-9, 1918".
_DAY_END_RULES = [rule for rule in absolute.RULES[:2]] + [rule for rule in named.RULES[1:3]]


def _day_range(m: re.Match[str], text: str) -> Candidate | None:
    """A bare first day takes the month and year of the date after it: "[6]-7 January 1916"."""
    first = int(m.group("d1"))
    inner = None
    for pattern, handler in _DAY_END_RULES:
        found = pattern.match(text, m.start("rest"))
        if found is not None and (inner := handler(found, text)) is not None:
            break
    if inner is None:
        return None
    end = inner.end

    def resolve(ctx: Context) -> Resolved | None:
        last = inner.resolve(ctx)
        point = last.anchor if last is not None else None
        if point is None or point.gran != "day" or not 1 <= first < point.day:
            return last
        begin = Point("day", point.year, point.month, first)
        parts = (Part(m.start("d1"), m.end("d1"), begin.value), Part(inner.start, end, point.value))
        return Resolved(begin.value, "DATE", "day", None, begin.bounds[0], point.bounds[1], point, parts)
    return Candidate(m.start("d1"), end, resolve, 3)


def _month_day_range(m: re.Match[str], text: str) -> Candidate | None:
    """"March 5-9, 1918", "July 29 - August 2": the second day of a range written after one month."""
    first = named.RULES[1][0].match(text, m.start())
    inner = named.RULES[1][1](first, text) if first is not None else None
    month = absolute.month_of(m.group("mon"))
    last_day, year = int(m.group("day2")), m.group("year")
    if inner is None or month is None or last_day <= int(m.group("day")):
        return None

    def resolve(ctx: Context) -> Resolved | None:
        if year:
            begin = Point("day", int(year), month, int(m.group("day")))
        else:
            r = inner.resolve(ctx)
            if r is None or r.anchor is None or r.anchor.gran != "day":
                return r
            begin = r.anchor
        if last_day > month_last_day(begin.year, month):
            return None
        end = Point("day", begin.year, month, last_day)
        parts = (Part(m.start(), m.end("day"), begin.value), Part(m.start("day2"), m.end(), end.value))
        return Resolved(begin.value, "DATE", "day", None, begin.bounds[0], end.bounds[1], end, parts)
    return Candidate(m.start(), m.end(), resolve, 4)


_MONTH = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)")

RULES: list[Rule] = [
    (compile_rule(_LEAD + r"(?P<year>[12]\d{3})(?![.,]\d)" + _SEP + _END), _year_range),
    (compile_rule(r"(?P<n1>\d{1,4})\s*(?:(?P<bc1>BC|B\.C\.E\.|B\.C\.?|BCE)\s*)?(?:–|—|-|to|until|till)\s*(?P<n2>\d{1,4})\s*(?:BC|B\.C\.E\.|B\.C\.?|BCE)(?![\w])"),
     _bc_range),
    (compile_rule(r"(?P<d1>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*(?:–|—|-|to|and|until|till|through)\s*"
                  r"(?P<rest>(?:the\s+)?" + DAY + r"(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + r")"), _day_range),
    (compile_rule(_MONTH + r"\s*" + DAY + r"\s*(?:–|—|-|to|through|until)\s*(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
                  r"(?!\s*(?:[–—-]|\d|:|%|percent))(?:\s*,?\s*(?P<year>[12]\d{3})(?![\d.,]\d))?"), _month_day_range),
]
