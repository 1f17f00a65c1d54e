"""Rules for dates the text spells out in full: days, months, years, decades, centuries."""
from __future__ import annotations

import re
from typing import Callable

from archive.timex.calendar import Point, month_last_day, season_point
from archive.timex.filters import looks_like_year
from archive.timex.market import dated_level
from archive.timex.lexicon import MONTHS, ORDINALS, SEASONS, spelled_year
from archive.timex.mention import Candidate, Context, Resolved, at
from archive.timex.patterns import (
    DAY, MOD, MONTH, ORD, SEASON, SHORT_YEAR, WEEKDAY_PREFIX, YEAR, YEAR2, compile_rule, mod_code,
)

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]


def month_of(token: str | None) -> int | None:
    """Return the month number of a (capitalised) month name or abbreviation."""
    if not token or not token[0].isupper():
        return None  # "may" and "march" in lower case are a verb
    return MONTHS.get(token.lower().rstrip("."))


def _year(m: re.Match[str]) -> int:
    if m.groupdict().get("year"):
        return int(m.group("year"))
    short = int(m.group("syear"))
    return 1900 + short if short >= 30 else 2000 + short


def _fixed(m: re.Match[str], point: Point, mod: str | None = None, *, last: Point | None = None,
           group: str | None = None, priority: int = 0) -> Candidate:
    start, end = m.span(group) if group and m.group(group) else m.span()
    resolved = at(point, mod, last=last)
    return Candidate(start, end, lambda ctx: resolved, priority)


def _full_date(m: re.Match[str], text: str) -> Candidate | None:
    month, day, year = month_of(m.group("mon")), int(m.group("day")), _year(m)
    if month is None or day > month_last_day(year, month):
        return None
    return _fixed(m, Point("day", year, month, day), priority=3)


def _iso_date(m: re.Match[str], text: str) -> Candidate | None:
    if m.group("us"):
        month, day = int(m.group("um")), int(m.group("ud"))
        year = int(m.group("uy")) if len(m.group("uy")) == 4 else _year2(int(m.group("uy")))
    else:
        year, month, day = int(m.group("year")), int(m.group("m")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= month_last_day(year, month)):
        return None
    return _fixed(m, Point("day", year, month, day), priority=3)


def _year2(short: int) -> int:
    return 1900 + short if short >= 30 else 2000 + short


def _month_year(m: re.Match[str], text: str) -> Candidate | None:
    month = month_of(m.group("mon"))
    if month is None:
        return None
    return _fixed(m, Point("month", _year(m), month), mod_code(m.group("mod")), priority=2)


def _year_rule(m: re.Match[str], text: str) -> Candidate | None:
    start, end = m.span("year")
    year = int(m.group("year"))
    mod = mod_code(m.group("mod"))
    if not m.group("mod") and not m.group("pre") and not looks_like_year(text, start, end):
        return None
    if m.group("pre"):
        mod = "AFTER" if m.group("pre").lower().startswith("post") else "BEFORE"
    if m.group("approx"):
        mod = "APPROX"
        if not looks_like_year(text, start, end) and not m.group("mod"):
            return None  # "about 2000 soldiers"
    if not m.group("mod") and dated_level(text, start, end) and _PRICE_BASE.match(text, end):
        # "in 1981 prices", "at 1986 levels" qualify a figure: they move neither the story nor the reference
        resolved = at(Point("year", year), mod, anchor=False)
        return Candidate(m.start(), m.end(), lambda ctx: resolved)
    return _fixed(m, Point("year", year), mod)


# "in 1981 prices", "1980 dollars", "at 1986 levels": a base year of figures, not a time the text is telling.
_PRICE_BASE = re.compile(r"\s+(?:prices|rates|terms|levels?|figures|dollars?|dlrs|pounds|marks|francs|yen|lire)\b", re.IGNORECASE)


def _chronology_year(m: re.Match[str], text: str) -> Candidate | None:
    return _fixed(m, Point("year", int(m.group("year"))), group="year")


def _spelled_year(m: re.Match[str], text: str) -> Candidate | None:
    year = spelled_year(m.group("words"))
    if year is None or not 1000 <= year <= 2099:
        return None
    month = month_of(m.group("mon"))
    point = Point("month", year, month) if month else Point("year", year)
    return _fixed(m, point)


def _spelled_season(m: re.Match[str], text: str) -> Candidate | None:
    year = spelled_year(m.group("words"))
    if year is None or not 1000 <= year <= 2099:
        return None
    code = SEASONS[m.group("season").lower()]
    return _fixed(m, season_point(year, code), mod_code(m.group("mod")), priority=2)


def _decade(m: re.Match[str], text: str) -> Candidate | None:
    if m.group("dec"):
        year = int(m.group("dec"))
    elif m.group("sdec"):
        short = int(m.group("sdec"))
        year = 1900 + short if short >= 20 else 2000 + short
    else:
        return None
    return _fixed(m, Point("decade", year), mod_code(m.group("mod")), priority=1)


_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80, "nineties": 90}


def _decade_word(m: re.Match[str], text: str) -> Candidate | None:
    year = 1900 + _DECADE_WORDS[m.group("dw").lower()]
    return _fixed(m, Point("decade", year), mod_code(m.group("mod")), priority=1)


def _century(m: re.Match[str], text: str) -> Candidate | None:
    token = m.group("cent").lower()
    number = int(re.sub(r"\D", "", token)) if token[0].isdigit() else ORDINALS.get(token.replace(" ", "-"))
    if not number or number < 1:
        return None
    mod = mod_code(m.group("mod"))
    if m.group("bc"):
        # "the 1st century BC" is 100 BC to 1 BC; TimeML numbers centuries BC as it does the common era: BC00.
        value = f"BC{number - 1:02d}"
        resolved = Resolved(value, "DATE", "century", mod, (1 - number * 100, 1, 1), (-(number - 1) * 100, 12, 31))
        return Candidate(m.start(), m.end(), lambda ctx: resolved)
    return _fixed(m, Point("century", (number - 1) * 100), mod)


def _era(m: re.Match[str], text: str) -> Candidate | None:
    number = int(m.group("n") or m.group("n2") or m.group("n3"))
    year = 1 - number if m.group("bc") else number
    return _fixed(m, Point("year", year), priority=2)


def _part_of_year(m: re.Match[str], text: str) -> Candidate | None:
    year = _year(m)
    if m.groupdict().get("season"):
        code = SEASONS[m.group("season").lower()]
        return _fixed(m, season_point(year, code), mod_code(m.group("mod")), priority=2)
    token = (m.groupdict().get("q") or m.groupdict().get("ord") or "").lower()
    n = int(token) if token.isdigit() else ORDINALS.get(token, 0) if token else 0
    n = n or int(m.groupdict().get("qn") or 0)
    if m.groupdict().get("half"):
        n = 2 if n == -1 else n
        return _fixed(m, Point("half", year, 1 if n == 1 else 7), priority=2) if n in (1, 2) else None
    n = 4 if n == -1 else n
    if not 1 <= n <= 4:
        return None
    return _fixed(m, Point("quarter", year, 3 * n - 2), priority=2)


def _year_period(m: re.Match[str], text: str) -> Candidate | None:
    year = int(m.group("year"))

    def resolve(ctx: Context) -> Resolved:
        ref = ctx.quarter_ref(m.start()) or ctx.ref
        if ref is not None and ref.gran in ("quarter", "half", "day", "month"):
            # "the 1988 period" of an earnings report is the quarter under discussion, in 1988.
            quarter = ref.coarsen("quarter")
            return at(Point("quarter", year, quarter.month), anchor=False)
        return at(Point("quarter" if m.group("what").lower() == "quarter" else "year", year), anchor=False) if \
            m.group("what").lower() != "quarter" else Resolved("%04d-QX" % year, "DATE", "quarter")
    return Candidate(m.start(), m.end(), resolve, 2)


def _fiscal(m: re.Match[str], text: str) -> Candidate | None:
    token = m.group("fy")
    year = int(token) if len(token) == 4 else _year2(int(token))
    return _fixed(m, Point("year", year), priority=1)


def _year_end(m: re.Match[str], text: str) -> Candidate | None:
    return _fixed(m, Point("year", int(m.group("year") or m.group("year3"))), "END", priority=2)


_SPELLED = (r"(?P<words>(?:nineteen|eighteen|seventeen|sixteen|fifteen|twenty)[- ](?:hundred(?:\s+and\s+\w+)?|"
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
            r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
            r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
            r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four|five))?))?)")
_CENT = (r"(?P<cent>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
         r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
         r"|twentieth|twenty[- ]first|twenty[- ]second)")
_YEAR_OR_SHORT = r"(?:" + YEAR + r"|" + SHORT_YEAR + r")"
_MODS = r"(?:" + MOD + r"(?:\s+of)?[- ]?(?:the\s+)?)?"

RULES: list[Rule] = [
    (compile_rule(WEEKDAY_PREFIX + MONTH + r"\s*" + DAY + r"(?:\s*,\s*|\s+)" + _YEAR_OR_SHORT), _full_date),
    (compile_rule(WEEKDAY_PREFIX + DAY + r"(?:\s+of)?\s+" + MONTH + r"\s*,?\s*" + _YEAR_OR_SHORT), _full_date),
    (compile_rule(r"(?P<year>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T[\d:]+Z?)?"
                  r"|(?P<us>(?P<um>1[0-2]|0?[1-9])/(?P<ud>3[01]|[12]\d|0?[1-9])/(?P<uy>[12]\d{3}|\d{2}))"), _iso_date),
    (compile_rule(r"(?:" + MOD + r"[- ]?(?:of\s+)?)?" + MONTH + r"\s*,?\s+(?:of\s+)?" + _YEAR_OR_SHORT), _month_year),
    (compile_rule(r"(?:(?P<approx>around|about|circa|c\.|ca\.|approximately|roughly)\s+)?(?:" + MOD
                  + r"(?:\s+of)?(?:\s+|-))?(?:(?P<pre>pre|post)-)?(?:the\s+year\s+)?" + YEAR), _year_rule),
    (compile_rule(r"(?:the\s+year\s+)?(?:" + MONTH + r"\s+)?" + _SPELLED
                  + r"(?!\s+(?:years?|days?|months?|weeks?|hours?|people|dollars|times|miles|of)\b)"), _spelled_year),
    (compile_rule(r"(?:the\s+)?(?:" + MOD + r"(?:\s+of\s+the)?[- ]?)?(?:(?P<dec>1\d{2}0|20[0-9]0)'?s|'(?P<sdec>\d0)s)"), _decade),
    (compile_rule(r"the\s+(?:" + MOD + r"[- ])?(?:nineteen[- ])?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies"
                  r"|eighties|nineties)"), _decade_word),
    (compile_rule(r"(?:the\s+)?(?:" + MOD + r"(?:\s+of\s+the)?[- ]?)?" + _CENT + r"[- ]century(?:\s+(?P<bc>BC|B\.C\.?|BCE))?"),
     _century),
    (re.compile(r"(?<![\w.])(?:(?P<n>\d{1,4})\s*(?P<bc>BC|B\.C\.E\.|B\.C\.?|BCE)|(?P<n2>\d{1,4})\s*(?:AD|A\.D\.|CE|C\.E\.)"
                r"|(?:AD|A\.D\.)\s*(?P<n3>\d{1,4}))(?![\w])"), _era),
    (compile_rule(r"(?:the\s+)?" + _MODS + SEASON + r"(?:\s+of)?\s*,?\s+" + _YEAR_OR_SHORT), _part_of_year),
    (compile_rule(r"(?:the\s+)?" + _MODS + SEASON + r"(?:\s+of)?\s*,?\s+" + _SPELLED), _spelled_season),
    (compile_rule(r"(?:the\s+)?" + ORD + r"[- ](?:fiscal[- ])?(?:(?P<half>half)|quarter)(?:\s+of)?\s*,?\s+"
                  r"(?:fiscal\s+(?:year\s+)?)?" + _YEAR_OR_SHORT), _part_of_year),
    (compile_rule(r"(?:the\s+)?" + YEAR + r"\s+(?:fiscal\s+)?" + ORD + r"[- ](?:fiscal[- ])?(?:(?P<half>half)|quarter)"), _part_of_year),
    (compile_rule(r"the\s+" + YEAR + r"\s+(?P<what>period|quarter)"), _year_period),
    (compile_rule(r"Q(?P<q>[1-4])\s*(?:of\s+)?" + _YEAR_OR_SHORT), _part_of_year),
    (compile_rule(r"(?P<year>[12]\d{3})\s*-?\s*Q(?P<qn>[1-4])"), _part_of_year),
    (compile_rule(r"(?:fiscal(?:\s+year)?\s*|FY\s*'?)(?P<fy>[12]\d{3}|\d{2})"), _fiscal),
    # "at 1986 year end": the end of that year, not of the year "year end" alone would name.
    (compile_rule(YEAR + r"\s+year[- ]?end|" + YEAR.replace("<year>", "<year3>") + r"\s+yearend"), _year_end),
    # A chronology, one line per year: "193: The Senate chooses Pertinax." (numbered lists stop below 100).
    (re.compile(r"^[ \t]*(?P<year>[1-9]\d{2,3})(?=:[ \t]+[A-Z])", re.MULTILINE), _chronology_year),
]
