"""A coordinated source names everyone in it: "X and Y said" is both people."""

from __future__ import annotations

from spacy.language import Language

from onrecord.record import Speaker
from support.speakers import attribution, resolve


def test_two_people_joined_by_and_are_both_the_speaker(parser: Language) -> None:
    text = "Senators Ann Lee and Bob Day said the bill would pass."
    (att,) = [attribution(text, "Senators Ann Lee and Bob Day", "the bill would pass")]
    entities = resolve(parser, text, [att])
    speaker = att.speaker
    assert speaker is not None and len(speaker.entities) == 2
    names = {e.id: e.name for e in entities}
    assert [names[e] for e in speaker.entities] == ["Ann Lee", "Bob Day"]
    assert speaker.entity == speaker.entities[0]
    assert speaker.name == "Ann Lee and Bob Day"


def test_a_person_and_unnamed_others_is_the_person(parser: Language) -> None:
    text = "Ann Lee and her aides said the bill would pass."
    (att,) = [attribution(text, "Ann Lee and her aides", "the bill would pass")]
    resolve(parser, text, [att])
    assert att.speaker is not None
    assert att.speaker.name == "Ann Lee" and att.speaker.entities == ()


def test_several_speakers_round_trip_in_the_record() -> None:
    speaker = Speaker("Ann Lee and Bob Day", "person", "E1", ("E1", "E2"))
    assert speaker.to_dict()["entities"] == ["E1", "E2"]
    assert Speaker.from_dict(speaker.to_dict()) == speaker
    assert "entities" not in Speaker("Ann Lee", "person", "E1").to_dict()



def test_a_list_of_three_names_is_all_three(parser: Language) -> None:
    # The parser reads "Ted Cruz" as an apposition to "Ben Carson", with "Rand Paul" its
    # conjunct: a list all the same.
    text = (
        "Ben Carson, Ted Cruz and Rand Paul have all attacked the program as a violation of "
        "free market principles."
    )
    source = "Ben Carson, Ted Cruz and Rand Paul"
    (att,) = [attribution(text, source, "the program as a violation of free market principles")]
    entities = resolve(parser, text, [att])
    names = {e.id: e.name for e in entities}
    assert [names[e] for e in att.speaker.entities] == ["Ben Carson", "Ted Cruz", "Rand Paul"]


def test_he_after_a_pair_that_spoke_is_not_one_of_the_pair(parser: Language) -> None:
    text = (
        "Governor Dan Reyes promised Monday to act on housing. Senator Ann Lee and former "
        "Mayor Tom Fisk have pledged to act as well. He said the plan would cost $2 billion."
    )
    first = attribution(text, "Governor Dan Reyes", "to act on housing")
    pair = attribution(text, "Senator Ann Lee and former Mayor Tom Fisk", "to act as well")
    he = attribution(text, "He", "the plan would cost $2 billion")
    resolve(parser, text, [first, pair, he])
    assert he.speaker.name == "Dan Reyes"


def test_a_party_and_state_tag_in_a_list_is_no_one(parser: Language) -> None:
    text = (
        "Republican senator Bob Corker, R-Tenn., and Lindsey Graham, R-S.C., said the deal "
        "was bad."
    )
    source = "senator Bob Corker, R-Tenn., and Lindsey Graham"
    (att,) = [attribution(text, source, "the deal was bad")]
    entities = resolve(parser, text, [att])
    names = {e.id: e.name for e in entities}
    assert [names[e] for e in att.speaker.entities] == ["Bob Corker", "Lindsey Graham"]
