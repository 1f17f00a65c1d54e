"""How an article and an event become OpenSearch documents, and how stored documents become results."""
from __future__ import annotations

import hashlib
from datetime import date

from archive.events import Event
from archive.models import Article
from index.happenings import event_fields
from index.ordering import publication_day

MAX_ID_BYTES = 512  # OpenSearch's limit on a document _id


def doc_id(article_id: str) -> str:
    """The _id of an article: its id, or a digest of it when the id is longer than _id allows."""
    if len(article_id.encode("utf-8")) <= MAX_ID_BYTES:
        return article_id
    return "sha1:" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()


def _terms(values) -> list[str]:
    """A comma-separated source or tag list as separate values, as Whoosh's KEYWORD(commas=True) splits it."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def article_document(article: Article, years: list[int], event_years: list[int]) -> dict:
    return {
        "id": article.id,
        "path": article.path,
        "content_hash": article.content_hash,
        "title": article.title,
        "body": article.body,
        "published": article.published.isoformat() if article.published else None,
        "day": publication_day(article.published),
        "pub_year": article.pub_year,
        "years": sorted(set(years)),
        "events": sorted(set(event_years)),
        "source": article.source,
        "source_terms": _terms([article.source]),
        "tags": list(article.tags),
        "tag_terms": _terms(article.tags),
        "language": article.language,
        "url": article.url,
        "metadata": article.metadata or {},
    }


def event_document(event: Event, article: Article | None, seq: int) -> dict:
    # seq: a unique tie-break of the packed order, for search_after
    return {**event_fields(event, article), "seq": seq, "tags": list(event.tags), "tag_terms": _terms(event.tags)}


def article_from_source(source: dict) -> Article:
    """Rebuild an Article from what the articles index keeps."""
    published = source.get("published")
    return Article(
        id=source["id"], title=source.get("title", ""), body=source.get("body", ""), path=source.get("path", ""),
        published=date.fromisoformat(published) if published else None, source=source.get("source", ""),
        url=source.get("url", ""), tags=tuple(source.get("tags") or ()), language=source.get("language", ""),
        metadata=source.get("metadata") or {})

