"""The archive command, driven through Click's runner against real indexes."""
from __future__ import annotations

import json

import pytest

from archive.cli import cli
from index.whoosh import store


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_reindex_prints_a_summary(runner, corpus_dir, tmp_path):
    result = invoke(runner, "reindex", "--corpus", corpus_dir, "--index", tmp_path / "ix")
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        f"Full reindex (no index yet): 3 articles and 5 events in {tmp_path / 'ix'} (published 2009–2025).",
        "  added 3, updated 0, deleted 0, unchanged 0, skipped 0",
    ]


def test_reindex_names_every_bad_file(runner, corpus_dir, tmp_path):
    (corpus_dir / "broken.md").write_text("---\ntitle: [x\n---\n")
    (corpus_dir / "undated.md").write_text("---\ntitle: Undated\n---\nText.")
    result = invoke(runner, "reindex", "--corpus", corpus_dir, "--index", tmp_path / "ix")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1] == "  added 4, updated 0, deleted 0, unchanged 0, skipped 1"
    assert lines[2] == "Skipped:" and lines[3].startswith("  broken.md (line 2): invalid YAML front matter: ")
    assert lines[4:] == ["Indexed with problems:", "  undated.md: no publication date"]


def test_reindex_reports_missing_corpus(runner, tmp_path):
    result = runner.invoke(cli, ["reindex", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_reindex_refuses_to_run_twice(runner, corpus_dir, index_dir):
    with store.reindex_lock(index_dir):
        result = runner.invoke(cli, ["reindex", "--corpus", str(corpus_dir), "--index", str(index_dir)])
    assert result.exit_code == 1
    assert "Error: Another reindex is writing to" in result.output


def test_reindex_uses_environment_settings(runner, corpus_dir, tmp_path):
    env = {"ARCHIVE_CORPUS_DIR": str(corpus_dir), "ARCHIVE_INDEX_DIR": str(tmp_path / "env-ix")}
    assert invoke(runner, "reindex", env=env).exit_code == 0
    assert store.current_generation(tmp_path / "env-ix") is not None


def test_bad_config_file_is_reported(runner, tmp_path):
    config = tmp_path / "archive.yaml"
    config.write_text("corpus: [\n")
    result = runner.invoke(cli, ["--config", str(config), "reindex"])
    assert result.exit_code == 1
    assert f"Error: {config}: invalid YAML at line 2" in result.output


def test_search_prints_ranked_hits_and_facets(runner, index_dir):
    result = invoke(runner, "search", "1989", "--index", index_dir)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Searched: 1989"
    assert lines[1].startswith("2 articles (page 1 of 1,")
    assert "The crew met again in [1989]" in result.output
    assert "Years mentioned: 1969 (1), 1989 (2)\nPublished: 2009 (1), 2019 (1)" in result.output


def test_search_json_has_the_documented_shape(runner, index_dir):
    result = invoke(runner, "search", "wall", "--year", "1989", "--index", index_dir, "--json")
    data = json.loads(result.output)
    assert {"query", "parsed", "notes", "total", "page", "page_count", "hits", "facets"} <= set(data)
    assert (data["query"], data["parsed"], data["total"]) == ("wall", "wall", 1)
    [hit] = data["hits"]
    assert {"id", "title", "published", "source", "score", "snippet", "years"} <= set(hit)
    assert (hit["id"], hit["published"], hit["years"]) == ("wall", "2009-11-09", [1989])
    assert (data["facets"]["years"], data["facets"]["pub_year"]) == ({"1989": 1}, {"2009": 1})


@pytest.mark.parametrize("q, message", [
    ("author:x", "Unknown field 'author:'"),
    ("year:soon", "'year:' takes a year"),
])
def test_unsearchable_query_exits_2_with_a_message(runner, index_dir, q, message):
    result = runner.invoke(cli, ["search", q, "--index", str(index_dir)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_search_without_index_says_to_reindex(runner, tmp_path):
    result = runner.invoke(cli, ["search", "moon", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "Run 'archive reindex' first." in result.output


def test_dates_command_prints_json_lines(runner):
    result = invoke(runner, "dates", "--published", "2025-12-06", "--json",
                    input="In 2013, it was founded. Last year it grew.")
    records = [json.loads(line) for line in result.output.splitlines()]
    assert {"start": 3, "end": 7, "text": "2013", "value": "2013", "type": "DATE", "precision": "year"} in records
    assert any(r["value"] == "2024" and r["text"].lower() == "last year" for r in records)


def test_every_command_has_help(runner):
    for name, command in cli.commands.items():
        result = invoke(runner, name, "--help")
        assert result.exit_code == 0 and command.help and "Example:" in result.output, name


def test_reindex_folds_one_reason_repeated_on_many_lines(runner, tmp_path):
    records = "".join(f'{{"id": "r{i}", "title": "Record {i}", "body": "Text."}}\n' for i in range(1, 8))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text(records + '{"id": "bad"\n')
    result = invoke(runner, "reindex", "--corpus", corpus, "--index", tmp_path / "ix")
    assert result.output.splitlines()[2:] == [
        "Skipped:",
        "  feed.jsonl (line 8): invalid JSON: Expecting ',' delimiter at column 13",
        "Indexed with problems:",
        "  feed.jsonl (7 records, lines 1, 2, 3, 4, 5, …): no publication date",
    ]
