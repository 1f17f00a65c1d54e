"""Rules for clock times: "3 p.m.", "10:35 a.m. EDT Thursday", "noon", "1930 hours", "this morning"."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Callable

from archive.timex.calendar import Point
from archive.timex.lexicon import PARTS_OF_DAY, WEEKDAYS
from archive.timex.mention import Candidate, Context, Resolved, at
from archive.timex.patterns import compile_rule

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]
_DAY_WORD = (r"(?:\s*,?\s+(?:on\s+)?(?P<dayw>today|yesterday|tomorrow|tonight|Monday|Tuesday|Wednesday|Thursday"
             r"|Friday|Saturday|Sunday))?")
_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def day_of(ctx: Context, word: str | None, start: int, end: int) -> Point | None:
    """Return the day a time is on: the publication day, or the named day near it."""
    if ctx.dct is None:
        return None
    if not word:
        return Point.of_date(ctx.dct)
    low = word.lower()
    if low in _DAY_SHIFT:
        return Point.of_date(ctx.dct + timedelta(days=_DAY_SHIFT[low]))
    target, now = WEEKDAYS[low], ctx.dct.isoweekday()
    delta = (target - now) % 7 if ctx.future(start, end) else -((now - target) % 7)
    return Point.of_date(ctx.dct + timedelta(days=delta))


def _time_value(day: Point | None, clock: str) -> str:
    return (day.value if day else "XXXX-XX-XX") + "T" + clock


def _clock(m: re.Match[str], text: str) -> Candidate | None:
    hour = int(m.group("h"))
    minute = int(m.groupdict().get("mi") or 0)
    half = (m.groupdict().get("ap") or "").lower().replace(".", "").replace(" ", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    elif m.groupdict().get("hours"):
        hour, minute = divmod(int(m.group("mil")), 100)
    elif not m.groupdict().get("mi"):
        return None
    if hour > 23 or minute > 59:
        return None
    clock = f"{hour:02d}:{minute:02d}"
    day_word = m.groupdict().get("dayw")

    def resolve(ctx: Context) -> Resolved:
        day = day_of(ctx, day_word, m.start(), m.end())
        return Resolved(_time_value(day, clock), "TIME", None, None,
                        day.bounds[0] if day else None, day.bounds[1] if day else None)
    return Candidate(m.start(), m.end(), resolve, 1)


def _named_time(m: re.Match[str], text: str) -> Candidate | None:
    word = m.group("pod").lower()
    rel = (m.group("rel") or "").lower()
    code = {"noon": "12:00", "midnight": "24:00", "midday": "12:00"}.get(word) or PARTS_OF_DAY.get(word)
    if code is None:
        return None
    day_word = m.group("dayw") or {"this": "today", "last": "yesterday", "tomorrow": "tomorrow",
                                   "yesterday": "yesterday", "tonight": "today"}.get(rel)
    if rel == "last" and word != "night":
        return None
    if not rel and not m.group("dayw"):
        return None  # "morning" or "noon" alone says nothing about which day

    def resolve(ctx: Context) -> Resolved:
        day = day_of(ctx, day_word, m.start(), m.end())
        return Resolved(_time_value(day, code), "TIME", None, None,
                        day.bounds[0] if day else None, day.bounds[1] if day else None)
    return Candidate(m.start(), m.end(), resolve, 1)


def _next_part_of_day(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "the next morning", "the previous night" to the day after (before) the day just named."""
    step = -1 if m.group("rel").lower() in ("previous", "preceding") else 1

    def resolve(ctx: Context) -> Resolved:
        base = ctx.anchor()
        if base is None or base.gran != "day":
            return Resolved("XXXX-XX-XX", "DATE", "day")
        return at(base.shift(step, "D"))
    return Candidate(m.start(), m.end(), resolve, 1)


RULES: list[Rule] = [
    (compile_rule(r"(?P<h>[012]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am|pm)"
                  r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?" + _DAY_WORD), _clock),
    (compile_rule(r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!:\d|\.\d)(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?"
                  + _DAY_WORD), _clock),
    (compile_rule(r"(?P<mil>(?P<h>[01]\d|2[0-3])[0-5]\d)\s+(?P<hours>hours|hrs)(?:\s+(?:GMT|UTC|local\s+time))?"), _clock),
    (compile_rule(r"the\s+(?P<rel>next|following|previous|preceding)\s+(?:morning|afternoon|evening|night)"), _next_part_of_day),
    (compile_rule(r"(?:(?P<rel>this|last|tomorrow|yesterday|tonight)\s+)?(?P<pod>noon|midnight|midday|morning|afternoon"
                  r"|evening|night)" + _DAY_WORD), _named_time),
]
