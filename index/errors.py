"""Errors of the index layer, worded for the person who has to act on them."""
from __future__ import annotations


class SearchIndexError(Exception):
    """Base of every error about the search index itself."""


class IndexMissingError(SearchIndexError):
    """There is no index to search yet."""


class IndexBusyError(SearchIndexError):
    """Another reindex holds the index's write lock."""


class QueryError(Exception):
    """A query that cannot be searched; the message says why."""
