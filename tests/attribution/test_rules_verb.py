"""The verb rule (attribution/rules/verb.py): a reporting or belief verb with its subject,
addressee and content, and its fallbacks."""

from __future__ import annotations

import pytest

from support.articles import by_content, run


def test_direct_quote_speaker_before_with_colon(nlp):
    text = 'The coach was blunt. He said: "We did not play well enough to win tonight."'
    a = by_content(run(nlp, text), "We did not play well")
    assert a.kind == "direct"
    assert a.cue.text == "said:"  # PolNeAR's convention: the colon introduces the quote
    assert a.source.text == "He"


@pytest.mark.parametrize(
    ("sentence", "cue", "content_start"),
    [
        ("The senator said that the bill would pass by Friday.", "said", "that the bill"),
        ("Halls told investigators that he checked the gun.", "told", "that he checked"),
        ("The company denied that it had misled its customers.", "denied", "that it had"),
        ("The minister warned that prices would keep rising.", "warned", "that prices"),
        ("The coach insisted that his players were healthy.", "insisted", "that his players"),
        ("The agency acknowledged that the data was incomplete.", "acknowledged", "that the data"),
        ("The union claimed that the vote had been rigged.", "claimed", "that the vote"),
    ],
)
def test_indirect_reporting_verbs(nlp, sentence, cue, content_start):
    a = by_content(run(nlp, sentence), content_start)
    assert a.kind == "indirect"
    assert a.cue.text == cue
    assert a.content.text.startswith(content_start)


def test_told_names_the_addressee(nlp):
    text = "Lisa Torraco told ABC News that her client never pulled the trigger."
    a = by_content(run(nlp, text), "her client never")
    assert a.addressee is not None
    assert a.addressee.name == "ABC News"
    assert a.source.text == "Lisa Torraco"


@pytest.mark.parametrize(
    ("sentence", "content_start"),
    [
        ("Ferreira believes that the levy will pass.", "that the levy"),
        ("ABC News has learned that the producers ignored two warnings.", "that the producers"),
        ("Analysts expect that the merger will close next year.", "that the merger"),
    ],
)
def test_beliefs_and_knowledge_are_other(nlp, sentence, content_start):
    a = by_content(run(nlp, sentence), content_start)
    assert a.kind == "other"


def test_nested_attribution_links_to_parent(nlp):
    text = (
        "Lisa Torraco, a lawyer for assistant director David Halls, told ABC News that her "
        "client has always said Baldwin never pulled the trigger."
    )
    article = run(nlp, text)
    outer = by_content(article, "her client has always said")
    inner = [a for a in article.attributions if a.parent == outer.id]
    assert inner, "the inner attribution should link to the outer one"
    assert "Baldwin never pulled the trigger" in inner[0].content.text
    assert inner[0].speaker.name == "David Halls"
    assert outer.speaker.name == "Lisa Torraco"


def test_object_and_its_reason_are_the_content(nlp):
    article = run(nlp, "Trump also criticized the mayor for making very rude statements.")
    [a] = article.attributions
    assert a.content.text == "the mayor for making very rude statements"


def test_object_control_content_starts_at_the_one_urged(nlp):
    article = run(nlp, "Republican experts have urged party leaders to turn away from the plan.")
    [a] = article.attributions
    assert a.content.text == "party leaders to turn away from the plan"
    assert a.addressee is not None and a.addressee.name == "party leaders"


def test_called_on_takes_the_preposition_and_the_one_called_on(nlp):
    article = run(nlp, "Clinton called on Sanders and Donald Trump to do the same.")
    [a] = article.attributions
    assert a.cue.text == "called on"
    assert a.content.text == "Sanders and Donald Trump to do the same"


def test_posted_on_a_platform_then_a_colon_quote(nlp):
    article = run(nlp, 'Navarro later posted on X: "I owe this city more than that."')
    [a] = article.attributions
    assert a.cue.text.startswith("later posted on X")
    assert a.content.text == '"I owe this city more than that."'
    assert a.kind == "direct"


def test_said_in_a_statement_that(nlp):
    article = run(nlp, "Garrity's office said in a statement that the leader remains confident.")
    [a] = article.attributions
    assert (a.source.text, a.cue.text) == ("Garrity's office", "said")
    assert a.content.text == "that the leader remains confident"


def test_raising_verb_belongs_to_the_cue(nlp):
    article = run(nlp, "The senator is continuing to insist that the bill will pass.")
    [a] = article.attributions
    assert a.cue.text == "is continuing to insist"
    assert a.content.text == "that the bill will pass"
    assert a.source.text == "The senator"


def test_what_someone_called_a_thing_keeps_its_source(nlp):
    text = (
        'ABC said the special will look at what the network called the "safety culture" on '
        "low-budget productions."
    )
    article = run(nlp, text)
    called = next(a for a in article.attributions if a.cue and a.cue.text == "called")
    assert called.source is not None and called.source.text == "the network"
    assert called.content.text == 'the "safety culture" on low-budget productions'
    assert called.speaker is not None and called.speaker.name == "ABC"


def test_source_keeps_the_closing_mark_of_a_quoted_title(nlp):
    text = 'The director of the western "Rust" said that filming would not resume this year.'
    a = by_content(run(nlp, text), "filming would not resume")
    assert a.source.text == 'The director of the western "Rust"'


def test_source_after_the_content_keeps_its_phrase_and_its_aside_stays_out(nlp):
    text = (
        "Marsh has told aides she is frustrated with the pace of talks, one of the people "
        "said, speaking on condition of anonymity to describe private conversations."
    )
    article = run(nlp, text)
    said = next(a for a in article.attributions if a.cue is not None and a.cue.text == "said")
    assert said.source.text == "one of the people"
    assert said.content.text == "Marsh has told aides she is frustrated with the pace of talks"
    told = next(a for a in article.attributions if a.cue is not None and a.cue.text == "has told")
    # The participle after the comma is not something Marsh told anyone.
    assert told.content.text == "she is frustrated with the pace of talks"


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ('"I am so sorry to everyone," the 29-year-old wrote.', "the 29-year-old", "wrote",
         '"I am so sorry to everyone,"'),
        ("The 34-year-old told reporters he was innocent.", "The 34-year-old", "told",
         "he was innocent"),
    ],
)  # fmt: skip
def test_an_age_as_the_source(nlp, text, source, cue, content):
    # Split into five tokens, "34-year-old" makes the small model read the verb as part of
    # the noun phrase; the pipeline merges it first.
    [a] = run(nlp, text).attributions
    assert (a.source.text, a.cue.text, a.content.text) == (source, cue, content)


def test_content_does_not_end_on_the_conjunction_of_the_next_clause(nlp):
    text = (
        "On a call with investors last month, Rao said growth in the cloud unit had slowed to "
        "12% from 19% a year earlier, and warned that customers were delaying large purchases."
    )
    said = by_content(run(nlp, text), "growth in the cloud unit")
    assert said.content.text == "growth in the cloud unit had slowed to 12% from 19% a year earlier"


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("The decline in the polls has led some allies to worry whether she could lose.",
         "to worry", "some allies"),
        ("The opening question forced Trump to respond to the accusation that he lied.",
         "to respond to", "Trump"),
        ("Ramos used his acceptance speech to call for the resignation of the minister.",
         "to call for", "Ramos"),
    ],
)  # fmt: skip
def test_who_speaks_in_a_complement(nlp, text, cue, source):
    # "led X to worry": X worries; "used his speech to call for": the subject calls.
    article = run(nlp, text)
    found = [a for a in article.attributions if a.cue is not None and a.cue.text == cue]
    assert found, [(a.cue.text if a.cue else None, a.content.text) for a in article.attributions]
    assert found[0].source.text == source


@pytest.mark.parametrize(
    "text",
    [
        "Marsh is frustrated with the pace of talks, one of the people said, speaking on "
        "condition of anonymity to describe private conversations.",
        "The detectives tracked him, said two officials who were not authorized to discuss "
        "the investigation.",
        "The plan was shelved, said an aide who requested anonymity to discuss the meeting.",
    ],
)
def test_why_a_source_is_anonymous_is_not_an_attribution(nlp, text):
    cues = [a.cue.text for a in run(nlp, text).attributions if a.cue is not None]
    assert "said" in cues
    assert not any("describe" in c or "discuss" in c for c in cues), cues


@pytest.mark.parametrize(
    "tail",
    ["Trump said on Twitter.", "Trump said to a crowd of about 500.", "he said at a hearing."],
)
def test_where_it_was_said_is_not_the_content(nlp, tail):
    text = f'"We need much tougher, much smarter leadership - and we need it NOW!" {tail}'
    [a] = run(nlp, text).attributions
    assert a.content.text.startswith('"We need much tougher')
    assert a.cue.text == "said"


def test_a_reporting_participle_ends_the_content_before_it(nlp):
    text = (
        "Carson said he plans to preview a strategy for Libya after Christmas, insisting that "
        "U.S. leaders are too cautious."
    )
    article = run(nlp, text)
    said = next(a for a in article.attributions if a.cue.text == "said")
    assert said.content.text == "he plans to preview a strategy for Libya after Christmas"
    insisting = next(a for a in article.attributions if a.cue.text == "insisting")
    assert insisting.content.text == "that U.S. leaders are too cautious"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Clara Voss is expected to announce her candidacy on Monday.",
            "Clara Voss is expected to announce her candidacy on Monday",
            "is expected",
        ),
        (
            "The bill is widely believed to have enough votes to pass.",
            "The bill is widely believed to have enough votes to pass",
            "is widely believed",
        ),
    ],
)
def test_a_passive_cue_wraps_the_subject_it_is_said_of(nlp, text, content, cue):
    a = by_content(run(nlp, text), content.split()[-1])
    assert a.content.text.rstrip(".") == content
    assert a.cue.text == cue
    assert a.source is None


def test_who_was_told_stays_out_of_a_passive_content(nlp):
    a = by_content(run(nlp, "The senator was told that the bill had failed."), "the bill")
    assert a.content.text.rstrip(".") == "that the bill had failed"


@pytest.mark.parametrize(
    ("text", "told", "source"),
    [
        ("The senator was told that the bill had failed.", "The senator", None),
        ("Reporters were told the meeting was cancelled.", "Reporters", None),
        ("The mayor was told by aides that the vote was lost.", "The mayor", "aides"),
        ("The company was warned that it faced fines.", "The company", None),
    ],
)
def test_the_one_told_in_a_passive_is_the_addressee(nlp, nlp_model, text, told, source):
    for pipeline in (nlp, nlp_model):
        a = next(
            x for x in run(pipeline, text).attributions if x.cue.text.endswith(("told", "warned"))
        )
        assert a.addressee is not None and a.addressee.span.text == told
        assert (a.source.text if a.source else None) == source


def test_a_verb_said_twice_keeps_its_subject(nlp):
    text = (
        "He said his recent attacks on Trump have given his campaign momentum and said that "
        "Trump did not represent the legacy of the party."
    )
    [second] = [
        a for a in run(nlp, text).attributions if a.content.text.startswith("that Trump did not")
    ]
    assert second.cue.text == "said"
    assert second.source.text == "He"


@pytest.mark.parametrize(
    ("told", "aside", "main_cue", "main_content"),
    [
        ("Delaney", "asked about the remark", "said", "he had meant it"),
        ("The mayor", "asked whether she would run again", "declined", "to answer"),
        ("Trump", "when asked about the wall", "said", "Mexico would pay"),
    ],
)
def test_the_one_asked_in_an_aside_is_asked_and_speaks_after_it(
    nlp, nlp_model, told, aside, main_cue, main_content
):
    text = f"{told}, {aside}, {main_cue} {main_content}."
    for pipeline in (nlp, nlp_model):
        found = {a.cue.text: a for a in run(pipeline, text).attributions}
        main = found[main_cue]
        assert (main.source.text, main.content.text.rstrip(".")) == (told, main_content)
        [asked] = [a for cue, a in found.items() if cue.startswith("asked")]
        assert asked.source is None
        assert asked.addressee is not None and asked.addressee.span.text == told
        assert "," not in asked.content.text


def test_a_verb_in_the_reporting_tense_is_the_reporters(nlp):
    text = "The coach said the team plays hard and denied that anyone was hurt."
    [denied] = [a for a in run(nlp, text).attributions if a.cue.text == "denied"]
    assert denied.source.text == "The coach"
    # In the clause's own tense the conjoined verb is the clause subject's.
    text = "She said he arrived at noon and said hello to everyone."
    [hello] = [a for a in run(nlp, text).attributions if a.cue.text.startswith("said hello")]
    assert hello.source.text == "he"


def test_a_clause_before_a_semicolon_is_not_the_next_verbs_content(nlp, nlp_model):
    text = "Ellis said she would propose a 4 percent raise; Moreno said she would go further."
    for pipeline in (nlp, nlp_model):
        found = {
            a.source.text: a.content.text.rstrip(".")
            for a in run(pipeline, text).attributions
            if a.parent is None
        }
        assert found == {
            "Ellis": "she would propose a 4 percent raise",
            "Moreno": "she would go further",
        }


def test_a_that_clause_the_parser_hangs_on_a_noun_is_still_what_was_told(nlp):
    text = (
        "Tom Reyes told reporters after the debate that the mayor had dodged every hard question."
    )
    [told] = [a for a in run(nlp, text).attributions if a.cue.text == "told"]
    assert told.content.text.rstrip(".") == "that the mayor had dodged every hard question"
    assert (told.source.text, told.addressee.span.text) == ("Tom Reyes", "reporters")
    # A true relative clause stays out: the debate is not what was told.
    text = "Tom Reyes told reporters after the debate that the mayor had watched."
    told_of = [a.content.text for a in run(nlp, text).attributions if a.cue.text == "told"]
    assert not [c for c in told_of if "mayor" in c]


def test_a_relative_pronoun_starts_what_was_said(nlp):
    text = "The agency released 300 pages, which officials said covered every meeting of the board."
    a = next(x for x in run(nlp, text).attributions if x.cue.text == "said")
    assert a.content.text.rstrip(".") == "which officials said covered every meeting of the board"
    assert [text[s:e] for s, e in a.content.parts] == [
        "which",
        "covered every meeting of the board",
    ]
    assert a.source.text == "officials"


@pytest.mark.parametrize(
    "text",
    [
        "It appears, though, that the vote was delayed by a week.",
        "It seems that the council has not read the report.",
    ],
)
def test_the_it_of_a_verb_of_appearance_is_nobody(nlp, text):
    a = by_content(run(nlp, text), "the")
    assert a.cue.text.split()[0] in {"appears", "seems"}
    assert a.source is None
    assert a.speaker is None
