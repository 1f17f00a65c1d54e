"""What a full reindex holds after reading every corpus file, before it writes: run by hand.

    PYTHONPATH=. python -P bench/scan_memory.py ../notes/data/reuters-corpus
    PYTHONPATH=/tmp/main-code python -P bench/scan_memory.py /tmp/x10     # another source folder

Runs the pipeline's scan (``archive.reindex.Reindex._scan``) and its meta against an empty
index, then prints how many articles it would write, how many it would read again, its CPU
time, the size of the meta, the resident memory after the scan (held while the articles are
written) and the process's maximum resident memory (the meta's JSON text included).
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from archive import changes, corpus
from archive.reindex import Reindex


class _EmptyIndex:
    """The one thing a scan asks of the index: what it holds (nothing, as for a full reindex)."""

    def known_articles(self) -> dict[str, str]:
        return {}


def main() -> None:
    corpus_dir = Path(sys.argv[1])
    started = time.process_time()
    run = Reindex(corpus_dir, _EmptyIndex(), {})
    pending, _ = run._scan(corpus.corpus_files(corpus_dir))
    scanned = _resident_mib()
    meta = json.dumps(run.meta(0), sort_keys=True, separators=(",", ":"))
    to_write = changes.count(pending)
    print(f"{corpus_dir}: {to_write} to write, {to_write - sum(hasattr(a, 'body') for a in pending)} to read again; "
          f"scan {time.process_time() - started:.1f} CPU-s; meta {len(meta) / 2**20:.0f} MiB; "
          f"resident after the scan {scanned:.0f} MiB, "
          f"max resident {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def _resident_mib() -> float:
    """The process's resident memory now (what a reindex holds while it writes), from /proc."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


if __name__ == "__main__":
    main()
