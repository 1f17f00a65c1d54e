"""Incremental reindex of a JSON Lines export: only the records that changed are parsed again."""
from __future__ import annotations

import json

from archive.readers import jsonl_stream
from index.whoosh import searcher
from index.whoosh.writer import build_index


def record(number: int, **changes) -> str:
    fields = {"id": f"w{number}", "title": f"Wire story {number}", "date": "1987-03-02",
              "body": f"Story {number} says prices rose in 1986."}
    return json.dumps({**fields, **changes})


def write(corpus, lines: list[str]) -> None:
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def count_parses(monkeypatch) -> list[int]:
    parsed: list[int] = []
    real = jsonl_stream.read_record

    def counting(relpath, number, line):
        parsed.append(number)
        return real(relpath, number, line)

    monkeypatch.setattr(jsonl_stream, "read_record", counting)
    return parsed


def test_one_changed_record_is_the_only_one_parsed_and_written(tmp_path, monkeypatch):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    lines = [record(n) for n in range(50)]
    write(corpus, lines)
    build_index(corpus, index_dir)
    lines[10] = record(10, title="Wire story ten, corrected")
    write(corpus, lines)
    parsed = count_parses(monkeypatch)
    report = build_index(corpus, index_dir)
    assert parsed == [11]
    assert (report.full, report.added, report.updated, report.deleted, report.unchanged) == (False, 0, 1, 0, 49)
    assert [hit.id for hit in searcher.search(index_dir, "corrected").hits] == ["w10"]


def test_lines_that_move_keep_their_problems_at_their_new_line_numbers(tmp_path, monkeypatch):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    lines = [record(1), record(2, date=""), "{not json", record(3)]
    write(corpus, lines)
    first = build_index(corpus, index_dir)
    assert [str(p) for p in first.problems] == ["wire.jsonl (line 2): no publication date",
                                                "wire.jsonl (line 3): invalid JSON: Expecting property name "
                                                "enclosed in double quotes at column 2"]
    write(corpus, [record(0)] + lines)
    parsed = count_parses(monkeypatch)
    report = build_index(corpus, index_dir)
    assert parsed == [1]
    assert (report.added, report.deleted, report.unchanged) == (1, 0, 3)
    assert [str(p) for p in report.problems] == ["wire.jsonl (line 3): no publication date",
                                                 "wire.jsonl (line 4): invalid JSON: Expecting property name "
                                                 "enclosed in double quotes at column 2"]


def test_a_record_removed_from_the_export_is_removed_from_the_index(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write(corpus, [record(1), record(2), record(3)])
    build_index(corpus, index_dir)
    write(corpus, [record(1), record(3)])
    report = build_index(corpus, index_dir)
    assert (report.deleted, report.unchanged) == (1, 2)
    assert sorted(hit.id for hit in searcher.search(index_dir, "", page_size=10).hits) == ["w1", "w3"]


def test_a_cached_record_whose_id_an_earlier_file_takes_is_reported_as_a_duplicate(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write(corpus, [record(1), record(2)])
    build_index(corpus, index_dir)
    (corpus / "early.jsonl").write_text(record(2, title="The earlier holder") + "\n", encoding="utf-8")
    report = build_index(corpus, index_dir)
    assert [str(p) for p in report.skipped] == [
        "wire.jsonl (line 2): duplicate id 'w2' (already used by early.jsonl)"]
    assert [hit.title for hit in searcher.search(index_dir, "holder").hits] == ["The earlier holder"]


def test_past_the_pending_text_limit_articles_are_read_again_when_written(tmp_path, monkeypatch):
    from archive import changes

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write(corpus, [record(n) for n in range(300)])  # enough for the tagging workers too
    (corpus / "note.md").write_text("---\ntitle: A note\ndate: 2020-01-01\n---\nIt began in 1999.", encoding="utf-8")
    monkeypatch.setattr(changes, "PENDING_TEXT_LIMIT", 500)
    parsed = count_parses(monkeypatch)
    report = build_index(corpus, index_dir)
    assert (report.added, report.problems) == (301, [])
    assert len(parsed) > 300  # the records past the limit were parsed a second time
    assert len(searcher.search(index_dir, "story", page_size=10).hits) == 10
    assert searcher.search(index_dir, "note").hits[0].id == "note"


def test_a_record_that_changes_between_scan_and_write_is_reported_not_mixed_up(tmp_path, monkeypatch):
    from archive import changes

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write(corpus, [record(1), record(2)])
    monkeypatch.setattr(changes, "PENDING_TEXT_LIMIT", 0)
    real = changes.Scanner.scan

    def scan_then_edit(self, path, relpath=None):
        scan = real(self, path, relpath)
        write(corpus, [record(1), record(7)])  # the export is rewritten while the reindex runs
        return scan

    monkeypatch.setattr(changes.Scanner, "scan", scan_then_edit)
    report = build_index(corpus, index_dir)
    assert [str(p) for p in report.problems] == [
        "wire.jsonl (line 2): article 'w2' changed while the reindex read it; reindex again"]
    assert [hit.id for hit in searcher.search(index_dir, "", page_size=10).hits] == ["w1"]


def test_an_untouched_export_is_not_read_again_unless_an_earlier_file_takes_one_of_its_ids(tmp_path, monkeypatch):
    from archive import changes, corpus

    corpus_dir, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus_dir.mkdir()
    monkeypatch.setattr(changes, "RECENT_NS", -10**12)  # the files were just written: trust them all the same
    write(corpus_dir, [record(1), record(2)])
    build_index(corpus_dir, index_dir)
    opened = []
    real = corpus.open_regular
    monkeypatch.setattr(corpus, "open_regular", lambda path: opened.append(path.name) or real(path))
    report = build_index(corpus_dir, index_dir)
    assert opened == [] and (report.unchanged, report.updated) == (2, 0)
    (corpus_dir / "early.jsonl").write_text(record(2, title="The earlier holder") + "\n", encoding="utf-8")
    report = build_index(corpus_dir, index_dir)
    assert "wire.jsonl" in opened
    assert [str(p) for p in report.skipped] == ["wire.jsonl (line 2): duplicate id 'w2' (already used by early.jsonl)"]
    (corpus_dir / "early.jsonl").unlink()
    report = build_index(corpus_dir, index_dir)  # the record left out as a duplicate is indexed again
    assert report.skipped == [] and report.updated == 1  # w2 is the export's again
    assert sorted(hit.id for hit in searcher.search(index_dir, "", page_size=10).hits) == ["w1", "w2"]
    assert searcher.search(index_dir, "holder").total == 0
