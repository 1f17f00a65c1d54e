"""The OpenSearch engine end to end: the protocol, the CLI and the web on the cluster, reindexes and faults."""
from __future__ import annotations

import csv
import http.server
import inspect
import io
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from archive.cli import cli
from index.engine import Engine
from index.opensearch import indexes
from index.opensearch.connection import client
from index.opensearch.engine import OpenSearchEngine
from index.whoosh.engine import WhooshEngine
from tests.conftest import ARTICLES, REPO, write_corpus
from tests.hostile import CURATED
from tests.opensearch_helpers import app_config, feed, remove_all, settings_for
from webui import create_app

API = [name for name, member in vars(Engine).items() if callable(member) and not name.startswith("_")]


@pytest.mark.parametrize("name", API)
def test_the_opensearch_engine_takes_the_arguments_of_the_protocol(name):
    wanted = inspect.signature(getattr(Engine, name))
    given = inspect.signature(getattr(OpenSearchEngine, name))
    assert list(given.parameters) == list(wanted.parameters)
    assert [p.kind for p in given.parameters.values()] == [p.kind for p in wanted.parameters.values()]


@pytest.fixture
def settings(opensearch_cluster, request):
    settings = settings_for(opensearch_cluster, request.node.name[:24])
    yield settings
    remove_all(settings)


@pytest.fixture
def flags(settings, monkeypatch):
    """The command line's choice of the cluster; the archive's index name from the environment."""
    monkeypatch.setenv("ARCHIVE_OPENSEARCH_INDEX", settings.prefix)
    return ["--engine", "opensearch", "--opensearch-url", ",".join(settings.urls)]


def test_cli_reindex_search_and_timeline_on_the_cluster(runner, tmp_path, flags):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    result = runner.invoke(cli, ["reindex", "--corpus", str(corpus), *flags])
    assert result.exit_code == 0, result.output
    assert "Full reindex (no index yet): 3 articles and 6 events in the OpenSearch cluster" in result.output
    found = json.loads(runner.invoke(cli, ["search", "moon", "--json", *flags]).output)
    assert (found["total"], found["hits"][0]["id"], found["facets"]["pub_year"]) == (1, "moon", {"2019": 1})
    assert found["hits"][0]["snippet"].count("<mark") == 1
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["timeline", "--csv", *flags]).output)))
    assert [row["year"] for row in rows] == sorted((row["year"] for row in rows), key=int)
    assert len(rows) == 6  # with the articles' own news (their leads), as on Whoosh


def test_incremental_reindex_by_content_hash(runner, tmp_path, flags, settings):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    assert runner.invoke(cli, ["reindex", "--corpus", str(corpus), *flags]).exit_code == 0
    first = indexes.published(settings)
    (corpus / "wall.md").write_text(ARTICLES["wall.md"].replace("fell in 1989", "fell in 1989 and 1990"))
    (corpus / "moon.md").unlink()
    write_corpus(corpus, {"ships.md": "---\ntitle: Tall ships\ndate: 2021-05-05\n---\nSails returned in 2021.\n"})
    result = runner.invoke(cli, ["reindex", "--corpus", str(corpus), *flags])
    assert result.exit_code == 0, result.output
    assert "Incremental reindex" in result.output
    assert "added 1, updated 1, deleted 1, unchanged 1, skipped 0" in result.output
    assert indexes.published(settings) != first  # a new build, published by the alias swap
    engine = OpenSearchEngine(settings)
    assert {hit.id for hit in engine.iter_hits()} == {"wall", "nested/robots", "ships"}
    assert [e.year for e in engine.iter_timeline(article="wall")] == [1989, 1990, 1990]  # the lead too, as on Whoosh
    assert engine.timeline(article="moon").total == 0
    again = runner.invoke(cli, ["reindex", "--corpus", str(corpus), *flags])
    assert "added 0, updated 0, deleted 0, unchanged 3" in again.output


def test_curated_events_and_corrections_as_on_whoosh(tmp_path, settings):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    whoosh = WhooshEngine(tmp_path / "index")
    whoosh.reindex(corpus)
    hidden = next(e.id for e in whoosh.iter_timeline(article="moon"))
    (corpus / "timeline.yaml").write_text(CURATED + f"corrections:\n  - event: {hidden}\n    hide: true\n"
                                          "  - event: 0000000000000000\n    hide: true\n", encoding="utf-8")
    expected = whoosh.reindex(corpus)
    feed(settings, write_corpus(tmp_path / "first", ARTICLES))  # an index to correct incrementally
    cluster = OpenSearchEngine(settings)
    found = cluster.reindex(corpus)
    assert [str(p) for p in found.problems] == [str(p) for p in expected.problems]
    assert [e.id for e in cluster.iter_timeline()] == [e.id for e in whoosh.iter_timeline()]
    assert hidden not in {e.id for e in cluster.iter_timeline()}
    assert any(e.curated and e.headline == "A curated glacier milestone" for e in cluster.iter_timeline())


def test_the_web_on_the_cluster(tmp_path, settings):
    feed(settings, write_corpus(tmp_path / "corpus", ARTICLES))
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none"), **app_config(settings)}).test_client()
    page = client.get("/search?q=cafe")
    assert page.status_code == 200 and '<mark class="match term0">café</mark>' in page.text
    assert client.get("/api/timeline").get_json()["total"] == 6
    assert client.get("/articles/wall?q=crowds").status_code == 200


@pytest.mark.parametrize("command", [["search", "moon"], ["timeline"], ["reindex"]])
def test_an_unreachable_cluster_is_one_line_in_the_cli(runner, tmp_path, command, monkeypatch):
    write_corpus(tmp_path / "corpus", ARTICLES)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, [*command, "--engine", "opensearch", "--opensearch-url", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: The OpenSearch cluster at http://127.0.0.1:9 cannot be reached (connection refused); "
        "start it (make cluster) or check opensearch_url."]


def test_an_unreachable_cluster_is_a_503_page_that_says_so(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path), "ENGINE": "opensearch",
                         "OPENSEARCH_URL": "http://127.0.0.1:9"}).test_client()
    for address in ("/search?q=moon", "/timeline", "/articles/moon", "/api/search?q=moon", "/search.csv?q=moon"):
        response = client.get(address)
        assert response.status_code == 503, address
        assert "cannot be reached" in response.text and "Traceback" not in response.text


def test_a_cluster_without_the_archive_says_how_to_build_it(runner, flags):
    result = runner.invoke(cli, ["search", "moon", *flags])
    assert result.exit_code == 1
    assert "No archive index on the OpenSearch cluster" in result.output
    assert "archive reindex --engine opensearch" in result.output


class _Refusing(http.server.BaseHTTPRequestHandler):
    """What a cluster with security on answers a client without the right credentials."""

    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = json.dumps({"error": {"type": "security_exception", "reason": "missing authentication credentials"},
                           "status": 401}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_PUT = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def refusing_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_refusing_cluster_is_one_line_in_the_cli_and_a_503_on_the_web(runner, refusing_url, tmp_path):
    result = runner.invoke(cli, ["search", "moon", "--engine", "opensearch", "--opensearch-url", refusing_url])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: The OpenSearch cluster at {refusing_url} refused the archive (HTTP 401); "
        "check opensearch_user and opensearch_password."]
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path), "ENGINE": "opensearch",
                         "OPENSEARCH_URL": refusing_url}).test_client()
    response = client.get("/timeline")
    assert response.status_code == 503 and "refused the archive" in response.text


KILLED_AFTER_S = (0.3, 1.0, 2.0, 3.0, 5.0)


def test_a_reindex_killed_at_any_moment_leaves_the_alias_on_a_whole_index(tmp_path, settings, record_figure):
    articles = {f"a{i:03d}.md": f"---\ntitle: Note {i}\ndate: 2020-01-{1 + i % 28:02d}\n---\n"
                                f"In {1900 + i % 100} the harbour saw the ship of berth {i % 100}.\n" for i in range(300)}
    old = write_corpus(tmp_path / "old", dict(list(articles.items())[:120]))
    new = write_corpus(tmp_path / "new", articles)
    feed(settings, old)
    engine = OpenSearchEngine(settings)
    counts = (engine.search("").total, engine.timeline().total)
    # Articles i and i + 100 tell the same happening in the same year: one entry, as on Whoosh.
    assert counts == (120, 100)
    env = {**os.environ, "ARCHIVE_OPENSEARCH_INDEX": settings.prefix, "PYTHONPATH": str(REPO)}
    command = [str(Path(sys.executable).parent / "archive"), "reindex", "--full", "--corpus", str(new), "--engine", "opensearch",
               "--opensearch-url", ",".join(settings.urls)]
    rng = random.Random(13)
    seen = []
    for after in KILLED_AFTER_S:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(after * rng.uniform(0.8, 1.2))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        whole = (engine.search("").total, engine.timeline().total)
        assert whole in (counts, (300, 100)), f"killed after {after} s: {whole}"
        seen.append(whole[0])
    assert seen[0] == 120  # killed before it could publish: the old index, whole
    report = engine.reindex(new)  # takes over the dead reindex's lock, removes its builds
    assert (report.articles, engine.search("").total, engine.timeline().total) == (300, 300, 100)
    leftovers = set(client(settings).indices.get(index=f"{settings.prefix}-*-*"))
    assert leftovers == set(indexes.published(settings).values())
    record_figure(f"OpenSearch reindex killed {len(KILLED_AFTER_S)} times: the alias served a whole index each "
                  f"time (articles seen: {seen})")
