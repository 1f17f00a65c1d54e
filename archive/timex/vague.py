"""Rules for vague references to the present, past and future: "now", "recently", "the future"."""
from __future__ import annotations

import re
from typing import Callable

from archive.timex.mention import Candidate, Resolved

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str], "Candidate | None"]]

_PRESENT = r"now|currently|nowadays|presently|at\s+present|these\s+days|the\s+present|at\s+the\s+moment|current"
_PAST = r"recently|lately|in\s+the\s+past|the\s+past|recent(?:\s+years)?|once\s+upon\s+a\s+time"
_FUTURE = (r"soon|the\s+future|the\s+near\s+future|(?<=in\s)future|(?:the\s+)?coming\s+quarters|someday"
           r"|one\s+day\s+soon")
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


_SPANS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M", "year": "Y",
          "years": "Y", "decade": "DE", "decades": "DE", "quarter": "Q", "quarters": "Q"}


def _vague_span(m: re.Match[str], text: str) -> Candidate | None:
    """Resolve "recent months" and "the coming weeks" to a duration of unknown length (PXM, PXW)."""
    unit = _SPANS[m.group("unit").lower()]
    value = "PXY" if unit == "DE" else f"PX{unit}"
    return Candidate(m.start(), m.end(), lambda ctx: Resolved(value, "DURATION"), 0)


RULES: list[Rule] = [
    (re.compile(r"(?<![\w'-])(?:recent\s+(?P<unit>days|weeks|months|quarters)|(?:the\s+)?coming\s+(?P<unit2>days|weeks|months|years|decades)"
                r"|the\s+(?P<unit3>days|weeks|months|years)\s+ahead)(?![\w-])", re.IGNORECASE),
     lambda m, t: _vague_span(_Unit(m), t)),
    (re.compile(r"(?<![\w'-])(?:" + _PRESENT + r"|" + _PAST + r"|" + _FUTURE + r")(?![\w-])", re.IGNORECASE), _reference),
]


class _Unit:
    """Read the unit of a vague span from whichever alternative matched."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: str) -> str:
        return self._m.group("unit") or self._m.group("unit2") or self._m.group("unit3")

    def start(self) -> int:
        return self._m.start()

    def end(self) -> int:
        return self._m.end()
