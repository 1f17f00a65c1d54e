"""Run every rule over a text, keep the best non-overlapping spans and resolve them in order."""
from __future__ import annotations

import bisect
import re
from datetime import date

from archive.timex import absolute, clock, durations, holidays, named, ranges, relative, vague
from archive.timex.filters import strong_year_evidence
from archive.timex.mention import Candidate, Context, DateMention, Resolved

RULES = absolute.RULES + ranges.RULES + relative.RULES + named.RULES + holidays.RULES + durations.RULES + clock.RULES + vague.RULES

_UNITS = r"sec|min|hr|yr|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenni|today|tomorrow|yesterday|tonight"
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# Every match of a module's rules holds one of its anchors. Running the rules only near their anchors
# keeps a 5,000-word article well under 50 ms: most of a text is far from any date.
_ANCHORS = [
    (absolute.RULES, r"\d{3}0'?s|'\d0s|\d{4}|\d/\d|\b(?:" + _MONTHS + r"|centur|\d+\s*(?:bc|ad|ce|b\.c)|ad\s*\d|eighteen|nineteen"
                     r"|twenty|thousand|q[1-4]|fy|fiscal|\w+ties)"),
    (ranges.RULES, r"\d\s*(?:b\.?c\.?e?\.?\s*)?(?:[-–—/]|to\b|and\b|through\b|thru\b|until\b|till\b)"),
    (relative.RULES, r"\b(?:" + _UNITS + r"|spring|summer|fall|autumn|winter)"),
    (named.RULES, r"\b(?:" + _MONTHS + "|" + _DAYS + r"|quarter|half|period)|\d(?:st|nd|rd|th)\b"),
    (holidays.RULES, r"\b(?:christmas|new\s+year|independence|halloween|valentine|veterans|boxing|thanksgiving|labor"
                     r"|memorial|election|easter|good\s+friday|st\.\s+patrick|bastille|armistice|weekend)"),
    (durations.RULES, r"\b(?:" + _UNITS + "|" + _DAYS + "|" + _MONTHS + r"|daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly"
                      r"|semiannually)"),
    (clock.RULES, r"\d\s*[ap]\.?\s?m\b|\d[:.]\d\d|\d{4}\s+h|\b(?:noon|midnight|midday|morning|afternoon|evening|night)"),
    (vague.RULES, r"\b(?:now|current|recent|lately|soon|future|past|present|these\s+days|moment|once|coming|ahead|someday)"),
]
# Anchors are searched in the lower-cased text: case-insensitive matching made Python's
# regular expressions five times slower, and the anchors were a third of a reindex's tagging.
_GROUPS = [(rules, re.compile(anchor), re.compile(anchor, re.IGNORECASE)) for rules, anchor in _ANCHORS]
_REACH = 60
# Spans an earnings report sums over besides its quarter: "the nine months", "the year".
_REPORT_SPAN = re.compile(r"P(?:[6-9]|1[01])M|P1Y")


def _segments(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in anchor.finditer(text):
        start, end = max(0, match.start() - _REACH), min(len(text), match.end() + _REACH)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def candidates(text: str) -> list[Candidate]:
    """Return every span a rule accepts, overlapping ones included."""
    found: list[Candidate] = []
    lowered = text.lower()
    same_length = len(lowered) == len(text)  # lower() never shortens; equal length keeps every offset
    for rules, anchor, anchor_any_case in _GROUPS:
        segments = _segments(lowered, anchor) if same_length else _segments(text, anchor_any_case)
        for pattern, handler in rules:
            for match in (m for start, end in segments for m in pattern.finditer(text, start, end)):
                candidate = handler(match, text)
                if candidate is None:
                    continue
                if isinstance(candidate, list):
                    found.extend(candidate)
                else:
                    found.append(candidate)
    return found


def select(found: list[Candidate]) -> list[Candidate]:
    """Keep the longest spans (then the higher priority) so that none overlap."""
    ranked = sorted(found, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[Candidate] = []  # sorted by start, never overlapping: only the neighbours can clash
    starts: list[int] = []
    for candidate in ranked:
        i = bisect.bisect_left(starts, candidate.start)
        if (i == 0 or taken[i - 1].end <= candidate.start) and (i == len(taken) or candidate.end <= taken[i].start):
            taken.insert(i, candidate)
            starts.insert(i, candidate.start)
    return taken


def tag(text: str, published: date | None = None) -> list[DateMention]:
    """Find, resolve and return the date mentions of ``text`` in reading order."""
    ctx = Context(text, published)
    mentions: list[DateMention] = []
    for candidate in select(candidates(text)):
        start, end = _trim(text, candidate.start, candidate.end)
        resolved = candidate.resolve(ctx)
        if resolved is None or not plausible(ctx, start, end, resolved):
            continue
        if resolved.anchor is not None:
            ctx.ref, ctx.ref_start, ctx.ref_end = resolved.anchor, start, end
            ctx.note_story(resolved.anchor, start, end, moved=resolved.follows)
        if resolved.anchor is not None and resolved.anchor.gran in ("quarter", "half"):
            ctx.note_period(resolved.anchor, end)
        elif resolved.type == "DURATION" and _REPORT_SPAN.fullmatch(resolved.value):
            ctx.note_span(end)
        mod = resolved.mod or (signal_mod(text, start, end) if resolved.type == "DATE" and resolved.precision else None)
        mentions.append(DateMention(start, end, text[start:end], resolved.value, resolved.type,
                                    resolved.precision, mod, resolved.earliest, resolved.latest,
                                    resolved.parts))
    return mentions


# A written year this far before the publication date (or after it) needs strong evidence to be a year,
# unless the text around it tells a story of that time: "TO 1844", "at 1100", "grew to 2050" are figures.
_FAR_PAST, _FAR_FUTURE, _STORY_NEAR, _CENTURIES_AHEAD = 100, 30, 50, 100
_YEAR_WORD = re.compile(r"\byear\s+\d", re.IGNORECASE)
_WRITTEN_YEAR = re.compile(r"\d{4}")
_ERA = re.compile(r"\b(?:BC|BCE|AD|CE)\b|\b[AB]\.\s?[CD]\b")
# TimeML writes years with four digits: "97,111,000 years ago" names no year.
_EARLIEST_YEAR = -9999


def plausible(ctx: Context, start: int, end: int, resolved: Resolved) -> bool:
    """Tell whether a resolved date can be what the text means, given its publication date."""
    if resolved.earliest is None or resolved.latest is None:
        return True
    if resolved.earliest[0] < _EARLIEST_YEAR:
        return False
    if ctx.dct is None or resolved.type != "DATE" or not _WRITTEN_YEAR.search(ctx.text, start, end):
        return True
    if _ERA.search(ctx.text, start, end):
        return True
    first, last, now = resolved.earliest[0], resolved.latest[0], ctx.dct.year
    if last > now + _CENTURIES_AHEAD:
        return _YEAR_WORD.search(ctx.text, max(0, start - 9), end) is not None  # only "the year 2400" is one
    far = last > now + _FAR_FUTURE
    if first <= now - _FAR_PAST:
        story = ctx.story(start)
        far = far or story is None or abs(story.year - first) > _STORY_NEAR
    if not far or resolved.precision == "day" or len(_WRITTEN_YEAR.findall(ctx.text, start, end)) > 1:
        return True  # a day of a month, or a range of two written years, is a date wherever it lies
    return strong_year_evidence(ctx.text, start)


# The word before a date that opens or closes a stretch of time: "since 2016" (TimeML ON_OR_AFTER),
# "until June" (ON_OR_BEFORE), "before 1990", "after the 1990s". Not where the date qualifies a noun:
# "after the 1990 election" is no stretch after 1990.
_SIGNALS = {"since": "ON_OR_AFTER", "until": "ON_OR_BEFORE", "till": "ON_OR_BEFORE", "before": "BEFORE",
            "after": "AFTER", "prior to": "BEFORE"}
_SIGNAL_BEFORE = re.compile(r"\b(since|until|till|before|after|prior\s+to)\s+$", re.IGNORECASE)
_QUALIFIED_NOUN = re.compile(r"\s+(?!(?:and|or|but|the|a|an|to|in|on|at|of|by|for|from|with|when|as|was|were|had|has"
                             r"|is|are|he|she|it|they|we|its|their|his|her|until|through|that|this)\b)[a-z]{3,}\b")


def signal_mod(text: str, start: int, end: int) -> str | None:
    """Return the TimeML mod a preposition right before a date gives it ("since 2016": ON_OR_AFTER)."""
    match = _SIGNAL_BEFORE.search(text, max(0, start - 12), start)
    if match is None or _QUALIFIED_NOUN.match(text, end):
        return None
    return _SIGNALS[re.sub(r"\s+", " ", match.group(1).lower())]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end
