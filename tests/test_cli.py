"""The archive command, driven through Click's runner against real indexes."""
from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from archive.cli import cli
from index.whoosh import store


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_reindex_prints_a_summary(runner, corpus_dir, tmp_path):
    result = invoke(runner, "reindex", "--corpus", corpus_dir, "--index", tmp_path / "ix")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        f"Full reindex (no index yet): 3 articles and 5 events in {tmp_path / 'ix'} (published 2009–2025).",
        "  added 3, updated 0, deleted 0, unchanged 0, skipped 0",
    ]


def test_reindex_names_every_bad_file(runner, corpus_dir, tmp_path):
    (corpus_dir / "broken.md").write_text("---\ntitle: [x\n---\n")
    (corpus_dir / "undated.md").write_text("---\ntitle: Undated\n---\nText.")
    result = invoke(runner, "reindex", "--corpus", corpus_dir, "--index", tmp_path / "ix")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
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
    assert result.stdout.splitlines()[2:] == [
        "Skipped:",
        "  feed.jsonl (line 8): invalid JSON: Expecting ',' delimiter at column 13",
        "Indexed with problems:",
        "  feed.jsonl (7 records, lines 1, 2, 3, 4, 5, …): no publication date",
    ]


def test_reindex_to_a_log_prints_progress_lines_and_each_phase(runner, corpus_dir, tmp_path):
    result = invoke(runner, "reindex", "--corpus", corpus_dir, "--index", tmp_path / "ix")
    assert result.stderr.splitlines() == [
        "Indexing 3 articles",
        "Tagging done; removing deleted articles and applying the curated timeline…",
        "Saving the articles and events (merging segments)…",
        "Publishing the new index…",
    ]


def test_counts_are_written_in_words_and_one_year_once(runner, tmp_path):
    from tests.conftest import ARTICLES, write_corpus

    corpus = write_corpus(tmp_path / "c", {"wall.md": ARTICLES["wall.md"]})
    result = invoke(runner, "reindex", "--corpus", corpus, "--index", tmp_path / "ix")
    assert result.stdout.startswith(f"Full reindex (no index yet): 1 article and 1 event in {tmp_path / 'ix'} "
                                    "(published 2009).")
    timeline = invoke(runner, "timeline", "--index", tmp_path / "ix")
    assert timeline.stdout.splitlines()[-1] == "1 event"


@pytest.mark.parametrize("args, message", [
    (["search", "", "--from", "2030", "--to", "2020"], "the range starts after it ends: from 2030 to 2020."),
    (["search", "moon", "--page", "99"], "page 99 is past the last page of these results (1)."),
    (["timeline", "--article", "nope"], "there is no article with the id 'nope'."),
    (["timeline", "--json", "--csv"], "Choose one of --json and --csv."),
    (["search", "--year", "soon"], "'soon' is not a year such as 2013, 500 BC or -499."),
    (["search", "year:[abc TO def]"], "'year:' takes a year"),
    (["search", "moon year:[1990 TO abc]"], "a year range needs a year at each end"),
])
def test_the_cli_refuses_what_the_web_refuses_with_exit_status_2(runner, index_dir, args, message):
    result = runner.invoke(cli, [*args, "--index", str(index_dir)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output and "NullQuery" not in result.output


def test_typed_years_a_year_range_without_false_notes_and_did_you_mean(runner, index_dir):
    ranged = invoke(runner, "search", "year:[1960 TO 1970]", "--index", index_dir)
    assert ranged.exit_code == 0 and "Common words" not in ranged.output and "1 article " in ranged.output
    typed = invoke(runner, "search", "", "--year", "AD 1969", "--index", index_dir)
    assert "Moon landing remembered" in typed.output
    assert "Did you mean: Brandenburg?" in invoke(runner, "search", "Brandenbrug", "--index", index_dir).output


def test_the_readme_fuzzy_examples_find_the_sample_article(runner, sample_index):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"`(Eunby\w+~\d?)`", readme)
    assert len(examples) == 2
    for example in examples:
        result = invoke(runner, "search", example, "--index", sample_index)
        assert "1 article " in result.output, example


def test_serve_on_a_taken_port_says_so_in_one_line(index_dir):
    from tests.procs import archive

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = archive("serve", "--port", str(port), "--index", str(index_dir))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Error: Port {port} on 127.0.0.1 is already in use (another server?); "
                                     f"stop it or choose another port, such as --port {port + 1}.")


def test_an_interrupted_reindex_says_the_published_index_is_unchanged(tmp_path, corpus_dir):
    import signal
    import subprocess

    from index.whoosh.writer import build_index
    from tests.procs import kill_session, start_archive

    build_index(corpus_dir, tmp_path / "ix")
    published = store.current_generation(tmp_path / "ix")
    lines = "\n".join(f"In {1700 + n} the mill on the river ran for {n} days." for n in range(60))
    for i in range(400):
        (corpus_dir / f"mill-{i}.md").write_text(f"---\ntitle: Mill {i}\ndate: 2001-01-01\n---\n{lines}\n")
    process = start_archive("reindex", "--corpus", str(corpus_dir), "--index", str(tmp_path / "ix"),
                            stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr.readline().startswith("Indexing 4")  # a log gets lines, not a bar
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=120)
    finally:
        kill_session(process)
    assert process.returncode == 130
    assert "Interrupted: nothing was published, the index searched before is unchanged." in errors
    assert "Traceback" not in errors
    assert store.current_generation(tmp_path / "ix") == published
