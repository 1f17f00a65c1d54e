"""Write a corpus N times larger than a JSON Lines file: each record copied N times with new ids.

Run by hand; writes outside the repository:

    python bench/multiply.py ../notes/data/reuters.jsonl /tmp/x10/reuters-x10.jsonl --times 10
    python bench/multiply.py ../notes/data/reuters.jsonl /tmp/x10-files --times 10 --files 1000

With --files the same records go into that many smaller files in a folder, to compare a
reindex of one large export with one of many small files. With --markdown each record becomes
a Markdown file of its own (YAML front matter), the corpus's native format:

    python bench/multiply.py ../notes/data/reuters.jsonl /tmp/reuters-md --times 1 --markdown
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


def markdown(line: str) -> tuple[str, str]:
    """Return a file name and the Markdown text (YAML front matter, then the body) of one record."""
    record = json.loads(line)
    front = {key: record[key] for key in ("title", "date", "source", "url", "tags", "language") if record.get(key)}
    # JSON strings are valid YAML scalars: no escaping of our own.
    head = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
    return f"{record['id']}.md", f"---\n{head}---\n\n{record.get('body', '')}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path, help="a .jsonl file, or a folder with --files")
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--files", type=int, default=0, help="split into this many files in the target folder")
    parser.add_argument("--markdown", action="store_true", help="one Markdown file per record in the target folder")
    args = parser.parse_args()
    if args.markdown:
        args.target.mkdir(parents=True, exist_ok=True)
        for line in copies(args.source, args.times):
            name, text = markdown(line)
            (args.target / name).write_text(text, encoding="utf-8")
        return
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
