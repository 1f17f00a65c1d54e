"""Hostile queries on every surface: the index functions, both CLI commands and every web address.

tests/test_fuzz_queries.py fuzzes short strings of query syntax on some surfaces; this adds
the shapes a short fuzz never reaches (500 nested brackets, 100 KB of text, wildcards that
match every term, unknown fields) and the surfaces it leaves out (the timeline command, the
article pages, every export). Every answer is a result or a sentence saying why, never a
traceback or a 500.
"""
from __future__ import annotations

import json
import resource

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.cli import cli
from index.whoosh import searcher, timeline
from index.errors import QueryError
from index.whoosh.writer import build_index
from tests.conftest import ARTICLES, write_corpus
from tests.hostile import make_client
from tests.procs import archive

HOSTILE_QUERIES = {
    "words": "moon landing café 1969",
    "unbalanced quote": '"moon landing',
    "unbalanced brackets": "((moon OR wall) AND (",
    "closing brackets": "moon)))) OR ]]]} wall",
    "unknown field": "author:smith",
    "unknown field in brackets": "(moon OR (wall AND colour:red))",
    "every term": "*",
    "prefix": "a*",
    "infix": "*a*",
    "single characters": "?*?*?",
    "many wildcards": "*?" * 500,
    "nested 500": "(" * 500 + "moon" + ")" * 500,
    "nested 990 unclosed": "(" * 990 + "moon",
    "nested NOT": "NOT (" * 300 + "moon" + ")" * 300,
    "fuzzy far": "moon~9",
    "range": "year:[* TO *] OR published:[-999999999999 TO 999999999999]",
    "only operators": "AND OR NOT ANDNOT",
    "control characters": "moon\x00\x07\x1b[31m",
    "right-to-left override": "\u202emoon\u202c",
    "zero-width": "mo\u200bon\u200d\ufeff",
    "markup": '"><script>alert(1)</script><img src=x onerror=alert(1)>',
    "100 KB": "moon " * 20_000,
}
WEB_PATHS = ["/search", "/api/search", "/api/facets", "/search.csv", "/search.json", "/timeline", "/api/timeline",
             "/timeline.csv", "/timeline.json", "/timeline.timelinejs.json", "/articles/moon", "/api/articles/moon"]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    """One index for the module: these tests only read it."""
    root = tmp_path_factory.mktemp("queries")
    build_index(write_corpus(root / "corpus", ARTICLES), root / "index")
    return root / "index"


@pytest.fixture(scope="module")
def client(index_dir):
    return make_client(index_dir)


def get(client, path: str, q: str):
    response = client.get(path, query_string={"q": q})
    text = response.get_data(as_text=True)  # streamed exports are read to their end
    response.close()
    return response, text


@pytest.mark.parametrize("q", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_search_and_timeline_answer_or_say_why(index_dir, q):
    for run in (searcher.search, timeline.timeline):
        try:
            page = run(index_dir, q)
        except QueryError as error:
            assert str(error).strip()
        else:
            assert page.total >= 0 and isinstance(page.parsed, str)


@pytest.mark.parametrize("q", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_both_cli_commands_exit_0_or_2_with_a_sentence(runner, index_dir, q):
    for command in (["search", "--json"], ["timeline", "--json"]):
        result = runner.invoke(cli, [*command, "--index", str(index_dir), "--", q])
        assert result.exit_code in (0, 2), (command, result.output[-500:])
        assert "Traceback" not in result.output
        if result.exit_code == 0:
            json.loads(result.output)
        else:
            assert "Error: " in result.output


@pytest.mark.parametrize("q", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_every_web_address_answers_200_or_a_400_that_says_why(client, q):
    for path in WEB_PATHS:
        response, text = get(client, path, q)
        assert response.status_code in (200, 400), (path, response.status_code, text[:300])
        if response.status_code == 400:
            message = json.loads(text)["error"] if response.is_json else text
            assert "query" in message.lower() or "search" in message.lower(), (path, message[:300])
        assert "Traceback" not in text


# Queries built as a tree, so nesting, fields (known or not) and operators combine at depth.
FIELDS = st.sampled_from(["", "title:", "body:", "year:", "published:", "tag:", "headline:", "sentence:",
                          "article:", "author:", "Title:", "x_y:"])
LEAVES = st.one_of(st.sampled_from(["moon", "wall", "café", "*", "a*", "*a*", "1989", "[1900 TO 2000]", ">1990",
                                    '"fall of"', '"unclosed', "robot~", "te?t", "-", "+", "^2", "\\"]),
                   st.text(max_size=8))
TREES = st.recursive(
    st.builds(lambda field, leaf: field + leaf, FIELDS, LEAVES),
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner, st.sampled_from(["AND", "OR", "NOT", ""]), inner),
        st.builds(lambda a, opened, closed: "(" * opened + a + ")" * closed, inner,
                  st.integers(0, 60), st.integers(0, 60)),
        st.builds(lambda a: "NOT " + a, inner)),
    max_leaves=12)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


@FUZZ
@given(q=TREES, path=st.sampled_from(WEB_PATHS))
def test_fuzzed_query_trees_never_fail_a_web_address(client, q, path):
    response, text = get(client, path, q)
    assert response.status_code in (200, 400), (path, q, response.status_code)


@FUZZ
@given(q=TREES)
def test_fuzzed_query_trees_never_fail_the_timeline_command(runner, index_dir, q):
    result = runner.invoke(cli, ["timeline", "--index", str(index_dir), "--", q])
    assert result.exit_code in (0, 2), (q, result.output[-500:])


CPU_SECONDS = 3  # a hang guard: the whole command needs under half a CPU second


def at_most_cpu_seconds() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


@pytest.mark.parametrize("q", ["moon ANDNOT (" * 40 + "wall" + ")" * 40, "moon ANDNOT wall " * 30 + "moon",
                               "moon ANDMAYBE (" * 15 + "wall" + ")" * 15])
def test_a_chain_of_andnot_is_parsed_in_linear_time(index_dir, q):
    # 'moon ANDNOT (moon ANDNOT (...': 40 levels would take 2**40 steps in Whoosh's own parser.
    # Plain 'a ANDNOT b ANDNOT c' nests the same way: 20 words took a minute.
    result = archive("search", "--index", str(index_dir), "--", q, preexec_fn=at_most_cpu_seconds)
    assert result.returncode in (0, 2), f"killed after {CPU_SECONDS} CPU seconds (signal {-result.returncode})"
