"""Readers during a reindex see one committed state; hostile paths read nothing outside the index."""
from __future__ import annotations

import os
import threading

import pytest

from index.whoosh import searcher, timeline
from index.whoosh.writer import build_index
from tests.conftest import write_corpus


def articles(count: int, marker: str) -> dict[str, str]:
    return {f"a{i:03d}.md": f"---\ntitle: Article {i} {marker}\ndate: 2020-01-01\n---\nIn {1900 + i}, {marker} began."
            for i in range(count)}


@pytest.mark.parametrize("full", [False, True])
def test_searches_during_a_reindex_see_the_old_or_the_new_index(tmp_path, full):
    corpus = write_corpus(tmp_path / "corpus", articles(60, "before"))
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    for name in list(articles(60, "x"))[40:]:
        (corpus / name).unlink()
    write_corpus(corpus, {name: text for name, text in articles(40, "after").items()})
    seen, errors, done = set(), [], threading.Event()

    def read() -> None:
        while not done.is_set() and len(seen) < 10_000:
            try:
                page = searcher.search(index_dir, "", page_size=100)
                seen.add(("search", page.total, frozenset(h.title.split()[-1] for h in page.hits)))
                events = timeline.timeline(index_dir, page_size=100)
                seen.add(("timeline", events.total, frozenset(e.article_title.split()[-1] for e in events.entries)))
            except Exception as error:  # noqa: BLE001 - any error at all is what this test looks for
                errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    build_index(corpus, index_dir, full=full)
    build_index(corpus, index_dir)
    done.set()
    for thread in readers:
        thread.join()
    assert errors == []
    # Every answer is one whole generation: all 60 old articles (and events) or all 40 new ones.
    states = {(kind, count, frozenset({word})) for kind in ("search", "timeline")
              for count, word in ((60, "before"), (40, "after"))}
    assert seen and seen <= states
    assert searcher.search(index_dir, "").total == 40


@pytest.mark.parametrize("path", ["/articles/../../etc/passwd", "/articles/..%2F..%2Fetc%2Fpasswd",
                                  "/articles/%2e%2e/%2e%2e/etc/passwd", "/articles//etc/passwd",
                                  "/static/../../../../etc/passwd", "/static/..%2f..%2fpyproject.toml"])
def test_paths_in_requests_read_nothing_outside_the_index(client, path):
    response = client.get(path)
    assert response.status_code in (404, 308, 400)
    assert "root:" not in response.text and "[project]" not in response.text


def test_a_symlink_loop_in_the_corpus_does_not_stop_a_reindex(corpus_dir, tmp_path):
    os.symlink(corpus_dir, corpus_dir / "loop")
    os.symlink(tmp_path / "nowhere.md", corpus_dir / "dangling.md")
    report = build_index(corpus_dir, tmp_path / "index")
    assert report.articles == 3
    assert [str(p) for p in report.skipped] == ["dangling.md: cannot read file: No such file or directory"]
