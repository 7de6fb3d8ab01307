"""descriptions: common-noun sources ("the actor", "the senator") and whom they repeat."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, resolve


def test_lede_describes_before_it_names(parser: Language) -> None:
    # The wire-story lede: a description first, the name two paragraphs later.
    text = (
        "The assistant director who handed Alec Baldwin a revolver backs up the actor's "
        "assertion that he did not pull the trigger.\n\n"
        "Lisa Torraco, a lawyer for assistant director David Halls, told ABC News that her "
        "client has always said Baldwin never pulled the trigger."
    )
    atts = [
        attribution(
            text,
            "The assistant director who handed Alec Baldwin a revolver",
            "the actor's assertion that he did not pull the trigger",
        ),
        attribution(text, "the actor", "that he did not pull the trigger"),
        attribution(text, "her client", "Baldwin never pulled the trigger"),
    ]
    resolve(parser, text, atts)
    director, actor, client = (a.speaker for a in atts)
    assert director is not None and director.name == "David Halls"
    assert client is not None and client.entity == director.entity
    # No mention calls Baldwin "the actor": the bare role means the person just named,
    # not the subject of its own clause.
    assert actor is not None and actor.name == "Alec Baldwin"


def test_bare_role_with_no_recent_person_stays_its_own_entity(parser: Language) -> None:
    text = (
        "Alec Baldwin arrived in Santa Fe on Monday.\n\nThe weather was cold. The roads were "
        "closed. The hotel was full.\n\nThe senator said the bill would pass."
    )
    atts = [attribution(text, "The senator", "the bill would pass")]
    resolve(parser, text, atts)
    senator = atts[0].speaker
    assert senator is not None and senator.name == "the senator"


def test_bare_role_skips_people_known_by_another_role(parser: Language) -> None:
    # Meyers is Garrity's spokesman and Garrity the majority leader: neither is "the president".
    text = (
        "Majority Leader Tom Garrity remains confident. Dan Meyers, a spokesman for Garrity, "
        "added that talks were continuing. The president fully expects Congress to act."
    )
    atts = [attribution(text, "The president", "Congress to act")]
    resolve(parser, text, atts)
    president = atts[0].speaker
    assert president is not None and president.name == "the president"
    text = "Majority Leader Tom Garrity spoke first. The president fully expects Congress to act."
    atts = [attribution(text, "The president", "Congress to act")]
    resolve(parser, text, atts)
    assert atts[0].speaker is not None and atts[0].speaker.name == "the president"


def test_headline_role_in_capitals_is_the_person_named_below(parser: Language) -> None:
    text = (
        "Coach says team 'let the city down' after playoff collapse\n\n"
        "Riverton Hawks coach Denise Albright did not hide her frustration on Sunday."
    )
    atts = [attribution(text, "Coach", "team 'let the city down' after playoff collapse")]
    resolve(parser, text, atts)
    coach = atts[0].speaker
    assert coach is not None and (coach.name, coach.type) == ("Denise Albright", "person")


def test_role_in_a_verbless_sentence(parser: Language) -> None:
    # A headline with no verb: looking for the role's clause must stop at the root.
    text = "Alec Baldwin on set.\n\nThe actor's view of the case. The lawyer's view of it."
    atts = [attribution(text, "The actor", "the case"), attribution(text, "The lawyer", "it")]
    resolve(parser, text, atts)
    actor, lawyer = (a.speaker for a in atts)
    assert actor is not None and actor.name == "Alec Baldwin"
    # A role that is someone's (a lawyer has clients) is not the person just named.
    assert lawyer is not None and lawyer.name == "the lawyer"


def test_a_role_in_someones_reported_speech_is_not_that_someone(parser: Language) -> None:
    text = (
        "White House press secretary Jen Psaki said the President is confident the bill will pass."
    )
    atts = [
        attribution(text, "White House press secretary Jen Psaki", "the President is confident"),
        attribution(text, "the President", "the bill will pass"),
    ]
    resolve(parser, text, atts)
    psaki, president = (a.speaker for a in atts)
    assert psaki is not None and psaki.name == "Jen Psaki"
    assert president is not None and president.entity != psaki.entity


def test_a_thing_as_a_source_is_no_one_and_a_person_noun_is_someone(parser: Language) -> None:
    # Someone brought in by an indefinite description and never named is a source the
    # article does not name: anonymous, as a source audit counts it.
    text = (
        "Acme and Brill agreed to merge on Monday. The deal shows that the market is "
        "consolidating. A party organizer said the vote was rigged."
    )
    deal = attribution(text, "The deal", "the market is consolidating")
    organizer = attribution(text, "A party organizer", "the vote was rigged")
    resolve(parser, text, [deal, organizer])
    assert (deal.speaker.type, deal.speaker.entity) == ("unknown", None)
    assert organizer.speaker.type == "anonymous" and organizer.speaker.entity is not None


def test_a_bare_role_means_the_most_mentioned_of_those_just_named(parser: Language) -> None:
    text = (
        "Donald Trump leads the polls. Mr. Trump held a rally in Ames on Monday. In Sioux City, "
        "Ted Cruz spoke to voters. The businessman said he would win Iowa."
    )
    said = attribution(text, "The businessman", "he would win Iowa")
    resolve(parser, text, [said])
    assert said.speaker.name == "Donald Trump"
