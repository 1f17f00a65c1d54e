"""Read a JSON Lines file as a stream of records, at any size, in bounded memory.

Only one line is held at a time, and a line longer than MAX_RECORD_MB is skipped without
being held. Every line gets a fingerprint of its bytes; given the outcomes a previous read
cached under those fingerprints, a line read before is not parsed again, so a one-record
change in a file of 200,000 records costs reading the bytes, not parsing them.

The outcomes are kept as text, one line per record (see ``outcome_line``), not as a dict of
lists: a Python list per record cost about 400 bytes of memory, and a large export's outcomes
are spooled to a temporary file while it is read, so memory stays bounded at any size. An
unchanged record's outcome is copied from the previous read without being decoded or encoded.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import tempfile
from array import array
from typing import BinaryIO, Callable, Iterator, NamedTuple

from archive.models import Article, Problem
from archive.readers.jsonl import decode_line, derived_id, read_record
from archive.readers.limits import MAX_RECORD_MB, MB, megabytes

logger = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
SNIFF = 8192  # a NUL byte this early marks a binary file, not a file of bad records
# Problems listed per file: a gigabyte of garbage must not become millions of lines in the report.
MAX_PROBLEMS = 1000

# What a previous read found on a line, as ``reusable`` gets it:
# [id or None, whether the id was derived from the line number, content hash, year, [[reason, skipped], ...]]
CacheEntry = list
FINGERPRINT_CHARS = 20  # blake2b of 10 bytes, in hex
SPOOL_BYTES = 1 << 20  # outcomes held in memory before they go to a temporary file


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


# Made in C from a tuple (calling the class runs Python code): a few of these per line.
_raw_line = functools.partial(tuple.__new__, RawLine)
_record = functools.partial(tuple.__new__, Record)


def raw_lines(handle: BinaryIO) -> Iterator[RawLine]:
    """Yield the lines of a binary file, numbered as a text editor numbers them.

    A carriage return alone also ends a line (old Mac files); CRLF ends one line.
    """
    limit = MAX_RECORD_MB * MB
    number, offset = 0, 0
    readline, raw_line = handle.readline, _raw_line
    while True:
        data = readline(limit + 2)  # room for the CRLF of a line exactly at the limit
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
        offset += size
        if b"\r" not in line:  # the common case, kept short: this runs for every line of an export
            number += 1
            piece = line[:-1] if line[-1:] == b"\n" else line
            yield raw_line((number, start, piece, len(piece)))
            continue
        for piece in line.removesuffix(b"\n").removesuffix(b"\r").split(b"\r"):
            number += 1
            yield RawLine(number, start, piece, len(piece))
            start += len(piece) + 1


def line_at(handle: BinaryIO, offset: int) -> bytes:
    """Return the line that starts at ``offset`` again (one read by raw_lines)."""
    handle.seek(offset)
    data = handle.readline(MAX_RECORD_MB * MB + 2)
    if offset == 0 and data.startswith(UTF8_BOM):
        data = data[3:]
    return data.removesuffix(b"\n").removesuffix(b"\r").split(b"\r", 1)[0]


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=10).hexdigest()


def outcome_line(key: str, record_id: str | None, derived: bool, content_hash: str | None,
                 year: int | None, reasons: list) -> str:
    """One record's outcome as a line of ASCII text: its fingerprint, then tab-separated fields.

    The id is written as a JSON string and the reasons as a JSON list (ASCII: neither holds a
    tab, a line break or a lone surrogate); a missing value is an empty field.
    """
    quoted = json.dumps(record_id) if record_id is not None else ""
    return (f"{key}\t{quoted}\t{'1' if derived else ''}\t{content_hash or ''}\t"
            f"{'' if year is None else year}\t{json.dumps(reasons) if reasons else ''}")


def outcome_entry(line: str) -> CacheEntry:
    """Read back what ``outcome_line`` wrote (without the fingerprint)."""
    _, quoted, derived, content_hash, year, reasons = line.split("\t")
    return [_unquote(quoted), bool(derived), content_hash or None, int(year) if year else None,
            json.loads(reasons) if reasons else []]


def _unquote(quoted: str) -> str | None:
    if not quoted:
        return None
    return quoted[1:-1] if "\\" not in quoted else json.loads(quoted)  # no escape: the text between the quotes


def outcome_lines(text: str | None) -> dict[str, str]:
    """Map each fingerprint of a previous read's outcomes (``JsonlStream.entries``) to its line."""
    if not isinstance(text, str):  # none kept, or kept by an older version in another form
        return {}
    return {line[:FINGERPRINT_CHARS]: line for line in text.split("\n") if line}


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

    ``cache`` is what a previous read's ``entries`` held; ``reusable(entry)`` says whether an
    outcome still stands (the caller knows what the index holds). ``claimed`` maps each id met
    so far to the name of the earlier file that holds it, or to this stream for its own (the
    caller's map, shared across files, so that a large export holds its ids once; the caller
    names the file once it is read): a record with a claimed id is a duplicate. The line of
    each id claimed here is kept in an array, not as an object per record, and looked up only
    for a duplicate. After the iteration, ``entries`` holds the
    outcomes of this read and ``problems_left_out`` how many problems were counted but not listed.
    """

    def __init__(self, relpath: str, handle: BinaryIO, cache: str | None = None,
                 reusable: Callable[[CacheEntry], bool] = lambda entry: True,
                 claimed: dict[str, object] | None = None):
        self.relpath = relpath
        self.handle = handle
        self.cache = outcome_lines(cache)
        self.reusable = reusable
        self.claimed = {} if claimed is None else claimed
        self._claimed_ids: list[str] = []
        self._claimed_lines = array("q")
        self._first_lines: dict[str, int] | None = None  # made at the first duplicate of this file
        self.entries = ""
        self.problems_left_out = 0
        self.listed = 0
        self.parsed = 0
        self._spool = None

    def __iter__(self) -> Iterator[Record]:
        self._spool = tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="ascii", newline="\n")
        self._batch: list[str] = []
        try:
            yield from self._records()
        finally:
            if self._batch:
                self._spool.write("\n".join(self._batch) + "\n")
            self._spool.seek(0)
            self.entries = self._spool.read()
            self._spool.close()
            self.cache = {}  # the previous read's outcomes are not needed any more

    def _records(self) -> Iterator[Record]:
        head = self.handle.read(SNIFF)
        if b"\x00" in head:
            yield self._file_problem("binary file")
            return
        self.handle.seek(0)
        any_text = False
        claimed, cache, relpath, blake2b = self.claimed, self.cache, self.relpath, hashlib.blake2b
        for raw in raw_lines(self.handle):
            data = raw.data
            if data is None:
                any_text = True
                yield self._record(raw, None, None, [Problem(
                    relpath, f"record too long ({megabytes(raw.size)} MB; limit {MAX_RECORD_MB} MB)",
                    line=raw.number)])
                continue
            if not data or data.isspace():
                continue
            any_text = True
            key = blake2b(data, digest_size=10).hexdigest()
            line = cache.get(key)
            entry = self._still_valid(line, raw.number) if line is not None else None
            if entry is not None:  # read before: its outcome, unparsed
                self._keep(line)
                record_id, article, year = entry[0], None, entry[3]
                problems = [Problem(relpath, reason, skipped=skipped, line=raw.number)
                            for reason, skipped in entry[4]] if entry[4] else []
            else:
                record_id, article, year, problems = self._read(key, raw)
            if record_id is not None:
                holder = claimed.get(record_id)
                if holder is None:
                    self._claim(record_id, raw.number)
                else:
                    mine = holder is self
                    where = f"first used at line {self._first_line(record_id)}" if mine else f"already used by {holder}"
                    duplicate = Problem(relpath, f"duplicate id '{record_id}' ({where})", line=raw.number)
                    # A second record of this file with the id is that error alone; one whose id an
                    # earlier file holds keeps its own problems too.
                    problems = [duplicate] if mine else [*problems, duplicate]
                    record_id, article = None, None
            if problems:
                yield self._record(raw, record_id, article, problems, year)
            else:
                yield _record((raw.number, raw.offset, record_id, article, year, ()))
        if not any_text:
            yield self._file_problem("empty file")

    def _claim(self, record_id: str, number: int) -> None:
        self.claimed[record_id] = self
        self._claimed_ids.append(record_id)
        self._claimed_lines.append(number)
        if self._first_lines is not None:
            self._first_lines[record_id] = number

    def _first_line(self, record_id: str) -> int:
        """The line of this file that first holds ``record_id``."""
        if self._first_lines is None:
            self._first_lines = dict(zip(self._claimed_ids, self._claimed_lines))
        return self._first_lines[record_id]

    def _keep(self, line: str) -> None:
        """Keep one record's outcome; they go to the spool a batch at a time."""
        self._batch.append(line)
        if len(self._batch) >= 1024:
            self._spool.write("\n".join(self._batch) + "\n")
            self._batch = []

    def _read(self, key: str, raw: RawLine) -> tuple[str | None, Article | None, int | None, list[Problem]]:
        """Parse a line; return its id, article, year and problems, and keep its outcome."""
        self.parsed += 1
        article, problems = parse_line(self.relpath, raw.number, raw.data)
        reasons = [[p.reason, p.skipped] for p in problems]
        if article is None:
            self._keep(outcome_line(key, None, False, None, None, reasons))
            return None, None, None, problems
        derived = article.id == derived_id(self.relpath, raw.number)
        self._keep(outcome_line(key, article.id, derived, article.content_hash, article.pub_year, reasons))
        return article.id, article, article.pub_year, problems

    def _still_valid(self, line: str, number: int) -> CacheEntry | None:
        """The outcome a cached line holds (see outcome_entry), or None when it no longer stands."""
        entry = outcome_entry(line)
        record_id, derived = entry[0], entry[1]
        if derived and record_id != derived_id(self.relpath, number):
            return None  # an id made of the line number moves with the line
        return entry if record_id is None or self.reusable(entry) else None

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
