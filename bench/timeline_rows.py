"""How many timeline rows a corpus makes, and how many repeat or show only a topic.

Run by hand, never in the test suite (the same script measures any version of the archive,
so run it with PYTHONPATH pointing at another checkout for the "before" figures):

    python bench/timeline_rows.py ../notes/data/reuters-corpus
    python bench/timeline_rows.py ../notes/data/onthisday-corpus

- rows: the events extracted (before folding repeats), and how they were dated;
- near-copy rows: rows on the same date whose sentence has the same content words as an
  earlier row's (wire copies; measured here on whole sentences, independently of the
  timeline's own folding);
- happenings: the entries the timeline shows once repeats fold (when the archive folds);
- topic-only headlines: a headline that is only the words before the first colon after the
  date ("1944: World War II: ..." headed "World War II");
- the same two counts on the entries as the timeline shows them (one per happening once
  repeats fold, the first source standing for it): what a reader sees.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from archive.corpus import load_corpus
from archive.events import extract_events

_WORD = re.compile(r"[^\W\d_]{3,}")


def sentence_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()))


def topic_only(sentence: str, headline: str) -> bool:
    parts = [p.strip() for p in sentence.split(": ")]
    return len(parts) > 2 and headline.strip().rstrip(".") in parts[1:-1]


def main(folder: str) -> None:
    articles = load_corpus(Path(folder)).articles
    rows, anchors, copies, topics, keys = 0, Counter(), 0, 0, set()
    seen, shown_seen, shown, shown_copies, shown_topics = set(), set(), 0, 0, 0
    try:
        from archive.repeats import repeat_key
    except ImportError:
        repeat_key = None
    for article in articles:
        for event in extract_events(article):
            rows += 1
            anchors[getattr(event, "anchor", "text")] += 1
            key = (event.value, sentence_words(event.sentence))
            copies += key in seen
            seen.add(key)
            topics += topic_only(event.sentence, event.headline)
            if repeat_key:
                folded = repeat_key(event.value, event.headline, event.id)
                if folded in keys:
                    continue
                keys.add(folded)
            shown += 1  # the entry the timeline shows for this happening
            shown_copies += key in shown_seen
            shown_seen.add(key)
            shown_topics += topic_only(event.sentence, event.headline)
    print(f"{folder}: {len(articles)} articles, {rows} rows {dict(anchors)}")
    print(f"  near-copy rows (same date, same sentence words): {copies} ({copies / rows:.1%})")
    if repeat_key:
        print(f"  happenings once repeats fold: {len(keys)} ({1 - len(keys) / rows:.1%} of rows folded)")
    print(f"  topic-only headlines: {topics} ({topics / rows:.2%})")
    print(f"  entries shown: {shown}; near-copy entries: {shown_copies} ({shown_copies / max(shown, 1):.2%}); "
          f"topic-only entries: {shown_topics} ({shown_topics / max(shown, 1):.2%})")


if __name__ == "__main__":
    main(sys.argv[1])
