"""Happenings a sentence reports without a date of its own, and the date the story gives them.

News rarely repeats its own date: "Apple unveiled its new phone", "shares fell 3% on the news".
Such a sentence still reports a happening; it takes the story's reference time:

- the lead (the article's first sentence, or its title when the body gives none) is the news
  of the day, dated by the publication date;
- in news (an undated lead, or one dated near publication), a later sentence that reports
  something done (a past or perfect verb) takes the date the story has reached: the date of
  the sentence before it in the same paragraph when that one is dated, else the news time:
  the day the lead's story happened ("yesterday", "on Monday"), else the publication date;
- in a history (a lead dated long before publication), a sentence in the past takes the date
  the narrative last gave, across paragraphs; one in the present perfect ("has invested
  heavily since") speaks of the present: the publication date.

The writer's own part ("I visited the centre in May 2006", "In a conference room, I received an
overview") is the writer's time, not the narrative's: an undated sentence in the first person
takes the date the writer last gave their own experience, else the publication date, and the
story returns to that time (the sentences after it tell what the writer found). A history year
reached before ("Established in 1990, it ...") does not date the writer's visit.

Tense is read from the words, not parsed: a past form ("-ed", "said", "began") or an
auxiliary ("has", "had", "was"). Lines of figures ("Shr 45 cts vs 30 cts") are not sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

Day = tuple[int, int, int]

_IRREGULAR_PAST = frozenset("""
said told made took began won lost sold bought fell rose went came gave left led met paid ran saw set
cut hit put quit spent struck thought found held kept brought became chose drew drove grew knew threw
wrote spoke broke stole froze flew shot fought sought taught caught built sent lent bent meant felt
dealt hung swore tore wore bore stood understood withdrew overtook undertook forecast upheld beat
""".split())
# Words ending in -ed that are no past forms.
_NOT_PAST = frozenset("""
need needed speed seed feed bed red shed hundred indeed proceed exceed succeed breed greed weed deed
creed bleed sacred naked wicked kindred rugged united limited based related so-called ltd embed
""".split()) - {"needed"}
_PARTICIPLES = ("been|begun|won|lost|sold|bought|fallen|risen|gone|come|given|taken|made|said|told|left|led|met|"
                "paid|seen|set|cut|hit|put|spent|found|held|kept|brought|become|chosen|drawn|driven|grown|known|"
                "thrown|written|spoken|broken|stolen|flown|shown|fought|sought|built|sent|felt|stood|done|had")
_PERFECT = re.compile(rf"\b(?:has|have|’ve|'ve)\s+(?:[a-z]+\s+){{0,2}}?(?:{_PARTICIPLES}|[a-z]{{3,}}ed)\b")
# A short lead-in before the subject ("In 1986 he bought", "One year later she was", "Since its
# launch the store has") does not change who the sentence is about.
_LEAD_IN = (r"(?:(?:in|on|at|during|after|before|since|by|later|then|also|however|meanwhile|"
            r"(?:one|two|three|a|\w+)\s+(?:years?|months?|weeks?|days?)\s+later)\b[^.;:!?\"“]{0,40}?,?\s+)?")
_REFERS_BACK = re.compile(rf"^\W*{_LEAD_IN}(?:he|she|it|they|his|her|its|their|the\s+(?:company|firm|group|device|phone|"
                          r"product|store|service|band|label|court|judge|new\s+\w+))\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S*\d\S*")
# The writer speaking: "I" or "we" before a word in lower case, outside quotations.
_FIRST_PERSON = re.compile(r"(?<![\w’'-])(?:I|[Ww]e)\s+(?=[a-z])")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_PRECEDING_WORD = re.compile(r"([A-Za-z]+)[^\w]*$")
# Capitalised words a sentence or clause opens with before "I"; any other capitalised word before
# it makes it a numeral ("Elizabeth I was crowned", "World War I ended").
_OPENERS = frozenset("""
then when as so and but yet yesterday today later here there once while after before since if because now
recently finally first last also soon still when where although though indeed thus meanwhile again
""".split())
NEWS_WINDOW_DAYS = 10  # "on Monday", "yesterday": the lead's story happened within this many days before publication
MIN_WORDS = 4


@dataclass(frozen=True)
class Reference:
    """A date the story has reached: a TimeML value, its precision and its first and last days."""

    value: str
    precision: str
    earliest: Day
    latest: Day
    anchor: str  # "publication" (the publication date itself) or "context" (a neighbouring date)


def publication_reference(published: date) -> Reference:
    """The publication day as a reference time."""
    day = (published.year, published.month, published.day)
    return Reference(published.isoformat(), "day", day, day, "publication")


def is_prose(text: str) -> bool:
    """True for a sentence of words, not a line of figures, a heading or a byline."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return False
    numeric = sum(1 for w in words if any(c.isdigit() for c in w))
    lower = sum(1 for w in words if w[0].islower())
    return numeric * 3 < len(words) and lower * 3 >= len(words)


def tense(text: str) -> str | None:
    """"perfect" ("has invested"), "past" ("invested", "was") or None: does the sentence tell of something done?"""
    if _PERFECT.search(text):
        return "perfect"
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in _IRREGULAR_PAST or lower in ("had", "was", "were"):
            return "past"
        if len(lower) > 4 and lower.endswith("ed") and lower not in _NOT_PAST and word[0].islower():
            return "past"
    return None


def writer_speaks(text: str) -> bool:
    """True when the writer tells their own part in the first person ("I received an overview",
    "we toured the plant"), not in a quotation of someone else's words."""
    unquoted = _QUOTED.sub(" ", text)
    for match in _FIRST_PERSON.finditer(unquoted):
        if match.group(0)[0] in "Ww":
            return True
        before = _PRECEDING_WORD.search(unquoted[:match.start()])
        if before is None or not before.group(1)[0].isupper() or before.group(1).lower() in _OPENERS \
                or unquoted[before.end(1):match.start()].strip():  # "industry, I received"
            return True
    return False


def refers_back(text: str) -> bool:
    """True when the sentence speaks of the article's subject without naming it: "He demoed ...",
    "The company said ...". A query for the subject, which the title names, reaches it."""
    return _REFERS_BACK.match(text) is not None


def long_before(latest: Day, published: date) -> bool:
    """True for a date that ended more than a year before publication: the lead of a history, not of news."""
    return latest[0] < published.year - 1 or (latest[0] == published.year - 1 and latest[1:] < (published.month, published.day))


def near_publication(earliest: Day, latest: Day, published: date) -> bool:
    """True for a day or week that ends at most a few days before (or on) the publication day."""
    try:
        first, last = date(*earliest), date(*latest)
    except ValueError:
        return False
    return (last - first).days <= 7 and 0 <= (published - first).days <= NEWS_WINDOW_DAYS
