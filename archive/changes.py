"""Which articles of a corpus file are new or changed since the last reindex.

A file of one article is hashed whole: unchanged bytes mean nothing to parse. A JSON Lines
file is streamed record by record and each line is fingerprinted: the outcome of a line
read before (its id, content hash, year and problems) is kept with the index, so a
one-record change in a 200,000-record export parses one record.

What a reindex keeps per file (``entry``): ``hash`` (whole files), ``ids`` and ``pub_years``
of the articles it holds, ``problems`` (as dicts), and for a stream ``records``, the
outcomes by line fingerprint.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from archive import corpus
from archive.models import Article, FileRead, Problem
from archive.readers.jsonl_stream import JsonlStream


@dataclass
class FileScan:
    """One file's articles to (re)write, how many are unchanged, and its entry for next time."""

    entry: dict
    pending: list[Article] = field(default_factory=list)
    unchanged: int = 0


class Scanner:
    """Scan files in corpus order against what the index holds.

    ``known`` maps each indexed id to its content hash; ``seen`` (shared with the caller)
    maps each id met so far to its file, so that a second holder of an id is reported.
    """

    def __init__(self, corpus_dir: Path, known: dict[str, str], old_files: dict, seen: dict[str, str]):
        self.corpus_dir = corpus_dir
        self.known = known
        self.old_files = old_files
        self.seen = seen

    def scan(self, path: Path) -> FileScan:
        relpath = path.relative_to(self.corpus_dir).as_posix()
        if corpus.is_streamed(relpath):
            return self._scan_stream(path, relpath)
        return self._scan_whole(path, relpath)

    def _claim(self, relpath: str, article_id: str, problems: list[Problem], line: int | None = None) -> bool:
        """Record that ``relpath`` holds ``article_id``, unless an earlier file does."""
        if article_id in self.seen:
            problems.append(Problem(relpath, f"duplicate id '{article_id}' (already used by "
                                             f"{self.seen[article_id]})", line=line))
            return False
        self.seen[article_id] = relpath
        return True

    def _scan_whole(self, path: Path, relpath: str) -> FileScan:
        try:
            data = corpus.read_bytes(path)  # refuses pipes, devices and files over the size limit
        except OSError as error:
            read, digest = FileRead([], [Problem(relpath, f"cannot read file: {error.strerror or error}")]), ""
        else:
            digest = hashlib.sha1(data).hexdigest()
            old = self.old_files.get(relpath)
            if old and old["hash"] == digest and all(i in self.known for i in old["ids"]):
                self.seen.update(dict.fromkeys(old["ids"], relpath))  # unchanged file: nothing to parse
                return FileScan(old, unchanged=len(old["ids"]))
            read = corpus.parse_file(relpath, data)
        scan = FileScan({"hash": digest, "ids": [], "pub_years": [], "problems": []})
        problems = list(read.problems)
        for article in read.articles:
            if self._claim(relpath, article.id, problems):
                self._keep(scan, article.id, article.pub_year, article)
        scan.entry["problems"] = [vars(p) for p in problems]
        return scan

    def _keep(self, scan: FileScan, article_id: str, pub_year: int | None, article: Article | None) -> None:
        scan.entry["ids"].append(article_id)
        if pub_year is not None:
            scan.entry["pub_years"].append(pub_year)
        if article is None or self.known.get(article_id) == article.content_hash:
            scan.unchanged += 1
        else:
            scan.pending.append(article)

    def _scan_stream(self, path: Path, relpath: str) -> FileScan:
        scan = FileScan({"hash": "", "ids": [], "pub_years": [], "problems": []})
        old = self.old_files.get(relpath) or {}
        problems: list[Problem] = []
        try:
            with corpus.open_regular(path) as handle:
                stream = JsonlStream(relpath, handle, old.get("records"),
                                     lambda entry: self.known.get(entry[0]) == entry[2])
                for record in stream:
                    problems.extend(record.problems)
                    if record.id is not None and self._claim(relpath, record.id, problems, record.number):
                        self._keep(scan, record.id, record.pub_year, record.article)
                left_out = stream.left_out_problem()
                problems += [left_out] if left_out else []
                scan.entry["records"] = stream.entries
        except OSError as error:
            problems.append(Problem(relpath, f"cannot read file: {error.strerror or error}"))
        scan.entry["problems"] = [vars(p) for p in problems]
        return scan
