"""SIGKILL `archive reindex` at random moments: the index stays whole, the lock never goes stale.

Each test first times one reindex that runs to its end, then kills reindexes of the same
kind at moments spread over that whole duration (start-up, reading, tagging in worker
processes, writing, publishing). After every kill the published index must open, answer a
search and hold exactly the state before or the state after; the lock must be free at once;
and the last reindex, left to finish, must repair everything. The seed is fixed, so a
failure replays with the same moments.
"""
from __future__ import annotations

import random
import signal
import subprocess
import time

import pytest

from index.whoosh import store
from tests.corpus_states import apply_state, other, state_of
from tests.procs import TIMEOUT, archive, kill_session, start_archive, start_code

SEED = 20261125
KILLS = 25  # per test: 50 in the default run


def reindex_args(corpus, index_dir, full: bool) -> list[str]:
    return ["reindex", "--corpus", str(corpus), "--index", str(index_dir), *(["--full"] if full else [])]


@pytest.mark.parametrize("full", [False, True], ids=[f"incremental-{KILLS}-kills", f"full-{KILLS}-kills"])
def test_a_reindex_killed_at_any_moment_leaves_one_whole_state(tmp_path, full, record_figure):
    kills, completed = kill_reindexes(tmp_path, full, KILLS, random.Random(SEED + full))
    record_figure(f"reindex {'--full' if full else '(incremental)'}: {kills} SIGKILLs survived, "
                  f"{completed} runs finished before their kill")


def kill_reindexes(tmp_path, full: bool, count: int, rng: random.Random) -> tuple[int, int]:
    """Kill ``count`` reindexes at moments drawn by ``rng``; return the kills and the runs that finished."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    args = reindex_args(corpus, index_dir, full)
    apply_state(corpus, "alpha")
    assert archive(*args).returncode == 0
    apply_state(corpus, "beta")
    started = time.monotonic()
    finished = archive(*args)
    duration = time.monotonic() - started  # the whole run: interpreter start to exit
    assert finished.returncode == 0 and state_of(index_dir) == "beta", finished.stderr

    # One moment in each of ``count`` equal slices of the duration, in random order.
    moments = [duration * (slot + rng.random()) / count for slot in range(count)]
    rng.shuffle(moments)
    kills = completed = 0
    while kills < count:
        assert kills + completed < 3 * count, "the reindexes finish before they can be killed"
        moment = moments.pop() if moments else rng.uniform(0, duration)
        before = state_of(index_dir)
        target = other(before)
        apply_state(corpus, target)
        process = start_archive(*args)
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)  # the reindex process alone, as `kill -9 PID` does
            process.wait(timeout=TIMEOUT)
            kills += 1
            # The lock must be free now, while any worker it forked may still be finishing.
            with store.reindex_lock(index_dir):
                pass
        else:
            assert process.returncode == 0, f"a reindex after a kill failed (exit {process.returncode})"
            completed += 1
        kill_session(process)  # then end its orphaned workers, if any
        assert state_of(index_dir) in (before, target), f"kill {kills} at {moment:.3f} s"

    repaired = archive(*args)
    assert repaired.returncode == 0, repaired.stderr
    assert state_of(index_dir) == target
    generations = [p.name for p in index_dir.iterdir() if p.name.startswith(store.PREFIX)]
    assert len(generations) <= 2, generations  # abandoned generations are cleaned up
    return kills, completed


LOCK_HOLDER = """
import os, sys, time
from index.whoosh import store
with store.reindex_lock(sys.argv[1]):
    child = os.fork() if sys.argv[2] == "fork" else 0
    if child == 0 and sys.argv[2] == "fork":
        time.sleep(300)  # a date-tagging worker still busy when its reindex dies
        os._exit(0)
    print(child, flush=True)
    time.sleep(300)
"""


@pytest.mark.parametrize("fork", [False, True], ids=["lock-holder-killed", "lock-holder-killed-its-child-alive"])
def test_a_lock_file_left_by_a_killed_process_does_not_block_the_next_reindex(corpus_dir, tmp_path, fork):
    index_dir = tmp_path / "index"
    holder = start_code(LOCK_HOLDER, str(index_dir), "fork" if fork else "alone", stdout=subprocess.PIPE, text=True)
    try:
        child = int(holder.stdout.readline())
        refused = archive("reindex", "--corpus", str(corpus_dir), "--index", str(index_dir))
        assert refused.returncode == 1 and "Another reindex is writing to" in refused.stderr
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=TIMEOUT)
        assert (index_dir / store.LOCK).exists()
        if fork:
            assert _alive(child)  # the forked child outlives its parent, as pool workers can
        done = archive("reindex", "--corpus", str(corpus_dir), "--index", str(index_dir))
        assert done.returncode == 0, done.stderr
        assert "3 articles" in done.stdout
    finally:
        kill_session(holder)
        holder.stdout.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[1][0] != "Z"  # not a zombie
    except FileNotFoundError:
        return False
