"""One article for the article page: its stored fields, query matches and dated events."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from whoosh import query

from index import schema
from index.errors import QueryError
from index.query import make_parser, parse_query
from index.searcher import open_articles
from index.timeline import TimelineEntry, article_events

Span = tuple[int, int]


@dataclass(frozen=True)
class ArticlePage:
    """An article as stored, with the character spans of the query's words in title and body."""

    id: str
    title: str
    body: str
    published: date | None
    source: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    years: tuple[int, ...] = ()
    title_matches: tuple[Span, ...] = ()
    matches: tuple[Span, ...] = ()
    events: list[TimelineEntry] = field(default_factory=list)


def get_article(index_dir: Path, article_id: str, q: str = "") -> ArticlePage | None:
    """Return the article with ``article_id``, its words matching ``q`` marked, or None if unknown.

    A query that cannot be searched marks nothing: the article is still worth showing.
    """
    ix = open_articles(index_dir)
    with ix.searcher() as searcher:
        stored = searcher.document(id=article_id)
        if stored is None:
            return None
        terms = _query_terms(ix, searcher.reader(), q)
    title, body = stored.get("title", ""), stored.get("body", "")
    published = stored.get("published")
    return ArticlePage(
        id=stored["id"],
        title=title,
        body=body,
        published=published.date() if published else None,
        source=stored.get("source", ""),
        url=stored.get("url", ""),
        tags=tuple(t for t in (stored.get("tags") or "").split(",") if t),
        language=stored.get("language", ""),
        years=tuple(sorted(stored.get("years") or ())),
        title_matches=_spans(title, terms),
        matches=_spans(body, terms),
        events=article_events(index_dir, article_id),
    )


def _query_terms(ix, reader, q: str) -> frozenset[str]:
    """Return the indexed words (stems) of ``q`` in title or body, wildcards and fuzzy expanded.

    Words under NOT are left out. (Whoosh's own ``existing_terms`` stops after the first
    field it meets, so the leaves are walked here.)
    """
    if not q.strip():
        return frozenset()
    try:
        parsed = parse_query(q, make_parser(ix.schema)).whoosh_query
    except QueryError:
        return frozenset()
    found = set()
    for leaf in _wanted_leaves(parsed):
        for name, text in leaf.expanded_terms(reader, phrases=True):
            if name in schema.TEXT_FIELDS:
                word = text.decode("utf-8") if isinstance(text, bytes) else text
                if (name, word) in reader:
                    found.add(word)
    return frozenset(found)


def _wanted_leaves(q: query.Query):
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _wanted_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _wanted_leaves(child)


def _spans(text: str, terms: frozenset[str]) -> tuple[Span, ...]:
    if not terms or not text:
        return ()
    return tuple((token.startchar, token.endchar)
                 for token in schema.TEXT_ANALYZER(text, chars=True) if token.text in terms)
