"""pronouns: antecedents of he, she, it and they; I, you and who in sources."""

from __future__ import annotations

from spacy.language import Language

from onrecord.record import Boilerplate
from onrecord.speakers import resolve_speakers
from support.speakers import attribution, entity, resolve


def test_pronoun_gender_agreement(parser: Language) -> None:
    text = (
        "Jane Doe met with Tom Brown on Friday. Brown was friendly and offered coffee. "
        '"We will appeal," she said. "I disagree," he said.'
    )
    atts = [
        attribution(text, "she", "We will appeal", kind="direct"),
        attribution(text, "he", "I disagree", kind="direct"),
    ]
    resolve(parser, text, atts)
    she, he = (a.speaker for a in atts)
    assert she is not None and she.name == "Jane Doe"
    assert he is not None and he.name == "Tom Brown"


def test_gender_learned_from_pronouns(parser: Language) -> None:
    # Neither name says its gender; "He" makes Patel a man, so "She" cannot be Patel,
    # though Patel is the nearer subject.
    text = (
        "Patel spoke first. He said the merger was off. Later, Patel met Morrow in Boston. "
        "She said the deal would happen."
    )
    atts = [
        attribution(text, "He", "the merger was off"),
        attribution(text, "She", "the deal would happen"),
    ]
    entities = resolve(parser, text, atts)
    he, she = (a.speaker for a in atts)
    assert he is not None and he.name == "Patel"
    assert she is not None and she.name == "Morrow"
    assert entity(entities, he.entity).gender == "m"
    assert entity(entities, she.entity).gender == "f"


def test_relative_pronoun_goes_to_its_noun_phrase(parser: Language) -> None:
    text = (
        "Police interviewed Alec Baldwin and the armorer, Hannah Gutierrez-Reed, who said she "
        'had checked the gun. "It was a mistake," said Smith, who told reporters that he '
        "regretted it."
    )
    atts = [
        attribution(text, "who", "she had checked the gun"),
        attribution(text, "Smith", "It was a mistake", kind="direct"),
        attribution(text, "who", "he regretted it", after="Smith", addressee="reporters"),
    ]
    entities = resolve(parser, text, atts)
    armorer, smith, who = (a.speaker for a in atts)
    assert armorer is not None and armorer.name == "Hannah Gutierrez-Reed"
    assert smith is not None and who is not None and who.entity == smith.entity
    reporters = atts[2].addressee
    assert reporters is not None and entity(entities, reporters.entity).type == "group"


def test_pronoun_it_goes_to_an_organisation(parser: Language) -> None:
    text = (
        "Rust Movie Productions, the company that produced the film, hired Jane Doe in May. "
        "It said the set was safe."
    )
    atts = [attribution(text, "It", "the set was safe")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None
    assert (speaker.name, speaker.type) == ("Rust Movie Productions", "organization")


def test_first_person_in_content_is_never_the_speaker(parser: Language) -> None:
    text = (
        '"I have nothing to hide, and we will prove it," Mayor John Smith said on Monday. '
        '"I told them I would never resign," he said. I asked him about it.'
    )
    atts = [
        attribution(
            text, "Mayor John Smith", "I have nothing to hide, and we will prove it", kind="direct"
        ),
        attribution(text, "he", "I told them I would never resign", kind="direct"),
        # Nested: "I told them" inside Smith's quotation is Smith.
        attribution(text, "I", "I would never resign", after="Monday", kind="direct"),
        # The article's own voice.
        attribution(text, "I", "about it", after="resign"),
        # A source span wrongly inside its own content: "I" is what is said, not who says it.
        attribution(text, "I", "I have nothing to hide"),
    ]
    entities = resolve(parser, text, atts)
    mayor, he, nested, author, own = (a.speaker for a in atts)
    assert mayor is not None and mayor.name == "John Smith"
    assert he is not None and he.entity == mayor.entity
    assert nested is not None and nested.entity == mayor.entity
    assert author is not None and (author.name, author.type) == ("the author", "anonymous")
    assert own is not None and own.entity is None and own.type == "unknown"
    # No entity is made of the quotation's "we".
    assert not any(e.name.lower() == "we" for e in entities)
    smith = entity(entities, mayor.entity)
    assert "Mayor John Smith" in {m.text for m in smith.mentions}


def test_pronoun_after_quote_skips_names_inside_it(parser: Language) -> None:
    text = '"I met Joe Biden at the White House," Donald Trump said. He added that it went well.'
    atts = [
        attribution(text, "Donald Trump", "I met Joe Biden at the White House", kind="direct"),
        attribution(text, "He", "it went well"),
    ]
    resolve(parser, text, atts)
    assert atts[1].speaker is not None and atts[1].speaker.name == "Donald Trump"


def test_he_is_never_the_articles_author(parser: Language) -> None:
    text = (
        "Donald Trump spoke on Monday. I think the plan is wrong. Then he said the plan "
        "would work."
    )
    atts = [
        attribution(text, "I", "the plan is wrong"),
        attribution(text, "he", "the plan would work"),
    ]
    resolve(parser, text, atts)
    author, he = (a.speaker for a in atts)
    assert author is not None and author.name == "the author"
    assert he is not None and he.name == "Donald Trump"


def test_the_articles_i_is_the_one_person_its_byline_names(parser: Language) -> None:
    text = "By Priya Natarajan\n\nI visited the plant on Monday. I think the plan is wrong."
    i = attribution(text, "I", "the plan is wrong", after="Monday")
    boilerplate = [Boilerplate(0, len("By Priya Natarajan"), "byline")]
    resolve_speakers(parser(text), [i], boilerplate=boilerplate)
    assert (i.speaker.name, i.speaker.type) == ("Priya Natarajan", "person")


def test_they_after_two_named_people_as_subject_is_both(parser: Language) -> None:
    text = (
        "Senators Charles Grassley and Patrick Leahy wrote to the agency on Monday. They "
        "said the program was rife with fraud."
    )
    they = attribution(text, "They", "the program was rife with fraud")
    entities = resolve(parser, text, [they])
    names = {e.id: e.name for e in entities}
    assert [names[e] for e in they.speaker.entities] == ["Charles Grassley", "Patrick Leahy"]


def test_they_after_a_group_subject_is_not_a_pair(parser: Language) -> None:
    text = (
        "Investigators and police searched the set on Monday. They said the gun was real."
    )
    they = attribution(text, "They", "the gun was real")
    resolve(parser, text, [they])
    assert they.speaker.entities == ()


def test_it_is_never_a_place_named_as_where(parser: Language) -> None:
    text = (
        "Fans packed the arena on Sunday. In Los Angeles, tickets sold out in minutes. "
        "It said the arena was full."
    )
    it = attribution(text, "It", "the arena was full")
    resolve(parser, text, [it])
    assert it.speaker.name != "Los Angeles"
