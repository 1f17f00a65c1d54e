"""A person named in full once, then by surname: "Steve Jobs unveiled ..." ... "Jobs said ..." (both engines).

News names a person in full at first mention and by the surname after. A timeline query for
the full name ("Steve Jobs") would miss every later sentence; it reaches them, but only in the
articles that name the full name (in a sentence or the title), so a "Jobs" of another article
(a jobs report) stays out. Each engine finds those articles and searches the surname in them.
"""
from __future__ import annotations

import re
from typing import Iterable

_NAME_WORD = re.compile(r"^[A-Z][a-z][\w'’-]*$")
MAX_ARTICLES = 5_000  # beyond this the name is too common to be one person's


def surname(q: str) -> str | None:
    """The last word of a query that is a plain name of two or three capitalised words; else None."""
    words = q.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(w in ("AND", "OR", "NOT", "TO") for w in words):
        return None
    return words[-1]


def naming_articles(article_ids: Iterable[str | None]) -> list[str] | None:
    """The articles (of the events matching the full name) to search the surname in, sorted;
    None when there are none, or too many for the name to be one person's."""
    articles = sorted({a for a in article_ids if a})
    if not articles or len(articles) > MAX_ARTICLES:
        return None
    return articles
