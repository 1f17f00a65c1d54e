"""Run every rule over a text, keep the best non-overlapping spans and resolve them in order."""
from __future__ import annotations

import bisect
import re
from datetime import date

from archive.timex import absolute, clock, durations, holidays, named, ranges, relative, vague
from archive.timex.mention import Candidate, Context, DateMention

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
        if resolved is None:
            continue
        if resolved.anchor is not None:
            ctx.ref, ctx.ref_start, ctx.ref_end = resolved.anchor, start, end
            ctx.note_story(resolved.anchor, start, end, moved=resolved.follows)
        if resolved.anchor is not None and resolved.anchor.gran in ("quarter", "half"):
            ctx.note_period(resolved.anchor, end)
        elif resolved.type == "DURATION" and _REPORT_SPAN.fullmatch(resolved.value):
            ctx.note_span(end)
        mentions.append(DateMention(start, end, text[start:end], resolved.value, resolved.type,
                                    resolved.precision, resolved.mod, resolved.earliest, resolved.latest,
                                    resolved.parts))
    return mentions


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end
