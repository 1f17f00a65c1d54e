"""The JSON and CSV shapes of search hits, articles and timeline entries.

One definition for the command line, the web API and the exports. Links come from the
caller (``link(article_id)``, ``sentence(entry)``), so no web framework is needed here.
"""
from __future__ import annotations

import html
from datetime import date
from typing import Callable

from index.results import ArticlePage, SearchHit, SearchPage, Snippet, TermBucket, YearBucket


def iso(day: date | None) -> str | None:
    """Return a date as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


Link = Callable[[str], str] | None


def snippet_html(snippet: Snippet) -> str:
    """Return a snippet as HTML: the text escaped, each match in ``<mark class="match termN">``.

    N numbers the different words (compared lowercased) in the order they first appear, so
    a stylesheet can tell them apart. The JSON shapes carry this HTML; the web shows it as is.
    """
    out, position, classes = [], 0, {}
    for start, end in snippet.spans:
        word = snippet.text[start:end]
        number = classes.setdefault(word.lower(), len(classes))
        out += [html.escape(snippet.text[position:start]), f'<mark class="match term{number}">{html.escape(word)}</mark>']
        position = end
    out.append(html.escape(snippet.text[position:]))
    return "".join(out)


def hit_json(hit: SearchHit, link: Link = None) -> dict:
    """Return one hit in the CLI's shape, plus url, tags, event years and its page's link."""
    return {"id": hit.id, "title": hit.title, "published": iso(hit.published), "source": hit.source,
            "score": hit.score, "snippet": snippet_html(hit.snippet), "years": list(hit.years),
            "url": hit.url, "tags": list(hit.tags), "events": list(hit.events),
            "link": link(hit.id) if link else None}


def search_json(page: SearchPage, suggestion: str | None = None, link: Link = None) -> dict:
    """Return a search page in the CLI's ``--json`` shape, with the web UI's extra facets."""
    facets = {name: {str(b.year): b.count for b in buckets} for name, buckets in page.facets.items()}
    facets.update({name: {b.label: b.count for b in buckets} for name, buckets in page.terms.items()})
    return {
        "query": page.query, "parsed": page.parsed, "notes": list(page.notes), "total": page.total,
        "page": page.page, "page_count": page.page_count, "page_size": page.page_size, "sort": page.sort,
        "elapsed_ms": page.elapsed_ms, "suggestion": suggestion,
        "hits": [hit_json(h, link) for h in page.hits], "facets": facets,
    }


def facets_json(page: SearchPage) -> dict:
    """Return every facet of a search with counts and whether each value is a filter."""
    facets = {name: [_year_bucket(b) for b in buckets] for name, buckets in page.facets.items()}
    facets.update({name: [_term_bucket(b) for b in buckets] for name, buckets in page.terms.items()})
    return {"query": page.query, "parsed": page.parsed, "notes": list(page.notes), "total": page.total,
            "facets": facets}


def _year_bucket(bucket: YearBucket) -> dict:
    return {"year": bucket.year, "count": bucket.count, "selected": bucket.selected}


def _term_bucket(bucket: TermBucket) -> dict:
    return {"value": bucket.value, "label": bucket.label, "count": bucket.count, "selected": bucket.selected}


def entry_json(entry, sentence: Callable | None = None) -> dict:
    """Return one timeline entry with every field and the link to its sentence."""
    return {
        "id": entry.id, "date": entry.value, "year": entry.year, "precision": entry.precision,
        "modifier": entry.modifier, "label": entry.label, "headline": entry.headline,
        "sentence": entry.sentence, "article_id": entry.article_id, "article_title": entry.article_title,
        "published": iso(entry.published), "start": entry.start, "end": entry.end,
        "curated": entry.curated, "sources": list(entry.sources), "anchor": entry.anchor,
        "reported_by": entry.reported_by,
        "planned": entry.planned, "conflict": entry.conflict,
        "versions": [{"date": v.value, "label": v.label, "articles": v.articles} for v in entry.versions],
        "also": [{"id": m.id, "article_id": m.article_id, "article_title": m.article_title, "sentence": m.sentence,
                  "published": iso(m.published), "start": m.start, "end": m.end} for m in entry.also],
        "url": sentence(entry) if sentence else None,
    }


EVENT_CSV_FIELDS = ["id", "date", "label", "year", "precision", "modifier", "headline", "sentence",
                    "article_id", "article_title", "published", "start", "end", "curated", "sources", "anchor", "reported_by",
                    "planned", "conflict", "also", "url"]
ANCHOR_NOTES = {"publication": "dated by publication", "context": "dated from context"}  # "text": written in the sentence
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def entry_row(entry, sentence: Callable | None = None) -> list:
    """Return one timeline entry as a CSV row under EVENT_CSV_FIELDS (``also``: the other sources' article ids)."""
    data = entry_json(entry, sentence)
    data.update(label=entry.label, sources="; ".join(entry.sources),
                also="; ".join(m.article_id or m.article_title for m in entry.also))
    return [neutralise(data[field]) for field in EVENT_CSV_FIELDS]


def neutralise(cell):
    """Keep a spreadsheet from running a text cell as a formula (numbers pass unchanged)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return "" if cell is None else cell


def understood_json(page, suggestion: str | None = None) -> dict:
    """Return how a timeline's query was read: the query, what was searched, notes, "did you mean"."""
    return {"query": page.query, "parsed": page.parsed, "notes": list(page.notes), "suggestion": suggestion}


def timeline_json(page, sentence: Callable | None = None, suggestion: str | None = None) -> dict:
    """Return a timeline page: entries, density and how the query was read."""
    return {
        **understood_json(page, suggestion), "total": page.total,
        "page": page.page, "page_count": page.page_count, "page_size": page.page_size,
        "year_from": page.year_from, "year_to": page.year_to, "article": page.article,
        "granularity": page.granularity, "elapsed_ms": page.elapsed_ms,
        "density": [{"start": b.start, "end": b.end, "count": b.count} for b in page.density],
        "entries": [entry_json(e, sentence) for e in page.entries],
    }


def article_json(article: ArticlePage, sentence: Callable | None = None) -> dict:
    """Return an article with its text, the spans of the query's words, and its events."""
    return {
        "id": article.id, "title": article.title, "published": iso(article.published),
        "source": article.source, "url": article.url, "tags": list(article.tags),
        "language": article.language, "years": list(article.years), "body": article.body,
        "matches": [list(span) for span in article.matches],
        "events": [entry_json(e, sentence) for e in article.events],
    }
