"""Tag every Reuters-21578 article as a reindex does and check the years its timeline gets.

Run by hand, never in the test suite:

    python ../shared/tools/corpus_convert.py reuters ../shared/corpora/reuters21578 > /tmp/reuters.jsonl
    .venv/bin/python bench/reuters_dates.py /tmp/reuters.jsonl [--list] [--before 1950] [--after 2000]

Reports the tagging time per article (best of --passes passes over all articles, title and body, the
work ``archive reindex`` does per article), and every timeline event dated before --before, with its
sentence: the corpus is news of 1987, so such a year is true only where the sentence tells history
(and one after --after only where it tells a plan or a forecast).
--list prints them all, for a hand check; the count of events per year and the span of the year
axis are always printed.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.events import date_article  # noqa: E402
from archive.models import Article  # noqa: E402


def load(path: Path) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            published = date.fromisoformat(record["date"][:10]) if record.get("date") else None
            articles.append(Article(id=record["id"], title=record.get("title") or "", body=record.get("body") or "",
                                    path=record["id"], published=published))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--before", type=int, default=1950)
    parser.add_argument("--after", type=int, default=2000, help="also list events dated after this year")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="print every event before --before with its sentence")
    args = parser.parse_args()
    articles = [a for a in load(args.jsonl) if a.body.strip() or a.title.strip()]
    best, results = float("inf"), []
    for _ in range(args.passes):
        started = time.perf_counter()
        results = [date_article(article) for article in articles]
        best = min(best, time.perf_counter() - started)
    events = [(article, event) for article, dated in zip(articles, results) for event in dated.events if not event.hidden]
    old = [(a, e) for a, e in events if e.year < args.before]
    late = [(a, e) for a, e in events if e.year > args.after]
    years = [y for dated in results for y in dated.years]
    print(f"articles {len(articles)}  tagging best of {args.passes}: {best:.1f} s, {best / len(articles) * 1000:.3f} ms/article")
    print(f"events {len(events)}  year axis {min(e.year for _, e in events)} .. {max(e.year for _, e in events)}  "
          f"years mentioned {min(years)} .. {max(years)}")
    print(f"events before {args.before}: {len(old)}; by year: "
          + ", ".join(f"{y}:{n}" for y, n in sorted(Counter(e.year for _, e in old).items())))
    print(f"events after {args.after}: {len(late)}; by year: "
          + ", ".join(f"{y}:{n}" for y, n in sorted(Counter(e.year for _, e in late).items())))
    if args.list:
        for article, event in sorted(old + late, key=lambda pair: pair[1].sort_key):
            print(f"{event.label:>14}  {article.id:<14} {' '.join(event.sentence.split())[:220]}")


if __name__ == "__main__":
    main()
