"""Numbers the index does not keep, checked in the happening's own text: "iPhone 4", "Windows 7" (both engines).

The word filter drops one-character words, so "iPhone 4" would search "iPhone" and fill the
timeline with every iPhone. A number written right after a query word names a model or an
edition; the events that match the rest of the query are kept only when their sentence or
headline (or, for a sentence that speaks of its article's subject, the title) says it.
"""
from __future__ import annotations

import re
from typing import Callable

_NAMED_NUMBER = re.compile(r"([^\W\d_][\w&.'’-]*)\s+(\d+)\b")


def literal_check(q: str, indexed: Callable[[str], bool]) -> Callable[[dict, bool], bool] | None:
    """A test of an event's stored fields (and whether it refers to its title's subject) for the
    word-and-number pairs the index cannot search; None if the query has none.

    ``indexed(word)`` tells whether the engine's analysis keeps a word.
    """
    if re.search(r"\b(?:AND|OR|NOT)\b|[\"():]", q):
        return None  # a query with operators or fields says what it means itself
    pairs = [(word, number) for word, number in _NAMED_NUMBER.findall(q) if not indexed(number) and indexed(word)]
    if not pairs:
        return None
    patterns = [re.compile(rf"(?<![\w&]){re.escape(word)}\s+{number}(?![\w])", re.I) for word, number in pairs]

    def says_it(stored: dict, refers: bool) -> bool:
        texts = [stored.get("sentence", ""), stored.get("headline", "")]
        if refers:
            texts.append(stored.get("article_title", ""))
        return all(any(p.search(t or "") for t in texts) for p in patterns)
    return says_it
