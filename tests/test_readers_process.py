"""A reader in another process, searching and paging the timeline, during full and incremental reindexes.

tests/test_concurrency.py has readers in threads of the reindexing process; here the reader
is a process of its own (tests/reader_process.py), as `archive serve` is beside `archive
reindex`. Every answer must belong to one committed state, and not one may fail.
"""
from __future__ import annotations

import json
import subprocess

from index.whoosh.writer import build_index
from tests.corpus_states import apply_state, other, state_of
from tests.procs import TIMEOUT, kill_session, start_python

KINDS = (False, True, False, True)  # full?: incremental and full reindexes, in turn


def test_a_reader_process_sees_one_whole_state_in_every_answer(tmp_path, record_figure):
    corpus, index_dir, stop = tmp_path / "corpus", tmp_path / "index", tmp_path / "stop"
    apply_state(corpus, "alpha")
    build_index(corpus, index_dir)
    reader = start_python("tests.reader_process", str(index_dir), str(stop),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = json.loads(reader.stdout.readline())  # the reader is answering before the reindexes start
        state = "alpha"
        for full in KINDS:
            state = other(state)
            apply_state(corpus, state)
            build_index(corpus, index_dir, full=full)
        stop.touch()
        output, errors = reader.communicate(timeout=TIMEOUT)
    finally:
        kill_session(reader)
    answers = [first] + [json.loads(line) for line in output.splitlines()]
    failures = [a for a in answers if "error" in a]
    assert reader.returncode == 0 and not errors, errors
    assert failures == [], failures[:5]
    assert {a["state"] for a in answers} == {"alpha", "beta"}  # it read before and after switches
    assert state_of(index_dir) == state
    record_figure(f"reader process during {len(KINDS)} reindexes (incremental and full in turn): "
                  f"{len(answers)} answers, {len(failures)} errors")
