"""Read JSON Lines: one article per line, each line read on its own so one bad line costs one record."""
from __future__ import annotations

import json
from datetime import date

from archive.models import Article, FileRead, Problem
from archive.readers.fields import (
    article_id, normalise_tags, parse_date_value, text_field,
)

KNOWN_KEYS = frozenset({"id", "title", "date", "body", "source", "url", "tags", "language"})


def _record(relpath: str, number: int, line: str) -> dict | Problem:
    """Return the JSON object on one line, or a skipped Problem saying why it is unusable."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Problem(relpath, f"invalid JSON: {error.msg} at column {error.colno}", line=number)
    except RecursionError:
        return Problem(relpath, "invalid JSON: nested too deeply", line=number)
    if not isinstance(record, dict):
        kind = type(record).__name__
        return Problem(relpath, f"record is not a JSON object (found {kind})", line=number)
    if not text_field(record.get("title")):
        return Problem(relpath, "missing required field 'title'", line=number)
    return record


def _date(relpath: str, number: int, record: dict) -> tuple[date | None, list[Problem]]:
    """Return the record's date (or None) and the degraded Problem when it has none."""
    raw = record.get("date")
    if raw is None or raw == "":
        return None, [Problem(relpath, "no publication date", skipped=False, line=number)]
    published = parse_date_value(raw)
    if published is None:
        return None, [Problem(relpath, f"unreadable date '{raw}'", skipped=False, line=number)]
    return published, []


def read_jsonl(relpath: str, text: str) -> FileRead:
    """Read every article of a JSON Lines file, reporting bad lines by number."""
    articles: list[Article] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record = _record(relpath, number, line)
        if isinstance(record, Problem):
            problems.append(record)
            continue
        given = text_field(record.get("id"))
        record_id = given or f"{article_id(relpath)}#{number}"
        if record_id in first_seen:
            reason = f"duplicate id '{record_id}' (first used at line {first_seen[record_id]})"
            problems.append(Problem(relpath, reason, line=number))
            continue
        first_seen[record_id] = number
        published, date_problems = _date(relpath, number, record)
        problems.extend(date_problems)
        articles.append(Article(
            id=record_id,
            title=text_field(record.get("title")),
            body=text_field(record.get("body")),
            path=relpath,
            published=published,
            source=text_field(record.get("source")),
            url=text_field(record.get("url")),
            tags=normalise_tags(record.get("tags")),
            language=text_field(record.get("language")),
            metadata={key: value for key, value in record.items() if key not in KNOWN_KEYS},
        ))
    return FileRead(articles, problems)
