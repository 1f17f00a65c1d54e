"""The archive's query language, read into a tree and written as OpenSearch's query DSL.

The language is the one the Whoosh engine reads (README, "search"): words (all must match),
AND, OR, NOT, ANDNOT, ANDMAYBE, -word, +word, "phrases", wildcards, fuzzy ``word~``/``word~2``,
fields (``title:``, ``year:``, ...) with ranges, brackets. Operators bind as in Whoosh: words side
by side are one group; AND, OR, ANDNOT and ANDMAYBE join the neighbours on either side, left to
right ("moon OR sun landing" is "(moon OR sun) AND landing"). What cannot be read is dropped and
noted by the same pre-scan as Whoosh's, so both engines say the same about the same query.

Words are analysed by the cluster (``stems``), so the understood query shows the stems searched
and common words drop out as they do in the index.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Sequence

from index.engine import MAX_QUERY_LENGTH
from index.errors import QueryError
from index.language import ARTICLE_LANGUAGE, OPERATORS, Language, scan

Stems = Callable[[Sequence[str]], dict[str, tuple[str, ...]]]

BINARY = ("AND", "OR", "ANDNOT", "ANDMAYBE")
# Whoosh keyword fields are searched through their lowercased twins in the mappings.
SEARCHED_AS = {"source": "source_terms", "tags": "tag_terms"}
KEYWORD_FIELDS = frozenset({"source", "tags", "language", "id", "article_id", "kind"})
_FIELD_PREFIX = re.compile(r"([A-Za-z_]\w*):")
_BOOST = re.compile(r"\^(\d+(?:\.\d+)?)$")
_FUZZY = re.compile(r"~(\d?)$")
_STOPWORD_CANDIDATE = re.compile(r'(?<![:\w])([A-Za-z]+)(?![\w:~*?])')


# The tree: leaves and the operators that join them.
@dataclass(frozen=True)
class Word:
    field: str | None  # None: the language's default fields
    text: str
    kind: str = "term"  # "term", "wildcard" or "fuzzy"
    distance: int = 0
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    field: str | None
    text: str


@dataclass(frozen=True)
class Range:
    field: str
    low: int | None
    high: int | None
    low_excluded: bool = False
    high_excluded: bool = False


@dataclass(frozen=True)
class Join:
    operator: str  # "AND", "OR", "ANDNOT", "ANDMAYBE"
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: object


@dataclass(frozen=True)
class Every:
    pass


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready to search, with how it was understood and what was left out."""

    text: str
    understood: str
    notes: tuple[str, ...]
    dsl: dict


def parse_query(text: str, stems: Stems, language: Language = ARTICLE_LANGUAGE, any_word: bool = False) -> ParsedQuery:
    """Read ``text`` into an OpenSearch query; raise QueryError when nothing searchable is left."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"The query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}.")
    notes = scan(text, language)  # raises for unknown fields and years that are not years
    tokens = _tokens(text, language)
    analysed = stems(sorted({t[1].text for t in tokens if t[0] == "leaf" and _analysed(t[1], language)}
                            | {t[1].text for t in tokens if t[0] == "leaf" and isinstance(t[1], Phrase)
                               and _analysed(t[1], language)}))
    tree = _Parser(tokens, any_word, language).parse()
    tree = _drop_empty(tree, analysed, language)
    if tree is None:
        raise QueryError(f"Nothing to search for in '{text}': it holds only operators or "
                         "common words that are not indexed (such as 'the' or 'of').")
    syntax_free = re.sub(r"[\[{][^\]}]*[\]}]", " ", text)  # the TO of a range is syntax, not a word
    dropped = sorted({w.lower() for w in _STOPWORD_CANDIDATE.findall(syntax_free)
                      if w not in OPERATORS and not stems([w.lower()]).get(w.lower())})
    if dropped:
        notes.append("Common words not searched: " + ", ".join(dropped) + ".")
    return ParsedQuery(text, describe(tree, analysed, language), tuple(notes), to_dsl(tree, language))


# ---- reading: characters -> tokens -------------------------------------------------------------

def _tokens(text: str, language: Language) -> list[tuple]:
    """Split a query into ("(",), (")",), ("op", name), ("sign", "+"/"-"), ("field(", field), ("leaf", node)."""
    tokens: list[tuple] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append((char,))
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            if end == -1:  # unclosed: its words are searched one by one (noted by the scan)
                tokens += [("leaf", _word(None, w)) for w in text[i + 1:].split()]
                i = n
            else:
                tokens.append(("leaf", Phrase(None, text[i + 1:end])))
                i = end + 1
        elif char in "+-" and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in "+-)":
            tokens.append(("sign", char))
            i += 1
        else:
            i = _chunk(text, i, tokens, language)
    return _dangling_as_words(tokens)


def _dangling_as_words(tokens: list[tuple]) -> list[tuple]:
    """ANDNOT and ANDMAYBE with nothing on one side are searched as words, as Whoosh does.

    (A dangling AND, OR or NOT is dropped instead; the scan notes both.)
    """
    out = list(tokens)
    for position, token in enumerate(tokens):
        if token[0] == "op" and token[1] in ("ANDNOT", "ANDMAYBE"):
            before = tokens[position - 1] if position else None
            after = tokens[position + 1] if position + 1 < len(tokens) else None
            if (before is None or before[0] in ("(", "field(", "sign") or before[0] == "op"
                    or after is None or after == (")",) or (after[0] == "op" and after[1] != "NOT")):
                out[position] = ("leaf", Word(None, token[1]))
    return out


def _chunk(text: str, i: int, tokens: list, language: Language) -> int:
    """Read a word, an operator or a field with its value from ``i``; return where reading stopped."""
    field_match = _FIELD_PREFIX.match(text, i)
    # The scan refused unknown fields; one it did not see as a field ("+OR:") is a word, as in Whoosh.
    if field_match and field_match.group(1).lower() in language.fields:
        field = language.fields[field_match.group(1).lower()]
        j = field_match.end()
        following = text[j] if j < len(text) else ""
        if following in "[{" and following:
            close = min((p for p in (text.find("]", j), text.find("}", j)) if p != -1), default=len(text))
            tokens.append(("leaf", _range(field, text[j:close + 1], language)))
            return close + 1
        if following == '"':
            end = text.find('"', j + 1)
            end = len(text) if end == -1 else end
            tokens.append(("leaf", Phrase(field, text[j + 1:end])))
            return end + 1
        if following == "(":
            tokens.append(("field(", field))
            return j
        if not following or following.isspace() or following == ")":
            tokens.append(("leaf", _word(None, field_match.group(1))))  # Whoosh searches "title:" as a word
            return j
        value, j = _until_break(text, j)
        tokens.append(("leaf", _field_value(field, value, language)))
        return j
    value, j = _until_break(text, i)
    if value in OPERATORS:
        tokens.append(("op", value))
    else:
        tokens.append(("leaf", _word(None, value)))
    return j


def _until_break(text: str, i: int) -> tuple[str, int]:
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in '()"':
        j += 1
    return text[i:j], j


def _word(field: str | None, value: str) -> Word:
    boost = 1.0
    if (match := _BOOST.search(value)) and match.start():
        boost, value = float(match.group(1)), value[:match.start()]
    if (match := _FUZZY.search(value)) and match.start():
        return Word(field, value[:match.start()], "fuzzy", int(match.group(1) or 1), boost)
    if "*" in value or "?" in value:
        return Word(field, value, "wildcard", boost=boost)
    return Word(field, value, boost=boost)


def _field_value(field: str, value: str, language: Language):
    if field in language.numeric_fields:
        for sign, low_excluded, high_excluded in ((">=", False, False), ("<=", False, False),
                                                  (">", True, False), ("<", False, True)):
            if value.startswith(sign):
                year = _year(field, value[len(sign):])
                if sign[0] == ">":
                    return Range(field, year, None, low_excluded=low_excluded)
                return Range(field, None, year, high_excluded=high_excluded)
        year = _year(field, value)
        return Range(field, year, year)
    return _word(field, value)


def _range(field: str, value: str, language: Language) -> Range:
    body = value[1:-1] if value[-1:] in "]}" else value[1:]
    low, _, high = body.partition(" TO ")
    if not _:
        low, _, high = body.partition("TO")
    if field not in language.numeric_fields:
        raise QueryError(f"Ranges work on years only, such as year:[2009 TO 2011]; '{value}' is on '{field}'.")
    return Range(field, _year(field, low) if low.strip() else None, _year(field, high) if high.strip() else None,
                  value[0] == "{", value[-1:] == "}")


def _year(field: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise QueryError(f"'{field}:' takes a year, such as {field}:2013, {field}:>2000 or "
                         f"{field}:[2009 TO 2011]; '{text.strip()}' is not one.") from None


def _analysed(node, language: Language) -> bool:
    field = getattr(node, "field", None)
    return (isinstance(node, (Word, Phrase)) and (field is None or field not in KEYWORD_FIELDS)
            and field not in language.numeric_fields and getattr(node, "kind", "term") != "wildcard")


# ---- reading: tokens -> tree -------------------------------------------------------------------

class _Parser:
    """Words side by side form a group; binary operators join neighbours, left to right."""

    def __init__(self, tokens: list[tuple], any_word: bool, language: Language):
        self.tokens = tokens
        self.language = language
        self.position = 0
        self.any_word = any_word

    def _peek(self) -> tuple | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def parse(self):
        parts = []
        while self._peek() is not None:
            parts.append(self._group(field=None))
            if self._peek() == (")",):  # unmatched: noted by the scan
                self.position += 1
        return _join("AND", parts)

    def _group(self, field: str | None):
        """Read up to a closing bracket or the end: units side by side."""
        required, optional, prohibited = [], [], []
        while (token := self._peek()) is not None and token != (")",):
            if token[0] == "op" and token[1] in BINARY:
                self.position += 1  # an operator with nothing before it: noted by the scan
                continue
            sign, unit = self._unit(field)
            if unit is None:
                continue
            (required if sign == "+" else prohibited if sign == "-" else optional).append(unit)
        joiner = "OR" if self.any_word else "AND"
        prohibited = [Not(p) for p in prohibited]
        if required and optional:
            return Join("ANDMAYBE", (_join("AND", required + prohibited), _join(joiner, optional)))
        if not required and not optional and prohibited:
            return _join("AND", prohibited)
        if required:
            return _join("AND", required + prohibited)
        if prohibited:
            return Join("AND", (_join(joiner, optional), *prohibited))
        return _join(joiner, optional)

    def _unit(self, field: str | None):
        sign, left = self._operand(field)
        while (token := self._peek()) is not None and token[0] == "op" and token[1] in BINARY:
            self.position += 1
            after = self._peek()
            if after is None or after == (")",) or (after[0] == "op" and after[1] in BINARY):
                continue  # nothing after the operator: it is ignored (and noted)
            _, right = self._operand(field)
            if left is None or right is None:
                left = left if right is None else right
            else:
                left = Join(token[1], (left, right))
        return sign, left

    def _operand(self, field: str | None):
        token = self._peek()
        if token is None or token == (")",):
            return None, None
        self.position += 1
        kind = token[0]
        if kind == "sign":
            _, operand = self._operand(field)
            return token[1], operand
        if kind == "op":  # NOT (other operators are handled by the callers)
            _, operand = self._operand(field)
            return None, (Not(operand) if operand is not None else None)
        if kind in ("(", "field("):
            if kind == "field(":
                field = token[1]
                self.position += 1  # the bracket itself
            inner = self._group(field)
            if self._peek() == (")",):
                self.position += 1
            return None, inner
        leaf = token[1]
        if field is not None and getattr(leaf, "field", "") is None:  # a word in "title:(...)"
            if field in self.language.numeric_fields:
                leaf = _field_value(field, leaf.text, self.language)
            else:
                leaf = type(leaf)(field, *[getattr(leaf, name) for name in leaf.__dataclass_fields__ if name != "field"])
        return None, leaf


def _join(operator: str, parts: list):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Join(operator, tuple(parts))


def _drop_empty(node, analysed: dict, language: Language):
    """Remove the words that analyse to nothing (common words), and what is left empty by that."""
    if isinstance(node, (Word, Phrase)):
        return node if not _analysed(node, language) or analysed.get(node.text) else None
    if isinstance(node, Not):
        part = _drop_empty(node.part, analysed, language)
        return None if part is None else Not(part)
    if isinstance(node, Join):
        parts = [_drop_empty(p, analysed, language) for p in node.parts]
        if node.operator in ("ANDNOT", "ANDMAYBE"):
            if parts[0] is None:
                return None if node.operator == "ANDMAYBE" else (Not(parts[1]) if parts[1] is not None else None)
            return parts[0] if parts[1] is None else Join(node.operator, tuple(parts))
        return _join(node.operator, parts)
    return node


# ---- writing: tree -> understood text, tree -> OpenSearch DSL -----------------------------------

def describe(node, analysed: dict, language: Language = ARTICLE_LANGUAGE) -> str:
    """Write the tree as a researcher would type it, with the stems searched."""
    if isinstance(node, Join):
        if node.operator == "ANDNOT":
            return f"({describe(node.parts[0], analysed, language)} AND NOT {describe(node.parts[1], analysed, language)})"
        return "(" + f" {node.operator} ".join(describe(p, analysed, language) for p in node.parts) + ")"
    if isinstance(node, Not):
        return "NOT " + describe(node.part, analysed, language)
    if isinstance(node, Every):
        return "everything"
    prefix = f"{node.field}:" if node.field else ""
    if isinstance(node, Range):
        if node.low is not None and node.low == node.high and not (node.low_excluded or node.high_excluded):
            return f"{prefix}{node.low}"
        low = "" if node.low is None else node.low
        high = "" if node.high is None else node.high
        return f"{prefix}{'{' if node.low_excluded else '['}{low} TO {high}{'}' if node.high_excluded else ']'}"
    if isinstance(node, Phrase):
        words = " ".join(analysed.get(node.text, ())) if _analysed(node, language) else node.text.lower()
        return f'{prefix}"{words}"' if _analysed(node, language) else f"{prefix}{words}"
    if node.kind == "wildcard":
        return f"{prefix}{_fold(node.text)}"
    stems = analysed.get(node.text, ()) if _analysed(node, language) else (node.text.lower(),)
    if node.kind == "fuzzy":
        return " AND ".join(f"{prefix}{s}~{node.distance}" for s in stems)
    text = " AND ".join(prefix + s for s in stems)
    return f"({text})" if len(stems) > 1 else text


def to_dsl(node, language: Language = ARTICLE_LANGUAGE) -> dict:
    """Write the tree as an OpenSearch query; scores add up as in Whoosh (BM25 per clause)."""
    if isinstance(node, Join):
        parts = [to_dsl(p, language) for p in node.parts]
        if node.operator == "AND":
            return {"bool": {"must": [p for p, n in zip(parts, node.parts) if not isinstance(n, Not)],
                             "must_not": [to_dsl(n.part, language) for n in node.parts if isinstance(n, Not)]}}
        if node.operator == "OR":
            return {"bool": {"should": parts, "minimum_should_match": 1}}
        if node.operator == "ANDNOT":
            return {"bool": {"must": [parts[0]], "must_not": [parts[1]]}}
        return {"bool": {"must": [parts[0]], "should": [parts[1]]}}  # ANDMAYBE
    if isinstance(node, Not):
        # A bool with only must_not matches every document without the part: "NOT moon" alone.
        return {"bool": {"must_not": [to_dsl(node.part, language)]}}
    if isinstance(node, Every):
        return {"match_all": {}}
    if isinstance(node, Range):
        bounds = {}
        if node.low is not None:
            bounds["gt" if node.low_excluded else "gte"] = node.low
        if node.high is not None:
            bounds["lt" if node.high_excluded else "lte"] = node.high
        return {"range": {node.field: bounds}}
    fields = [node.field] if node.field else list(language.default_fields)
    clauses = [_leaf(node, field, language.boosts.get(field, 1.0) if not node.field else 1.0) for field in fields]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def _leaf(node, field: str, boost: float) -> dict:
    searched = SEARCHED_AS.get(field, field)
    boost *= getattr(node, "boost", 1.0)
    if field in KEYWORD_FIELDS:
        value = node.text.lower() if field in SEARCHED_AS else node.text
        if isinstance(node, Word) and node.kind == "wildcard":
            return {"wildcard": {searched: {"value": value, "boost": boost}}}
        return {"term": {searched: {"value": value, "boost": boost}}}
    if isinstance(node, Phrase):
        return {"match_phrase": {searched: {"query": node.text, "boost": boost}}}
    if node.kind == "wildcard":
        return {"wildcard": {searched: {"value": _fold(node.text), "boost": boost}}}
    match = {"query": node.text, "operator": "and", "boost": boost}
    if node.kind == "fuzzy":
        match.update(fuzziness=node.distance, prefix_length=1)
    return {"match": {searched: match}}


def _fold(text: str) -> str:
    """Lowercase and strip accents, as the index's words are (for wildcards, which are not analysed)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
