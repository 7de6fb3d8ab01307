"""organizations: organisations that speak, by name or by a common noun."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, resolve


def test_organisations_speak(parser: Language) -> None:
    text = (
        "ABC said the interview would air Sunday. The Washington Post reported that the deal "
        "was dead. The Trump campaign said it would sue. Apple unveiled a phone. The company "
        "said it would ship in May."
    )
    atts = [
        attribution(text, "ABC", "the interview would air Sunday"),
        attribution(text, "The Washington Post", "the deal was dead"),
        attribution(text, "The Trump campaign", "it would sue"),
        attribution(text, "The company", "it would ship in May"),
    ]
    resolve(parser, text, atts)
    abc, post, campaign, company = (a.speaker for a in atts)
    assert abc is not None and (abc.name, abc.type) == ("ABC", "organization")
    assert post is not None and (post.name, post.type) == ("Washington Post", "organization")
    assert campaign is not None and campaign.type == "organization"
    assert campaign.name == "the Trump campaign" and campaign.entity is not None
    # "the company" with no organisation named so goes to the last one named.
    assert company is not None and company.name == "Apple"


def test_generic_org_noun_repeats_the_company_of_the_story(parser: Language) -> None:
    # The first "the chipmaker" introduces nothing new, and Brightwater is only where the
    # analysts work: the second "the chipmaker" is still Larkspur Semiconductor.
    text = (
        "Shares of Larkspur Semiconductor fell on Thursday after the chipmaker cut its "
        "forecast. Analysts at Brightwater Capital lowered their target. The chipmaker said "
        "demand was weak."
    )
    atts = [attribution(text, "The chipmaker", "demand was weak")]
    resolve(parser, text, atts)
    company = atts[0].speaker
    assert company is not None and company.name == "Larkspur Semiconductor"


def test_her_campaign_is_named_after_her_surname(parser: Language) -> None:
    text = (
        "State Treasurer Amy Lund entered the race in March. Her campaign said Iowans want "
        "change. The campaign later said it had raised $2 million."
    )
    hers = attribution(text, "Her campaign", "Iowans want change")
    later = attribution(text, "The campaign", "it had raised $2 million")
    resolve(parser, text, [hers, later])
    assert (hers.speaker.name, hers.speaker.type) == ("Lund campaign", "organization")
    assert later.speaker.entity == hers.speaker.entity


def test_a_possessed_and_a_named_campaign_are_one_named_after_the_surname(
    parser: Language,
) -> None:
    text = (
        "Mayor Ray Dunn faces a recall. Mr. Dunn's campaign said the petition was flawed. "
        "The Dunn campaign added that it would sue."
    )
    owned = attribution(text, "Mr. Dunn's campaign", "the petition was flawed")
    named = attribution(text, "The Dunn campaign", "it would sue")
    resolve(parser, text, [owned, named])
    assert (owned.speaker.name, owned.speaker.type) == ("Dunn campaign", "organization")
    assert named.speaker.entity == owned.speaker.entity


def test_a_town_speaks_as_an_organisation_and_footage_is_no_one(parser: Language) -> None:
    text = (
        "The city said the mill was unsafe. Drone footage shows the scale of the fire. "
        "Harold Finch bought the mill in 2019. The billionaire said it would be rebuilt."
    )
    city = attribution(text, "The city", "the mill was unsafe")
    footage = attribution(text, "Drone footage", "the scale of the fire")
    billionaire = attribution(text, "The billionaire", "it would be rebuilt")
    resolve(parser, text, [city, footage, billionaire])
    assert (city.speaker.name, city.speaker.type) == ("the city", "organization")
    assert (footage.speaker.type, footage.speaker.entity) == ("unknown", None)
    assert (billionaire.speaker.name, billionaire.speaker.type) == ("Harold Finch", "person")
