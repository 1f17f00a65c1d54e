"""Tag many documents at once: JSON lines {doc_id, dct, text} in, one JSON line per mention out.

Run as ``python -m archive.timex.batch < docs.jsonl`` (the --batch mode of eval_timex.py).
"""
from __future__ import annotations

import json
import sys
from datetime import date
from typing import IO

from archive.timex.tagger import tag


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def run(lines: IO[str], out: IO[str]) -> None:
    """Read documents from ``lines`` and write their mentions to ``out``."""
    for line in lines:
        if not line.strip():
            continue
        doc = json.loads(line)
        text = doc["text"]
        for m in tag(text, _published(doc.get("dct"))):
            for part in m.timeml():
                record = {"doc_id": doc["doc_id"], "start": part.start, "end": part.end, "text": text[part.start:part.end],
                          "value": part.value, "type": m.type}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    run(sys.stdin, sys.stdout)
