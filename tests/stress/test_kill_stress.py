"""Stress: 200 more SIGKILLs of `archive reindex` (100 incremental, 100 full), other moments.

Not part of the default run. Start it with

    .venv/bin/pytest -p no:cacheprovider tests/stress/test_kill_stress.py
"""
from __future__ import annotations

import random

import pytest

from tests.test_kill_random import SEED, kill_reindexes

KILLS = 100


@pytest.mark.parametrize("full", [False, True], ids=[f"incremental-{KILLS}-kills", f"full-{KILLS}-kills"])
def test_many_more_kills(tmp_path, full, record_figure):
    kills, completed = kill_reindexes(tmp_path, full, KILLS, random.Random(SEED * 7 + full))
    record_figure(f"stress: reindex {'--full' if full else '(incremental)'}: {kills} SIGKILLs survived, "
                  f"{completed} runs finished before their kill")
