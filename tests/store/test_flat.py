"""The flat attribution (``onrecord.store.flat``): each column read off the record once, and
the store, the export and a part file all giving the same values under their names."""

from __future__ import annotations

import json

import pytest

from onrecord.record import Addressee, Article, Attribution, Entity, Span, Speaker
from onrecord.store import Store
from onrecord.store.flat import (
    COLUMNS,
    DOCUMENT_COLUMNS,
    EXPORT_COLUMNS,
    JOINED_COLUMNS,
    attribution_values,
    document_values,
    outlet_of,
    published_date,
)
from support.store import corpus

pytest_plugins = ("support.pg",)

TEXT = 'Ann Lee told the board: "We stay." She added more.'


def told() -> Attribution:
    return Attribution(
        id="a2",
        kind="direct",
        content=Span.of(TEXT, 24, 33),
        cue=Span.of(TEXT, 8, 12),
        source=Span.of(TEXT, 0, 7),
        speaker=Speaker("Ann Lee", "person", "e1"),
        addressee=Addressee("the board"),
        parent="a1",
        in_boilerplate=False,
        confidence=0.123456,
        continues=None,
        content_form="quotation",
    )


def test_every_column_is_typed_once() -> None:
    assert set(EXPORT_COLUMNS) <= set(COLUMNS)
    assert set(DOCUMENT_COLUMNS) | set(JOINED_COLUMNS) <= set(COLUMNS)
    assert {c.type for c in COLUMNS.values()} <= {"string", "int32", "int64", "float64", "bool_"}


def test_an_attribution_reads_off_its_record() -> None:
    values = attribution_values(told(), 1)
    assert set(values) == set(COLUMNS) - set(DOCUMENT_COLUMNS) - set(JOINED_COLUMNS)
    assert values == {
        "attr_id": "a2", "position": 1, "kind": "direct", "confidence": 0.123456,
        "speaker": "Ann Lee", "speaker_type": "person", "speaker_entity": "e1",
        "content": '"We stay.', "content_start": 24, "content_end": 33,
        "content_parts": None, "content_form": "quotation", "speaker_gender": "unknown",
        "cue": "told", "cue_start": 8, "cue_end": 12,
        "source_text": "Ann Lee", "source_start": 0, "source_end": 7,
        "addressee": "the board", "in_boilerplate": False, "parent": "a1", "continues": None,
    }  # fmt: skip
    bare = attribution_values(Attribution("a1", "other", Span.of(TEXT, 0, 3)), 0)
    assert bare["cue"] is bare["cue_start"] is bare["speaker"] is bare["addressee"] is None
    assert bare["content_form"] is None
    assert bare["speaker_gender"] is None


def test_a_person_source_has_the_gender_its_entity_shows() -> None:
    article = Article(id="d1", text=TEXT, attributions=[told()],
                      entities=[Entity("e1", "Ann Lee", "person", gender="f")])  # fmt: skip
    assert attribution_values(told(), 0, article)["speaker_gender"] == "female"
    article.entities[0].gender = None
    assert attribution_values(told(), 0, article)["speaker_gender"] == "unknown"
    group = Attribution("a3", "indirect", Span.of(TEXT, 24, 33), speaker=Speaker("they", "group"))
    assert attribution_values(group, 0, article)["speaker_gender"] is None


@pytest.mark.parametrize(
    ("metadata", "outlet"),
    [
        ({"url": "https://www.apnews.com/article/x?y=1"}, "apnews.com"),
        ({"url": "http://News.BBC.co.uk:8080/a"}, "news.bbc.co.uk"),
        ({"outlet": "The Guardian", "url": "https://theguardian.com/x"}, "The Guardian"),
        ({"site_name": " Reuters ", "url": "https://reuters.com/x"}, "Reuters"),
        # A JSONL "source" that is a path or URL is where it came from, not who published.
        ({"source": "crawl/2024/a.html", "url": "https://cnn.com/x"}, "cnn.com"),
        ({"source": "Breitbart"}, "Breitbart"),
        ({"title": "no url"}, None),
    ],
)
def test_an_outlet_is_named_by_the_metadata_or_the_urls_domain(
    metadata: dict[str, object], outlet: str | None
) -> None:
    assert outlet_of(metadata) == outlet


def test_content_in_parts_is_a_json_list_of_its_pieces() -> None:
    text = '"We stay," she said, "and we win."'
    split = Attribution("a1", "direct", Span.from_pieces(text, [(0, 9), (21, 34)]))
    assert json.loads(attribution_values(split, 0)["content_parts"]) == [
        {"start": 0, "end": 9, "text": '"We stay,'},
        {"start": 21, "end": 34, "text": '"and we win."'},
    ]


def test_a_document_reads_off_its_metadata() -> None:
    article = Article(id="d1", text=TEXT, source="d1.txt",
                      metadata={"title": "", "url": 3, "date": "2016-09-12T10:00:00Z"})  # fmt: skip
    assert document_values(article) == {
        "doc_id": "d1", "source": "d1.txt", "title": None, "url": None, "published": "2016-09-12",
        "outlet": None,
    }  # fmt: skip
    assert published_date({"published": "2020-01-02"}) == "2020-01-02"
    assert published_date({"date": "Monday"}) is None
    assert published_date({"date": "2016-02-30"}) is None  # a date in shape only


def test_the_store_exports_the_flat_values_of_its_records(filled: Store) -> None:
    records = {(r["doc_id"], r["attr_id"]): r for r in filled.iter_attribution_records()}
    for article in corpus():
        for position, attr in enumerate(article.attributions):
            record = records[(article.id, attr.id)]
            flat = {**document_values(article), **attribution_values(attr, position)}
            assert {c: record[c] for c in EXPORT_COLUMNS if c not in JOINED_COLUMNS} == {
                c: flat[c] for c in EXPORT_COLUMNS if c not in JOINED_COLUMNS
            }


def test_a_part_file_carries_the_flat_values_under_its_names() -> None:
    pytest.importorskip("pyarrow")
    from onrecord.batch.parquet import ATTRIBUTION_FIELDS, PART_ATTRIBUTION, attribution_rows

    article = Article(id="d1", text=TEXT, source="d1.txt", attributions=[told()])
    (row,) = attribution_rows(article)
    values = attribution_values(told(), 0)
    assert [name for name, _ in ATTRIBUTION_FIELDS] == list(row)
    for field, column in PART_ATTRIBUTION:
        expected = round(values[column], 4) if column == "confidence" else values[column]
        assert row[field] == expected, field
    assert row["id"] == "a2" and row["confidence"] == 0.1235  # as the record rounds it
