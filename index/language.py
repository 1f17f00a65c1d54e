"""The archive's query language, engine-neutral: the fields a researcher may name, and a pre-scan.

Every engine reads the same language (README, "search"). The pre-scan notes every part of a
query that will be dropped (an unmatched bracket, an unclosed quote, an operator with nothing
to join) and refuses what cannot be searched at all (unknown fields, years that are not
years, too many operators or brackets), so that both engines say the same about one query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.errors import QueryError

TEXT_FIELDS = ("title", "body")
EVENT_TEXT_FIELDS = ("headline", "sentence")  # searched by default; article_title only when asked
# Whoosh matches nested queries recursively: 300 nested brackets took seconds on a timeline.
MAX_DEPTH = 20
MAX_OPERATORS = 60



@dataclass(frozen=True)
class Language:
    """The fields one index lets a researcher search: what is typed before the colon -> field."""

    default_fields: tuple[str, ...]
    fields: dict[str, str]
    numeric_fields: frozenset[str]
    boosts: dict[str, float] = field(default_factory=dict)  # of default fields, in ranking
    question_words: bool = False  # leave out "what", "how" of a question typed in full (the Whoosh engine)


ARTICLE_LANGUAGE = Language(
    default_fields=TEXT_FIELDS,
    fields={"title": "title", "body": "body", "text": "body", "source": "source", "tag": "tags",
            "tags": "tags", "language": "language", "lang": "language", "year": "years",
            "years": "years", "event": "events", "events": "events", "published": "pub_year",
            "pub_year": "pub_year"},
    numeric_fields=frozenset({"years", "events", "pub_year"}),
    # A word in the title outranks the same word in the body, by a little: larger boosts
    # lowered nDCG@10 on Cranfield (bench/relevance.py: 1.1 -> 0.403, 1.5 -> 0.394, 2.0 -> 0.389).
    boosts={"title": 1.1},
    question_words=True,
)
# A timeline query matches the happening's own words (its headline and sentence), not the title
# of the article it comes from: a title names every event of its article. ``article:`` asks for it.
EVENT_LANGUAGE = Language(
    default_fields=EVENT_TEXT_FIELDS,
    fields={"headline": "headline", "title": "headline", "sentence": "sentence", "text": "sentence",
            "article": "article_title", "tag": "tags", "tags": "tags", "year": "year", "years": "year"},
    numeric_fields=frozenset({"year"}),
)
# The article's title, for the sentences that speak of its subject without naming it ("He said").
EVENT_TITLE_LANGUAGE = Language(default_fields=("article_title",), fields=EVENT_LANGUAGE.fields,
                                numeric_fields=EVENT_LANGUAGE.numeric_fields)
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}

TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+(?:"[^"]*"?)?')
_FIELD = re.compile(r"^([A-Za-z_]\w*):(.*)$")
_NUMERIC_VALUE = re.compile(r"^(?:[<>]=?)?-?\d+$|^[\[{](?:-?\d+\]?|TO|\*)?$")  # 2013, >2000, [2009 or [TO (a range's start)


def only_words(text: str) -> bool:
    """Whether ``text`` is words and phrases side by side, without operators, fields or brackets.

    Only such a query may be relaxed to "any of the words": an operator says exactly what was meant.
    """
    tokens = TOKEN.findall(text)
    return len(tokens) > 1 and not any(
        token in OPERATORS or token in "()" or token[0] in "+-" or (_FIELD.match(token) and token[0] != '"')
        for token in tokens)


def scan(text: str, language: Language) -> list[str]:
    """Note every part of ``text`` a reader will drop; raise QueryError for what cannot be searched at all."""
    notes: list[str] = []
    if text.count('"') % 2:
        notes.append("Unclosed quote: its words were searched one by one, not as a phrase.")
    depth = 0
    tokens = TOKEN.findall(text)
    operators = sum(token in OPERATORS for token in tokens)
    if operators > MAX_OPERATORS:
        raise QueryError(f"The query has {operators} operators; the limit is {MAX_OPERATORS}.")
    for token in tokens:
        if token == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise QueryError(f"The query nests brackets more than {MAX_DEPTH} deep, which would take "
                                 "too long to search; simplify it.")
        elif token == ")":
            depth -= 1
            if depth < 0:
                notes.append("Unmatched ')' ignored.")
                depth = 0
        elif (match := _FIELD.match(token)) and not token.startswith('"'):
            _check_field(language, match.group(1), match.group(2))
    if depth > 0:
        notes.append("Unmatched '(' ignored.")
    words = [t for t in tokens if t not in "()"]
    for position, word in enumerate(words):
        if word not in OPERATORS:
            continue
        before = words[position - 1] if position else None
        after = words[position + 1] if position + 1 < len(words) else None
        if after is None or after in OPERATORS - {"NOT"}:
            notes.append(f"'{word}' with nothing after it was ignored.")
        elif word != "NOT" and (before is None or before in OPERATORS):
            notes.append(f"'{word}' with nothing before it was ignored.")
    return notes


def _check_field(language: Language, name: str, value: str) -> None:
    field = language.fields.get(name.lower())
    if field is None:
        first_names = {target: typed for typed, target in reversed(language.fields.items())}
        known = ", ".join(sorted(first_names.values()))
        raise QueryError(f"Unknown field '{name}:'. Fields you can search: {known}.")
    if field in language.numeric_fields and value and not _NUMERIC_VALUE.match(value):
        raise QueryError(f"'{name}:' takes a year, such as {name}:2013, {name}:>2000 or "
                         f"{name}:[2009 TO 2011]; '{value}' is not one.")
