"""Index and price levels that read like years: "The Nikkei closed at 1980", "the index rose 30 points to 1950".

Newswire reports a market's level as a bare number after "closed/ended/opened/stood/was quoted ... at" or
after a rise or fall "to"/"from" with a market as subject or "points" in the clause. Such a number is no
year, wherever it lies. A noun that dates a level keeps the year: "at 1986 levels", "fell to its 1987 low",
"at 1985 year end"; and "in 1980", "at the end of 1980" never reach this test (their word before is no
"at"/"to"/"from").
"""
from __future__ import annotations

import re

# Nouns after a number that make it the year of a level or a price: "back to 1980 levels", "in 1985 prices".
# A singular "high"/"low" must end its phrase ("fell to its 1987 low on ..."): "2000 high speed" is a name.
YEAR_NOUN_AFTER = re.compile(r"\s+(?:levels?|lows|highs|peaks?|prices|rates|figures|terms|year[- ]?end|yearend"
                             r"|(?:high|low)\b(?!(?-i:\s+[a-z]+\s+[a-z])))\b", re.IGNORECASE)
# "DROPS UNDER 2000 LEVEL": a level crossed is a figure, not the level of a year.
_THRESHOLD = re.compile(r"\b(?:under|above|over|below|past|beyond|through|near|topped|crossed|breached)\s+$", re.IGNORECASE)
_SINGULAR_LEVEL = re.compile(r"\s+(?:level|mark|barrier)\b", re.IGNORECASE)
# "in 1980 dollars", "constant 1985 dollars": a currency dated by its year.
_DATED_MONEY = re.compile(r"(?:\b(?:in|constant|real)\s+)$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"\s+(?:dollars?|dlrs|pounds|marks|francs|yen|lire)\b", re.IGNORECASE)

_CLAUSE = 80  # characters looked back, cut at the clause's start
_CLAUSE_START = re.compile(r".*(?:[.!?;:]\s|\n\s*\n)", re.DOTALL)
# A level reported where the market stood: "closed ... at", "was quoted at", "opened at".
_LEVEL_VERB = re.compile(r"\b(?:clos(?:ed|ing|es)|end(?:ed|ing|s)|finish(?:ed|ing|es)|open(?:ed|ing|s)|stood|standing"
                         r"|quoted|settl(?:ed|ing|es)|trad(?:ed|ing)|fix(?:ed|ing)|hover(?:ed|ing|s)|peaked|bottomed)\b",
                         re.IGNORECASE)
# A move to a level: "rose 30 points to 1950", "fell to 1980 from 2010".
_MOVE_VERB = re.compile(r"\b(?:r[io]se[ns]?|rising|f[ae]ll(?:s|en|ing)?|drop(?:s|ped|ping)|climb(?:s|ed|ing)|jump(?:s|ed)"
                        r"|slip(?:s|ped)|eas(?:ed|es|ing)|gain(?:s|ed)|lost|los(?:es|ing)|surg(?:ed|es)|plung(?:ed|es)"
                        r"|tumbl(?:ed|es)|rall(?:ied|ies)|recover(?:ed|s)|s[aiu]nk|sinks|slid(?:es)?|soar(?:ed|s)|advanc(?:ed|es)"
                        r"|declin(?:ed|es)|retreat(?:ed|s)|rebound(?:ed|s)|edg(?:ed|es)|firm(?:ed|s)|weaken(?:ed|s)"
                        r"|mov(?:ed|es)|up|down|higher|lower)\b", re.IGNORECASE)
_INDEX = re.compile(r"\b(?:index|indices|indexes|(?:industrial|share|stock)s?\s+average|nikkei|dow|ftse|ft-se|footsie|dax|cac|hang\s+seng|s&p"
                    r"|composite|points?)\b", re.IGNORECASE)
# Shares, stocks or a market move by an amount before they reach a level: "shares fell 12 to 1950".
# Without the amount "stocks rose from 1982 to 1987" may tell years.
_TRADED = re.compile(r"\b(?:shares?|stocks?|bourse|market|futures)\b", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?<!from )(?<!since )(?<!in )\b\d[\d.,/-]*\s*(?:pct|percent|%|cents?|cts|pence|yen|marks|francs"
                            r"|dlrs)?\s*$", re.IGNORECASE)
_POINTS = re.compile(r"\bpoints?\b", re.IGNORECASE)
# "fell to 1980 from 2010": the level it came from follows the level it reached.
_LEVEL_REACHED = re.compile(r"\bto\s+\d{4}\b(?![.,]\d)")
_POSSESSIVE = re.compile(r"['’]s\b")
_PREV = re.compile(r"\b(at|to|from)\s+$", re.IGNORECASE)


def dated_level(text: str, start: int, end: int) -> bool:
    """Tell whether a noun after the number dates a level or a price by it: "at 1986 levels"."""
    if _SINGULAR_LEVEL.match(text, end) and _THRESHOLD.search(text, max(0, start - 10), start):
        return False
    if YEAR_NOUN_AFTER.match(text, end):
        return True
    return bool(_MONEY_AFTER.match(text, end)) and _DATED_MONEY.search(text, max(0, start - 10), start) is not None


def market_level(text: str, start: int, end: int) -> bool:
    """Tell whether the number at ``text[start:end]`` is a market's level rather than a year."""
    prev = _PREV.search(text, max(0, start - 6), start)
    if prev is None or dated_level(text, start, end) or _POSSESSIVE.match(text, end):
        return False  # "from 1985's earnings" is a year's
    left = text[max(0, start - _CLAUSE):prev.start()]
    head = _CLAUSE_START.match(left)
    clause = left[head.end():] if head else left
    word = prev.group(1).lower()
    if word == "at":
        return bool(_LEVEL_VERB.search(clause) or _POINTS.search(clause))
    if not _MOVE_VERB.search(clause) or word == "from" and not (_LEVEL_REACHED.search(clause) or _POINTS.search(clause)):
        return False  # "a rise in 1986 from 1985" compares years
    return bool(_INDEX.search(clause) or _TRADED.search(clause) and _AMOUNT_BEFORE.search(clause))
