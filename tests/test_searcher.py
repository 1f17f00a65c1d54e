"""Search: the query language, ranking, snippets, year facets and filters on real indexes.

Tests that take ``engine`` run on both engines (Whoosh in tmp_path, OpenSearch on the test cluster);
the others test what only the Whoosh engine has (its parser's quirks, feedback, caches, time limit).
"""
from __future__ import annotations

import pytest

from index import serializers
from index.whoosh import searcher
from index.errors import IndexMissingError, QueryError
from index.results import YearBucket


def titles(engine, q, **options):
    return [hit.title for hit in engine.search(q, **options).hits]


@pytest.mark.parametrize("q, expected", [
    ("moon", ["Moon landing remembered"]),
    ("wall OR robots", ["Robots at the fair", "The fall of the Berlin Wall"]),
    ("1989 AND crew", ["Moon landing remembered"]),
    ("1989 NOT crew", ["The fall of the Berlin Wall"]),
    ("NOT 1989", ["Robots at the fair"]),
    ("1989 -crew", ["The fall of the Berlin Wall"]),
    ('"brandenburg gate"', ["The fall of the Berlin Wall"]),
    ('"gate brandenburg"', []),
    ("robo*", ["Robots at the fair"]),
    ("brandenbrug~2", ["The fall of the Berlin Wall"]),
    ("title:wall", ["The fall of the Berlin Wall"]),
    ("title:crowds", []),
    ("source:\"space weekly\"", ["Moon landing remembered"]),
    ("tag:space", ["Moon landing remembered"]),
    ("year:1969", ["Moon landing remembered"]),
    ("year:[2000 TO 2030]", ["Robots at the fair"]),
    ("published:2009", ["The fall of the Berlin Wall"]),
    ("cafe", ["The fall of the Berlin Wall"]),
    ("café", ["The fall of the Berlin Wall"]),
    ("landings", ["Moon landing remembered"]),
])
def test_query_language(engine, q, expected):
    assert sorted(titles(engine, q)) == expected


def test_title_matches_rank_above_body_matches(tmp_path):
    # The title boost is slight (larger ones lowered Cranfield's nDCG@10): enough for a
    # word in the title to outrank the same word once in the body.
    from tests.conftest import write_corpus
    from index.whoosh.writer import build_index

    corpus = write_corpus(tmp_path / "c", {
        "a.md": "---\ntitle: Notes\ndate: 2020-01-01\n---\nA word about glaciers, written in the mountains last year.",
        "b.md": "---\ntitle: Glaciers\ndate: 2020-01-01\n---\nA word about ice, written in the mountains last year.",
    })
    build_index(corpus, tmp_path / "ix")
    assert [hit.title for hit in searcher.search(tmp_path / "ix", "glaciers").hits] == ["Glaciers", "Notes"]


def test_year_facets_count_matching_articles_in_order(engine):
    page = engine.search("")
    assert page.facets["years"] == [
        YearBucket(1969, 1), YearBucket(1989, 2), YearBucket(2019, 1), YearBucket(2025, 1)]
    assert page.facets["pub_year"] == [YearBucket(2009, 1), YearBucket(2019, 1), YearBucket(2025, 1)]


def test_search_filters_by_year_mentioned(engine):
    page = engine.search("", years=(1989,))
    assert sorted(h.title for h in page.hits) == ["Moon landing remembered", "The fall of the Berlin Wall"]
    # The facet counts the matches without its own filter: the other years can be added ("1989 or 2025").
    assert page.facets["years"] == [YearBucket(1969, 1), YearBucket(1989, 2, selected=True), YearBucket(2019, 1),
                                    YearBucket(2025, 1)]
    assert page.facets["pub_year"] == [YearBucket(2009, 1), YearBucket(2019, 1)]  # other facets: the matches


def test_several_years_widen_and_a_selected_year_without_matches_stays(engine):
    page = engine.search("robots", years=(1969, 2025))
    assert [h.title for h in page.hits] == ["Robots at the fair"]
    assert page.facets["years"] == [YearBucket(1969, 0, True), YearBucket(2019, 1), YearBucket(2025, 1, True)]


def test_search_filters_by_publication_year_and_range(engine):
    assert titles(engine, "", pub_years=(2009,)) == ["The fall of the Berlin Wall"]
    assert titles(engine, "", year_from=1960, year_to=1970) == ["Moon landing remembered"]
    assert titles(engine, "", year_from=2020) == ["Robots at the fair"]


def test_sort_by_date(engine):
    newest = ["Robots at the fair", "Moon landing remembered", "The fall of the Berlin Wall"]
    assert titles(engine, "") == newest
    assert titles(engine, "", sort="oldest") == newest[::-1]
    assert titles(engine, "1989", sort="oldest") == newest[:0:-1]


def test_pages_split_the_hits(engine):
    page = engine.search("", page=2, page_size=2)
    assert (page.total, page.page_count, [h.title for h in page.hits]) == (3, 2, ["The fall of the Berlin Wall"])


def test_snippets_highlight_matches_and_escape_the_text(tmp_path):
    from tests.conftest import write_corpus
    from index.whoosh.writer import build_index

    corpus = write_corpus(tmp_path / "c", {"x.md": "---\ntitle: Tags\ndate: 2020-01-01\n---\n"
                                           "Beware <script>alert(1)</script> the glacier melts."})
    build_index(corpus, tmp_path / "ix")
    [hit] = searcher.search(tmp_path / "ix", "glacier").hits
    html = serializers.snippet_html(hit.snippet)
    assert '<mark class="match term0">glacier</mark>' in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.spans] == ["glacier"]


def test_hits_carry_what_a_result_list_shows(engine):
    [hit] = engine.search("apollo").hits
    assert (hit.id, hit.source, str(hit.published), hit.years, hit.tags) == (
        "moon", "Space Weekly", "2019-07-20", (1969, 1989), ("space", "history"))


@pytest.mark.parametrize("q, parsed", [
    ("moon", "moon"),
    ("moon AND crew", "(moon AND crew)"),
    ("year:2013", "years:2013"),
    ('title:"moon landing"', 'title:"moon land"'),
    ("NOT moon", "NOT moon"),
])
def test_the_parsed_query_is_shown(engine, q, parsed):
    assert engine.search(q).parsed == parsed


@pytest.mark.parametrize("q, note", [
    ("moon AND (", "Unmatched '(' ignored."),
    ("moon AND", "'AND' with nothing after it was ignored."),
    ('"moon landing', "Unclosed quote: its words were searched one by one, not as a phrase."),
    ("the moon", "Common words not searched: the."),
])
def test_dropped_parts_of_a_query_are_reported(engine, q, note):
    page = engine.search(q)
    assert note in page.notes
    assert [h.title for h in page.hits] == ["Moon landing remembered"]


@pytest.mark.parametrize("q, message", [
    ("author:smith", "Unknown field 'author:'"),
    ("year:abc", "'year:' takes a year"),
    ("the", "Nothing to search for"),
    ("AND", "Nothing to search for"),
    ("x" * 5000, "the limit is"),
])
def test_queries_that_cannot_be_searched_say_why(engine, q, message):
    with pytest.raises(QueryError, match=message):
        engine.search(q)


def test_missing_index_says_to_reindex(tmp_path):
    with pytest.raises(IndexMissingError, match="Run 'archive reindex' first"):
        searcher.search(tmp_path / "nothing", "moon")


def test_facet_counts_follow_an_incremental_reindex_in_the_same_process(corpus_dir, index_dir):
    from index.whoosh.writer import build_index

    before = searcher.search(index_dir, "").facets["years"]
    assert YearBucket(1989, 2) in before
    (corpus_dir / "wall.md").unlink()
    build_index(corpus_dir, index_dir)
    after = searcher.search(index_dir, "").facets["years"]
    assert after == [YearBucket(1969, 1), YearBucket(1989, 1), YearBucket(2019, 1), YearBucket(2025, 1)]


@pytest.mark.parametrize("q", ['NOT AND "', '" ANDNOT ANDNOT (', '" (-)'])
def test_queries_that_trip_whoosh_s_parser_get_a_message(index_dir, q):
    """Found by fuzzing: Whoosh's parser raised IndexError, AssertionError, NotImplementedError."""
    try:
        searcher.search(index_dir, q)
    except QueryError as error:
        assert "cannot be read as a query" in str(error) or "Nothing to search for" in str(error)


def test_words_no_article_holds_together_are_searched_one_by_one(engine):
    page = engine.search("brandenburg landing")
    assert sorted(hit.title for hit in page.hits) == ["Moon landing remembered", "The fall of the Berlin Wall"]
    assert any("any of them" in note for note in page.notes)
    assert [hit.title for hit in engine.iter_hits("brandenburg landing")] == [h.title for h in page.hits]


@pytest.mark.parametrize("q, total", [("brandenburg AND landing", 0), ("+brandenburg landing", 1),
                                      ("title:brandenburg landing", 0), ("(brandenburg landing)", 0)])
def test_a_query_with_operators_is_never_relaxed(engine, q, total):
    page = engine.search(q)
    assert page.total == total and not any("any of them" in note for note in page.notes)


def test_feedback_reorders_long_queries_without_changing_their_matches(tmp_path):
    from index.whoosh import schema, searchers
    from tests.conftest import write_corpus
    from index.whoosh.writer import build_index

    topic = "glacier moraine meltwater crevasse icefall"
    files = {f"a{i}.md": f"---\ntitle: Report {i}\ndate: 2020-01-01\n---\nA glacier survey: {topic} ice."
             for i in range(6)}
    files["x.md"] = "---\ntitle: Other\ndate: 2020-01-01\n---\nA glacier survey, ice ice ice."
    build_index(write_corpus(tmp_path / "c", files), tmp_path / "ix")
    q = "glacier ice survey"
    with searchers.searching(tmp_path / "ix", schema.ARTICLES) as s:  # the ranking without feedback
        plan = searcher._plan(s.schema, q)
        plain = [s.stored_fields(docnum)["id"] for docnum, _ in searcher._run(s, plan, 20, "")[0]]
    page = searcher.search(tmp_path / "ix", q, page_size=20)
    assert plain[0] == "x"  # short, and "ice" three times
    assert [hit.id for hit in page.hits][-1] == "x"  # lacks every word the other matches share
    assert page.total == 7 and {hit.id for hit in page.hits} == set(plain)
    assert [h.id for h in searcher.iter_hits(tmp_path / "ix", q)] == [h.id for h in page.hits]


@pytest.mark.parametrize("q", ["moon OR wall OR robots", "moon OR 1989 OR fair OR crowds", "landing ANDMAYBE moon"])
def test_a_small_page_still_counts_every_match(index_dir, q):
    every = [hit.id for hit in searcher.iter_hits(index_dir, q)]
    for page_size in (1, 2, 10):
        page = searcher.search(index_dir, q, page_size=page_size)
        assert page.total == len(every)
        assert sum(b.count for b in page.facets["pub_year"]) == len(every)
        assert [hit.id for hit in page.hits] == every[:page_size]


def test_a_small_page_ranks_and_counts_as_the_whole_list_does(tmp_path):
    # Whoosh's top-N search may drop the parts of a query that cannot lift a document into
    # the page once it is full; the first page and the count must not change for that.
    from tests.conftest import write_corpus
    from index.whoosh.writer import build_index

    files = {f"a{i:02d}.md": f"---\ntitle: Note {i}\ndate: 2020-01-01\n---\nomega delta {'gamma ' * (i % 5)}"
             + "filler " * (i % 7) for i in range(60)}
    files |= {f"b{i:02d}.md": f"---\ntitle: Note {i}\ndate: 2020-01-01\n---\nalpha beta " + "filler " * i
              for i in range(40)}
    build_index(write_corpus(tmp_path / "c", files), tmp_path / "ix")
    for q in ("omega delta gamma", "omega OR alpha", "alpha beta gamma omega"):
        every = [hit.id for hit in searcher.iter_hits(tmp_path / "ix", q)]
        for page_size in (1, 3):
            page = searcher.search(tmp_path / "ix", q, page_size=page_size)
            assert (page.total, [hit.id for hit in page.hits]) == (len(every), every[:page_size]), q


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_a_search_over_its_time_limit_stops_with_a_message(index_dir, monkeypatch, sort):
    from index.whoosh import limits, timeline

    monkeypatch.setattr(limits, "CHUNK", 1)  # look at the clock after every match
    monkeypatch.setattr(limits, "SEARCH_SECONDS", -1.0)  # and find the time already up
    with pytest.raises(QueryError, match="took longer than -1 seconds and was stopped"):
        searcher.search(index_dir, "moon OR wall OR fair", sort=sort)
    with pytest.raises(QueryError, match="was stopped"):
        timeline.timeline(index_dir, "moon OR wall OR fair")  # every event is read at once, with no clock


def test_values_cached_for_an_old_generation_go_once_a_new_one_is_searched(corpus_dir, index_dir):
    from index.whoosh import doc_values, store
    from index.whoosh.writer import build_index

    def cached_generations() -> set[str]:
        return {key[1] for key in doc_values._CACHE if key[1].startswith(str(index_dir))}

    searcher.search(index_dir, "")
    old = str(store.current_generation(index_dir))
    assert cached_generations() == {old}
    (corpus_dir / "moon.md").unlink()
    build_index(corpus_dir, index_dir)
    searcher.search(index_dir, "")
    assert cached_generations() == {str(store.current_generation(index_dir))} != {old}


def test_an_index_of_an_empty_corpus_answers_every_search_with_nothing(tmp_path):
    from index.whoosh import timeline
    from index.whoosh.writer import build_index
    from webui import create_app

    (tmp_path / "corpus").mkdir()
    build_index(tmp_path / "corpus", tmp_path / "ix")
    for sort in ("relevance", "newest", "oldest"):
        assert searcher.search(tmp_path / "ix", "", sort=sort).total == 0
        assert searcher.search(tmp_path / "ix", "moon", sort=sort, years=(1969,)).total == 0
    assert timeline.timeline(tmp_path / "ix", year_from=1900, year_to=2000).total == 0
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "ix")}).test_client()
    assert [client.get(path).status_code for path in ("/", "/search?q=moon", "/timeline?from=1900")] == [200] * 3
