"""Rules for clock times: "3 p.m.", "10:35 a.m. EDT Thursday", "noon", "1930 hours", "this morning"."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Callable

from archive.timex.absolute import month_of
from archive.timex.calendar import Point, month_last_day
from archive.timex.lexicon import PARTS_OF_DAY, WEEKDAYS
from archive.timex.mention import Candidate, Context, Resolved, at
from archive.timex.patterns import compile_rule

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]
_DAY_WORD = (r"(?:\s*,?\s+(?:on\s+)?(?P<dayw>today|yesterday|tomorrow|tonight|Monday|Tuesday|Wednesday|Thursday"
             r"|Friday|Saturday|Sunday))?")
_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


# A date written right after a time gives its day: "at 10:30 am on 2019-03-04", "5:00 am on October 3, 1935".
_DATE_AFTER = re.compile(
    r"\s*,?\s*(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:the\s+)?(?:"
    r"(?P<iy>[12]\d{3})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"
    r"|(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[A-Z][a-z]+\.?)(?:\s*,?\s*(?P<y1>[12]\d{3}))?"
    r"|(?P<m2>[A-Z][a-z]+\.?)\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*,?\s*(?P<y2>[12]\d{3}))?)(?![\d:])")
# A date written right before it: "May 8 1:00AM", "on 27 December, at 19:15" (the date is resolved by then).
_AT_GAP = re.compile(r"\s*,?\s*(?:at\s+|from\s+|by\s+|until\s+)?", re.IGNORECASE)


def _date_after(ctx: Context, end: int) -> Point | None:
    m = _DATE_AFTER.match(ctx.text, end, end + 40)
    if m is None:
        return None
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    else:
        month = month_of(m.group("m1") or m.group("m2"))
        day = int(m.group("d1") or m.group("d2"))
        written = m.group("y1") or m.group("y2")
        story = ctx.story(end)
        year = int(written) if written else story.year if story else ctx.dct.year if ctx.dct else None
        if month is None or year is None:
            return None
    if not (1 <= month <= 12 and 1 <= day <= month_last_day(year, month)):
        return None
    return Point("day", year, month, day)


def day_of(ctx: Context, word: str | None, start: int, end: int) -> Point | None:
    """Return the day a time is on: the date written beside it, the named day near it, the day a story
    of the past has reached, or the publication day."""
    if not word:
        beside = _date_after(ctx, end)
        if beside is not None:
            return beside
        ref = ctx.ref
        if ref is not None and ref.gran == "day" and 0 <= start - ctx.ref_end <= 12 \
                and _AT_GAP.fullmatch(ctx.text, ctx.ref_end, start):
            return ref
        story = ctx.story(start)
        if story is not None and story.gran == "day":
            return story
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
