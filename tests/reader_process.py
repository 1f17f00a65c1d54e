"""A reader in a process of its own: search and page the timeline until told to stop.

    python -m tests.reader_process INDEX_DIR STOP_FILE

Prints one JSON line per answer: ``{"op": ..., "state": "alpha"|"beta"}`` naming the one
state of tests.corpus_states the answer belongs to, or ``{"op": ..., "error": ...}`` for an
exception or an answer that mixes states. tests/test_readers_process.py reads the lines.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from index.whoosh import searcher, timeline
from tests.corpus_states import EVENTS_PER_ARTICLE, STATES, expected

TIMELINE_PAGE = 100


def search_state(index_dir: Path) -> str:
    page = searcher.search(index_dir, "", page_size=1000)
    found = frozenset((hit.id, hit.title) for hit in page.hits)
    names = [name for name in STATES if found == expected(name) and page.total == len(found)]
    if not names:
        raise AssertionError(f"search answered {page.total} articles of no single state")
    return names[0]


def timeline_state(index_dir: Path, number: int) -> str:
    page = timeline.timeline(index_dir, page=number, page_size=TIMELINE_PAGE)
    pairs = {(entry.article_id, entry.article_title) for entry in page.entries}
    names = [name for name in STATES if pairs <= expected(name)
             and page.total == EVENTS_PER_ARTICLE * len(expected(name))]
    if not names or not page.entries:
        raise AssertionError(f"timeline page {number} ({page.total} events) is of no single state")
    return names[0]


def main(index_dir: Path, stop: Path) -> None:
    pages = -(-EVENTS_PER_ARTICLE * len(STATES["alpha"]) // TIMELINE_PAGE)
    operations = [("search", lambda: search_state(index_dir))]
    operations += [(f"timeline page {n}", lambda n=n: timeline_state(index_dir, n)) for n in range(1, pages + 1)]
    while not stop.exists():
        for name, operation in operations:
            try:
                line = {"op": name, "state": operation()}
            except Exception as error:  # noqa: BLE001 - every failure is an answer to report
                line = {"op": name, "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
