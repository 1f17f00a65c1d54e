"""Shared fixtures: small corpora written in the test, and real Whoosh indexes in tmp_path."""
from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.whoosh.writer import build_index
from tests.hostile import CURATED, HOSTILE, make_client
from webui import create_app

pytest_plugins = ["tests.opensearch_cluster"]  # the OpenSearch cluster fixture; the JVM starts only for tests that ask

# A shell started without job control runs background jobs with Ctrl+C ignored, and an ignored
# signal stays ignored in every program they start: the tests that stop `archive serve` or a
# reindex with SIGINT would wait forever. Handling it here gives the children the default again.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "corpus"

ARTICLES = {
    "moon.md": """---
title: Moon landing remembered
date: 2019-07-20
source: Space Weekly
tags: [space, history]
---
Apollo 11 landed on the moon on 20 July 1969. The crew met again in 1989.
""",
    "wall.md": """---
title: The fall of the Berlin Wall
date: 2009-11-09
source: Europe Today
tags: [history]
---
The wall fell in 1989. Crowds gathered at the Brandenburg Gate, a café nearby stayed open all night.
""",
    "nested/robots.md": """---
title: Robots at the fair
date: 2025-06-01
source: Tech Daily
language: en
---
The robotics fair, first held in 2019, returned in 2025 with 1,200 people.
""",
}


def story(title: str, day: str, body: str) -> str:
    """Return a Markdown article with front matter: its title, publication day and body."""
    return f"---\ntitle: {title}\ndate: {day}\n---\n{body}\n"


def write_corpus(root: Path, articles: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under root and return root."""
    for name, text in articles.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", ARTICLES)


@pytest.fixture
def index_dir(tmp_path: Path, corpus_dir: Path) -> Path:
    path = tmp_path / "index"
    build_index(corpus_dir, path)
    return path


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory) -> Path:
    """A read-only index of the sample corpus shipped in corpus/, built once per session."""
    root = tmp_path_factory.mktemp("sample")
    corpus = shutil.copytree(SAMPLE_CORPUS, root / "corpus")
    build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# The web tests run on both engines: the Whoosh index in index_dir, and the same corpus on the
# session's OpenSearch cluster (tests/opensearch_cluster.py), in indexes of the test's own.
ENGINES = ("whoosh", "opensearch")


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def cluster_archives(opensearch_cluster):
    """Corpora indexed on the cluster in this session, by their content: the web never writes to an
    index, so the tests of one corpus share its indexes (removed at the end of the session)."""
    from tests.opensearch_helpers import remove_all

    built: dict[str, object] = {}
    yield built
    for settings in built.values():
        remove_all(settings)


def cluster_config(request, corpus: Path, name: str) -> dict:
    """Return the app's config for ``corpus`` on the cluster, indexing it unless this session already has."""
    import hashlib

    from tests.opensearch_helpers import app_config, feed, settings_for

    digest = hashlib.sha1()
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        digest.update(path.relative_to(corpus).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    built = request.getfixturevalue("cluster_archives")
    if digest.hexdigest() not in built:
        settings = settings_for(request.getfixturevalue("opensearch_cluster"), name)
        feed(settings, corpus)
        built[digest.hexdigest()] = settings
    return app_config(built[digest.hexdigest()])


def engine_for(engine_name: str, request, corpus: Path, index_dir: Path, name: str):
    """``corpus`` behind the Engine API: its Whoosh index in ``index_dir``, or its indexes on the cluster."""
    if engine_name == "whoosh":
        from index.whoosh.engine import WhooshEngine

        return WhooshEngine(index_dir)
    from index.opensearch.engine import OpenSearchEngine
    from tests.opensearch_helpers import settings_of

    return OpenSearchEngine(settings_of(cluster_config(request, corpus, name)))


def engine_config(engine_name: str, request, corpus: Path, index_dir: Path, name: str) -> dict:
    """The web app's config for ``corpus`` on an engine: its Whoosh index in ``index_dir``, or the cluster."""
    config = {"TESTING": True, "INDEX_DIR": str(index_dir)}
    if engine_name == "opensearch":
        config.update(cluster_config(request, corpus, name))
    return config


def cli_flags(config: dict, monkeypatch) -> list[str]:
    """The command line's flags choosing the index of a config made by engine_config (on the cluster, the
    archive's index name comes from the environment, as a user's archive.yaml would give it)."""
    if config.get("ENGINE") != "opensearch":
        return ["--index", config["INDEX_DIR"]]
    monkeypatch.setenv("ARCHIVE_OPENSEARCH_INDEX", config["OPENSEARCH_INDEX"])
    return ["--engine", "opensearch", "--opensearch-url", config["OPENSEARCH_URL"]]


@pytest.fixture
def engine(index_dir, corpus_dir, engine_name, request):
    """The conftest corpus behind the Engine API, on each engine in turn."""
    return engine_for(engine_name, request, corpus_dir, index_dir, "engine")


@pytest.fixture
def app(index_dir, corpus_dir, engine_name, request):
    config = {"TESTING": True, "INDEX_DIR": str(index_dir)}
    if engine_name == "opensearch":
        config.update(cluster_config(request, corpus_dir, "app"))
    return create_app(config)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def hostile_index(tmp_path_factory):
    """An index of articles that try to inject markup, script and spreadsheet formulas."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(root / "corpus", HOSTILE)
    (corpus / "timeline.yaml").write_text(CURATED, encoding="utf-8")
    build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture
def hostile(hostile_index):
    return make_client(hostile_index)


@pytest.fixture(scope="session")
def sample_cluster(request, tmp_path_factory) -> dict:
    """The sample corpus on the cluster, built once per session: the app's config for it."""
    root = tmp_path_factory.mktemp("sample-cluster")
    return cluster_config(request, shutil.copytree(SAMPLE_CORPUS, root / "corpus"), "sample")


@pytest.fixture
def sample(sample_index, engine_name, request):
    if engine_name == "opensearch":
        return make_client(sample_index, **request.getfixturevalue("sample_cluster"))
    return make_client(sample_index)


# Figures of the reliability tests (kills survived, answers read, requests served), printed
# at the end of the run so that a report can quote them.
RELIABILITY_LINES = pytest.StashKey[list]()


@pytest.fixture
def record_figure(request):
    """Return a function that adds one line to the reliability summary at the end of the run."""
    return request.config.stash.setdefault(RELIABILITY_LINES, []).append


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(RELIABILITY_LINES, [])
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)
