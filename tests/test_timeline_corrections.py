"""Curated corrections on merged entries: a correction of one source applies to the whole happening.

On each engine in turn: the corrections are the same entries whichever answers (index.corrections).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.cli import cli
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


@dataclass
class Archive:
    """The corpus behind one engine, how to reindex it, and the command line's flags that choose it."""

    engine: object
    corpus: Path
    flags: list

    def reindex(self, full: bool = False):
        return self.engine.reindex(self.corpus, full=full)

    def timeline(self, q: str = "", **options):
        return self.engine.timeline(q, **options)

    def article_events(self, article_id: str):
        return self.engine.article(article_id).events


@pytest.fixture
def index(corpus, tmp_path, engine_name, request, monkeypatch):
    if engine_name == "whoosh":
        from index.whoosh.engine import WhooshEngine

        archive = Archive(WhooshEngine(tmp_path / "index"), corpus, ["--index", str(tmp_path / "index")])
    else:
        from index.opensearch.engine import OpenSearchEngine
        from tests.opensearch_helpers import remove_all, settings_for

        settings = settings_for(request.getfixturevalue("opensearch_cluster"), "corrections")
        request.addfinalizer(lambda: remove_all(settings))
        monkeypatch.setenv("ARCHIVE_OPENSEARCH_INDEX", settings.prefix)
        archive = Archive(OpenSearchEngine(settings), corpus,
                          ["--engine", "opensearch", "--opensearch-url", ",".join(settings.urls)])
    archive.reindex()
    return archive


def bridge(index):
    return [e for e in index.timeline().entries if "bridge" in e.sentence]


def correct(corpus, *lines: str) -> None:
    (corpus / "timeline.yaml").write_text("corrections:\n" + "".join(f"  {line}\n" for line in lines))


def test_the_sample_entry_folds_three_sources(index):
    [entry] = bridge(index)
    assert (entry.value, entry.reported_by) == ("2023-04", 3)


def test_hiding_an_entry_hides_every_source_and_stays_hidden_across_reindexes(corpus, index):
    [entry] = bridge(index)
    correct(corpus, f"- event: {entry.id}", "  hide: true")
    assert index.reindex().problems == []
    assert bridge(index) == [] and len(index.timeline().entries) == 1  # the ferry stays
    assert index.timeline("Halvorsen").total == 0
    (corpus / "fourth.md").write_text(FOURTH)  # a new source of the hidden happening joins it, hidden
    index.reindex()
    assert bridge(index) == []
    index.reindex(full=True)
    assert bridge(index) == [] and [e.label for e in index.timeline().entries] == ["March 2023"]
    assert index.article_events("second") == []  # its article page no longer lists it either


def test_a_correction_naming_any_source_redates_and_retitles_the_whole_entry(corpus, index):
    [entry] = bridge(index)
    third = next(m.id for m in entry.also if m.article_id == "third")
    correct(corpus, f"- event: {third}", "  redate: 2023-03-28", "  retitle: The Halvorsen bridge reopened to lorries")
    assert index.reindex().problems == []
    [fixed] = bridge(index)
    assert (fixed.label, fixed.headline, fixed.reported_by) == ("28 March 2023", "The Halvorsen bridge reopened to lorries", 3)
    assert fixed.id == third and sorted(m.article_id for m in fixed.also) == ["first", "second"]
    # Placed and filtered by the corrected date: after the ferry's March (a month sorts before its days).
    assert [e.label for e in index.timeline().entries] == ["March 2023", "28 March 2023"]
    assert index.timeline(year_from=2023, year_to=2023).total == 2
    assert index.timeline("lorries", year_from=2024).total == 0
    # Each source's article page shows the corrected date too.
    assert [e.label for e in index.article_events("first")] == ["28 March 2023"]
    # A query that reaches only another source still shows the corrected entry.
    assert [e.id for e in index.timeline("sentence:officials").entries] == [third]
    # A new source joins the corrected entry; taking it away again leaves the correction in place.
    (corpus / "fourth.md").write_text(FOURTH)
    index.reindex()
    assert [(e.label, e.reported_by) for e in bridge(index)] == [("28 March 2023", 4)]
    (corpus / "fourth.md").unlink()
    index.reindex(full=True)
    assert [(e.label, e.reported_by) for e in bridge(index)] == [("28 March 2023", 3)]


def test_a_correction_whose_event_is_gone_is_reported_and_nothing_else_is_lost(corpus, index, runner):
    [entry] = bridge(index)
    ferry = next(e for e in index.timeline().entries if "ferry" in e.sentence)
    correct(corpus, f"- event: {entry.id}", "  retitle: Bridge reopens", f"- event: {ferry.id}", "  redate: 2023-02")
    index.reindex()
    # The first source is rewritten: its event (named by the correction) no longer exists.
    (corpus / "first.md").write_text(story("Bridge news", "2023-05-02",
                                           "Lorries crossed the Halvorsen suspension bridge again in April 2023."))
    result = runner.invoke(cli, ["reindex", "--corpus", str(corpus), *index.flags])
    assert result.exit_code == 0, result.output
    assert ("timeline.yaml (line 2): correction for unknown event "
            f"'{entry.id}': no event has this id now") in result.output
    assert "Indexed with problems:" in result.output
    entries = index.timeline().entries
    assert [e.label for e in entries] == ["February 2023", "April 2023", "April 2023"]  # the ferry's correction holds
    assert sorted(e.reported_by for e in entries) == [1, 1, 2] and index.timeline("lorries").total == 2


def test_two_corrections_of_one_merged_entry_are_reported_and_hiding_wins(corpus, index):
    [entry] = bridge(index)
    other = entry.also[0].id
    correct(corpus, f"- event: {entry.id}", "  redate: 2023-03", f"- event: {other}", "  hide: true",
            f"- event: {other}", "  hide: true")
    problems = [str(p) for p in index.reindex().problems]
    assert problems == [
        f"timeline.yaml (line 6): a second correction for event '{other}' (the first is at line 4): this one applies",
        f"timeline.yaml (line 6): corrections for events '{entry.id}' and '{other}' change one happening, told by "
        "several sources and shown as one entry: both apply to that entry (hiding wins; else the earliest "
        "corrected date heads it)"]
    assert bridge(index) == []
    # Reported again by an incremental reindex that rewrites neither article (the keys are kept with the index).
    (corpus / "ferry.md").write_text(ARTICLES["ferry.md"] + "\nMore.\n")
    assert len(index.reindex().problems) == 2


def test_a_redated_entry_moves_to_its_place_on_every_page(corpus, index, monkeypatch):
    write_corpus(corpus, {
        "library.md": story("Library", "2023-02-01", "In January 2023 the town library opened a reading room."),
        "harbour.md": story("Harbour", "2023-07-01", "In June 2023 the harbour dredging began at last.")})
    [entry] = bridge(index)
    correct(corpus, f"- event: {entry.also[-1].id}", "  redate: 2023-05-20")
    assert index.reindex().problems == []
    whole = index.timeline()
    labels = ["January 2023", "March 2023", "20 May 2023", "June 2023"]
    assert [e.label for e in whole.entries] == labels and whole.total == 4
    assert [(b.start, b.count) for b in whole.density] == [(2023, 4)]
    for size in (1, 2, 3):
        paged = [index.timeline(page=page, page_size=size) for page in range(1, 6)]
        assert [e.id for page in paged for e in page.entries] == [e.id for e in whole.entries]
        assert {page.total for page in paged} == {4}
    # Pages past the cluster's result window are folded client-side, with the same corrections.
    from index.opensearch import timeline as cluster_timeline
    monkeypatch.setattr(cluster_timeline, "WINDOW", 1)
    assert [e.id for page in range(1, 5) for e in index.timeline(page=page, page_size=1).entries] == \
           [e.id for e in whole.entries]
    assert [e.label for e in index.timeline("lorries", year_from=2023, year_to=2023).entries] == ["20 May 2023"]
