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


def test_passages_never_overlap_so_no_text_is_shown_twice():
    text = " ".join(f"Sentence {n} speaks of the harbour wall and its old stones." for n in range(12))
    found = snippets.snippet(text, snippets.match_spans(text, stems("harbour")), maxchars=120, surround=40)
    pieces = found.text.strip("… ").split(" … ")
    assert len(pieces) == len(set(pieces))
    for a, b in zip(pieces, pieces[1:]):
        assert text.index(a) + len(a) <= text.index(b)  # in text order, no overlap
    assert all(found.text[s:e] == "harbour" for s, e in found.spans)
    assert found.text.count("harbour") == len(found.spans)  # every shown match is marked


def test_cut_text_is_marked_with_an_ellipsis_at_both_ends():
    text = "Opening words stand here. " * 10 + "The lighthouse was lit. " + "Closing words follow on. " * 10
    found = snippets.snippet(text, snippets.match_spans(text, stems("lighthouse")), maxchars=80, surround=30)
    assert found.text.startswith("… ") and found.text.endswith(" …")
    start, end = found.spans[0]
    assert found.text[start:end] == "lighthouse"
    assert "The lighthouse was lit." in found.text  # the passage starts at its sentence


def test_with_a_year_filter_the_sentence_of_that_year_is_shown():
    lines = [f"{1800 + n}: The mill ground wheat for the village." for n in range(40)]
    lines[30] = "1830: The mill burned and the village rebuilt it."
    text = "\n".join(lines)
    found = snippets.snippet(text, snippets.match_spans(text, stems("mill")), maxchars=120, surround=40,
                    years=snippets.year_spans(text, (1830,)))
    assert "1830: The mill burned" in found.text
    assert any(found.text[s:e] == "1830" for s, e in found.spans)
    assert snippets.year_spans("In 500 BC and 1987, 1,200 people.", low=-600, high=2000) == [(3, 9), (14, 18)]
