"""Time the server side of the search and timeline pages (Flask test client, no network).

Run by hand, never in the test suite:

    python bench/pages.py reuters        # builds the index once, then requests pages
    python bench/pages.py onthisday
    python bench/pages.py reuters --index DIR   # reuse an index built before

Prints the median and the 95th percentile over --runs requests of each page, and its HTML size.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reindex import SOURCES, percentiles, prepared_index  # noqa: E402
from webui import create_app  # noqa: E402

# The pages of issue 12 come first: their HTML size and server time are its targets.
PAGES = {
    "reuters": ["/", "/search?q=war", "/search?q=oil+prices", "/timeline", "/search?q=oil",
                "/search?q=oil+prices&year=1987", '/search?q="interest+rates"', "/timeline?q=oil",
                "/timeline?from=1980&to=1989"],
    "onthisday": ["/", "/search?q=war", "/search?q=oil+prices", "/timeline", "/timeline?from=1960&to=1969",
                  "/timeline?to=0", "/timeline?q=treaty"],
}


def measure(index_dir: Path, kind: str, runs: int) -> dict[str, dict]:
    """Request each page ``runs`` times after one warm-up; print and return p50/p95 in ms."""
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    figures = {}
    for path in PAGES[kind]:
        client.get(path)  # warm the caches once, as a running server has them
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        figures[path] = dict(percentiles(times), html_kb=round(len(response.data) / 1024, 1))
        print(f"{path:<36} p50 {figures[path]['p50_ms']:7.1f} ms  p95 {figures[path]['p95_ms']:7.1f} ms"
              f"  {figures[path]['html_kb']:6.1f} KB", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=SOURCES)
    parser.add_argument("--index", type=Path, help="An index built before (skips the build).")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with prepared_index(args.kind, args.index) as index_dir:
        measure(index_dir, args.kind, args.runs)

if __name__ == "__main__":
    main()
