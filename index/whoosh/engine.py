"""The Whoosh engine behind ``index.engine.Engine``: an index in a folder of generations."""
from __future__ import annotations

from pathlib import Path


class WhooshEngine:
    """The archive's index in ``index_dir``, searched and written with Whoosh in this process."""

    name = "whoosh"

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)

    @property
    def location(self) -> str:
        return str(self.index_dir)

    # Each method imports the module it needs: a reindex starts without the search side, a
    # search without the writer and the readers of the corpus. Module functions are looked up
    # at each call, so that tests can replace one.
    def search(self, q="", *, page=1, page_size=10, **narrowing):
        from index.whoosh import searcher

        return searcher.search(self.index_dir, q, page=page, page_size=page_size, **narrowing)

    def iter_hits(self, q="", **narrowing):
        from index.whoosh import searcher

        return searcher.iter_hits(self.index_dir, q, **narrowing)

    def suggest(self, q):
        from index.whoosh import suggest

        return suggest.suggest(self.index_dir, q)

    def article(self, article_id, q=""):
        from index.whoosh import articles

        return articles.get_article(self.index_dir, article_id, q)

    def timeline(self, q="", *, year_from=None, year_to=None, article=None, page=1, page_size=50, min_sources=1,
                 by_sources=False, written_only=False, conflicts=False):
        from index.whoosh import timeline

        return timeline.timeline(self.index_dir, q, year_from=year_from, year_to=year_to, article=article,
                                 page=page, page_size=page_size, min_sources=min_sources, by_sources=by_sources,
                                 written_only=written_only, conflicts=conflicts)

    def iter_timeline(self, q="", *, year_from=None, year_to=None, article=None, min_sources=1, by_sources=False,
                      written_only=False, conflicts=False):
        from index.whoosh import timeline

        return timeline.iter_timeline(self.index_dir, q, year_from=year_from, year_to=year_to, article=article,
                                      min_sources=min_sources, by_sources=by_sources, written_only=written_only,
                                      conflicts=conflicts)

    def reindex(self, corpus_dir, *, full=False, on_start=None, on_step=None, on_phase=None):
        from index.whoosh import writer

        return writer.build_index(corpus_dir, self.index_dir, full=full, on_start=on_start, on_step=on_step,
                                  on_phase=on_phase)
