"""roles: aliases from appositions and titles, relations ("her client"), apposed names."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, entity, resolve


def test_titles_become_aliases_and_addressee_pronoun(parser: Language) -> None:
    text = (
        "Sen. Elizabeth Warren met President Joe Biden on Tuesday. The senator said the bill "
        "would pass. The president told her that he agreed."
    )
    atts = [
        attribution(text, "The senator", "the bill would pass"),
        attribution(text, "The president", "he agreed", addressee="her"),
    ]
    entities = resolve(parser, text, atts)
    senator, president = (a.speaker for a in atts)
    assert senator is not None and senator.name == "Elizabeth Warren"
    assert president is not None and president.name == "Joe Biden"
    her = atts[1].addressee
    assert her is not None and her.entity == senator.entity
    assert entity(entities, senator.entity).gender == "f"


def test_possessed_role_follows_known_relation(parser: Language) -> None:
    text = (
        "Alec Baldwin spoke to police on Friday. Baldwin's lawyer, Aaron Dyer, said the actor "
        "had been told the gun was safe. His lawyer later added that Baldwin would cooperate."
    )
    atts = [
        attribution(
            text, "Baldwin's lawyer, Aaron Dyer", "the actor had been told the gun was safe"
        ),
        attribution(text, "His lawyer", "Baldwin would cooperate"),
    ]
    resolve(parser, text, atts)
    dyer, his_lawyer = (a.speaker for a in atts)
    assert dyer is not None and dyer.name == "Aaron Dyer"
    assert his_lawyer is not None and his_lawyer.entity == dyer.entity


def test_apposed_name_on_the_wrong_noun(parser: Language) -> None:
    text = '"We are not going anywhere," said a spokeswoman for the company, Jane Roe.'
    atts = [
        attribution(
            text,
            "a spokeswoman for the company, Jane Roe",
            "We are not going anywhere",
            kind="direct",
        )
    ]
    entities = resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Jane Roe"
    assert entity(entities, speaker.entity).gender == "f"


def test_a_justice_is_the_judge_later_on(parser: Language) -> None:
    text = (
        "Manhattan Supreme Court Justice Frank Nervo rejected the request on Thursday. "
        "Reporters had asked to see the file. The judge said the file would stay sealed."
    )
    said = attribution(text, "The judge", "the file would stay sealed")
    resolve(parser, text, [said])
    assert said.speaker.name == "Frank Nervo"
