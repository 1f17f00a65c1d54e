"""Dates written for a reader: "6 May 2006", "late 2006", "the 1990s", "153 BC"."""
from __future__ import annotations

import calendar
import re

Day = tuple[int, int, int]
SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
PREFIX = {"approximate": "around ", "early": "early ", "mid": "mid-", "late": "late ",
          "before": "before ", "after": "after ", "until": "until ", "since": "since "}


def year_label(year: int) -> str:
    """Write an astronomical year for a reader: 0 is 1 BC, -152 is 153 BC."""
    return str(year) if year > 0 else f"{1 - year} BC"


# "2013", "-499" (astronomical: 0 is 1 BC), "500 BC", "500 BCE", "AD 79", "79 AD", "79 CE".
_TYPED_YEAR = re.compile(r"^\s*(?:AD\s*)?(?P<year>[-+]?\d+)\s*(?P<era>BCE?|B\.C\.|AD|CE)?\s*$", re.IGNORECASE)


def parse_year(text: str) -> int:
    """Read a typed year as an astronomical one: "500 BC" is -499, as ``year_label`` writes it.

    :raises ValueError: for text that is not a year.
    """
    match = _TYPED_YEAR.match(text)
    era = (match["era"] or "").upper().replace(".", "") if match else ""
    if not match or (era.startswith("B") and (match["year"][0] in "-+" or int(match["year"]) == 0)):
        raise ValueError(f"'{text[:40]}' is not a year such as 2013, 500 BC or -499")
    value = int(match["year"])
    return 1 - value if era.startswith("B") else value


def plural(number: int, noun: str) -> str:
    """Write a count with its noun: "1 event", "1,084 articles"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def year_span(first: int, last: int) -> str:
    """Write a span of years: "1987" when it is one year, else "1987–1990"."""
    return year_label(first) if first == last else f"{year_label(first)}–{year_label(last)}"


def date_label(earliest: Day, latest: Day, precision: str, modifier: str | None = None) -> str:
    """Return the date of an event as precisely as it is known, with its modifier."""
    year, month, day = earliest
    if earliest[0] != latest[0] and precision == "year":
        text = f"{year_label(year)}–{year_label(latest[0])}"
    elif precision == "day" and earliest != latest:
        text = _day_range(earliest, latest)  # "6–9 March 1921", "31 May – 1 June 1916"
    elif precision == "day":
        text = f"{day} {calendar.month_name[month]} {year_label(year)}"
    elif precision == "month" and earliest[:2] != latest[:2]:
        first, last = calendar.month_name[month], calendar.month_name[latest[1]]
        text = (f"{first}–{last} {year_label(year)}" if year == latest[0]
                else f"{first} {year_label(year)} – {last} {year_label(latest[0])}")
    elif precision == "month":
        text = f"{calendar.month_name[month]} {year_label(year)}"
    elif precision == "quarter":
        text = f"Q{(month - 1) // 3 + 1} {year_label(year)}"
    elif precision == "half":
        text = f"{'first' if month <= 6 else 'second'} half of {year_label(year)}"
    elif precision == "season":
        text = f"{SEASONS.get(month, 'season')} {year_label(year)}"
    elif precision == "week":
        text = f"week of {day} {calendar.month_name[month]} {year_label(year)}"
    elif precision == "decade" and year > 0:
        decade = f"{year - year % 10}s"
        if modifier in ("early", "mid", "late"):
            return f"the {PREFIX[modifier]}{decade}"
        text = f"the {decade}"
    elif precision == "century":
        text = f"the {_ordinal((year - 1) // 100 + 1)} century" if year > 0 else f"{year_label(year)} century"
    else:
        text = year_label(year)
    return PREFIX.get(modifier or "", "") + text


def _day_range(earliest: Day, latest: Day) -> str:
    (y1, m1, d1), (y2, m2, d2) = earliest, latest
    if (y1, m1) == (y2, m2):
        return f"{d1}–{d2} {calendar.month_name[m1]} {year_label(y1)}"
    if y1 == y2:
        return f"{d1} {calendar.month_name[m1]} – {d2} {calendar.month_name[m2]} {year_label(y1)}"
    return f"{d1} {calendar.month_name[m1]} {year_label(y1)} – {d2} {calendar.month_name[m2]} {year_label(y2)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
