"""Write a corpus N times larger than a JSON Lines file: each record copied N times with new ids.

Run by hand; writes outside the repository:

    python bench/multiply.py ../notes/data/reuters.jsonl /tmp/x10/reuters-x10.jsonl --times 10
    python bench/multiply.py ../notes/data/reuters.jsonl /tmp/x10-files --times 10 --files 1000

With --files the same records go into that many smaller files in a folder, to compare a
reindex of one large export with one of many small files.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def copies(source: Path, times: int):
    """Yield every record of ``source`` ``times`` times, the copies' ids suffixed with the copy number."""
    for copy in range(times):
        with open(source, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    if copy:
                        record["id"] = f"{record.get('id', '')}-copy{copy}"
                    yield json.dumps(record, ensure_ascii=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path, help="a .jsonl file, or a folder with --files")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--files", type=int, default=0, help="split into this many files in the target folder")
    args = parser.parse_args()
    if not args.files:
        args.target.parent.mkdir(parents=True, exist_ok=True)
        with open(args.target, "w", encoding="utf-8") as out:
            out.writelines(copies(args.source, args.times))
        return
    args.target.mkdir(parents=True, exist_ok=True)
    outs = [open(args.target / f"part-{n:05d}.jsonl", "w", encoding="utf-8") for n in range(args.files)]
    try:
        for number, line in enumerate(copies(args.source, args.times)):
            outs[number % args.files].write(line)
    finally:
        for out in outs:
            out.close()


if __name__ == "__main__":
    main()
