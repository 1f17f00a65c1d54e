"""Which of the words a researcher typed are searched, and how many times each was typed.

The parser analyses each word alone; what it cannot see is the query as a whole: a query
typed in capitals, whose common words are still common words; the question words of a
question typed in full; and the words typed twice, which the parser merges.
"""
from __future__ import annotations

import re
from collections import Counter

from index.language import OPERATORS, TOKEN
from index.whoosh import schema

_WORD = re.compile(r"\w+(?:[.&]\w+)*")  # "U.S" and "S&P" are one word
PLAIN_WORD = re.compile(r"^[^\W_][^\s:*?~^\"()]*$")

# The words that shape a question rather than name its topic ("what", "how", "has been",
# "which", "there"): NLTK's English stop words, without the ones never indexed anyway
# (schema.COMMON_WORDS) and the fragments of contractions. The index keeps them (a phrase
# may need them), so a question typed in full would rank an article for using "what" or
# "how", words an abstract or a report rarely writes, which gives them a high idf. A query
# of words side by side leaves them out when it names anything else. bench/relevance.py,
# nDCG@10 (Cranfield, MED, CISI): 0.4015, 0.758, 0.395 -> 0.409, 0.760, 0.410.
QUESTION_WORDS = frozenset("""
i me my myself our ours ourselves yours yourself yourselves he him his himself she her hers herself its itself
they them their theirs themselves what which who whom these those am was were been being has had having do does
did doing but because until while about against between into through during before after above below up down
out off over under again further then once here there where why how all any both each few more most other some
such no nor only own same so than too very just should now""".split()) - schema.COMMON_WORDS


def unshout(text: str) -> str:
    """Lower-case the common words of a query typed in capitals, as the index does in such text.

    The parser analyses each word alone, so "US" in capitals is kept as an acronym; but in
    "TRADE TALKS WITH THE US", as in a headline in capitals, "WITH" and "THE" are common words
    (and in "WHAT IS A SHOCK WAVE", "WHAT" is a question word).
    An operator with nothing to join ("moon AND") would be read by the parser as a word: it goes.
    """
    words = list(_WORD.finditer(text))
    operator = [w.group() in OPERATORS for w in words]
    shouted = [w.group().isupper() and len(w.group()) > 1 and not operator[i] for i, w in enumerate(words)]
    lowered, dropped = [], []
    for i, word in enumerate(words):
        lower = word.group().lower()
        if not word.group().isupper() or (lower not in schema.COMMON_WORDS and lower not in QUESTION_WORDS):
            continue
        if operator[i]:  # with nothing to join, the parser reads it as a word
            alone = not any(not op for op in operator[i + 1:]) or (
                word.group() != "NOT" and not any(not op for op in operator[:i]))
            if alone:
                dropped.append(word)
        elif any(shouted[j] for j in (i - 1, i + 1) if 0 <= j < len(words)):
            lowered.append(word)
    unshouted = list(text)
    for word in lowered:
        unshouted[word.start():word.end()] = word.group().lower()
    for word in dropped:  # the pre-scan (index.language.scan) has noted it
        unshouted[word.start():word.end()] = " " * len(word.group())
    return "".join(unshouted)


def drop_question_words(text: str) -> tuple[str, list[str]]:
    """Leave out the question words of a query of words and phrases, if it names anything else.

    A query with an operator, a field or brackets is searched as written. A question word in
    capitals among words that are not ("WHO", "IT") is an acronym and stays.
    Returns the text to search and the words left out.
    """
    tokens = list(TOKEN.finditer(text))
    if any(t.group() in OPERATORS or t.group() in "()" or t.group()[0] in "+-"
           or (":" in t.group() and t.group()[0] != '"') for t in tokens):
        return text, []
    question = [t for t in tokens if PLAIN_WORD.match(t.group()) and t.group().lower() in QUESTION_WORDS
                and not (t.group().isupper() and len(t.group()) > 1)]
    if not question or not any(t.group()[0] == '"' or list(schema.TEXT_ANALYZER(t.group()))
                               for t in tokens if t not in question):
        return text, []
    kept = list(text)
    for token in question:
        kept[token.start():token.end()] = " " * len(token.group())
    return "".join(kept), sorted({t.group().lower() for t in question})


def typed_stems(text: str) -> Counter:
    """Count the indexed forms of the plain words of a query (not fields, phrases or operators)."""
    stems: Counter = Counter()
    for token in TOKEN.findall(text):
        if token not in OPERATORS and PLAIN_WORD.match(token):
            stems.update(t.text for t in schema.TEXT_ANALYZER(token))
    return stems


def common_words(text: str) -> list[str]:
    """The words of ``text`` that are not indexed (and so not searched), in lower case."""
    text = re.sub(r"[\[{][^\]}]*[\]}]", " ", text)  # the TO of a range is syntax, not a word
    words = re.findall(r'(?<![:\w.&])([A-Za-z]+)(?![\w:~*?&]|\.\w)', text)  # not the letters of U.S. or S&P
    return sorted({w.lower() for w in words if w not in OPERATORS and not list(schema.TEXT_ANALYZER(w))})
