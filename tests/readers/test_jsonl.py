"""The JSON Lines reader."""

from __future__ import annotations

import json
from pathlib import Path

from onrecord.document import Document, DocumentError, content_id
from support.readers import only, read


def test_jsonl_reads_every_good_line_and_names_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"text": "First story.", "title": "One", "url": "https://a.example/1",
                    "date": "2020-01-02", "section": "politics"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"body": "no text field"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Second story."}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == [
        "Document", "DocumentError", "DocumentError", "DocumentError", "DocumentError",
        "Document",
    ]  # fmt: skip
    first, second = items[0], items[-1]
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source == f"{path}:1"
    assert first.id == content_id("First story.")
    assert first.metadata == {
        "title": "One", "url": "https://a.example/1", "date": "2020-01-02", "section": "politics",
    }  # fmt: skip
    assert second.source == f"{path}:7"
    errors = {i.source: i.reason for i in items if isinstance(i, DocumentError)}
    assert errors[f"{path}:2"].startswith("invalid JSON")
    assert errors[f"{path}:4"] == "expected a JSON object, got list"
    assert errors[f"{path}:5"] == "no 'text' field"
    assert errors[f"{path}:6"] == "'text' is int, not a string"


def test_a_null_text_is_the_wrong_type_not_a_missing_field(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": null}\n{"title": "no text"}\n')
    null, missing = read(path)
    assert isinstance(null, DocumentError) and "null, not a string" in null.reason
    assert isinstance(missing, DocumentError) and "no 'text' field" in missing.reason


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    record = {"uid": 7, "article": {"body": "Nested text."}, "headline": "H",
              "link": "https://b.example", "when": "2019-05-06T10:00:00"}  # fmt: skip
    path.write_text(json.dumps(record) + "\n")
    doc = only(
        read(path, text_field="article.body", id_field="uid", title_field="headline",
             url_field="link", date_field="when")
    )  # fmt: skip
    assert isinstance(doc, Document)
    assert (doc.text, doc.id) == ("Nested text.", "7")
    assert doc.metadata == {
        "title": "H", "url": "https://b.example", "date": "2019-05-06T10:00:00",
    }  # fmt: skip


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "a.json"
    array.write_text(json.dumps([{"text": "One."}, {"text": "Two."}], indent=2))
    single = tmp_path / "b.json"
    single.write_text(json.dumps({"text": "Three."}, indent=2))
    docs = read(array, single)
    assert [(d.text, d.source) for d in docs if isinstance(d, Document)] == [
        ("One.", f"{array}[0]"),
        ("Two.", f"{array}[1]"),
        ("Three.", str(single)),
    ]
