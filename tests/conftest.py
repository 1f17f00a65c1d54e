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


@pytest.fixture
def app(index_dir):
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})


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


@pytest.fixture
def sample(sample_index):
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
