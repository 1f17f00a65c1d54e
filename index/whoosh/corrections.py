"""Curated corrections on merged entries: a correction of one source's event applies to its whole happening.

A correction (``corpus/timeline.yaml``) names one event; an entry folds every event that tells
the same happening (archive.repeats). The corrected event keeps the key of what the tagger found
(archive.curated.happening_keys), so it stays in its entry, and the timeline applies it there:

- a hidden event hides its whole entry, every source of it;
- a redated or retitled event heads its entry: the entry shows its date and headline, and is
  placed and filtered by that date, while the other sources stay listed under it.

So a correction keeps working when a new article tells the happening again (it joins the
entry), when the first source changes, and across reindexes. Two corrections of one entry:
hiding wins; else the corrected event earliest on the timeline heads it.
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh import query

from index.whoosh import doc_values

HIDDEN = query.Term("kind", "hidden")
CORRECTED = query.Term("kind", "corrected")


@dataclass(frozen=True)
class Corrections:
    """The happenings (by repeat key) that corrections hide or head, in one searcher's index."""

    keys: list  # each document's repeat key, by document number
    hidden: frozenset  # keys of the happenings a correction hides
    heads: dict  # key -> the document number of the corrected event that heads its happening

    def __bool__(self) -> bool:
        return bool(self.hidden or self.heads)

    def visible(self, docs: list[int]) -> list[int]:
        """Leave out every event of a hidden happening."""
        if not self.hidden:
            return docs
        return [docnum for docnum in docs if self.keys[docnum] not in self.hidden]

    def head(self, docnum: int) -> int:
        """The document whose date places the entry of this event: the correction's, else its own."""
        return self.heads.get(self.keys[docnum], docnum) if self.heads else docnum

    def headed(self, groups: list[list[int]], order: list) -> list[list[int]]:
        """Put each corrected event first in its group (added when the query did not reach it), in timeline order."""
        if not self.heads:
            return groups
        moved = False
        for group in groups:
            head = self.heads.get(self.keys[group[0]])
            if head is not None and group[0] != head:
                group[:] = [head] + [docnum for docnum in group if docnum != head]
                moved = True
        return sorted(groups, key=lambda group: order[group[0]]) if moved else groups


def corrections_of(searcher, folder: str) -> Corrections:
    """Read which happenings corrections hide or head (a few documents: the corrected ones)."""
    hidden_docs = list(searcher.docs_for_query(HIDDEN)) if searcher.doc_frequency("kind", "hidden") else []
    corrected_docs = list(searcher.docs_for_query(CORRECTED)) if searcher.doc_frequency("kind", "corrected") else []
    if not hidden_docs and not corrected_docs:
        return Corrections([], frozenset(), {})
    keys = doc_values.column(searcher, "repeat", folder)
    heads: dict = {}
    if corrected_docs:
        order = doc_values.column(searcher, "order", folder)
        for docnum in sorted(corrected_docs, key=lambda d: order[d]):
            heads.setdefault(keys[docnum], docnum)
    return Corrections(keys, frozenset(keys[d] for d in hidden_docs), heads)
