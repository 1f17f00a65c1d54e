"""Read the native format: Markdown or text with YAML front matter between '---' lines."""
from __future__ import annotations

import yaml

from archive.models import Article, FileRead, Problem
from archive.readers.fields import (
    article_id, normalise_tags, parse_date_value, text_field,
)

KNOWN_KEYS = frozenset({"title", "date", "source", "url", "tags", "language"})


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that leaves timestamps as text.

    PyYAML raises a bare ValueError for "2025-13-45"; as text it becomes an unreadable
    date on a kept article, and every date goes through the same parser.
    """


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def _refuse_aliases(loader: _Loader, parent, index):
    """Compose a node, refusing aliases (``*name``).

    Nine anchors of nine aliases each are a few lines of YAML and 387 million values once
    expanded (the "billion laughs"): hashing the article's metadata would never end.
    Front matter has no use for them.
    """
    if loader.check_event(yaml.AliasEvent):
        mark = loader.peek_event().start_mark
        raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
    return yaml.SafeLoader.compose_node(loader, parent, index)


_Loader.compose_node = _refuse_aliases


def has_front_matter(text: str) -> bool:
    """Tell whether the text opens with a '---' front matter line."""
    return text.split("\n", 1)[0].rstrip() == "---"


def _split(text: str) -> tuple[str, str] | None:
    """Return (front matter, body), or None when no closing '---' line exists."""
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1:])
    return None


def _load_yaml(relpath: str, front: str) -> object | Problem:
    """Return the parsed front matter, or a skipped Problem naming the YAML line."""
    try:
        return yaml.load(front, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except RecursionError:
        return Problem(relpath, "invalid YAML front matter: nested too deeply")
    except ValueError as error:  # an explicit tag such as !!int on text that is no number
        return Problem(relpath, f"invalid YAML front matter: {error}")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = getattr(error, "problem", None) or str(error)
        if mark is None:
            return Problem(relpath, f"invalid YAML front matter: {detail}")
        # The front matter starts on the file's second line; report the file's line.
        line = mark.line + 2
        return Problem(relpath, f"invalid YAML front matter: {detail}", line=line)


def read_front_matter(relpath: str, text: str) -> FileRead:
    """Read one article from text that opens with YAML front matter."""
    parts = _split(text)
    if parts is None:
        return FileRead([], [Problem(relpath, "front matter has no closing '---' line")])
    front, body = parts
    meta = _load_yaml(relpath, front)
    if isinstance(meta, Problem):
        return FileRead([], [meta])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        kind = type(meta).__name__
        return FileRead([], [Problem(relpath, f"front matter is not a mapping of keys to values (found {kind})")])
    title = text_field(meta.get("title"))
    if not title:
        return FileRead([], [Problem(relpath, "missing required field 'title'")])

    problems: list[Problem] = []
    raw_date = meta.get("date")
    published = parse_date_value(raw_date)
    if raw_date is None or raw_date == "":
        problems.append(Problem(relpath, "no publication date", skipped=False))
    elif published is None:
        problems.append(Problem(relpath, f"unreadable date '{raw_date}'", skipped=False))

    article = Article(
        id=article_id(relpath),
        title=title,
        body=body.strip(),
        path=relpath,
        published=published,
        source=text_field(meta.get("source")),
        url=text_field(meta.get("url")),
        tags=normalise_tags(meta.get("tags")),
        language=text_field(meta.get("language")),
        metadata={str(key): value for key, value in meta.items() if key not in KNOWN_KEYS},
    )
    return FileRead([article], problems)
