"""Stress: `archive serve` under 8 clients for 30 seconds; prints throughput and latency.

Not part of the default run (pyproject.toml keeps pytest out of tests/stress). Start it with

    .venv/bin/pytest -p no:cacheprovider tests/stress/test_serve_stress.py

The figures are printed in the "reliability figures" section at the end of the run.
"""
from __future__ import annotations

from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from tests.load import Load, request_mix, serving, varied_articles

CLIENTS, SECONDS = 8, 30


def test_serve_under_8_clients_for_30_seconds(tmp_path, record_figure):
    articles = varied_articles(300)
    build_index(write_corpus(tmp_path / "corpus", articles), tmp_path / "index")
    ids = [name.removesuffix(".md") for name in articles]
    with serving(tmp_path / "index", tmp_path / "serve.log") as base:
        load = Load(base, request_mix(ids), clients=CLIENTS)
        load.run(SECONDS)
    record_figure(f"archive serve: {load.figures()}")
    assert load.problems == [], load.problems[:5]
