"""Profile whole-range timeline() calls on an index: where a timeline query spends its time.

Run by hand, never in the test suite:

    python bench/timeline_profile.py /tmp/reuters-idx
"""
from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.whoosh.timeline import timeline  # noqa: E402


def main(index: Path) -> None:
    timeline(index)  # warm the cached columns, as a running server has them
    for options in ({}, {"q": "oil"}):
        started = time.perf_counter()
        timeline(index, **options)
        print(options or "whole range", f"{(time.perf_counter() - started) * 1000:.0f} ms")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(3):
        timeline(index)
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(22)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
