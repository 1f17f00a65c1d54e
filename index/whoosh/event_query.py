"""A timeline query over what the events index keeps: the article's title and a cut headline found elsewhere.

The events index does not index the title of each event's article (the articles index
already does, once per article), nor a headline whose words are a run of its sentence's
words (schema.event_document): repeated per event, they were most of a reindex's events
postings. A query is parsed as before, over every field a researcher may name; then:

- a part on ``article_title`` is searched in the titles of the articles index, of the same
  generation, and becomes the events of the matching articles;
- a headline part side by side with the same part on the sentence (the default fields) stays
  as it is: a headline not indexed is a run of its sentence, which the sentence part finds;
- a headline part alone (``headline:``, ``title:``) matches the events whose indexed headline
  has it, and those whose sentence has it when their stored headline, analysed as the index
  would, has it too.
"""
from __future__ import annotations

import copy
from bisect import bisect_left
from itertools import chain
from typing import Callable

from whoosh import matching, query

from index.whoosh import doc_values, limits, schema, searchers
from index.whoosh.analysis import indexed_terms

QUERY_SCHEMA = schema.event_query_schema()  # what the parser reads the events' field names with
_DEFAULT_PAIR = {"headline", "sentence"}


def resolve(searcher, event_query: query.Query) -> query.Query:
    """Return ``event_query`` with its title and lone headline parts replaced by the events they match."""
    if not any(getattr(leaf, "fieldname", None) in ("article_title", "headline") for leaf in event_query.leaves()):
        return event_query

    def rewrite(q: query.Query) -> query.Query:
        if _default_pair(q):
            return q
        if q.is_leaf():
            field = getattr(q, "fieldname", None)
            if field == "article_title":
                return Docs(_in_titles(searcher, q))
            if field == "headline":
                return Docs(_in_headlines(searcher, q))
            return q
        return q.apply(rewrite)
    return rewrite(event_query)


def _default_pair(q: query.Query) -> bool:
    """Whether ``q`` is one part searched in the headline or the sentence, as the parser makes it."""
    if not isinstance(q, query.Or) or len(q.subqueries) != 2:
        return False
    first, second = q.subqueries
    if {getattr(first, "fieldname", None), getattr(second, "fieldname", None)} != _DEFAULT_PAIR:
        return False
    swapped = copy.copy(first)
    swapped.fieldname = second.fieldname
    return swapped == second


def _in_titles(searcher, leaf: query.Query) -> list[int]:
    """The events of the articles whose title matches ``leaf``, from the articles of the same generation."""
    generation = searchers.generation_of(searcher)
    folder = str(generation)
    with searchers.searching(generation.parent, schema.ARTICLES, generation) as articles:
        ids = doc_values.column(articles, "id", folder, translate=True)
        wanted = {schema.article_key(ids[docnum]) for docnum in limits.all_docs(articles, _on_field(leaf, "title"))}
    if not wanted:
        return []
    by_article = doc_values.per_generation("events-by-article", folder, lambda: _events_by_article(searcher, folder))
    return sorted(chain.from_iterable(by_article.get(key, ()) for key in wanted))


def _events_by_article(searcher, folder: str) -> dict[int, list[int]]:
    """Each article key's events (document numbers): made once per generation, since walking
    the column for each query took 17 ms of a title query's time on Reuters."""
    by_article: dict[int, list[int]] = {}
    for docnum, key in enumerate(doc_values.column(searcher, "article_key", folder)):
        by_article.setdefault(key, []).append(docnum)
    return by_article


def _in_headlines(searcher, leaf: query.Query) -> list[int]:
    """The events whose headline matches ``leaf``: indexed, or a run of a sentence that matches it."""
    found = set(limits.all_docs(searcher, leaf))
    says = _headline_test(searcher, leaf)
    for docnum in limits.all_docs(searcher, _on_field(leaf, "sentence")):
        if docnum not in found and says(searcher.stored_fields(docnum).get("headline") or ""):
            found.add(docnum)
    return sorted(found)


def _headline_test(searcher, leaf: query.Query) -> Callable[[str], bool]:
    """A test of a headline's text for what ``leaf`` looks for, with the positions the index would give it."""
    if isinstance(leaf, query.Term):
        return lambda headline: any(term == leaf.text for _, term in _terms(headline))
    if isinstance(leaf, query.Phrase):
        return lambda headline: _has_phrase(_terms(headline), list(leaf.words), leaf.slop)
    if isinstance(leaf, query.Every):
        return lambda headline: bool(_terms(headline))
    # A prefix, wildcard, fuzzy word or range: the words of the sentences it stands for.
    expanded = {_text(text) for field, text in _on_field(leaf, "sentence").expanded_terms(searcher.reader())
                if field == "sentence"}
    return lambda headline: any(term in expanded for _, term in _terms(headline))


def _terms(text: str) -> list[tuple[int, str]]:
    return indexed_terms(text, schema.TEXT_ANALYZER)


def _has_phrase(terms: list[tuple[int, str]], words: list[str], slop: int) -> bool:
    """Whether the words follow one another, each at most ``slop`` positions after the last (Whoosh's Phrase)."""
    at: dict[str, list[int]] = {}
    for position, term in terms:
        at.setdefault(term, []).append(position)
    reach = set(at.get(words[0], ())) if words else set()
    for word in words[1:]:
        reach = {p for p in at.get(word, ()) if any(0 < p - q <= slop for q in reach)}
    return bool(reach)


def _text(text) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else text


def _on_field(leaf: query.Query, field: str) -> query.Query:
    moved = copy.copy(leaf)
    moved.fieldname = field
    return moved


class Docs(query.Query):
    """The documents of the events index given by number, as a query that can be combined with others.

    The numbers are those of the top searcher, deleted documents among them or not; a query of
    the combination runs segment by segment, so each segment's searcher takes its own numbers.
    """

    def __init__(self, docnums, boost: float = 1.0):
        self.docnums = sorted(docnums)
        self.boost = boost
        self.fieldname = None

    def __repr__(self):
        return f"{self.__class__.__name__}({len(self.docnums)} documents)"

    def __eq__(self, other):
        return other and self.__class__ is other.__class__ and self.docnums == other.docnums

    def __hash__(self):
        return hash((self.__class__.__name__, len(self.docnums), tuple(self.docnums[:8])))

    def estimate_size(self, ixreader):
        return len(self.docnums)

    def matcher(self, searcher, context=None):
        parent = searcher.parent() if searcher.parent is not None else None
        offset = parent._offset_for_subsearcher(searcher) if parent is not None else 0
        end = offset + searcher.reader().doc_count_all()
        low, high = bisect_left(self.docnums, offset), bisect_left(self.docnums, end)
        reader = searcher.reader()
        local = [docnum - offset for docnum in self.docnums[low:high]]
        if reader.has_deletions():  # as a term's postings, leave out the older versions of changed articles
            local = [docnum for docnum in local if not reader.is_deleted(docnum)]
        if not local:
            return matching.NullMatcher()
        return matching.ListMatcher(local, all_weights=self.boost)
