"""The record's JSON (``onrecord.record``): a span in pieces lists its parts with their text,
and a record written by schema 1 still reads."""

from __future__ import annotations

from onrecord.record import SCHEMA_VERSION, Article, Attribution, Span

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
