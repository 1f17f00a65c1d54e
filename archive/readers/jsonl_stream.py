"""Read a JSON Lines file as a stream of records, at any size, in bounded memory.

Only one line is held at a time, and a line longer than MAX_RECORD_MB is skipped without
being held. Every line gets a fingerprint of its bytes; given the outcomes a previous read
cached under those fingerprints, a line read before is not parsed again, so a one-record
change in a file of 200,000 records costs reading the bytes, not parsing them.
"""
from __future__ import annotations

import hashlib
import logging
from typing import BinaryIO, Callable, Iterator, NamedTuple

from archive.models import Article, Problem
from archive.readers.jsonl import decode_line, derived_id, read_record
from archive.readers.limits import MAX_RECORD_MB, MB, megabytes

logger = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
SNIFF = 8192  # a NUL byte this early marks a binary file, not a file of bad records
# Problems listed per file: a gigabyte of garbage must not become millions of lines in the report.
MAX_PROBLEMS = 1000

# What a previous read found on a line, stored in the index's metadata:
# [id or None, whether the id was derived from the line number, content hash, year, [[reason, skipped], ...]]
CacheEntry = list


# Named tuples, not dataclasses: one of each per line, and a tuple is made in C.
class RawLine(NamedTuple):
    number: int
    offset: int  # in bytes, where the line starts: to read it again later
    data: bytes | None  # None when the line is longer than MAX_RECORD_MB
    size: int


class Record(NamedTuple):
    """What one line yielded. ``id`` is None when the line was skipped; ``article`` is None
    when skipped or when the line was taken from the cache unparsed."""

    number: int
    offset: int
    id: str | None
    article: Article | None
    pub_year: int | None
    problems: tuple[Problem, ...]


def raw_lines(handle: BinaryIO) -> Iterator[RawLine]:
    """Yield the lines of a binary file, numbered as a text editor numbers them.

    A carriage return alone also ends a line (old Mac files); CRLF ends one line.
    """
    limit = MAX_RECORD_MB * MB
    number, offset = 0, 0
    while True:
        data = handle.readline(limit + 2)  # room for the CRLF of a line exactly at the limit
        if not data:
            return
        size = len(data)
        if size > limit + 1 and not data.endswith(b"\n"):
            while data and not data.endswith(b"\n"):  # skip the rest unread, a megabyte at a time
                data = handle.readline(MB)
                size += len(data)
            number += 1
            yield RawLine(number, offset, None, size)
            offset += size
            continue
        line = data[3:] if offset == 0 and data.startswith(UTF8_BOM) else data
        start = offset + size - len(line)
        for piece in line.removesuffix(b"\n").removesuffix(b"\r").split(b"\r"):
            number += 1
            yield RawLine(number, start, piece, len(piece))
            start += len(piece) + 1
        offset += size


def line_at(handle: BinaryIO, offset: int) -> bytes:
    """Return the line that starts at ``offset`` again (one read by raw_lines)."""
    handle.seek(offset)
    data = handle.readline(MAX_RECORD_MB * MB + 2)
    if offset == 0 and data.startswith(UTF8_BOM):
        data = data[3:]
    return data.removesuffix(b"\n").removesuffix(b"\r").split(b"\r", 1)[0]


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=10).hexdigest()


def parse_line(relpath: str, number: int, data: bytes) -> tuple[Article | None, list[Problem]]:
    """Read the article of one line's bytes, or the Problem that skipped it."""
    try:
        text = decode_line(data)
    except ValueError as error:
        return None, [Problem(relpath, str(error), line=number)]
    try:
        return read_record(relpath, number, text)
    except Exception as error:  # noqa: BLE001 - a reader's bug must cost one record, not the file
        logger.warning("reading %s line %d failed", relpath, number, exc_info=True)
        return None, [Problem(relpath, f"could not be read ({type(error).__name__}: {error})", line=number)]


class JsonlStream:
    """The records of one JSON Lines file, in order, with the outcomes to cache for next time.

    ``cache`` maps fingerprints to what a previous read found; ``reusable(entry)`` says
    whether that outcome still stands (the caller knows what the index holds). After the
    iteration, ``entries`` holds the cache of this read and ``problems_left_out`` how many
    problems were counted but not listed.
    """

    def __init__(self, relpath: str, handle: BinaryIO, cache: dict | None = None,
                 reusable: Callable[[CacheEntry], bool] = lambda entry: True):
        self.relpath = relpath
        self.handle = handle
        self.cache = cache or {}
        self.reusable = reusable
        self.entries: dict[str, CacheEntry] = {}
        self.problems_left_out = 0
        self.listed = 0
        self.parsed = 0

    def __iter__(self) -> Iterator[Record]:
        head = self.handle.read(SNIFF)
        if b"\x00" in head:
            yield self._file_problem("binary file")
            return
        self.handle.seek(0)
        first_seen: dict[str, int] = {}
        any_text = False
        for raw in raw_lines(self.handle):
            if raw.data is None:
                any_text = True
                yield self._record(raw, None, None, [Problem(
                    self.relpath, f"record too long ({megabytes(raw.size)} MB; limit {MAX_RECORD_MB} MB)",
                    line=raw.number)])
                continue
            if not raw.data.strip():
                continue
            any_text = True
            record_id, article, year, problems = self._read(raw)
            if record_id is not None and record_id in first_seen:
                reason = f"duplicate id '{record_id}' (first used at line {first_seen[record_id]})"
                record_id, article, problems = None, None, [Problem(self.relpath, reason, line=raw.number)]
            elif record_id is not None:
                first_seen[record_id] = raw.number
            yield self._record(raw, record_id, article, problems, year)
        if not any_text:
            yield self._file_problem("empty file")

    def _read(self, raw: RawLine) -> tuple[str | None, Article | None, int | None, list[Problem]]:
        """Return the line's id, article (None when reused), year and problems."""
        key = fingerprint(raw.data)
        entry = self.cache.get(key)
        if entry is not None and self._still_valid(entry, raw.number):
            self.entries[key] = entry
            record_id, _, _, year, reasons = entry
            return record_id, None, year, [Problem(self.relpath, reason, skipped=skipped, line=raw.number)
                                           for reason, skipped in reasons]
        self.parsed += 1
        article, problems = parse_line(self.relpath, raw.number, raw.data)
        reasons = [[p.reason, p.skipped] for p in problems]
        if article is None:
            self.entries[key] = [None, False, None, None, reasons]
            return None, None, None, problems
        derived = article.id == derived_id(self.relpath, raw.number)
        self.entries[key] = [article.id, derived, article.content_hash, article.pub_year, reasons]
        return article.id, article, article.pub_year, problems

    def _still_valid(self, entry: CacheEntry, number: int) -> bool:
        record_id, derived = entry[0], entry[1]
        if derived and record_id != derived_id(self.relpath, number):
            return False  # an id made of the line number moves with the line
        return record_id is None or self.reusable(entry)

    def _record(self, raw: RawLine, record_id, article, problems, year=None) -> Record:
        kept = []
        for problem in problems:
            if self.listed < MAX_PROBLEMS:
                kept.append(problem)
                self.listed += 1
            else:
                self.problems_left_out += 1
        return Record(raw.number, raw.offset, record_id, article, year, tuple(kept))

    def _file_problem(self, reason: str) -> Record:
        return Record(0, 0, None, None, None, (Problem(self.relpath, reason),))

    def left_out_problem(self) -> Problem | None:
        """The Problem that counts the problems not listed, if any were left out."""
        if not self.problems_left_out:
            return None
        return Problem(self.relpath, f"{self.problems_left_out} more bad records, not listed "
                                     f"(the first {MAX_PROBLEMS} are)")


def read_again(relpath: str, handle: BinaryIO, number: int, offset: int) -> Article | None:
    """Parse once more the record a stream found at ``offset`` (line ``number``)."""
    article, _ = parse_line(relpath, number, line_at(handle, offset))
    return article
