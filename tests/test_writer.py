"""Reindex: full and incremental, problems reported, and the index never half-written."""
from __future__ import annotations

import os

import pytest

from archive import corpus, reindex
from index.whoosh import schema, searcher, store
from index.errors import IndexBusyError, IndexMissingError
from index.whoosh.writer import build_index
from tests.conftest import write_corpus


def ids(index_dir, q=""):
    return sorted(hit.id for hit in searcher.search(index_dir, q, page_size=100).hits)


def test_first_reindex_adds_every_article(corpus_dir, tmp_path):
    report = build_index(corpus_dir, tmp_path / "index")
    assert (report.full, report.full_reason) == (True, "no index yet")
    assert (report.added, report.updated, report.deleted, report.unchanged) == (3, 0, 0, 0)
    assert report.years == (2009, 2025)
    assert ids(tmp_path / "index") == ["moon", "nested/robots", "wall"]


def test_reindex_without_changes_reads_nothing_new(corpus_dir, index_dir, monkeypatch):
    def fail(*args):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(corpus, "parse_file", fail)
    report = build_index(corpus_dir, index_dir)
    assert (report.full, report.added, report.updated, report.deleted, report.unchanged) == (False, 0, 0, 0, 3)


def test_reindex_adds_updates_and_deletes(corpus_dir, index_dir):
    write_corpus(corpus_dir, {"new.md": "---\ntitle: Glaciers\ndate: 2020-01-02\n---\nIce melts since 1990."})
    (corpus_dir / "wall.md").write_text("---\ntitle: The Wall, revised\ndate: 2009-11-09\n---\nIt fell in 1989.")
    (corpus_dir / "moon.md").unlink()
    report = build_index(corpus_dir, index_dir)
    assert (report.added, report.updated, report.deleted, report.unchanged) == (1, 1, 1, 1)
    assert ids(index_dir) == ["nested/robots", "new", "wall"]
    assert [h.title for h in searcher.search(index_dir, "revised").hits] == ["The Wall, revised"]
    assert ids(index_dir, "apollo") == []


def test_full_reindex_rebuilds_everything(corpus_dir, index_dir):
    report = build_index(corpus_dir, index_dir, full=True)
    assert (report.full, report.full_reason, report.added, report.unchanged) == (True, "requested", 3, 0)
    assert ids(index_dir) == ["moon", "nested/robots", "wall"]


def test_extractor_change_forces_full_reindex(corpus_dir, index_dir, monkeypatch):
    changed = reindex.extractor_version() + "-changed"
    monkeypatch.setattr(reindex, "extractor_version", lambda: changed)
    report = build_index(corpus_dir, index_dir)
    assert (report.full, report.full_reason, report.added) == (True, "the date extractor changed", 3)


def test_bad_files_are_reported_and_the_rest_indexed(corpus_dir, tmp_path):
    write_corpus(corpus_dir, {
        "broken.md": "---\ntitle: [unclosed\n---\nbody",
        "notes.docx": "binary-ish",
        "undated.md": "---\ntitle: No date here\n---\nSome text.",
    })
    report = build_index(corpus_dir, tmp_path / "index")
    assert [p.path for p in report.skipped] == ["broken.md", "notes.docx"]
    assert [str(p) for p in report.degraded] == ["undated.md: no publication date"]
    assert ids(tmp_path / "index") == ["moon", "nested/robots", "undated", "wall"]


def test_problems_of_unchanged_files_are_still_reported(corpus_dir, tmp_path):
    write_corpus(corpus_dir, {"undated.md": "---\ntitle: No date here\n---\nSome text."})
    build_index(corpus_dir, tmp_path / "index")
    again = build_index(corpus_dir, tmp_path / "index")
    assert (again.unchanged, [p.path for p in again.degraded]) == (4, ["undated.md"])


def test_duplicate_ids_keep_the_first_article(corpus_dir, tmp_path):
    write_corpus(corpus_dir, {"feed.jsonl": '{"id": "moon", "title": "Another moon", "body": "x"}\n'})
    report = build_index(corpus_dir, tmp_path / "index")
    assert [str(p) for p in report.skipped] == ["moon.md: duplicate id 'moon' (already used by feed.jsonl)"]
    assert [h.title for h in searcher.search(tmp_path / "index", "", page_size=10).hits if h.id == "moon"] \
        == ["Another moon"]


def test_reindex_that_crashes_leaves_the_old_index_searchable(corpus_dir, index_dir, monkeypatch):
    before = store.current_generation(index_dir)
    (corpus_dir / "moon.md").unlink()
    write_corpus(corpus_dir, {"new.md": "---\ntitle: Glaciers\ndate: 2020-01-02\n---\nIce."})

    def crash(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(corpus, "parse_file", crash)
    with pytest.raises(RuntimeError):
        build_index(corpus_dir, index_dir)
    assert store.current_generation(index_dir) == before
    assert ids(index_dir) == ["moon", "nested/robots", "wall"]
    monkeypatch.undo()
    report = build_index(corpus_dir, index_dir)
    assert (report.added, report.deleted) == (1, 1)
    assert ids(index_dir) == ["nested/robots", "new", "wall"]


def test_second_reindex_is_refused_while_one_runs(corpus_dir, index_dir):
    with store.reindex_lock(index_dir):
        with pytest.raises(IndexBusyError, match="Another reindex is writing to .*try again"):
            build_index(corpus_dir, index_dir)
    assert ids(index_dir) == ["moon", "nested/robots", "wall"]


def test_old_generations_are_cleaned_up(corpus_dir, index_dir):
    for _ in range(3):
        build_index(corpus_dir, index_dir, full=True)
    generations = sorted(p.name for p in index_dir.iterdir() if p.name.startswith("gen-"))
    assert generations == ["gen-000003", "gen-000004"]
    assert store.current_generation(index_dir).name == "gen-000004"


def test_a_reader_keeps_its_generation_while_a_reindex_publishes(corpus_dir, index_dir):
    old = store.open_index(index_dir, schema.ARTICLES)
    (corpus_dir / "moon.md").unlink()
    build_index(corpus_dir, index_dir)
    with old.searcher() as reader:
        assert reader.doc_count() == 3
    assert ids(index_dir) == ["nested/robots", "wall"]


def test_tagging_in_worker_processes_gives_the_same_index(corpus_dir, tmp_path, monkeypatch):
    from index.whoosh import timeline
    from archive import tagging

    build_index(corpus_dir, tmp_path / "one")
    monkeypatch.setattr(tagging, "PARALLEL_MIN", 1)
    build_index(corpus_dir, tmp_path / "many")
    for name in ("one", "many"):
        assert ids(tmp_path / name) == ["moon", "nested/robots", "wall"]
    entries = [[(e.id, e.label, e.article_id) for e in timeline.iter_timeline(tmp_path / name)] for name in ("one", "many")]
    assert entries[0] == entries[1] and len(entries[0]) == 6
    facets = [searcher.search(tmp_path / name, "").facets for name in ("one", "many")]
    assert facets[0] == facets[1]


@pytest.mark.parametrize("in_child", [True, False])
def test_an_error_in_the_events_writer_reaches_the_reindex_and_writes_nothing(corpus_dir, index_dir, in_child):
    from index.whoosh import event_writer, timeline

    build_index(corpus_dir, index_dir)
    before = timeline.timeline(index_dir).total
    writer = event_writer.open_writer(store.current_generation(index_dir), in_child=in_child)
    with pytest.raises(Exception, match="no_such_field"):  # in a child, it comes with the commit
        writer.add({"no_such_field": "x"})
        writer.start_commit()
        writer.wait()
    writer.cancel()
    assert timeline.timeline(index_dir).total == before


def test_an_index_of_another_schema_asks_for_a_reindex(corpus_dir, index_dir):
    import json

    build_index(corpus_dir, index_dir)
    meta_file = store.current_generation(index_dir) / store.META
    meta = json.loads(meta_file.read_text())
    meta_file.write_text(json.dumps(dict(meta, schema_version=schema.SCHEMA_VERSION - 1)))
    with pytest.raises(IndexMissingError, match="archive reindex"):
        searcher.search(index_dir, "moon")
    assert build_index(corpus_dir, index_dir).full_reason == "the index schema changed"
    assert searcher.search(index_dir, "moon").total == 1


def test_an_untouched_file_is_not_read_again_and_an_edit_that_keeps_size_and_mtime_is_seen(
        corpus_dir, tmp_path, monkeypatch):
    from archive import changes

    index = tmp_path / "index"
    monkeypatch.setattr(changes, "RECENT_NS", -10**12)  # the files were just written: trust them all the same
    build_index(corpus_dir, index)
    reads = []
    original = corpus.read_bytes
    monkeypatch.setattr(corpus, "read_bytes", lambda path: reads.append(path.name) or original(path))
    report = build_index(corpus_dir, index)
    assert reads == [] and report.added == report.updated == 0 and report.unchanged == report.articles
    moon = corpus_dir / "moon.md"
    before = moon.stat()
    moon.write_text(moon.read_text().replace("Apollo 11", "Apollo 12"))  # same size
    os.utime(moon, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the mtime set back: the ctime tells
    report = build_index(corpus_dir, index)
    assert reads == ["moon.md"] and report.updated == 1
    assert searcher.search(index, "apollo 12").total == 1


def test_a_file_changed_just_before_a_reindex_is_read_by_the_next_one(corpus_dir, tmp_path, monkeypatch):
    index = tmp_path / "index"
    build_index(corpus_dir, index)  # the files are seconds old: their signatures are not kept
    reads = []
    original = corpus.read_bytes
    monkeypatch.setattr(corpus, "read_bytes", lambda path: reads.append(path.name) or original(path))
    build_index(corpus_dir, index)
    assert "moon.md" in reads
