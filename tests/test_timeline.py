"""Timeline queries, curated events and corrections, across reindexes."""
from __future__ import annotations

import json

import pytest

from archive.cli import cli
from index.density import density
from index.errors import QueryError
from index.whoosh import timeline as timelines
from index.whoosh.writer import build_index
from tests.conftest import engine_for, write_corpus

ARTICLES = {
    "ai.md": """---
title: Machines that translate
date: 2025-12-06
---
In 2013, the institute was founded. The translation program followed in late 2006.

Work began in May 2006 with a visit. Last year's treaty with Russia helped.
""",
    "rome.md": """---
title: Rome
date: 2020-01-01
---
In 153 BC, Roman consuls began their year in office. In AD 69, the legions rebelled.
""",
}


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", ARTICLES)


@pytest.fixture
def index(corpus, tmp_path):
    build_index(corpus, tmp_path / "index")
    return tmp_path / "index"


@pytest.fixture
def engine(index, corpus, engine_name, request):
    """These articles behind the Engine API, on each engine in turn (the tests taking ``engine`` run on both)."""
    return engine_for(engine_name, request, corpus, index, "timeline")


def labels(page_or_entries):
    entries = getattr(page_or_entries, "entries", page_or_entries)
    return [e.label for e in entries]


def test_events_come_in_chronological_order_across_eras(engine):
    page = engine.timeline()
    assert labels(page) == ["153 BC", "69", "May 2006", "late 2006", "2013", "2024"]
    assert page.total == 6


def test_timeline_filters_by_year_range_query_and_article(engine):
    assert labels(engine.timeline(year_from=2006, year_to=2013)) == ["May 2006", "late 2006", "2013"]
    assert labels(engine.timeline(year_to=0)) == ["153 BC"]
    assert labels(engine.timeline("sentence:translation")) == ["late 2006"]
    # A query matches the happening's own words; the article's title only when asked for.
    assert labels(engine.timeline("translation")) == ["late 2006"]
    assert labels(engine.timeline("article:translate")) == labels(engine.timeline(article="ai"))
    assert labels(engine.timeline("article:rome")) == ["153 BC", "69"]
    assert labels(engine.timeline(article="rome")) == ["153 BC", "69"]


def test_entries_link_back_to_their_sentence(engine, corpus):
    body = (corpus / "ai.md").read_text().split("---\n", 2)[2]
    [entry] = engine.timeline(year_from=2013, year_to=2013).entries
    assert (entry.article_id, entry.article_title, str(entry.published)) == ("ai", "Machines that translate", "2025-12-06")
    assert entry.sentence == "In 2013, the institute was founded."
    assert entry.headline == "The institute was founded"
    assert body[entry.start:entry.end] == entry.sentence


def test_pages_and_density(engine):
    page = engine.timeline(page=2, page_size=4)
    assert (labels(page), page.page_count) == (["2013", "2024"], 2)
    assert [(b.start, b.end, b.count) for b in engine.timeline(year_from=2000).density] == [
        (2006, 2006, 2), (2013, 2013, 1), (2024, 2024, 1)]


def test_density_collapses_to_decades_then_centuries_as_the_range_widens(engine):
    page = engine.timeline()
    assert page.granularity == "century"
    # BC centuries mirror AD ones: 199 BC-100 BC (astronomical -198..-99), and AD 1-99 starts at 1.
    assert [(b.start, b.end, b.count) for b in page.density] == [(-198, -99, 1), (1, 99, 1), (2000, 2099, 4)]
    assert engine.timeline(year_from=2000).granularity == "year"
    buckets, granularity = density({1900: 2, 1905: 1, 2020: 3})
    assert (granularity, [(b.start, b.end, b.count) for b in buckets]) == ("decade", [(1900, 1909, 3), (2020, 2029, 3)])


def test_article_events_follow_the_text(engine):
    assert labels(engine.article("ai").events) == ["2013", "late 2006", "May 2006", "2024"]


def test_bad_timeline_query_says_why(engine):
    with pytest.raises(QueryError, match="Unknown field 'author:'"):
        engine.timeline("author:x")


CURATED = """events:
  - date: 2014-03
    title: A curated milestone
    sources: [ai, https://example.org/report]
  - date: 153 BC
    title: Consuls of Rome
  - date: 2013-13
    title: A wrong date
corrections:
  - event: {hide}
    hide: true
  - event: {redate}
    redate: 2006-11
    retitle: The order for the translation program
  - event: nonexistent
    hide: true
"""


def test_curated_events_and_corrections_survive_reindexes(corpus, index):
    before = {e.label: e.id for e in timelines.timeline(index).entries}
    (corpus / "timeline.yaml").write_text(CURATED.format(hide=before["2024"], redate=before["late 2006"]))
    report = build_index(corpus, index)
    assert [str(p) for p in report.problems] == [
        "timeline.yaml (line 7): event skipped: '2013-13' is not a real date",
        "timeline.yaml (line 15): correction for unknown event 'nonexistent': no event has this id now (its "
        "sentence changed, or its article is gone), so it changes nothing; every other correction and event is kept"]
    expected = ["153 BC", "153 BC", "69", "May 2006", "November 2006", "2013", "March 2014"]
    page = timelines.timeline(index)
    assert labels(page) == expected
    assert [e.curated for e in page.entries] == [True, False, False, False, False, False, True]
    assert page.entries[4].headline == "The order for the translation program"
    assert page.entries[4].id == before["late 2006"]
    # An edit elsewhere and a full rebuild keep every correction.
    (corpus / "rome.md").write_text((corpus / "rome.md").read_text() + "\nMore text.")
    build_index(corpus, index)
    assert labels(timelines.timeline(index)) == expected
    build_index(corpus, index, full=True)
    assert labels(timelines.timeline(index)) == expected
    # Taking the correction out brings the event back.
    (corpus / "timeline.yaml").write_text("events: []\n")
    build_index(corpus, index)
    assert labels(timelines.timeline(index)) == ["153 BC", "69", "May 2006", "late 2006", "2013", "2024"]


def test_timeline_command_prints_json(runner, index):
    result = runner.invoke(cli, ["timeline", "--index", str(index), "--from", "2013", "--json"])
    assert result.exit_code == 0, result.output
    [first, second] = json.loads(result.output)["events"]
    assert {"id", "date", "year", "precision", "modifier", "headline", "sentence", "article_id",
            "article_title", "published", "start", "end", "curated"} <= set(first)
    assert (first["date"], first["year"], first["article_id"], first["curated"]) == ("2013", 2013, "ai", False)
    assert second["date"] == "2024"


def test_timeline_command_prints_text_and_csv(runner, index):
    text = runner.invoke(cli, ["timeline", "article:rome", "--index", str(index)]).output.splitlines()
    assert text[0] == "Searched: article_title:rome"  # how the query was read comes first, as in search
    assert text[1].strip().startswith("153 BC  Roman consuls began their year in office")
    assert text[-1] == "2 events"
    rows = runner.invoke(cli, ["timeline", "--index", str(index), "--csv", "--to", "100"]).output.splitlines()
    assert rows[0].startswith("id,date,label,year,precision") and len(rows) == 3


@pytest.mark.parametrize("value, fields", [
    (2013, ("2013", "year", (2013, 1, 1), (2013, 12, 31))),
    ("2006-05", ("2006-05", "month", (2006, 5, 1), (2006, 5, 31))),
    ("2024-02-29", ("2024-02-29", "day", (2024, 2, 29), (2024, 2, 29))),
    ("153 BC", ("-0152", "year", (-152, 1, 1), (-152, 12, 31))),
    (-153, ("-0152", "year", (-152, 1, 1), (-152, 12, 31))),
    (12000, ("12000", "year", (12000, 1, 1), (12000, 12, 31))),
])
def test_curated_dates(value, fields):
    from archive.curated import parse_curated_date

    parsed = parse_curated_date(value)
    assert (parsed["value"], parsed["precision"], parsed["earliest"], parsed["latest"]) == fields


def test_years_beyond_both_ends_of_the_common_calendar_sort_right(corpus, tmp_path):
    (corpus / "timeline.yaml").write_text(
        "events:\n  - {date: 12000, title: Far future}\n  - {date: 3761 BC, title: Far past}\n"
        "  - {date: 9999-12-31, title: Last day}\n")
    build_index(corpus, tmp_path / "ix")
    page = timelines.timeline(tmp_path / "ix")
    assert labels(page)[:2] == ["3761 BC", "153 BC"]
    assert labels(page)[-2:] == ["31 December 9999", "12000"]


def test_timeline_command_says_how_it_read_the_query_and_suggests_a_spelling(runner, index):
    text = runner.invoke(cli, ["timeline", "consuls AND", "--index", str(index)]).output.splitlines()
    assert text[0] == "Searched: consul" and text[1].startswith("Note: ")
    missed = runner.invoke(cli, ["timeline", "consuls", "--index", str(index)]).output
    assert "Did you mean" not in missed
    wrong = runner.invoke(cli, ["timeline", "Roman consul", "--index", str(index), "--json"])
    data = json.loads(wrong.output)
    assert data["query"] == "Roman consul" and data["suggestion"] is None and data["total"] == len(data["events"])
    typo = json.loads(runner.invoke(cli, ["timeline", "consulz", "--index", str(index), "--json"]).output)
    assert typo["total"] == 0 and typo["suggestion"] == "consuls"
    assert runner.invoke(cli, ["timeline", "consulz", "--index", str(index)]).output.splitlines()[1] == \
        "Did you mean: consuls?"
