"""One real ``onrecord ingest`` over good and bad inputs, for the commands that read a store
(``ingested``: the store and the input folder, made once a session). Use with
``pytest_plugins = ("support.ingested",)``."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.cli import main
from support.corpus import write_bad_inputs, write_good_inputs


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One real `onrecord ingest` over good and bad inputs (spaCy loads once, in-process)."""
    root = tmp_path_factory.mktemp("cli")
    inputs = root / "in"
    inputs.mkdir()
    write_good_inputs(inputs)
    write_bad_inputs(inputs)
    db = root / "store.db"
    code = main(["ingest", str(inputs), "--db", str(db), "--n-process", "1", "--quiet"])
    assert code == 1  # some inputs failed
    return db, inputs
