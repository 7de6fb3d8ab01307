"""named_mentions: the NER's names clustered, and proper nouns it missed."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from onrecord.speakers import resolve_speakers
from onrecord.speakers.headlines import Headlines
from onrecord.speakers.lexicon import default_lexicon
from onrecord.speakers.named_mentions import _colon_pieces, _name_end
from support.speakers import attribution, entity, resolve


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
    # A bare surname goes to the Clinton who was the subject just before.
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


def test_gender_from_honorific(parser: Language) -> None:
    text = (
        "Ms. Morrow and Okafor arrived together. Okafor spoke to reporters first. She said "
        "the deal would happen."
    )
    atts = [attribution(text, "She", "the deal would happen")]
    resolve(parser, text, atts)
    she = atts[0].speaker
    assert she is not None and she.name == "Morrow"


def test_known_name_tagged_as_common_noun_is_still_that_person(parser: Language) -> None:
    # The small tagger reads this sentence-initial "Trump" as a NOUN (the card-game word).
    text = "Donald Trump visited the city on Monday. Trump blamed local officials on Twitter."
    doc = parser(text)
    assert [t.pos_ for t in doc if t.text == "Trump"][1] == "NOUN", "tagger changed: pick another"
    a = attribution(text, "Trump", "local officials", after="Monday")
    entities = resolve_speakers(doc, [a])
    assert a.speaker is not None and a.speaker.name == "Donald Trump"
    assert entity(entities, a.speaker.entity).name == "Donald Trump"


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


def test_surname_with_particle_tagged_org_is_the_person(parser: Language) -> None:
    text = (
        "Mayor Marco de Santis opened the new bridge on Monday. De Santis said the bridge "
        "would cut commutes."
    )
    atts = [attribution(text, "De Santis", "the bridge would cut commutes")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Marco de Santis"
    assert speaker.type == "person"


def test_initials_tagged_as_a_place_are_the_organisation_named_in_full(parser: Language) -> None:
    text = (
        "The audit was ordered by the Internal Revenue Service in March. The I.R.S. said the "
        "audit was routine."
    )
    atts = [attribution(text, "The I.R.S.", "the audit was routine")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Internal Revenue Service"


def test_lowercase_word_before_an_organisation_is_not_part_of_its_name(parser: Language) -> None:
    text = (
        "A complaint was filed by the federal Trade Standards Commission in May. The agency "
        "said the complaint was routine."
    )
    entities = resolve(parser, text, [])
    assert "Trade Standards Commission" in [e.name for e in entities]


def test_shared_surname_goes_to_the_person_mentioned_most(parser: Language) -> None:
    text = (
        "Senator Paul Okafor endorsed the bill on Friday. For months, Okafor had opposed it. "
        "Critics once mocked a photo of Grace Okafor, his wife, at a rally.\n\n"
        "Okafor said the bill would help farmers."
    )
    atts = [attribution(text, "Okafor", "the bill would help farmers", after="\n")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Paul Okafor"


def test_shared_surname_goes_to_the_subject_just_before(parser: Language) -> None:
    text = (
        "Senator Paul Okafor endorsed the bill on Friday. Okafor had opposed it for months, "
        "and Okafor met farmers on Monday. Grace Okafor spoke at the rally on Tuesday. "
        "Okafor said the crowd was large."
    )
    atts = [attribution(text, "Okafor", "the crowd was large", after="Tuesday")]
    resolve(parser, text, atts)
    speaker = atts[0].speaker
    assert speaker is not None and speaker.name == "Grace Okafor"


def test_a_given_name_the_ner_left_out_joins_the_name(parser: Language) -> None:
    text = (
        "Marcel Lehel Lazar, 44, known online as Guccifer, was extradited in 2014.\n\n"
        "Lazar said he had only been curious."
    )
    said = attribution(text, "Lazar", "he had only been curious")
    resolve(parser, text, [said])
    assert said.speaker.name == "Marcel Lehel Lazar"


def test_a_surname_the_ner_left_out_joins_the_name(parser: Language) -> None:
    # As the small model reads 'Former secretary of state Hillary Rodham Clinton:"We ...':
    # PERSON "Hillary Rodham", whose last word the parser makes a compound of "Clinton".
    words = ["Former", "secretary", "Hillary", "Rodham", "Clinton", ":", "We", "won", "."]
    doc = Doc(
        parser.vocab,
        words=words,
        spaces=[True, True, True, True, False, False, True, False, False],
        pos=["ADJ", "NOUN", "PROPN", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
        deps=["amod", "compound", "compound", "compound", "ROOT", "punct", "nsubj", "appos",
              "punct"],
        heads=[1, 4, 4, 4, 4, 4, 7, 4, 4],
    )  # fmt: skip
    ent = Span(doc, 2, 4, label="PERSON")
    headlines = Headlines.of(doc)
    assert doc[ent.start : _name_end(doc, ent, default_lexicon(), headlines)].text == (
        "Hillary Rodham Clinton"
    )


def test_a_name_ends_at_a_colon(parser: Language) -> None:
    doc = parser("Luciana Lopez: Saying no is easy.")
    assert [p.text for p in _colon_pieces(Span(doc, 0, 4, label="PERSON"))] == ["Luciana Lopez"]
    headline = parser("Poll: Bernie Sanders Leads Nationally")
    pieces = _colon_pieces(Span(headline, 0, 4, label="PERSON"))
    assert [p.text for p in pieces] == ["Bernie Sanders"]


def test_a_name_cut_in_two_by_the_ner_is_one_name(parser: Language) -> None:
    text = (
        "The ruling came three months after U.S. District Court Judge Daniel Porter Jordan "
        "III, in the same court, blocked the law. Jordan said it was unconstitutional."
    )
    said = attribution(text, "Jordan", "it was unconstitutional", after="blocked")
    resolve(parser, text, [said])
    assert said.speaker.name == "Daniel Porter Jordan III"


def test_a_quoted_nickname_stays_inside_the_full_name(parser: Language) -> None:
    text = (
        'For 40 years, Rep. Robert C. "Bobby" Scott threw open his home to voters. '
        "Scott said the tradition would go on."
    )
    said = attribution(text, "Scott", "the tradition would go on", after="voters")
    resolve(parser, text, [said])
    assert said.speaker.name == 'Robert C. "Bobby" Scott'


def test_a_surname_glued_to_a_quotation_still_ends_the_name(parser: Language) -> None:
    text = (
        'Former secretary of state Hillary Rodham Clinton:"We learned that from the State '
        'Department," she told reporters.\n\nClinton said the system was fine.'
    )
    said = attribution(text, "Clinton", "the system was fine", after="reporters")
    resolve(parser, text, [said])
    assert said.speaker.name == "Hillary Rodham Clinton"


def test_a_verb_the_ner_runs_into_a_name_is_not_part_of_it(parser: Language) -> None:
    text = (
        "But I think we have learned some things about Donald Trump. Entrusting Donald Trump "
        "with the nuclear codes would be a mistake. He said he would be careful."
    )
    said = attribution(text, "He", "he would be careful", after="mistake")
    resolve(parser, text, [said])
    assert said.speaker.name == "Donald Trump"
