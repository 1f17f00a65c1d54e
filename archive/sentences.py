"""Split article text into sentences, keeping the character span of each."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period but rarely end a sentence: titles, months, common abbreviations.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep pres rev hon
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
inc corp co ltd bros dept univ assn no nos vol vols fig figs pp ed eds est approx
vs etc al cf ca e.g i.e a.m p.m u.s u.k u.n u.s.a e.u d.c n.y l.a
""".split())

COUNTRY_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.s.a", "u.n", "e.u", "d.c"})
SENTENCE_OPENERS = frozenset("The A An He She It They We I In On At But And This That These Those There His Her Its Their".split())

# A sentence ends at . ! or ? (with closing quotes or brackets) followed by white space.
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)""")
_PARAGRAPH = re.compile(r"\n\s*\n")
# Lines of a list or a chronology are sentences of their own, full stop or not:
# "- item", "• item", "1492: Columbus reaches...", "153 BC – Roman consuls...".
_LIST_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*•][ \t]|(?:AD[ \t]?)?\d{1,4}(?:[ \t]?(?:BC|BCE|AD|CE))?[ \t]?[:–—][ \t]))")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_WINDOW = 100


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it stands in the text (end exclusive)."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text``; paragraph breaks always end one."""
    sentences: list[Sentence] = []
    position = 0
    for paragraph in _PARAGRAPH.split(text) if text else []:
        offset = text.index(paragraph, position)
        position = offset + len(paragraph)
        for start, end in _spans(paragraph):
            sentences.append(Sentence(offset + start, offset + end, paragraph[start:end]))
    return sentences


def _spans(paragraph: str):
    start = 0
    for line_start, line_end in _lines(paragraph):
        for match in _END.finditer(paragraph, line_start, line_end):
            if _continues(paragraph, match):
                continue
            yield from _trimmed(paragraph, start, match.end())
            start = match.end()
        yield from _trimmed(paragraph, start, line_end)
        start = line_end


def _lines(paragraph: str):
    """Yield the spans of list items; a paragraph that is no list is one span."""
    start = 0
    for match in _LIST_ITEM.finditer(paragraph):
        yield start, match.start()
        start = match.end()
    yield start, len(paragraph)


def _continues(paragraph: str, match: re.Match) -> bool:
    """Tell whether the punctuation at ``match`` sits inside a sentence rather than ending it."""
    if not match.group().startswith("."):
        return False
    # Only a window around the mark is read: scanning the whole paragraph at every full stop
    # made long texts quadratic (a megabyte took minutes).
    word = _WORD_BEFORE.search(paragraph, max(0, match.start() - _WINDOW), match.start())
    token = word.group(1).lower() if word else ""
    gap = paragraph[match.end():match.end() + 3]
    rest = paragraph[match.end():match.end() + _WINDOW].lstrip()
    following = rest[:1]
    if token.rstrip(".") in ABBREVIATIONS:
        # "U.S. President Biden" goes on; "in the U.S. The next day" ends before a sentence opener.
        next_word = rest.split(" ", 1)[0].strip(",;:")
        return not (token in COUNTRY_ABBREVIATIONS and next_word in SENTENCE_OPENERS)
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "John F. Kennedy"
    # "rose 2.5 pct in Jan. 3 dlrs" goes on; a figure on the next line starts a new sentence.
    return bool(following) and (following.islower() or (following.isdigit() and "\n" not in gap))


def _trimmed(paragraph: str, start: int, end: int):
    chunk = paragraph[start:end]
    stripped = chunk.strip()
    if stripped:
        left = start + len(chunk) - len(chunk.lstrip())
        yield left, left + len(stripped)
