"""An attribution's content as its claim is worded for comparing."""

from __future__ import annotations

import pytest

from onrecord.claims.text import claim_text


@pytest.mark.parametrize(
    ("content", "claim"),
    [
        ('that he "did not pull the trigger,"', "he did not pull the trigger"),
        ("“The numbers work,” ", "The numbers work"),
        ("Not paying taxes ''makes me smart,''", "Not paying taxes makes me smart"),
        ("whether the plan\nwould pass", "the plan would pass"),
        ("‘We will win’", "We will win"),
    ],
)
def test_frame_words_and_quotation_marks_are_not_the_claim(content: str, claim: str) -> None:
    assert claim_text(content) == claim


def test_an_apostrophe_inside_a_word_stays() -> None:
    assert claim_text("that I didn’t do it") == "I didn’t do it"
