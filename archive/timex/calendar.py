"""Calendar points at a granularity: TimeML values, first/last days and shifts."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

Day = tuple[int, int, int]

# Granularities from coarse to fine; "week" sits beside "month" since weeks cross months.
ORDER = ("millennium", "century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
_MONTHS_PER = {"year": 12, "half": 6, "quarter": 3, "season": 3, "month": 1}
_UNIT_MONTHS = {"Y": 12, "H": 6, "Q": 3, "SEASON": 3, "M": 1, "DE": 120, "CE": 1200, "MI": 12000}
_UNIT_DAYS = {"D": 1, "W": 7, "FN": 14}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_START_SEASON = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def _last_day(year: int, month: int) -> int:
    # calendar.monthrange rejects year 0 and BC years; the Gregorian leap rule still applies.
    if month == 2:
        return 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@dataclass(frozen=True)
class Point:
    """A stretch of the calendar named by its first day and granularity."""

    gran: str
    year: int
    month: int = 1
    day: int = 1
    week: int = 0          # ISO week number, for gran "week" (year is then the ISO year)

    @classmethod
    def of_date(cls, d: date, gran: str = "day") -> Point:
        """Build the point of granularity ``gran`` that contains the date ``d``."""
        return cls("day", d.year, d.month, d.day).coarsen(gran)

    def coarsen(self, gran: str) -> Point:
        """Return the enclosing point at the coarser granularity ``gran``."""
        if gran == self.gran:
            return self
        if gran == "week":
            if self.gran != "day":
                return self
            iso = date(self.year, self.month, self.day).isocalendar()
            return Point("week", iso[0], self.month, self.day, iso[1])
        if ORDER.index(gran) > ORDER.index(self.gran) and self.gran != "week":
            return self
        year, month = self.year, self.month
        if self.gran == "week":
            monday = date.fromisocalendar(self.year, self.week, 1)
            year, month = monday.year, monday.month
        if gran == "millennium":
            return Point(gran, year - year % 1000)
        if gran == "century":
            return Point(gran, year - year % 100)
        if gran == "decade":
            return Point(gran, year - year % 10)
        if gran == "season":
            start = {12: 12, 1: 12, 2: 12}.get(month, month - (month - 3) % 3)
            return Point(gran, year - 1 if month < 3 else year, start)
        if gran in _MONTHS_PER:
            size = _MONTHS_PER[gran]
            return Point(gran, year, month - (month - 1) % size)
        return Point(gran, year, month, self.day if gran == "day" else 1)

    @property
    def value(self) -> str:
        """Return the TimeML TIMEX3 value, such as "2019-Q3" or "199"."""
        # TimeML writes years before the common era as "BC0470" (470 BC, astronomical -469).
        y = f"BC{1 - self.year:04d}" if self.year <= 0 else f"{self.year:04d}"
        g = self.gran
        if g == "millennium":
            return str(self.year // 1000)
        if g == "century":
            return f"{self.year // 100:02d}"
        if g == "decade":
            return f"{self.year // 10:03d}"
        if g == "year":
            return y
        if g == "half":
            return f"{y}-H{1 + (self.month - 1) // 6}"
        if g == "quarter":
            return f"{y}-Q{1 + (self.month - 1) // 3}"
        if g == "season":
            return f"{y}-{_START_SEASON[self.month]}"
        if g == "month":
            return f"{y}-{self.month:02d}"
        if g == "week":
            return f"{y}-W{self.week:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    @property
    def bounds(self) -> tuple[Day, Day]:
        """Return the first and the last day the point covers."""
        g = self.gran
        if g == "week":
            monday = date.fromisocalendar(self.year, self.week, 1)
            sunday = monday + timedelta(days=6)
            return (monday.year, monday.month, monday.day), (sunday.year, sunday.month, sunday.day)
        if g == "day":
            return (self.year, self.month, self.day), (self.year, self.month, self.day)
        span = {"millennium": 12000, "century": 1200, "decade": 120}.get(g) or _MONTHS_PER[g]
        last = (self.year * 12 + self.month - 1) + span - 1
        ly, lm = divmod(last, 12)
        return (self.year, self.month, 1), (ly, lm + 1, _last_day(ly, lm + 1))

    def shift(self, n: int, unit: str) -> Point:
        """Move the point by ``n`` units ("Y", "Q", "M", "W", "D", "DE"...), keeping its granularity."""
        if unit in _UNIT_DAYS:
            if self.gran not in ("day", "week"):
                return self
            days = n * _UNIT_DAYS[unit]
            if self.gran == "week":
                monday = date.fromisocalendar(self.year, self.week, 1) + timedelta(days=days)
                return Point.of_date(monday, "week")
            return Point.of_date(date(self.year, self.month, self.day) + timedelta(days=days))
        months = n * _UNIT_MONTHS[unit]
        if self.gran == "week":
            monday = date.fromisocalendar(self.year, self.week, 1)
            return Point.of_date(Point.of_date(monday).shift(n, unit).to_date(), "week")
        if self.gran in ("millennium", "century", "decade"):
            return replace(self, year=self.year + months // 12)
        index = self.year * 12 + self.month - 1 + months
        year, month0 = divmod(index, 12)
        day = min(self.day, _last_day(year, month0 + 1))
        return replace(self, year=year, month=month0 + 1, day=day)

    def to_date(self) -> date:
        """Return the first day as a ``date`` (years 1..9999 only)."""
        first = self.bounds[0]
        return date(*first)


_BC_VALUE = re.compile(r"BC(\d{4})")


def astronomical(value: str) -> str:
    """Rewrite a TimeML value before the common era ("BC0470-03") with an astronomical year ("-0469-03"),
    the form the index keeps so that years sort and count as numbers."""
    match = _BC_VALUE.match(value)
    if match is None:
        return value
    year = 1 - int(match.group(1))
    return (f"-{-year:04d}" if year < 0 else "0000") + value[match.end():]


def season_point(year: int, code: str) -> Point:
    """Build the point of a season code ("SP", "SU", "FA", "WI") in ``year``."""
    return Point("season", year, _SEASON_START[code])


def month_last_day(year: int, month: int) -> int:
    """Return the number of days of a month, proleptic Gregorian, any year."""
    return _last_day(year, month)

