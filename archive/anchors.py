"""Which date mentions date a happening, and which are only context.

"Shares fell on Monday, the worst day since October 1982": Monday dates the fall; 1982 is
the yardstick it is measured against, not a happening. "The cars of tomorrow" names no day.
A time of day ("at 16:00 UTC today") dates a happening like the day it falls on.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archive.dates import DateMention

# Words that make "since X", "in X" a yardstick: "the largest ... since 2016", "lows not seen since".
_YARDSTICK = (r"(?:highest|lowest|largest|biggest|smallest|worst|best|strongest|weakest|deepest|steepest|"
              r"sharpest|fastest|slowest|greatest|longest|heaviest|busiest|most|least|record|first|"
              r"lows?|highs?|peak|levels?|not\s+(?:been\s+)?seen)")
# Looked for in the clause before the date (from the last comma, semicolon or dash).
_COMPARISON = re.compile(
    rf"(?:\b{_YARDSTICK}\b[^.;:,]{{0,60}}\bsince|\blast\s+seen(?:\s+in)?|"
    rf"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|up\s+from|down\s+from)\b[^.;:,]{{0,40}}?)"
    r"\s+(?:(?:in|on|at|of|with)\s+)?(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+|early\s+|late\s+|mid-?)?$",
    re.I)
_CLAUSE_START = re.compile(r".*(?:[,;:(—–]|\s-\s)", re.S)
_FIGURATIVE_WORDS = frozenset({"today", "tomorrow", "yesterday"})
# "the cars of tomorrow", "the world of today", "tomorrow's world".
_FIGURATIVE_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$", re.I)
_FIGURATIVE_AFTER = re.compile(r"^'s\s+(?:world|cars|children|leaders|technology|technologies|jobs|cities|youth)\b",
                               re.I)


def is_comparison(text: str, mention: DateMention, offset: int = 0) -> bool:
    """True when ``mention`` (of ``text``, which starts at ``offset``) is a yardstick, not a date of a happening."""
    before = text[:mention.start - offset]
    clause = before[_CLAUSE_START.match(before).end():] if _CLAUSE_START.match(before) else before
    return bool(_COMPARISON.search(clause[-120:]))


def is_figurative(text: str, mention: DateMention, offset: int = 0) -> bool:
    """True for a time word used as a figure of speech: "the cars of tomorrow"."""
    if mention.text.lower() not in _FIGURATIVE_WORDS:
        return False
    start, end = mention.start - offset, mention.end - offset
    return bool(_FIGURATIVE_BEFORE.search(text[max(0, start - 12):start]) or _FIGURATIVE_AFTER.match(text[end:end + 24]))


# A chronology line opens with its date and a colon: "1815: War of 1812: Battle of New Orleans: ...".
_CHRONOLOGY_LINE = re.compile(r"^\s*[^:\n]{0,30}?\d[^:\n]{0,12}:\s")
_TOPIC_END = re.compile(r"^[^:;!?]{0,90}?:\s+[\"“'(]?[^\W\d_]")


def is_topic_name(text: str, mention: DateMention, offset: int = 0) -> bool:
    """True for a date inside a chronology line's topic ("War of 1812", "junta of 1967-74"): part of a
    name; the line's own date dates its happening."""
    start = mention.start - offset
    line = _CHRONOLOGY_LINE.match(text)
    return bool(line) and start >= line.end() and bool(_TOPIC_END.match(text[start:]))


def dates_a_happening(text: str, mention: DateMention, offset: int = 0) -> bool:
    """True when the mention can date what its clause reports (neither yardstick, figure nor part of a topic)."""
    return not (is_comparison(text, mention, offset) or is_figurative(text, mention, offset)
                or is_topic_name(text, mention, offset))
