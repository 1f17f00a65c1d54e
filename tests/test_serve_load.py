"""`archive serve` under load from 8 clients, while a reindex publishes a new generation.

A short run for every test session; tests/stress/test_serve_stress.py runs longer and prints
throughput and latency. Each answer must be the one expected (errors only where intended),
and the new article must show without a restart.
"""
from __future__ import annotations

import threading

from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from tests.load import Load, get, request_mix, serving, varied_articles
from tests.procs import archive

SECONDS = 5
NEW_ARTICLE = {"news/zeppelin.md": "---\ntitle: The zeppelin returns\ndate: 2025-01-02\n---\nIn 2024, a zeppelin flew.\n"}


def test_serve_answers_8_clients_without_an_error_while_a_reindex_publishes(tmp_path, record_figure):
    articles = varied_articles(300)
    corpus = write_corpus(tmp_path / "corpus", articles)
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    ids = [name.removesuffix(".md") for name in articles]
    with serving(index_dir, tmp_path / "serve.log") as base:
        load = Load(base, request_mix(ids), clients=8)
        write_corpus(corpus, NEW_ARTICLE)
        reindexed = threading.Event()
        results = []

        def reindex() -> None:
            results.append(archive("reindex", "--corpus", str(corpus), "--index", str(index_dir)))
            reindexed.set()

        reindexer = threading.Thread(target=reindex)
        reindexer.start()
        load.run(SECONDS, until=reindexed)  # the reindex runs and publishes while clients are busy
        reindexer.join()
        status, page = get(base, "/search?q=zeppelin")
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert results[0].returncode == 0, results[0].stderr
    assert load.problems == [], (load.problems[:5], log[-2000:])
    assert status == 200 and "The zeppelin returns" in page  # the new generation, no restart
    served = {a.path for a in load.answers}
    assert {"/articles/no/such/article", "/search?q=author:x", "/search.csv?q=treaty"} <= served
    assert "Traceback" not in log
    record_figure(f"archive serve during a reindex: {load.figures()}")
