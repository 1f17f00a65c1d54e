"""Arbitrary query strings never crash search, the timeline, the CLI or the web pages."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.cli import cli
from index.whoosh import searcher, timeline
from index.errors import QueryError

# Pieces of the query language, so that generated strings hit the parser's corners.
SYNTAX = st.sampled_from(['"', "(", ")", "AND", "OR", "NOT", "ANDNOT", "*", "?", "~", "~2", "^", ":",
                          "title:", "year:", "year:[", " TO ", "]", "{", "}", "-", "+", "\\", "a*", "*a",
                          "year:>", "published:<=", "tag:", "source:", "2013", "-152", "moon", "café", "\x00"])
QUERIES = st.lists(st.one_of(SYNTAX, st.text(max_size=12)), max_size=12).map(" ".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(q=QUERIES)
def test_search_answers_or_says_why(index_dir, q):
    try:
        page = searcher.search(index_dir, q)
    except QueryError as error:
        assert str(error)
    else:
        assert page.total >= len(page.hits) and isinstance(page.parsed, str)


@FUZZ
@given(q=QUERIES)
def test_timeline_answers_or_says_why(index_dir, q):
    try:
        page = timeline.timeline(index_dir, q)
    except QueryError as error:
        assert str(error)
    else:
        assert page.total >= len(page.entries)


@FUZZ
@given(q=QUERIES)
def test_cli_search_exits_0_or_2_without_a_traceback(runner, index_dir, q):
    result = runner.invoke(cli, ["search", "--index", str(index_dir), "--", q])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("path", ["/search", "/api/search", "/timeline", "/api/timeline", "/api/facets",
                                  "/search.csv", "/timeline.json"])
@FUZZ
@given(q=QUERIES)
def test_web_pages_answer_200_or_400(client, path, q):
    response = client.get(path, query_string={"q": q})
    response.get_data()  # read streamed exports to the end, so they close inside the request
    response.close()
    assert response.status_code in (200, 400), (path, q, response.status_code)
