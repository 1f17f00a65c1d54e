"""One article with its query's matches as spans and its events; and "did you mean" from the term suggester."""
from __future__ import annotations

import re
from datetime import date

from index.errors import QueryError
from index.opensearch import highlights, indexes, mappings
from index.opensearch.connection import ClusterSettings, client, talking_to
from index.opensearch.query import parse_query
from index.opensearch.timeline import article_events
from index.language import ARTICLE_LANGUAGE, OPERATORS
from index.results import ArticlePage

MAX_EDITS = 2
MAX_WORDS = 12
# A plain word: not a field name, not followed by a wildcard, fuzzy or boost sign (as the Whoosh engine reads it).
_WORD = re.compile(r"(?<![\w:~^*?])([^\W\d_][\w'’]*)(?![\w:~^*?])")


def get_article(settings: ClusterSettings, article_id: str, q: str = "") -> ArticlePage | None:
    """Return the article with ``article_id``, the words matching ``q`` as spans, or None if unknown.

    A query that cannot be searched marks nothing: the article is still worth showing.
    """
    body: dict = {"query": {"term": {"id": article_id}}, "size": 1}
    if q.strip():
        try:
            parsed = parse_query(q, lambda words: indexes.stems(settings, words), ARTICLE_LANGUAGE)
            body["highlight"] = highlights.highlight_request(["title", "body"], parsed.dsl)
        except QueryError:
            pass
    alias = mappings.alias_name(settings.prefix, mappings.ARTICLES)
    indexes.require_published(settings)
    with talking_to(settings):
        hits = client(settings).search(index=alias, body=body)["hits"]["hits"]
    if not hits:
        return None
    source, marked = hits[0]["_source"], hits[0].get("highlight", {})
    title, body_text = source.get("title", ""), source.get("body", "")
    # The events of the same build as the article, even if a reindex publishes another meanwhile.
    events_index = hits[0]["_index"].replace(f"-{mappings.ARTICLES}-", f"-{mappings.EVENTS}-", 1)
    published = source.get("published")
    return ArticlePage(
        id=source["id"], title=title, body=body_text,
        published=date.fromisoformat(published) if published else None,
        source=source.get("source", ""), url=source.get("url", ""), tags=tuple(source.get("tags") or ()),
        language=source.get("language", ""), years=tuple(sorted(source.get("years") or ())),
        title_matches=_spans(title, marked.get("title")), matches=_spans(body_text, marked.get("body")),
        events=article_events(settings, source["id"], events_index))


def _spans(text: str, marked: list[str] | None) -> tuple:
    if not marked:
        return ()
    unmarked, spans = highlights.unmark(marked[0])
    return tuple(spans) if unmarked == text else ()


def suggest(settings: ClusterSettings, q: str) -> str | None:
    """Return ``q`` with each word the index lacks replaced by the closest one it has, or None."""
    words = [m for m in list(_WORD.finditer(q))[:MAX_WORDS]
             if m.group(1) not in OPERATORS and not (m.start() and q[m.start() - 1] == ":")]
    if not words:
        return None
    alias = mappings.alias_name(settings.prefix, mappings.ARTICLES)
    suggesters = {f"w{i}": {"text": m.group(1), "term": {
        "field": "body", "suggest_mode": "missing", "max_edits": MAX_EDITS, "prefix_length": 1,
        "sort": "frequency", "size": 3}} for i, m in enumerate(words)}
    with talking_to(settings):
        answer = client(settings).search(index=alias, body={"size": 0, "suggest": suggesters})
    parts, last, changed = [], 0, False
    for i, match in enumerate(words):
        options = [o for entry in answer["suggest"][f"w{i}"] for o in entry["options"]]
        if len(answer["suggest"][f"w{i}"]) != 1 or not options:
            continue  # a common word, several tokens, or nothing close
        best = min(options, key=lambda o: (-o["freq"], o["text"]))  # the commonest of the closest
        replacement = _surface_form(settings, alias, best["text"]) or best["text"]
        parts += [q[last:match.start()], replacement]
        last, changed = match.end(), True
    return "".join(parts) + q[last:] if changed else None


def _surface_form(settings: ClusterSettings, alias: str, stem: str) -> str | None:
    """How the first article holding ``stem`` writes it."""
    body = {"size": 1, "_source": False, "query": {"term": {"body": stem}},
            "highlight": highlights.highlight_request(["body"], {"term": {"body": stem}})}
    with talking_to(settings):
        hits = client(settings).search(index=alias, body=body)["hits"]["hits"]
    if not hits or "highlight" not in hits[0]:
        return None
    text, spans = highlights.unmark(hits[0]["highlight"]["body"][0])
    return text[spans[0][0]:spans[0][1]] if spans else None
