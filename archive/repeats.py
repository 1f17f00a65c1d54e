"""Repeats of one happening: wire copies, rewrites and follow-ups that tell it again.

Two events are the same happening when they fall on the same date and say it with the same
words that matter: the longest content words of their headlines (names, verbs, objects),
whatever the small words, numbers and order around them. "Acme Corp cut 2,000 jobs on
Monday" and "On Monday, Acme Corp said it cut 2,100 jobs" fold; two different happenings of
one day rarely share their six longest words.

The key is one number, computed when an event is written, so a timeline folds repeats
by comparing numbers, not texts, and an incremental reindex needs nothing recomputed.
"""
from __future__ import annotations

import hashlib
import re

KEY_WORDS = 6
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{3,}")
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
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        words.add(word)
    return words


def repeat_key(value: str, headline: str, own: str = "") -> int:
    """One signed 64-bit number shared by the events that tell the same happening on the same date.

    A headline of fewer than MIN_WORDS content words ("It grew") cannot tell which happening it
    is: it keeps a key of its own, made from ``own`` (the event's id).
    """
    words = sorted(content_words(headline), key=lambda w: (-len(w), w))[:KEY_WORDS]
    if len(words) < MIN_WORDS:
        words = ["\x00" + own]
    digest = hashlib.blake2b(f"{value}|{' '.join(sorted(words))}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
