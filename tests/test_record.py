"""The record's JSON (``onrecord.record``): a span in pieces lists its parts with their text,
and a record written by schema 1 still reads."""

from __future__ import annotations

from onrecord.record import SCHEMA_VERSION, Article, Attribution, Claim, Relation, Span, keeping

TEXT = '"We stay," she said, "and we win."'


def split() -> Article:
    content = Span.from_pieces(TEXT, [(0, 9), (21, 34)])
    return Article("d", TEXT, attributions=[Attribution("A1", "direct", content)])


def test_content_in_parts_lists_each_part_with_its_text() -> None:
    content = split().to_dict()["attributions"][0]["content"]
    assert (content["start"], content["end"]) == (0, 34)  # PolNeAR's extent
    assert content["parts"] == [
        {"start": 0, "end": 9, "text": '"We stay,'},
        {"start": 21, "end": 34, "text": '"and we win."'},
    ]


def test_a_span_in_one_piece_has_no_parts() -> None:
    assert "parts" not in Span.of(TEXT, 0, 9).to_dict()


def test_parts_round_trip() -> None:
    again = Article.from_dict(split().to_dict())
    assert again.attributions[0].content.parts == ((0, 9), (21, 34))
    assert again.to_dict()["schema"] == SCHEMA_VERSION == 2


def test_a_schema_1_record_with_fragments_still_reads() -> None:
    old = split().to_dict()
    content = old["attributions"][0]["content"]
    content["fragments"] = [{"start": p["start"], "end": p["end"]} for p in content.pop("parts")]
    old["schema"] = 1
    assert Article.from_dict(old).attributions[0].content.part_texts() == [
        '"We stay,', '"and we win."'
    ]  # fmt: skip


def _with_claims() -> Article:
    text = 'Halls said Baldwin never pulled it. Baldwin denied it. "No," Reyes said.'
    a1 = Attribution("A1", "indirect", Span(11, 35, text[11:35]), cue=Span(6, 10, "said"))
    a2 = Attribution("A2", "other", Span(51, 53, "it"), cue=Span(44, 50, "denied"))
    a3 = Attribution("A3", "direct", Span(55, 60, '"No,"'), cue=Span(67, 71, "said"))
    return Article(
        id="c",
        text=text,
        attributions=[a1, a2, a3],
        claims=[Claim("C1", ("A1", "A3"), "Baldwin never pulled it")],
        relations=[Relation("disputes", "A2", "A1", Span(44, 50, "denied"), 0.7)],
    )


def test_claims_and_relations_round_trip() -> None:
    article = _with_claims()
    article.check_spans()
    d = article.to_dict()
    assert d["claims"] == [
        {"id": "C1", "attributions": ["A1", "A3"], "text": "Baldwin never pulled it"}
    ]
    assert d["relations"][0]["from"] == "A2" and d["relations"][0]["cue"]["text"] == "denied"
    assert Article.from_dict(d) == article


def test_a_record_without_claims_reads_as_having_none() -> None:
    d = _with_claims().to_dict()
    del d["claims"], d["relations"]
    back = Article.from_dict(d)
    assert back.claims == [] and back.relations == []


def test_dropping_attributions_drops_their_claim_members_and_relations() -> None:
    kept = keeping(_with_claims(), lambda a: a.id != "A1")
    assert [c.attributions for c in kept.claims] == [("A3",)]
    assert kept.relations == []  # its target A1 is gone
    gone = keeping(_with_claims(), lambda a: a.id == "A2")
    assert gone.claims == []
