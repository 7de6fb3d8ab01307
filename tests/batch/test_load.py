"""``load_parts``: the Parquet parts of a distributed run into SQLite store what a direct
ingest stores, and loading them again stores and counts nothing twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from onrecord.batch.load import load_parts
from onrecord.batch.parquet import part_paths
from onrecord.store import open_store
from support.cluster import job_for, run
from support.corpus import direct_ingest, store_contents

distributed = pytest.importorskip("distributed", reason="needs dask[distributed]")
pytest.importorskip("pyarrow", reason="needs pyarrow")


def test_load_into_sqlite_equals_a_direct_ingest(
    client: Any, inputs: list[str], nlp: Any, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run(client, inputs, job_for(out))
    with open_store(str(tmp_path / "loaded.db")) as store:
        stats = load_parts(str(out), store)
        loaded = store_contents(store)
        assert stats.files == len(part_paths(str(out)))
        again = load_parts(str(out), store)  # idempotent: nothing stored or counted twice
        assert (again.stored, again.skipped) == (0, stats.stored + stats.skipped)
        assert store_contents(store) == loaded
    assert loaded == direct_ingest(inputs, str(tmp_path / "direct.db"), nlp)
    assert stats.stored == len(loaded[0]) and stats.errors == len(loaded[1]) == 3
