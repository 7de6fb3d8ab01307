"""Quotation marks and the attributions they make: direct, split, nested, continued, mixed,
British single marks, titles and scare quotes."""

from __future__ import annotations

from support.articles import by_content, run


def test_direct_quote_speaker_after(nlp):
    text = '"We will appeal the ruling," the mayor said on Monday.'
    a = by_content(run(nlp, text), "We will appeal")
    assert a.kind == "direct"
    assert a.content.text == '"We will appeal the ruling,"'
    assert a.cue.text == "said"
    assert a.source.text == "the mayor"


def test_direct_quote_inverted_said_x(nlp):
    text = "“The budget is balanced,” said Councilwoman Rita Quist, who chairs the committee."
    a = by_content(run(nlp, text), "The budget is balanced")
    assert a.kind == "direct"
    assert a.source.text.startswith("Councilwoman Rita Quist")
    assert a.speaker.name == "Rita Quist"


def test_curly_quote_over_several_sentences(nlp):
    text = (
        "“The water came up fast. We had ten minutes to leave. Nobody expected it,” "
        "said Maria Lopez, a resident of the flooded street."
    )
    a = by_content(run(nlp, text), "Nobody expected it")
    assert a.content.text.startswith("“The water came up fast.")
    assert a.content.text.endswith("expected it,”")
    assert a.speaker.name == "Maria Lopez"


def test_quote_over_two_paragraphs(nlp):
    text = (
        'Engineer Tom Reyes said: "The bridge was never designed for this load. '
        "We told the county twice.\n\n"
        '"Nobody listened, and now we have a closed bridge."\n\n'
        "The county did not respond."
    )
    article = run(nlp, text)
    a = by_content(article, "designed for this load")
    assert "Nobody listened" in a.content.text
    assert a.content.text.endswith('closed bridge."')
    assert a.kind == "direct"


def test_split_quote_has_two_fragments(nlp):
    text = "“We are not done,” she said, “and we will be back next year.” The crowd cheered."
    a = by_content(run(nlp, text), "We are not done")
    assert "we will be back" in a.content.text
    assert len(a.content.parts) == 2
    first, second = a.content.parts
    assert text[first[0] : first[1]] == "“We are not done,”"
    assert text[second[0] : second[1]] == "“and we will be back next year.”"
    assert a.source.text == "she"


def test_quote_inside_quote_is_one_attribution(nlp):
    text = "“My father told me, ‘Never sell the harbor,’ and I never will,” Ellis said."
    article = run(nlp, text)
    top = [a for a in article.attributions if a.parent is None]
    assert len(top) == 1
    assert top[0].content.text.startswith("“My father")
    assert top[0].content.text.endswith("never will,”")


def test_quote_only_paragraph_continues_previous_speaker(nlp):
    text = (
        '"This is the worst storm in thirty years," said Mayor Dana Whitfield.\n\n'
        '"We are asking everyone to stay home tonight and check on their neighbours."\n\n'
        "Schools will be closed."
    )
    article = run(nlp, text)
    first = by_content(article, "worst storm")
    second = by_content(article, "stay home tonight")
    assert second is not first
    assert second.continues == first.id
    assert second.speaker is not None and second.speaker.name == "Dana Whitfield"


def test_mixed_quote(nlp):
    text = "Investigators have described “some complacency” in how weapons were handled on the set."
    a = by_content(run(nlp, text), "some complacency")
    assert a.kind == "mixed"
    assert a.source.text == "Investigators"
    assert a.speaker.type == "group"


def test_titles_and_scare_quotes_are_not_speech(nlp):
    text = (
        "The shooting happened on the set of the film “Rust” in New Mexico. The network will "
        "air a special, “20/20”, next week. The town is now a “climate refuge” for retirees."
    )
    article = run(nlp, text)
    for a in article.attributions:
        assert "Rust" not in a.content.text or a.kind != "direct"
        assert a.content.text not in {"“Rust”", "“20/20”", "“climate refuge”"}
    assert not [a for a in article.attributions if a.kind in {"direct", "mixed"}]


def test_a_work_named_as_the_object_of_a_cue_is_not_content(nlp):
    # The parser makes the podcast's name the object of "arguing"; a short quote with a
    # cue of its own stays speech.
    text = (
        "Fans have also been arguing about the team’s podcast, “Gull Talk,” since the "
        "final game.\n\n“Quiet,” he demanded."
    )
    article = run(nlp, text)
    assert [a.content.text for a in article.attributions] == ["“Quiet,”"]


def test_quote_after_the_rest_of_the_cue_sentence_joins_it(nlp):
    # PolNeAR's convention: “A,” X said <anything>. “B.” in one paragraph is one content.
    text = (
        "“Much tougher than that is fine,” Trump said of waterboarding at a rally in Ohio. "
        "“We are dealing with people who do not play by the rules.”\n\n"
        "“It is torture,” Cruz said. The crowd cheered. “We will not do it.”"
    )
    article = run(nlp, text)
    trump = by_content(article, "Much tougher")
    assert "do not play by the rules" in trump.content.text
    assert trump.speaker.name == "Trump"
    # A sentence of the article's own in between ends the speech.
    cruz = by_content(article, "It is torture")
    assert "will not do it" not in cruz.content.text


def test_british_single_quotes(nlp):
    text = (
        "Speaking in Downing Street, she said: 'We made a promise and we intend to keep it.\n\n"
        "'Every family deserves a home, and I won't apologise for that.'\n\n"
        "But Sir Graham Whitlock said the targets were 'simply undeliverable' in the shires. "
        "'My constituents aren't against homes,' he told the BBC. 'They're against the "
        "wrong homes.'"
    )
    article = run(nlp, text)
    kinds = {a.content.text[:12]: a.kind for a in article.attributions if a.parent is None}
    pm = by_content(article, "We made a promise")
    assert pm.kind == "direct" and "won't apologise for that" in pm.content.text
    assert by_content(article, "simply undeliverable").kind == "mixed", kinds
    graham = by_content(article, "My constituents")
    assert graham.kind == "direct" and "wrong homes" in graham.content.text
    assert graham.speaker.name == "Graham Whitlock"


def test_double_quotes_in_an_article_of_single_ones(nlp):
    # Live blogs and wire copy mix the conventions; a quotation inside a single-marked one
    # stays part of it.
    text = (
        "'I've never seen waves like it,' he said. 'The pier was shaking.'\n\n"
        "'We lost two boats,' said Geoff Hardy. 'Nobody warned us.'\n\n"
        "'My mother said \"get out now\" and we did,' added Kim Hardy.\n\n"
        '"Safety has to come first," a Southern Rail spokeswoman said.'
    )
    article = run(nlp, text)
    safety = by_content(article, "Safety has to come first")
    assert (safety.kind, safety.content.text) == ("direct", '"Safety has to come first,"')
    kim = by_content(article, "My mother said")
    assert kim.content.text == "'My mother said \"get out now\" and we did,'"


def test_unbalanced_quote_does_not_swallow_the_article(nlp):
    text = (
        'The mayor said "we will rebuild.\n\n'
        "The council met on Tuesday. Councilman Reed said that the vote was delayed."
    )
    article = run(nlp, text)
    a = by_content(article, "the vote was delayed")
    assert a.source.text == "Councilman Reed"
    for b in article.attributions:
        assert "council met" not in b.content.text or b is a


def test_first_person_in_quote_is_not_the_speaker(nlp):
    text = '"I never touched the gun," Halls said.'
    a = by_content(run(nlp, text), "I never touched")
    assert a.source.text == "Halls"
    assert a.speaker.name == "Halls"


def test_every_span_matches_the_text(nlp):
    text = (
        "“Hello,” she said. He told reporters that the plan, “as written”, fails.\n"
        "According to the report, costs rose."
    )
    article = run(nlp, text)
    assert article.attributions
    for a in article.attributions:
        for span in (a.content, a.cue, a.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert 0.0 <= a.confidence <= 1.0
