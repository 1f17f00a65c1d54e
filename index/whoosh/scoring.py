"""How matches are scored: Okapi BM25 with a sound idf, and a word typed twice weighing twice.

Whoosh's BM25F takes idf = ln(N / (n + 1)) + 1, which never falls much below 1: a word in
half the articles keeps about a sixth of the weight of a word in one, so the common words
of a question typed in full ("what", "problems", "articles") crowd out its rare ones. The
idf here is the one of Okapi BM25 as Lucene computes it, ln(1 + (N - n + 0.5) / (n + 0.5)):
close to 0 for a word in almost every article, never negative.

Whoosh's parser merges the copies of a word ("retrieval of retrieval systems" searches
retrieval once). A word the researcher repeats is one they stress, so its weight is
multiplied by the number of times it was typed (BM25's query term frequency).
"""
from __future__ import annotations

from collections import Counter
from math import log

from whoosh import query, scoring


class ArchiveBM25(scoring.BM25F):
    """Whoosh's BM25F (k1 1.2, b 0.75) with Okapi BM25's idf."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        articles = parent.doc_count_all()
        if SHARED_IDF:
            holding = max(parent.doc_frequency(f, text) for f in _text_fields(parent.schema, fieldname))
        else:
            holding = parent.doc_frequency(fieldname, text)
        return log(1 + (articles - holding + 0.5) / (holding + 0.5))


SHARED_IDF = False


def _text_fields(schema, fieldname):
    field = schema[fieldname]
    return [name for name, f in schema.items() if f.scorable and type(f) is type(field)] or [fieldname]


WEIGHTING = ArchiveBM25()
QUERY_K3 = None  # saturation of a word's weight with the times it is typed (BM25's k3); None: linear


def typed_weight(times: int) -> float:
    """The weight of a word typed ``times`` times, relative to a word typed once."""
    if QUERY_K3 is None:
        return float(times)
    return (QUERY_K3 + 1) * times / (QUERY_K3 + times)


def count_repeats(parsed: query.Query, typed: Counter, fields: tuple[str, ...]) -> query.Query:
    """Weigh each word of ``fields`` in ``parsed`` by how many times it was typed.

    ``typed`` counts the indexed form (stem) of each word of the query; copies merged by
    the parser then count again. Changes ``parsed`` in place and returns it.
    """
    if max(typed.values(), default=1) < 2:
        return parsed
    for leaf in parsed.leaves():
        if isinstance(leaf, query.Term) and leaf.fieldname in fields and typed.get(leaf.text, 1) > 1:
            leaf.boost *= typed_weight(typed[leaf.text])
    return parsed
