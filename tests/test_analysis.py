"""Indexing a word at a time gives exactly the postings Whoosh's own analysis gives."""
from __future__ import annotations

import pytest
from whoosh import formats

from index.whoosh.analysis import WordCachePositions
from index.whoosh.schema import TEXT_ANALYZER, article_schema

TEXTS = [
    "The U.S. Agriculture Department said on March 2, 1987 that the wheat crop rose 3.5 pct.",
    "The the of a an: stop words first, then Café crème at the Ünïcode co-op's 2nd stall.",
    "  leading spaces\n\nand blank lines; x y z single letters; U.S.A. and e.g. dotted words",
    "İstanbul ΣΊΣΥΦΟΣ straße ﬁnance",
    "wild*card? mixed_under_scores 1,000,000 barrels",
    "",
    "a an the",
]


@pytest.mark.parametrize("text", TEXTS)
def test_word_at_a_time_postings_equal_whoosh_postings(text):
    expected = sorted(formats.Positions().word_values(text, TEXT_ANALYZER, mode="index"))
    assert sorted(WordCachePositions().word_values(text, TEXT_ANALYZER, mode="index")) == expected


def test_the_word_cache_survives_many_texts_and_stays_right():
    fast = WordCachePositions()
    for text in TEXTS * 3:
        assert sorted(fast.word_values(text, TEXT_ANALYZER, mode="index")) == sorted(
            formats.Positions().word_values(text, TEXT_ANALYZER, mode="index"))


def test_the_articles_schema_indexes_its_text_a_word_at_a_time_and_pickles_without_its_cache():
    import pickle

    schema = article_schema()
    list(schema["body"].index("Prices rose in 1987."))
    assert isinstance(schema["body"].format, WordCachePositions)
    copy = pickle.loads(pickle.dumps(schema))
    assert not any(key.startswith("_cache") for key in vars(copy["body"].format))
