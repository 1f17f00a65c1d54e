"""Rules for named days and months without a year: "Friday", "Sept. 30", "last April", "Q3"."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from archive.timex.absolute import month_of
from archive.timex.calendar import Point, month_last_day
from archive.timex.lexicon import ORDINALS, WEEKDAYS
from archive.timex.mention import OWN_RESULT, Candidate, Context, Resolved, at
from archive.timex.patterns import DAY, DAY2, MONTH, WEEKDAY, WEEKDAY_PREFIX, YEAR, compile_rule, mod_code
from archive.timex.resolve import today, unknown

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]
_POD = r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"
_REL = (r"(?:(?P<rel>last|next|this|coming|past|early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of"
        r"|the\s+start\s+of)[- ]\s*)?")
_WD_REL = r"(?:(?P<rel>last|next|this|coming|past|(?<=the\s)previous|(?<=the\s)preceding|(?<=the\s)following)\s+)?"


_YEAR_SUFFIX = re.compile(r"\s*,?\s+(last|this|next)\s+year\b", re.IGNORECASE)


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


def story_year(story: Point, month: int) -> int:
    """Return the year of a month a story has reached: the story's own year."""
    return story.year


# The far end of a pair of dates that gives the year of both: "31 May-1 June 1916", "August and
# September 1914", "from May 15 to August 16, 1988", "(February-March 1794)".
_PAIR_END = re.compile(
    r"\s*(?:-|–|—|to|until|till|through|and|or)\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)\s*(?:\d{1,2}(?:st|nd|rd|th)?)?)?"
    r"\s*,?\s+(?P<year>[12]\d{3})(?![\d,.]\d)")


def pair_year(text: str, end: int, month: int) -> int | None:
    """Return the year written at the far end of a pair that starts with a bare date ending at ``end``."""
    match = _PAIR_END.match(text, end, end + 40)
    if match is None:
        return None
    later = re.search(r"[A-Z][a-z]+", match.group(0))
    year = int(match.group("year"))
    end_month = month_of(later.group(0)) if later else None
    # "November 15 to February 15, 1989": the first month lies in the year before.
    return year - 1 if end_month is not None and end_month < month else year


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
    suffix = _YEAR_SUFFIX.match(text, m.end())
    this_year = {"last": -1, "this": 0, "next": 1}[suffix.group(1).lower()] if suffix else None

    def resolve(ctx: Context) -> Resolved:
        plan = ctx.planned(m.start())
        tense = "future" if plan else ctx.tense(m.start(), m.end())
        ref = ctx.sentence_year(m.start()) if tense != "future" and this_year is None else None
        if ref is not None:
            year = ref.year  # "In 1989, ... on Nov. 9"
            if ref.gran == "month" and abs(month - ref.month) > 6:
                year += 1 if month < ref.month else -1  # "in January ... of record Dec. 21": the nearer December
            if day <= month_last_day(year, month):
                return at(Point("day", year, month, day))
        story = None if plan else ctx.story(m.start())
        year = pair_year(text, m.end(), month)
        if this_year is not None and ctx.dct is not None:
            year = ctx.dct.year + this_year  # "December 31 this year", "March 5 next year"
        if year is None:
            year = story_year(story, month) if story is not None else _year_for(ctx, month, day, "", tense)
        if year is None:
            return Resolved(f"XXXX-{month:02d}-{day:02d}", "DATE", "day")
        if day > month_last_day(year, month):
            return unknown("day")
        return at(Point("day", year, month, day))
    return Candidate(m.start(), m.end(), resolve, 2)


def _day_beside(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "the day before last Tuesday" and "the day after Friday" from the weekday they name."""
    inner = _weekday(m, text)
    if inner is None:
        return None
    step = -1 if m.group("side").lower() == "before" else 1

    def resolve(ctx: Context) -> Resolved | None:
        r = inner.resolve(ctx)
        if r is None or r.anchor is None or r.anchor.gran != "day":
            return unknown("day") if r is not None else None
        return at(r.anchor.shift(step, "D"))
    return Candidate(m.start(), m.end(), resolve, 2)


def _second_day(m: re.Match[str], text: str) -> Candidate | None:
    """Tag the bare second day of "April 24 and 25": the same month as the first (TimeML tags both)."""
    first = _month_day(m, text)
    day2 = int(m.group("day2"))
    if first is None or day2 <= int(m.group("day")):
        return None
    month = month_of(m.group("mon"))

    def resolve(ctx: Context) -> Resolved | None:
        r = first.resolve(ctx)
        point = r.anchor if r is not None else None
        if point is None or point.gran != "day" or month is None:
            return Resolved(f"XXXX-{month or 0:02d}-{day2:02d}", "DATE", "day")
        if day2 > month_last_day(point.year, point.month):
            return None
        return at(Point("day", point.year, point.month, day2))
    start, end = m.span("day2")
    return Candidate(start, end, resolve, 2)


def _week_of(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "the week of March 6" to the ISO week holding that day."""
    month = month_of(m.group("mon"))
    if month is None:
        return None
    day = int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
        if day > month_last_day(year, month):
            return None
        fixed = at(Point("day", year, month, day))
        return Candidate(m.start(), m.end(), lambda ctx: _week_around(fixed), 3)
    inner = _month_day(m, text)
    if inner is None:
        return None
    return Candidate(m.start(), m.end(), lambda ctx: _week_around(inner.resolve(ctx)), 3)


def _week_around(r: Resolved | None) -> Resolved | None:
    if r is None or r.anchor is None or r.anchor.gran != "day":
        return Resolved("XXXX-WXX", "DATE", "week") if r is not None else None
    return at(r.anchor.coarsen("week"))


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
        plan = ctx.planned(m.start())
        story = ctx.story(m.start()) if not plan and not suffix and rel not in ("last", "next", "this", "coming", "past") else None
        paired = pair_year(text, m.end(), month) if not suffix else None
        if paired is not None:
            return at(Point("month", paired, month), mod)
        if story is not None:
            return at(Point("month", story_year(story, month), month), mod)
        if ctx.dct is None:
            return Resolved(f"XXXX-{month:02d}", "DATE", "month", mod)
        if suffix:
            year = ctx.dct.year + {"last": -1, "next": 1}.get(suffix.split()[0], 0)
        elif ((ref := ctx.sentence_year(m.start())) is not None and ref.gran == "year"
              and not ctx.future(m.start(), m.end())):
            year = ref.year  # "In 1998, ... in November" stays in the year just named
        else:
            year = _year_for(ctx, month, 15, rel, "future" if plan else ctx.tense(m.start(), m.end()))
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
    # "This quarter's loss" in an earnings report is the quarter reported, not the calendar one under way.
    this_result = words.strip() == "this" and bool(OWN_RESULT.match(text, m.end()))

    def resolve(ctx: Context) -> Resolved:
        now = today(ctx, "half" if half else "quarter")
        if now is None:
            return unknown("half" if half else "quarter")
        size = 6 if half else 3
        if number > 0:
            point = Point(now.gran, now.year, size * (number - 1) + 1)
        elif number == -1:
            point = now.shift(-1, "M" if False else ("H" if half else "Q"))
        elif re.search(r"current|this", words) and "year" not in words and not this_result:
            point = now
        elif re.search(r"next|coming|following", words):
            point = now.shift(1, "H" if half else "Q")
        elif (not words.strip() or re.fullmatch(r"(?:latest|most\s+recent|just[- ]ended)[- ]*", words.strip())
              or this_result) and (reported := ctx.reported(m.start(), now.gran)) is not None:
            point = reported  # "the quarter", "the latest period": the one the report is about
        else:
            point = now.shift(-1, "H" if half else "Q")  # "the quarter", "the latest quarter": the last one reported
        if "next year" in words:
            point = point.shift(1, "Y")
        elif m.group("ago") or re.search(r"year[- ](?:ago|earlier)|last\s+year|comparable|prior[- ]year|previous\s+year", words):
            point = (ctx.ref if ctx.ref is not None and ctx.ref.gran == point.gran else point).shift(-1, "Y")
        return at(point)
    return Candidate(m.start(), m.end(), resolve, 1)


def _day_of_month(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "on the 20th", "from the 13th to the 19th of October 1950", "the 28th of that month": a day
    of the month written at the far end of the pair, or of the month the text is talking about.

    Without such a month the mention is dropped: "the 20th" alone may be a regiment or an anniversary.
    """
    day = int(m.group("day"))
    pair = _ORDINAL_PAIR_END.match(text, m.end(), m.end() + 60)

    def resolve(ctx: Context) -> Resolved | None:
        if pair is not None:
            month = month_of(pair.group("mon"))
            year = int(pair.group("year")) if pair.group("year") else None
            if year is None:
                story = ctx.story(m.start())
                year = story.year if story is not None else _year_for(ctx, month or 1, day, "", None)
            if month is None or year is None or day > month_last_day(year, month):
                return None
            return at(Point("day", year, month, day))
        base = ctx.ref
        if base is None or base.gran not in ("day", "month") or m.start("the") - ctx.ref_end > _DAY_OF_MONTH_REACH:
            return None
        if day > month_last_day(base.year, base.month):
            return None
        return at(Point("day", base.year, base.month, day))
    return Candidate(m.start("the"), m.end(), resolve, 1)


_YEAR_STEP = {"that": 0, "same": 0, "next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}


def _month_of_that_year(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "October of that year", "on 3 March the next year", "in May the year after": that month (or
    day) of the year just talked about, or of the year after or before it."""
    month = month_of(m.group("mon") or m.group("mon2") or m.group("mon3"))
    if month is None:
        return None
    day = int(m.group("day") or m.group("day3") or 0) or None
    step = _YEAR_STEP[(m.group("rel") or m.group("side") or "that").lower()]

    def resolve(ctx: Context) -> Resolved:
        base = ctx.anchor()
        if base is None or base.gran in ("decade", "century", "millennium"):
            return Resolved(f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), "DATE", "day" if day else "month")
        year = base.year + step
        if day is None:
            return at(Point("month", year, month))
        if day > month_last_day(year, month):
            return at(Point("month", year, month))  # "29 February" of a year that has none
        return at(Point("day", year, month, day))
    return Candidate(m.start(), m.end(), resolve, 3)


_DAY_OF_MONTH_REACH = 600
# The far end of "the 13th to the 19th of October 1950" names the month (and year) of both.
_ORDINAL_PAIR_END = re.compile(
    r"\s*(?:-|–|—|to|until|till|through|and|or)\s*(?:the\s+)?(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + MONTH + r"(?:\s*,?\s*" + YEAR + ")?")
_ORDINAL_DAY = (r"(?:on|by|until|till|from|to|since|before|after|and|of)\s+(?P<the>the\s+(?P<day>3[01]|[12]\d|0?[1-9])"
                r"(?:st|nd|rd|th)(?:\s+of\s+(?:that|the\s+same)\s+month"
                r"|(?=\s*(?:[,.;:)]|$)|\s+(?:to|and|until|through|was|were|when|had|the|a|an|he|she|they|it)\b)))")

# A figure after a day is a year ("May 8 1987") unless it is the time on that day: "May 8 1:00AM".
_NO_CLOCK = r"(?![012]?\d(?::[0-5]\d|(?:[.:][0-5]\d)?\s*[ap]\.?\s?m\b))"

# "a quarter to five", "a quarter past 3" tell the time; "the quarter to $2.35 billion" is a quarter.
_CLOCK_AFTER = (r"(?:past|to)\s+(?:\d{1,2}(?![\d.,%])|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                r"|noon|midnight)\b")
_QPRE = (r"(?:(?:current|latest|last|previous|past|next|coming|year-ago|year-earlier|comparable|same|recent|prior"
         r"|most\s+recent|this\s+year's|last\s+year's|next\s+year's|year-before|prior-year|fiscal|calendar|just-ended|just\s+ended"
         r"|the\s+year-ago|the\s+year-earlier)[- ]+)*")

RULES: list[Rule] = [
    (compile_rule(_ORDINAL_DAY), _day_of_month),
    (compile_rule(r"(?:" + DAY + r"(?:\s+of)?\s+" + MONTH + "|" + MONTH.replace("<mon>", "<mon2>") + r"\s*"
                  + DAY.replace("<day>", "<day3>") + r"|" + MONTH.replace("<mon>", "<mon3>") + r")\s*,?\s+"
                  r"(?:(?P<of>of\s+)?(?:(?:that|the)\s+(?P<rel>same|next|following|previous|preceding)|(?P<that>that))\s+year"
                  # "In March the next year will ...": without "of" a verb after it makes the year a subject
                  r"(?(of)|(?!\s+(?:will|would|was|is|saw|brought|began|proved|had)\b))"
                  r"|the\s+year\s+(?P<side>after|before)(?!\s+(?:the|a|an|his|her|its|their|he|she|it|they|we)\b))"
                  r"(?!['’]s|\s+(?:of|in|to|that)\b)"),
     _month_of_that_year),
    (compile_rule(_WD_REL + WEEKDAY + _POD), _weekday),
    (compile_rule(WEEKDAY_PREFIX + MONTH + r"\s*" + DAY + r"(?!\s*,?\s*" + _NO_CLOCK + r"\d)(?!:\d)"), _month_day),
    (compile_rule(r"(?:the\s+)?" + DAY + r"(?:\s+of)?\s+" + MONTH + r"(?!\s*,?\s*" + _NO_CLOCK + r"\d)"), _month_day),
    (compile_rule(r"(?:the\s+)?day\s+(?P<side>before|after)\s+" + _WD_REL + WEEKDAY + _POD), _day_beside),
    (compile_rule(MONTH + r"\s*" + DAY + r"\s+(?:and|or)\s+" + DAY2 + r"(?!\s*,?\s*\d)(?!:\d)"), _second_day),
    (compile_rule(r"the\s+week\s+of\s+" + MONTH + r"\s*" + DAY + r"(?:\s*,?\s*" + YEAR + r")?(?!\s*,?\s*\d)(?!:\d)"), _week_of),
    (compile_rule(_REL + MONTH + r"(?:\s+(?P<yrel>last\s+year|this\s+year|next\s+year))?(?!\s*,?\s*\d)"), _month),
    (compile_rule(r"(?P<the>the\s+)?(?P<pre>" + _QPRE + r")(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)"
                  r"[- ](?:fiscal[- ])?)?(?P<what>quarter|half|period)(?P<ago>\s+a\s+year\s+(?:ago|earlier))?(?![\w-])"
                  r"(?!\s+of\s+(?:the|a|an|its|their|his|her|all|them|those|these|it|that|this|every|each)\b)"
                  r"(?!\s+(?:a\s+century|an?\s+hour|mile|point|percent)\b)(?!\s+" + _CLOCK_AFTER + ")"),
     _quarter),
]
