"""resolve: resolve_speakers end to end, the sources, addressees and entities of articles."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.record import Addressee, Attribution, Span
from onrecord.speakers import resolve_speakers
from support.speakers import attribution, entity, resolve

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
