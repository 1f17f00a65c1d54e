"""How much of what a careful reader dates does an entity's timeline hold? (../shared/timelines-trial)

Run by hand, never in the test suite:

    python bench/timeline_recall.py            # builds a corpus and an index in a temporary folder
    python bench/timeline_recall.py --show 10  # also lists missed gold happenings per entity

The trial data holds 30 news articles and, for 6 entities, the gold timeline a careful reader made
of them: each happening, the sentences that report it and its date. The articles become a corpus
(title, publication date, body); the archive indexes it; `archive timeline "<entity>" --json` is the
entity's timeline. For each entity:

- recall: the share of its dated gold happenings that the timeline holds with the right date, a
  happening being held when an entry comes from one of its sentences (the entry's own or one of
  the repeats folded into it) and agrees with its date at the gold's precision (a year, a month
  or a day);
- year and day F1 of the set of dates the timeline gives against the gold's dates, beside the same
  F1 for the plain list of the matching articles' publication dates (what a search already gives).

Only the command line is used, so the figures compare across versions of the archive.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
TRIAL = ROOT.parent / "shared" / "timelines-trial"
ARCHIVE = [str(ROOT / ".venv" / "bin" / "archive")]


@dataclass(frozen=True)
class Happening:
    """One gold timeline line: its date (YYYY-MM-DD with XX) and its (doc, sentence) mentions."""

    date: str
    sentences: frozenset[tuple[str, int]]


def detokenize(tokens: str) -> str:
    """Undo the data's spaces around punctuation, enough for the tagger to read dates."""
    text = re.sub(r" ([,.;:!?%)\]'])", r"\1", tokens)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return text.replace(" n't", "n't").replace(" 's", "'s")


def write_corpus(folder: Path) -> dict[str, dict]:
    """Write each trial article as Markdown; return per doc id its sentence spans and date."""
    docs = {}
    for path in sorted((TRIAL / "articles").glob("*.tml")):
        root = ElementTree.parse(path).getroot()
        doc_id = root.findtext("DOCID").strip()
        published = root.find("DCT/TIMEX3").get("value")
        title = (root.findtext("EXTRAINFO") or doc_id).strip()
        spans, parts, offset = {}, [], 0
        for sentence in root.find("TEXT").findall("s"):
            number = int(sentence.get("id"))
            if number == 1:  # the date line
                continue
            text = detokenize(" ".join("".join(sentence.itertext()).split()))
            spans[number] = (offset, offset + len(text))
            parts.append(text)
            offset += len(text) + 2
        body = "\n\n".join(parts)
        front = json.dumps(title)
        (folder / f"{doc_id}.md").write_text(f"---\ntitle: {front}\ndate: {published}\n---\n\n{body}\n",
                                             encoding="utf-8")
        docs[doc_id] = {"spans": spans, "published": published}
    return docs


def read_timelines() -> dict[str, list[Happening]]:
    """Return each entity's name and its gold happenings."""
    timelines = {}
    for path in sorted((TRIAL / "timelines").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        happenings = []
        for line in lines[1:]:
            fields = line.split("\t")
            if len(fields) < 3:
                continue
            mentions = frozenset((m.split("-")[0], int(m.split("-")[1])) for m in fields[2:])
            happenings.append(Happening(fields[1], mentions))
        timelines[lines[0].strip()] = happenings
    return timelines


def gold_parts(date: str) -> tuple[str, ...]:
    """The known parts of a gold date: ('2008',), ('2008', '06') or ('2008', '06', '09'); () if unanchored."""
    parts = []
    for part in date.split("-"):
        if "X" in part:
            break
        parts.append(part)
    return tuple(parts)


def event_parts(value: str) -> tuple[str, ...]:
    """The year, month and day of a TimeML value such as 2008-06-09, 2008-06 or 2008 (weeks etc. give the year)."""
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    return tuple(p for p in match.groups() if p) if match else ()


def sentence_of(event: dict, spans: dict[int, tuple[int, int]]) -> int | None:
    """The trial sentence number an event comes from, by its character offsets."""
    if event.get("start") is None:
        return None
    for number, (start, end) in spans.items():
        if start <= event["start"] < end + 1:
            return number
    return None


def f1(found: set, gold: set) -> float:
    if not found or not gold:
        return 0.0
    hit = len(found & gold)
    precision, recall = hit / len(found), hit / len(gold)
    return 0.0 if hit == 0 else 2 * precision * recall / (precision + recall)


def archive(*args: str, index: Path) -> str:
    return subprocess.run([*ARCHIVE, *args, "--index", str(index)], check=True, capture_output=True,
                          text=True).stdout


def measure(work: Path, show: int) -> dict[str, dict]:
    corpus, index = work / "corpus", work / "index"
    corpus.mkdir()
    docs = write_corpus(corpus)
    subprocess.run([*ARCHIVE, "reindex", "--corpus", str(corpus), "--index", str(index), "--full"],
                   check=True, capture_output=True)
    figures = {}
    for entity, happenings in read_timelines().items():
        events = json.loads(archive("timeline", entity, "--json", index=index))["events"]
        hits = json.loads(archive("search", entity, "--json", "--limit", "1000", index=index))["hits"]
        dated = [h for h in happenings if gold_parts(h.date)]
        held, missed = 0, []
        for happening in dated:
            want = gold_parts(happening.date)
            if any(source["article_id"] in docs
                   and (source["article_id"], sentence_of(source, docs[source["article_id"]]["spans"]))
                   in happening.sentences
                   and event_parts(event["date"])[:len(want)] == want
                   for event in events for source in [event, *event.get("also", [])]):
                held += 1
            else:
                missed.append(happening)
        gold_years = {gold_parts(h.date)[0] for h in dated}
        gold_days = {gold_parts(h.date) for h in dated if len(gold_parts(h.date)) == 3}
        found = [event_parts(e["date"]) for e in events if event_parts(e["date"])]
        published = [tuple(h["published"].split("-")) for h in hits if h.get("published")]
        figures[entity] = {
            "gold": len(dated), "held": held, "recall": held / len(dated) if dated else 0.0,
            "events": len(events), "articles": len(hits),
            "year_f1": f1({p[0] for p in found}, gold_years),
            "day_f1": f1({p for p in found if len(p) == 3}, gold_days),
            "pub_year_f1": f1({p[0] for p in published}, gold_years),
            "pub_day_f1": f1(set(published), gold_days),
        }
        for happening in missed[:show]:
            print(f"  missed {entity}: {happening.date} {sorted(happening.sentences)}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="List up to N missed happenings per entity.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        figures = measure(Path(work), options.show)
    print(f"{'entity':<24} {'held':>9} {'recall':>7} {'year F1':>8} {'(pub)':>6} {'day F1':>7} {'(pub)':>6}")
    for entity, f in figures.items():
        print(f"{entity:<24} {f['held']:>4}/{f['gold']:<4} {f['recall']:7.2f} {f['year_f1']:8.2f} "
              f"{f['pub_year_f1']:6.2f} {f['day_f1']:7.2f} {f['pub_day_f1']:6.2f}")
    gold = sum(f["gold"] for f in figures.values())
    held = sum(f["held"] for f in figures.values())
    mean = {key: sum(f[key] for f in figures.values()) / len(figures)
            for key in ("year_f1", "pub_year_f1", "day_f1", "pub_day_f1")}
    print(f"{'all (micro recall, mean F1)':<24} {held:>4}/{gold:<4} {held / gold:7.2f} {mean['year_f1']:8.2f} "
          f"{mean['pub_year_f1']:6.2f} {mean['day_f1']:7.2f} {mean['pub_day_f1']:6.2f}")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
