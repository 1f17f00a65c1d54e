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

--all-pages times the search pages too; --process adds the cold start of `archive search oil`
(median of 5) and the resident memory of `archive serve` after 5 requests of every page (as
bench/suite.py measures them); --keep DIR leaves the last run's indexes in DIR/index-NAME (for
compare_search.py --indexes); --index DIR times every checkout on one index built before,
with no reindex. The scripts are each checkout's own, so a checkout from before
the engine seam (21c2abf) runs as it is.
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import suite  # noqa: E402 - its way of measuring a server's memory

# What `archive serve` is asked in --process: bench/pages.py's pages before issue 12 added its own,
# the same for every checkout (so the memory compares like with like).
SERVE_PAGES = {
    "reuters": ["/search?q=oil", "/search?q=oil+prices&year=1987", "/search?q=%22interest+rates%22", "/search",
                "/timeline", "/timeline?q=oil", "/timeline?from=1980&to=1989"],
    "onthisday": ["/search?q=war", "/search", "/timeline", "/timeline?from=1960&to=1969", "/timeline?to=0",
                  "/timeline?q=treaty"],
}
_P50 = re.compile(r"^(?P<name>.+?)\s+(?:\d+ events\s+)?p50\s+(?P<ms>[\d.]+) ms")


def run_checkout(checkout: Path, kind: str, corpus: Path, index: Path, runs: int, all_pages: bool = False,
                 process: bool = False, build: bool = True) -> dict[str, float]:
    """Build the index with the checkout's code (if ``build``) and time its queries; return seconds and p50s in ms."""
    python = str(checkout / ".venv" / "bin" / "python")
    figures = {}
    if build:
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
            if (match := _P50.match(line)) and (script == "timeline.py" or all_pages or "/timeline" in match["name"]):
                figures[f"{label} {match['name'].strip()} p50 (ms)"] = float(match["ms"])
    if process:
        archive = str(checkout / ".venv" / "bin" / "archive")
        figures["`archive search oil` cold start (s)"] = statistics.median(
            _seconds([archive, "search", "oil", "--index", str(index)], checkout) for _ in range(5))
        figures["`archive serve` resident memory (MiB)"] = suite.serve_memory(
            index, kind, archive=archive, paths=SERVE_PAGES[kind], cwd=checkout)["rss_mib"]
    return figures


def _seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["reuters", "onthisday"])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=10, help="timings per query or page in each run")
    parser.add_argument("--baseline", type=Path, help="a third checkout (an older commit), in the same runs")
    parser.add_argument("--all-pages", action="store_true", help="the search pages too, not only /timeline")
    parser.add_argument("--process", action="store_true", help="cold start of `archive search`, `archive serve` memory")
    parser.add_argument("--keep", type=Path, help="leave the last run's indexes in KEEP/index-NAME")
    parser.add_argument("--index", type=Path, help="time every checkout on this one index, built before in a format "
                        "all of them read (so only the code differs); no reindex")
    args = parser.parse_args()
    checkouts = {"old": args.old, "new": args.new, **({"baseline": args.baseline} if args.baseline else {})}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory(prefix="compare-timeline-") as scratch:
        for run in range(args.runs):
            names = list(checkouts)
            order = names[run % len(names):] + names[:run % len(names)]  # each goes first in turn
            for name in order:
                index = args.index.resolve() if args.index else Path(scratch) / f"index-{name}"
                figures = run_checkout(checkouts[name].resolve(), args.kind, args.corpus.resolve(), index,
                                       args.queries, args.all_pages, args.process, build=not args.index)
                if args.keep and not args.index and run == args.runs - 1:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.rmtree(args.keep / index.name, ignore_errors=True)
                    shutil.move(index, args.keep / index.name)
                elif not args.index:
                    shutil.rmtree(index)
                results[name].append(figures)
                print(f"run {run + 1} {name}: " + ", ".join(f"{k} {v:.1f}" for k, v in figures.items()), flush=True)
    print(f"\nmedians of {args.runs} runs ({args.kind}): " + ", ".join(f"{n} {c}" for n, c in checkouts.items()))
    baseline = "| baseline | new/baseline " if args.baseline else ""
    print(f"| figure | old | new | new/old {baseline}|")
    keys = dict.fromkeys(key for rows in results.values() for r in rows for key in r)  # a page one checkout lacks: -
    for key in keys:
        medians = {name: statistics.median(r[key] for r in rows if key in r)
                   for name, rows in results.items() if any(key in r for r in rows)}
        row = f"| {key} | {_cell(medians, 'old')} | {_cell(medians, 'new', 'old')} |"
        if args.baseline:
            row += f" {_cell(medians, 'baseline', 'new')} |"
        print(row)


def _cell(medians: dict[str, float], name: str, over: str | None = None) -> str:
    """A median, and with ``over`` the cell "new | new/old"; - where a checkout lacks the figure."""
    value = f"{medians[name]:.1f}" if name in medians else "-"
    if over is None:
        return value
    if name == "baseline":  # the baseline's column, then new over it
        ratio = f"{medians['new'] / medians[name]:.2f}" if {"new", name} <= medians.keys() else "-"
        return f"{value} | {ratio}"
    ratio = f"{medians[name] / medians[over]:.2f}" if {name, over} <= medians.keys() else "-"
    return f"{value} | {ratio}"


if __name__ == "__main__":
    main()
