"""Layouts scraped news uses for quotations, read by both readers: paragraphs separated by a
line holding only ".", an unclosed quotation going on in the next paragraph, a dash opening a
quotation, and `` '' marks."""

from __future__ import annotations

import pytest

from onrecord import extract

DOTTED = (
    "Mayor Dana Whitlock spoke to reporters after the vote on Monday.\n.\n"
    '"We will keep the ferry running," Whitlock said.\n.\n'
    '"Nobody wants the fares to rise. But the numbers are the numbers."\n'
)
RUNNING_ON = (
    'Council member Omar Reyes added: "The riders have told us for years that the ferry is '
    "their lifeline.\n\n"
    '"We should listen to them before we vote again."\n'
)
DASHED = "The vote was close.\n\n- We will not give up, said Mayor Dana Whitlock.\n"
BACKTICKS = "``They cannot pay more,'' Council member Omar Reyes said on Monday.\n"


@pytest.fixture(params=["fast", "accurate"])
def reader(request, nlp_model, nlp_accurate):
    return nlp_model if request.param == "fast" else nlp_accurate


def test_a_quote_only_paragraph_after_a_dot_line_continues_the_speaker(reader) -> None:
    article = extract(DOTTED, nlp=reader)
    said = next(a for a in article.attributions if a.content.text.startswith('"We will'))
    more = next(a for a in article.attributions if a.content.text.startswith('"Nobody'))
    assert more.continues == said.id
    assert more.speaker is not None and more.speaker.name == "Dana Whitlock"


def test_an_unclosed_quotation_runs_on_into_the_next_paragraph_in_two_parts(reader) -> None:
    article = extract(RUNNING_ON, nlp=reader)
    (quoted,) = [a for a in article.attributions if a.content.text.startswith('"The riders')]
    assert quoted.content.part_texts() == [
        '"The riders have told us for years that the ferry is their lifeline.',
        '"We should listen to them before we vote again."',
    ]
    assert quoted.speaker is not None and quoted.speaker.name == "Omar Reyes"


def test_a_dash_opens_a_direct_quotation(reader) -> None:
    article = extract(DASHED, nlp=reader)
    (quoted,) = [a for a in article.attributions if "give up" in a.content.text]
    assert quoted.content.text == "We will not give up"
    assert quoted.kind == "direct"
    assert quoted.speaker is not None and quoted.speaker.name == "Dana Whitlock"


def test_backtick_quotation_marks_are_a_direct_quotation(reader) -> None:
    article = extract(BACKTICKS, nlp=reader)
    (quoted,) = [a for a in article.attributions if "pay more" in a.content.text]
    assert quoted.kind == "direct"
    assert quoted.speaker is not None and quoted.speaker.name == "Omar Reyes"
