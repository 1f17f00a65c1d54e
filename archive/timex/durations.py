"""Rules for durations and sets: "three days", "the past 4 years", "5 1/2 hours", "weekly"."""
from __future__ import annotations

import re
from typing import Callable

from archive.timex.lexicon import UNITS, word_to_int
from archive.timex.mention import Candidate, Resolved, plain
from archive.timex.patterns import APPROX, NUM, approx_code, compile_rule

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]

# TimeML duration letters; decades and centuries are written in years ("two decades" = P20Y).
_LETTER = {"S": ("T", "S", 1), "MIN": ("T", "M", 1), "H": ("T", "H", 1), "D": ("", "D", 1),
           "W": ("", "W", 1), "WE": ("", "D", 2), "FN": ("", "W", 2), "M": ("", "M", 1),
           "Q": ("", "Q", 1), "Y": ("", "Y", 1), "DE": ("", "Y", 10), "CE": ("", "Y", 100),
           "MI": ("", "Y", 1000)}
# Half a unit in the next smaller unit, for "5 1/2 hours" (PT5H30M) and "2 1/2 years" (P2Y6M).
_HALF = {"Y": ("M", 6), "M": ("D", 15), "W": ("D", 3.5), "D": ("H", 12), "H": ("M", 30), "MIN": ("S", 30)}
_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
              "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M"}


def unit_of(token: str) -> str | None:
    """Return the unit code of a unit word such as "weeks" or "centuries"."""
    token = token.lower()
    if token in ("centuries",):
        return "CE"
    return UNITS.get(token) or UNITS.get(token.rstrip("s")) or UNITS.get(token[:-1] if token.endswith("s") else token)


def duration_value(n: float | None, unit: str, half: bool = False) -> str:
    """Build a TimeML duration value such as "P4Y", "PT5H30M" or "PXD" (n None: unknown)."""
    t, letter, scale = _LETTER[unit]
    if n is None:
        return f"P{t}X{letter}"
    whole = n * scale
    text = f"P{t}{int(whole) if whole == int(whole) else whole}{letter}"
    if half and unit in _HALF:
        sub, amount = _HALF[unit]
        small_t = "T" if sub in ("H", "S") or (sub == "M" and unit in ("H", "MIN")) else ""
        if small_t and not t:
            text += f"T{amount}{sub}"
        else:
            text += f"{amount}{sub}"
    return text


def _duration(m: re.Match[str], text: str) -> Candidate | None:
    unit = unit_of(m.group("unit"))
    if unit is None or m.group("old"):
        return None  # ages ("a 6-year-old boy") are not times the text talks about
    if unit == "Q" and (m.group("unit").lower().endswith("s") and "-" in m.group(0) or re.match(r"\s+of\b", text[m.end():])):
        return None  # "three-quarters of the vote" is a fraction
    if unit == "S" and m.group("num").lower() in ("a", "an"):
        return None  # "a second attempt"
    raw = m.group("num").lower()
    half = bool(re.search(r"and\s+a\s+half|1/2", raw)) or bool(m.group("andhalf"))
    core = re.sub(r"\s+and\s+a\s+half|\s+1/2", "", raw)
    if core.startswith("half"):
        n = 0.5
    else:
        n = word_to_int(core) if not re.fullmatch(r"\d+\.\d+", core) else float(core)
    if n is None or n >= 1000:
        return None
    if n == 0.5 and unit in _HALF:
        sub, amount = _HALF[unit]
        unit_value = duration_value(amount, {"M": "M", "D": "D", "H": "H", "S": "S"}[sub] if sub != "M" or unit not in ("H", "MIN") else "MIN")
        value = unit_value
    else:
        value = duration_value(n, unit, half)
    mod = approx_code(m.group("approx"))
    start = m.start()
    if m.group("approx") and m.group("approx").lower() in _OUTSIDE:
        start = m.end("approx") + 1  # TimeBank leaves "about five hours" as "five hours" with mod APPROX
    if re.fullmatch(r"an?", core) and re.search(r"(?:\d|%|percent|million|billion|thousand|hundred|dozen|times|twice|once|thrice|[a-z]{2,}s)\s+$",
                                            text[max(0, start - 12):start]):
        return Candidate(start, m.end(), lambda ctx: Resolved(value, "SET"), 0)
    return Candidate(start, m.end(), lambda ctx: plain(value, "DURATION", mod), 0)


def _vague_duration(m: re.Match[str], text: str) -> Candidate | None:
    unit = unit_of(m.group("unit"))
    if unit is None:
        return None
    value = duration_value(None, unit)
    return Candidate(m.start(), m.end(), lambda ctx: plain(value, "DURATION"), 0)


def _set(m: re.Match[str], text: str) -> Candidate | None:
    word = m.group(0).lower()
    if m.group(0)[0].isupper() and m.start() > 0 and text[m.start() - 2:m.start()].strip() not in ("", ".", "\n"):
        return None  # "the Daily Telegraph"
    if word == "daily" and (re.match(r"\s+[A-Z]", text[m.end():m.end() + 3])
                            or re.search(r"(?:average|party|the|a)\s+$", text[max(0, m.start() - 10):m.start()], re.I)):
        return None  # "the Communist Party daily Granma", "average daily volume"
    value = _SET_WORDS.get(word)
    if value is None:
        unit = unit_of(m.group("unit"))
        if unit is None:
            return None
        value = duration_value(1, unit)
    return Candidate(m.start(), m.end(), lambda ctx: Resolved(value, "SET"), 0)


_OUTSIDE = frozenset({"about", "only", "just", "some", "around", "roughly", "approximately", "barely"})
_DUR_UNIT = (r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
             r"|years?|decades?|centuries|century|millenni(?:um|a)|yrs?|hrs?|mins?|secs?)")
_LEAD = (r"(?:(?P<the>the)\s+)?(?:(?P<dir>past|last|next|coming|first|previous|final|following|latest"
         r"|remaining|other|initial|same|year-earlier|further)\s+)?")

_WEEKDAY_NUM = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
_MONTH_NUM = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
              "september": 9, "october": 10, "november": 11, "december": 12}
_POD_CODE = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "mornings": "TMO",
             "afternoons": "TAF", "evenings": "TEV", "nights": "TNI"}


def _calendar_set(m: re.Match[str], text: str) -> Candidate | None:
    name = m.group("name")
    if not name[0].isupper():
        return None
    key = name.lower().rstrip("s") if name.lower().rstrip("s") in _WEEKDAY_NUM else name.lower()
    pod = _POD_CODE.get((m.group("pod") or "").lower(), "")
    if key in _WEEKDAY_NUM:
        value = f"XXXX-WXX-{_WEEKDAY_NUM[key]}{pod}"
    elif key in _MONTH_NUM:
        value = f"XXXX-{_MONTH_NUM[key]:02d}"
    else:
        return None
    return Candidate(m.start(), m.end(), lambda ctx: Resolved(value, "SET"), 1)


RULES: list[Rule] = [
    (compile_rule(r"(?P<each>every|each)\s+(?P<name>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January"
                  r"|February|March|April|May|June|July|August|September|October|November|December)"
                  r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
                  r"|(?P<name2>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"), lambda m, t: _calendar_set(_Named(m), t)),
    (compile_rule(r"(?P<name>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?P<pod>mornings|afternoons|evenings|nights)"),
     _calendar_set),
    (compile_rule(r"(?:" + APPROX + r"\s+)?" + _LEAD + NUM
                  + r"[- ](?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+|long\s+)?" + _DUR_UNIT
                  + r"(?:-long|(?P<old>-old|\s+old))?(?P<andhalf>\s+and\s+a\s+half)?(?:\s+or\s+so)?"), _duration),
    (compile_rule(r"(?:(?:the\s+)?(?:next|past|last|coming|first)\s+)?(?:several|a\s+few|few|a\s+couple\s+of|many)\s+"
                  + _DUR_UNIT), _vague_duration),
    (compile_rule(r"(?:(?<=for\s)|(?<=in\s)|(?<=over\s)|(?<=within\s)|(?<=took\s)|(?<=lasted\s))"
                  r"(?P<unit>years|months|weeks|decades|centuries|days|hours|minutes)"
                  r"(?=\s*[,.;:)]|\s+(?:now|and|or|to|before|after|in|on|at|of|ago|later|earlier|past)\b)"), _vague_duration),
    (compile_rule(r"daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|semiannually"
                  r"|(?:every|each|per)\s+" + _DUR_UNIT.replace("s?|", "|").replace("seconds?|", "") + r"|(?<=\d\s)a\s+(?P<unit2>year|month|week|day)"),
     lambda m, t: _set(_Unit(m), t)),
]


class _Unit:
    """Read the unit of a set from whichever alternative matched."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: object = 0) -> str:
        if name == "unit":
            return self._m.group("unit") or self._m.group("unit2") or ""
        return self._m.group(name)

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()


class _Named:
    """Read the calendar name of a set from whichever alternative matched."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: object = 0) -> str | None:
        if name == "name":
            return self._m.group("name") or self._m.group("name2")
        return self._m.groupdict().get(name) if isinstance(name, str) else self._m.group(name)

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()
