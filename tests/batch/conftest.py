"""Fixtures of the batch tests: the corpus of ``support.corpus`` in a folder, what one
process makes of it, and a real Dask LocalCluster (two worker processes on loopback), one per
test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord.batch.cluster import Job, WarmPipeline, open_client
from support.corpus import Item, single_process, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("dist") / "corpus")


@pytest.fixture(scope="module")
def inputs(corpus: Path) -> list[str]:
    return [str(corpus), str(corpus / "missing.txt")]


@pytest.fixture(scope="module")
def expected(inputs: list[str], nlp: Any) -> list[Item]:
    return single_process(inputs, nlp)


@pytest.fixture(scope="module")
def job_rules() -> Job:
    # Rules only, as the conftest ``nlp`` fixture, so both sides run the same pipeline.
    return Job(use_model=False)


@pytest.fixture(scope="module")
def client(job_rules: Job) -> Iterator[Any]:
    # The cluster the command itself starts for --workers 2.
    with open_client(None, 2) as c:
        c.register_plugin(WarmPipeline(job_rules))
        yield c
