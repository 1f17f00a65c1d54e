"""A search that runs too long stops with a message, instead of holding a server thread.

The query parser already refuses what is known to be slow (deep nesting, many operators);
this bounds what is left, such as a wildcard that matches most of a large archive.
"""
from __future__ import annotations

import time
from itertools import islice

from whoosh import query

from index.errors import QueryError

SEARCH_SECONDS = 10.0
CHUNK = 4096  # matches between two looks at the clock


def deadline() -> float:
    """The monotonic time at which a search starting now is stopped."""
    return time.monotonic() + SEARCH_SECONDS


def check(stop_at: float) -> None:
    """:raises QueryError: when ``stop_at`` has passed."""
    if time.monotonic() > stop_at:
        raise QueryError(f"The search took longer than {SEARCH_SECONDS:g} seconds and was stopped; "
                         "narrow it (fewer wildcards, more words or a range of years).")


def all_docs(searcher, whoosh_query) -> list[int]:
    """Return the numbers of every document a query matches, in index order, within the time limit.

    The parts of a plain OR are listed one by one and joined as a set: Whoosh's union matcher
    joins them a document at a time in Python, half of a timeline query's matching on Reuters
    (a word in the sentence or the headline, or the article's title where the sentence refers
    back to it). An AND stays with Whoosh, whose matcher skips through the longer lists.
    """
    if type(whoosh_query) is query.Or and whoosh_query.subqueries and not whoosh_query.minmatch:
        return sorted(set().union(*(all_docs(searcher, part) for part in whoosh_query.subqueries)))
    reader = searcher.reader()
    if isinstance(whoosh_query, query.Every) and not whoosh_query.fieldname and not reader.has_deletions():
        return list(range(reader.doc_count_all()))  # every document: no posting list to walk
    found, docs, stop_at = searcher.docs_for_query(whoosh_query), [], deadline()
    while True:
        chunk = list(islice(found, CHUNK))  # islice keeps the loop in C between checks
        docs += chunk
        if len(chunk) < CHUNK:
            return docs
        check(stop_at)
