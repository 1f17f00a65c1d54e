"""Parse a researcher's query with Whoosh's language, and say plainly what was searched.

Whoosh's parser is forgiving: it silently drops what it cannot read ("moon AND (" becomes
``moon``) and searches unknown fields as plain words. A researcher must know what was
searched, so a pre-scan notes every part that will be dropped and rejects what cannot be
searched at all (unknown fields, non-numeric years, nothing left to search for).
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh import qparser, query

from index.engine import MAX_QUERY_LENGTH
from index.errors import QueryError
# The language itself is engine-neutral (index.language); its names are kept here for the Whoosh modules.
from index.language import (  # noqa: F401
    ARTICLE_LANGUAGE, EVENT_LANGUAGE, EVENT_TITLE_LANGUAGE, OPERATORS, TOKEN, Language, only_words, scan,
)
from index.whoosh import patches, query_words, schema, scoring

ANY_WORD_SCALE = 0.9  # with any word: how much an article holding all of them gains (OrGroup)

_YEAR = schema.year_field()
patches.fix_parser()  # Whoosh's parser is imported here, not when index.whoosh is: see index.whoosh.patches


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
    notes = scan(text, language)
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
