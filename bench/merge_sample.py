"""Print a seeded random sample of merged timeline entries, for a hand check of the merging.

Run by hand, never in the test suite:

    python bench/merge_sample.py --corpus ../notes/data/reuters-corpus --index /tmp/reuters-idx
    python bench/merge_sample.py --index /tmp/reuters-idx --seed 2 --size 100

Builds the index first when --index holds none (pass --corpus then). An entry is merged when
at least two source sentences tell it (the timeline's ``min_sources=2``). Each entry prints its
date, headline and every source sentence with its article and publication date, so a reader
can judge whether they report the same happening on compatible dates. The same seed on the
same index prints the same sample.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.whoosh.timeline import iter_timeline  # noqa: E402
from index.whoosh.writer import build_index  # noqa: E402


def merged_entries(index_dir: Path) -> list:
    """Every entry that at least two sentences tell, in timeline order."""
    return list(iter_timeline(index_dir, min_sources=2))


def show(number: int, entry) -> None:
    conflict = f"  CONFLICT: {entry.conflict}" if entry.versions else ""
    print(f"#{number} {entry.value} ({entry.label}) reported by {entry.reported_by} articles, "
          f"{1 + len(entry.also)} sentences, dated from {entry.anchor}{conflict}")
    print(f"   headline: {entry.headline}")
    for source in (entry, *entry.also):
        print(f"   - [{source.article_id} {source.published}] {' '.join(source.sentence.split())}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="the index to sample (built when missing)")
    parser.add_argument("--corpus", type=Path, help="the corpus to build the index from when it is missing")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=100)
    args = parser.parse_args()
    if not (args.index / "CURRENT").exists():
        if args.corpus is None:
            parser.error(f"{args.index} holds no index: pass --corpus to build one")
        build_index(args.corpus, args.index)
    entries = merged_entries(args.index)
    sample = random.Random(args.seed).sample(range(len(entries)), min(args.size, len(entries)))
    print(f"{len(entries)} merged entries (at least 2 sentences); sample of {len(sample)}, seed {args.seed}\n")
    for number, position in enumerate(sorted(sample), 1):
        show(number, entries[position])


if __name__ == "__main__":
    main()
