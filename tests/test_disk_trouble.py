"""A reindex that cannot write keeps the previous index whole and says what happened.

Real trouble, no mocks: `archive reindex` runs in a subprocess whose files may not grow past
64 KB (RLIMIT_FSIZE: writes then fail with EFBIG, "File too large", as on a full disk), or
whose index folder turns read-only just after it starts writing a generation. Each time the
command must exit with status 1 and end with one sentence on stderr (no traceback), CURRENT
must not change, searches must still find the old articles, and the next reindex must succeed.
"""
from __future__ import annotations

import os
import resource
import signal
import threading

import pytest

from index.whoosh import searcher, store
from tests.conftest import write_corpus
from tests.inotify import IN_CREATE, Inotify
from tests.load import varied_articles
from tests.procs import archive, obey_file_permissions

OLD_IDS = ["moon", "nested/robots", "wall"]
FILE_SIZE_LIMIT = 64 * 1024


def limited_file_size() -> None:
    """``preexec_fn``: writes past FILE_SIZE_LIMIT fail with EFBIG instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))


def reindex(corpus, index_dir, *extra: str, **options):
    return archive("reindex", "--corpus", str(corpus), "--index", str(index_dir), *extra, **options)


def assert_old_index_intact(index_dir, pointer: str) -> None:
    assert (index_dir / store.POINTER).read_text(encoding="utf-8") == pointer
    assert sorted(hit.id for hit in searcher.search(index_dir, "", page_size=100).hits) == OLD_IDS


def assert_refused(result, index_dir, reason: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.strip().splitlines()[-1] == (f"Error: Could not write the index in {index_dir}: "
                                                      f"{reason}. The previous index is unchanged."), result.stderr


@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full"])
def test_a_full_disk_leaves_the_previous_index_searchable(corpus_dir, index_dir, full):
    pointer = (index_dir / store.POINTER).read_text(encoding="utf-8")
    write_corpus(corpus_dir, varied_articles(300))  # segments far above the limit
    extra = ["--full"] if full else []
    result = reindex(corpus_dir, index_dir, *extra, preexec_fn=limited_file_size)
    assert_refused(result, index_dir, "File too large")  # the last line; see the test below for the rest
    assert_old_index_intact(index_dir, pointer)
    assert [p.name for p in index_dir.iterdir() if p.name.startswith(store.PREFIX)] == [pointer.strip()]
    repaired = reindex(corpus_dir, index_dir, *extra)
    assert repaired.returncode == 0 and "303 articles" in repaired.stdout, repaired.stderr


def test_a_full_disk_prints_one_sentence_and_no_traceback(corpus_dir, index_dir):
    write_corpus(corpus_dir, varied_articles(300))
    result = reindex(corpus_dir, index_dir, preexec_fn=limited_file_size)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert_refused(result, index_dir, "File too large")


def test_an_index_folder_made_read_only_mid_reindex_leaves_the_previous_index(corpus_dir, index_dir):
    pointer = (index_dir / store.POINTER).read_text(encoding="utf-8")
    next_generation = f"{store.PREFIX}{int(pointer.strip()[len(store.PREFIX):]) + 1:06d}"
    write_corpus(corpus_dir, varied_articles(300))
    watcher = Inotify()
    watcher.watch(index_dir, IN_CREATE)
    made_read_only = []

    def make_read_only_once_writing_starts() -> None:
        if watcher.wait_for(next_generation, timeout=120):
            for folder in (index_dir / next_generation, index_dir):
                os.chmod(folder, 0o555)
            made_read_only.append(True)

    thread = threading.Thread(target=make_read_only_once_writing_starts)
    thread.start()
    try:
        # obey_file_permissions: as root the reindex would write through the permission bits.
        result = reindex(corpus_dir, index_dir, preexec_fn=obey_file_permissions)
    finally:
        thread.join()
        watcher.close()
        for folder in (index_dir, index_dir / next_generation):
            if folder.exists():
                os.chmod(folder, 0o755)
    assert made_read_only
    assert_refused(result, index_dir, "Permission denied")
    assert "Traceback" not in result.stderr, result.stderr
    assert_old_index_intact(index_dir, pointer)
    repaired = reindex(corpus_dir, index_dir)
    assert repaired.returncode == 0 and "303 articles" in repaired.stdout, repaired.stderr
    assert len([p for p in index_dir.iterdir() if p.name.startswith(store.PREFIX)]) <= 2  # the partial one is gone


def test_a_read_only_index_folder_is_refused_before_anything_is_written(corpus_dir, index_dir):
    pointer = (index_dir / store.POINTER).read_text(encoding="utf-8")
    os.chmod(index_dir, 0o555)
    try:
        result = archive("reindex", "--corpus", str(corpus_dir), "--index", str(index_dir), "--full",
                         preexec_fn=obey_file_permissions)
    finally:
        os.chmod(index_dir, 0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Permission denied" in result.stderr and str(index_dir) in result.stderr, result.stderr
    assert_old_index_intact(index_dir, pointer)
