"""Word tables of the tagger: months, weekdays, number words, units and seasons."""
from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}

# TimeML season codes; the months give the calendar bounds of each season.
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "midday": "MI", "noon": "MI", "overnight": "NI",
}

UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D",
    "week": "W", "weekend": "WE", "fortnight": "FN", "month": "M", "quarter": "Q",
    "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "MI",
    "millennia": "MI", "yr": "Y", "hr": "H", "min": "MIN", "sec": "S",
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "last": -1, "final": -1,
}

_UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Vague quantities map to None: TimeML writes them as X ("PXY" for "several years").
VAGUE: frozenset[str] = frozenset({
    "several", "a few", "few", "some", "many", "a couple of", "a couple", "couple of",
    "a number of", "numerous", "multiple", "a dozen", "dozens of", "hundreds of",
    "the next few", "recent", "coming", "past", "the past few", "the last few",
})

NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|a dozen|a\s+couple\s+of|a|an|half a|half an)"
)
_SPLIT = re.compile(r"[\s-]+")


def word_to_int(text: str) -> int | None:
    """Return the value of a number written in digits or English words (up to 99), or None."""
    cleaned = text.strip().lower().replace(",", "")
    if cleaned.isdigit():
        return int(cleaned)
    if cleaned in ("a", "an", "one"):
        return 1
    if cleaned in ("a dozen", "dozen"):
        return 12
    if cleaned in ("a couple of", "a couple", "couple of", "a pair of"):
        return 2
    if cleaned in ("a hundred", "one hundred", "hundred"):
        return 100
    total = 0
    for part in _SPLIT.split(cleaned):
        if part in _UNITS_WORDS:
            total += _UNITS_WORDS[part]
        elif part in _TENS_WORDS:
            total += _TENS_WORDS[part]
        else:
            return None
    return total


def spelled_year(text: str) -> int | None:
    """Return the year of "nineteen ninety-six" or "two thousand and one", or None."""
    words = _SPLIT.split(text.strip().lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        tail = word_to_int(" ".join(rest)) if rest else 0
        return None if tail is None else 2000 + tail
    if len(words) >= 2 and words[0] in _UNITS_WORDS | _TENS_WORDS:
        head = word_to_int(words[0])
        if words[1] == "hundred":
            tail = word_to_int(" ".join(w for w in words[2:] if w != "and")) if words[2:] else 0
        else:
            tail = word_to_int(" ".join(words[1:]))
        if head is not None and tail is not None and 10 <= head <= 20 and tail < 100:
            return head * 100 + tail
    return None
