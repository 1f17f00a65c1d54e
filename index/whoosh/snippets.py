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


def snippet(text: str, spans: list[Span], *, maxchars: int = 240, surround: int = 70, top: int = 3,
            years: list[Span] = ()) -> Snippet:
    """Return up to ``top`` passages of ``text`` around ``spans``, with the spans moved into them.

    A passage starts ``surround`` characters before a match and takes in the matches that
    follow while it stays within ``maxchars``; passages never overlap, so no text is shown
    twice. The passages with the most different words win (a mention of a year the search
    is filtered on, in ``years``, counts half a word) and are shown in text order, joined by
    " … "; a "…" also marks text cut before the first and after the last. Empty when there
    is no match.
    """
    wanted = set(years)
    passages = list(_passages(text, sorted(set(spans) | wanted), maxchars, surround, wanted))
    ranked = sorted(passages, key=lambda p: (-p[0], p[1]))
    best = ranked[:top]
    if wanted and not any(_holds(p, wanted) for p in best):  # the year asked for is always shown
        best = best[:top - 1] + [next(p for p in ranked if _holds(p, wanted))]
    best.sort(key=lambda p: p[1])
    parts: list[str] = []
    moved: list[Span] = []
    length = 0
    previous_end = 0
    for _, start, end, inside in best:
        gap = text[previous_end:start]
        joint = ("… " if start > 0 else "") if not parts else (gap if gap and not gap.strip() else SEPARATOR)
        parts.append(joint)
        length += len(joint)
        moved += [(a - start + length, b - start + length) for a, b in inside]
        parts.append(text[start:end])
        length += end - start
        previous_end = end
    if parts and previous_end < len(text):
        parts.append(" …")
    return Snippet("".join(parts), tuple(moved))


def opening(text: str, maxchars: int) -> Snippet:
    """Return the start of ``text`` as a snippet without matches: for a hit whose words are elsewhere."""
    return Snippet(text[:maxchars] + ("…" if len(text) > maxchars else ""))


def _holds(passage: tuple, years: set[Span]) -> bool:
    return any(span in years for span in passage[3])


def _passages(text: str, spans: list[Span], maxchars: int, surround: int, years: set[Span]) -> Iterable[tuple]:
    i, previous_end = 0, 0
    while i < len(spans):
        start = max(previous_end, spans[i][0] - surround)
        j = i + 1
        # A year asked for opens a passage of its own, so its sentence is shown whole.
        while j < len(spans) and spans[j][1] + surround - start <= maxchars and spans[j] not in years:
            j += 1
        end = min(len(text), max(start + maxchars, spans[j - 1][1]))
        start, end = _word_bounds(text, start, end, spans[i:j])
        while j < len(spans) and spans[j][1] <= end and spans[j] not in years:  # shown matches are marked
            j += 1
        if j < len(spans) and spans[j][0] < end:  # a year's sentence starts inside: end the passage before it
            cut = max(text.rfind(". ", spans[j - 1][1], spans[j][0]), text.rfind("\n", spans[j - 1][1], spans[j][0]))
            end = cut + 1 if cut != -1 else spans[j - 1][1]
            while end > start and text[end - 1].isspace():
                end -= 1
        inside = spans[i:j]
        score = len({text[a:b].lower() for a, b in inside if (a, b) not in years}) + 0.5 * any(
            span in years for span in inside)
        yield score, start, end, inside
        previous_end, i = end, j


def _word_bounds(text: str, start: int, end: int, inside: list[Span]) -> Span:
    """Move the ends of a passage to the start of a sentence or line, or else to a space.

    A passage then neither starts nor ends inside a word, and reads from a sentence's start
    when one is near; it never starts or ends with a blank.
    """
    if start > 0:
        sentence = max(text.rfind(". ", start, inside[0][0]), text.rfind("\n", start, inside[0][0]))
        if sentence != -1:
            start = sentence + 1
        else:
            space = text.find(" ", start, inside[0][0])
            start = space + 1 if space != -1 else inside[0][0]
    if end < len(text):
        space = text.rfind(" ", inside[-1][1], end)
        end = space if space != -1 else inside[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_YEAR = re.compile(r"\b(\d{1,4})\s?(BCE?)\b|(?<!\d[,.])\b(\d{3,4})\b(?![,.]\d)")  # "500 BC", "1987"; not "1,200"


def year_spans(text: str, years: Iterable[int] = (), low: int | None = None, high: int | None = None,
               limit: int = 20) -> list[Span]:
    """Return where ``text`` writes one of ``years``, or a year from ``low`` to ``high`` ("1987", "500 BC")."""
    chosen = set(years)
    if not chosen and low is None and high is None:
        return []
    found = []
    for match in _YEAR.finditer(text):
        year = 1 - int(match.group(1)) if match.group(2) else int(match.group(3))
        in_range = (low is not None or high is not None) and (low is None or year >= low) and (high is None or year <= high)
        if year in chosen or in_range:
            found.append(match.span())
            if len(found) >= limit:
                break
    return found
