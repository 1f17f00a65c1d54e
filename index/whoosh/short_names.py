"""A person named in full once, then by surname: "Steve Jobs unveiled ..." ... "Jobs said ...".

News names a person in full at first mention and by the surname after. A timeline query for
the full name ("Steve Jobs") would miss every later sentence; it reaches them here, but only
in the articles that name the full name (in a sentence or the title), so a "Jobs" of another
article (a jobs report) stays out.
"""
from __future__ import annotations

import re

from whoosh import query

from index.whoosh import limits

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


def surname_query(searcher, named: query.Query, by_surname: query.Query) -> query.Query | None:
    """Events naming the surname, in the articles where ``named`` (the full name) matches."""
    articles = {searcher.stored_fields(docnum).get("article_id") for docnum in limits.all_docs(searcher, named)}
    articles.discard("")
    articles.discard(None)
    if not articles or len(articles) > MAX_ARTICLES:
        return None
    return query.And([by_surname, query.Or([query.Term("article_id", a) for a in sorted(articles)])])
