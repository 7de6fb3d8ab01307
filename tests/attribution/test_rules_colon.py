"""The colon rule (attribution/rules/colon.py): a noun phrase, a colon, what it says."""

from __future__ import annotations

from support.articles import run


def test_a_label_before_a_colon_is_no_source(nlp):
    text = "Editor's note: The following is an excerpt from the senator's new book about the war."
    assert run(nlp, text).attributions == []
