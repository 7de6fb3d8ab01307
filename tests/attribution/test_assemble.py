"""From candidates to attributions (attribution/assemble.py): datelines, boilerplate flags,
echoed complements."""

from __future__ import annotations

import pytest

from support.articles import by_content, run


@pytest.mark.parametrize("dateline", ["Washington (CNN) ", "WASHINGTON (AP) — ", "MARLOW FALLS - "])
def test_a_dateline_is_not_part_of_the_source(nlp, dateline):
    text = f"{dateline}Senate Majority Leader Mitch McConnell said Thursday he expects a vote."
    a = next(a for a in run(nlp, text).attributions if a.parent is None)
    assert a.source.text == "Senate Majority Leader Mitch McConnell"


def test_a_dateline_after_the_headline_is_neither_content_nor_source(nlp):
    text = (
        "Orbitek to cut jobs\n\n"
        "Oct 14 (Reuters) - Orbitek Inc will cut about 2,000 jobs, Chief Executive Sanjay Rao "
        "told employees on Tuesday.\n\n"
        "WASHINGTON (AP) — Senate leaders said the vote would come on Friday.\n"
    )
    article = run(nlp, text)
    cut = by_content(article, "will cut")
    assert cut.content.text == "Orbitek Inc will cut about 2,000 jobs"
    vote = by_content(article, "the vote would come")
    assert vote.source.text == "Senate leaders"


def test_attribution_in_boilerplate_is_flagged(nlp):
    text = (
        "Two firefighters were hurt, officials said.\n\n"
        "6:29\n"
        "Fire chief says crews had worked three shifts in a row\n"
        "Footage from the scene on Tuesday night.\n\n"
        "The fire was contained by morning, the department said."
    )
    article = run(nlp, text)
    assert any(b.reason == "video" for b in article.boilerplate)
    inside = by_content(article, "crews had worked")
    assert inside.in_boilerplate
    assert not by_content(article, "fire was contained").in_boilerplate


def test_declined_to_discuss_is_one_attribution(nlp):
    text = (
        "Investigators believe the shooting followed an argument, but she declined to discuss "
        "a motive."
    )
    cues = [a.cue.text for a in run(nlp, text).attributions if a.cue is not None]
    assert "declined" in cues
    assert "to discuss" not in cues  # she discussed nothing: no nested attribution for it


def test_a_content_over_a_paragraph_break_is_cut_into_parts() -> None:
    from onrecord.attribution.assemble import split_at_paragraphs

    text = '"We will win.\n\nWe always do," she said.'
    parts = split_at_paragraphs(text, [(0, 29)])
    assert [text[s:e] for s, e in parts] == ['"We will win.', 'We always do,"']
    assert split_at_paragraphs(text, [(0, 13)]) == [(0, 13)]


def test_a_read_more_teaser_yields_no_attribution(nlp) -> None:
    from onrecord import extract

    text = (
        "Ann Lee said the council would vote on Monday.\n\n"
        "Read more: Mayor says ferry fares will rise in spring\n\n"
        '"We will keep the ferry running," Lee said.\n'
    )
    article = extract(text, nlp=nlp)
    (teaser,) = article.boilerplate
    assert teaser.reason == "read_more"
    assert '"We will keep the ferry running,"' in [a.content.text for a in article.attributions]
    assert not any(teaser.start <= a.content.start < teaser.end for a in article.attributions)


def test_a_capitalised_section_label_is_not_an_interview_turn(nlp) -> None:
    from onrecord import extract

    text = (
        "Ann Lee said the council would vote on Monday.\n\n"
        "STATE OF PLAY: The council has not yet decided on the plan.\n"
    )
    article = extract(text, nlp=nlp)
    assert article.attributions
    assert not any(a.source and a.source.text == "STATE OF PLAY" for a in article.attributions)
