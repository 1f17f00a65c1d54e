"""Where each process of a reindex spends its time: on a core, waiting for one, or asleep.

Run by hand, never in the test suite:

    python bench/processes.py CORPUS [--code FOLDER] [--full]

Starts `archive reindex` (of the source folder FOLDER, when given) on a fresh index and reads
/proc/<pid>/schedstat of it and of every process it starts, ten times a second. A process
asleep while the others run is waiting on the pipeline (for work, or for a pipe to drain);
one waiting for a core is not. On a shared machine the waits for a core include the other
work; read the sleeps.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _sample(pid: int) -> tuple[float, float] | None:
    """Seconds on a core and seconds waiting for one, of every thread of ``pid``."""
    try:
        run = wait = 0
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                on_core, queued, _ = handle.read().split()
            run, wait = run + int(on_core), wait + int(queued)
        return run / 1e9, wait / 1e9
    except (OSError, ValueError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--code", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.code:
            command = [sys.executable, "-P", "-c", "from archive.cli import cli; cli()"]
            env = {**os.environ, "PYTHONPATH": str(args.code)}
        else:
            command, env = [str(Path(sys.executable).with_name("archive"))], None
        started = time.perf_counter()
        process = subprocess.Popen([*command, "reindex", "--full", "--corpus", str(args.corpus), "--index",
                                    str(Path(scratch) / "index")], stdout=subprocess.DEVNULL, env=env)
        seen: dict[int, dict] = {}
        while process.poll() is None:
            now = time.perf_counter() - started
            stack = [process.pid]
            while stack:
                pid = stack.pop()
                stack += _children(pid)
                sample = _sample(pid)
                if sample is None:
                    continue
                entry = seen.setdefault(pid, {"first": now, "parent": pid == process.pid})
                entry["last"], (entry["run"], entry["wait"]) = now, sample
            time.sleep(0.1)
        wall = time.perf_counter() - started
    print(f"wall {wall:.1f} s")
    print(f"{'process':<10} {'alive s':>8} {'on core s':>10} {'queued s':>9} {'asleep s':>9}")
    for pid, entry in sorted(seen.items(), key=lambda item: item[1]["first"]):
        alive = entry["last"] - entry["first"]
        name = "main" if entry["parent"] else str(pid)
        print(f"{name:<10} {alive:8.1f} {entry['run']:10.1f} {entry['wait']:9.1f} "
              f"{max(0.0, alive - entry['run'] - entry['wait']):9.1f}")


if __name__ == "__main__":
    main()
