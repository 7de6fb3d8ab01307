"""Partitioned Parquet output of a distributed ingest: one file per partition, one row per
input (a record or an error), written atomically, read back in input order.

Schema (``PART_SCHEMA``), one row per input:

==================  ===================  ==================================================
column              type                 meaning
==================  ===================  ==================================================
partition           int32                the partition's index
position            int32                the input's place in its partition
doc_id              string               document id (null for an input that named nothing)
source              string               where it came from, as in a local run
text_sha256         string               SHA-256 of the text (null for an error)
title, url          string               from the metadata
published           string               YYYY-MM-DD when the metadata has an ISO date
outlet              string               who published it (``flat.outlet_of``)
n_chars, n_words    int64                size of the text
n_attributions      int32                how many attributions
n_entities          int32                how many entities
record              string               the whole record, ``Article.to_dict()`` as JSON
attributions        list<struct>         the attributions, flat (``PART_ATTRIBUTION``)
error               string               why the input has no record (null when it has)
==================  ===================  ==================================================

A file is written under a hidden temporary name and renamed into place, so a part file that
exists is complete: its existence is the partition's completion marker. ``_SUCCESS`` (JSON)
is written once every partition of a run has its file.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from onrecord.document import DocumentError
from onrecord.errors import OnrecordError
from onrecord.record import Article
from onrecord.store import flat
from onrecord.store.flat import published_date

# 2: the attribution struct gained content_parts and content_form. 3: the row gained outlet,
# the struct speaker_gender.
PART_FORMAT = "onrecord.batch.parquet/3"
SUCCESS = "_SUCCESS"
_TMP = ".tmp-"

# A part file's attribution struct: flat columns (``onrecord.store.flat``), as (field, flat
# column), under the names format /1 gave them (the attribution's id is ``id``), with the
# confidence rounded to 4 places as the record beside it has it.
PART_ATTRIBUTION: tuple[tuple[str, str], ...] = (
    ("id", "attr_id"), ("kind", "kind"), ("confidence", "confidence"),
    ("content", "content"), ("content_start", "content_start"), ("content_end", "content_end"),
    ("content_parts", "content_parts"), ("content_form", "content_form"),
    ("cue", "cue"), ("cue_start", "cue_start"), ("cue_end", "cue_end"),
    ("source_text", "source_text"), ("source_start", "source_start"),
    ("source_end", "source_end"), ("speaker", "speaker"), ("speaker_type", "speaker_type"),
    ("speaker_entity", "speaker_entity"), ("addressee", "addressee"), ("parent", "parent"),
    ("continues", "continues"), ("in_boilerplate", "in_boilerplate"),
    ("speaker_gender", "speaker_gender"),
)  # fmt: skip
ATTRIBUTION_FIELDS: tuple[tuple[str, str], ...] = tuple(
    (field, flat.COLUMNS[column].type) for field, column in PART_ATTRIBUTION
)


def _pa() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise OnrecordError("Parquet output needs pyarrow: pip install 'onrecord[ingest]'") from exc
    return pyarrow


def part_schema() -> Any:
    pa = _pa()
    attribution = pa.struct([(n, getattr(pa, t)()) for n, t in ATTRIBUTION_FIELDS])
    return pa.schema(
        [
            ("partition", pa.int32()),
            ("position", pa.int32()),
            ("doc_id", pa.string()),
            ("source", pa.string()),
            ("text_sha256", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("published", pa.string()),
            ("outlet", pa.string()),
            ("n_chars", pa.int64()),
            ("n_words", pa.int64()),
            ("n_attributions", pa.int32()),
            ("n_entities", pa.int32()),
            ("record", pa.string()),
            ("attributions", pa.list_(attribution)),
            ("error", pa.string()),
        ]
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def attribution_rows(article: Article) -> list[dict[str, Any]]:
    rows = []
    for position, attr in enumerate(article.attributions):
        values = flat.attribution_values(attr, position, article)
        values["confidence"] = round(values["confidence"], 4)
        rows.append({field: values[column] for field, column in PART_ATTRIBUTION})
    return rows


def part_row(partition: int, position: int, item: Article | DocumentError) -> dict[str, Any]:
    if isinstance(item, DocumentError):
        return {"partition": partition, "position": position, "doc_id": item.id,
                "source": item.source, "attributions": [], "error": item.reason}  # fmt: skip
    meta = item.metadata
    return {
        "partition": partition,
        "position": position,
        "doc_id": item.id,
        "source": item.source,
        "text_sha256": item.text_sha256,
        "title": _text(meta.get("title")),
        "url": _text(meta.get("url")),
        "published": published_date(meta),
        "outlet": flat.outlet_of(meta),
        "n_chars": len(item.text),
        "n_words": len(item.text.split()),
        "n_attributions": len(item.attributions),
        "n_entities": len(item.entities),
        "record": json.dumps(item.to_dict(), ensure_ascii=False, default=str),
        "attributions": attribution_rows(item),
        "error": None,
    }


def row_item(row: dict[str, Any]) -> Article | DocumentError:
    if row["error"] is not None:
        return DocumentError(row["source"], row["error"], row["doc_id"])
    return Article.from_dict(json.loads(row["record"]))


# -- where the files live ------------------------------------------------------------------


def filesystem(out: str) -> tuple[Any, str]:
    """The pyarrow filesystem and base path for ``--out``: a local or shared directory, or a
    URI pyarrow knows (``s3://bucket/prefix``, ``gs://...``, ``hdfs://...``)."""
    from pyarrow import fs

    _pa()
    if "://" in out:
        return fs.FileSystem.from_uri(out)  # type: ignore[no-any-return]
    return fs.LocalFileSystem(), os.path.abspath(out)


def _names(fs: Any, base: str) -> list[str]:
    from pyarrow import fs as pafs

    infos = fs.get_file_info(pafs.FileSelector(base, allow_not_found=True))
    return sorted(i.base_name for i in infos if i.type == pafs.FileType.File)


def existing_parts(out: str) -> set[str]:
    fs, base = filesystem(out)
    return {n for n in _names(fs, base) if n.startswith("part-") and n.endswith(".parquet")}


def write_part(
    out: str,
    filename: str,
    items: Iterable[Article | DocumentError],
    *,
    partition: int,
    metadata: dict[str, Any] | None = None,
) -> int:
    """Write one partition's file atomically: a hidden temporary file renamed into place, so
    a worker killed mid-write leaves no part file and the partition is redone."""
    import pyarrow.parquet as pq

    pa = _pa()
    schema = part_schema()
    rows = [part_row(partition, pos, item) for pos, item in enumerate(items)]
    meta = {"format": PART_FORMAT, **(metadata or {})}
    schema = schema.with_metadata({k: json.dumps(v) for k, v in meta.items()})
    table = pa.Table.from_pylist(rows, schema=schema)
    fs, base = filesystem(out)
    fs.create_dir(base, recursive=True)
    tmp = f"{base}/.{filename}{_TMP}{uuid.uuid4().hex}"
    with fs.open_output_stream(tmp) as sink:
        pq.write_table(table, sink, compression="zstd")
    fs.move(tmp, f"{base}/{filename}")
    return len(rows)


def write_success(out: str, summary: dict[str, Any]) -> None:
    fs, base = filesystem(out)
    with fs.open_output_stream(f"{base}/{SUCCESS}") as sink:
        sink.write(json.dumps(summary, indent=1).encode())


def remove_temporary(out: str) -> int:
    """Delete what writers killed mid-write left behind; call only when no writer runs."""
    fs, base = filesystem(out)
    stale = [n for n in _names(fs, base) if n.startswith(".part-") and _TMP in n]
    for name in stale:
        fs.delete_file(f"{base}/{name}")
    return len(stale)


def has_success(out: str) -> bool:
    fs, base = filesystem(out)
    return SUCCESS in _names(fs, base)


# -- reading back --------------------------------------------------------------------------


def part_paths(out: str) -> list[str]:
    """Every part file under ``out``, in partition order."""
    fs, base = filesystem(out)
    if fs.get_file_info(base).type.name == "NotFound":
        raise OnrecordError(f"{out}: no such directory")
    return [f"{base}/{n}" for n in sorted(existing_parts(out))]


def read_part(out: str, path: str) -> Iterator[Article | DocumentError]:
    import pyarrow.parquet as pq

    fs, _ = filesystem(out)
    table = pq.read_table(path, filesystem=fs, columns=["position", "doc_id", "source",
                                                         "record", "error"])  # fmt: skip
    for row in sorted(table.to_pylist(), key=lambda r: r["position"]):
        yield row_item(row)


def read_parts(out: str) -> Iterator[Article | DocumentError]:
    """Every record and error under ``out``, in input order."""
    for path in part_paths(out):
        yield from read_part(out, path)


@dataclass
class LoadStats:
    files: int = 0
    stored: int = 0
    skipped: int = 0
    errors: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"files": self.files, "stored": self.stored, "skipped": self.skipped,
                "errors": self.errors}  # fmt: skip
