"""groups: groups of people, told apart by their modifiers."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, resolve


def test_groups(parser: Language) -> None:
    text = (
        "Investigators said the gun was loaded. Authorities said they would keep looking. "
        "Some voters said they were angry. Democrats said the bill would fail. Voters said "
        "little."
    )
    atts = [
        attribution(text, "Investigators", "the gun was loaded"),
        attribution(text, "they", "would keep looking"),
        attribution(text, "Some voters", "they were angry"),
        attribution(text, "Democrats", "the bill would fail"),
        attribution(text, "Voters", "little"),
    ]
    resolve(parser, text, atts)
    investigators, they, voters, democrats, again = (a.speaker for a in atts)
    assert investigators is not None
    assert (investigators.name, investigators.type) == ("investigators", "group")
    assert they is not None and (they.name, they.type) == ("authorities", "group")
    assert voters is not None and (voters.name, voters.type) == ("some voters", "group")
    assert democrats is not None and (democrats.name, democrats.type) == ("Democrats", "group")
    # The same noun repeated is the same group.
    assert again is not None and again.entity == voters.entity


def test_a_cabinet_is_a_group(parser: Language) -> None:
    text = "The council's cabinet said the plan would save money."
    att = attribution(text, "The council's cabinet", "the plan would save money")
    resolve(parser, text, [att])
    assert att.speaker.type == "group"


def test_the_researchers_are_not_the_other_researchers(parser: Language) -> None:
    text = (
        "Other researchers urged caution. The researchers acknowledged the limitation. "
        "Some voters cheered. The voters said the plan was fair."
    )
    other = attribution(text, "Other researchers", "caution")
    same = attribution(text, "The researchers", "the limitation")
    some = attribution(text, "Some voters", "cheered")
    voters = attribution(text, "The voters", "the plan was fair")
    resolve(parser, text, [other, same, some, voters])
    assert other.speaker.entity != same.speaker.entity
    assert some.speaker.entity == voters.speaker.entity


def test_a_share_of_people_is_a_new_group_each_time(parser: Language) -> None:
    text = (
        "Only 41 percent of tenants said the rent was fair. Another 30 percent said it was "
        "too high."
    )
    first = attribution(text, "Only 41 percent of tenants", "the rent was fair")
    second = attribution(text, "30 percent", "it was too high")
    resolve(parser, text, [first, second])
    assert first.speaker is not None and first.speaker.type == "group"
    assert second.speaker is not None and second.speaker.type == "group"
    assert first.speaker.entity != second.speaker.entity


def test_a_collective_of_people_is_a_group(parser: Language) -> None:
    text = "A handful of local shopkeepers said the new parking rules hurt trade."
    handful = attribution(text, "A handful of local shopkeepers", "the new parking rules")
    resolve(parser, text, [handful])
    assert handful.speaker is not None and handful.speaker.type == "group"


def test_most_of_whom_is_a_part_of_a_group(parser: Language) -> None:
    text = (
        "The union represents 900 nurses, most of whom say the shifts are too long, "
        "the report found."
    )
    most = attribution(text, "most of whom", "the shifts are too long")
    resolve(parser, text, [most])
    assert most.speaker is not None and most.speaker.type == "group"
    # A part of the nurses, not all 900 of them.
    assert most.speaker.name == "most of whom"


def test_a_capitalised_plural_role_in_a_headline_is_a_group(parser: Language) -> None:
    text = "Angry Farmers Slam Water Plan\n\nThe plan was approved on Monday."
    farmers = attribution(text, "Angry Farmers", "Water Plan")
    resolve(parser, text, [farmers])
    assert farmers.speaker is not None and farmers.speaker.type == "group"
