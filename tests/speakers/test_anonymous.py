"""anonymous: anonymous sources, new or repeated."""

from __future__ import annotations

from spacy.language import Language

from support.speakers import attribution, entity, resolve


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


def test_an_unnamed_spokesman_is_anonymous(parser: Language) -> None:
    text = "The Harbour Trust did not comment. A spokesman said the review was continuing."
    spokesman = attribution(text, "A spokesman", "the review was continuing")
    resolve(parser, text, [spokesman])
    assert spokesman.speaker is not None
    assert (spokesman.speaker.type, spokesman.speaker.name) == ("anonymous", "a spokesman")


def test_unnamed_aides_of_someone_are_anonymous(parser: Language) -> None:
    text = "Governor Ellen Marsh left early. Her aides said she was tired."
    aides = attribution(text, "Her aides", "she was tired")
    resolve(parser, text, [aides])
    assert aides.speaker is not None and aides.speaker.type == "anonymous"


def test_a_named_spokesman_repeated_is_still_the_person(parser: Language) -> None:
    text = (
        "Spokesman Owen Pratt said the road would reopen. The spokesman added that crews "
        "were on site."
    )
    first = attribution(text, "Spokesman Owen Pratt", "the road would reopen")
    again = attribution(text, "The spokesman", "that crews were on site")
    resolve(parser, text, [first, again])
    assert first.speaker is not None and first.speaker.type == "person"
    assert again.speaker is not None and again.speaker.entity == first.speaker.entity


def test_those_close_to_someone_are_anonymous(parser: Language) -> None:
    text = "Rita Lowe has not decided. Those close to her say she will run."
    those = attribution(text, "Those close to her", "she will run")
    resolve(parser, text, [those])
    assert those.speaker is not None and those.speaker.type == "anonymous"
