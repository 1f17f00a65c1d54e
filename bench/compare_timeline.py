"""Full reindex, timeline queries and timeline pages of two checkouts, in one interleaved run.

Run by hand, never in the test suite:

    python bench/compare_timeline.py reuters ../notes/data/reuters-corpus /work/wt-old /work/wt-merge --runs 3
    python bench/compare_timeline.py onthisday ../notes/data/onthisday-corpus /work/wt-old /work/wt-merge --runs 3
    python bench/compare_timeline.py reuters CORPUS /work/main /work/wt-events --baseline /work/wt-old --runs 3

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
    parser.add_argument("--baseline", type=Path, help="a third checkout (an older commit), in the same runs")
    args = parser.parse_args()
    checkouts = {"old": args.old, "new": args.new, **({"baseline": args.baseline} if args.baseline else {})}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory(prefix="compare-timeline-") as scratch:
        for run in range(args.runs):
            names = list(checkouts)
            order = names[run % len(names):] + names[:run % len(names)]  # each goes first in turn
            for name in order:
                index = Path(scratch) / f"index-{name}"
                figures = run_checkout(checkouts[name].resolve(), args.kind, args.corpus.resolve(), index,
                                       args.queries)
                shutil.rmtree(index)
                results[name].append(figures)
                print(f"run {run + 1} {name}: " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()), flush=True)
    print(f"\nmedians of {args.runs} runs ({args.kind}): " + ", ".join(f"{n} {c}" for n, c in checkouts.items()))
    baseline = "| baseline | new/baseline " if args.baseline else ""
    print(f"| figure | old | new | new/old {baseline}|")
    for key in results["old"][0]:
        medians = {name: statistics.median(r[key] for r in rows if key in r)
                   for name, rows in results.items() if any(key in r for r in rows)}
        row = f"| {key} | {medians['old']:.1f} | {medians['new']:.1f} | {medians['new'] / medians['old']:.2f} |"
        if "baseline" in medians:
            row += f" {medians['baseline']:.1f} | {medians['new'] / medians['baseline']:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
