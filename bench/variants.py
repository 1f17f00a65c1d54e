"""Parts of the ranking switched one at a time, to measure what each is worth (bench/relevance.py).

Each variant changes the archive in this process and returns a function that undoes it.
"""
from __future__ import annotations

from typing import Callable

Undo = Callable[[], None]


def _setting(module, name: str, value) -> Callable[[], Undo]:
    def switch() -> Undo:
        before = getattr(module, name)
        setattr(module, name, value)
        return lambda: setattr(module, name, before)
    return switch


def _together(*switches: Callable[[], Undo]) -> Callable[[], Undo]:
    def switch() -> Undo:
        undos = [s() for s in switches]
        return lambda: [undo() for undo in reversed(undos)]
    return switch


from index.whoosh import feedback, query_words, schema, scoring, searcher  # noqa: E402

VARIANTS: dict[str, Callable[[], Undo]] = {
    "no feedback": _setting(feedback, "MIN_WORDS", 10_000),
    "question words searched": _setting(query_words, "QUESTION_WORDS", frozenset()),
    "feedback weight 0.5": _setting(feedback, "WEIGHT", 0.5),
    "feedback weight 0.25": _setting(feedback, "WEIGHT", 0.25),
    "feedback weight 1": _setting(feedback, "WEIGHT", 1.0),
    "feedback words in 1 document": _setting(feedback, "AGREE", 1),
    "feedback words in 2 documents": _setting(feedback, "AGREE", 2),
    "feedback words in 3 documents": _setting(feedback, "AGREE", 3),
    "Whoosh idf": _setting(scoring.ArchiveBM25, "idf", scoring.ArchiveBM25.__bases__[0].idf),
    "idf per field": _setting(scoring, "SHARED_IDF", False),
    "repeats merged": _setting(scoring, "count_repeats", lambda parsed, typed, fields: parsed),
    # The same analysis with Whoosh's default (Porter) stemmer: the index is rebuilt per variant.
    "Porter stemmer": _setting(schema, "TEXT_ANALYZER", schema.RegexTokenizer(schema.WORD_PATTERN) | schema.WordFilter()
                               | schema.StemFilter() | schema.CharsetFilter(schema.accent_map)),
    **{f"repeats k3 {k3}": _setting(scoring, "QUERY_K3", k3) for k3 in (1, 2, 4, 8)},
    **{f"body b {b}": _setting(scoring, "WEIGHTING", scoring.ArchiveBM25(body_B=b)) for b in (0.5, 0.6, 0.9)},
    **{f"k1 {k1}": _setting(scoring, "WEIGHTING", scoring.ArchiveBM25(K1=k1)) for k1 in (0.9, 1.5, 2.0)},
    **{f"feedback {t} words": _setting(feedback, "TERMS", t) for t in (10, 30, 40)},
    "relax below 3": _setting(searcher, "RELAX_BELOW", 3),
    "relax below 10": _setting(searcher, "RELAX_BELOW", 10),
    "relax below 20": _setting(searcher, "RELAX_BELOW", 20),
}
