"""The article and the problems met while reading a corpus."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date


@dataclass(frozen=True)
class Article:
    """One article of the corpus, whatever file format it came from.

    ``id`` is stable across reindexes: the file's path relative to the corpus root
    (without extension), or the id a JSON Lines record gives.
    """

    id: str
    title: str
    body: str
    path: str
    published: date | None = None
    source: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def pub_year(self) -> int | None:
        """Year of publication, or None when the article has no date."""
        return self.published.year if self.published else None

    @cached_property
    def content_hash(self) -> str:
        """Fingerprint of everything indexed about the article, to detect edits (computed once)."""
        payload = json.dumps(
            [self.id, self.title, self.body, self.path, str(self.published), self.source,
             self.url, list(self.tags), self.language, self.metadata],
            sort_keys=True, default=str, ensure_ascii=False,
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    """Something wrong with a corpus file, named by path with the reason.

    ``skipped`` problems lose the file (or the record at ``line``); the others
    (``degraded``) keep the article but tell the researcher what is missing.
    """

    path: str
    reason: str
    skipped: bool = True
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path} (line {self.line})" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class FileRead:
    """What one corpus file yielded: its articles and its problems."""

    articles: list[Article]
    problems: list[Problem]
