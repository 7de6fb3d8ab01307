"""Writing a store out: articles as JSON Lines, attributions as CSV or Parquet.

JSON Lines carries whole records (``Article.to_dict``), so it round-trips; CSV and Parquet
carry one flat row per attribution (``flat.EXPORT_COLUMNS``, typed as ``flat.COLUMNS`` says),
for spreadsheets and dataframes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from onrecord.batch.chunks import chunked
from onrecord.errors import OnrecordError
from onrecord.record import Article
from onrecord.store.flat import EXPORT_COLUMNS, arrow_schema

FORMATS = ("jsonl", "csv", "parquet")
_PARQUET_BATCH = 10_000


def write_jsonl(articles: Iterable[Article], out: TextIO) -> int:
    n = 0
    for article in articles:
        out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(record)
        n += 1
    return n


def parquet_schema() -> Any:
    return arrow_schema(EXPORT_COLUMNS)


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise OnrecordError("Parquet export needs pyarrow: pip install 'onrecord[ingest]'") from exc
    schema = parquet_schema()
    n = 0
    # Written a batch at a time so a large store never has to fit in memory.
    with pq.ParquetWriter(path, schema) as writer:
        for batch in chunked(records, _PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
