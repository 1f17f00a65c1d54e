"""The ranking's promises, through the engine's search on real Whoosh indexes.

A word typed twice weighs more (BM25's saturation of repeats); acronyms and country codes are words; the stemmer joins the
forms of a word; a question whose words are all held by too few articles is relaxed; feedback follows only words
the best matches agree on; the question words of a question typed in full are left out.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import QueryError
from index.whoosh import searcher
from index.whoosh.engine import WhooshEngine
from tests.conftest import write_corpus


def _index(tmp_path: Path, bodies: dict[str, str], titles: dict[str, str] | None = None) -> WhooshEngine:
    files = {f"{name}.md": f"---\ntitle: {(titles or {}).get(name, 'Field notes')}\ndate: 2021-03-04\n---\n{body}\n"
             for name, body in bodies.items()}
    engine = WhooshEngine(tmp_path / "index")
    engine.reindex(write_corpus(tmp_path / "corpus", files))
    return engine


def _ids(engine: WhooshEngine, q: str) -> list[str]:
    return [hit.id for hit in engine.search(q, page_size=50).hits]


def test_a_word_typed_twice_weighs_more(tmp_path):
    engine = _index(tmp_path, {
        "moraine": "Moraine ridges and moraine debris beside one crevasse, mapped by the survey team.",
        "crevasse": "Crevasse fields and crevasse bridges beside one moraine, mapped by the survey team.",
    })
    assert _ids(engine, "moraine moraine crevasse") == ["moraine", "crevasse"]
    assert _ids(engine, "moraine crevasse crevasse") == ["crevasse", "moraine"]
    plain, stressed = (engine.search(q).hits[0].score for q in ("moraine crevasse", "moraine moraine crevasse"))
    assert stressed > plain


def test_repeats_saturate_as_bm25_counts_a_querys_words():
    from index.whoosh import scoring
    weights = [scoring.repeat_weight(times) for times in (1, 2, 3, 10)]
    assert weights[0] == 1.0
    assert weights == sorted(weights) and len(set(weights)) == 4
    assert weights[-1] < scoring.QUERY_K3 + 1  # a word typed ten times does not drown the others


@pytest.mark.parametrize("q, expected", [
    ("US", {"capital", "dotted"}),
    ("U.S.", {"capital", "dotted"}),
    ("UN", {"un"}),
    ("U.N.", {"un"}),
    ("S&P", {"index"}),
    ("us", set()),  # written in lower case, "us" is the common word: not searched
])
def test_acronyms_and_country_codes_are_words(tmp_path, q, expected):
    engine = _index(tmp_path, {
        "capital": "Trade talks with the US resumed on Monday.",
        "dotted": "The U.S. Senate voted on the budget.",
        "un": "Envoys of the U.N. met in Geneva.",
        "index": "The S&P 500 fell by two percent.",
        "letters": "Notes on page P, section S, as told to us.",
    })
    if expected:
        assert set(_ids(engine, q)) == expected
    else:
        with pytest.raises(QueryError, match="common words"):
            engine.search(q)


def test_common_words_of_a_headline_in_capitals_are_not_acronyms(tmp_path):
    engine = _index(tmp_path, {"shouted": "Exports rose.", "plain": "Exports rose, it said."},
                       titles={"shouted": "EXPORTS TO ASIA RISE", "plain": "Exports to Asia rise"})
    page = engine.search("EXPORTS TO ASIA")  # typed in capitals: "TO" is the common word
    assert page.total == 2 and "to" in page.notes[0]


@pytest.mark.parametrize("typed, written", [("automated", "automation"), ("regulated", "regulation"),
                                            ("generalized", "generalization"), ("organized", "organizations")])
def test_forms_of_a_word_find_each_other(tmp_path, typed, written):
    engine = _index(tmp_path, {"a": f"A report on {written} in the mills.", "b": "A report on looms in the mills."})
    assert _ids(engine, typed) == ["a"]
    assert _ids(engine, written) == ["a"]


def _relaxation_corpus(tmp_path: Path, holding_both: int) -> WhooshEngine:
    bodies = {f"both{i}": f"Glacier melt measured near the fjord, season {i}." for i in range(holding_both)}
    bodies.update({f"glacier{i}": f"Glacier melt measured inland, season {i}." for i in range(12)})
    return _index(tmp_path, bodies)


def test_too_few_articles_with_every_word_relaxes_to_any_word(tmp_path):
    engine = _relaxation_corpus(tmp_path, searcher.RELAX_BELOW - 1)
    page = engine.search("glacier fjord", page_size=50)
    assert page.total == searcher.RELAX_BELOW - 1 + 12
    assert any("any of them" in note for note in page.notes)
    assert {hit.id for hit in page.hits[:searcher.RELAX_BELOW - 1]} == {f"both{i}" for i in range(searcher.RELAX_BELOW - 1)}


def test_enough_articles_with_every_word_are_shown_alone(tmp_path):
    engine = _relaxation_corpus(tmp_path, searcher.RELAX_BELOW)
    page = engine.search("glacier fjord", page_size=50)
    assert page.total == searcher.RELAX_BELOW and not page.notes
    assert {hit.id for hit in page.hits} == {f"both{i}" for i in range(searcher.RELAX_BELOW)}




# Eight more articles on the words searched, so that the best ten all hold them.
_REPORTS = ("one", "two", "three", "four", "five", "six", "seven", "eight")
# Stories that share nothing but the words searched: each has words of its own.
_STORIES = ("the ferry strike", "a bank merger", "the football final", "a wine auction", "the bridge repair",
            "a chess tournament", "the mayor's budget", "a museum theft")


def _feedback_corpus(tmp_path: Path, others: list[str]) -> WhooshEngine:
    """The target and its rival on the words searched, eight other matches, and five unrelated articles.

    The two differ only in their last words, the rival's being one fewer and found in an
    unrelated article too: typed alone, the words rank the shorter rival first. Feedback
    lifts the target only when enough of the best matches share its words (fjord, icefall).
    """
    bodies = {
        "rival": "Glacier melt survey filed in the dry spring.",
        "target": "Glacier melt survey filed beside the fjord and icefall.",
        **{f"match{i}": text for i, text in enumerate(others)},
        **{f"unrelated{i}": text for i, text in enumerate((
            "Harbour dredging resumed after the storm.", "Orchard yields fell in the dry spring.",
            "Railway timetables changed for the winter.", "Bakers protested the price of flour.",
            "Lighthouse keepers logged the passing ships."))},
    }
    return _index(tmp_path, bodies)


def test_feedback_lifts_what_the_best_matches_agree_on(tmp_path):
    engine = _feedback_corpus(tmp_path, [f"Glacier melt survey: the fjord below the icefall, report {n}."
                                         for n in _REPORTS])
    ranking = _ids(engine, "glacier melt survey")
    assert ranking.index("target") < ranking.index("rival")


def test_feedback_leaves_the_ranking_alone_when_the_best_matches_are_different_stories(tmp_path):
    stories = [f"Glacier melt survey, then {story}." for story in _STORIES]
    stories[0] = "Glacier melt survey, then a ferry strike on the fjord below the icefall."  # two, with the target
    engine = _feedback_corpus(tmp_path, stories)
    ranking = _ids(engine, "glacier melt survey")
    assert ranking.index("rival") < ranking.index("target")
    # The same articles, searched with two words (too few for feedback), rank the same way.
    assert _ids(engine, "glacier survey").index("rival") < _ids(engine, "glacier survey").index("target")


def _question_corpus(tmp_path: Path) -> WhooshEngine:
    return _index(tmp_path, {
        "moraine": "Moraine ridges were mapped by the survey team.",
        "asked": "What the survey team asked, and what they found, about the weather.",
        "agency": "The WHO approved the vaccines in March.",
        "herd": "Vaccines for the herd arrived by lorry.",
    })


@pytest.mark.parametrize("q, expected, left_out", [
    ("what is a moraine", ["moraine"], "what"),  # 'what' would have been the rarest word searched
    ("how were moraines mapped", ["moraine"], "how, were"),
    ("who makes vaccines", ["agency", "herd"], "who"),
    ("what", ["asked"], None),  # nothing else named: the word is searched
    ("WHO vaccines", ["agency", "herd"], None),  # in capitals among other words: an acronym (see below)
    ("what OR moraine", ["asked", "moraine"], None),  # an operator: searched as written
    ('what "survey team"', ["moraine", "asked"], "what"),
])
def test_question_words_of_a_question_typed_in_full_are_left_out(tmp_path, q, expected, left_out):
    page = _question_corpus(tmp_path).search(q, page_size=50)
    assert sorted(hit.id for hit in page.hits) == sorted(expected)
    notes = [note for note in page.notes if note.startswith("Question words")]
    assert notes == ([f"Question words not searched: {left_out}."] if left_out else [])


def test_a_question_word_in_capitals_among_other_words_is_an_acronym(tmp_path):
    engine = _question_corpus(tmp_path)
    assert _ids(engine, "WHO vaccines")[0] == "agency"  # too few hold both: any word, both words first
    assert "who" in engine.search("WHO vaccines").parsed
