"""Repeats of one happening: wire copies, rewrites and follow-ups that tell it again.

Two events are the same happening when they fall on the same date, say it with the same
words that matter (the longest content words of their headlines: names, verbs, objects) and
give the same figures, whatever the small words and order around them. "Acme Corp cut 2,000
jobs on Monday" and "On Monday, Acme Corp said it cut 2,000 jobs" fold.

The figures count because news repeats its routine reports in the same words: the central
bank's weekly deposit issue, a company's quarterly dividend notice ("Qtly div 11 cts vs 10 cts
prior"), the monthly trade figures. Their words match from one report to the next, often
without a name ("Sales were estimated at 122 billion yen"), and under a coarse date ("so far
this year": 1987) one report fell into another's entry. A hand check of 100 merged Reuters
entries found 9 such merges out of 9 wrong ones (bench/README.md). A rewrite that gives other
figures ("2,100 jobs") is its own entry: the reader sees both versions instead of one hidden.

The key is one number, computed when an event is written, so a timeline folds repeats
by comparing numbers, not texts, and an incremental reindex needs nothing recomputed.
"""
from __future__ import annotations

import hashlib
import re

KEY_WORDS = 6
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{3,}")
_FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_STOP = frozenset("""
the and for that with from this have has had was were are been will would said says say its their his her
they them than then also into over after before about which who whom what when where while would could
should may might can not but more most some such other only very just said year years today yesterday
monday tuesday wednesday thursday friday saturday sunday week month january february march april june july
august september october november december
spokesman spokeswoman spokesperson according reported report told statement added noted official officials
""".split())  # the small words, the dates, and the frame a wire puts around a report ("a spokesman said")


def content_words(text: str) -> set[str]:
    """The words of a text that say what happened, lowercased and without a plural or past ending."""
    known = _CONTENT
    words = set()
    for word in _WORD.findall(text.lower()):
        try:
            kept = known[word]
        except KeyError:
            kept = _content_word(word)
            if len(known) < _CONTENT_LIMIT:
                known[word] = kept
        if kept:
            words.add(kept)
    return words


# A word always gives the same content word: remembered, as a reindex meets the same few
# thousand words in every headline (the endings were a fifth of writing an event).
_CONTENT: dict[str, str] = {}
_CONTENT_LIMIT = 200_000


def _content_word(word: str) -> str:
    """The content word of one lowercased word, "" for a small word."""
    if word in _STOP:
        return ""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def figures(text: str, value: str = "") -> frozenset[str]:
    """The numbers a text gives ("2,000" is 2000, "07" is 7), less those of its own date ``value``.

    The date's own numbers leave the figures because they are said in many ways: "on March 2"
    in one copy is "on Monday" in another, and a source that dates a happening 2012 where the
    others say 2013 tells the same happening (a conflict, index.whoosh.conflicts).
    """
    numbers = {_plain(number) for number in _FIGURE.findall(text)}
    return frozenset(numbers - {_plain(part) for part in re.findall(r"\d+", value)})


def _plain(number: str) -> str:
    number = number.replace(",", "")
    return str(int(number)) if number.isdigit() else number


def repeat_key(value: str, headline: str, own: str = "") -> int:
    """One signed 64-bit number shared by the events that tell the same happening on the same date.

    A headline of fewer than MIN_WORDS content words ("It grew") cannot tell which happening it
    is: it keeps a key of its own, made from ``own`` (the event's id).
    """
    return _key(value, _told(value, headline, own))


def happening_key(value: str, headline: str, own: str = "") -> int:
    """The repeat key without the date: shared by the sources of one happening whatever date they give."""
    return _key("", _told(value, headline, own))


def both_keys(value: str, headline: str, own: str = "") -> tuple[int, int]:
    """``repeat_key`` and ``happening_key`` at once: the headline's words and figures read once."""
    told = _told(value, headline, own)
    return _key(value, told), _key("", told)


def _told(value: str, headline: str, own: str) -> str:
    words = sorted(content_words(headline), key=lambda w: (-len(w), w))[:KEY_WORDS]
    if len(words) < MIN_WORDS:
        words = ["\x00" + own]
    return f"{' '.join(sorted(words))}|{' '.join(sorted(figures(headline, value)))}"


def _key(dated: str, told: str) -> int:
    digest = hashlib.blake2b(f"{dated}|{told}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
