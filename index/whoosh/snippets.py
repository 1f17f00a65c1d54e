"""Find the words of a text that a query matched, and cut snippets around them.

Whoosh's highlighter runs the stemming analyzer over each hit's whole text: on Wikipedia's
long articles that was three quarters of a search's time. A stem keeps the first letters
of its word but the last ("prices" -> "price", "happy" -> "happi", "hoped" -> "hope"), so a
regular expression of stem prefixes finds the few candidate words at C speed and only those
go through the analyzer. When that finds nothing (a word that starts with an accent, say),
the whole text is analysed as before.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

from whoosh import query

from index.results import Snippet, Span
from index.whoosh import schema

SEPARATOR = " … "
MAX_WORDS = 200  # a wildcard may expand to thousands of terms; mark the first ones


def query_words(reader, whoosh_query: query.Query | None) -> frozenset[str]:
    """Return the indexed words (stems) of a query in title or body, wildcards and fuzzy expanded.

    Words under NOT are left out. (Whoosh's own ``existing_terms`` stops after the first
    field it meets, so the leaves are walked here.)
    """
    found: set[str] = set()
    for leaf in _wanted_leaves(whoosh_query) if whoosh_query is not None else ():
        for name, text in leaf.expanded_terms(reader, phrases=True):
            if name in schema.TEXT_FIELDS:
                word = text.decode("utf-8") if isinstance(text, bytes) else text
                if (name, word) in reader:
                    found.add(word)
                    if len(found) >= MAX_WORDS:
                        return frozenset(found)
    return frozenset(found)


def _wanted_leaves(q: query.Query):
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _wanted_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _wanted_leaves(child)


def match_spans(text: str, words: frozenset[str]) -> list[Span]:
    """Return the (start, end) character spans of the words of ``text`` whose stem is in ``words``."""
    if not words or not text:
        return []
    spans = [m.span() for m in _candidates(words).finditer(text) if _stem(m.group()) in words]
    if spans:
        return spans
    return [(token.startchar, token.endchar)
            for token in schema.TEXT_ANALYZER(text, chars=True) if token.text in words]


@functools.lru_cache(maxsize=256)
def _candidates(words: frozenset[str]) -> re.Pattern:
    prefixes = sorted({w[:max(1, len(w) - 1)] for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")\w*", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str | None:
    tokens = [token.text for token in schema.TEXT_ANALYZER(word)]
    return tokens[0] if len(tokens) == 1 else None


def snippet(text: str, spans: list[Span], *, maxchars: int = 240, surround: int = 70, top: int = 3) -> Snippet:
    """Return up to ``top`` passages of ``text`` around ``spans``, with the spans moved into them.

    A passage starts ``surround`` characters before a match and takes in the matches that
    follow while it stays within ``maxchars``; the passages with the most different words
    win and are shown in text order, joined by " … ". Empty when there is no match.
    """
    passages = list(_passages(text, sorted(spans), maxchars, surround))
    best = sorted(passages, key=lambda p: (-p[0], p[1]))[:top]
    parts: list[str] = []
    moved: list[Span] = []
    length = 0
    for _, start, end, inside in sorted(best, key=lambda p: p[1]):
        if parts:
            parts.append(SEPARATOR)
            length += len(SEPARATOR)
        raw = text[start:end]
        start += len(raw) - len(raw.lstrip())  # no blank at either end of a passage
        passage = raw.strip()
        moved += [(a - start + length, b - start + length) for a, b in inside]
        parts.append(passage)
        length += len(passage)
    return Snippet("".join(parts), tuple(moved))


def opening(text: str, maxchars: int) -> Snippet:
    """Return the start of ``text`` as a snippet without matches: for a hit whose words are elsewhere."""
    return Snippet(text[:maxchars] + ("…" if len(text) > maxchars else ""))


def _passages(text: str, spans: list[Span], maxchars: int, surround: int) -> Iterable[tuple]:
    i = 0
    while i < len(spans):
        start = max(0, spans[i][0] - surround)
        j = i + 1
        while j < len(spans) and spans[j][1] + surround - start <= maxchars:
            j += 1
        inside = spans[i:j]
        end = min(len(text), max(start + maxchars, inside[-1][1]))
        start, end = _word_bounds(text, start, end, inside)
        score = len({text[a:b].lower() for a, b in inside})
        yield score, start, end, inside
        i = j


def _word_bounds(text: str, start: int, end: int, inside: list[Span]) -> Span:
    """Move the ends of a passage to spaces, so it neither starts nor ends inside a word."""
    if start > 0:
        space = text.find(" ", start, inside[0][0])
        start = space + 1 if space != -1 else inside[0][0]
    if end < len(text):
        space = text.rfind(" ", inside[-1][1], end)
        end = space if space != -1 else inside[-1][1]
    return start, end
