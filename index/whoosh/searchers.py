"""Keep searchers open between queries, one per thread, index and generation.

Opening a Whoosh index maps its segment files and reads its table of contents: about 5 ms
on Reuters, a quarter of a search's time. A published generation never changes, so its
searcher stays valid until ``CURRENT`` names another one; then the next query in that thread
opens the new generation and closes the old searcher. Whoosh readers share file objects
whose read position moves, so threads never share a searcher.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from whoosh.searching import Searcher

from index.whoosh import schema, store
from index.errors import IndexMissingError

MAX_OPEN = 8  # per thread: tests and tools may search many small indexes in turn


class _Open(OrderedDict):
    """One thread's searchers: (index folder, index name) -> (generation, searcher)."""

    def __del__(self):  # the thread ended: close its files now, not whenever the collector runs
        while self:
            self.popitem()[1][1].close()


_local = threading.local()


@contextmanager
def searching(index_dir: Path, name: str, generation: Path | None = None) -> Iterator[Searcher]:
    """Give a searcher of index ``name`` (articles or events) of the published generation.

    ``generation`` asks for a given one instead, so that a page made of both indexes reads
    them from the same generation. Only for work that ends before the thread searches
    again: a lazy export keeps its own searcher.
    :raises IndexMissingError: when there is no index yet, or one of another schema.
    """
    generation = generation or store.require_generation(index_dir)
    cache: _Open = _local.__dict__.setdefault("searchers", _Open())
    key = (str(index_dir), name)
    opened = cache.get(key)
    if opened is None or opened[0] != generation:
        if opened is not None:
            cache.pop(key)[1].close()
        if store.read_meta(generation).get("schema_version") != schema.SCHEMA_VERSION:
            raise IndexMissingError(f"The index in {index_dir} was built by another version of the archive; "
                                    "run 'archive reindex' to rebuild it.")
        opened = cache[key] = (generation, store.open_generation(generation, name, index_dir).searcher())
        if len(cache) > MAX_OPEN:
            cache.popitem(last=False)[1][1].close()
    cache.move_to_end(key)
    yield opened[1]


def generation_of(searcher: Searcher) -> Path:
    """The generation folder a searcher reads (it also names the cached values of its segments)."""
    return Path(searcher._ix.storage.folder)
