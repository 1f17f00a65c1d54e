"""Which articles of a corpus file are new or changed since the last reindex.

A file of one article is hashed whole: unchanged bytes mean nothing to parse. A JSON Lines
file is streamed record by record and each line is fingerprinted: the outcome of a line
read before (its id, content hash, year and problems) is kept with the index, so a
one-record change in a 200,000-record export parses one record.

What a reindex keeps per file (``entry``): ``hash`` and ``stat`` (a file whose size, inode,
mtime and ctime are those of last time is not even read), ``ids`` of the articles it holds,
``pub_years`` (the earliest and latest year they were published), ``problems`` (as dicts), and
for a stream ``records``, the outcomes of its lines as text (see archive.readers.jsonl_stream).
In the meta, the entry of a file of one article without problems is one line of text (``pack``).
"""
from __future__ import annotations

import hashlib
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from archive import corpus
from archive.models import Article, FileRead, Problem
from archive.readers.jsonl_stream import JsonlStream, read_again

# Characters of text the articles waiting to be written may hold in memory. Past it, an
# article is remembered by where it is (its file, and its line for a record) and read
# again when its turn comes: memory stays bounded however large the corpus or the export.
# 16 M characters hold about 20,000 news articles: Reuters is held whole, and a larger export
# no more than that (at 64 M, Reuters x10 held 120 MiB more than Reuters).
PENDING_TEXT_LIMIT = 16 * 1024 * 1024
# A file changed this recently when a scan starts is read again by the next scan (see Scanner._signature).
RECENT_NS = 2_000_000_000


class Later(NamedTuple):
    """An article to write that is read again when its turn comes (see PENDING_TEXT_LIMIT).

    A named tuple: a large export has one per record to write.
    """

    path: Path
    relpath: str
    id: str
    number: int = 0  # for a record of a stream: its line and where the line starts
    offset: int = 0


def pack(entry: dict | str) -> dict | str:
    """The entry of a file of one article without problems, as one line of text (others as they are).

    A corpus of 20,000 Markdown files has 20,000 such entries: as JSON objects they were most
    of the time of reading and writing the meta of an incremental reindex.
    Fields: content hash, the four numbers of the file's signature, year, id.
    """
    if isinstance(entry, str) or len(entry) != 5 or entry["problems"] or not entry["stat"]:
        return entry
    ids, years = entry["ids"], entry["pub_years"]
    if (len(ids) != 1 or len(entry["hash"]) != 40 or "\t" in ids[0] or "\n" in ids[0]
            or not (years == [] or (len(years) == 2 and years[0] == years[1]))):
        return entry
    return "\t".join([entry["hash"], *map(str, entry["stat"]), str(years[0]) if years else "", ids[0]])


def unpack(entry: dict | str) -> dict:
    """The entry ``pack`` made, as a dict again."""
    if not isinstance(entry, str):
        return entry
    digest, size, inode, mtime, ctime, year, article_id = entry.split("\t", 6)
    return {"hash": digest, "stat": [int(size), int(inode), int(mtime), int(ctime)], "ids": [article_id],
            "pub_years": [int(year), int(year)] if year else [], "problems": []}


def problems_of(entry: dict | str) -> list[dict]:
    """The problems an entry (packed or not) records, as dicts."""
    return [] if isinstance(entry, str) else entry["problems"]


def years_of(entry: dict | str) -> list[int]:
    """The earliest and latest year of publication of an entry's articles (none: empty)."""
    return unpack(entry).get("pub_years", [])


class LaterRun:
    """The records of one stream past PENDING_TEXT_LIMIT, each to be read again when its turn comes.

    One object for the run, the lines and offsets in arrays: a large export to write holds
    no Python object per record (a Later each, with two numbers, was 150 bytes a record).
    """

    def __init__(self, path: Path, relpath: str):
        self.path = path
        self.relpath = relpath
        self.ids: list[str] = []
        self.numbers = array("q")
        self.offsets = array("q")

    def add(self, record_id: str, number: int, offset: int) -> None:
        self.ids.append(record_id)
        self.numbers.append(number)
        self.offsets.append(offset)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[Later]:
        for record_id, number, offset in zip(self.ids, self.numbers, self.offsets):
            yield Later(self.path, self.relpath, record_id, number, offset)


def count(pending: Iterable[Article | Later | LaterRun]) -> int:
    """How many articles a list of pending articles, Laters and runs holds."""
    return sum(len(item) if isinstance(item, LaterRun) else 1 for item in pending)


@dataclass
class FileScan:
    """One file's articles to (re)write, how many are unchanged, and its entry for next time."""

    entry: dict
    pending: list[Article | Later | LaterRun] = field(default_factory=list)
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
        self.pending_text = 0
        self.started_ns = time.time_ns()

    def scan(self, path: Path, relpath: str | None = None) -> FileScan:
        """Scan one file; ``relpath``, when the caller has it, is its path below the corpus folder."""
        relpath = relpath or path.relative_to(self.corpus_dir).as_posix()
        if corpus.is_streamed(relpath):
            return self._scan_stream(path, relpath)
        return self._scan_whole(path, relpath)

    def _signature(self, path: Path) -> list[int] | None:
        """The file's size, inode, mtime and ctime, or None when they cannot be trusted to tell a change.

        As git does, a file is not read again while these stay the same. The ctime changes with
        every write and every change of mtime (which a user or a copy tool may set back), so an
        edit that keeps the size and mtime is still seen. A file changed within the last
        RECENT_NS before this scan started could change again within the same timestamp: its
        signature is not kept, and the next scan reads it.
        """
        try:
            info = path.stat()
        except OSError:
            return None
        if info.st_ctime_ns >= self.started_ns - RECENT_NS or info.st_mtime_ns >= self.started_ns - RECENT_NS:
            return None
        return [info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns]

    def _claim(self, relpath: str, article_id: str, problems: list[Problem], line: int | None = None) -> bool:
        """Record that ``relpath`` holds ``article_id``, unless an earlier file does."""
        if article_id in self.seen:
            problems.append(Problem(relpath, f"duplicate id '{article_id}' (already used by "
                                             f"{self.seen[article_id]})", line=line))
            return False
        self.seen[article_id] = relpath
        return True

    def _scan_whole(self, path: Path, relpath: str) -> FileScan:
        old = self.old_files.get(relpath)
        signature = self._signature(path)  # taken before the read: a write during it changes the file's ctime
        if isinstance(old, str):  # a packed entry (see pack): compared as text, unpacked only when changed
            if signature and old[41:].startswith("\t".join(map(str, signature)) + "\t"):
                article_id = old.rsplit("\t", 1)[1]
                if article_id in self.known and article_id not in self.seen:
                    self.seen[article_id] = relpath  # untouched since last time: not even read
                    return FileScan(old, unchanged=1)
            old = unpack(old)
        if old and signature and old.get("stat") == signature and all(i in self.known for i in old["ids"]):
            self.seen.update(dict.fromkeys(old["ids"], relpath))  # untouched since last time: not even read
            return FileScan(old, unchanged=len(old["ids"]))
        try:
            data = corpus.read_bytes(path)  # refuses pipes, devices and files over the size limit
        except OSError as error:
            read, digest = FileRead([], [Problem(relpath, f"cannot read file: {error.strerror or error}")]), ""
        else:
            digest = hashlib.sha1(data).hexdigest()
            if old and old["hash"] == digest and all(i in self.known for i in old["ids"]):
                self.seen.update(dict.fromkeys(old["ids"], relpath))  # unchanged file: nothing to parse
                return FileScan(dict(old, stat=signature), unchanged=len(old["ids"]))
            read = corpus.parse_file(relpath, data)
        scan = FileScan({"hash": digest, "stat": signature if digest else None, "ids": [], "pub_years": [], "problems": []})
        problems = list(read.problems)
        for article in read.articles:
            if self._claim(relpath, article.id, problems) and self._keep(scan, article.id, article.pub_year, article):
                scan.pending.append(article if self.pending_text <= PENDING_TEXT_LIMIT else Later(path, relpath, article.id))
        scan.entry["problems"] = [vars(p) for p in problems]
        return scan

    def _keep(self, scan: FileScan, article_id: str, pub_year: int | None, article: Article | None) -> bool:
        """Count an article of the file; return whether it is to be written (new or changed)."""
        scan.entry["ids"].append(article_id)
        if pub_year is not None:
            years = scan.entry["pub_years"]
            years[:] = [min(years[0], pub_year), max(years[1], pub_year)] if years else [pub_year, pub_year]
        if article is None or self.known.get(article_id) == article.content_hash:
            scan.unchanged += 1
            return False
        self.pending_text += len(article.title) + len(article.body)
        return True

    def _scan_stream(self, path: Path, relpath: str) -> FileScan:
        old = self.old_files.get(relpath) or {}
        signature = self._signature(path)  # taken before the read, as for a whole file
        if old and signature and old.get("stat") == signature and self._still_indexed(old):
            self.seen.update(dict.fromkeys(old["ids"], relpath))  # untouched since last time: not even read
            return FileScan(old, unchanged=len(old["ids"]))
        scan = FileScan({"hash": "", "stat": signature, "ids": [], "pub_years": [], "problems": []})
        ids, pending, known = scan.entry["ids"], scan.pending, self.known
        problems: list[Problem] = []
        low = high = None
        run = None
        try:
            with corpus.open_regular(path) as handle:
                # The stream claims the ids in self.seen itself (with their line, until the file is read).
                stream = JsonlStream(relpath, handle, old.get("records"),
                                     lambda entry: known.get(entry[0]) == entry[2], claimed=self.seen)
                for record in stream:  # the loop of a large export: kept lean
                    if record.problems:
                        problems.extend(record.problems)
                    if record.id is None:
                        continue
                    ids.append(record.id)
                    year = record.pub_year
                    if year is not None:
                        low, high = (year, year) if low is None else (min(low, year), max(high, year))
                    article = record.article
                    if article is None or known.get(record.id) == article.content_hash:
                        scan.unchanged += 1
                        continue
                    self.pending_text += len(article.title) + len(article.body)
                    if self.pending_text <= PENDING_TEXT_LIMIT:
                        pending.append(article)
                        continue
                    if run is None:  # past the limit: so is every record after it
                        run = LaterRun(path, relpath)
                        pending.append(run)
                    run.add(record.id, record.number, record.offset)
                left_out = stream.left_out_problem()
                problems += [left_out] if left_out else []
                scan.entry["records"] = stream.entries
        except OSError as error:
            problems.append(Problem(relpath, f"cannot read file: {error.strerror or error}"))
            scan.entry["stat"] = None
        finally:
            self.seen.update(dict.fromkeys(ids, relpath))  # the lines the stream kept become the file's name
        scan.entry["pub_years"] = [low, high] if low is not None else []
        scan.entry["problems"] = [vars(p) for p in problems]
        return scan

    def _still_indexed(self, old: dict) -> bool:
        """Whether an untouched file's articles are indexed as it was read last time.

        Not when the index lost one, an earlier file now claims one, or the file had a record
        left out as a duplicate (its id may be free now).
        """
        return (all(i in self.known and i not in self.seen for i in old["ids"])
                and not any(p["reason"].startswith("duplicate id") for p in old["problems"]))


def articles(pending: Iterable[Article | Later | LaterRun], problems: list[Problem]) -> Iterator[Article]:
    """Yield the pending articles, reading again those remembered by where they are.

    A list is emptied as it is read: an article written is let go of at once, so that the
    texts held for the writer shrink while its pool grows (they were held to the end).
    One that is no longer there as it was scanned (its file changed meanwhile) is left as
    the index had it, with a Problem that says to reindex again.
    """
    handle, handle_path, whole = None, None, {}
    try:
        for item in _each(pending):
            if isinstance(item, Article):
                yield item
                continue
            article = None
            try:
                if item.number:
                    if item.path != handle_path:
                        if handle is not None:
                            handle.close()
                        handle, handle_path = corpus.open_regular(item.path), item.path
                    article = read_again(item.relpath, handle, item.number, item.offset)
                else:
                    if item.path not in whole:
                        whole.clear()  # the articles of one file at a time
                        read = corpus.parse_file(item.relpath, corpus.read_bytes(item.path))
                        whole[item.path] = {a.id: a for a in read.articles}
                    article = whole[item.path].get(item.id)
            except OSError:
                pass
            if article is None or article.id != item.id:
                problems.append(Problem(item.relpath, f"article '{item.id}' changed while the reindex read it; "
                                                      "reindex again", line=item.number or None))
                continue
            yield article
    finally:
        if handle is not None:
            handle.close()


def _each(pending: Iterable[Article | Later | LaterRun]) -> Iterator[Article | Later]:
    """Yield the pending articles and Laters, the runs' one by one."""
    for item in emptied(pending):
        if isinstance(item, LaterRun):
            yield from item
        else:
            yield item


def emptied(items: Iterable) -> Iterator:
    """Yield the items of a list, each removed from it as it is yielded (other iterables as they are)."""
    if not isinstance(items, list):
        yield from items
        return
    for index in range(len(items)):
        item, items[index] = items[index], None
        yield item
    items.clear()
