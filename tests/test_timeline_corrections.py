"""Curated corrections on merged entries: a correction of one source applies to the whole happening."""
from __future__ import annotations

import pytest

from archive.cli import cli
from index.whoosh import timeline as timelines
from index.whoosh.writer import build_index
from tests.conftest import story, write_corpus

ARTICLES = {
    "first.md": story("Bridge news", "2023-05-02",
                      "In April 2023 the Halvorsen suspension bridge reopened to lorries after repairs."),
    "second.md": story("Lorries return", "2023-05-03",
                       "The Halvorsen suspension bridge reopened to lorries after repairs in April 2023, officials said."),
    "third.md": story("Traffic", "2023-05-04",
                      "In April 2023, the Halvorsen suspension bridge reopened to lorries after long repairs."),
    "ferry.md": story("Ferry", "2023-06-01", "In March 2023 the island ferry company bought two electric boats."),
}
FOURTH = story("Weekly roundup", "2023-05-09",
               "The Halvorsen suspension bridge reopened to lorries in April 2023 after its repairs.")


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", ARTICLES)


@pytest.fixture
def index(corpus, tmp_path):
    build_index(corpus, tmp_path / "index")
    return tmp_path / "index"


def bridge(index):
    return [e for e in timelines.timeline(index).entries if "bridge" in e.sentence]


def correct(corpus, *lines: str) -> None:
    (corpus / "timeline.yaml").write_text("corrections:\n" + "".join(f"  {line}\n" for line in lines))


def test_the_sample_entry_folds_three_sources(index):
    [entry] = bridge(index)
    assert (entry.value, entry.reported_by) == ("2023-04", 3)


def test_hiding_an_entry_hides_every_source_and_stays_hidden_across_reindexes(corpus, index):
    [entry] = bridge(index)
    correct(corpus, f"- event: {entry.id}", "  hide: true")
    assert build_index(corpus, index).problems == []
    assert bridge(index) == [] and len(timelines.timeline(index).entries) == 1  # the ferry stays
    assert timelines.timeline(index, "Halvorsen").total == 0
    (corpus / "fourth.md").write_text(FOURTH)  # a new source of the hidden happening joins it, hidden
    build_index(corpus, index)
    assert bridge(index) == []
    build_index(corpus, index, full=True)
    assert bridge(index) == [] and [e.label for e in timelines.timeline(index).entries] == ["March 2023"]
    assert timelines.article_events(index, "second") == []  # its article page no longer lists it either


def test_a_correction_naming_any_source_redates_and_retitles_the_whole_entry(corpus, index):
    [entry] = bridge(index)
    third = next(m.id for m in entry.also if m.article_id == "third")
    correct(corpus, f"- event: {third}", "  redate: 2023-03-28", "  retitle: The Halvorsen bridge reopened to lorries")
    assert build_index(corpus, index).problems == []
    [fixed] = bridge(index)
    assert (fixed.label, fixed.headline, fixed.reported_by) == ("28 March 2023", "The Halvorsen bridge reopened to lorries", 3)
    assert fixed.id == third and sorted(m.article_id for m in fixed.also) == ["first", "second"]
    # Placed and filtered by the corrected date: after the ferry's March (a month sorts before its days).
    assert [e.label for e in timelines.timeline(index).entries] == ["March 2023", "28 March 2023"]
    assert timelines.timeline(index, year_from=2023, year_to=2023).total == 2
    assert timelines.timeline(index, "lorries", year_from=2024).total == 0
    # Each source's article page shows the corrected date too.
    assert [e.label for e in timelines.article_events(index, "first")] == ["28 March 2023"]
    # A query that reaches only another source still shows the corrected entry.
    assert [e.id for e in timelines.timeline(index, "sentence:officials").entries] == [third]
    # A new source joins the corrected entry; taking it away again leaves the correction in place.
    (corpus / "fourth.md").write_text(FOURTH)
    build_index(corpus, index)
    assert [(e.label, e.reported_by) for e in bridge(index)] == [("28 March 2023", 4)]
    (corpus / "fourth.md").unlink()
    build_index(corpus, index, full=True)
    assert [(e.label, e.reported_by) for e in bridge(index)] == [("28 March 2023", 3)]


def test_a_correction_whose_event_is_gone_is_reported_and_nothing_else_is_lost(corpus, index, runner):
    [entry] = bridge(index)
    ferry = next(e for e in timelines.timeline(index).entries if "ferry" in e.sentence)
    correct(corpus, f"- event: {entry.id}", "  retitle: Bridge reopens", f"- event: {ferry.id}", "  redate: 2023-02")
    build_index(corpus, index)
    # The first source is rewritten: its event (named by the correction) no longer exists.
    (corpus / "first.md").write_text(story("Bridge news", "2023-05-02",
                                           "Lorries crossed the Halvorsen suspension bridge again in April 2023."))
    result = runner.invoke(cli, ["reindex", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert ("timeline.yaml (line 2): correction for unknown event "
            f"'{entry.id}': no event has this id now") in result.output
    assert "Indexed with problems:" in result.output
    entries = timelines.timeline(index).entries
    assert [e.label for e in entries] == ["February 2023", "April 2023", "April 2023"]  # the ferry's correction holds
    assert sorted(e.reported_by for e in entries) == [1, 1, 2] and timelines.timeline(index, "lorries").total == 2


def test_two_corrections_of_one_merged_entry_are_reported_and_hiding_wins(corpus, index):
    [entry] = bridge(index)
    other = entry.also[0].id
    correct(corpus, f"- event: {entry.id}", "  redate: 2023-03", f"- event: {other}", "  hide: true",
            f"- event: {other}", "  hide: true")
    problems = [str(p) for p in build_index(corpus, index).problems]
    assert problems == [
        f"timeline.yaml (line 6): a second correction for event '{other}' (the first is at line 4): this one applies",
        f"timeline.yaml (line 6): corrections for events '{entry.id}' and '{other}' change one happening, told by "
        "several sources and shown as one entry: both apply to that entry (hiding wins; else the earliest "
        "corrected date heads it)"]
    assert bridge(index) == []
    # Reported again by an incremental reindex that rewrites neither article (the keys are kept with the index).
    (corpus / "ferry.md").write_text(ARTICLES["ferry.md"] + "\nMore.\n")
    assert len(build_index(corpus, index).problems) == 2
