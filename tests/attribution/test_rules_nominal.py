"""The nominal rules (attribution/rules/nominal.py): noun, light_verb, made_clear, adjective."""

from __future__ import annotations

import pytest

from support.articles import by_content, run


def test_nominal_attribution(nlp):
    text = "The footage backs up the actor's assertion that he did not pull the trigger."
    article = run(nlp, text)
    a = next(a for a in article.attributions if a.cue and a.cue.text == "assertion")
    assert a.content.text == "that he did not pull the trigger"
    assert a.source.text == "the actor"


@pytest.mark.parametrize(
    ("source", "cue", "content"),
    [
        ("She", "expressed concern", "that the bill would fail"),
        ("He", "took issue with", "the report's findings"),
        ("The campaign", "issued a statement saying", "it would appeal"),
        ("Democrats", "raised questions about", "the nominee's record"),
        ("She", "made it clear", "that she would run again"),
        ("Clinton", "has made clear", "her opposition to the deal"),
        ("The senator", "made plain", "that she would not vote for it"),
    ],
)
def test_a_light_verb_or_made_clear_is_one_cue(nlp, nlp_model, source, cue, content):
    text = f"{source} {cue} {content}."
    for pipeline in (nlp, nlp_model):
        found = [x for x in run(pipeline, text).attributions if x.parent is None]
        assert [(a.source.text, a.cue.text, a.content.text.rstrip(".")) for a in found] == [
            (source, cue, content)
        ]


def test_made_clear_to_someone_names_the_addressee(nlp):
    text = "The mayor made it abundantly clear to reporters that the plan was dead."
    a = by_content(run(nlp, text), "the plan was dead")
    assert a.cue.text == "made it abundantly clear"
    assert a.addressee is not None and a.addressee.span.text == "reporters"
    assert a.source.text == "The mayor"
