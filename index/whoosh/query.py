"""Parse a researcher's query with Whoosh's language, and say plainly what was searched.

Whoosh's parser is forgiving: it silently drops what it cannot read ("moon AND (" becomes
``moon``) and searches unknown fields as plain words. A researcher must know what was
searched, so a pre-scan notes every part that will be dropped and rejects what cannot be
searched at all (unknown fields, non-numeric years, nothing left to search for).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import qparser, query

from index.whoosh import query_words, schema, scoring
from index.whoosh.query_words import OPERATORS, TOKEN
from index.engine import MAX_QUERY_LENGTH
from index.errors import QueryError

# Whoosh matches nested queries recursively: 300 nested brackets took seconds on a timeline.
MAX_DEPTH = 20
MAX_OPERATORS = 60
ANY_WORD_SCALE = 0.9  # with any word: how much an article holding all of them gains (OrGroup)



@dataclass(frozen=True)
class Language:
    """The fields one index lets a researcher search: what is typed before the colon -> field."""

    default_fields: tuple[str, ...]
    fields: dict[str, str]
    numeric_fields: frozenset[str]
    boosts: dict[str, float] = field(default_factory=dict)  # of default fields, in ranking
    question_words: bool = False  # leave out "what", "how" of a question typed in full (query_words)


ARTICLE_LANGUAGE = Language(
    default_fields=schema.TEXT_FIELDS,
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
    default_fields=schema.EVENT_TEXT_FIELDS,
    fields={"headline": "headline", "title": "headline", "sentence": "sentence", "text": "sentence",
            "article": "article_title", "tag": "tags", "tags": "tags", "year": "year", "years": "year"},
    numeric_fields=frozenset({"year"}),
)
# The article's title, for the sentences that speak of its subject without naming it ("He said").
EVENT_TITLE_LANGUAGE = Language(default_fields=("article_title",), fields=EVENT_LANGUAGE.fields,
                                numeric_fields=EVENT_LANGUAGE.numeric_fields)

_YEAR = schema.year_field()
_FIELD = re.compile(r"^([A-Za-z_]\w*):(.*)$")
_NUMERIC_VALUE = re.compile(r"^(?:[<>]=?)?-?\d+$|^[\[{](?:-?\d+\]?|TO|\*)?$")  # 2013, >2000, [2009 or [TO (a range's start)


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready to search, with how it was understood and what was left out."""

    text: str
    understood: str
    notes: tuple[str, ...]
    whoosh_query: query.Query


def make_parser(index_schema, language: Language = ARTICLE_LANGUAGE, any_word: bool = False) -> qparser.QueryParser:
    """Return a parser over the language's default fields, with its field names and operators.

    Words side by side must all match, or with ``any_word`` any of them, scored higher the
    more of them an article holds (Whoosh's OrGroup with a coordination factor).
    """
    group = qparser.OrGroup.factory(ANY_WORD_SCALE) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(list(language.default_fields), index_schema, fieldboosts=language.boosts,
                                      group=group)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin())
    aliases: dict[str, list[str]] = {}
    for typed, name in language.fields.items():
        if typed != name:
            aliases.setdefault(name, []).append(typed)
    parser.add_plugin(qparser.FieldAliasPlugin(aliases))
    return parser


def parse_query(text: str, parser: qparser.QueryParser, language: Language = ARTICLE_LANGUAGE) -> ParsedQuery:
    """Parse ``text``; raise QueryError when nothing searchable is left."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"The query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}.")
    notes = _scan(text, language)
    typed, text = text, query_words.unshout(text)
    if language.question_words:
        text, questions = query_words.drop_question_words(text)
        if questions:
            notes.append("Question words not searched: " + ", ".join(questions) + ".")
    try:
        parsed = parser.parse(text)
    # Whoosh's parser fails on some tangles of operators with its own internal errors
    # (IndexError, AssertionError, NotImplementedError, found by fuzzing): all mean "unreadable".
    except Exception as error:  # noqa: BLE001
        raise QueryError(f"'{typed}' cannot be read as a query: check its operators, quotes and brackets "
                         f"(such as a NOT or AND with nothing to act on).") from error
    if _has_null(parsed) and parsed is not query.NullQuery and not isinstance(parsed, type(query.NullQuery)):
        raise QueryError(f"Part of '{typed}' cannot be searched; a year range needs a year at each end, "
                         "such as year:[2009 TO 2011].")
    if isinstance(parsed, type(query.NullQuery)):
        raise QueryError(f"Nothing to search for in '{typed}': it holds only operators or "
                         "common words that are not indexed (such as 'the' or 'of').")
    dropped = query_words.common_words(text)
    if dropped:
        notes.append("Common words not searched: " + ", ".join(dropped) + ".")
    parsed = scoring.count_repeats(parsed, query_words.typed_stems(text), language.default_fields)
    return ParsedQuery(typed, describe(parsed), tuple(notes), _negation_alone(parsed))


def only_words(text: str) -> bool:
    """Whether ``text`` is words and phrases side by side, without operators, fields or brackets.

    Only such a query may be relaxed to "any of the words": an operator says exactly what was meant.
    """
    tokens = TOKEN.findall(text)
    return len(tokens) > 1 and not any(
        token in OPERATORS or token in "()" or token[0] in "+-" or (_FIELD.match(token) and token[0] != '"')
        for token in tokens)


def _scan(text: str, language: Language) -> list[str]:
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


def _has_null(q: query.Query) -> bool:
    """Whether Whoosh dropped part of the query (a range of words, such as year:[x TO 2000])."""
    return isinstance(q, type(query.NullQuery)) or any(_has_null(child) for child in q.children())


def _negation_alone(parsed: query.Query) -> query.Query:
    """Let "NOT moon" mean every article without moon, as a researcher expects."""
    if isinstance(parsed, query.Not):
        return query.And([query.Every(), parsed])
    return parsed


def describe(q: query.Query) -> str:
    """Return a Whoosh query as a researcher would write it (numbers decoded, fields collapsed)."""
    if isinstance(q, query.Or) and _same_text_over_default_fields(q):
        return _term_text(q.subqueries[0], with_field=False)
    if isinstance(q, query.Not):
        return "NOT " + describe(q.query)
    if isinstance(q, query.And) and any(isinstance(s, query.Every) for s in q.subqueries):
        return " AND ".join(describe(s) for s in q.subqueries if not isinstance(s, query.Every))
    if isinstance(q, (query.And, query.Or, query.AndNot, query.AndMaybe)):
        joiner = {query.And: " AND ", query.Or: " OR ", query.AndNot: " AND NOT ",
                  query.AndMaybe: " ANDMAYBE "}[type(q)]
        parts = [describe(s) for s in (q.subqueries if hasattr(q, "subqueries") else (q.a, q.b))]
        return "(" + joiner.join(parts) + ")"
    if isinstance(q, query.Every):
        return "everything"
    return _term_text(q, with_field=True)


def _same_text_over_default_fields(q: query.Or) -> bool:
    subs = q.subqueries
    fields = {getattr(s, "fieldname", None) for s in subs}
    return (len(subs) == len(fields) and fields in (set(schema.TEXT_FIELDS), set(schema.EVENT_TEXT_FIELDS))
            and len({_term_text(s, with_field=False) for s in subs}) == 1)


def _term_text(q: query.Query, with_field: bool) -> str:
    field = getattr(q, "fieldname", None)
    if isinstance(q, query.NumericRange):
        start = "" if q.start is None else q.start
        end = "" if q.end is None else q.end
        body = f"{'{' if q.startexcl else '['}{start} TO {end}{'}' if q.endexcl else ']'}"
    elif isinstance(q, query.Phrase):
        body = '"' + " ".join(q.words) + '"'
    elif isinstance(q, query.Prefix):
        body = f"{q.text}*"
    elif isinstance(q, query.FuzzyTerm):
        body = f"{q.text}~{q.maxdist}"
    elif isinstance(q, query.Term):
        body = _decode(field, q.text)
    elif hasattr(q, "text"):
        body = str(q.text)
    else:
        return str(q)
    return f"{field}:{body}" if with_field and field else body


def _decode(field: str | None, text) -> str:
    if isinstance(text, bytes) and field in ARTICLE_LANGUAGE.numeric_fields | EVENT_LANGUAGE.numeric_fields:
        return str(_YEAR.from_bytes(text))
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)
