"""Read one JSON Lines record: one article per line, each line read on its own so one bad line costs one record."""
from __future__ import annotations

import json
from datetime import date

from archive.models import Article, Problem
from archive.readers.fields import (
    article_id, normalise_tags, parse_date_value, text_field,
)
from archive.readers.limits import MAX_ARTICLE_MB, MAX_FIELDS_KB, text_too_long

KNOWN_KEYS = frozenset({"id", "title", "date", "body", "source", "url", "tags", "language"})
TEXT_KEYS = frozenset({"title", "body"})


def decode_line(data: bytes) -> str:
    """Return a line's text.

    :raises ValueError: with the reason, when the line is not UTF-8.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"not valid UTF-8 (byte 0x{data[error.start]:02x} at column {error.start + 1})") from None


def _object(line: str) -> dict | str:
    """Return the JSON object on one line, or the reason it is unusable."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"invalid JSON: {error.msg} at column {error.colno}"
    except RecursionError:
        return "invalid JSON: nested too deeply"
    if not isinstance(record, dict):
        return f"record is not a JSON object (found {type(record).__name__})"
    if not text_field(record.get("title")):
        return "missing required field 'title'"
    return record


def _fields_size(record: dict) -> int:
    """Characters of the fields besides the title and body, as their text would store them."""
    return sum(len(key) + len(str(value)) for key, value in record.items() if key not in TEXT_KEYS)


def _date(raw: object) -> tuple[date | None, str | None]:
    """Return the record's date (or None) and why it has none."""
    if raw is None or raw == "":
        return None, "no publication date"
    published = parse_date_value(raw)
    return (published, None) if published is not None else (None, f"unreadable date '{raw}'")


def record_id(relpath: str, number: int, record: dict) -> str:
    """Return the id a record gives, or one made of the file's path and the line number."""
    return text_field(record.get("id")) or derived_id(relpath, number)


def derived_id(relpath: str, number: int) -> str:
    return f"{article_id(relpath)}#{number}"


def read_record(relpath: str, number: int, line: str) -> tuple[Article | None, list[Problem]]:
    """Read the article on one line, or None with the Problem that skipped it.

    The limits guard the record, not the file: its text (MAX_ARTICLE_MB) and its other
    fields (MAX_FIELDS_KB). Duplicate ids are the file's business (see jsonl_stream).
    """
    record = _object(line)
    if isinstance(record, str):
        return None, [Problem(relpath, record, line=number)]
    given_id = record_id(relpath, number, record)
    title, body = text_field(record.get("title")), text_field(record.get("body"))
    too_long = text_too_long(title, body)
    if too_long:
        return None, [Problem(relpath, f"article '{given_id}' too long ({too_long}; limit "
                                       f"{MAX_ARTICLE_MB} MB)", line=number)]
    fields = _fields_size(record) if len(line) > MAX_FIELDS_KB * 1024 else 0  # a shorter line cannot exceed it
    if fields > MAX_FIELDS_KB * 1024:
        return None, [Problem(relpath, f"article '{given_id}' has too much besides its title and body "
                                       f"({fields // 1024} KB; limit {MAX_FIELDS_KB} KB)", line=number)]
    published, missing = _date(record.get("date"))
    problems = [Problem(relpath, missing, skipped=False, line=number)] if missing else []
    return Article(
        id=given_id, title=title, body=body, path=relpath, published=published,
        source=text_field(record.get("source")), url=text_field(record.get("url")),
        tags=normalise_tags(record.get("tags")), language=text_field(record.get("language")),
        metadata={key: value for key, value in record.items() if key not in KNOWN_KEYS},
    ), problems
