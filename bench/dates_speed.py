"""Compare the date tagger's time per article at two commits, in one run, on Reuters-21578.

Run by hand, never in the test suite:

    .venv/bin/python bench/dates_speed.py /tmp/reuters.jsonl --old c4a6ac6 [--passes 5] [--limit 6000]

The old commit's ``archive`` package is exported to a temporary folder; each pass then times
``date_article`` (what a reindex does per article: title and body) over the same articles in a
fresh process, alternating old and new so that a busy machine slows both alike; the time is the
process's CPU time, which a shared machine disturbs far less than the wall clock. Prints the median
and the best pass of each, in ms per article, and the new/old ratio of the medians.

``--linear`` instead times one long article made of 1, 2, 4 and 8 copies of Reuters bodies, to
show that dating stays linear in an article's length.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TIMER = r"""
import json, sys, time
from datetime import date
from archive.events import date_article
from archive.models import Article
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")][:int(sys.argv[2])]
articles = [Article(id=r["id"], title=r.get("title") or "", body=r.get("body") or "", path=r["id"],
                    published=date.fromisoformat(r["date"][:10]) if r.get("date") else None) for r in records]
articles = [a for a in articles if a.body.strip() or a.title.strip()]
started = time.process_time()
for article in articles:
    date_article(article)
print(json.dumps({"seconds": time.process_time() - started, "articles": len(articles)}))
"""
_LINEAR = r"""
import json, sys, time
from datetime import date
from archive.dates import tag_dates
bodies = [json.loads(line).get("body") or "" for line in open(sys.argv[1], encoding="utf-8")][:200]
chunk = "\n\n".join(bodies)
for copies in (1, 2, 4, 8):
    text = "\n\n".join([chunk] * copies)
    started = time.process_time()
    tag_dates(text, date(1987, 6, 1))
    print(json.dumps({"chars": len(text), "seconds": time.process_time() - started}))
"""


def _run(code: str, source: Path, *args: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=source, capture_output=True, text=True,
                            check=True, env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"})
    return [json.loads(line) for line in result.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--old", default="c4a6ac6", help="commit to compare with (default: before issue 10)")
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=6000, help="first N records of the corpus")
    parser.add_argument("--linear", action="store_true")
    args = parser.parse_args()
    jsonl = args.jsonl.resolve()
    if args.linear:
        for row in _run(_LINEAR, ROOT, str(jsonl)):
            print(f"{row['chars']:>10} chars  {row['seconds'] * 1000:8.1f} ms  {row['seconds'] / row['chars'] * 1e6:6.2f} us/char")
        return
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.old, "archive"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        times: dict[str, list[float]] = {"old": [], "new": []}
        count = 0
        for _ in range(args.passes):
            for name, source in (("old", old), ("new", ROOT)):
                (row,) = _run(_TIMER, source, str(jsonl), str(args.limit))
                count = row["articles"]
                times[name].append(row["seconds"] / row["articles"] * 1000)
    for name, values in times.items():
        print(f"{name} ({args.old if name == 'old' else 'HEAD'}): median {statistics.median(values):.3f} ms/article, "
              f"best {min(values):.3f}, passes {', '.join(f'{v:.3f}' for v in values)}")
    print(f"articles {count}; new/old median ratio {statistics.median(times['new']) / statistics.median(times['old']):.2f}")


if __name__ == "__main__":
    main()
