"""The phrase rules (attribution/rules/phrases.py): according_to, in_poll, as_put_it."""

from __future__ import annotations

from support.articles import by_content, run


def test_according_to(nlp):
    text = "The plant will close in March, according to two people briefed on the plan."
    a = by_content(run(nlp, text), "plant will close")
    assert a.cue.text == "according to"
    assert a.source.text == "two people briefed on the plan"
    assert "according" not in a.content.text


def test_according_to_keeps_the_clause_subject_out_of_the_source(nlp):
    # In this context the small parser makes "a shutdown" an apposition of the office.
    text = (
        'One of the officials said the talks were "moving in the right direction."\n\n'
        "According to the Congressional Budget Office, a shutdown lasting a month would "
        "reduce economic growth by about 0.2 percentage points."
    )
    a = run(nlp, text).attributions[-1]
    assert a.source.text == "the Congressional Budget Office"
    assert a.content.text.startswith("a shutdown lasting a month would reduce")


def test_a_finding_in_a_poll_is_the_polls(nlp):
    text = "In an early-October CBS News poll, she led Mr. Sanders 56 percent to 32 percent."
    [a] = run(nlp, text).attributions
    assert (a.source.text, a.cue.text) == ("an early-October CBS News poll", "In")
    assert a.content.text.rstrip(".") == "she led Mr. Sanders 56 percent to 32 percent"
    # Polls in general are a standing, not a source.
    assert run(nlp, "The governor has slid in the polls since the debate.").attributions == []


def test_as_x_put_it(nlp):
    text = "The league is running out of time, as the commissioner put it on Friday."
    a = by_content(run(nlp, text), "running out of time")
    assert a.cue.text == "put it"
    assert a.source.text == "the commissioner"
