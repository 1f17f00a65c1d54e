"""How matches are scored: Okapi BM25 with a sound idf, and a word typed twice weighing twice.

Whoosh's BM25F takes idf = ln(N / (n + 1)) + 1, which never falls much below 1: a word in
half the articles keeps about a sixth of the weight of a word in one, so the common words
of a question typed in full ("what", "problems", "articles") crowd out its rare ones. The
idf here is Okapi BM25's as Lucene computes it, ln(1 + (N - n + 0.5) / (n + 0.5)): close to
0 for a word in almost every article, never negative.

Whoosh also takes each field's idf from that field alone: a word rare in titles but common in
bodies ("retrieval" in a library's abstracts) scored as a rare word wherever a title held it.
A word's idf here counts the articles that hold it in any text field (the largest of the
fields' counts, which is the body's for nearly every word). On CISI, nDCG@10 0.370 -> 0.393.

Whoosh's parser merges the copies of a word ("retrieval of retrieval systems" searches
retrieval once). A word the researcher repeats is one they stress, so it weighs more, as
BM25 counts a query's words, but with BM25's saturation qtf*(k3+1)/(qtf+k3): typed twice,
1.67 times; three times, 2.14 (k3 4). Counted in full, repeats lifted CISI (questions that
repeat their topic, 0.326 -> 0.365) but cost MED 0.038; k3 1 kept MED but lost CISI's gain.

k1 1.5 and a body b of 0.9 (Whoosh: 1.2 and 0.75) were chosen on the three collections together
with k3 and the feedback's weight (bench/relevance.py, nDCG@10; Cranfield, MED, CISI):
k1 1.2, b 0.75, repeats in full, feedback weight 1: 0.399, 0.722, 0.393;
k3 4 alone: -, 0.731, -; with k1 1.5 and feedback weight 1.5: 0.398, 0.750, 0.395;
and body b 0.9: 0.402, 0.758, 0.395.
"""
from __future__ import annotations

from collections import Counter
from math import log

from whoosh import query, scoring

SHARED_IDF = True  # a word's idf from the articles holding it in any text field (False: Whoosh's per field)
QUERY_K3: float | None = 4.0  # BM25's saturation of a word typed n times: n*(k3+1)/(n+k3); None counts n in full
K1 = 1.5  # how fast a word's repeats in an article stop adding weight (Whoosh: 1.2)
BODY_B = 0.9  # how much a long body is normalised for its length (Whoosh: 0.75, kept for titles)


class ArchiveBM25(scoring.BM25F):
    """Whoosh's BM25F (each text field scored on its own) with Okapi BM25's idf."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        fields = _text_fields(parent.schema, fieldname) if SHARED_IDF else (fieldname,)
        holding = max(parent.doc_frequency(name, text) for name in fields)
        articles = parent.doc_count_all()
        return log(1 + (articles - holding + 0.5) / (holding + 0.5))


def _text_fields(schema, fieldname: str) -> list[str]:
    """The scored fields of the same kind as ``fieldname`` (title and body; an event's texts)."""
    kind = type(schema[fieldname])
    return [name for name, field in schema.items() if field.scorable and type(field) is kind]


WEIGHTING = ArchiveBM25(K1=K1, body_B=BODY_B)


def count_repeats(parsed: query.Query, typed: Counter, fields: tuple[str, ...]) -> query.Query:
    """Weigh each word of ``fields`` in ``parsed`` by how many times it was typed.

    ``typed`` counts the indexed form (stem) of each word of the query; copies merged by
    the parser then count again. Changes ``parsed`` in place and returns it.
    """
    if max(typed.values(), default=1) < 2:
        return parsed
    for leaf in parsed.leaves():
        if isinstance(leaf, query.Term) and leaf.fieldname in fields and typed.get(leaf.text, 1) > 1:
            leaf.boost *= repeat_weight(typed[leaf.text])
    return parsed


def repeat_weight(times: int) -> float:
    """The weight of a word typed ``times`` times, relative to a word typed once."""
    if QUERY_K3 is None:
        return float(times)
    return times * (QUERY_K3 + 1) / (times + QUERY_K3)
