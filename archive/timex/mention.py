"""The records of the tagger: a found mention, a resolution and the scanning context."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from archive.timex.calendar import Day, Point


@dataclass(frozen=True)
class DateMention:
    """One temporal expression of a text, normalised to a TimeML TIMEX3 value."""

    start: int
    end: int
    text: str
    value: str
    type: str
    precision: str | None
    mod: str | None = None
    earliest: Day | None = None
    latest: Day | None = None


@dataclass(frozen=True)
class Resolved:
    """What a rule makes of its span once the context is known."""

    value: str
    type: str = "DATE"
    precision: str | None = None
    mod: str | None = None
    earliest: Day | None = None
    latest: Day | None = None
    # The calendar point later anaphora ("a year later") count from; None leaves it as it was.
    anchor: Point | None = None


def at(point: Point, mod: str | None = None, type_: str = "DATE", *, last: Point | None = None,
       anchor: bool = True) -> Resolved:
    """Resolve to a calendar point (or the range from ``point`` to ``last``)."""
    earliest = point.bounds[0]
    latest = (last or point).bounds[1]
    return Resolved(point.value, type_, point.gran, mod, earliest, latest, point if anchor else None)


def plain(value: str, type_: str = "DATE", mod: str | None = None) -> Resolved:
    """Resolve to a value with no calendar bounds (durations, sets, vague references)."""
    return Resolved(value, type_, None, mod)


_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|planned\s+for|expects?\s+to|is\s+expected"
    r"|are\s+expected|scheduled|due\s+to|set\s+to|to\s+be\s+held|upcoming|next|as\s+soon\s+as|as\s+early\s+as"
    r"|until|postponed|delayed|deadline|effective|starting|beginning)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"(\S*)[.!?][\"'’”)]*\s+(?=[\"'“‘`(]*[A-Z0-9])|\n")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr co corp inc ltd jan feb mar apr jun jul aug sep sept oct nov dec no gen gov sen rep lt col "
    "capt sgt prof vs etc fig mt ft u.s u.n a.m p.m".split())
_SENTENCE_END = re.compile(r"[.!?\n]\s")


@dataclass
class Context:
    """The state of one left-to-right scan: text, publication date and running reference."""

    text: str
    dct: date | None
    ref: Point | None = None
    ref_end: int = -1

    def sentence_start(self, offset: int, reach: int = 200) -> int:
        """Return where the sentence holding ``offset`` starts (looking back at most ``reach``)."""
        begin = max(0, offset - reach)
        start = begin
        for match in _BOUNDARY.finditer(self.text, begin, offset):
            word = match.group(1) or ""
            token = word.lower().strip("\"'“‘`(")
            if match.group(0) == "\n" or (len(token) > 1 and token not in _ABBREVIATIONS):
                start = match.end()
        return start

    def sentence(self, start: int) -> str:
        """Return the sentence around the offset ``start``."""
        left = self.sentence_start(start)
        match = _SENTENCE_END.search(self.text, start)
        return self.text[left:match.start() + 1 if match else len(self.text)]

    def tense(self, start: int, end: int) -> str | None:
        """Return "future" when the words just before a mention speak of the future, else None.

        Past-tense cues were tried and dropped: news mostly reports the nearest such date anyway.
        """
        left = max(self.sentence_start(start), start - 70)
        return "future" if _FUTURE.search(self.text, left, start) else None

    def future(self, start: int, end: int) -> bool:
        """Tell whether the words just before the mention speak of the future."""
        return self.tense(start, end) == "future"

    def same_sentence(self, left: int, right: int) -> bool:
        """Tell whether no sentence ends between the offsets ``left`` and ``right``."""
        return 0 <= left <= right and _SENTENCE_END.search(self.text, left, right) is None

    def anchor(self) -> Point | None:
        """Return the running reference point, or the publication day, or None."""
        if self.ref is not None:
            return self.ref
        return Point.of_date(self.dct) if self.dct else None


Resolver = Callable[[Context], "Resolved | None"]


@dataclass(frozen=True)
class Candidate:
    """A span some rule matched, with the function that resolves it in context."""

    start: int
    end: int
    resolve: Resolver
    priority: int = 0
