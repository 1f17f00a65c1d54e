"""Find the article files of a corpus folder and read each with the reader for its format."""
from __future__ import annotations

import errno
import io
import logging
import os
import stat
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from archive.errors import CorpusError
from archive.models import Article, FileRead, Problem
from archive.readers.jsonl_stream import JsonlStream
from archive.readers.limits import MAX_ARTICLE_MB, MAX_FILE_MB, MB, megabytes, text_too_long  # noqa: F401 - the limits are named here too
from archive.readers.plaintext import read_plain_text

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".txt", ".html", ".htm", ".jsonl")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
STREAMED_EXTENSIONS = (".jsonl",)  # read a record at a time, at any size: see archive.readers.limits
# Not articles: the corpus's own documentation and the curated events file.
ROOT_IGNORED = frozenset({"README.md"})
IGNORED_ANYWHERE = frozenset({"timeline.yaml"})
UTF8_BOM = b"\xef\xbb\xbf"
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
          stat.S_IFBLK: "a device", stat.S_IFDIR: "a folder"}


def is_streamed(relpath: str) -> bool:
    """Whether a file is read as a stream of records (JSON Lines) rather than whole."""
    return os.path.splitext(relpath)[1].lower() in STREAMED_EXTENSIONS  # a str function: called per file


def open_regular(path: Path) -> BinaryIO:
    """Open a corpus file for reading bytes.

    :raises OSError: with a reason a researcher can act on, for a file that is missing or
        unreadable or is not a regular file (a named pipe would block the reindex forever, a
        link to /dev/zero would fill the memory).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a pipe opens at once
    handle = open(descriptor, "rb")
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        handle.close()
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
        raise OSError(errno.EINVAL, f"not a regular file ({kind})")
    return handle


def read_bytes(path: Path) -> bytes:
    """Return the bytes of an article file read whole.

    :raises OSError: as open_regular, and for a file larger than MAX_FILE_MB.
    """
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        limit = MAX_FILE_MB * MB
        data = handle.read(size + 1) if size <= limit else b""
        if len(data) > size:  # it grew since fstat (or is a /proc file): read on to the limit
            data += handle.read(limit + 1 - len(data))
        if size > limit or len(data) > limit:
            size = max(size, len(data))
            raise OSError(errno.EFBIG, f"file too large ({megabytes(size)} MB; limit {MAX_FILE_MB} MB)")
        return data


def _skip(relpath: str, reason: str) -> FileRead:
    """Return the read of a file lost entirely, for the reason given."""
    return FileRead([], [Problem(relpath, reason)])


def _expected() -> str:
    """Name the supported extensions as a sentence: ".md, ... or .jsonl"."""
    return ", ".join(SUPPORTED_EXTENSIONS[:-1]) + " or " + SUPPORTED_EXTENSIONS[-1]


def _decode(data: bytes) -> str:
    """Return the text of UTF-8 bytes, BOM stripped and newlines unified.

    :raises CorpusError: with the reason, when the bytes are binary or not UTF-8.
    """
    if b"\x00" in data:
        raise CorpusError("binary file")
    body = data[len(UTF8_BOM):] if data.startswith(UTF8_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)  # an offset in the file, BOM included
        raise CorpusError(f"not valid UTF-8 (byte 0x{body[error.start]:02x} at offset {offset})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_file(relpath: str, data: bytes) -> FileRead:
    """Read the articles of one file's bytes, choosing the reader by extension (no disk access)."""
    suffix = PurePosixPath(relpath).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        found = f"unknown file type '{suffix}'" if suffix else "no file extension"
        return _skip(relpath, f"{found} (expected {_expected()})")
    if is_streamed(relpath):
        return read_stream(relpath, io.BytesIO(data))
    try:
        text = _decode(data)
    except CorpusError as error:
        return _skip(relpath, str(error))
    if not text.strip():
        return _skip(relpath, "empty file")
    try:
        read = _read(relpath, suffix, text)
    except Exception as error:  # noqa: BLE001 - a reader's bug must cost one file, not the reindex
        logger.warning("reading %s failed", relpath, exc_info=True)
        return _skip(relpath, f"could not be read ({type(error).__name__}: {error})")
    return _without_long_articles(read)


def _read(relpath: str, suffix: str, text: str) -> FileRead:
    # Each reader is imported when a file of its kind is read: the front matter's needs YAML, the
    # HTML one Python's HTML parser, and a JSON Lines corpus starts without either.
    if suffix in (".html", ".htm"):
        from archive.readers.html import read_html

        return read_html(relpath, text)
    from archive.readers.frontmatter import has_front_matter, read_front_matter

    if has_front_matter(text):
        return read_front_matter(relpath, text)
    return read_plain_text(relpath, text, markdown=suffix in MARKDOWN_EXTENSIONS)


def _without_long_articles(read: FileRead) -> FileRead:
    """Skip, with a Problem, each article whose text is longer than MAX_ARTICLE_MB."""
    kept, problems = [], list(read.problems)
    for article in read.articles:
        too_long = text_too_long(article.title, article.body)
        if too_long is None:
            kept.append(article)
            continue
        problems.append(Problem(article.path, f"article too long ({too_long}; limit {MAX_ARTICLE_MB} MB)"))
    return read if len(kept) == len(read.articles) else FileRead(kept, problems)


def read_stream(relpath: str, handle: BinaryIO) -> FileRead:
    """Read every record of a JSON Lines file (all held in memory: for tests and small files)."""
    stream = JsonlStream(relpath, handle)
    articles, problems = [], []
    for record in stream:
        problems.extend(record.problems)
        if record.article is not None:
            articles.append(record.article)
    left_out = stream.left_out_problem()
    return FileRead(articles, problems + ([left_out] if left_out else []))


def _check_folder(corpus_dir: Path) -> None:
    """Raise CorpusError unless corpus_dir is an existing folder."""
    if not corpus_dir.exists():
        raise CorpusError(f"Corpus folder {corpus_dir} does not exist.")
    if not corpus_dir.is_dir():
        raise CorpusError(f"Corpus folder {corpus_dir} is a file, not a folder.")


def _child_maker(folder: Path):
    """Return a function making the path of a file in ``folder`` from its name.

    pathlib's own shortcut for listing a folder (a name is one part: nothing to parse) when
    this Python has it: ``Path(folder, name)`` parses both again, most of the time of listing
    a corpus of 20,000 files.
    """
    shortcut = getattr(folder, "_make_child_relpath", None)
    return shortcut if shortcut is not None else folder.joinpath


def corpus_files(corpus_dir: Path) -> list[Path]:
    """List every candidate article file under corpus_dir, sorted by relative path.

    :raises CorpusError: when corpus_dir is missing (os.walk would silently find nothing).
    """
    corpus_dir = Path(corpus_dir)
    _check_folder(corpus_dir)
    found: list[tuple[str, Path]] = []

    def unlisted(error: OSError) -> None:
        """Keep a folder that cannot be listed: reading it reports why, instead of silence.

        An unreadable corpus folder fails the reindex: read as empty, it would empty the index.
        """
        if Path(error.filename) == corpus_dir:
            raise CorpusError(f"Cannot read corpus folder {corpus_dir}: {error.strerror}.")
        path = Path(error.filename)
        found.append((path.relative_to(corpus_dir).as_posix(), path))

    for folder, dirnames, filenames in os.walk(corpus_dir, onerror=unlisted, followlinks=False):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        at_root = Path(folder) == corpus_dir
        # Relative paths joined as strings: pathlib's relative_to per file was most of the listing's time.
        prefix = "" if at_root else Path(folder).relative_to(corpus_dir).as_posix() + "/"
        child = _child_maker(Path(folder))
        for name in filenames:
            if name.startswith(".") or name in IGNORED_ANYWHERE or (at_root and name in ROOT_IGNORED):
                continue
            found.append((prefix + name, child(name)))
    return [path for _, path in sorted(found)]


def read_file(path: Path, corpus_dir: Path) -> FileRead:
    """Read one corpus file; a file that cannot be opened becomes a skipped Problem."""
    relpath = Path(os.path.relpath(path, corpus_dir)).as_posix()
    try:
        if is_streamed(relpath):
            with open_regular(path) as handle:
                return read_stream(relpath, handle)
        data = read_bytes(path)
    except OSError as error:
        return _skip(relpath, f"cannot read file: {error.strerror or error}")
    return parse_file(relpath, data)


def load_corpus(corpus_dir: Path) -> FileRead:
    """Read every article of the corpus, with the problems of the files that fell short."""
    corpus_dir = Path(corpus_dir)
    _check_folder(corpus_dir)
    articles: list[Article] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        read = read_file(path, corpus_dir)
        problems.extend(read.problems)
        for article in read.articles:
            # The index keys articles by id: a second holder would silently replace the first.
            if article.id in owners:
                reason = f"duplicate id '{article.id}' (already used by {owners[article.id]})"
                problems.append(Problem(article.path, reason))
                continue
            owners[article.id] = article.path
            articles.append(article)
    logger.debug("read %d articles from %s (%d problems)", len(articles), corpus_dir, len(problems))
    return FileRead(articles, problems)
