"""Every benchmark in one run, against plain Whoosh and SQLite FTS5: a table, and JSON.

Run by hand, never in the test suite (about 25 minutes with --runs 3):

    .venv/bin/python bench/suite.py [--runs 3] [--corpus reuters onthisday] [--no-relevance]

For each corpus (converted from ../shared/corpora): full reindex through ``archive reindex``
(time, articles/s, peak memory of the command and its workers), one-article incremental
reindex, index size, the same build for both baselines in the same runs; then search
latency over 210 fixed queries on all three engines, timeline queries, the server time of
the search and timeline pages, the resident memory of ``archive serve`` after those pages,
and the cold start of ``archive search``. Then relevance on Cranfield. Figures are medians
of --runs runs; ratios compare medians of the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import baselines, pages, relevance, search, timeline  # noqa: E402
from bench.reindex import SOURCES, convert, touch_one_article  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
ARCHIVE = str(Path(sys.executable).with_name("archive"))


def timed_command(*arguments: str) -> tuple[float, float]:
    """Run an ``archive`` command; return its seconds and the peak memory (MiB) of its largest process."""
    started = time.perf_counter()
    process = subprocess.Popen([ARCHIVE, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        raise RuntimeError(f"archive {' '.join(arguments)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def folder_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def reindexes(corpus: Path, jsonl: Path, records: list[dict], scratch: Path, runs: int) -> dict:
    """Full and incremental reindexes of ours and the two baseline builds, interleaved per run."""
    ours, incremental, memory, whoosh, fts5 = [], [], [], [], []
    for run in range(runs):
        shutil.rmtree(scratch / "ours", ignore_errors=True)
        shutil.rmtree(scratch / "whoosh", ignore_errors=True)
        (scratch / "fts5.db").unlink(missing_ok=True)
        seconds, peak = timed_command("reindex", "--corpus", str(corpus), "--index", str(scratch / "ours"), "--full")
        ours.append(seconds)
        memory.append(peak)
        whoosh.append(baselines.build_plain_whoosh(records, scratch / "whoosh").seconds)
        fts5.append(baselines.build_fts5(records, scratch / "fts5.db").seconds)
        touch_one_article(jsonl, run)
        incremental.append(timed_command("reindex", "--corpus", str(corpus), "--index", str(scratch / "ours"))[0])
        print(f"run {run + 1}: ours {ours[-1]:.1f} s (peak {peak:.0f} MiB), incremental {incremental[-1]:.2f} s, "
              f"plain Whoosh {whoosh[-1]:.1f} s, FTS5 {fts5[-1]:.1f} s", flush=True)
    generation = scratch / "ours" / (scratch / "ours" / "CURRENT").read_text().strip()
    full = statistics.median(ours)
    return {
        "articles": len(records), "full_s": round(full, 2), "full_runs_s": [round(t, 2) for t in ours],
        "articles_per_s": round(len(records) / full, 1), "incremental_s": round(statistics.median(incremental), 2),
        "peak_mib": round(max(memory)), "index_mib": round(folder_mib(generation), 1),
        "whoosh_s": round(statistics.median(whoosh), 2), "fts5_s": round(statistics.median(fts5), 2),
        "ratio_to_whoosh": round(full / statistics.median(whoosh), 2),
        "ratio_to_fts5": round(full / statistics.median(fts5), 1),
    }


def serve_memory(index_dir: Path, kind: str, requests: int = 5, archive: str = ARCHIVE,
                 paths: list[str] | None = None, cwd: Path | None = None) -> dict:
    """Start ``archive serve``, request every benchmark page (or ``paths``) ``requests`` times,
    and read its resident memory. ``archive`` and ``cwd`` run another checkout's command."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([archive, "serve", "--index", str(index_dir), "--port", str(port)], cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(requests):
            for path in paths or pages.PAGES[kind]:
                urllib.request.urlopen(base + path, timeout=120).read()
        status = Path(f"/proc/{server.pid}/status").read_text().splitlines()
        kib = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
        return {"rss_mib": round(kib["VmRSS"] / 1024), "peak_rss_mib": round(kib["VmHWM"] / 1024)}
    finally:
        server.terminate()
        server.wait()


def cold_start(index_dir: Path, runs: int) -> float:
    """Median seconds of ``archive search oil`` as a new process, imports included."""
    return round(statistics.median(timed_command("search", "oil", "--index", str(index_dir))[0]
                                   for _ in range(runs)), 2)


def one_corpus(kind: str, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        corpus = scratch / "corpus"
        corpus.mkdir()
        jsonl = convert(kind, corpus)
        records = search.load_records(jsonl)
        print(f"\n== {kind}: {len(records)} articles", flush=True)
        figures = {"reindex": reindexes(corpus, jsonl, records, scratch, runs)}
        engines = search.Engines(scratch / "ours", scratch / "whoosh", scratch / "fts5.db")
        figures["search"] = search.measure(engines, search.make_queries(records), runs)
        engines.fts5.close()
        figures["timeline"] = timeline.measure(scratch / "ours", 20, kind)
        figures["pages"] = pages.measure(scratch / "ours", kind, 20)
        figures["serve"] = serve_memory(scratch / "ours", kind)
        figures["cold_start_s"] = cold_start(scratch / "ours", runs)
        return figures


def print_tables(results: dict) -> None:
    """Print the figures as Markdown tables, ready for bench/README.md."""
    corpora = [k for k in results if k != "cranfield"]
    print("\n| measure | " + " | ".join(corpora) + " |")
    print("|---|" + "---|" * len(corpora))
    rows = [
        ("full reindex", lambda f: f"{f['reindex']['full_s']:.1f} s ({f['reindex']['articles_per_s']:.0f} articles/s)"),
        ("plain Whoosh build / FTS5 build", lambda f: f"{f['reindex']['whoosh_s']:.1f} s / {f['reindex']['fts5_s']:.1f} s"),
        ("ours / plain Whoosh, ours / FTS5", lambda f: f"{f['reindex']['ratio_to_whoosh']}x, {f['reindex']['ratio_to_fts5']}x"),
        ("one-article incremental reindex", lambda f: f"{f['reindex']['incremental_s']:.2f} s"),
        ("index size; peak memory of reindex", lambda f: f"{f['reindex']['index_mib']:.0f} MiB; {f['reindex']['peak_mib']} MiB"),
        ("search p50 / p95: ours", lambda f: _latency(f, "ours")),
        ("search p50 / p95: plain Whoosh", lambda f: _latency(f, "whoosh")),
        ("search p50 / p95: FTS5", lambda f: _latency(f, "fts5")),
        ("ours / Whoosh, ours / FTS5 (p50)", lambda f: ", ".join(f"{r}x" for r in f["search"]["ratio_ours_to"].values())),
        ("search page p50 (worst of the pages)", lambda f: _page(f, "/search")),
        ("timeline page p50 (worst of the pages)", lambda f: _page(f, "/timeline")),
        ("timeline query p50 (worst)", lambda f: f"{max(t['p50_ms'] for t in f['timeline'].values()):.1f} ms"),
        ("archive serve resident memory (peak)", lambda f: f"{f['serve']['rss_mib']} MiB ({f['serve']['peak_rss_mib']} MiB)"),
        ("archive search cold start", lambda f: f"{f['cold_start_s']:.2f} s"),
    ]
    for label, cell in rows:
        print(f"| {label} | " + " | ".join(cell(results[k]) for k in corpora) + " |")
    if "cranfield" in results:
        print("\n| Cranfield, default settings | nDCG@10 | MAP | P@10 |\n|---|---|---|---|")
        for name, m in results["cranfield"]["results"].items():
            print(f"| {name} | {m['ndcg@10']:.3f} | {m['map']:.3f} | {m['p@10']:.3f} |")


def _latency(figures: dict, engine: str) -> str:
    latency = figures["search"]["latency"][engine]
    return f"{latency['p50_ms']:.1f} / {latency['p95_ms']:.1f} ms"


def _page(figures: dict, prefix: str) -> str:
    chosen = {path: f["p50_ms"] for path, f in figures["pages"].items() if path.startswith(prefix)}
    worst = max(chosen, key=chosen.get)
    return f"{chosen[worst]:.1f} ms (`{worst}`)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", nargs="+", choices=SOURCES, default=list(SOURCES))
    parser.add_argument("--no-relevance", action="store_true")
    parser.add_argument("--json-out", type=Path, default=RESULTS / "suite.json")
    args = parser.parse_args()
    results = {kind: one_corpus(kind, args.runs) for kind in args.corpus}
    if not args.no_relevance:
        results["cranfield"] = relevance.measure()
    print_tables(results)
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps({"runs": args.runs, "cpus": os.cpu_count(), **results}, indent=2) + "\n",
                             encoding="utf-8")
    print(f"\nwrote {args.json_out}")


if __name__ == "__main__":
    main()
