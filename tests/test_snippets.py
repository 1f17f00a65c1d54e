"""Snippets: the words a query matched, found without analysing the whole text, cut into passages."""
from __future__ import annotations

from index.results import Snippet
from index.serializers import snippet_html
from index.whoosh import schema, snippets


def stems(*words: str) -> frozenset[str]:
    return frozenset(token.text for word in words for token in schema.TEXT_ANALYZER(word))


def test_match_spans_finds_every_inflection_the_analyzer_would():
    text = "Prices rose. The price of oil, priced in dollars, was happy news; happiness spread."
    spans = snippets.match_spans(text, stems("price", "happy"))
    expected = [(t.startchar, t.endchar) for t in schema.TEXT_ANALYZER(text, chars=True)
                if t.text in stems("price", "happy")]
    assert spans == expected
    assert [text[a:b] for a, b in spans] == ["Prices", "price", "priced", "happy", "happiness"]


def test_a_word_that_starts_with_an_accent_is_still_found():
    text = "They met at the Élysée palace."
    assert [text[a:b] for a, b in snippets.match_spans(text, stems("elysee"))] == ["Élysée"]


def test_snippet_marks_matches_escapes_text_and_joins_passages():
    text = "<b>Oil</b> " + "filler words here " * 40 + "and oil again & more oil."
    found = snippets.snippet(text, snippets.match_spans(text, stems("oil")), maxchars=120, surround=30)
    html = snippet_html(found)
    assert html.count("<mark") == 3 and " … " in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<mark class="match term0">Oil</mark>' in html and "&amp;" in html
    assert [found.text[a:b] for a, b in found.spans] == ["Oil", "oil", "oil"]


def test_the_passages_with_most_different_words_win():
    text = "oil " + "x " * 200 + "oil prices " + "y " * 200 + "oil"
    html = snippet_html(snippets.snippet(text, snippets.match_spans(text, stems("oil", "price")), top=1, surround=10))
    assert "prices" in html and html.count("<mark") == 2


def test_no_words_no_snippet():
    assert snippets.match_spans("anything", frozenset()) == []
    assert snippets.snippet("anything", []) == Snippet()


def test_html_numbers_each_word_and_escapes_around_the_spans():
    found = Snippet("a <Oil> & oil, gas", ((3, 6), (10, 13), (15, 18)))
    assert snippet_html(found) == ('a &lt;<mark class="match term0">Oil</mark>&gt; &amp; '
                                   '<mark class="match term0">oil</mark>, <mark class="match term1">gas</mark>')
