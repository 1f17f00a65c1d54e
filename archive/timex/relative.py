"""Rules for dates relative to the publication date or to the date just talked about."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from archive.timex.calendar import Point, season_point
from archive.timex.lexicon import SEASONS, UNITS, word_to_int
from archive.timex.mention import OWN_RESULT, Candidate, Context, Resolved, at
from archive.timex.patterns import APPROX, NUM, compile_rule, mod_code, approx_code
from archive.timex.resolve import UNIT_GRAN, shifted, today, unknown

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]

_DEICTIC_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
_NEAR = {"full": 0, "latest": -1, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0,
         "present": 0, "following": 1, "same": 0, "that": 0, "prior": -1, "preceding": -1}
# "the following year" counts from the date the text is talking about, "next year" from today.
_ANAPHORIC = frozenset({"following", "same", "that", "prior", "preceding"})
_LATER_MODS = {"earlier": "START", "later": "END"}


def _span(m: re.Match[str], resolve: Callable[[Context], Resolved | None], priority: int = 0) -> Candidate:
    return Candidate(m.start(), m.end(), resolve, priority)


def _deictic_day(m: re.Match[str], text: str) -> Candidate | None:
    word = m.group("word").lower()
    offset = _DEICTIC_DAYS.get(word, 0)
    if m.group("db"):
        offset = -2 if m.group("db").lower() == "before yesterday" else 2
    mod = mod_code(m.group("mod")) or _LATER_MODS.get((m.group("mod") or "").lower())
    if word == "today" and not m.group("mod") and re.match(r"\s*'?s\s+(?:world|society|standards|economy)", text[m.end():]):
        return _span(m, lambda ctx: Resolved("PRESENT_REF", "DATE"))
    return _span(m, lambda ctx: shifted(ctx, offset, "D", mod=mod))


def _unit_of(token: str) -> str:
    token = re.sub(r"^(?:fiscal|calendar)\s+", "", token.lower()).rstrip("s")
    return UNITS.get(token) or UNITS.get(token + "s", "Y")


def _near_unit(m: re.Match[str], text: str) -> Candidate | None:
    rel = m.group("rel").lower().split()[-1]
    word = m.group("unit").lower()
    mod = mod_code(m.group("mod")) or _LATER_MODS.get((m.group("mod") or "").lower().split("-")[0])
    n = _NEAR[rel]
    anaphoric = rel in _ANAPHORIC or (rel == "next" and m.group("the") is not None)
    if word in SEASONS:
        def resolve_season(ctx: Context) -> Resolved:
            story = ctx.story(m.start()) if anaphoric or rel == "that" else None
            if story is not None:
                return at(_story_season(story, SEASONS[word]).shift(n, "Y"), mod)  # "the next spring" of the story
            return _season(ctx, SEASONS[word], n, mod)
        return _span(m, resolve_season)
    unit = _unit_of(word)
    gran = UNIT_GRAN[unit]
    if rel == "past" and m.group("the") is None and unit in ("D", "W"):
        return None
    if rel == "past" and m.group("the") is not None and unit in ("DE", "CE") and not m.group("mod"):
        # "over the past decade": the ten years up to now, a duration (TimeML P10Y), not the 1980s
        length = "P10Y" if unit == "DE" else "P100Y"
        return _span(m, lambda ctx: Resolved(length, "DURATION"), 1)
    if m.group("unit")[0].isupper():
        return None  # "This Week" with a capital W is a title: ABC's "This Week"

    own_result = rel == "this" and unit == "Q" and OWN_RESULT.match(text, m.end()) is not None

    def resolve(ctx: Context) -> Resolved:
        reported = ctx.reported(m.start(), "quarter") if own_result else None
        if reported is not None:
            return at(reported, mod)  # "This quarter's loss" in a report: the quarter reported
        base = ctx.anchor() if anaphoric else None
        if base is not None and base.gran in ("year", "decade", "century") and gran in ("day", "week", "month"):
            return unknown(gran, mod=mod) if unit != "W" else unknown("week", mod=mod)
        return shifted(ctx, n, "W" if unit == "WE" else unit, gran, mod, base=base, weekend=unit == "WE")
    return _span(m, resolve, 1)


def _season(ctx: Context, code: str, n: int, mod: str | None) -> Resolved:
    day = today(ctx)
    if day is None:
        return unknown("season", mod=mod)
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    year = day.year - (1 if code == "WI" and day.month < 3 else 0)
    current = Point("season", year, start)
    now_index = day.year * 12 + day.month - 1
    season_start = current.year * 12 + start - 1
    if n < 0 and season_start + 3 > now_index:
        current = current.shift(-1, "Y")  # "last fall" in the fall means the previous one
    elif n > 0 and season_start <= now_index:
        current = current.shift(1, "Y")
    return at(current, mod)


def _story_season(story: Point, code: str) -> Point:
    """Return the season ``code`` of the year a story is in.

    A winter is named, as narratives date it, by the year of its January: a story standing in the autumn
    of 1917 goes into the winter of 1918 ("1918-WI"), one standing in February 1918 is in it already.
    """
    fine = story.gran in ("month", "day", "week", "season")
    year = story.year + (1 if code == "WI" and fine and story.month >= 9 else 0)
    return season_point(year, code)


def _the_season(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "over the summer", "the early summer": the latest such season, or the next one ahead."""
    word = m.group("season")
    if not word.islower() or not _SEASON_PREP.search(text, max(0, m.start() - 12), m.start()):
        return None  # "Spring of Life", "the fall": a name or a noun
    code = SEASONS[word.lower()]
    mod = mod_code(m.group("mod"))

    def resolve(ctx: Context) -> Resolved:
        story = ctx.story(m.start())
        if story is not None:
            return at(_story_season(story, code), mod)  # "throughout the summer" of the year the story is in
        day = today(ctx)
        if day is None:
            return unknown("season", mod=mod)
        current = _season(ctx, code, 0, mod).anchor
        now = (day.year, day.month, day.day)
        if ctx.future(m.start(), m.end()):
            if current is not None and current.bounds[1] < now:
                return at(current.shift(1, "Y"), mod)
        elif current is not None and current.bounds[0] > now:
            return at(current.shift(-1, "Y"), mod)
        return at(current, mod) if current is not None else unknown("season", mod=mod)
    return _span(m, resolve, 0)


def _count_shift(m: re.Match[str], text: str) -> Candidate | None:
    if _VAGUE_COUNT.fullmatch(m.group("num")):
        # "several years ago", "a few months later": TimeML leaves the date vague
        later = m.group("dir").lower() in ("later", "after", "from now", "hence")
        value = "FUTURE_REF" if later else "PAST_REF"
        return _span(m, lambda ctx: Resolved(value, "DATE"), 1)
    n = word_to_int(re.sub(r"\s+and\s+a\s+half|\s+1/2", "", m.group("num")))
    unit = _unit_of(m.group("unit"))
    if n is None or unit not in UNIT_GRAN or unit == "WE":
        return None
    if n > 1 and not m.group("unit").lower().endswith("s") and "-" not in m.group(0):
        return None  # "6,000 week ago", "97,111,000 YEAR AGO": a figure beside "a week ago", not a count of weeks
    direction = m.group("dir").lower()
    if direction in ("before", "after") and not _CLAUSE_END.match(text, m.end()):
        return None  # "two years after the war" is a duration anchored on an event
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    from_today = direction in ("ago", "from now", "hence", "back")
    mod = approx_code(m.group("approx"))
    # "a decade ago" names a year ten years back, not a whole decade.
    gran = "year" if unit in ("DE", "CE", "MI") else UNIT_GRAN[unit]
    apposed = _APPOSED_YEAR.match(text, m.end())

    def resolve(ctx: Context) -> Resolved:
        if apposed:
            # "A decade later, in 2017": the year the text gives is more exact than the count.
            return at(Point("year", int(apposed.group(1))), mod, anchor=False)
        base = None if from_today else ctx.anchor()
        quarter = ctx.quarter_ref(m.start()) if unit == "Y" and n == 1 else None
        if quarter is not None and (ctx.ref is None or ctx.ref.gran in ("quarter", "half", "day")):
            # "a year earlier" in an earnings report means the same quarter of the previous year,
            # and the report goes on about its own quarter, so the reference stays where it was.
            r = shifted(ctx, -12 if sign < 0 else 12, "M", quarter.gran, mod, base=quarter)
            return Resolved(r.value, r.type, r.precision, r.mod, r.earliest, r.latest, None)
        if base is not None and not from_today and gran in ("day", "week", "month") and base.gran in ("year", "decade"):
            return unknown(gran, mod=mod)
        if unit == "Y" and n == 1 and base is not None and base.gran in ("day", "month"):
            base = base.coarsen("year")  # "a year earlier" than "Sept. 30" (or "January") is last year
        result = shifted(ctx, sign * n, unit, gran, mod, base=base)
        return replace(result, follows=base is not None and result.anchor is not None)
    return _span(m, resolve, 1)


def _next_day(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "the next day", "the following day", "the previous day", "the day after": the day after
    (before) the day the text is talking about; the story moves on to it."""
    rel = (m.group("rel") or m.group("side")).lower()
    if m.group("side") and not _CLAUSE_END.match(text, m.end()):
        return None  # "the day after the battle" is anchored on an event, not on a date
    step = 1 if rel in ("next", "following", "after") else -1

    def resolve(ctx: Context) -> Resolved:
        base = ctx.anchor()
        if base is None or base.gran != "day":
            return unknown("day")
        return replace(at(base.shift(step, "D")), follows=True)
    return _span(m, resolve, 2)


def _year_earlier(m: re.Match[str], text: str) -> Candidate | None:
    noun = m.group("noun")

    def resolve(ctx: Context) -> Resolved:
        ref = ctx.quarter_ref(m.start())
        if ref is None and ctx.ref is not None and ctx.ref.gran in ("month", "day"):
            ref = ctx.ref
        if ref is not None and ref.gran in ("quarter", "half", "month", "day") and (noun or ref.gran not in ("day", "month")):
            if ref.gran == "day":
                ref = ref.coarsen("quarter")  # "the year-ago period" of a report dated "Sept. 30"
            return at(ref.shift(-1, "Y"), anchor=False)
        r = shifted(ctx, -1, "Y", "year")
        return Resolved(r.value, r.type, r.precision, r.mod, r.earliest, r.latest, None)
    return _span(m, resolve, 1)


def _the_unit(m: re.Match[str], text: str) -> Candidate | None:
    unit = _unit_of(m.group("unit"))
    gran = UNIT_GRAN[unit]
    if re.match(r"\s+(?:ended|ending|to\s+date)\b", text[m.end():m.end() + 12]):
        if unit != "Y":
            return None
        return _span(m, lambda ctx: Resolved("P1Y", "DURATION"))  # "the year ended Sept. 30": a fiscal year
    mod = mod_code(m.group("mod")) or ("END" if m.group("end") else None)

    def resolve(ctx: Context) -> Resolved:
        # "at the end of the year" the story is in; "hope to ... by year end" in news speaks of the present one
        story = ctx.story(m.start()) if unit == "Y" else None
        if story is not None and ctx.planned(m.start()):
            story = None
        return shifted(ctx, 0, unit, gran, mod, base=story)
    return _span(m, resolve, 0)


def _ref_unit(m: re.Match[str], text: str) -> Candidate | None:
    unit = _unit_of(m.group("unit"))
    gran = UNIT_GRAN[unit]
    word = (m.group("mod") or "").lower()
    mod = _LATER_MODS.get(word)

    def resolve(ctx: Context) -> Resolved:
        base = ctx.anchor()
        if base is None:
            return unknown(gran, mod=mod)
        if not _within(base.gran, gran):
            if gran == "day" and base.gran in ("month", "year") and base.year >= 0:
                # "that same day" after "in October 1998": a day of that month, which one unknown
                value = base.value + ("-XX" if base.gran == "month" else "-XX-XX")
                return Resolved(value, "DATE", "day", mod, base.bounds[0], base.bounds[1])
            return unknown(gran, mod=mod)
        return shifted(ctx, 0, unit, gran, mod, base=base)
    return _span(m, resolve, 1)


def _within(have: str, want: str) -> bool:
    order = ("millennium", "century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
    if want == "week":
        return have in ("day", "week")
    return have != "week" and order.index(have) >= order.index(want) or (have == "week" and want in ("year", "month"))


_SEASON_PREP = re.compile(r"\b(?:in|during|over|into|through|throughout|since|until|till|by|from|of|for|before|after)\s+$",
                          re.IGNORECASE)
_VAGUE_COUNT = re.compile(r"several|a\s+few|few|some|many", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)]|$)|\s+(?:and|but|when|as|in|on|at)\b")
_APPOSED_YEAR = re.compile(r"\s*,?\s*(?:in|by|until)\s+([12]\d{3})\b(?![,.]\d)")
_THE_UNIT = (r"(?:(?P<mod>the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)\s+)?"
             r"the\s+(?P<unit>year|week|month|fiscal\s+year)(?='s|\s*[,.;:]|\s+(?:ended|ending|to\s+date)\b)"
             r"|(?<=\bfor\s)the\s+(?:fiscal\s+)?(?P<unit2>year|week|month)|(?:around\s+)?(?P<end>year[- ]end|year's\s+end)"
             r"(?!\s*,?\s*\d{4})")
_UNIT_WORDS = r"(?P<unit>years?|months?|weeks?|days?|quarters?|decades?|centur(?:y|ies)|weekends?|fortnights?)"

RULES: list[Rule] = [
    (compile_rule(r"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<word>yesterday|today|tomorrow|tonight)"
                  r"|(?P<word2>the\s+day\s+)(?P<db>before\s+yesterday|after\s+tomorrow))"),
     lambda m, t: _deictic_day(_Fix(m), t)),
    (compile_rule(r"(?:(?P<mod>early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
                  r"|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)[- ]?(?:in\s+)?)?(?P<the>the\s+)?"
                  r"(?P<rel>last|past|previous|next|coming|this|current|present|following|same|prior|preceding|that|full"
                  r"|(?<=the\s)latest(?=\s+fiscal\s+year))\s+"
                  r"(?:fiscal\s+|calendar\s+)?(?P<unit>year|month|week|weekend|quarter|decade|century|spring|summer|fall|autumn|winter)"
                  r"(?!-| of\b)"), _near_unit),
    (compile_rule(r"(?:the\s+)?(?:comparable\s+|same\s+)?(?:year|a\s+year)[- ](?:earlier|ago|before)(?:\s+(?P<noun>period|quarter|level|results?"
                  r"|figures?))?"), _year_earlier),
    (compile_rule(r"the\s+(?:corresponding|comparable|same)\s+(?P<noun>period|quarter)\s+(?:of\s+)?(?:last\s+year"
                  r"|a\s+year\s+(?:ago|earlier))"), _year_earlier),
    (compile_rule(r"(?:" + APPROX + r"\s+)?" + NUM.replace("(?P<num>", r"(?P<num>several|a\s+few|few|many|")
                  + r"[- ]" + _UNIT_WORDS + r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after"
                  r"|from\s+now|hence|previously|back)"), _count_shift),
    (compile_rule(_THE_UNIT), lambda m, t: _the_unit(_Fix(m), t)),
    (compile_rule(r"the\s+(?:(?P<mod>early|late|mid)[- ]?)?(?P<season>spring|summer|winter|autumn|fall)(?!\s+of\b)"),
     _the_season),
    (compile_rule(r"(?:(?P<mod>earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+" + _UNIT_WORDS.replace("s?|", "|")), _ref_unit),
    (compile_rule(r"the\s+(?P<rel>next|following|previous|preceding)\s+day(?![\w-])(?!\s+of\b)"
                  r"|the\s+day\s+(?P<side>before|after)(?!\s+(?:yesterday|tomorrow)\b)"), _next_day),
    # "earlier in the year": the year the text is talking about (the year of publication at first)
    (compile_rule(r"(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>year|month|week)(?!['’]s|\s+(?:ended|ending|before|after)\b)"),
     _ref_unit),
]


class _Fix:
    """Let the deictic rule read ``word`` whichever alternative matched."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: str) -> str | None:
        if name == "word":
            return self._m.group("word") or "today"
        if name == "unit":
            return self._m.group("unit") or self._m.groupdict().get("unit2") or "year"
        return self._m.groupdict().get(name)

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()
