"""The Whoosh schema of the articles index and how an article becomes a document."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime

from whoosh import columns, fields
from whoosh.analysis import STOP_WORDS, CharsetFilter, Filter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from archive.events import Event
from archive.models import Article
from index.happenings import event_fields
from index.whoosh.analysis import indexed_terms, text_field
from index.ordering import publication_day

# Bump when fields or analysis change: an index built with another version is rebuilt in full.
SCHEMA_VERSION = 9  # 5: anchor, refers and repeat (the happenings); 6: Snowball stemmer, acronyms kept as words;
# 7: planned, and the happening key (what happened, whatever its date) that finds conflicts;
# 8: a headline's figures in the repeat keys, and the corrected kind;
# 9: events no longer index their article's title, nor a headline cut from its sentence

ARTICLES = "articles"
EVENTS = "events"
EVENT_TEXT_FIELDS = ("headline", "sentence")  # searched by default; article_title only when asked
TEXT_FIELDS = ("title", "body")

COMMON_WORDS = STOP_WORDS  # not indexed ("the", "of"): Whoosh's English list


class WordFilter(Filter):
    """Lower-case words and drop common ones (Whoosh's stop words, single letters), keeping acronyms.

    News writes country codes and acronyms that collide with common words: "U.S.", "U.N."
    and "S&P" are words here ("us", "un", "s&p"), and so is a common word written in
    capitals among words that are not ("talks with the US"), not in a headline in capitals
    ("TALKS TO RESUME"), where it is as common as ever. A word alone, as the query parser
    analyses each word, has no neighbours: written in capitals, it is an acronym
    (index.query lower-cases the common words of a query typed in capitals first).
    """

    def __init__(self, stoplist=COMMON_WORDS, minsize: int = 2):
        self.stops = frozenset(stoplist)
        self.min = minsize

    def __eq__(self, other):
        return other and self.__class__ is other.__class__ and self.__dict__ == other.__dict__

    def __call__(self, tokens):
        stops, minsize = self.stops, self.min
        held: list = []  # a capital common word, waiting for the next word with letters, and what came between
        shouting = False  # the last word with letters was written in capitals
        position = [None]
        for t in tokens:
            text = t.text
            lower = text.lower()
            cased = lower != text.upper()
            capitals = cased and text.isupper() and len(text) > 1  # "I" and "A" are not shouting
            if held and cased:
                held[0].stopped = capitals  # an acronym, unless the next word is in capitals too
                yield from _kept(held, position)
                held = []
            t.text = lower
            t.stopped = False
            if "." in lower and _DOTTED.match(lower):
                t.text = lower.replace(".", "")  # "u.s" -> "us", a word even if common
            elif len(lower) < minsize or lower in stops:
                if capitals and not shouting and len(lower) >= minsize:
                    held.append(t.copy())
                    shouting = True
                    continue
                t.stopped = True
            if cased:
                shouting = capitals
            if held:
                held.append(t.copy())
            else:
                yield from _kept([t], position)
        yield from _kept(held, position)  # a capital common word last, after no capitals, is kept


def _kept(tokens: list, position: list):
    """Yield the tokens that are not dropped, closing the gaps dropped words leave in positions."""
    for t in tokens:
        if t.stopped and t.removestops:
            continue
        if t.positions and not t.stopped:
            position[0] = t.pos if position[0] is None else position[0] + 1
            t.pos = position[0]
        yield t


_DOTTED = re.compile(r"^[a-z](?:\.[a-z])+\.?$")
# Words, numbers with their dots ("3.5"), and capital initials joined by "&" ("S&P", "AT&T").
WORD_PATTERN = r"[A-Z]{1,3}(?:&[A-Z]{1,3})+(?![\w&])|\w+(?:\.?\w+)*"

# Snowball's English stemmer (Porter's keeps automated/automation apart); accent folding
# after stemming, so "café" finds "cafe" and the reverse.
TEXT_ANALYZER = (RegexTokenizer(WORD_PATTERN) | WordFilter() | StemFilter(lang="en")
                 | CharsetFilter(accent_map))


def year_field(**options) -> fields.NUMERIC:
    """Return a field for years, signed so that years before the common era sort right.

    Whoosh indexes a number once per ``shift_step`` bits so that wide ranges need few terms;
    for years, 4 terms (not Whoosh's default 8) keep a range of centuries at a few hundred
    terms and halve the postings every year adds to a reindex.
    """
    return fields.NUMERIC(int, bits=32, signed=True, shift_step=8, **options)


def article_schema() -> fields.Schema:
    """Return the schema of the articles index."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        path=fields.ID(stored=True),
        content_hash=fields.ID(sortable=True),
        title=text_field(stored=True, analyzer=TEXT_ANALYZER),  # boosted in queries: see index.whoosh.query
        body=text_field(stored=True, analyzer=TEXT_ANALYZER),
        published=fields.STORED,  # a datetime; searched through pub_year, sorted on day
        day=fields.COLUMN(columns.NumericColumn("i")),  # publication day as yyyymmdd, 0 for none
        pub_year=year_field(stored=True, sortable=True),
        years=year_field(stored=True),
        events=year_field(stored=True),  # years of the dated events found in the article
        source=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True, scorable=True),
        language=fields.ID(stored=True),
        url=fields.STORED,
        metadata=fields.STORED,
    )


def event_schema() -> fields.Schema:
    """Return the schema of the events index: the timeline is a sorted query over it."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),  # "extracted", "curated", or by a correction "hidden" or "corrected"
        refers=fields.ID(),  # "yes" for a sentence about the article's subject that does not name it
        anchor=fields.ID(stored=True),  # how the date was found: "text", "publication" or "context"
        article_id=fields.ID(stored=True),
        # The article as a number, read whole from the column: the events of many articles at once
        # (index.whoosh.event_query); a term per article took 130 µs each.
        article_key=fields.COLUMN(columns.NumericColumn("q")),
        value=fields.STORED,
        year=year_field(stored=True, sortable=True),
        order=fields.COLUMN(columns.NumericColumn("q")),  # sorted on, never searched: timeline_order()
        repeat=fields.COLUMN(columns.NumericColumn("q")),  # equal for repeats of one happening: archive.repeats
        happening=fields.COLUMN(columns.NumericColumn("q")),  # the same words whatever the date: conflicts
        planned=fields.STORED,  # still to come when written: archive.plans
        published=fields.STORED,  # the article's day as yyyymmdd
        precision=fields.STORED,
        modifier=fields.STORED,
        earliest=fields.STORED,
        latest=fields.STORED,
        # Indexed only when it says words its sentence does not (event_document): mostly it is a span of it.
        headline=text_field(stored=True, analyzer=TEXT_ANALYZER),
        sentence=text_field(stored=True, analyzer=TEXT_ANALYZER),
        # Searched in the articles index (index.whoosh.event_query): indexed here, it repeated per event.
        article_title=fields.STORED,
        start=fields.STORED,
        end=fields.STORED,
        sources=fields.STORED,
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
    )


def event_query_schema() -> fields.Schema:
    """The events schema as the query parser sees it: ``article_title`` analysed like the articles'
    titles, where index.whoosh.event_query searches it."""
    query_schema = event_schema()
    query_schema.remove("article_title")
    query_schema.add("article_title", text_field(analyzer=TEXT_ANALYZER))
    return query_schema


def event_document(event: Event, article: Article | None) -> dict:
    """Return the fields Whoosh stores and indexes for one event.

    A headline whose words are a run of its sentence's words is stored, not indexed: the
    sentence's postings find it (index.whoosh.event_query); with the title, that was half of the events' postings.
    """
    document = {**event_fields(event, article), "tags": ",".join(event.tags)}
    if document["article_id"]:
        document["article_key"] = article_key(document["article_id"])
    if is_span(document["headline"], document["sentence"]):
        document["_stored_headline"], document["headline"] = document["headline"], ""
    return document


def article_key(article_id: str) -> int:
    """A number for an article id (never 0, the column's value for an event without an article)."""
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest(), "big", signed=True) or 1


def is_span(part: str, whole: str) -> bool:
    """Whether the words ``part`` is indexed as are a run of those ``whole`` is indexed as.

    A copy found in the text between word boundaries is one (the words are indexed one at a
    time: index.whoosh.analysis); else both are analysed and compared.
    """
    copied = part.rstrip("…. ")  # a long headline is cut with an ellipsis
    at = whole.find(copied)
    if copied and at >= 0 and not _joined(whole, at - 1, -1) and not _joined(whole, at + len(copied), 1):
        return True
    words = [term for _, term in indexed_terms(part, TEXT_ANALYZER)]
    sentence = [term for _, term in indexed_terms(whole, TEXT_ANALYZER)]
    return any(sentence[i:i + len(words)] == words for i in range(len(sentence) - len(words) + 1))


def _joined(text: str, at: int, step: int) -> bool:
    """Whether the character at ``at``, next to a copy, joins it to a word beyond: a letter or digit, or a
    dot or "&" between word characters ("3.5", "U.S", "S&P")."""
    if not 0 <= at < len(text):
        return False
    char = text[at]
    if char.isalnum() or char == "_":
        return True
    beyond = at + step
    return char in ".&" and 0 <= beyond < len(text) and (text[beyond].isalnum() or text[beyond] == "_")


def article_document(article: Article, years: list[int], event_years: list[int] = ()) -> dict:
    """Return the fields Whoosh stores and indexes for one article."""
    doc = {
        "id": article.id,
        "path": article.path,
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.body,
        "years": years,
        "events": sorted(set(event_years)),
        "source": article.source,
        "tags": ",".join(article.tags),
        "language": article.language,
        "url": article.url,
        "metadata": article.metadata,
    }
    if article.published:
        doc["published"] = datetime.combine(article.published, datetime.min.time())
        doc["day"] = publication_day(article.published)
        doc["pub_year"] = article.published.year
    return doc



def article_from_fields(stored: dict) -> Article:
    """Rebuild an Article from the fields the articles index stores."""
    published = stored.get("published")
    return Article(
        id=stored["id"], title=stored.get("title", ""), body=stored.get("body", ""),
        path=stored.get("path", ""), published=published.date() if published else None,
        source=stored.get("source", ""), url=stored.get("url", ""),
        tags=tuple(t for t in (stored.get("tags") or "").split(",") if t),
        language=stored.get("language", ""), metadata=stored.get("metadata") or {},
    )
