"""Time a one-article incremental reindex, command start included, for two versions of the code: run by hand.

    git archive main | tar -x -C /tmp/main-code
    python bench/one_article.py --corpus /tmp/reuters-md --edit reuters-1.md \
        --code /tmp/main-code /tmp/main-index --code . /tmp/this-index --runs 3

Each --code names a source folder and an index that code built of the corpus (a full reindex
first). Each run edits one article (the first record of a .jsonl file, or a Markdown file's
last line), waits until the edit is older than the scan's 2 s window (archive/changes.py,
RECENT_NS), then times ``python -P -c "from archive.cli import cli; cli()" reindex`` with
PYTHONPATH set to each folder in turn, the order alternating from run to run, so that both see
the same machine. Prints the CPU seconds (user + system of the child) and the wall time of each
run and their medians. Compile both folders first (``python -m compileall``): with
PYTHONDONTWRITEBYTECODE set, a command would otherwise compile its sources at every start.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMAND = "from archive.cli import cli; cli()"


def edit(path: Path, run: int) -> None:
    """Change one article of ``path``: the first record's body, or the file's last line."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as handle:
            first, rest = handle.readline(), handle.read()
        record = json.loads(first)
        record["body"] = record["body"].split("\n[edit")[0] + f"\n[edit {run} {time.time()}]"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n" + rest, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8").split("\n[edit")[0]
        path.write_text(text + f"\n[edit {run} {time.time()}]\n", encoding="utf-8")


def timed(code: str, corpus: Path, index: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-P", "-c", COMMAND, "reindex", "--corpus", str(corpus), "--index", str(index)],
                          env=dict(os.environ, PYTHONPATH=code), capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall, next((line.strip() for line in done.stdout.splitlines() if "updated" in line), "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--edit", required=True, help="the file to edit, below the corpus folder")
    parser.add_argument("--code", nargs=2, action="append", metavar=("FOLDER", "INDEX"), required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {code: [] for code, _ in args.code}
    for run in range(args.runs):
        edit(args.corpus / args.edit, run)
        time.sleep(2.5)
        order = args.code if run % 2 == 0 else list(reversed(args.code))
        for code, index in order:
            cpu, wall, summary = timed(code, args.corpus, Path(index))
            results[code].append((cpu, wall))
            print(f"run {run + 1} {code}: {cpu:.2f} CPU-s, {wall:.2f} s wall, load {os.getloadavg()[0]:.1f} ({summary})")
    for code, timings in results.items():
        cpus, walls = zip(*timings)
        print(f"{code}: median {statistics.median(cpus):.2f} CPU-s, {statistics.median(walls):.2f} s wall")


if __name__ == "__main__":
    main()
