"""Ranking refined by the best matches' own words (pseudo-relevance feedback).

A question typed in full ("what similarity laws must be obeyed when constructing
aeroelastic models") names a topic with words its articles may not use. The words that
stand out in the first few matches (Bo1 model, Whoosh's ``Expander``) describe the topic
better; they are added to the query as optional clauses, so they reorder the matches but
never add or remove one: the count and the facets stay those of the words typed.

Feedback must only help. In news a query has one or two relevant articles, so most of the
best matches are other stories, and words of one of them at full weight pull the ranking
toward it (a query on "Maphilindo" gained nasser, arab, egypt). So a word is added only
when at least AGREE of the DOCS best matches hold it, and it weighs in proportion to the
share of them that do: the strongest word, if all ten hold it, counts 1.5 times a word
typed; held by three, 0.45 times. When the best matches have nothing in common, nothing is added.

Measured with ``bench/relevance.py``'s collections (nDCG@10, without feedback -> with it):
MED 0.695 -> 0.722, CISI 0.375 -> 0.386 (relaxing below 3); on Cranfield's queries with at
most three relevant articles, 0.404 with words at full weight -> 0.416 weighted by share.
WEIGHT 1.5 was chosen with scoring.py's k1, body b and k3 (see there): with those, MED
0.742 -> 0.750 against WEIGHT 1, CISI the same (0.395), Cranfield 0.397 -> 0.398.
"""
from __future__ import annotations

from collections import Counter

from whoosh import classify, query

MIN_WORDS = 3  # one or two keywords say exactly what is wanted: leave their ranking alone
DOCS = 10  # best matches read (5 gave MED 0.706 against 0.726, CISI and Cranfield the same)
TERMS = 20
WEIGHT = 1.5  # of the strongest feedback word held by every one of the DOCS, relative to a word typed
AGREE = 3  # of the DOCS best matches that must hold a word for it to be added
BY_SHARE = True  # a word's weight in proportion to the share of the DOCS that hold it
MAX_CHARS = 20_000  # of each document: enough to characterise it, bounded on long chronicles


def worth_refining(text_query: query.Query | None, text_fields: tuple[str, ...]) -> bool:
    """Whether a query holds enough different single words to benefit from feedback.

    Words of a phrase do not count: a phrase already says exactly what is wanted.
    """
    if text_query is None:
        return False
    words = {leaf.text for leaf in text_query.leaves()
             if isinstance(leaf, query.Term) and leaf.fieldname in text_fields}
    return len(words) >= MIN_WORDS


def refine(searcher, whoosh_query: query.Query, top_docnums: list[int], field: str = "body") -> query.Query:
    """Return ``whoosh_query`` with the feedback words of ``top_docnums`` as optional clauses."""
    expander = _AgreeingExpander(searcher.reader(), field)
    for docnum in top_docnums[:DOCS]:
        expander.add_text(searcher.stored_fields(docnum).get(field, "")[:MAX_CHARS])
    expander.keep_shared(AGREE)
    terms = expander.expanded_terms(TERMS)
    if not terms:
        return whoosh_query
    strongest = max(weight for _, weight in terms)
    documents = min(DOCS, len(top_docnums))
    share = (lambda term: expander.holding[term] / documents) if BY_SHARE else (lambda term: 1.0)
    optional = query.Or([query.Term(field, term, boost=WEIGHT * weight / strongest * share(term))
                         for term, weight in terms])
    return query.AndMaybe(whoosh_query, optional)


class _AgreeingExpander(classify.Expander):
    """Whoosh's Bo1 expander that also counts how many of the documents hold each word."""

    def __init__(self, reader, field: str):
        super().__init__(reader, field)
        self.holding: Counter = Counter()

    def add(self, vector):
        vector = list(vector)
        self.holding.update({word for word, _ in vector})
        super().add(vector)

    def keep_shared(self, documents: int) -> None:
        """Forget the words fewer than ``documents`` of the documents added hold."""
        for word in [w for w, n in self.holding.items() if n < documents]:
            del self.topN_weight[word]
