"""One entry per happening: repeats across articles fold, with their sources and a count."""
from __future__ import annotations

import csv
import io
import json

import pytest

from archive.cli import cli
from archive.repeats import happening_key, repeat_key
from index.whoosh import timeline as timelines
from index.whoosh.writer import build_index
from tests.conftest import story, write_corpus
from webui import create_app


ARTICLES = {
    "wire-a.md": story("Mill closes", "2024-03-05",
                       "On Monday the Northfield paper mill announced it would close its river plant."),
    "wire-b.md": story("Paper mill to shut", "2024-03-05",
                       "The Northfield paper mill announced on Monday it would close its river plant, a spokesman said."),
    "wire-c.md": story("Town reacts", "2024-03-06",
                       "On Monday, the Northfield paper mill announced that it would close the river plant."),
    "other.md": story("Ferry news", "2024-03-05",
                      "On Monday the harbour ferry service announced new winter timetables for islanders."),
}


@pytest.fixture
def index_dir(tmp_path):
    build_index(write_corpus(tmp_path / "corpus", ARTICLES), tmp_path / "index")
    return tmp_path / "index"


def test_copies_of_one_happening_are_one_entry_listing_every_source(index_dir):
    page = timelines.timeline(index_dir, "mill")
    [entry] = page.entries
    assert entry.value == "2024-03-04" and entry.reported_by == 3 and page.total == 1
    assert sorted([entry.article_id] + [m.article_id for m in entry.also]) == ["wire-a", "wire-b", "wire-c"]


def test_different_happenings_of_one_day_stay_apart(index_dir):
    page = timelines.timeline(index_dir, year_from=2024, year_to=2024)
    assert sorted(e.reported_by for e in page.entries) == [1, 3]
    assert page.density[0].count == 2  # the strip counts happenings, not mentions


def test_salience_sorts_and_filters_by_the_number_of_sources(index_dir):
    assert [e.article_id for e in timelines.timeline(index_dir, min_sources=2).entries] == ["wire-a"]
    assert [e.reported_by for e in timelines.timeline(index_dir, by_sources=True).entries] == [3, 1]


def test_the_cli_json_carries_the_count_and_each_source(index_dir, runner):
    result = runner.invoke(cli, ["timeline", "mill", "--index", str(index_dir), "--json"])
    [event] = json.loads(result.output)["events"]
    assert event["reported_by"] == 3 and event["anchor"] == "text"
    assert {m["article_id"] for m in event["also"]} == {"wire-b", "wire-c"}
    text = runner.invoke(cli, ["timeline", "mill", "--index", str(index_dir)]).output
    assert "reported by 3 articles" in text


def test_written_only_leaves_out_happenings_dated_from_context(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.md": story(
        "Bridge", "2024-03-05", "The council has reopened the old bridge. It was built in 1901.")})
    build_index(corpus, tmp_path / "index")
    assert [e.anchor for e in timelines.timeline(tmp_path / "index").entries] == ["text", "publication"]
    assert [e.value for e in timelines.timeline(tmp_path / "index", written_only=True).entries] == ["1901"]


@pytest.mark.parametrize("one, other, same", [
    ("Acme Corp cut 2,000 jobs at its Leeds factory", "Acme Corp said it cut 2000 jobs at the Leeds factory", True),
    ("Acme Corp cut 2,000 jobs at its Leeds factory", "Acme Corp opened a new warehouse near Leeds", False),
    # The date's own numbers are not figures: a rewrite may say "Monday" for "March 4".
    ("Acme Corp cut 2,000 jobs on March 4", "On Monday, Acme Corp said it cut 2,000 jobs", True),
    # Routine reports in the same words are told apart by their figures.
    ("The Harbour Bank issued 2.5 billion crowns of deposit certificates, bringing issues so far this year to 40.5 billion",
     "The Harbour Bank issued 6.1 billion crowns of deposit certificates, bringing issues so far this year to 46.6 billion",
     False),
    ("Quarterly dividend 12 cents vs 10 cents prior, payable July 15, record July 1",
     "Quarterly dividend 20 cents vs 20 cents prior, payable July 30, record July 10", False),
    ("It said the dividend is payable March 4 to shareholders of record February 18",
     "It said the dividend is payable April 2 to shareholders of record March 4", False),
    ("Fenwick said its Model 30 computer is now on sale", "Fenwick said its Model 60 computer is now on sale", False),
])
def test_repeat_keys_follow_the_words_that_matter(one, other, same):
    assert (repeat_key("2024-03-04", one) == repeat_key("2024-03-04", other)) is same
    assert repeat_key("2024-03-04", one) != repeat_key("2024-03-05", one)


def test_a_query_matches_the_happening_not_every_event_that_shares_its_article(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.md": story(
        "Acme and Globex sign a supply deal", "2024-03-05",
        "Acme signed a supply deal with Globex on Monday.\n\nGlobex opened a plant in 1999.\n\n"
        "Its first chairman retired in 2001.")})
    build_index(corpus, tmp_path / "index")
    events = {q: [e.value for e in timelines.timeline(tmp_path / "index", q).entries] for q in ("Acme", "plant")}
    # Not Globex's plant, though the title names Acme; "Its first chairman" speaks of the title's subject.
    assert events == {"Acme": ["2001", "2024-03-04"], "plant": ["1999"]}


def test_an_incremental_reindex_adds_a_second_source_to_an_entry_and_takes_it_away(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"ferry.md": ARTICLES["other.md"]})
    index = tmp_path / "index"
    build_index(corpus, index)
    [entry] = timelines.timeline(index, "ferry").entries
    assert (entry.reported_by, entry.also) == (1, ())
    copy = story("Islanders' timetable", "2024-03-06",
                 "The harbour ferry service announced new winter timetables for islanders on Monday.")
    (corpus / "copy.md").write_text(copy, encoding="utf-8")
    report = build_index(corpus, index)
    assert (report.full, report.added, report.unchanged) == (False, 1, 1)
    [entry] = timelines.timeline(index, "ferry").entries
    assert (entry.reported_by, [m.article_id for m in entry.also]) == (2, ["copy"])
    assert entry.article_id == "ferry"  # the first report heads the entry
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    assert "Reported by 2 articles<" in client.get("/timeline?q=ferry").get_data(as_text=True)
    (corpus / "copy.md").unlink()
    report = build_index(corpus, index)
    assert (report.full, report.deleted) == (False, 1)
    [entry] = timelines.timeline(index, "ferry").entries
    assert (entry.reported_by, entry.also, entry.article_id) == (1, (), "ferry")
    assert "badge reported" not in client.get("/timeline?q=ferry").get_data(as_text=True)


def test_every_shape_carries_the_entry_with_its_sources_count_and_marks(index_dir, runner):
    """archive timeline --json/--csv/text, /api/timeline, the exports and TimelineJS: one entry, three sources."""
    args = ["timeline", "mill", "--index", str(index_dir)]
    data = json.loads(runner.invoke(cli, args + ["--json"]).output)
    [event] = data["events"]
    assert (data["total"], event["reported_by"], event["anchor"], event["planned"], event["conflict"]) == \
        (1, 3, "text", False, "")
    assert sorted(m["article_id"] for m in event["also"]) == ["wire-b", "wire-c"]
    [row] = list(csv.DictReader(io.StringIO(runner.invoke(cli, args + ["--csv"]).output)))
    assert (row["reported_by"], row["anchor"], row["planned"], row["conflict"]) == ("3", "text", "False", "")
    assert sorted(row["also"].split("; ")) == ["wire-b", "wire-c"]
    text = runner.invoke(cli, args).output
    assert "reported by 3 articles" in text and text.count("— Paper mill to shut [") == 1  # each source listed
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    [api] = client.get("/api/timeline?q=mill").get_json()["entries"]
    [exported] = client.get("/timeline.json?q=mill").get_json()["events"]
    for shape in (api, exported):
        assert {k: shape[k] for k in event if k not in ("url", "also")} == {k: event[k] for k in event if k not in ("url", "also")}
        assert [m["id"] for m in shape["also"]] == [m["id"] for m in event["also"]]
    [web_row] = list(csv.DictReader(io.StringIO(client.get("/timeline.csv?q=mill").get_data(as_text=True))))
    assert {k: web_row[k] for k in row if k != "url"} == {k: row[k] for k in row if k != "url"}
    [slide] = client.get("/timeline.timelinejs.json?q=mill").get_json()["events"]
    assert "Reported by 3 articles." in slide["text"]["text"] and slide["text"]["text"].count("<a href=") == 3
    assert "<p>Also in: <a href=" in slide["text"]["text"]
    context = client.get("/timeline.timelinejs.json?q=ferry").get_json()["events"]
    assert all("Dated" not in s["text"]["text"] for s in context)  # "on Monday" is written in the sentence


def test_the_happening_key_leaves_out_the_date_and_its_numbers():
    founded = happening_key("2013", "The Lakeside Rowing Club was founded in 2013 by four teachers")
    assert founded == happening_key("2012", "The Lakeside Rowing Club was founded in 2012 by four teachers")
    assert founded != happening_key("2013", "The Lakeside Rowing Club was founded in 2013 by five teachers")


def test_routine_reports_of_one_year_stay_apart_and_their_copies_fold(tmp_path):
    # "so far this year" dates each report by its year only: their words match, their figures do not.
    issue = ("Deposit certificates were in demand.\n\nThe Harbour Bank issued {} billion crowns of deposit "
             "certificates, bringing issues so far this year to {} billion, a bank official said.")
    corpus = write_corpus(tmp_path / "corpus", {
        "march.md": story("Harbour Bank deposits", "2024-03-05", issue.format("2.5", "40.5")),
        "march-copy.md": story("Harbour Bank issues certificates", "2024-03-05", issue.format("2.5", "40.5")),
        "april.md": story("Harbour Bank deposits", "2024-04-09", issue.format("6.1", "46.6")),
    })
    build_index(corpus, tmp_path / "index")
    entries = timelines.timeline(tmp_path / "index", "harbour bank").entries
    assert sorted((e.value, e.reported_by, e.headline.split()[4]) for e in entries) == [
        ("2024", 1, "6.1"), ("2024", 2, "2.5")]
