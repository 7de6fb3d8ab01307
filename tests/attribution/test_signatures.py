"""Attributions without a verb found in the raw text (attribution/signatures.py): embedded
tweets, signature lines, transcript turns and interview answers."""

from __future__ import annotations

from support.articles import by_content, run


def test_transcript_turns(nlp):
    text = (
        "UPDATE: This story has been updated.\n\n"
        "TAPPER: Do you think Donald Trump has campaigned as a racial healer?\n\n"
        "FALLIN: I think he is trying to campaign as a racial healer.\n\n"
        "The interview ended there."
    )
    turns = [a for a in run(nlp, text).attributions if a.cue and a.cue.text == ":"]
    assert [(a.source.text, a.content.text[:14]) for a in turns] == [
        ("TAPPER", "Do you think D"),
        ("FALLIN", "I think he is "),
    ]


def test_an_interviews_answers_are_the_interviewees_in_full(nlp, nlp_model):
    text = (
        "A conversation with Governor Elena Vargas\n\n"
        "Vargas sat down with the Herald on Tuesday to discuss the drought.\n\n"
        "Q: How bad is it?\n\n"
        "A: It's the worst in a generation. Our reservoirs are at 31 percent.\n\n"
        "Q: Farmers say you have favored cities.\n\n"
        "A: I understand the frustration. But a city without water is a crisis.\n\n"
        "Her critics are unconvinced."
    )
    for pipeline in (nlp, nlp_model):
        answers = [a for a in run(pipeline, text).attributions if a.source and a.source.text == "A"]
        assert [(a.kind, a.content.text[:24], a.speaker.name) for a in answers] == [
            ("direct", "It's the worst in a gene", "Elena Vargas"),
            ("direct", "I understand the frustra", "Elena Vargas"),
        ]
        assert answers[1].content.text.endswith("a crisis.")


def test_interview_turns_led_by_a_name_in_title_case(nlp):
    text = (
        "Update: This story has been updated.\n\n"
        "Q: Was the game plan wrong?\n\n"
        "Albright: I don't think so. We didn't execute it.\n\n"
        "Q: What do you tell the fans?\n\n"
        "Albright: That we hear them, and that we're going to fix it.\n"
    )
    turns = [a for a in run(nlp, text).attributions if a.source and a.source.text == "Albright"]
    assert [(a.content.text, a.kind) for a in turns] == [
        ("I don't think so. We didn't execute it.", "direct"),
        ("That we hear them, and that we're going to fix it.", "direct"),
    ]
    assert not any(a.source and a.source.text == "Update" for a in run(nlp, text).attributions)


def test_two_capitalised_labels_are_no_transcript(nlp):
    text = (
        "EDITOR'S NOTE: This story contains details some readers may find upsetting.\n\n"
        "BREAKING NEWS: The council voted to close the library on Monday.\n\n"
        "It will shut in May."
    )
    assert not [a for a in run(nlp, text).attributions if a.cue and a.cue.text == ":"]


def test_one_capitalised_heading_is_no_transcript(nlp):
    text = "BREAKING NEWS: The council voted to close the library.\n\nIt will shut in May."
    assert not [a for a in run(nlp, text).attributions if a.cue and a.cue.text == ":"]


def test_embedded_tweet_is_signed_by_its_author(nlp, nlp_model):
    text = (
        "The speaker weighed in on Tuesday.\n\n"
        "No one should be above the law. — Paul Ryan (@SpeakerRyan) July 5, 2016\n\n"
        "The committee meets again next week."
    )
    # Kept with the learned filter too, which PolNeAR taught to doubt tweets.
    for pipeline in (nlp, nlp_model):
        a = by_content(run(pipeline, text), "No one should be above the law")
        assert a.content.text == "No one should be above the law."
        assert a.kind == "direct"  # the words as posted
        assert a.cue.text == "—"
        assert a.source.text == "Paul Ryan"
        assert a.speaker.name == "Paul Ryan"
    text = (
        "Environment Secretary Tom Reeve tweeted:\n\n"
        "Please follow the advice of the emergency services and stay away from the coast "
        "today. — Tom Reeve (@TomReeveMP) February 9, 2020\n\n"
        "Trains were cancelled."
    )
    a = by_content(run(nlp_model, text), "Please follow the advice")
    assert (a.kind, a.source.text) == ("direct", "Tom Reeve")


def test_signature_line_under_a_quote(nlp):
    text = (
        '"We need a raise for working families, and we need it now."\n\n'
        "- Bernie Sanders.\n\n"
        "The senator repeated the line at every stop."
    )
    a = by_content(run(nlp, text), "We need a raise")
    assert a.kind == "direct"
    assert a.cue.text == "-"
    assert a.source.text == "Bernie Sanders"


def test_signature_closing_the_quotations_own_line(nlp, nlp_model):
    text = (
        "Readers wrote in with their reactions.\n\n"
        '"I was stunned by the vote and I still am." ― Maria Ortiz, 34, Texas\n\n'
        '"We expected better from the council." — Dan Hale\n\n'
        '"Rust" — Joel Souza\n\n'
        'He told reporters "we will win" — and then he left.'
    )
    for pipeline in (nlp, nlp_model):
        article = run(pipeline, text)
        signed = {a.content.text: a for a in article.attributions if a.cue.text in "―—"}
        assert set(signed) == {
            '"I was stunned by the vote and I still am."',
            '"We expected better from the council."',
        }
        ortiz = signed['"I was stunned by the vote and I still am."']
        assert ortiz.kind == "direct"
        assert ortiz.source.text == "Maria Ortiz"
        assert ortiz.speaker.name == "Maria Ortiz"
        assert signed['"We expected better from the council."'].source.text == "Dan Hale"


def test_a_dateline_dash_is_not_a_signature(nlp):
    text = "WASHINGTON — The Senate met on Monday to debate the budget."
    assert not [a for a in run(nlp, text).attributions if a.cue and a.cue.text == "—"]
