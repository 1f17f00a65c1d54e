"""Full reindex, timeline queries and timeline pages of two checkouts, in one interleaved run.

Run by hand, never in the test suite:

    python bench/compare_timeline.py reuters ../notes/data/reuters-corpus /work/wt-old /work/wt-merge --runs 3
    python bench/compare_timeline.py onthisday ../notes/data/onthisday-corpus /work/wt-old /work/wt-merge --runs 3

Each checkout runs with its own virtual environment (CHECKOUT/.venv). In every run, each
checkout builds a full index of the corpus with `archive reindex --full` (timed as a
subprocess, start-up included; its CPU time and the peak memory of its largest process from
GNU time), then times its own bench/timeline.py (the function behind
`archive timeline`) and bench/pages.py (the `/timeline` pages) on that index; the checkout
that goes first alternates, so a machine busy with other work slows both alike. Prints each
run, then the median over the runs of every figure and the ratio new/old.
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

_P50 = re.compile(r"^(?P<name>.+?)\s+(?:\d+ events\s+)?p50\s+(?P<ms>[\d.]+) ms")


def run_checkout(checkout: Path, kind: str, corpus: Path, index: Path, runs: int) -> dict[str, float]:
    """Build the index with the checkout's code and time its queries; return seconds and p50s in ms."""
    python = str(checkout / ".venv" / "bin" / "python")
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("r") as usage:  # GNU time: CPU of the process and its children, peak RSS
        subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", usage.name, python, "-c",
                        "from archive.cli import cli; cli()", "reindex", "--corpus", str(corpus),
                        "--index", str(index), "--full"], cwd=checkout, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        user, system, peak_kb = usage.read().split()[-3:]
    figures = {"full reindex (s)": time.perf_counter() - started, "reindex CPU (s)": float(user) + float(system),
               "reindex peak RSS (MiB)": int(peak_kb) / 1024}
    for script, extra, label in (("timeline.py", ["--kind", kind], "timeline()"), ("pages.py", [kind], "page")):
        output = subprocess.run([python, f"bench/{script}", *extra, "--index", str(index), "--runs", str(runs)],
                                cwd=checkout, check=True, capture_output=True, text=True).stdout
        for line in output.splitlines():
            if (match := _P50.match(line)) and (script == "timeline.py" or "/timeline" in match["name"]):
                figures[f"{label} {match['name'].strip()} p50 (ms)"] = float(match["ms"])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["reuters", "onthisday"])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=10, help="timings per query or page in each run")
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="compare-timeline-") as scratch:
        for run in range(args.runs):
            order = ["old", "new"] if run % 2 == 0 else ["new", "old"]
            for name in order:
                index = Path(scratch) / f"index-{name}"
                figures = run_checkout(getattr(args, name).resolve(), args.kind, args.corpus.resolve(), index,
                                       args.queries)
                shutil.rmtree(index)
                results[name].append(figures)
                print(f"run {run + 1} {name}: " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()), flush=True)
    print(f"\nmedians of {args.runs} runs ({args.kind}): old {args.old}, new {args.new}")
    for key in results["old"][0]:
        old = statistics.median(r[key] for r in results["old"])
        new = statistics.median(r[key] for r in results["new"] if key in r)
        print(f"| {key} | {old:.1f} | {new:.1f} | {new / old:.2f} |")


if __name__ == "__main__":
    main()
