"""A reindex killed at any moment leaves a complete index; the next one repairs everything."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from index.whoosh import searcher, store
from index.whoosh.writer import build_index
from tests.conftest import write_corpus


def articles(count: int, marker: str) -> dict[str, str]:
    return {f"a{i:03d}.md": f"---\ntitle: Article {i} {marker}\ndate: 2020-01-01\n---\n"
            + f"In {1900 + i % 100}, something happened to {marker}. " * 40 for i in range(count)}


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_killed_reindex_leaves_the_old_or_the_new_index(tmp_path, delay):
    corpus = write_corpus(tmp_path / "corpus", articles(150, "before"))
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    write_corpus(corpus, articles(150, "after"))
    process = subprocess.Popen([sys.executable, "-m", "archive.cli", "reindex", "--corpus", str(corpus),
                                "--index", str(index_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    page = searcher.search(index_dir, "", page_size=1000)
    titles = {hit.title.split()[-1] for hit in page.hits}
    assert page.total == 150 and len(titles) == 1, titles  # all "before" or all "after", never a mix
    report = build_index(corpus, index_dir)
    assert report.articles == 150
    assert {hit.title.split()[-1] for hit in searcher.search(index_dir, "", page_size=1000).hits} == {"after"}
    assert len([p for p in index_dir.iterdir() if p.name.startswith(store.PREFIX)]) <= 2
