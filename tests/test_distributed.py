"""Distributed ingest on a real Dask LocalCluster (two worker processes on loopback): the
Parquet output is the single-process output record for record, a worker killed mid-run loses
and duplicates nothing, a failing partition is rescued a document at a time, a rerun skips
finished partitions, and ``onrecord load`` stores what a direct ingest stores."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from onrecord.batch.cluster import (
    Job,
    PartitionResult,
    WarmPipeline,
    extract_document,
    open_client,
    process_partition,
    run_partitions,
)
from onrecord.batch.load import load_parts
from onrecord.batch.local import run_ingest
from onrecord.batch.parquet import part_paths, read_parts
from onrecord.batch.partitions import Partition, plan_partitions, read_partition
from onrecord.cli import main
from onrecord.document import Document, DocumentError
from onrecord.readers import read_inputs
from onrecord.record import Article
from onrecord.store import Store, open_store

pytest_plugins = ("support.pg",)
distributed = pytest.importorskip("distributed", reason="needs dask[distributed]")
pytest.importorskip("pyarrow", reason="needs pyarrow")

PARTITION_SIZE = 3
ARTICLES = [
    '"We will appeal the ruling," Ann Lee said on Monday. Lee added that she was confident.',
    'The mayor told reporters that the bridge would open in May. "It is ready," he said.',
    'Officials said the vote was delayed. "We need more time," said John Park, a senator.',
    '"Prices will fall," the company said in a statement on Tuesday.',
    'According to the police, two people were hurt. "It was chaos," a witness said.',
    'Mary Stone, the coach, said the team had played well. "I am proud," Stone said.',
]
SHARD = [
    json.dumps({"text": '"No comment," the spokesman said.', "title": "Shard one"}),
    "{not json",
    "",
    json.dumps({"text": "Analysts said growth would slow.", "url": "https://x.example/2"}),
]


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(ARTICLES):
        (folder / f"article{i}.txt").write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02ELF" * 40)
    (folder / "empty.txt").write_text("")
    (folder / "shard.jsonl").write_text("\n".join(SHARD) + "\n", encoding="utf-8")
    return folder


Item = Article | DocumentError


def key(item: Item | Document) -> tuple[Any, ...]:
    if isinstance(item, DocumentError):
        return ("error", item.source, item.reason, item.id)
    if isinstance(item, Document):
        return ("document", item.id, item.source, item.text, item.metadata)
    return ("record", json.dumps(item.to_dict(), sort_keys=True))


def single_process(inputs: list[str], nlp: Any) -> list[Item]:
    """What one process makes of the inputs: read_inputs, then extract_many."""
    from onrecord.pipeline import extract_many

    items = list(read_inputs(inputs))
    documents = [i for i in items if isinstance(i, Document)]
    articles = iter(list(extract_many(documents, nlp=nlp)))
    return [next(articles) if isinstance(i, Document) else i for i in items]


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


def job_for(out: Path, **kwargs: Any) -> Job:
    return Job(out=str(out), use_model=False, **kwargs)


# -- planning --------------------------------------------------------------------------


def test_partitions_are_deterministic_and_read_as_read_inputs_reads(
    corpus: Path, inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_partitions(inputs, PARTITION_SIZE)
    assert [p.name for p in plan] == [p.name for p in plan_partitions(inputs, PARTITION_SIZE)]
    assert all(p.name.startswith(f"part-{p.index:05d}-") for p in plan)
    # the JSON Lines shard is split across partitions by line
    shard_parts = [m.lines for p in plan for m in p.members if m.lines]
    assert shard_parts == [(1, 3), (4, 4)]
    read = [key(i) for p in plan for i in read_partition(p)]
    assert read == [key(i) for i in read_inputs(inputs)]
    # The same files named from elsewhere are the same partitions (sources are renamed).
    monkeypatch.chdir(corpus)
    relative = plan_partitions([".", "missing.txt"], PARTITION_SIZE)
    assert [p.name for p in relative] == [p.name for p in plan]
    assert [key(i) for p in relative for i in read_partition(p)] == [
        key(i) for i in read_inputs([".", "missing.txt"])
    ]


def test_jsonl_shards_keep_line_numbers(tmp_path: Path) -> None:
    lines = ["\ufeff" + json.dumps({"text": "a"}), "", "[1]", *(json.dumps({"text": str(i)})
             for i in range(7))]  # fmt: skip
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # no final newline
    plan = plan_partitions([str(path)], 2)
    assert [p.members[0].lines for p in plan] == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    got = [(i.source, getattr(i, "text", None)) for p in plan for i in read_partition(p)]
    want = [(i.source, getattr(i, "text", None)) for i in read_inputs([str(path)])]
    assert got == want and len(got) == 9


def test_a_changed_input_renames_its_partition(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    before = plan_partitions([str(tmp_path)], PARTITION_SIZE)
    (tmp_path / "article4.txt").write_text("A longer text than before, said Bob.")
    after = plan_partitions([str(tmp_path)], PARTITION_SIZE)
    changed = [a.name for a, b in zip(after, before, strict=True) if a.name != b.name]
    assert changed == [p.name for p in after if any("article4" in m.name for m in p.members)]


def test_stdin_is_refused() -> None:
    from onrecord.errors import InputError

    with pytest.raises(InputError, match="stdin"):
        plan_partitions(["-"])


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


def run(client: Any, inputs: list[str], job: Job, **kwargs: Any) -> Any:
    return run_partitions(client, plan_partitions(inputs, PARTITION_SIZE), job, **kwargs)


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


# -- into a store ----------------------------------------------------------------------


def store_contents(store: Store) -> tuple[Any, ...]:
    articles = sorted(json.dumps(a.to_dict(), sort_keys=True) for a in store.iter_articles())
    errors = sorted((e.source, e.reason, e.doc_id, e.count) for e in store.errors())
    speakers = sorted((s.name, s.type, s.n_articles, s.n_attributions) for s in store.speakers())
    return articles, errors, speakers


def direct_ingest(inputs: list[str], db: str, nlp: Any) -> tuple[Any, ...]:
    from onrecord.pipeline import extract_many

    with open_store(db) as store:
        run_ingest(read_inputs(inputs), store, lambda docs: extract_many(docs, nlp=nlp))
        return store_contents(store)


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


# -- the commands ----------------------------------------------------------------------


def test_cli_dask_ingest_then_load(
    inputs: list[str], corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, db = tmp_path / "out", tmp_path / "cli.db"
    args = [
        *("ingest", *inputs, "--engine", "dask", "--workers", "1", "--out", str(out)),
        *("--db", str(db), "--no-model", "--partition-size", "4", "--quiet", "--json"),
    ]
    assert main(args) == 1  # some inputs are errors
    summary = json.loads(capsys.readouterr().out)
    assert summary["documents"] == len(ARTICLES) + 3 and summary["errors"] == 3
    assert summary["loaded"]["stored"] == len(ARTICLES) + 3
    # Everything is done: the rerun starts no cluster and loads nothing new.
    assert main(args) == 1
    rerun = json.loads(capsys.readouterr().out)
    assert rerun["done_before"] == rerun["partitions"] and rerun["documents"] == 0
    assert rerun["loaded"]["stored"] == 0
    assert main(["load", str(out), "--db", str(tmp_path / "other.db"), "--json"]) == 1
    loaded = json.loads(capsys.readouterr().out)
    assert (loaded["stored"], loaded["errors"]) == (len(ARTICLES) + 3, 3)


def test_local_dask_workers_die_with_a_sigkilled_driver(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"{i:03}.txt").write_text(f"The mayor said story {i} was true.")
    command = [sys.executable, "-m", "onrecord.cli", "ingest", str(folder), "--engine", "dask",
               "--workers", "1", "--out", str(tmp_path / "out"), "--no-model",
               "--partition-size", "2", "--quiet"]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        workers: list[int] = []
        # A part file written: the worker is up, its plugins set up, and working.
        while proc.poll() is None and time.monotonic() < deadline:
            if list((tmp_path / "out").glob("**/*.parquet")):
                workers = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
                break
            time.sleep(0.1)
        assert workers, "the dask ingest never wrote a part"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()

    def gone(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return True

    deadline = time.monotonic() + 15
    while not all(gone(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [w for w in workers if not gone(w)] == []


def test_cli_dask_needs_somewhere_to_write(
    inputs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", *inputs, "--engine", "dask", "--db", "x.db"]) == 2
    assert "--out DIR" in capsys.readouterr().err
    assert main(["ingest", *inputs, "--engine", "dask", "--out", "o", "--workers", "2",
                 "--scheduler", "tcp://127.0.0.1:1"]) == 2  # fmt: skip
    assert "exclude each other" in capsys.readouterr().err
