"""Time a full and a one-article incremental reindex of a converted corpus.

Run by hand, never in the test suite:

    python bench/reindex.py reuters      # ../shared/corpora/reuters21578
    python bench/reindex.py onthisday    # ../shared/corpora/wiki-onthisday
    python bench/reindex.py reuters --jsonl ../notes/data/reuters.jsonl --plain --code /tmp/before
    python bench/reindex.py reuters --jsonl /tmp/x10/reuters-x10.jsonl   # see bench/multiply.py

Each timing runs `archive reindex` as a subprocess, so command start-up is included.
Prints one line per run and the median of --runs runs. --jsonl takes an existing JSON Lines
file instead of converting; --plain also times the plain single-writer Whoosh build of the
same records in each run (bench/baselines.py) and prints the ratio of the medians; --code
also times the archive of another source folder (say, an export of main) in the same runs.
"""
from __future__ import annotations

import argparse
import json
import resource
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SOURCES = {"reuters": "reuters21578", "onthisday": "wiki-onthisday"}


def convert(kind: str, folder: Path) -> Path:
    """Write the corpus as JSON Lines with the shared converter."""
    target = folder / f"{kind}.jsonl"
    with open(target, "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(SHARED / "tools" / "corpus_convert.py"), kind,
                        str(SHARED / "corpora" / SOURCES[kind])], stdout=out, stderr=subprocess.DEVNULL, check=True)
    return target


def percentiles(times: list[float]) -> dict[str, float]:
    """Median and 95th percentile of times in ms."""
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2)}


@contextmanager
def prepared_index(kind: str, index: Path | None) -> Iterator[Path]:
    """Yield ``index`` when given, else an index of the converted corpus built in a temporary folder."""
    if index:
        yield index
        return
    from index.whoosh.writer import build_index  # imported here: the reindex script itself only runs the command

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        convert(kind, corpus)
        started = time.perf_counter()
        report = build_index(corpus, Path(scratch) / "index")
        print(f"full reindex: {time.perf_counter() - started:.1f} s, {report.articles} articles, "
              f"{report.events} events", flush=True)
        yield Path(scratch) / "index"


def reindex(corpus: Path, index: Path, *extra: str, code: Path | None = None) -> tuple[float, float, float]:
    """Run ``archive reindex`` (of the source folder ``code``, when given); return seconds, peak MiB, CPU seconds."""
    if code is None:
        command, env = [str(Path(sys.executable).with_name("archive"))], None
    else:
        # -P: "-c" would put the current folder first on the path, and run the checkout's code
        # instead of ``code`` whenever the benchmark is started from the checkout.
        command = [sys.executable, "-P", "-c", "from archive.cli import cli; cli()"]
        env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    process = subprocess.Popen([*command, "reindex", "--corpus", str(corpus), "--index", str(index), *extra],
                               stdout=subprocess.DEVNULL, env=env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise RuntimeError(f"archive reindex failed with status {status}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, once reaped
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, cpu


def touch_one_article(jsonl: Path, run: int) -> None:
    """Change the body of the first record, as an edit to one article would."""
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    record["body"] += f"\nEdited in benchmark run {run}."
    lines[0] = json.dumps(record)
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=SOURCES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jsonl", type=Path, help="index this JSON Lines file instead of converting the corpus")
    parser.add_argument("--plain", action="store_true", help="also time the plain single-writer Whoosh build")
    parser.add_argument("--code", type=Path, help="also time the archive of this source folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        if args.jsonl:
            jsonl = corpus / args.jsonl.name
            shutil.copyfile(args.jsonl, jsonl)
        else:
            jsonl = convert(args.kind, corpus)
        records = None
        if args.plain:
            from bench import baselines
            from bench.search import load_records

            records = load_records(jsonl)
        codes = {"ours": None, **({"other": args.code} if args.code else {})}
        figures = {name: {"full": [], "cpu": [], "incremental": [], "peak": [], "size": []} for name in codes}
        plain: list[float] = []
        plain_cpu: list[float] = []
        for run in range(args.runs):
            line = [f"run {run + 1}:"]
            for name, code in codes.items():
                index = Path(scratch) / f"index-{name}"
                full, peak, cpu = reindex(corpus, index, "--full", code=code)
                touch_one_article(jsonl, run * 10 + len(line))
                incremental, _, _ = reindex(corpus, index, code=code)
                current = index / (index / "CURRENT").read_text().strip()
                size = sum(f.stat().st_size for f in current.iterdir()) / 2**20
                for key, value in (("full", full), ("cpu", cpu), ("incremental", incremental), ("peak", peak),
                                   ("size", size)):
                    figures[name][key].append(value)
                line.append(f"{name} full {full:.2f} s ({cpu:.0f} CPU-s, peak {peak:.0f} MiB), one-article incremental "
                            f"{incremental:.2f} s, index {size:.1f} MiB;")
                shutil.rmtree(index)
            if records is not None:
                cpu_before = time.process_time()
                plain.append(baselines.build_plain_whoosh(records, Path(scratch) / "plain").seconds)
                plain_cpu.append(time.process_time() - cpu_before)
                shutil.rmtree(Path(scratch) / "plain")
                line.append(f"plain Whoosh {plain[-1]:.2f} s ({plain_cpu[-1]:.0f} CPU-s)")
            print(" ".join(line), flush=True)
        for name, figure in figures.items():
            median, cpu = statistics.median(figure["full"]), statistics.median(figure["cpu"])
            ratio = (f", {median / statistics.median(plain):.2f}x the plain Whoosh build "
                     f"({cpu / statistics.median(plain_cpu):.2f}x its CPU)") if plain else ""
            print(f"median {name}: full {median:.2f} s ({cpu:.0f} CPU-s){ratio}, incremental {statistics.median(figure['incremental']):.2f} s, "
                  f"peak memory {max(figure['peak']):.0f} MiB")
        if plain:
            print(f"median plain Whoosh build: {statistics.median(plain):.2f} s ({statistics.median(plain_cpu):.0f} CPU-s)")


if __name__ == "__main__":
    main()
