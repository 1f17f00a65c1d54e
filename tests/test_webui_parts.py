"""The web UI's small parts: article markup, charts, links and CSV cells."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from index.results import Snippet
from index.serializers import neutralise
from webui import exports, markup
from webui.urls import safe_href, year_label


def event(id, start, end, label="2013"):
    return SimpleNamespace(id=id, start=start, end=end, label=label)


def test_paragraphs_split_at_blank_lines_and_escape():
    assert markup.paragraphs("One <b>\nline.\n\n  Two & more.  \n") == ["One &lt;b&gt; line.", "Two &amp; more."]


def test_matches_and_events_nest():
    text = "In 2013 it began. Then Eunbyeol won."
    [html] = markup.paragraphs(text, matches=[(23, 31)], events=[event("a", 0, 17), event("b", 18, 36, "1997")])
    assert html == ('<span class="event" id="event-a" title="2013">In 2013 it began.</span> '
                    '<span class="event" id="event-b" title="1997">Then <mark class="match">Eunbyeol</mark> won.</span>')


def test_two_events_in_one_sentence_each_get_an_anchor():
    [html] = markup.paragraphs("In 2013 and 2019.", events=[event("a", 0, 17), event("b", 0, 17, "2019")])
    assert html == ('<span class="event" id="event-a" title="2013"><span class="event" id="event-b" title="2019">'
                    'In 2013 and 2019.</span></span>')


def test_a_match_across_an_event_boundary_is_split():
    [html] = markup.paragraphs("abc def", matches=[(2, 5)], events=[event("a", 0, 4)])
    assert html == ('<span class="event" id="event-a" title="2013">ab<mark class="match">c </mark></span>'
                    '<mark class="match">d</mark>ef')


def test_event_labels_and_ids_are_escaped():
    [html] = markup.paragraphs("x", events=[event('"><b>', 0, 1, '<i>')])
    assert html == '<span class="event" id="event-&#34;&gt;&lt;b&gt;" title="&lt;i&gt;">x</span>'


def test_snippet_is_markup_with_the_text_escaped():
    assert markup.snippet(Snippet("a <b>", ((0, 1),))).__html__() == '<mark class="match term0">a</mark> &lt;b&gt;'



@pytest.mark.parametrize("url, safe", [
    ("https://example.org/x", "https://example.org/x"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("java\tscript:alert(1)", None),
    ("data:text/html,<script>", None),
    ("//evil.example", None),
    ("http://[broken", None),
    ("", None),
])
def test_only_http_urls_become_links(url, safe):
    assert safe_href(url) == safe


@pytest.mark.parametrize("year, label", [(2013, "2013"), (1, "1"), (0, "1 BC"), (-152, "153 BC")])
def test_years_before_the_common_era_read_as_bc(year, label):
    assert year_label(year) == label


@pytest.mark.parametrize("cell, safe", [("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@x", "'@x"),
                                        ("\tx", "'\tx"), ("plain", "plain"), (-152, -152), (None, "")])
def test_csv_cells_that_look_like_formulas_are_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_primed_raises_at_once_and_closes_what_it_wraps():
    def failing():
        raise ValueError("bad query")
        yield

    with pytest.raises(ValueError, match="bad query"):
        exports.primed(failing())
    closed = []

    def numbers():
        try:
            yield from range(5)
        finally:
            closed.append(True)

    stream = exports.primed(numbers())
    assert next(stream) == 0
    stream.close()
    assert closed == [True]
