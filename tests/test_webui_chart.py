"""The year chart: an axis from the bulk of the data, bars that count articles, round ticks."""
from __future__ import annotations

import re

from archive.labels import year_label
from archive.year_axis import Axis, YearBins, choose_axis, sum_bins, year_bin
from index.whoosh import searcher
from index.whoosh.writer import build_index
from tests.conftest import write_corpus
from webui import charts, create_app


def test_one_bogus_year_goes_to_an_overflow_bar_not_the_axis():
    counts = {year: 50 for year in range(1980, 1990)} | {-97110000: 1, 2999: 1}
    axis = choose_axis(counts)
    assert (axis.first, axis.last, axis.step) == (1980, 1989, "year")
    bins = sum_bins(counts, axis)
    assert (bins.before, bins.after, sum(bins.counts.values())) == (1, 1, 500)


def test_years_near_the_bulk_stay_on_the_axis():
    axis = choose_axis({1970: 1, 1985: 40, 1986: 60, 1987: 80})
    assert (axis.first, axis.last) == (1970, 1987)


def test_a_chosen_range_is_the_axis_and_wide_spans_are_binned():
    counts = {year: 1 for year in range(1000, 2020)}
    assert choose_axis(counts, (1900, 1999)) == Axis(1900, 1999, 1, "year")
    assert choose_axis(counts).step == "decade"
    assert choose_axis({-3000: 5, 2000: 5}).step == "century"


def test_bc_bins_mirror_ad_ones_and_1_bc_never_shares_a_bar_with_ad_1():
    labels = [f"{year_label(s)}–{year_label(e)}" for s, e in (year_bin(y, 100) for y in (-250, -150, -1, 0, 1, 150))]
    assert labels == ["299 BC–200 BC", "199 BC–100 BC", "99 BC–1 BC", "99 BC–1 BC", "1–99", "100–199"]
    assert Axis(-298, 199, 100, "century").bins() == [(-298, -199), (-198, -99), (-98, 0), (1, 99), (100, 199)]


def test_chart_marks_chosen_years_and_scales_to_a_round_top():
    bins = YearBins(Axis(2000, 2019, 1, "year"), {2000: 3, 2013: 7, 2019: 1})
    chart = charts.year_chart(bins, selected_years=(2013,))
    assert [(b.start, b.count, b.selected) for b in chart.bars] == [(2000, 3, False), (2013, 7, True), (2019, 1, False)]
    assert [line.label for line in chart.grid] == ["0", "4", "8"]  # 7 rounds up to 8
    assert [tick.label for tick in chart.ticks] == ["2000", "2005", "2010", "2015"]
    assert chart.bars[1].x > chart.bars[0].x and chart.focus_index == 1


def test_round_bc_ticks_and_overflow_bars():
    bins = YearBins(Axis(-998, 999, 100, "century"), {-998: 2, 900: 4}, before=3, after=1)
    chart = charts.year_chart(bins)
    assert [b.kind for b in chart.bars] == ["before", "bin", "bin", "after"]
    assert (chart.bars[0].when, chart.bars[1].when, chart.bars[-1].when) == ("before 999 BC", "999 BC–900 BC", "after 999")
    assert [tick.label for tick in chart.ticks] == ["500 BC", "500"]


def test_the_chosen_range_is_drawn_as_a_band():
    bins = YearBins(Axis(1900, 1999, 1, "year"), {1950: 1, 1960: 2})
    chart = charts.year_chart(bins, chosen=(1950, 1959))
    assert chart.band == (50.0, 10.0)
    assert [b.selected for b in chart.bars] == [True, False]


def test_decade_bars_count_articles_not_article_years(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {
        "a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nThe mill opened in 1901, closed in 1905 and burned in 1909. It was rebuilt in 1790.\n",
        "b.md": "---\ntitle: B\ndate: 2020-01-01\n---\nThe canal was dug in 1903. The lock followed in 1795.\n",
    })
    build_index(corpus, tmp_path / "index")
    page = searcher.search(tmp_path / "index", "", year_from=1700, year_to=1909)
    assert page.year_bins.axis.step == "decade"
    assert page.year_bins.counts[1900] == 2  # four mentions of the 1900s in two articles
    html = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client().get(
        "/search?from=1700&to=1909").text
    assert "<title>1900–1909: 2 articles (chosen)</title>" in html
    assert len(re.findall(r'tabindex="0"', html.split("<figure")[1].split("</figure>")[0])) == 1  # one Tab stop
