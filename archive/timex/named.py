"""Rules for named days and months without a year: "Friday", "Sept. 30", "last April", "Q3"."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from archive.timex.absolute import month_of
from archive.timex.calendar import Point, month_last_day
from archive.timex.lexicon import ORDINALS, WEEKDAYS
from archive.timex.mention import Candidate, Context, Resolved, at
from archive.timex.patterns import DAY, MONTH, WEEKDAY, WEEKDAY_PREFIX, compile_rule, mod_code
from archive.timex.resolve import today, unknown

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]
_POD = r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
_REL = (r"(?:(?P<rel>last|next|this|coming|past|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of"
        r"|the\s+start\s+of)[- ]\s*)?")
_WD_REL = r"(?:(?P<rel>last|next|this|coming|past|(?<=the\s)previous|(?<=the\s)preceding|(?<=the\s)following)\s+)?"


def _year_for(ctx: Context, month: int, day: int, rel: str, tense: str | None) -> int | None:
    """Pick the year of a month (and day) by the tense around it and the publication date."""
    now = ctx.dct
    if now is None:
        return None
    here, there = (now.month, now.day), (month, day)
    if rel == "last" or rel == "past":
        return now.year if there < here and month != now.month else now.year - 1
    if rel in ("next", "coming"):
        return now.year if there > here and month != now.month else now.year + 1
    if rel == "this":
        return now.year
    if tense == "future":
        return now.year + 1 if there < here and month != now.month else now.year
    # Without a clue, news speaks of the nearest such day: "March 6" in January is this year's.
    distance = (month - now.month) % 12
    if distance == 0 or month == now.month:
        return now.year
    return now.year + 1 if distance <= 2 and month < now.month else now.year if distance <= 2 else (
        now.year - 1 if month > now.month else now.year)


def _weekday(m: re.Match[str], text: str) -> Candidate | None:
    token = m.group("wd")
    if not token[0].isupper():
        return None
    target = WEEKDAYS[token.lower()]
    rel = (m.group("rel") or "").lower()

    pod = (m.group("pod") or "").lower()

    def resolve(ctx: Context) -> Resolved:
        if rel in ("previous", "preceding", "following"):
            # "the previous Friday" counts from the day the text is talking about.
            if ctx.ref is None or ctx.ref.gran != "day":
                return unknown("day")
            ref = date(ctx.ref.year, ctx.ref.month, ctx.ref.day)
            if rel == "following":
                step = (target - ref.isoweekday()) % 7 or 7
            else:
                step = -((ref.isoweekday() - target) % 7 or 7)
            return at(Point.of_date(ref + timedelta(days=step)))
        if ctx.dct is None:
            return unknown("day")
        now = ctx.dct.isoweekday()
        if rel in ("next", "coming"):
            delta = (target - now) % 7 or 7
        elif rel in ("last", "past"):
            delta = -((now - target) % 7 or 7)
        elif rel == "this" or ctx.future(m.start(), m.end()):
            delta = (target - now) % 7
        else:
            delta = -((now - target) % 7)
        # TimeBank files "Tuesday morning" and "Friday night" under the day itself (a DATE), so the
        # part of the day stays in the extent but not in the value; "evening" alone it writes as the
        # TimeML part of day ("2000-03-29TEV"), still a DATE.
        day = at(Point.of_date(ctx.dct + timedelta(days=delta)))
        if pod == "evening":
            return Resolved(day.value + "TEV", "DATE", "day", None, day.earliest, day.latest, day.anchor)
        return day
    return Candidate(m.start(), m.end(), resolve)


def _month_day(m: re.Match[str], text: str) -> Candidate | None:
    month = month_of(m.group("mon"))
    if month is None:
        return None
    day = int(m.group("day"))
    if day > month_last_day(2000, month):
        return None

    def resolve(ctx: Context) -> Resolved:
        tense = ctx.tense(m.start(), m.end())
        if tense != "future" and ctx.ref is not None and ctx.ref.gran in ("year", "month") and ctx.same_sentence(ctx.ref_end, m.start()):
            year = ctx.ref.year  # "In 1989, ... on Nov. 9"
            if ctx.ref.gran == "month" and abs(month - ctx.ref.month) > 6:
                year += 1 if month < ctx.ref.month else -1  # "in January ... of record Dec. 21": the nearer December
            if day <= month_last_day(year, month):
                return at(Point("day", year, month, day))
        year = _year_for(ctx, month, day, "", tense)
        if year is None:
            return Resolved(f"XXXX-{month:02d}-{day:02d}", "DATE", "day")
        if day > month_last_day(year, month):
            return unknown("day")
        return at(Point("day", year, month, day))
    return Candidate(m.start(), m.end(), resolve, 2)


def _month(m: re.Match[str], text: str) -> Candidate | None:
    month = month_of(m.group("mon"))
    rel = (m.group("rel") or "").lower()
    prev = text[max(0, m.start() - 12):m.start()].lower()
    if month is None:
        return None
    token = m.group("mon")
    if len(token.rstrip(".")) <= 4 and not token.endswith(".") and token.lower() not in ("may", "june", "july"):
        return None  # "Jan Kavan": a bare abbreviation without a period is a name
    if month in (3, 5) and not rel and not m.group("mon").endswith(".") and not re.search(
            r"\b(?:in|of|since|until|till|by|from|through|during|early|late|mid|last|next|this|before|after|the)\s+$", prev):
        return None  # "May" and "March" alone are too often a verb, a name or a word of a title
    mod = mod_code(rel)
    suffix = (m.group("yrel") or "").lower()

    def resolve(ctx: Context) -> Resolved:
        if ctx.dct is None:
            return Resolved(f"XXXX-{month:02d}", "DATE", "month", mod)
        if suffix:
            year = ctx.dct.year + {"last": -1, "next": 1}.get(suffix.split()[0], 0)
        elif (ctx.ref is not None and ctx.ref.gran == "year" and ctx.same_sentence(ctx.ref_end, m.start())
              and not ctx.future(m.start(), m.end())):
            year = ctx.ref.year  # "In 1998, ... in November" stays in the year just named
        else:
            year = _year_for(ctx, month, 15, rel, ctx.tense(m.start(), m.end()))
        return at(Point("month", year, month), mod)
    return Candidate(m.start(), m.end(), resolve, 1)


def _quarter(m: re.Match[str], text: str) -> Candidate | None:
    words = (m.group("pre") or "").lower()
    token = (m.group("ord") or "").lower()
    half = m.group("what").lower() == "half"
    if m.group("what").lower() == "period" and not re.search(r"latest|current|most\s+recent", words):
        return None  # only "the latest period" names a reporting quarter by itself
    number = int(token[0]) if token[:1].isdigit() else ORDINALS.get(token, 0)
    if not number and not words and not m.group("the"):
        return None

    def resolve(ctx: Context) -> Resolved:
        now = today(ctx, "half" if half else "quarter")
        if now is None:
            return unknown("half" if half else "quarter")
        size = 6 if half else 3
        if number > 0:
            point = Point(now.gran, now.year, size * (number - 1) + 1)
        elif number == -1:
            point = now.shift(-1, "M" if False else ("H" if half else "Q"))
        elif re.search(r"current|this", words) and "year" not in words:
            point = now
        elif re.search(r"next|coming|following", words):
            point = now.shift(1, "H" if half else "Q")
        else:
            point = now.shift(-1, "H" if half else "Q")  # "the quarter", "the latest quarter": the last one reported
        if "next year" in words:
            point = point.shift(1, "Y")
        elif m.group("ago") or re.search(r"year[- ](?:ago|earlier)|last\s+year|comparable|prior[- ]year|previous\s+year", words):
            point = (ctx.ref if ctx.ref is not None and ctx.ref.gran == point.gran else point).shift(-1, "Y")
        return at(point)
    return Candidate(m.start(), m.end(), resolve, 1)


_QPRE = (r"(?:(?:current|latest|last|previous|past|next|coming|year-ago|year-earlier|comparable|same|recent|prior"
         r"|most\s+recent|this\s+year's|last\s+year's|next\s+year's|year-before|prior-year|fiscal|calendar|just-ended|just\s+ended"
         r"|the\s+year-ago|the\s+year-earlier)[- ]+)*")

RULES: list[Rule] = [
    (compile_rule(_WD_REL + WEEKDAY + _POD), _weekday),
    (compile_rule(WEEKDAY_PREFIX + MONTH + r"\s*" + DAY + r"(?!\s*,?\s*\d)(?!:\d)"), _month_day),
    (compile_rule(r"(?:the\s+)?" + DAY + r"(?:\s+of)?\s+" + MONTH + r"(?!\s*,?\s*\d)"), _month_day),
    (compile_rule(_REL + MONTH + r"(?:\s+(?P<yrel>last\s+year|this\s+year|next\s+year))?(?!\s*,?\s*\d)"), _month),
    (compile_rule(r"(?P<the>the\s+)?(?P<pre>" + _QPRE + r")(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)"
                  r"[- ](?:fiscal[- ])?)?(?P<what>quarter|half|period)(?P<ago>\s+a\s+year\s+(?:ago|earlier))?(?![\w-])"
                  r"(?!\s+of\s+(?:the|a|an|its|their|his|her|all|them|those|these|it|that|this|every|each)\b)"
                  r"(?!\s+(?:a\s+century|an?\s+hour|past|to|mile|point|percent)\b)"),
     _quarter),
]
