"""The fixes to Whoosh: each one needed on the pinned version, each one working, none leaking."""
from __future__ import annotations

import pytest
from whoosh.codec import whoosh3
from whoosh.qparser import syntax

from index.whoosh import patches, schema
from index.whoosh.query import make_parser


def test_the_fixes_are_applied_on_the_checked_version():
    assert patches.installed_version() in patches.CHECKED
    assert patches.applied()


def test_on_another_version_the_fixes_are_skipped_with_a_reason(monkeypatch):
    monkeypatch.setattr(patches, "installed_version", lambda: "2.8.0")
    with patches.removed():
        with pytest.warns(RuntimeWarning, match="checked on whoosh-reloaded 2.7.5, not 2.8.0"):
            assert patches.apply() is False
        assert not patches.applied()
    assert patches.applied()


def test_removed_gives_whoosh_its_own_code_back():
    with patches.removed():
        assert vars(syntax.BinaryGroup)["query"] is patches.ORIGINALS[(syntax.BinaryGroup, "query")]
        assert not patches.applied()
    assert patches.applied()


class _Reader:
    """The parts of a per-segment reader ``_cached_reader`` uses, counting the look-ups."""

    def __init__(self):
        self._readers, self.looked_up = {}, 0

    def has_column(self, fieldname):
        self.looked_up += 1  # a stat call on disk in Whoosh
        return False


def _look_ups(function) -> int:
    reader = _Reader()
    for _ in range(5):
        assert function(reader, "pub_year", None) is None
    return reader.looked_up


def test_a_field_without_lengths_is_looked_up_once_not_every_time():
    with patches.removed():
        assert _look_ups(whoosh3.W3PerDocReader._cached_reader) == 5  # needed: Whoosh looks every time
    assert _look_ups(whoosh3.W3PerDocReader._cached_reader) == 1


def _word_builds(text: str) -> int:
    built = 0
    original = syntax.WordNode.query

    def counting(self, parser):
        nonlocal built
        built += 1
        return original(self, parser)

    syntax.WordNode.query = counting
    try:
        make_parser(schema.article_schema()).parse(text)
    finally:
        syntax.WordNode.query = original
    return built


def test_each_side_of_nested_andnot_is_built_once():
    text = "w0" + "".join(f" ANDNOT (w{i}" for i in range(1, 9)) + ")" * 8
    with patches.removed():
        unpatched = _word_builds(text)
    patched = _word_builds(text)
    assert patched == 9 * 2  # nine words, each over the two default fields (title, body)
    assert unpatched > 50 * patched  # needed: Whoosh builds 2^depth times
    assert make_parser(schema.article_schema()).parse(text) is not None


def test_the_benchmark_baselines_run_plain_whoosh():
    from bench import baselines

    assert baselines._plain(patches.applied)() is False
    assert patches.applied()
