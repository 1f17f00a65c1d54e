"""Decide whether a bare four-digit number is a year, from the words around it."""
from __future__ import annotations

import re

from archive.timex.market import dated_level, market_level

# Words after which a number names a time: "in 1997", "since 2016", "the 1990 invasion".
_TIME_LEFT = frozenset("""
in since by from until till til to through thru during before after of year years circa c. ca.
early late mid around about approximately and or between the fiscal fy spring summer fall autumn
winter christmas end beginning start middle for than into as its his her their our my your this
that at on throughout pre post ending beyond mid- year's a an
""".split())
# Stronger words win over a plural noun after the number: "since 1990 prices rose".
_STRONG_LEFT = frozenset("since until till til during before after circa c. ca. early late mid year".split())
# Words after which a number is a label, a count or money: "Room 2014", "No. 1990", "version 2000".
_LABEL_LEFT = frozenset("""
no no. nos. number num. # room rm rm. suite apt apt. apartment unit version ver ver. v v. model
flight route page p. pp. tel tel. telephone phone fax ext ext. box highway hwy interstate channel
bus gate platform lot size type mark mk series article section chapter exit zip code pin id item
part serial account order ticket seat row floor level building block plot pier dock berth bay
booth stand hall track line vol vol. volume issue opus op. op catalog catalogue file case form
scored score scoring weighs weighed cost costs costing priced pay paid earn earned earns
""".split())
# Counted nouns and units after a number: "2000 soldiers", "1930 hours", "2000 km".
_COUNT_RIGHT = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|hours?\b|hrs?\b|h\b|gmt\b|utc\b|z\b|local\s+time\b|km\b|kg\b|mg\b"
    r"|mm\b|cm\b|m\b|g\b|lb\b|lbs\b|ft\b|mph\b|kph\b|mw\b|kw\b|gb\b|mb\b|tb\b|[kmb]n?\b|dollars?\b"
    r"|euros?\b|won\b|yen\b|yuan\b|pounds?\b|dlrs\b|cents?\b|cts\b|pence\b|francs?\b|lire\b|lira\b|stg\b|rupees?\b|pesos?\b"
    r"|mln\b|bln\b|million\b|billion\b|trillion\b|pct\b|miles?\b|meters?\b|metres?\b|feet\b|foot\b|tons?\b"
    r"|tonnes?\b|acres?\b|hectares?\b|square\b|cubic\b|times\b|x\b|more\b|fewer\b|less\b|other\b"
    r"|new\b|additional\b|extra\b|of\s+(?:the|them|these|those|us|our|their)\b|or\s+so\b|to\s+\d{1,3}\b"
    r"|pages?\b|words?\b|points?\b|votes?\b|members?\b|degrees?\b|calories?\b|shares?\b|bytes?\b"
    r"|per\b|a\s+(?:year|day|month|week|head|piece)\b|each\b|apiece\b)", re.IGNORECASE)
_STREET_RIGHT = re.compile(
    r"\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?(?:[A-Z][\w.'-]*\s+){1,3}(?:Avenue|Ave\b|Street|St\b|Road|Rd\b"
    r"|Boulevard|Blvd\b|Lane|Ln\b|Drive|Dr\b|Way|Place|Pl\b|Court|Ct\b|Square|Parkway|Pkwy\b"
    r"|Highway|Terrace|Circle|Plaza|Alley|Crescent|Row|Trail|Pike)")
_PLURAL_RIGHT = re.compile(r"\s+([a-z][a-z-]*[a-rt-z]s)\b")
_NOT_PLURAL = frozenset("""
was has is as this thus his its yes us plus versus towards afterwards always perhaps whereas
unless does goes means news series species lens bus gas less across various nevertheless
""".split())
_SINGULAR_RIGHT = re.compile(r"\s+[a-z]{3,}\b")
_SENTENCE_START_RIGHT = re.compile(
    r"\s*(?:,|:|\s+(?:was|were|saw|marked|brought|began|ended|proved|became|is|will|had)\b)", re.IGNORECASE)
_FIGURE_AFTER = re.compile(r"[ \t]+\d{3,}\b")
_HEADING = re.compile(r"\d{4}[ \t]*\n[ \t]*\n[ \t]*[A-Z\"“]")
_HEADING_BEFORE = re.compile(r"(?:\A\s*|\n[ \t]*\n[ \t]*)\Z")
_PREV_WORD = re.compile(r"([\w.#'’$€£¥+-]+|[–—(,\[\"“])\s*$")
_PRODUCT_CHARS = re.compile(r"[A-Z]")
# Names of recurring events carry their year: "RoboCup 2026", "Expo 2020", "Summit 2019".
_EVENT_NAME = re.compile(
    r"(?:cup|expo|games|olympics|olympiad|summit|championships?|congress|conference|festival|fair"
    r"|exhibition|biennale|biennial|elections?|census|marathon|awards|forum|showcase|week)$", re.IGNORECASE)


def _previous(text: str, start: int) -> str:
    match = _PREV_WORD.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


_CLOCK_AFTER = re.compile(r"(?:\s*(?:to|and|-|–)\s*\d{4})?\)?\s*,?\s*(?:[ECMP][SD]T|BST|CET|GMT|UTC|local\b|hrs?|hours)\b"
                          r"|(?:\s*(?:to|and|-|–)\s*\d{4})?\s+(?:[A-Z][a-z]+\s+){1,2}[Tt]ime\b"
                          r"|\s*\(\d{4}\s*(?:[ECMP][SD]T|BST|CET|GMT|UTC)\)", re.IGNORECASE)
# "(1000) --": a time of day set apart at the head of an agenda line.
_CLOCK_AGENDA = re.compile(r"\)\s*(?:--|-|–|—)")
_CLOCK_ZONE = re.compile(r"\s*(?:[ECMP][SD]T|BST|CET|local|hrs?)\b", re.IGNORECASE)


def label_before(text: str, start: int) -> bool:
    """Tell whether the number at ``start`` follows a sign, a price, another figure or a label word."""
    before = text[max(0, start - 3):start]
    if before[-1:] and before[-1:] in "$€£¥#/+-.:" or before[-2:].strip()[-1:].isdigit():
        return True
    prev = _previous(text, start)
    low = prev.lower()
    return bool(prev) and (prev[-1].isdigit() or low in _LABEL_LEFT or low.rstrip(".") in _LABEL_LEFT)


def count_after(text: str, end: int) -> bool:
    """Tell whether a unit, a count noun or a time zone follows the number ending at ``end``."""
    right = text[end:end + 60]
    return bool(_COUNT_RIGHT.match(right) or _CLOCK_ZONE.match(right))


def looks_like_year(text: str, start: int, end: int) -> bool:
    """Tell whether the number at ``text[start:end]`` is a year rather than a count or a label."""
    return year_evidence(text, start, end) > 0


def year_evidence(text: str, start: int, end: int) -> int:
    """Weigh the words around a number: 1 for a year, -1 for a count or label, 0 for no clue."""
    before = text[max(0, start - 3):start]
    if before[-1:] and before[-1:] in "$€£¥#/+-.:" or before[-2:].strip()[-1:].isdigit():
        return -1
    right = text[end:end + 60]
    if right[:1] in ("-", "/", ":") and right[1:2].isalnum():
        return -1
    if before[-1:] == "(" and _FIGURE_AFTER.match(right):
        return -1  # "2129(1900 2303)": a column of a price table
    if dated_level(text, start, end):
        return 1  # "back at 1986 levels", "in 1980 dollars": a level or a price of that year
    if market_level(text, start, end):
        return -1  # "The Nikkei closed at 1980", "rose 30 points to 1950": a market's level
    if _COUNT_RIGHT.match(right) or _STREET_RIGHT.match(right) or _CLOCK_AFTER.match(right) or (
            before[-1:] == "(" and _CLOCK_AGENDA.match(right)):
        return -1  # "1500 tonnes", "1000 EST", "1115 to 1330 local time": amounts and clock times
    prev = _previous(text, start)
    low = prev.lower()
    if prev and prev[-1].isdigit():
        return -1  # phone numbers and lists of figures: "+82 2 1990 2013"
    if low in _LABEL_LEFT or low.rstrip(".") in _LABEL_LEFT:
        return -1
    if low.endswith(("'s", "’s")):
        return -1 if _plural_after(right) else 1
    if low in _TIME_LEFT or prev in ("–", "—", "(", "[", ",", "“", '"'):
        if low in _STRONG_LEFT:
            return 1
        return -1 if _plural_after(right) else 1
    if prev and prev[0].isupper() and _EVENT_NAME.search(prev):
        return 1
    if (prev and prev[0].isupper() and _PRODUCT_CHARS.search(prev) and not prev.endswith((".", "!", "?"))
            and not _at_sentence_start(text, start - len(prev) - 1)):
        # "Windows 2000", "LibraSys 2000": a name right before the number makes it a model number.
        return -1
    if _HEADING.match(text, start) and _HEADING_BEFORE.search(text, max(0, start - 3), start) is not None:
        return 1  # a year alone on its line after a blank one heads the section it dates: "\n\n1937\n"
    if not prev or _at_sentence_start(text, start):
        return 1 if _SENTENCE_START_RIGHT.match(right) else 0
    if prev.isalpha() and prev.islower() and _SINGULAR_RIGHT.match(right) and not _plural_after(right):
        return 1  # "his unsuccessful 1996 campaign": a year used as a modifier
    return -1 if _plural_after(right) else 0


def _plural_after(right: str) -> bool:
    match = _PLURAL_RIGHT.match(right)
    return bool(match) and match.group(1) not in _NOT_PLURAL


def _at_sentence_start(text: str, start: int) -> bool:
    head = text[max(0, start - 4):start].rstrip(" \t")
    return not head or head[-1] in ".!?\n"


# Words after which a number far from the publication date is still a year: "founded in 1881", "since
# 1866", "the crash of 1929", "by 2050". A bare "to 1844", "at 1100" or "the 1500 companies" is not enough.
_STRONG_BEFORE = frozenset("""in on since until till circa c. ca. during year years from before after between
    founded established built born formed created dating dated of by through throughout""".split())
# "a new high of 1757", "the 1840 level": "of" after a measure introduces a figure, not a year.
_CLOCK_PREPOSITIONS = frozenset("after before until till by from between".split())
_CLOCK_DIGITS = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d\b")
_CHRONOLOGY_LINE = re.compile(r"\d{3,4}:[ \t]+[A-Z]")
_MEASURE_OF = re.compile(r"\b(?:high|low|level|figure|total|peak|record|average|index|price|rate|close|closing|value"
                         r"|sum|amount|number|count|volume|score|reading|target|estimate|mark|height|depth)s?\s+of\s*$",
                         re.IGNORECASE)


def strong_year_evidence(text: str, start: int) -> bool:
    """Tell whether the words before a date that starts at ``start`` make it a year even far from the
    publication date: a preposition of time ("in", "since", "by"), a verb of founding, or "of" after
    anything but a measure."""
    if _CHRONOLOGY_LINE.match(text, start) and text[max(0, start - 1):start] in ("", "\n"):
        return True  # "1492: Columbus leaves Spain." in a chronology, one line per year
    word = _previous(text, start)
    prev = word.lower()
    if prev not in _STRONG_BEFORE:
        return False
    if prev in _CLOCK_PREPOSITIONS and word[:1].islower() and _CLOCK_DIGITS.match(text, start):
        return False  # "orders after 1530", "from 0900 to 1305": a time of day (but "By 1802 the canal ...")
    return prev != "of" or _MEASURE_OF.search(text, max(0, start - 30), start) is None
