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
LOOKED_FOR = ("archive", "index", "dateutil", "whoosh", "yaml", "asyncio", "cached_property", "urllib",
              "importlib.metadata", "html")
from click.testing import CliRunner
from archive.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "output": result.output,
                  "modules": sorted(m for m in sys.modules if m.startswith(LOOKED_FOR))}))
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


def test_a_jsonl_reindex_starts_without_yaml_asyncio_or_package_metadata(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "export.jsonl").write_text('{"id": "a1", "title": "Harbour opened", "date": "1987-03-02", '
                                         '"body": "The new harbour opened in March 1987."}\n', encoding="utf-8")
    assert loaded("reindex", "--corpus", str(corpus), "--index", str(index))["exit"] == 0
    with (corpus / "export.jsonl").open("a", encoding="utf-8") as export:
        export.write('{"id": "a2", "title": "Bridge closed", "body": "The bridge closed in 1990."}\n')
    again = loaded("reindex", "--corpus", str(corpus), "--index", str(index))
    assert again["exit"] == 0 and "added 1" in again["output"]
    # YAML is for front matter, archive.yaml and timeline.yaml; the version guard of
    # index/whoosh/patches.py reads Whoosh's own version; Whoosh's imports of asyncio (through
    # the cached_property backport) and urllib.request get stand-ins (index/whoosh/lean_import.py).
    for module in ("yaml", "asyncio", "cached_property", "urllib.request", "importlib.metadata", "html.parser",
                   "whoosh.qparser"):
        assert module not in again["modules"]


def test_whoosh_keeps_working_with_the_real_modules_loaded_afterwards():
    completed = subprocess.run([sys.executable, "-c", """
import functools, sys
import index.whoosh
import whoosh.reading
assert whoosh.reading.cached_property is functools.cached_property
assert "cached_property" not in sys.modules and "urllib.request" not in sys.modules
import cached_property, urllib.request
assert cached_property.threaded_cached_property and urllib.request.urlopen
print("ok")
"""], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert completed.stdout.strip() == "ok", completed.stderr


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
