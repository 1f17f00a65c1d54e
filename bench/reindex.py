"""Time a full and a one-article incremental reindex of a converted corpus.

Run by hand, never in the test suite:

    python bench/reindex.py reuters      # ../shared/corpora/reuters21578
    python bench/reindex.py onthisday    # ../shared/corpora/wiki-onthisday

Each timing runs `archive reindex` as a subprocess, so command start-up is included.
Prints one line per run and the median of --runs runs.
"""
from __future__ import annotations

import argparse
import json
import resource
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


def reindex(corpus: Path, index: Path, *extra: str) -> float:
    archive = Path(sys.executable).with_name("archive")
    started = time.perf_counter()
    subprocess.run([str(archive), "reindex", "--corpus", str(corpus), "--index", str(index), *extra],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        jsonl = convert(args.kind, corpus)
        full, incremental, sizes = [], [], []
        for run in range(args.runs):
            index = Path(scratch) / f"index-{run}"
            full.append(reindex(corpus, index, "--full"))
            touch_one_article(jsonl, run)
            incremental.append(reindex(corpus, index))
            current = index / (index / "CURRENT").read_text().strip()
            sizes.append(sum(f.stat().st_size for f in current.iterdir()) / 2**20)
            print(f"run {run + 1}: full {full[-1]:.2f} s, one-article incremental {incremental[-1]:.2f} s, "
                  f"index {sizes[-1]:.1f} MiB", flush=True)
            shutil.rmtree(index)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"median: full {statistics.median(full):.2f} s, incremental {statistics.median(incremental):.2f} s, "
              f"peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
