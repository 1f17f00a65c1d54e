"""The Whoosh schema of the articles index and how an article becomes a document."""
from __future__ import annotations

from datetime import datetime

from whoosh import columns, fields
from whoosh.analysis import CharsetFilter, StemmingAnalyzer
from whoosh.support.charset import accent_map

from archive.events import Event
from archive.models import Article
from index.ordering import day_number, timeline_order  # noqa: F401 - the documents' sort keys

# Bump when fields or analysis change: an index built with another version is rebuilt in full.
SCHEMA_VERSION = 4

ARTICLES = "articles"
EVENTS = "events"
EVENT_TEXT_FIELDS = ("headline", "sentence", "article_title")
TEXT_FIELDS = ("title", "body")

# Accent folding after stemming, so "café" finds "cafe" and the reverse.
TEXT_ANALYZER = StemmingAnalyzer() | CharsetFilter(accent_map)


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
        title=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER),  # boosted in queries: see index.whoosh.query
        body=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER),
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
        kind=fields.ID(stored=True),  # "extracted", "curated" or "hidden" (by a correction)
        article_id=fields.ID(stored=True),
        value=fields.STORED,
        year=year_field(stored=True, sortable=True),
        order=fields.COLUMN(columns.NumericColumn("q")),  # sorted on, never searched: timeline_order()
        published=fields.STORED,  # the article's day as yyyymmdd
        precision=fields.STORED,
        modifier=fields.STORED,
        earliest=fields.STORED,
        latest=fields.STORED,
        headline=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER),
        sentence=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER),
        article_title=fields.TEXT(stored=True, analyzer=TEXT_ANALYZER),
        start=fields.STORED,
        end=fields.STORED,
        sources=fields.STORED,
        tags=fields.KEYWORD(stored=True, commas=True, lowercase=True),
    )


def event_document(event: Event, article: Article | None) -> dict:
    """Return the fields Whoosh stores and indexes for one event."""
    published = article.published if article else None
    return {
        "id": event.id,
        "kind": "hidden" if event.hidden else "curated" if event.curated else "extracted",
        "article_id": event.article_id or "",
        "value": event.value,
        "year": event.year,
        "order": timeline_order(event, published),
        "published": day_number((published.year, published.month, published.day)) if published else 0,
        "precision": event.precision,
        "modifier": event.modifier,
        "earliest": list(event.earliest),
        "latest": list(event.latest),
        "headline": event.headline,
        "sentence": event.sentence,
        "article_title": article.title if article else "",
        "start": event.start,
        "end": event.end,
        "sources": list(event.sources),
        "tags": ",".join(event.tags),
    }


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
        doc["day"] = day_number((article.published.year, article.published.month, article.published.day))
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
