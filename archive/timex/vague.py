"""Rules for vague references to the present, past and future: "now", "recently", "the future"."""
from __future__ import annotations

import re
from typing import Callable

from archive.timex.mention import Candidate, Resolved

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]

_PRESENT = r"now|currently|nowadays|presently|at\s+present|these\s+days|the\s+present|at\s+the\s+moment|current"
_PAST = r"recently|lately|in\s+the\s+past|the\s+past|recent(?:\s+years)?|once\s+upon\s+a\s+time"
_FUTURE = (r"soon|the\s+future|the\s+near\s+future|(?<=in\s)future|the\s+coming\s+(?:weeks|months|years|days|decades)"
           r"|coming\s+(?:weeks|months|years|quarters)|someday|one\s+day\s+soon|in\s+the\s+years\s+ahead|the\s+weeks\s+ahead"
           r"|the\s+months\s+ahead|the\s+years\s+ahead|the\s+days\s+ahead")
_VALUES = (("PRESENT_REF", re.compile(r"(?:" + _PRESENT + r")$", re.I)),
           ("PAST_REF", re.compile(r"(?:" + _PAST + r")$", re.I)),
           ("FUTURE_REF", re.compile(r"(?:" + _FUTURE + r")$", re.I)))
# "now" after these words is not the present: "now that", "just now" are kept; "every now and then" is not.
_NOT_AFTER = re.compile(r"(?:every|from)\s+$", re.I)
_CURRENT_NOUNS = re.compile(
    r"\s+(?:account|accounts|affairs|events|flow|flows|of|density|source|sources|carrying|collector|limit|liabilities"
    r"|assets|ratio|law|laws|electric|electrical|sea|state-of-the-art|draft)\b", re.I)


def _reference(m: re.Match[str], text: str) -> Candidate | None:
    token = m.group(0)
    low = token.lower()
    if low == "now" and _NOT_AFTER.search(text, max(0, m.start() - 12), m.start()):
        return None
    if low == "now" and re.match(r"\s+and\s+then|-", text[m.end():m.end() + 10]):
        return None
    if low == "soon" and (re.match(r"\s+(?:as|after|before|afterwards?)\b", text[m.end():m.end() + 12], re.I)
                          or text[max(0, m.start() - 3):m.start()].lower() == "as "):
        return None  # "as soon as", "soon after the attack": relations, not times
    if low == "recent" and re.search(r"most\s+$", text[max(0, m.start() - 6):m.start()], re.I):
        return None
    if low in ("current", "future") and (token[0].isupper() and m.start() > 0 and text[m.start() - 2] not in ".\n"
                                         or _CURRENT_NOUNS.match(text, m.end())):
        return None
    if low == "the past" and re.match(r"\s+(?:few|several|\d|one|two|three|four|five|six|seven|eight|nine|ten)", text[m.end():]):
        return None
    if low == "future" and re.match(r"\s+(?:tense|perfect|value|contracts?|delivery|generations?)\b", text[m.end():], re.I):
        return None
    for value, pattern in _VALUES:
        if pattern.match(low):
            span_start = m.start() + (3 if low.startswith("in the past") else 0)
            return Candidate(span_start, m.end(), lambda ctx: Resolved(value, "DATE"), -1)
    return None


RULES: list[Rule] = [
    (re.compile(r"(?<![\w'-])(?:" + _PRESENT + r"|" + _PAST + r"|" + _FUTURE + r")(?![\w-])", re.IGNORECASE), _reference),
]
