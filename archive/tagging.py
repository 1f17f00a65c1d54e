"""Date-tag many articles, on every core when there are enough of them to be worth it.

Tagging is pure Python and independent per article, while Whoosh's writer must stay in
one process: worker processes tag ahead while the main process writes what is ready.
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
from typing import Iterator

from archive.events import ArticleDates, date_article
from archive.models import Article

logger = logging.getLogger(__name__)

# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN = 200
CHUNK = 32


def dated(articles: list[Article]) -> Iterator[tuple[Article, ArticleDates, str | None]]:
    """Yield each article with its years and events, in order, and an error text if tagging failed."""
    workers = min(os.cpu_count() or 1, 4)
    if len(articles) < PARALLEL_MIN or workers < 2:
        for article in articles:
            yield (article, *_safe_date(article))
        return
    # fork: the workers start at once, without importing the project again.
    with multiprocessing.get_context("fork").Pool(workers, initializer=_die_with_parent) as pool:
        for article, result in zip(articles, pool.imap(_safe_date, articles, chunksize=CHUNK)):
            yield (article, *result)


def _die_with_parent() -> None:
    """Make a worker stop at once when its reindex is killed, not fail later sending results."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass


def _safe_date(article: Article) -> tuple[ArticleDates, str | None]:
    try:
        return date_article(article), None
    except Exception as error:  # noqa: BLE001 - a tagger bug must not cost the article or the run
        logger.debug("date tagging failed for %s", article.id, exc_info=True)
        return ArticleDates([], []), f"dates not read ({type(error).__name__}: {error})"
