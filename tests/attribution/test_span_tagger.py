"""The span tagger: paragraphs as sequences, BIO labels from gold spans and back, grouping
spans into attributions, and a toy model that learns its training sentences."""

from __future__ import annotations

from pathlib import Path

from onrecord.attribution import find_attributions, propose
from onrecord.attribution.assemble import kind_of
from onrecord.attribution.span_tagger import SpanTagger, doc_features, gold_labels, train
from onrecord.attribution.tagged import TaggedSpan, group, paragraphs, spans_of


def parse(nlp, text: str):
    with nlp.select_pipes(disable=["onrecord"]):
        return nlp(text)


def test_paragraphs_are_lines_without_whitespace_tokens(nlp):
    doc = parse(nlp, "First line here.\n\nSecond line.\nThird.")
    words = [[doc[i].text for i in p.tokens] for p in paragraphs(doc)]
    assert words == [["First", "line", "here", "."], ["Second", "line", "."], ["Third", "."]]


def test_gold_labels_round_trip_to_spans(nlp):
    text = "The mayor said that schools would close."
    doc = parse(nlp, text)
    spans = [
        ("S", [(0, 9)]),
        ("C", [(10, 14)]),
        ("T", [(15, len(text) - 1)]),
    ]
    labels = gold_labels(doc, spans)
    assert labels == ["B-S", "I-S", "B-C", "B-T", "I-T", "I-T", "I-T", "O"]
    found = spans_of(labels, list(range(len(doc))))
    assert [(s.role, s.start, s.end) for s in found] == [("S", 0, 2), ("C", 2, 3), ("T", 3, 7)]


def test_two_contents_of_one_role_stay_apart(nlp):
    # "B" starts a new span even right after an "I" of the same role.
    found = spans_of(["B-T", "I-T", "B-T", "O"], [0, 1, 2, 3])
    assert [(s.start, s.end) for s in found] == [(0, 2), (2, 3)]


def test_group_gives_each_content_and_source_to_the_nearest_cue():
    spans = [
        TaggedSpan("T", 0, 5),  # a quote before "..., she said"
        TaggedSpan("C", 6, 7),
        TaggedSpan("S", 5, 6),
        TaggedSpan("S", 10, 12),
        TaggedSpan("C", 12, 13),
        TaggedSpan("T", 13, 20),
        TaggedSpan("C", 30, 31),  # a cue with no content: no attribution
    ]
    grouped = group(spans)
    assert [(c.start, [t.start for t in ts], [s.start for s in ss]) for c, ts, ss in grouped] == [
        (6, [0], [5]),
        (12, [13], [10]),
    ]
    assert group([TaggedSpan("T", 0, 4)]) == []  # content with no cue in its paragraph


ARTICLES = [
    "The mayor said that schools would close.\nOfficials said that roads would reopen.",
    "The senator told reporters that the budget would pass.\nCritics said that it cuts deep.",
    '"We will rebuild the bridge by spring," the governor said.\nVoters believe that taxes rise.',
]
GOLD = [
    [("The mayor", "said", "that schools would close"),
     ("Officials", "said", "that roads would reopen")],
    [("The senator", "told", "that the budget would pass"),
     ("Critics", "said", "that it cuts deep")],
    [("the governor", "said", '"We will rebuild the bridge by spring,"'),
     ("Voters", "believe", "that taxes rise")],
]  # fmt: skip


def gold_spans(text: str, triples):
    for source, cue, content in triples:
        line = next(line for line in text.split("\n") if source in line)
        for role, part in (("S", source), ("C", cue), ("T", content)):
            start = text.index(line) + line.index(part)
            yield role, [(start, start + len(part))]


def toy_sequences(nlp) -> list[tuple[list[list[str]], list[str]]]:
    sequences = []
    for text, triples in zip(ARTICLES, GOLD, strict=True):
        doc = parse(nlp, text)
        drafts, quotes = propose(doc, 0.0)
        features = doc_features(doc, drafts, quotes)
        labels = gold_labels(doc, gold_spans(text, triples))
        sequences += [
            ([features[i] for i in p.tokens], [labels[i] for i in p.tokens])
            for p in paragraphs(doc)
        ]
    return sequences


def test_a_toy_tagger_learns_its_training_sentences(nlp, tmp_path: Path):
    path = train(toy_sequences(nlp), tmp_path / "spans.crfsuite", max_iterations=50)
    tagger = SpanTagger.load(path)
    doc = parse(nlp, ARTICLES[1])
    drafts, quotes = propose(doc, 0.0)
    found = tagger.drafts(doc, drafts, quotes)
    text = ARTICLES[1]
    assert [
        (text[slice(*d.source)], text[slice(*d.cue)], text[d.start : d.end]) for d in found
    ] == [
        ("The senator", "told", "that the budget would pass"),
        ("Critics", "said", "that it cuts deep"),
    ]
    assert all(0.5 <= d.confidence <= 1.0 and d.rule == "sequence" for d in found)
    # Without the filter the tagger's attributions join the rules' where they found none.
    attributions = find_attributions(doc, span_tagger=tagger)
    assert [a.cue.text for a in attributions] == ["told", "said"]
    # A content in quotation marks is direct speech; a belief cue makes an "other".
    text = ARTICLES[2]
    doc = parse(nlp, text)
    drafts, quotes = propose(doc, 0.0)
    found = tagger.drafts(doc, drafts, quotes)
    assert [(text[slice(*d.cue)], kind_of(text, d, quotes)) for d in found] == [
        ("said", "direct"),
        ("believe", "other"),
    ]


def test_the_component_loads_the_span_tagger_beside_the_filter(nlp, tmp_path, monkeypatch):
    from onrecord.pipeline import OnrecordComponent

    train(toy_sequences(nlp), tmp_path / "spans.crfsuite", max_iterations=5)
    shipped = Path(__file__).resolve().parents[2] / "src/onrecord/data/attribution.crfsuite"
    (tmp_path / "attribution.crfsuite").write_bytes(shipped.read_bytes())
    filter_path = str(tmp_path / "attribution.crfsuite")
    monkeypatch.delenv("ONRECORD_SPAN_MODEL", raising=False)
    fast = OnrecordComponent(nlp, "onrecord", True, filter_path, reader="fast")
    assert fast.span_tagger is not None and fast.encoder is None
    if (Path(__file__).resolve().parents[2] / "src/onrecord/data/encoder/reader.onnx").is_file():
        # The accurate reader mixes the same tagger's probabilities into the encoder's.
        accurate = OnrecordComponent(nlp, "onrecord", True, filter_path, reader="accurate")
        assert accurate.span_tagger is None and accurate.encoder is not None
        assert accurate.encoder.crf is not None
    monkeypatch.setenv("ONRECORD_SPAN_MODEL", "none")  # the filter alone
    component = OnrecordComponent(nlp, "onrecord", True, filter_path, reader="fast")
    assert component.filter is not None and component.span_tagger is None
    (tmp_path / "spans.crfsuite").unlink()  # a filter trained before the tagger existed
    monkeypatch.delenv("ONRECORD_SPAN_MODEL")
    assert OnrecordComponent(nlp, "onrecord", True, filter_path, reader="fast").span_tagger is None
    rules = OnrecordComponent(nlp, "onrecord", False, filter_path)
    assert rules.filter is None and rules.reader == "rules"


def test_a_tagged_source_is_the_nearest_span_without_a_trailing_relative_pronoun(nlp):
    from onrecord.attribution.tagged import _source

    text = "Council member Tomas Ferreira, who voted against the plan."
    doc = parse(nlp, text)
    voted = TaggedSpan("C", 6, 8)  # "voted against"
    start, end = _source(doc, voted, [TaggedSpan("S", 0, 6)])  # type: ignore[misc]
    assert text[start:end] == "Council member Tomas Ferreira"
    # Sources on both sides of the cue: the nearer one, never one span across the cue.
    start, end = _source(doc, voted, [TaggedSpan("S", 0, 4), TaggedSpan("S", 8, 10)])  # type: ignore[misc]
    assert text[start:end] == "the plan"
    assert _source(doc, voted, []) is None


def test_the_tagger_widens_a_kept_cue_to_the_words_before_it():
    from onrecord.attribution.assemble import Draft
    from onrecord.attribution.span_tagger import extend_cues

    # "Cook declined to say whether ..." : the rules cut "to say", the tagger "declined to say".
    kept = Draft(content=[(20, 40)], cue=(13, 19), source=(0, 4))
    found = [Draft(content=[(20, 40)], cue=(5, 19), source=(0, 4))]
    extend_cues([kept], found)
    assert kept.cue == (5, 19)
    # Never to the right ("said in a statement" is cut both ways by the annotators), and never
    # over the source.
    right = Draft(content=[(30, 40)], cue=(5, 9), source=(0, 4))
    extend_cues([right], [Draft(content=[(30, 40)], cue=(5, 20), source=None)])
    assert right.cue == (5, 9)
    over_source = Draft(content=[(20, 40)], cue=(13, 19), source=(0, 12))
    extend_cues([over_source], found)
    assert over_source.cue == (13, 19)


def test_the_tagger_gives_a_source_to_a_kept_draft_without_one():
    from onrecord.attribution.assemble import Draft
    from onrecord.attribution.span_tagger import fill_sources

    kept = Draft(content=[(20, 40)], cue=(13, 19), source=None)
    fill_sources([kept], [Draft(content=[(20, 40)], cue=(13, 19), source=(0, 12))])
    assert kept.source == (0, 12)
    # Not a source inside the content, and never one over a source the rules found.
    inside = Draft(content=[(20, 40)], cue=(13, 19), source=None)
    fill_sources([inside], [Draft(content=[(20, 40)], cue=(13, 19), source=(22, 25))])
    assert inside.source is None
    found = Draft(content=[(20, 40)], cue=(13, 19), source=(5, 12))
    fill_sources([found], [Draft(content=[(20, 40)], cue=(13, 19), source=(0, 12))])
    assert found.source == (5, 12)
    # Nor the one told ("The senator was told that ...").
    told = Draft(content=[(20, 40)], cue=(13, 19), source=None, addressee=(0, 12))
    fill_sources([told], [Draft(content=[(20, 40)], cue=(13, 19), source=(0, 12))])
    assert told.source is None
