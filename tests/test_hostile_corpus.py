"""Hostile corpus files never stop a reindex: each is reported by name with its reason, the rest indexed.

tests/test_fuzz_corpus.py feeds random bytes; these are the files a random generator does
not write: huge ones, pipes and devices, YAML that expands to billions of values, HTML that
makes a parser work quadratically or give up, files that vanish while the reindex reads and
files it may not read.
"""
from __future__ import annotations

import os
import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.corpus import MAX_ARTICLE_MB, MAX_FILE_MB, parse_file
from archive.models import FileRead
from index.whoosh import searcher
from index.whoosh.writer import build_index
from tests.conftest import ARTICLES, write_corpus
from tests.inotify import IN_OPEN, Inotify
from tests.procs import archive, obey_file_permissions, run_code

GOOD_IDS = ["moon", "nested/robots", "wall"]
MB = 1024 * 1024


def indexed_ids(index_dir) -> list[str]:
    return sorted(hit.id for hit in searcher.search(index_dir, "", page_size=1000).hits)


def reasons(report) -> dict[str, str]:
    return {str(p).split(": ", 1)[0]: p.reason for p in report.skipped}


def test_a_100_mb_file_is_skipped_unread_with_its_size_and_the_limit(corpus_dir, tmp_path):
    chunk = ("In 2013 the archive grew. " * 40 + "\n\n").encode() * 1000  # about 1 MB of paragraphs
    with open(corpus_dir / "huge.txt", "wb") as handle:
        handle.write(b"A huge report\n\n")
        while handle.tell() < 100 * MB:
            handle.write(chunk)
        handle.truncate(100 * MB)
    (corpus_dir / "book.txt").write_text("A long book\n\n" + "In 1999 it began. " * (3 * MB // 18), encoding="utf-8")
    report = build_index(corpus_dir, tmp_path / "index")
    assert reasons(report) == {
        "huge.txt": f"cannot read file: file too large (100 MB; limit {MAX_FILE_MB} MB)",
        "book.txt": f"article too long (3 MB of text; limit {MAX_ARTICLE_MB} MB)",
    }
    assert indexed_ids(tmp_path / "index") == GOOD_IDS


def test_a_jsonl_file_with_bad_lines_keeps_every_good_record(corpus_dir, tmp_path):
    big = "In 2001 it grew. " * (3 * MB // 17)
    lines = ['{"id": "r1", "title": "First record", "date": "2020-01-01", "body": "In 2013 it began."}',
             '{"id": "r2", "title": "Broken record", "body": "no closing brace"',
             '["not", "an", "object"]',
             '{"id": "r3", "title": "Third record", "date": "2021-02-03", "body": "In 2019 it ended."}',
             '{"id": "r4", "title": "Too long", "body": "' + big + '"}',
             '{"id": "r5", "title": "Fifth record"}']
    (corpus_dir / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build_index(corpus_dir, tmp_path / "index")
    assert [str(p) for p in report.skipped] == [
        "feed.jsonl (line 2): invalid JSON: Expecting ',' delimiter at column 66",
        "feed.jsonl (line 3): record is not a JSON object (found list)",
        f"feed.jsonl: article 'r4' too long (3 MB of text; limit {MAX_ARTICLE_MB} MB)",
    ]
    assert indexed_ids(tmp_path / "index") == sorted(GOOD_IDS + ["r1", "r3", "r5"])


HOSTILE_HTML = {
    "deep.html": "<title>Deep page</title>" + "<div>" * 100_000 + "In 2013 the deep page began." + "</div>" * 100_000,
    "unclosed.html": "<title>Unclosed page</title>" + "<div>" * 100_000 + "In 2014 nothing closed.",
    "stray.html": "<title>Stray page</title><div>" * 2 + "In 2015 it strayed." + "</span>" * 100_000,
    "tail.html": "<title>Tail page</title><p>In 2016 the tail began.</p>" + "</" * 100_000,
    "comments.html": "<title>Comment page</title><p>In 2017 it was said.</p>" + "<!--" * 50_000,
    "declaration.html": "<title>Declaration page</title><![<![<![<![ In 2018. ]]>",
}


def test_pathological_html_is_read_or_reported_never_stuck(corpus_dir, tmp_path):
    write_corpus(corpus_dir, HOSTILE_HTML)
    report = build_index(corpus_dir, tmp_path / "index")
    assert reasons(report) == {"declaration.html": "unreadable HTML: expected name token at '<![<![<![<![ In 2018'"}
    assert indexed_ids(tmp_path / "index") == sorted(GOOD_IDS + ["comments", "deep", "stray", "tail", "unclosed"])
    deep = searcher.search(tmp_path / "index", "title:deep").hits[0]
    assert deep.years == (2013,)


def laughs(levels: int = 9) -> str:
    """YAML of a few hundred bytes that expands to 9**levels values (the "billion laughs")."""
    lines = ["a0: &a0 [lol]"] + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "---\ntitle: Laughs\ndate: 2020-01-01\n" + "\n".join(lines) + "\n---\nIn 2013 we laughed.\n"


def test_yaml_aliases_that_expand_to_billions_of_values_are_refused(corpus_dir, tmp_path):
    write_corpus(corpus_dir, {"laughs.md": laughs(), "anchor.md": "---\ntitle: &t Anchored\nother: *t\n---\nText.\n"})
    report = build_index(corpus_dir, tmp_path / "index")
    assert [str(p) for p in report.skipped] == [
        "anchor.md (line 3): invalid YAML front matter: aliases (*name) are not allowed",
        "laughs.md (line 5): invalid YAML front matter: aliases (*name) are not allowed",
    ]
    assert indexed_ids(tmp_path / "index") == GOOD_IDS


def test_pipes_sockets_and_devices_are_reported_not_read(corpus_dir, tmp_path):
    import socket

    os.mkfifo(corpus_dir / "pipe.md")  # opening it to read would wait for a writer forever
    os.symlink("/dev/zero", corpus_dir / "zero.txt")  # reading it would fill the memory
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(corpus_dir / "socket.md"))
        report = build_index(corpus_dir, tmp_path / "index")
    assert reasons(report) == {
        "pipe.md": "cannot read file: not a regular file (a named pipe)",
        "socket.md": "cannot read file: No such device or address",
        "zero.txt": "cannot read file: not a regular file (a device)",
    }
    assert indexed_ids(tmp_path / "index") == GOOD_IDS


# Pages whose navigation takes the HTML parser about 10 ms each, for a very small text:
# reading 80 of them leaves the deleting thread a second to act, however busy the machine.
SLOW_PAGE = "<title>Page {0}</title><nav>" + "<a href='/x'>link</a>" * 2000 + "</nav><p>In 2001, page {0}.</p>"


def test_files_that_vanish_while_the_reindex_reads_are_reported_by_name(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {f"a{i:03d}.html": SLOW_PAGE.format(i) for i in range(80)})
    write_corpus(corpus, {"zz/one.md": ARTICLES["moon.md"], "zz/two.md": ARTICLES["wall.md"],
                          "zz-last.md": ARTICLES["moon.md"]})
    watcher = Inotify()
    watcher.watch(corpus, IN_OPEN)
    vanished = []

    def delete_once_reading_starts() -> None:
        # The reindex listed every file before it opens the first one; the last ones go now.
        if watcher.wait_for("a000.html", timeout=120):
            os.rename(corpus / "zz", tmp_path / "gone")
            (corpus / "zz-last.md").unlink()
            vanished.append(True)

    thread = threading.Thread(target=delete_once_reading_starts)
    thread.start()
    try:
        report = build_index(corpus, tmp_path / "index")
    finally:
        thread.join()
        watcher.close()
    assert vanished
    missing = "cannot read file: No such file or directory"
    assert reasons(report) == {"zz-last.md": missing, "zz/one.md": missing, "zz/two.md": missing}
    assert report.articles == 80 and len(indexed_ids(tmp_path / "index")) == 80


def test_files_and_folders_the_reindex_may_not_read_are_reported(corpus_dir, tmp_path):
    write_corpus(corpus_dir, {"locked.md": ARTICLES["moon.md"], "closed/inside.md": ARTICLES["wall.md"]})
    os.chmod(corpus_dir / "locked.md", 0o000)
    os.chmod(corpus_dir / "closed", 0o000)
    try:
        # As root, the subprocess drops the capabilities that let root read through permissions.
        result = archive("reindex", "--corpus", str(corpus_dir), "--index", str(tmp_path / "index"),
                         preexec_fn=obey_file_permissions)
    finally:
        os.chmod(corpus_dir / "locked.md", 0o644)
        os.chmod(corpus_dir / "closed", 0o755)
    assert result.returncode == 0, result.stderr
    assert "Skipped:\n  closed: cannot read file: Permission denied\n" \
           "  locked.md: cannot read file: Permission denied\n" in result.stdout, result.stdout
    assert indexed_ids(tmp_path / "index") == GOOD_IDS


def test_an_unreadable_corpus_folder_fails_the_reindex_instead_of_emptying_the_index(corpus_dir, index_dir):
    os.chmod(corpus_dir, 0o000)
    try:
        # The command refuses it before reading; build_index itself must refuse it too.
        refused = archive("reindex", "--corpus", str(corpus_dir), "--index", str(index_dir),
                          preexec_fn=obey_file_permissions)
        direct = run_code("import sys; from index.whoosh.writer import build_index; build_index(sys.argv[1], sys.argv[2])",
                          str(corpus_dir), str(index_dir), preexec_fn=obey_file_permissions)
    finally:
        os.chmod(corpus_dir, 0o755)
    assert refused.returncode == 2 and "is not readable" in refused.stderr and "Traceback" not in refused.stderr
    assert f"CorpusError: Cannot read corpus folder {corpus_dir}: Permission denied." in direct.stderr
    assert indexed_ids(index_dir) == GOOD_IDS


# Pieces that reach the corners of each reader: YAML anchors, aliases and tags, HTML
# declarations and unterminated constructs, JSON nesting, long runs of one character.
HOSTILE_PIECES = st.sampled_from([
    "---\n", "title: ", "&a ", "*a", "!!python/object:os.system ", "!!binary ", "? ", "{", "}", "[", "]",
    "<![", "<!--", "</", "<!DOCTYPE ", "<?xml ", "<script>", "</script>", "<title>", "</title>", "<div>", "&#x",
    "&amp", '{"title": "t", "body": ', '"', "\\u0000", "\u202e", "\u200b", "\ufeff", "In 2013, ", "\n", "\r",
])
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE_PIECES, st.builds(lambda c, n: c * n, HOSTILE_PIECES,
                                                             st.integers(1, 2000))), max_size=20).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["a.md", "a.txt", "a.html", "a.jsonl"]), text=HOSTILE_TEXT)
def test_parse_file_reads_or_reports_hostile_text(name, text):
    read = parse_file(name, text.encode("utf-8", "surrogatepass"))
    assert isinstance(read, FileRead)
    assert read.articles or read.problems
    for problem in read.problems:
        assert problem.path == name and problem.reason
