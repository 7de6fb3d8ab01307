"""Distributed ingest on a real Dask LocalCluster (two worker processes on loopback): the
Parquet output is the single-process output record for record, a worker killed mid-run loses
and duplicates nothing, a failing partition is rescued a document at a time, a rerun skips
finished partitions, and workers write PostgreSQL directly."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from onrecord.batch.cluster import Job, PartitionResult, extract_document, process_partition
from onrecord.batch.parquet import read_parts
from onrecord.batch.partitions import Partition, plan_partitions
from onrecord.document import Document, DocumentError
from onrecord.record import Article
from onrecord.store import open_store
from support.cluster import job_for, run
from support.corpus import (
    ARTICLES,
    PARTITION_SIZE,
    Item,
    direct_ingest,
    key,
    store_contents,
    write_corpus,
)

pytest_plugins = ("support.pg",)
distributed = pytest.importorskip("distributed", reason="needs dask[distributed]")
pytest.importorskip("pyarrow", reason="needs pyarrow")


def test_a_failing_document_becomes_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onrecord.pipeline as pipeline

    folder = write_corpus(tmp_path / "in")
    (folder / "article2.txt").write_text("EXPLODE, said the test.")
    real_many, real_one = pipeline.extract_many, pipeline.extract

    def many(documents: list[Document], **kwargs: Any) -> Iterator[Article]:
        if any("EXPLODE" in d.text for d in documents):
            raise RuntimeError("the batch blew up")
        return real_many(documents, **kwargs)

    def one(text: str, **kwargs: Any) -> Article:
        if "EXPLODE" in text:
            raise RuntimeError("and alone")
        return real_one(text, **kwargs)

    monkeypatch.setattr(pipeline, "extract_many", many)
    monkeypatch.setattr(pipeline, "extract", one)
    [partition] = plan_partitions([str(folder / f"article{i}.txt") for i in range(4)], 10)
    result = process_partition(partition, job_for(tmp_path / "out"))
    assert (result.documents, result.errors) == (3, 1)
    rows = list(read_parts(str(tmp_path / "out")))
    assert isinstance(rows[2], DocumentError)
    assert rows[2].reason == "extraction failed: RuntimeError: and alone"
    assert rows[2].source.endswith("article2.txt") and rows[2].id
    assert all(isinstance(r, Article) for i, r in enumerate(rows) if i != 2)


# -- on a cluster ----------------------------------------------------------------------


def test_parquet_output_equals_single_process_output(
    client: Any, inputs: list[str], expected: list[Item], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    stats = run(client, inputs, job_for(out))
    assert not stats.failed and not stats.rescued
    assert len(stats.workers) == 2  # both workers took partitions
    got = list(read_parts(str(out)))
    assert [key(i) for i in got] == [key(i) for i in expected]
    n_errors = sum(isinstance(i, DocumentError) for i in expected)
    assert (stats.documents, stats.errors) == (len(expected) - n_errors, n_errors)
    names = sorted(p.name for p in out.iterdir())
    plan = plan_partitions(inputs, PARTITION_SIZE)
    assert names == sorted([p.filename for p in plan] + ["_SUCCESS"])  # no temporary files
    # The flat columns agree with the records they sit beside.
    table = pq.read_table(out / plan[0].filename).to_pylist()
    for row in table:
        if row["error"] is None:
            record = json.loads(row["record"])
            assert row["doc_id"] == record["id"] and row["source"] == record["source"]
            assert [a["id"] for a in row["attributions"]] == [
                a["id"] for a in record["attributions"]
            ]
            assert [a["content"] for a in row["attributions"]] == [
                a["content"]["text"] for a in record["attributions"]
            ]


def kill_once(partition: Partition, job: Job, *, marker: str) -> PartitionResult:
    """Partition 1's first attempt kills its worker process outright (as the OOM killer
    would); the marker file makes the retry, on whichever worker, go through."""
    if partition.index == 1 and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return process_partition(partition, job)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    client: Any, inputs: list[str], expected: list[Item], tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    out = tmp_path / "out"
    stats = run(client, inputs, job_for(out), task=partial(kill_once, marker=str(marker)))
    assert marker.exists()  # a worker really died
    assert not stats.failed and not stats.rescued  # the rerun of its task was enough
    got = list(read_parts(str(out)))
    assert [key(i) for i in got] == [key(i) for i in expected]
    ids = [i.id for i in got if isinstance(i, Article)]
    assert len(ids) == len(set(ids)) == len(ARTICLES) + 3  # + empty.txt and two shard lines
    client.wait_for_workers(2, timeout=60)  # the nanny replaced it


def always_fails(partition: Partition, job: Job) -> PartitionResult:
    if partition.index == 0:
        raise RuntimeError("this partition never works as a whole")
    return process_partition(partition, job)


def explodes_on_article1(document: Document, job: Job) -> Article | DocumentError:
    if document.source and document.source.endswith("article1.txt"):
        raise RuntimeError("this document takes its worker down")
    return extract_document(document, job)


def test_a_partition_that_keeps_failing_is_rescued_document_by_document(
    client: Any, inputs: list[str], expected: list[Item], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    stats = run(client, inputs, job_for(out), task=always_fails, extract_task=explodes_on_article1)
    plan = plan_partitions(inputs, PARTITION_SIZE)
    assert stats.rescued == [plan[0].name] and not stats.failed
    got = list(read_parts(str(out)))
    assert len(got) == len(expected)
    [bad] = [i for i, item in enumerate(expected) if item.source.endswith("article1.txt")]
    assert isinstance(got[bad], DocumentError)
    assert got[bad].reason == "extraction failed: RuntimeError: this document takes its worker down"
    assert [key(g) for i, g in enumerate(got) if i != bad] == [
        key(e) for i, e in enumerate(expected) if i != bad
    ]


def ran_where(partition: Partition, job: Job, *, log: str) -> PartitionResult:
    with open(log, "a") as f:
        f.write(partition.name + "\n")
    return process_partition(partition, job)


def test_a_rerun_skips_finished_partitions(
    client: Any, inputs: list[str], expected: list[Item], tmp_path: Path
) -> None:
    out, log = tmp_path / "out", tmp_path / "ran.log"
    first = run(client, inputs, job_for(out))
    plan = plan_partitions(inputs, PARTITION_SIZE)
    assert first.done_before == 0 and len(plan) >= 3
    kept = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    lost = out / plan[1].filename
    lost.unlink()  # as if the run had died before this partition was written
    (out / f".{plan[1].filename}.tmp-deadbeef").write_bytes(b"half a file")
    again = run(client, inputs, job_for(out), task=partial(ran_where, log=str(log)))
    assert log.read_text().split() == [plan[1].name]  # only the missing one ran
    assert again.done_before == len(plan) - 1
    now = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    assert {k: v for k, v in now.items() if k != lost.name} == {
        k: v for k, v in kept.items() if k != lost.name
    }
    assert not list(out.glob(".*"))  # the dead writer's temporary file is gone
    assert [key(i) for i in read_parts(str(out))] == [key(i) for i in expected]


# -- into PostgreSQL --------------------------------------------------------------------


@pytest.mark.postgres
def test_workers_write_postgresql_directly(
    client: Any, inputs: list[str], nlp: Any, tmp_path: Path, pg_url: str
) -> None:
    job = Job(db=pg_url, use_model=False)
    stats = run(client, inputs, job)
    assert not stats.failed and stats.stored == len(ARTICLES) + 3
    with open_store(pg_url) as store:
        stored = store_contents(store)
    assert stored == direct_ingest(inputs, str(tmp_path / "direct.db"), nlp)
    again = run(client, inputs, job)  # no part files: the hash check skips what is stored
    assert (again.documents, again.skipped) == (0, stats.stored)
