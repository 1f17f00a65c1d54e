"""Curated corrections on merged entries, in a Whoosh index (the rule and its reasons: index.corrections).

The corrected and hidden events are few: two term look-ups find them, and the repeat-key column
says which happening each one tells. The events are document numbers here.
"""
from __future__ import annotations

from whoosh import query

from index import corrections
from index.corrections import Corrections
from index.whoosh import doc_values

HIDDEN = query.Term("kind", "hidden")
CORRECTED = query.Term("kind", "corrected")


def corrections_of(searcher, folder: str) -> Corrections[int]:
    """Read which happenings corrections hide or head (a few documents: the corrected ones)."""
    hidden_docs = list(searcher.docs_for_query(HIDDEN)) if searcher.doc_frequency("kind", "hidden") else []
    corrected_docs = list(searcher.docs_for_query(CORRECTED)) if searcher.doc_frequency("kind", "corrected") else []
    if not hidden_docs and not corrected_docs:
        return Corrections()
    keys = doc_values.column(searcher, "repeat", folder)
    order = doc_values.column(searcher, "order", folder)
    return corrections.of((keys[d] for d in hidden_docs),
                          ((keys[d], d) for d in sorted(corrected_docs, key=order.__getitem__)))
