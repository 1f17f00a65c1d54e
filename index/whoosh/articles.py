"""One article for the article page: its stored fields, query matches and dated events."""
from __future__ import annotations

from pathlib import Path

from index.results import ArticlePage, Span
from index.whoosh import schema, searchers, snippets
from index.errors import QueryError
from index.whoosh.query import make_parser, parse_query
from index.whoosh.timeline import article_events

def get_article(index_dir: Path, article_id: str, q: str = "") -> ArticlePage | None:
    """Return the article with ``article_id``, its words matching ``q`` marked, or None if unknown.

    A query that cannot be searched marks nothing: the article is still worth showing.
    """
    with searchers.searching(index_dir, schema.ARTICLES) as searcher:
        stored = searcher.document(id=article_id)
        if stored is None:
            return None
        terms = _query_terms(searcher, q)
        generation = searchers.generation_of(searcher)  # the events must come from the same one
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
        events=article_events(index_dir, article_id, generation),
    )


def _query_terms(searcher, q: str) -> frozenset[str]:
    """Return the stems of ``q``'s wanted words in title or body; nothing for an unreadable query."""
    if not q.strip():
        return frozenset()
    try:
        parsed = parse_query(q, make_parser(searcher.schema)).whoosh_query
    except QueryError:
        return frozenset()
    return snippets.query_words(searcher.reader(), parsed)


def _spans(text: str, terms: frozenset[str]) -> tuple[Span, ...]:
    return tuple(snippets.match_spans(text, terms))
