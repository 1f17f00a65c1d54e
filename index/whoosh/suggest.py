"""Did you mean: a spelling of the query whose words the index holds."""
from __future__ import annotations

import re
from pathlib import Path

from whoosh import query

from index.whoosh import schema, searchers
from index.whoosh.query import OPERATORS

MAX_EDITS = 2
MAX_WORDS = 12
# A plain word: not a field name, not followed by a wildcard, fuzzy or boost sign.
_WORD = re.compile(r"(?<![\w:~^*?])([^\W\d_][\w'’]*)(?![\w:~^*?])")


def suggest(index_dir: Path, q: str) -> str | None:
    """Return ``q`` with each word the index lacks replaced by the closest one it has, or None."""
    changed = False
    parts: list[str] = []
    last = 0
    with searchers.searching(index_dir, schema.ARTICLES) as searcher:
        reader = searcher.reader()
        for match in list(_WORD.finditer(q))[:MAX_WORDS]:
            word = match.group(1)
            if word in OPERATORS or _preceded_by_field(q, match.start()):
                continue
            replacement = _correct(searcher, reader, word)
            if replacement:
                parts += [q[last:match.start()], replacement]
                last = match.end()
                changed = True
    return "".join(parts) + q[last:] if changed else None


def _preceded_by_field(q: str, start: int) -> bool:
    return start > 0 and q[start - 1] == ":"


def _correct(searcher, reader, word: str) -> str | None:
    """Return the spelling, as found in some article, of the indexed term closest to ``word``."""
    stems = [token.text for token in schema.TEXT_ANALYZER(word.lower())]
    if len(stems) != 1 or any((name, stems[0]) in reader for name in schema.TEXT_FIELDS):
        return None  # a stop word, or a word the index already has
    stem = stems[0]
    for edits in range(1, MAX_EDITS + 1):
        near = set(reader.terms_within("body", stem, edits, prefix=1))
        if near:
            best = max(sorted(near), key=lambda term: reader.doc_frequency("body", term))
            return _surface_form(searcher, best) or best
    return None


def _surface_form(searcher, term: str) -> str | None:
    """Find how ``term`` (a stem) is written in the first article that holds it."""
    for docnum in searcher.docs_for_query(query.Term("body", term)):
        body = searcher.stored_fields(docnum).get("body", "")
        for token in schema.TEXT_ANALYZER(body, chars=True):
            if token.text == term:
                return body[token.startchar:token.endchar]
        break
    return None
