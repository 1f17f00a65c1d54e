"""Sentence splitting: titles, abbreviations, initials and decimals do not end sentences."""
from __future__ import annotations

import pytest

from archive.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Dr. Kim arrived on Sept. 9, 2001. He left.", ["Dr. Kim arrived on Sept. 9, 2001.", "He left."]),
    ("The U.S. team won 3.5 points. Then it rained.", ["The U.S. team won 3.5 points.", "Then it rained."]),
    ("He lives in the U.S. The weather is fine.", ["He lives in the U.S.", "The weather is fine."]),
    ("U.S. President Biden spoke. Fine.", ["U.S. President Biden spoke.", "Fine."]),
    ("John F. Kennedy was elected in 1960. Yes!", ["John F. Kennedy was elected in 1960.", "Yes!"]),
    ('He said "Go." Then he went?', ['He said "Go."', "Then he went?"]),
    ("Prices rose in Jan. to 3 dlrs. Next.", ["Prices rose in Jan. to 3 dlrs.", "Next."]),
    ("A headline without a stop\n\nThe first sentence.", ["A headline without a stop", "The first sentence."]),
    ("Lines wrapped\nmid-sentence stay together.", ["Lines wrapped\nmid-sentence stay together."]),
    ("Arrivals were 155,221 bags.\n20 pct of them spoiled.", ["Arrivals were 155,221 bags.", "20 pct of them spoiled."]),
    ("153 BC: Consuls take office.\n45 BC: The Julian calendar takes effect\n193: Pertinax is chosen.",
     ["153 BC: Consuls take office.", "45 BC: The Julian calendar takes effect", "193: Pertinax is chosen."]),
    ("- first item\n- second item without a stop\n- third.", ["- first item", "- second item without a stop", "- third."]),
    ("", []),
])
def test_split_sentences(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_spans_point_into_the_text():
    text = "  First one.  Second one!\n\n  Third, after a break."
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
    assert [s.start for s in split_sentences(text)] == [2, 14, 29]
