"""Rules for holidays and weekends: "Thanksgiving Day", "Christmas Eve", "over the weekend"."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from archive.timex.calendar import Point
from archive.timex.mention import Candidate, Context, Resolved, at
from archive.timex.patterns import YEAR, compile_rule
from archive.timex.resolve import unknown

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]

_FIXED = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
          "new year's eve": (12, 31), "independence day": (7, 4), "the fourth of july": (7, 4), "halloween": (10, 31),
          "valentine's day": (2, 14), "veterans day": (11, 11), "boxing day": (12, 26), "new year's": (1, 1),
          "st. patrick's day": (3, 17), "bastille day": (7, 14), "armistice day": (11, 11)}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """Return the n-th ISO weekday of a month (n = -1 for the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Return Easter Sunday (Gregorian, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m7 = (32 + 2 * e + 2 * i - h - k) % 7
    n = (h + m7 - 7 * ((a + 11 * h + 22 * m7) // 451) + 114)
    return date(year, n // 31, n % 31 + 1)


def holiday_date(name: str, year: int) -> date | None:
    """Return the date of a named holiday in ``year``, or None for an unknown name."""
    if not 1 <= year <= 9999:
        return None  # outside the calendar Python's dates hold: "1939-45 B.C. Christmas"
    key = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    if key in _FIXED:
        return date(year, *_FIXED[key])
    if key in ("thanksgiving", "thanksgiving day"):
        return _nth_weekday(year, 11, 4, 4)
    if key == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if key == "memorial day":
        return _nth_weekday(year, 5, 1, -1)
    if key == "election day":
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    if key in ("easter", "easter sunday"):
        return _easter(year)
    if key == "good friday":
        return _easter(year) - timedelta(days=2)
    return None


def _holiday(m: re.Match[str], text: str) -> Candidate | None:
    name = m.group("name")
    if not name[0].isupper():
        return None
    rel = (m.group("rel") or "").lower()
    explicit = int(m.group("year")) if m.group("year") else None
    week = bool(m.group("week"))

    def resolve(ctx: Context) -> Resolved:
        if explicit is None and ctx.dct is None and ctx.story(m.start()) is None:
            return unknown("week" if week else "day")
        story = ctx.story(m.start()) if explicit is None and not rel else None
        year = explicit or (story.year if story is not None else ctx.dct.year)
        day = holiday_date(name, year)
        if day is None:
            return unknown("day")
        if explicit is None and story is None:
            if rel == "last" or (rel != "next" and day > ctx.dct + timedelta(days=60)):
                day = holiday_date(name, year - 1) or day
            elif rel == "next" and day < ctx.dct:
                day = holiday_date(name, year + 1) or day
        return at(Point.of_date(day, "week" if week else "day"))
    return Candidate(m.start(), m.end(), resolve, 1)


def _weekend(m: re.Match[str], text: str) -> Candidate | None:
    rel = (m.group("rel") or "the").lower()

    def resolve(ctx: Context) -> Resolved:
        if ctx.dct is None:
            return Resolved("XXXX-WXX-WE", "DATE", "week")
        shift = {"next": 1, "coming": 1, "last": -1, "past": -1}.get(rel, 0)
        if rel in ("the", "this") and ctx.dct.isoweekday() < 5 and not ctx.future(m.start(), m.end()):
            shift = -1  # "over the weekend" in a Monday paper is the one just gone
        week = Point.of_date(ctx.dct, "week").shift(shift, "W")
        r = at(week)
        return Resolved(week.value + "-WE", "DATE", "week", None, r.earliest, r.latest, week)
    return Candidate(m.start(), m.end(), resolve, 1)


RULES: list[Rule] = [
    (compile_rule(r"(?:(?P<rel>last|next|this)\s+)?(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year[’']s(?:\s+(?:Day|Eve))?"
                  r"|Independence\s+Day|Halloween|Valentine[’']s\s+Day|Veterans\s+Day|Boxing\s+Day|Thanksgiving(?:\s+Day)?"
                  r"|Labor\s+Day|Memorial\s+Day|Election\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday|St\.\s+Patrick[’']s\s+Day"
                  r"|Bastille\s+Day|Armistice\s+Day)(?P<week>\s+week)?(?:\s*,?\s+" + YEAR + r")?"), _holiday),
    (compile_rule(r"(?:(?P<the>the)|(?P<rel>this|next|last|past|coming))\s+weekend(?!s)"), _weekend),
]
