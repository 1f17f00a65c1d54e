"""Size limits of what a reader accepts, in one place, and how a size is written in a message.

A file of one article is read whole, so it is limited as a file (MAX_FILE_MB). A JSON Lines
file is read one record at a time and has no file limit: each record is limited instead
(its line, its text, its other fields), so memory stays bounded however large the export.
One article's text above MAX_ARTICLE_MB (a long book) would take the date tagger minutes.
"""
from __future__ import annotations

MAX_FILE_MB = 64
MAX_ARTICLE_MB = 2
# A record's line may hold its text as JSON escapes (up to 12 bytes for a 4-byte character):
# a line this long is skipped unread, below it the text limit decides.
MAX_RECORD_MB = 8
# The fields of a record besides its title and body (tags, source, extra keys): a page of text.
MAX_FIELDS_KB = 64
MB = 1024 * 1024


def megabytes(size: int) -> str:
    """Write a size in megabytes the way the limits are written: 100, 2.5."""
    return f"{size / MB:.1f}".removesuffix(".0")


def text_too_long(title: str, body: str) -> str | None:
    """Return "3 MB of text" when an article's text exceeds MAX_ARTICLE_MB, else None."""
    size = len(title) + len(body)  # characters: at most 4 bytes each
    if size * 4 <= MAX_ARTICLE_MB * MB:
        return None
    size = len(title.encode("utf-8", "surrogatepass")) + len(body.encode("utf-8", "surrogatepass"))
    return None if size <= MAX_ARTICLE_MB * MB else f"{megabytes(size)} MB of text"
