"""Index generations on disk: every reindex writes a new one and publishes it atomically.

An index directory holds numbered generation folders and a ``CURRENT`` file naming the
published one. A reindex copies the current generation with hard links (Whoosh never
rewrites a segment file, so the copies stay untouched by the writer), writes into the
copy and then replaces ``CURRENT`` with ``os.replace``: readers see the old generation
or the new one, never a half-written one, whenever the writer dies.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from whoosh import index as whoosh_index

from index.errors import IndexBusyError, IndexMissingError, SearchIndexError

POINTER = "CURRENT"
LOCK = "reindex.lock"
META = "meta.json"
PREFIX = "gen-"


def current_generation(index_dir: Path) -> Path | None:
    """Return the published generation folder, or None when there is none."""
    try:
        name = (Path(index_dir) / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = Path(index_dir) / name
    return path if name.startswith(PREFIX) and path.is_dir() else None


def require_generation(index_dir: Path) -> Path:
    """Return the published generation folder or say how to make one."""
    path = current_generation(index_dir)
    if path is None:
        raise IndexMissingError(f"No search index in {index_dir}. Run 'archive reindex' first.")
    return path


def open_index(index_dir: Path, name: str) -> whoosh_index.Index:
    """Open one index (articles or events) of the published generation, or say how to build it."""
    return open_generation(require_generation(index_dir), name, index_dir)


def open_generation(generation: Path, name: str, index_dir: Path) -> whoosh_index.Index:
    """Open one index of a given generation of ``index_dir``, or say how to build it."""
    try:
        return whoosh_index.open_dir(generation, indexname=name)
    except whoosh_index.EmptyIndexError:
        raise IndexMissingError(f"No search index in {index_dir}. Run 'archive reindex' first.") from None


def read_meta(generation: Path) -> dict:
    """Return what the reindex that wrote a generation recorded about it."""
    try:
        return json.loads((generation / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


# Lock files this process holds. A forked child (the date taggers of a reindex) inherits
# their descriptors, and an flock lives as long as any descriptor of it: a worker still
# busy after its reindex was killed would keep the lock. Children close them at once.
_held: set = set()


def _close_inherited_locks() -> None:
    for handle in _held:
        handle.close()
    _held.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


@contextmanager
def reindex_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's write lock, or fail at once if another reindex holds it.

    ``flock`` locks die with their process (and its forked children never hold them), so a
    killed reindex never leaves a stale lock.
    """
    index_dir = Path(index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK, "a+")
    except OSError as error:
        raise SearchIndexError(f"Cannot write to {index_dir}: {error.strerror}.") from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(
                f"Another reindex is writing to {index_dir}; try again when it finishes."
            ) from None
        _held.add(handle)
        try:
            yield
        finally:
            _held.discard(handle)


def new_generation(index_dir: Path, copy_from: Path | None) -> Path:
    """Make the folder of the next generation, a hard-linked copy of ``copy_from`` if given."""
    index_dir = Path(index_dir)
    numbers = [int(p.name[len(PREFIX):]) for p in _generations(index_dir)]
    path = index_dir / f"{PREFIX}{max(numbers, default=0) + 1:06d}"
    path.mkdir()
    if copy_from is not None:
        for source in copy_from.iterdir():
            if source.is_file() and not source.name.endswith("_WRITELOCK") and source.name != META:
                os.link(source, path / source.name)
    return path


def publish(index_dir: Path, generation: Path, meta: dict) -> None:
    """Record ``meta`` in the generation and make it the one readers open."""
    _write_atomically(generation / META, json.dumps(meta, indent=1, sort_keys=True))
    _write_atomically(Path(index_dir) / POINTER, generation.name + "\n")


def remove_stale(index_dir: Path, keep: int = 2) -> None:
    """Delete abandoned and old generations, keeping the newest published ones.

    The previous generation stays so that a search opened just before the switch can finish.
    """
    current = current_generation(index_dir)
    published = [p for p in _generations(index_dir) if current and p.name <= current.name]
    for path in _generations(index_dir):
        if path not in published[-keep:]:
            shutil.rmtree(path, ignore_errors=True)


def _generations(index_dir: Path) -> list[Path]:
    if not index_dir.is_dir():
        return []
    return sorted(p for p in index_dir.iterdir() if p.name.startswith(PREFIX) and p.is_dir())


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
