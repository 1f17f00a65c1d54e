"""The records of the tagger: a found mention, a resolution and the scanning context."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from archive.timex.calendar import Day, Point


@dataclass(frozen=True)
class Part:
    """One end of a range, as TimeML tags it: its own extent and value ("1939" and "45" of "1939-45")."""

    start: int
    end: int
    value: str


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
    # A range ("1939-45", "between 2012 and 2014") spans both ends; these are the ends themselves.
    parts: tuple[Part, ...] = ()

    def timeml(self) -> tuple[Part, ...]:
        """Return the TIMEX3 this mention makes: one, or one per end of a range."""
        return self.parts or (Part(self.start, self.end, self.value),)


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
    parts: tuple[Part, ...] = ()
    # Counted from the date the text is talking about ("the next day", "two weeks later"): the story moves on.
    follows: bool = False


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
    r"\b(?:will|won't|'ll|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|plann(?:ed|ing)\s+(?:to|for|a|an|the)|planned\s+for"
    r"|expects?\s+to|is\s+expected|are\s+expected|scheduled|due\s+to|set\s+to|to\s+be\s+held|upcoming|next(?!\s+to\b)"
    r"|as\s+soon\s+as|as\s+early\s+as|until|postponed|delayed|deadline|effective|starting|beginning"
    r"|would\s+(?:be|leave|arrive|meet|travel|return|begin|start|go|come|hold|visit|resume|open|close|sign)|hopes?\s+to|intends?\s+to|ready\s+to)\b", re.IGNORECASE)
# The present tense of a scheduled move speaks of the future: "Arafat meet separately Monday".
_SCHEDULED = re.compile(
    r"\b(?:meet|meets|leave|leaves|arrive|arrives|depart|departs|visit|visits|travel|travels|fly|flies|resume|resumes"
    r"|convene|convenes|(?:is|are|am)\s+(?:meeting|leaving|arriving|departing|visiting|traveling|travelling|flying"
    r"|heading|returning|resuming|convening))\s+(?:\w+ly\s+)?(?:on\s+)?$", re.IGNORECASE)
# "Until Thursday, they had not called him a suspect": a pluperfect after "until" looks back.
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:on\s+)?$", re.IGNORECASE)
_PAST_PERFECT_AFTER = re.compile(r"\b(?:had|hadn't)\b", re.IGNORECASE)
# "by February" sets a deadline, unless a pluperfect looks back at it ("had filed by Wednesday").
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
_PLUPERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
# A reporting verb right before the date ("he said Friday") dates the report, which lies in the past.
_REPORTED = re.compile(
    r"\b(?:said|told|announced|reported|declared|confirmed|denied|added|predicted|disclosed|stated|ruled|acknowledged"
    r"|warned|insisted|claimed|wrote|noted|indicated|agreed|decided|voted|rejected|approved)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE)
# A closing quotation mark: a cue inside a quotation does not govern what follows it.
_CLOSE_QUOTE = re.compile(r"''|”|[,.!?]\"")
# What may stand between the start of a sentence and a date that opens it ("On Tuesday, ...").
_OPENER = re.compile(r"[\s\"'`“‘(]*(?:(?:on|by|late|early|and|but|also|then|next|this|last|until)\s+)*$", re.IGNORECASE)
# After a date that opens its sentence only a present or future verb counts ("planned to" there is past).
_FUTURE_AFTER = re.compile(
    r"\b(?:will|won't|'ll|shall|plans?\s+to|intends?\s+to|expects?\s+to|hopes?\s+to"
    r"|(?:is|are)\s+(?:expected|scheduled|set|due|to|going\s+to|planning))\b", re.IGNORECASE)
# Plans made in the present tense: "will", "is expected", "are to", "plans to", "hope to", "a summit set for".
_PLANNED = re.compile(r"\b(?:will|won't|shall|(?:is|are|am)\s+(?:expected|scheduled|set|due|to|planned|going)"
                      r"|(?:plans?|hopes?|expects?|intends?|aims?)\s+to|(?<!was\s)(?<!were\s)(?<!been\s)set\s+for)\b|'ll\b",
                      re.IGNORECASE)
_FULL_STOP = re.compile(r"[.!?][\"'”’)]*\s")
_QUARTER_REACH = 250
_RESULT = re.compile(r"[\s-]*(?:net\b|profits?\b|earnings\b|loss(?:es)?\b|income\b|results\b|revenues?\b|sales\b)", re.IGNORECASE)
_REPORT_REACH = 2000
# A result the period owns: "This quarter's loss", "the quarter's sales".
OWN_RESULT = re.compile(r"(?:'s|’s)\s+(?:net\b|profits?\b|earnings\b|loss(?:es)?\b|income\b|results\b|revenues?\b|sales\b)",
                        re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[.;!?]\s|\n")

# A past participle after a noun, then "in <year>": "a program approved (by the company) in 1987".
_REDUCED_RELATIVE = re.compile(r"\b([A-Za-z]+)\s+[a-z]+(?:ed|en)(?:\s+by\s+[^,;.]{1,40}?)?\s+(?:in|during)\s+$")
_AUXILIARIES = frozenset("""was were is are be been being has have had not never also it he she they we i who which that
    and or but then later first recently""".split())

_BOUNDARY = re.compile(r"(\S*)[.!?][\"'’”)]*\s+(?=[\"'“‘`(]*[A-Z0-9])|\n")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr co corp inc ltd jan feb mar apr jun jul aug sep sept oct nov dec no gen gov sen rep lt col "
    "capt sgt prof vs etc fig mt ft u.s u.n a.m p.m".split())
_SENTENCE_END = re.compile(r"[.!?\n]\s")
# A story of the past: its last date lies this many years or more from the publication date.
STORY_DISTANCE = 3
# A paragraph break: a blank line, or a new line indented as newswire indents its paragraphs.
_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n[ \t]{2,}")
# Years written as numbers, to weigh how much of a text tells the past (a coarse count: clock times pass too).
_YEARISH = re.compile(r"(?<![\d.,$])(?:1[0-9]{3}|20[0-9]{2})(?![\d])")
_STORY_GRANS = frozenset({"year", "half", "quarter", "season", "month", "week", "day"})
# A date moves a story on when it says when something happened: "On 7 August, troops ...", "in 1929 the
# market ...", "(14 August-24 August)". A date that only qualifies a noun ("the Dec. 21, 1988, bombing",
# "the 1933 act"), starts an open stretch ("since 1949") or lies ahead ("due 1993") does not.
_TELLS_WHEN = re.compile(
    r"(?:(?<![\w-])(?:in|on|by|during|from|at|around|circa|between|throughout|through|until|till|and|to|or|of)\s+"
    r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?(?:the\s+)?|[(\[–—-]\s*)$", re.IGNORECASE)
# A story jumps this many years or more only at a year written at the head of a sentence ("In 1939, ...").
STORY_JUMP = 20
_WRITTEN_YEAR = re.compile(r"\d{3,4}|\bBC")
# "the August 1792 uprising": a date between "the" and a noun qualifies the noun.
_QUALIFIES = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r",?\s+(?!(?:and|or|but|the|a|an|to|in|on|at|of|by|for|from|with|when|as|was|were|had|has|is|are"
                         r"|he|she|it|they|we|its|their|his|her)\b)[a-z]{3,}\b")
_NO_STORY = re.compile(r"(?:\bsince|\bdating(?:\s+back)?\s+to|\bdue|\bbefore|\bafter|\bexpires?|\bmatur\w+)\s+(?:the\s+)?$",
                       re.IGNORECASE)


@dataclass
class Context:
    """The state of one left-to-right scan: text, publication date and running reference."""

    text: str
    dct: date | None
    ref: Point | None = None
    ref_end: int = -1
    ref_start: int = -1
    # The quarter (or half) an earnings report is about: the first one the text names.
    report: Point | None = None
    report_end: int = -1
    span_end: int = -1
    _narrative: bool | None = None
    # The date a story of the past has reached (see ``story``) and where the text said so.
    story_point: Point | None = None
    story_end: int = -1

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
        """Return "future" when the words governing a mention speak of the future, else None.

        The cue is looked for just before the mention, in the same sentence and after any closing
        quotation mark; a date that opens its sentence ("On Tuesday, the group will ...") looks at the
        verb after it instead. A reporting verb right before the date ("he said Friday") wins over
        both. Other past-tense cues were tried and dropped: news mostly reports the nearest such date.
        """
        sentence = self.sentence_start(start)
        left = max(sentence, start - 70)
        before = self.text[left:start]
        if _REPORTED.search(before):
            return None
        base = left
        for match in _CLOSE_QUOTE.finditer(before):
            left = base + match.end()
        if _UNTIL.search(self.text, left, start) and _PAST_PERFECT_AFTER.search(self._clause_after(end)):
            return None
        if _FUTURE.search(self.text, left, start) or _SCHEDULED.search(self.text, left, start):
            return "future"
        if _BY.search(self.text, left, start) and not _PLUPERFECT.search(self.text, left, start):
            return "future"
        if _OPENER.fullmatch(self.text, sentence, start):
            if _FUTURE_AFTER.search(self._clause_after(end)):
                return "future"
        return None

    def _clause_after(self, end: int) -> str:
        stop = _CLAUSE_STOP.search(self.text, end, end + 120)
        return self.text[end:stop.start() if stop else min(len(self.text), end + 120)]

    def planned(self, start: int) -> bool:
        """Tell whether a date is planned from the present ("a summit set for April", "will meet on 3 May",
        "hope to reach six a month by year end"): such a date belongs to the publication date even in a text
        that tells history. A story's own future ("would meet in June", "hoped to") is no plan of the present."""
        left = max(0, start - 70)
        for stop in _FULL_STOP.finditer(self.text, left, start):  # hard-wrapped lines run on: only a full stop ends
            left = stop.end()
        return _PLANNED.search(self.text, left, start) is not None

    def future(self, start: int, end: int) -> bool:
        """Tell whether the words just before the mention speak of the future."""
        return self.tense(start, end) == "future"

    def sentence_year(self, offset: int) -> Point | None:
        """Return the year or month named earlier in the sentence that a bare date at ``offset`` falls in.

        "In 1989, ... on Nov. 9" stays in 1989; a year that only dates a noun before it ("a program
        approved by the company in 1987 ... through Sept. 29") says nothing about the later date.
        """
        if self.ref is None or self.ref.gran not in ("year", "month") or not self.same_sentence(self.ref_end, offset):
            return None
        relative = _REDUCED_RELATIVE.search(self.text, max(0, self.ref_start - 70), max(0, self.ref_start))
        if relative and relative.group(1).lower() not in _AUXILIARIES:
            return None
        return self.ref

    def same_sentence(self, left: int, right: int) -> bool:
        """Tell whether no sentence ends between the offsets ``left`` and ``right``."""
        return 0 <= left <= right and _SENTENCE_END.search(self.text, left, right) is None

    def note_period(self, point: Point, end: int) -> None:
        """Remember the quarter or half a report is about.

        That is the first one the text names, or a later one that heads a result ("third-quarter
        profit"), or the first one after a long stretch without any.
        """
        if self.report is None or end - self.report_end > _REPORT_REACH or _RESULT.match(self.text, end):
            self.report = point
        if point == self.report:
            self.report_end = end

    def note_span(self, end: int) -> None:
        """Remember a reporting span such as "the nine months": "a year earlier" then means a year."""
        self.span_end = end

    def quarter_ref(self, offset: int) -> Point | None:
        """Return the quarter "a year earlier" or "the year-ago period" at ``offset`` compares with.

        That is the quarter just named (within a sentence or so), else the quarter the report is about.
        """
        if self.span_end > max(self.ref_end, self.report_end) and offset - self.span_end <= _REPORT_REACH:
            return None  # "In the nine months, net fell ... from a year earlier"
        if self.ref is not None and self.ref.gran in ("quarter", "half") and offset - self.ref_end <= _QUARTER_REACH:
            return self.ref
        if self.report is not None and offset - self.report_end <= _REPORT_REACH:
            return self.report
        return None

    def reported(self, offset: int, gran: str) -> Point | None:
        """Return the quarter (or half) an earnings report is about, if one was named not long before.

        "the quarter" and "the latest period" of a report are the period it reports, which for a
        fiscal quarter ("the fiscal first quarter", ended Sept. 30) is not the calendar quarter just past.
        """
        if self.report is None or self.report.gran != gran or offset - self.report_end > _REPORT_REACH:
            return None
        if self.dct is not None and self.report.bounds[1] >= (self.dct.year, self.dct.month, self.dct.day):
            return None  # the quarter under way (or one to come) is not one being reported
        return self.report

    def story(self, offset: int) -> Point | None:
        """Return the date a story of the past has reached at ``offset``, or None where the text is news.

        A passage tells a story when the last date it named lies STORY_DISTANCE years or more from the
        publication date (or the text has no publication date): "on 14 June", "in late August", "the
        summer" then take their year from the story, as a reader does, not from the publication date.
        In a text that mostly tells the past the story runs on across paragraphs; in news that tells
        history in a paragraph it ends with the paragraph, and the publication date takes over again.
        """
        ref = self.story_point
        if ref is None or ref.gran not in _STORY_GRANS:
            return None
        if self.dct is None:
            return ref
        if self.dct.year - ref.year < STORY_DISTANCE:
            return None
        if self.narrative():
            return ref
        if offset - self.story_end > 3000 or _PARAGRAPH.search(self.text, max(0, self.story_end), offset):
            return None
        return ref

    def note_story(self, point: Point, start: int, end: int, *, moved: bool = False) -> None:
        """Move the story on to ``point`` if the text says something happened then (or ``moved``: a date
        resolved from the story itself, such as "the next day")."""
        if not moved:
            before = self.text[max(0, start - 40):start]
            opens = _OPENER.fullmatch(self.text, self.sentence_start(start), start) is not None
            if _NO_STORY.search(before) or not (opens or _TELLS_WHEN.search(before)):
                return
            story = self.story_point if self.story_point is not None and self.story_point.gran in _STORY_GRANS else None
            if story is not None and abs(point.year - story.year) > STORY_JUMP and not (
                    opens and _WRITTEN_YEAR.search(self.text, start, end)):
                return  # an aside far from the story ("documents found in 2004", "as in 1614")
            if _QUALIFIES.search(before) and _NOUN_AFTER.match(self.text, end) and (
                    story is None or point.bounds[1] < story.bounds[0]):
                return  # "the leader of the August 1792 uprising" looks back: it starts no story, nor moves one back
        self.story_point, self.story_end = point, end

    def narrative(self) -> bool:
        """Tell whether most of the years the text writes lie STORY_DISTANCE years or more from its publication."""
        if self._narrative is None:
            years = [int(y) for y in _YEARISH.findall(self.text)]
            far = sum(1 for y in years if self.dct is None or abs(y - self.dct.year) >= STORY_DISTANCE)
            self._narrative = len(years) >= 3 and far * 2 >= len(years)
        return self._narrative

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
