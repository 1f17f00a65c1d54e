"""Read plain text without front matter: title on the first line, a date line near the top."""
from __future__ import annotations

from datetime import date

from archive.models import Article, FileRead, Problem
from archive.readers.fields import article_id, date_of_line

# Bylines and datelines sit just under (or above) the headline; further down a
# lone date line is more likely part of the story than its publication date.
DATE_SEARCH_LINES = 5


def _find_date(lines: list[str]) -> tuple[int, date] | None:
    """Return (line index, date) of the first date-only line near the top, else None."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        found = date_of_line(line)
        if found is not None:
            return index, found
        seen += 1
        if seen >= DATE_SEARCH_LINES:
            return None
    return None


def read_plain_text(relpath: str, text: str, markdown: bool = False) -> FileRead:
    """Read one article from plain text; ``markdown`` strips a leading '#' from the title."""
    lines = text.split("\n")
    dated = _find_date(lines)
    published = None
    if dated is not None:
        index, published = dated
        del lines[index]
    title_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title_index is None:
        return FileRead([], [Problem(relpath, "missing title (no line of text besides the date)")])
    title = lines[title_index].strip()
    if markdown and title.startswith("#"):
        title = title.lstrip("#").strip() or title
    problems = [] if published else [Problem(relpath, "no publication date", skipped=False)]
    article = Article(
        id=article_id(relpath),
        title=title,
        body="\n".join(lines[title_index + 1:]).strip(),
        path=relpath,
        published=published,
    )
    return FileRead([article], problems)
