"""Dated events: every sentence that says when something happened becomes one."""
from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from datetime import date

from archive import happenings
from archive.anchors import dates_a_happening
from archive.happenings import Reference
from archive.labels import date_label
from archive.plans import is_planned
from archive.timex.calendar import astronomical
from archive.models import Article
from archive.sentences import Sentence, split_sentences

if TYPE_CHECKING:  # the tagger is imported when an article is dated: a command that dates nothing starts without it
    from archive.dates import DateMention

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

_CLAUSE_BREAK = re.compile(r"\s*(?:;|:\s|,\s(?=(?:but|while|whereas|which|who|although|though|and then|and (?:in|on|by|since)\b|before|after)\b))\s*")
# A topic: a few capitalised words (joined by small ones) before a colon: "American Revolutionary War: ".
_TOPIC = re.compile(r"\s*(?:[A-Z0-9][\w'’.&-]*(?:\s+(?:of|the|and|in|on|for|de|la|von|du|[A-Z0-9(][\w'’.&()-]*)){0,7})\s*:\s+")
# In a chronology line ("1879: Women's rights: The president signs ..."), any short phrase before a
# colon that words follow is a topic, whatever its case ("Salem witch trials", "Chaco War ends",
# "St. Lucia's flood"); a colon before a figure ("signs two orders: 6101 to ...") ends no topic,
# and what follows must be three words or more ("discovers a new moon of Saturn: Enceladus").
_CHRONOLOGY_TOPIC = re.compile(r"\s*[\"“'(]?[^\W_][^:;!?]{0,90}?:\s+(?=[\"“'(]?[^\W\d_])")
_LEADING_AND = re.compile(r"^and(?: then)?\s+", re.I)
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
    # How the date was found: "text" (written in the sentence), "publication" (the article's
    # news, dated by its publication day) or "context" (the date the story had reached).
    anchor: str = "text"
    planned: bool = False  # said to be still to come ("will open in 2027"): archive.plans
    corrected: bool = False  # a researcher's correction redated or retitled it (archive.curated)
    # The date and headline the tagger found, when a correction changed them: what the event
    # tells is still that happening, so it stays in that happening's entry (archive.curated).
    extracted_as: tuple[str, str] | None = None

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
    from archive.dates import tag_dates, years_in

    title_mentions = tag_dates(article.title, published=article.published)
    body_mentions = tag_dates(article.body, published=article.published)
    events = []
    if title_mentions:
        title = Sentence(0, len(article.title), article.title)
        events += _sentence_events(article, title, title_mentions, in_title=True)
    story = _Story(article, title_mentions + body_mentions)
    first = 0  # mentions and sentences both come in text order: walk them together
    for sentence in split_sentences(article.body):
        while first < len(body_mentions) and body_mentions[first].start < sentence.start:
            first += 1
        last = first
        while last < len(body_mentions) and body_mentions[last].start < sentence.end:
            last += 1
        dated = _sentence_events(article, sentence, body_mentions[first:last], in_title=False)
        events += dated or story.undated(sentence)
        story.went_on(sentence, dated)
    if not story.has_lead and not any(e.start is None for e in events):
        events += story.title_lead()
    return ArticleDates(years_in(title_mentions + body_mentions), events)


class _Story:
    """The reference time an article has reached, sentence after sentence (see archive.happenings)."""

    def __init__(self, article: Article, mentions: list[DateMention]):
        self.article = article
        self.has_lead = False
        self.history = False  # set by a lead dated long before publication
        self.previous: Sentence | None = None
        self.current: Reference | None = None  # the date the narrative last gave
        self.writer: Reference | None = None  # the date the writer last gave their own part ("I visited in May 2006")
        self.news: Reference | None = None
        if article.published:
            self.news = next((_reference(m, "context") for m in mentions
                              if _placeable(m) and m.precision in ("day", "week")
                              and happenings.near_publication(m.earliest, m.latest, article.published)),
                             None)
            if self.news is None or self.news.earliest == self.news.latest == _day(article.published):
                self.news = happenings.publication_reference(article.published)

    def undated(self, sentence: Sentence) -> list[Event]:
        """The happening an undated sentence reports, dated by the story; or none."""
        if self.news is None or not happenings.is_prose(sentence.text):
            return []
        if not self.has_lead:  # the lead: the news of the day
            self.has_lead = True
            return [_context_event(self.article, sentence, happenings.publication_reference(self.article.published))]
        tense = happenings.tense(sentence.text)
        if tense is None:
            return []
        if happenings.writer_speaks(sentence.text):
            # The writer's own part is the writer's time; what follows is what the writer found then.
            reached = self.current = self.writer or happenings.publication_reference(self.article.published)
        elif self.history:
            reached = self.current if tense == "past" and self.current else \
                happenings.publication_reference(self.article.published)
        elif self.current and _same_paragraph(self.article.body, self.previous, sentence):
            reached = self.current
        else:
            reached = self.news
        return [_context_event(self.article, sentence, reached)]

    def went_on(self, sentence: Sentence, dated: list[Event]) -> None:
        """Remember the date this sentence reached, for the next one."""
        if dated:
            if not self.has_lead and happenings.is_prose(sentence.text):
                self.has_lead = True
                self.history = bool(self.article.published) and happenings.long_before(dated[0].latest,
                                                                                         self.article.published)
            last = dated[-1]
            self.current = Reference(last.value, last.precision, last.earliest, last.latest, "context")
            if happenings.writer_speaks(sentence.text):
                self.writer = self.current
        self.previous = sentence

    def title_lead(self) -> list[Event]:
        """The title as the article's news, when its body has no sentence to carry it."""
        title = self.article.title
        if self.news is None or len(title.split()) < happenings.MIN_WORDS:
            return []
        return [_context_event(self.article, Sentence(0, len(title), title),
                               happenings.publication_reference(self.article.published), in_title=True)]


def _day(day: date) -> Day:
    return (day.year, day.month, day.day)


def _same_paragraph(body: str, before: Sentence | None, sentence: Sentence) -> bool:
    return before is not None and "\n\n" not in body[before.end:sentence.start].replace("\r", "").replace(" ", "").replace("\t", "")


def _reference(mention: DateMention, anchor: str) -> Reference:
    return Reference(_value(mention), mention.precision or "day", **_narrowed(mention), anchor=anchor)


def _context_event(article: Article, sentence: Sentence, reference: Reference, in_title: bool = False) -> Event:
    title_line = headline(sentence.text, 0, 0)
    return Event(
        id=event_id(article.id, sentence.text, "", 0),
        article_id=article.id,
        value=reference.value,
        precision=reference.precision,
        modifier=None,
        earliest=reference.earliest,
        latest=reference.latest,
        headline=title_line,
        sentence=sentence.text,
        start=None if in_title else sentence.start,
        end=None if in_title else sentence.end,
        anchor=reference.anchor,
        planned=is_planned(title_line, reference.earliest, article.published),
    )


def extract_events(article: Article) -> list[Event]:
    """Return the dated events of an article's title and body, in text order."""
    return date_article(article).events


def _sentence_events(article: Article, sentence: Sentence, mentions: list[DateMention], in_title: bool) -> list[Event]:
    offset = 0 if in_title else sentence.start
    dated = [m for m in mentions if _placeable(m) and dates_a_happening(sentence.text, m, offset)]
    # "A decade later, in 2017": the explicit date says it; the relative phrase only leads to it.
    explicit = [m for m in dated if any(c.isdigit() for c in m.text)]
    chosen, seen, events = explicit or dated, set(), []
    for occurrence, mention in enumerate(chosen):
        if mention.value in seen:
            continue
        seen.add(mention.value)
        local_start = mention.start - (0 if in_title else sentence.start)
        line = headline(sentence.text, local_start, local_start + len(mention.text))
        span = _narrowed(mention)
        events.append(Event(
            id=event_id(article.id, sentence.text, mention.text, occurrence),
            article_id=article.id,
            value=_value(mention),
            precision=mention.precision or ("day" if mention.type == "TIME" else "year"),
            modifier=MODIFIERS.get(mention.mod or ""),
            **span,
            headline=line,
            sentence=sentence.text,
            start=None if in_title else sentence.start,
            end=None if in_title else sentence.end,
            planned=is_planned(line, span["earliest"], article.published),
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


def _value(mention: DateMention) -> str:
    """The date a mention names, as the index counts it: -0469 is 470 BC; a time of day gives its day."""
    value = astronomical(mention.value)
    return value.split("T")[0] if mention.type == "TIME" else value


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year if year > 0 else 2000 + year % 400, month)[1]


def _placeable(mention: DateMention) -> bool:
    # A time of day ("at 16:00 UTC today") dates a happening on its day.
    return (mention.type in ("DATE", "TIME") and mention.earliest is not None and mention.latest is not None
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
    chronology = False
    if _LEADING_DATE.match(sentence[first:start]) and sentence[end:end + 1] in (",", ":"):
        chronology = sentence[end:end + 1] == ":" and not sentence[:first].strip()
        first = end + 1  # "In 2013, X did Y" -> "X did Y"; "1479 BC: X" -> "X"
    # A chronology's topics ("World War II: Battle of X: The happening") are context: the
    # headline is the happening after them.
    while _TOPIC.match(sentence, first) and index + 1 < len(clauses) and _TOPIC.match(sentence, first).end() >= last:
        index += 1
        first, last = clauses[index]
    while (topic := _TOPIC.match(sentence, first)) and len(sentence[topic.end():last].split()) >= 3:
        first = topic.end()
    while chronology and (topic := _CHRONOLOGY_TOPIC.match(sentence, first)) and len(sentence[topic.end():].split()) >= 3:
        first = topic.end()
        last = max(last, next((e for s_, e in clauses if s_ <= first < e), last))
    text = _LEADING_AND.sub("", sentence[first:last].strip().rstrip(".,;:"))
    return _shorten(text[:1].upper() + text[1:])


def _shorten(text: str) -> str:
    if len(text) <= HEADLINE_CHARS:
        return text
    cut = text.rfind(" ", 0, HEADLINE_CHARS - 1)
    return text[: cut if cut > 0 else HEADLINE_CHARS - 1].rstrip(",;:") + "…"

