"""What a command loads before it does its work: a reindex with nothing to date starts without
the date tagger, a search without the reindex pipeline (each import costs start-up time)."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

# Run as a new process, so that nothing the test session imported counts.
PROBE = """
import json, sys
from click.testing import CliRunner
from archive.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "output": result.output,
                  "modules": sorted(m for m in sys.modules if m.startswith(("archive", "index", "dateutil")))}))
"""


def loaded(*args: str) -> dict:
    completed = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                               cwd=REPO, check=True, timeout=120)
    return json.loads(completed.stdout.splitlines()[-1])


def test_an_unchanged_reindex_does_not_load_the_date_tagger(corpus_dir, tmp_path):
    index = tmp_path / "index"
    first = loaded("reindex", "--corpus", str(corpus_dir), "--index", str(index))
    assert first["exit"] == 0 and "archive.timex.tagger" in first["modules"]  # it dated the articles
    again = loaded("reindex", "--corpus", str(corpus_dir), "--index", str(index))
    assert again["exit"] == 0 and "unchanged" in again["output"]
    assert "archive.timex.tagger" not in again["modules"]
    assert "index.whoosh.searcher" not in again["modules"]  # nor the search side


def test_a_search_loads_neither_the_pipeline_nor_the_corpus_readers(corpus_dir, tmp_path):
    index = tmp_path / "index"
    assert loaded("reindex", "--corpus", str(corpus_dir), "--index", str(index))["exit"] == 0
    found = loaded("search", "moon", "--index", str(index))
    assert found["exit"] == 0 and "Moon landing" in found["output"]
    for module in ("archive.timex.tagger", "archive.reindex", "archive.corpus", "dateutil"):
        assert module not in found["modules"]


def test_the_dates_command_still_tags_text():
    completed = subprocess.run([sys.executable, "-c", "from archive.cli import cli; cli()", "dates", "--json"],
                               input="Founded in 2013.", capture_output=True, text=True, cwd=REPO, timeout=120)
    assert json.loads(completed.stdout.splitlines()[0])["value"] == "2013"
