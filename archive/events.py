"""Dated events: every sentence that says when something happened becomes one."""
from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass

from archive.dates import DateMention, tag_dates, years_in
from archive.labels import date_label
from archive.timex.calendar import astronomical
from archive.models import Article
from archive.sentences import Sentence, split_sentences

Day = tuple[int, int, int]

# TimeML modifiers, as a researcher reads them.
MODIFIERS = {"APPROX": "approximate", "START": "early", "MID": "mid", "END": "late",
             "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "until", "ON_OR_AFTER": "since",
             "LESS_THAN": "before", "MORE_THAN": "after", "EQUAL_OR_LESS": "until", "EQUAL_OR_MORE": "since"}
# Too vague to place on a timeline: "the twenty-first century is the era of information".
TOO_VAGUE = frozenset({"century", "millennium"})
PRECISION_RANK = {"millennium": 0, "century": 1, "decade": 2, "year": 3, "half": 4, "quarter": 5,
                  "season": 6, "month": 7, "week": 8, "day": 9}
HEADLINE_CHARS = 160
# The timeline's range; wider than any archive needs, narrow enough for compact sort keys.
MAX_YEAR = 99_999

_CLAUSE_BREAK = re.compile(r"\s*(?:;|:\s|,\s(?=(?:but|while|whereas|which|who|although|though)\b))\s*")
_LEADING_DATE = re.compile(r"^(?:(?:in|on|by|since|around|about|during|from|until|as of|circa)\s+)?(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class Event:
    """Something that happened at a date, with the sentence that says so."""

    id: str
    article_id: str | None
    value: str
    precision: str
    modifier: str | None
    earliest: Day
    latest: Day
    headline: str
    sentence: str
    start: int | None = None  # span of the sentence in the article body; None for the title
    end: int | None = None
    curated: bool = False
    hidden: bool = False  # a researcher's correction took it off the timeline
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        """The year the event is filed under on a timeline (astronomical: 0 is 1 BC)."""
        return self.earliest[0]

    @property
    def label(self) -> str:
        """The date as precisely as it is known, for a reader: "late 2006", "May 2006"."""
        return date_label(self.earliest, self.latest, self.precision, self.modifier)

    @property
    def sort_key(self) -> tuple:
        """Chronological order; within a day, coarser dates (the year alone) come first."""
        return (self.earliest, PRECISION_RANK.get(self.precision, 0), self.latest)


@dataclass(frozen=True)
class ArticleDates:
    """What the date tagger finds in one article: the years it mentions and its events."""

    years: list[int]
    events: list[Event]


def date_article(article: Article) -> ArticleDates:
    """Tag an article's title and body once and return its years and its events."""
    title_mentions = tag_dates(article.title, published=article.published)
    body_mentions = tag_dates(article.body, published=article.published)
    events = []
    if title_mentions:
        title = Sentence(0, len(article.title), article.title)
        events += _sentence_events(article, title, title_mentions, in_title=True)
    first = 0  # mentions and sentences both come in text order: walk them together
    for sentence in split_sentences(article.body) if body_mentions else []:
        while first < len(body_mentions) and body_mentions[first].start < sentence.start:
            first += 1
        last = first
        while last < len(body_mentions) and body_mentions[last].start < sentence.end:
            last += 1
        if last > first:
            events += _sentence_events(article, sentence, body_mentions[first:last], in_title=False)
    return ArticleDates(years_in(title_mentions + body_mentions), events)


def extract_events(article: Article) -> list[Event]:
    """Return the dated events of an article's title and body, in text order."""
    return date_article(article).events


def _sentence_events(article: Article, sentence: Sentence, mentions: list[DateMention], in_title: bool) -> list[Event]:
    dated = [m for m in mentions if _placeable(m)]
    # "A decade later, in 2017": the explicit date says it; the relative phrase only leads to it.
    explicit = [m for m in dated if any(c.isdigit() for c in m.text)]
    chosen, seen, events = explicit or dated, set(), []
    for occurrence, mention in enumerate(chosen):
        if mention.value in seen:
            continue
        seen.add(mention.value)
        local_start = mention.start - (0 if in_title else sentence.start)
        events.append(Event(
            id=event_id(article.id, sentence.text, mention.text, occurrence),
            article_id=article.id,
            value=astronomical(mention.value),  # the index counts years as numbers: -0469 is 470 BC
            precision=mention.precision or "year",
            modifier=MODIFIERS.get(mention.mod or ""),
            **_narrowed(mention),
            headline=headline(sentence.text, local_start, local_start + len(mention.text)),
            sentence=sentence.text,
            start=None if in_title else sentence.start,
            end=None if in_title else sentence.end,
        ))
    return events


def _narrowed(mention: DateMention) -> dict:
    """Return earliest and latest days, narrowed to the third of a year or decade that
    "early", "mid" or "late" names, so "late 2006" sorts after "May 2006"."""
    earliest, latest = tuple(mention.earliest), tuple(mention.latest)
    third = {"START": 0, "MID": 1, "END": 2}.get(mention.mod or "")
    if third is not None and mention.precision == "year":
        first_month = 1 + 4 * third
        earliest, latest = (earliest[0], first_month, 1), (earliest[0], first_month + 3, _last_day(earliest[0], first_month + 3))
    elif third is not None and mention.precision == "decade":
        first_year = earliest[0] + (0, 4, 7)[third]
        earliest, latest = (first_year, 1, 1), (earliest[0] + (3, 6, 9)[third], 12, 31)
    return {"earliest": earliest, "latest": latest}


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year if year > 0 else 2000 + year % 400, month)[1]


def _placeable(mention: DateMention) -> bool:
    return (mention.type == "DATE" and mention.earliest is not None and mention.latest is not None
            and mention.precision not in TOO_VAGUE and abs(mention.earliest[0]) <= MAX_YEAR)


def event_id(article_id: str | None, sentence: str, mention_text: str, occurrence: int) -> str:
    """Return an id that stays the same while the sentence and its date do not change."""
    key = "\x00".join([article_id or "", " ".join(sentence.split()), mention_text, str(occurrence)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def headline(sentence: str, start: int, end: int) -> str:
    """Return the clause of ``sentence`` that holds the date at [start, end), trimmed."""
    clauses, position = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        clauses.append((position, match.start()))
        position = match.end()
    clauses.append((position, len(sentence)))
    index = next((i for i, (s, e) in enumerate(clauses) if s <= start < e), len(clauses) - 1)
    first, last = clauses[index]
    # A clause that is little more than the date ("since 2016") takes the next one along.
    if len(sentence[first:last].split()) - len(sentence[start:end].split()) < 4 and index + 1 < len(clauses):
        last = clauses[index + 1][1]
    if _LEADING_DATE.match(sentence[first:start]) and sentence[end:end + 1] in (",", ":"):
        first = end + 1  # "In 2013, X did Y" -> "X did Y"; "1479 BC: X" -> "X"
    text = sentence[first:last].strip().rstrip(".,;:")
    return _shorten(text[:1].upper() + text[1:])


def _shorten(text: str) -> str:
    if len(text) <= HEADLINE_CHARS:
        return text
    cut = text.rfind(" ", 0, HEADLINE_CHARS - 1)
    return text[: cut if cut > 0 else HEADLINE_CHARS - 1].rstrip(",;:") + "…"

