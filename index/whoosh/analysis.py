"""Index text a word at a time: the terms and positions of Whoosh's analysis, without its token pipeline.

Whoosh indexes a text by passing a Token object through a chain of generators (tokenizer,
lowercase, stop words, stemmer, accent folding) for every word: a fifth of a reindex. A
word always becomes the same term, so this format runs the chain once per distinct word
and remembers the outcome; the positions follow Whoosh's stop filter exactly (the first
kept word keeps its own position, the next ones count on from it). Searching and
highlighting still run the analyzer itself; tests/test_whoosh_patches.py checks that both
give the same postings.
"""
from __future__ import annotations

import re
from collections import defaultdict

from whoosh import fields, formats
from whoosh.analysis import CompositeAnalyzer, RegexTokenizer

CACHE_LIMIT = 200_000  # distinct words remembered; past that the memory starts again


class WordCachePositions(formats.Positions):
    """Whoosh's Positions format, with index-mode analysis a word at a time."""

    def __getstate__(self):
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_cache")}

    def word_values(self, value, analyzer, **kwargs):
        found = self.terms(value, analyzer) if kwargs.get("mode", "index") == "index" else None
        if found is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        positions = defaultdict(list)
        for position, term in found:
            positions[term].append(position)
        boost = self.field_boost
        for term, found_at in positions.items():
            yield term, len(found_at), len(found_at) * boost, self.encode(found_at)

    def encode(self, poslist):
        # Most words occur once in a text: the bytes of a lone position are Whoosh's, made once.
        if len(poslist) != 1:
            return super().encode(poslist)
        position = poslist[0]
        try:
            return _LONE[position]
        except KeyError:
            encoded = super().encode(poslist)
            if len(_LONE) < CACHE_LIMIT:
                _LONE[position] = encoded
            return encoded

    def terms(self, value, analyzer) -> list[tuple[int, str]] | None:
        """The (position, term) of each indexed word of ``value`` in order, as ``word_values`` indexes
        them; None where Whoosh's own chain indexes the whole text instead."""
        words = _word_pattern(analyzer)
        if words is None or not isinstance(value, str):
            return None
        terms = self._terms_for(analyzer)
        found = []
        position = None
        for index, word in enumerate(words.findall(value)):
            term = terms.get(word, _UNKNOWN)
            if term is _UNKNOWN:
                tokens = [token.text for token in analyzer(word, positions=True, boosts=True, mode="index")]
                if len(tokens) > 1:  # not one word after all: let Whoosh do the whole text
                    return None
                term = terms[word] = tokens[0] if tokens else None
            if term is not None:
                position = index if position is None else position + 1
                found.append((position, term))
        return found

    def _terms_for(self, analyzer) -> dict:
        if getattr(self, "_cache_owner", None) is not analyzer or len(self._cache_terms) > CACHE_LIMIT:
            self._cache_owner, self._cache_terms = analyzer, {}
        return self._cache_terms


_UNKNOWN = object()
_LONE: dict[int, bytes] = {}
_patterns: dict[str, re.Pattern | None] = {}


def _word_pattern(analyzer) -> re.Pattern | None:
    """The analyzer's tokenizer pattern without capturing groups (findall then returns words), or None."""
    tokenizer = analyzer.items[0] if isinstance(analyzer, CompositeAnalyzer) else analyzer
    if not isinstance(tokenizer, RegexTokenizer) or tokenizer.gaps:
        return None
    source = tokenizer.expression.pattern
    if source not in _patterns:
        plain = re.sub(r"(?<!\\)\((?!\?)", "(?:", source)
        compiled = re.compile(plain, tokenizer.expression.flags)
        _patterns[source] = compiled if compiled.groups == 0 and "\\(" not in source else None
    return _patterns[source]


def text_field(**options) -> fields.TEXT:
    """A Whoosh TEXT field (positions, for phrases) indexed a word at a time."""
    field = fields.TEXT(**options)
    field.format = WordCachePositions(field_boost=field.format.field_boost)
    return field


_WORDS = WordCachePositions()


def indexed_terms(text: str, analyzer) -> list[tuple[int, str]]:
    """The (position, term) of each word of ``text`` as a text_field indexes it, in order."""
    found = _WORDS.terms(text, analyzer)
    if found is None:
        found = [(token.pos, token.text) for token in analyzer(text, positions=True, mode="index")]
    return found
