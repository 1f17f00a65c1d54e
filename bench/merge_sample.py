"""Print a seeded random sample of merged timeline entries, for a hand check of the merging.

Run by hand, never in the test suite:

    python bench/merge_sample.py --corpus ../notes/data/reuters-corpus --index /tmp/reuters-idx
    python bench/merge_sample.py --index /tmp/reuters-idx --seed 2 --size 100

Builds the index first when --index holds none (pass --corpus then). An entry is merged when
at least two source sentences tell it (the timeline's ``min_sources=2``). Each entry prints its
date, headline and every source sentence with its article and publication date, so a reader
can judge whether they report the same happening on compatible dates. The same seed on the
same index prints the same sample.

--rekey groups the index's events again with the current archive.repeats.repeat_key instead of the
key stored at index time, to try a change to the merging rule without a reindex (the key depends
only on an event's date, headline and id, so the groups are those a new index would make).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.repeats import repeat_key  # noqa: E402
from index.whoosh import schema, store  # noqa: E402
from index.whoosh.timeline import iter_timeline  # noqa: E402
from index.whoosh.writer import build_index  # noqa: E402


def merged_entries(index_dir: Path) -> list:
    """Every entry that at least two sentences tell, in timeline order."""
    return list(iter_timeline(index_dir, min_sources=2))


def rekeyed_groups(index_dir: Path) -> list[list[dict]]:
    """The extracted events of the index grouped by the current repeat key, at least two to a group."""
    groups: dict[int, list[dict]] = {}
    with store.open_index(index_dir, schema.EVENTS).searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if fields.get("kind") == "extracted":
                groups.setdefault(repeat_key(fields["value"], fields["headline"], fields["id"]), []).append(fields)
    return sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: (g[0]["value"], g[0]["id"]))


def show_group(number: int, group: list[dict]) -> None:
    print(f"#{number} {group[0]['value']} reported by {len({f['article_id'] for f in group})} articles, "
          f"{len(group)} sentences")
    print(f"   headline: {' '.join(group[0]['headline'].split())}")
    for fields in group:
        print(f"   - [{fields['article_id']}] {' '.join(fields['sentence'].split())}")
    print()


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
    parser.add_argument("--rekey", action="store_true", help="group by the current repeat key, not the stored one")
    args = parser.parse_args()
    if not (args.index / "CURRENT").exists():
        if args.corpus is None:
            parser.error(f"{args.index} holds no index: pass --corpus to build one")
        build_index(args.corpus, args.index)
    entries = rekeyed_groups(args.index) if args.rekey else merged_entries(args.index)
    sample = random.Random(args.seed).sample(range(len(entries)), min(args.size, len(entries)))
    print(f"{len(entries)} merged entries (at least 2 sentences); sample of {len(sample)}, seed {args.seed}\n")
    for number, position in enumerate(sorted(sample), 1):
        (show_group if args.rekey else show)(number, entries[position])


if __name__ == "__main__":
    main()
