"""Writing a store out (``onrecord.store.export``): whole articles as JSON Lines, one flat row
per attribution as CSV and Parquet, with the columns users' scripts read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from onrecord.record import Article
from onrecord.store import Store
from onrecord.store.export import parquet_schema, write_csv, write_jsonl, write_parquet
from onrecord.store.flat import EXPORT_COLUMNS
from support.store import corpus

pytest_plugins = ("support.pg",)

# The export's columns, names and order, as users read them: changing them breaks scripts.
# Schema 2 appended the content's parts and form, schema 3 the outlet, the speaker's gender
# and the addressee; the first 22 are as they always were.
EXPORTED = [
    "doc_id", "source", "title", "url", "published", "attr_id", "position", "kind",
    "confidence", "speaker", "speaker_type", "speaker_id", "speaker_name", "content",
    "content_start", "content_end", "cue", "cue_start", "cue_end", "source_text",
    "in_boilerplate", "parent", "content_parts", "content_form", "outlet", "speaker_gender",
    "addressee",
]  # fmt: skip


def test_export_columns_keep_their_names_and_order() -> None:
    assert list(EXPORT_COLUMNS) == EXPORTED


def test_parquet_schema_types_each_column() -> None:
    pa = pytest.importorskip("pyarrow")
    schema = parquet_schema()
    assert schema.names == EXPORTED
    ints = {"speaker_id", "content_start", "content_end", "cue_start", "cue_end"}
    for field in schema:
        if field.name == "position":
            assert field.type == pa.int32()
        elif field.name in ints:
            assert field.type == pa.int64(), field.name
        elif field.name == "confidence":
            assert field.type == pa.float64()
        elif field.name == "in_boilerplate":
            assert field.type == pa.bool_()
        else:
            assert field.type == pa.string(), field.name


def test_jsonl_carries_whole_records(filled: Store) -> None:
    out = io.StringIO()
    assert write_jsonl(filled.iter_articles(), out) == len(corpus())
    back = {
        a.id: a
        for a in (Article.from_dict(json.loads(line)) for line in out.getvalue().splitlines())
    }
    assert {a.id: a.to_dict() for a in corpus()} == {i: a.to_dict() for i, a in back.items()}


def test_csv_has_one_row_per_attribution(filled: Store) -> None:
    out = io.StringIO()
    assert write_csv(filled.iter_attribution_records(), out) == 8
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == EXPORTED
    said = next(r for r in rows if r["content"].startswith('"I didn'))
    assert (said["speaker"], said["speaker_name"], said["cue"]) == (
        "Alec Baldwin", "Alec Baldwin", "said"
    )  # fmt: skip
    assert (said["published"], said["in_boilerplate"], said["parent"]) == (
        "2021-12-02",
        "False",
        "",
    )


def test_parquet_has_the_flat_records(filled: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "out.parquet"
    assert write_parquet(filled.iter_attribution_records(), path) == 8
    table = pq.read_table(path)
    assert table.schema.names == EXPORTED
    assert table.to_pylist() == list(filled.iter_attribution_records())


def test_an_empty_store_exports_an_empty_parquet_file(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "empty.parquet"
    assert write_parquet(store.iter_attribution_records(), path) == 0
    assert pq.read_table(path).schema.names == EXPORTED
