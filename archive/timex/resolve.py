"""Helpers that turn a relative expression into a value against the publication date."""
from __future__ import annotations

from archive.timex.calendar import Point
from archive.timex.mention import Context, Resolved, at

UNIT_GRAN = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "H": "half",
    "DE": "decade", "CE": "century", "MI": "millennium", "WE": "week", "FN": "week",
}
_UNKNOWN = {
    "year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX", "quarter": "XXXX-QX",
    "half": "XXXX-HX", "season": "XXXX-XX", "decade": "XXX", "century": "XX", "millennium": "X",
}


def unknown(gran: str, type_: str = "DATE", mod: str | None = None) -> Resolved:
    """Resolve to a value with unknown digits, for a relative date with no publication date."""
    return Resolved(_UNKNOWN.get(gran, "XXXX-XX-XX"), type_, gran, mod)


def today(ctx: Context, gran: str = "day") -> Point | None:
    """Return the publication date at granularity ``gran``, or None when it is not known."""
    return Point.of_date(ctx.dct, gran) if ctx.dct else None


def shifted(ctx: Context, n: int, unit: str, gran: str | None = None, mod: str | None = None,
            base: Point | None = None, weekend: bool = False) -> Resolved:
    """Resolve "n units from the publication date" (or from ``base``) at granularity ``gran``."""
    gran = gran or UNIT_GRAN[unit]
    origin = base or today(ctx, "day")
    if origin is None:
        return unknown(gran, mod=mod)
    if not _finer_or_equal(origin.gran, gran):
        return unknown(gran, mod=mod)  # "the following month" after "in 2004" names no month we know
    point = origin.coarsen(gran)
    if n:
        try:
            point = point.shift(n, unit)
        except (OverflowError, ValueError):
            return unknown(gran, mod=mod)  # "10,000 weeks later" leaves the calendar datetime knows
    result = at(point, mod)
    if weekend and point.gran == "week":
        return Resolved(point.value + "-WE", "DATE", "week", mod, result.earliest, result.latest, point)
    return result


def _finer_or_equal(have: str, want: str) -> bool:
    order = ("millennium", "century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
    if want == "week":
        return have == "day" or have == "week"
    if have == "week":
        return want not in ("day",)
    return order.index(have) >= order.index(want)
