"""Regular-expression building blocks shared by the rule modules."""
from __future__ import annotations

import re

from archive.timex.lexicon import NUMBER_WORD

FLAGS = re.IGNORECASE

MONTH = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)")
WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAY_PREFIX = r"(?:" + WEEKDAY + r"(?:'s)?\s*,?\s+(?:the\s+)?)?"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
DAY2 = DAY.replace("?P<day>", "?P<day2>")
YEAR = r"(?P<year>[12]\d{3})(?!\d|[.,]\d)"
YEAR2 = r"(?P<year2>[12]\d{3}|\d{2})(?!\d|[.,]\d)"
SHORT_YEAR = r"'(?P<syear>\d{2})\b"
MOD = (r"(?P<mod>early|late|mid|middle|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
       r"|the\s+close\s+of|the\s+turn\s+of|end|beginning|start)")
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
ORD = (r"(?P<ord>first|second|third|fourth|last|final|1st|2nd|3rd|4th)")
NUM = r"(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?|" + NUMBER_WORD + r"(?:\s+and\s+a\s+half)?)"
UNIT = (r"(?P<unit>second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade"
        r"|centur(?:y|ie)|millenni(?:um|a)|yr|hr|min|sec)")
APPROX = (r"(?P<approx>about|around|approximately|roughly|nearly|almost|some|circa|c\.|ca\.|more\s+than"
          r"|less\s+than|over(?!\s+the\b)|under(?!\s+the\b)|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than"
          r"|fewer\s+than|just|only|barely|well\s+over|the\s+better\s+part\s+of)")
APPROX_MOD = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "some": "APPROX", "circa": "APPROX",
    "c.": "APPROX", "ca.": "APPROX", "more than": "MORE_THAN", "less than": "LESS_THAN",
    "over": "MORE_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE", "fewer than": "LESS_THAN", "well over": "MORE_THAN",
}
MOD_CODES = {
    "early": "START", "beginning": "START", "start": "START", "late": "END", "end": "END",
    "close": "END", "mid": "MID", "middle": "MID", "turn": "END",
}


def mod_code(text: str | None) -> str | None:
    """Map "early", "the end of", "mid" to the TimeML mod START, END or MID."""
    if not text:
        return None
    return MOD_CODES.get(text.lower().replace("the ", "").replace(" of", "").strip())


def compile_rule(pattern: str) -> re.Pattern[str]:
    """Compile a rule with word boundaries so it never starts or ends inside a word."""
    return re.compile(r"(?<![\w'])(?:" + pattern + r")(?![\w])", FLAGS)


def approx_code(text: str | None) -> str | None:
    """Map a hedge such as "about" or "more than" to its TimeML mod."""
    if not text:
        return None
    return APPROX_MOD.get(re.sub(r"\s+", " ", text.lower()))
