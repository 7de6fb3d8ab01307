"""Distributed ingest on Dask, the library half of ``onrecord ingest INPUT... --engine dask``
(the command, its options and its progress bar, is ``onrecord.commands.ingest_dask``).

The driver plans partitions (``onrecord.batch.partitions``), skips those whose Parquet file exists,
and submits one task per partition. A worker loads the pipeline once (``WarmPipeline`` warms
the per-process ``load_pipeline`` cache when the worker starts), reads its partition, extracts
it and writes the results: a part file (``onrecord.batch.parquet``) and/or rows in
PostgreSQL. Only a small summary travels back to the driver.

Nothing is lost when things fail. A document whose extraction raises becomes an error row. A
worker that dies mid-partition (killed, out of memory) has its task rerun elsewhere by Dask;
the atomic rename means no half-written part file ever exists, and PostgreSQL skips by hash
what the dead worker had committed. A partition that still fails (a document that kills every
worker it meets) is rescued: the driver reads it and submits its documents one per task, so
only the document that cannot be extracted becomes an error row.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from onrecord.batch.load import store_items
from onrecord.batch.parquet import (
    LoadStats,
    existing_parts,
    remove_temporary,
    write_part,
    write_success,
)
from onrecord.batch.partitions import Partition, read_partition
from onrecord.document import Document, DocumentError
from onrecord.errors import OnrecordError
from onrecord.readers.jsonl import Fields
from onrecord.record import Article
from onrecord.settings import DEFAULT_MAX_CHARS

try:  # optional: only the dask extra has it, and only this engine needs it
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - the class is only instantiated with dask installed
    WorkerPlugin = object  # type: ignore[assignment,misc]

# Task exceptions (a storage hiccup) are retried once; a dead worker's tasks are rerun by the
# scheduler itself, up to distributed.scheduler.allowed-failures times.
TASK_RETRIES = 1


@dataclass(frozen=True)
class Job:
    """What every task needs to know; pickled to the workers."""

    out: str | None = None
    db: str | None = None  # a PostgreSQL URL the workers write to
    model: str | None = None
    use_model: bool = True
    reader: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    batch_size: int = 16
    encoding: str | None = None
    fields: Fields = field(default_factory=Fields)

    def nlp(self) -> Any:
        from onrecord.pipeline import load_pipeline

        return load_pipeline(
            self.model, use_model=self.use_model, max_chars=self.max_chars, reader=self.reader
        )

    def read(self, partition: Partition) -> Iterator[Document | DocumentError]:
        return read_partition(
            partition, self.fields, encoding=self.encoding, max_chars=self.max_chars
        )


@dataclass
class PartitionResult:
    index: int
    name: str
    documents: int = 0  # extracted
    errors: int = 0
    stored: int = 0  # into PostgreSQL
    skipped: int = 0  # already in PostgreSQL
    attributions: int = 0
    words: int = 0
    chars: int = 0
    seconds: float = 0.0
    worker: str = ""
    peak_rss_mb: float = 0.0
    rescued: bool = False


class WarmPipeline(WorkerPlugin):  # type: ignore[misc]
    """Loads the pipeline when a worker starts (a replacement for a dead one too), so the
    first partition does not pay for it and a worker that cannot load it says so at once."""

    name = "onrecord-pipeline"

    def __init__(self, job: Job) -> None:
        self.job = job

    async def setup(self, worker: Any) -> None:
        # Off the event loop: loading takes seconds and the worker must keep answering.
        await asyncio.to_thread(self.job.nlp)


def _worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _peak_rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _failed(document: Document, exc: BaseException) -> DocumentError:
    if type(exc).__name__ == "KilledWorker":
        # Its message names workers and task keys: different on every run.
        why = "every worker that tried it died (killed, or out of memory)"
    else:
        why = f"{type(exc).__name__}: {exc}"
    return DocumentError(document.source or document.id, f"extraction failed: {why}", document.id)


def extract_items(items: list[Document | DocumentError], job: Job) -> list[Article | DocumentError]:
    """Records for the documents among ``items``, errors passed through, in order. A batch
    that raises is redone a document at a time, so only the failing ones become errors."""
    from onrecord.pipeline import extract, extract_many

    nlp = job.nlp()
    results: list[Article | DocumentError] = list(items)  # type: ignore[arg-type]
    positions = [i for i, item in enumerate(items) if isinstance(item, Document)]
    for start in range(0, len(positions), job.batch_size):
        batch = positions[start : start + job.batch_size]
        documents: list[Document] = [items[i] for i in batch]  # type: ignore[misc]
        try:
            articles = list(extract_many(documents, nlp=nlp, batch_size=job.batch_size))
            if len(articles) != len(documents):
                raise RuntimeError("extraction returned a record too few or too many")
        except Exception:
            articles = []
            for d in documents:
                try:
                    articles.append(
                        extract(d.text, nlp=nlp, doc_id=d.id, source=d.source,
                                metadata=d.metadata, max_chars=job.max_chars)
                    )  # fmt: skip
                except Exception as exc:
                    articles.append(_failed(d, exc))  # type: ignore[arg-type]
        for i, article in zip(batch, articles, strict=True):
            results[i] = article
    return results


def write_outputs(
    partition: Partition,
    results: list[Article | DocumentError],
    job: Job,
    started: float,
    *,
    skipped: int = 0,
    rescued: bool = False,
) -> PartitionResult:
    """Write a partition's results where the job says, and sum them up. PostgreSQL goes
    first: a part file that exists must mean the partition is everywhere."""
    result = PartitionResult(partition.index, partition.name, skipped=skipped, rescued=rescued)
    if job.db:
        from onrecord.store import open_store

        loaded = LoadStats()
        with open_store(job.db) as store:
            store_items(store, results, loaded, commit_each=True)
        result.stored, result.skipped = loaded.stored, loaded.skipped + skipped
    if job.out:
        meta = {"partition": partition.index, "members": partition.describe()}
        write_part(job.out, partition.filename, results, partition=partition.index, metadata=meta)
    for item in results:
        if isinstance(item, DocumentError):
            result.errors += 1
        else:
            result.documents += 1
            result.attributions += len(item.attributions)
            result.words += len(item.text.split())
            result.chars += len(item.text)
    result.seconds = time.perf_counter() - started
    result.worker = _worker_id()
    result.peak_rss_mb = _peak_rss_mb()
    return result


def _skip_stored(items: list[Document | DocumentError], db: str) -> tuple[list[Any], int]:
    """Without a part file to keep whole, documents PostgreSQL has need no extraction."""
    from onrecord.record import sha256_text
    from onrecord.store import open_store

    with open_store(db) as store:
        known = store.known_hashes(sha256_text(i.text) for i in items if isinstance(i, Document))
    kept = [i for i in items if not (isinstance(i, Document) and sha256_text(i.text) in known)]
    return kept, len(items) - len(kept)


def process_partition(partition: Partition, job: Job) -> PartitionResult:
    """The task: read, extract and write one partition."""
    started = time.perf_counter()
    items = list(job.read(partition))
    skipped = 0
    if job.db and not job.out:
        items, skipped = _skip_stored(items, job.db)
    return write_outputs(partition, extract_items(items, job), job, started, skipped=skipped)


def extract_document(document: Document, job: Job) -> Article | DocumentError:
    """The task of a rescue: one document."""
    return extract_items([document], job)[0]


# -- the driver ----------------------------------------------------------------------------

Task = Callable[[Partition, Job], PartitionResult]
DocumentTask = Callable[[Document, Job], Article | DocumentError]


@dataclass
class RunStats:
    partitions: int = 0  # in the plan
    done_before: int = 0  # skipped: their part file existed
    documents: int = 0
    errors: int = 0
    stored: int = 0
    skipped: int = 0
    attributions: int = 0
    words: int = 0
    chars: int = 0
    failed: list[str] = field(default_factory=list)  # partitions with no output, and why
    rescued: list[str] = field(default_factory=list)
    workers: dict[str, float] = field(default_factory=dict)  # peak RSS MiB by worker
    interrupted: bool = False
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def add(self, r: PartitionResult) -> None:
        self.documents += r.documents
        self.errors += r.errors
        self.stored += r.stored
        self.skipped += r.skipped
        self.attributions += r.attributions
        self.words += r.words
        self.chars += r.chars
        self.workers[r.worker] = max(self.workers.get(r.worker, 0.0), r.peak_rss_mb)
        if r.rescued:
            self.rescued.append(r.name)

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if k not in ("started", "finished")}
        seconds = self.elapsed
        d["seconds"] = round(seconds, 3)
        d["docs_per_s"] = round((self.documents + self.errors) / seconds, 3) if seconds else 0.0
        d["words_per_s"] = round(self.words / seconds, 1) if seconds else 0.0
        return d


def pending(partitions: list[Partition], out: str | None) -> tuple[list[Partition], list[str]]:
    """The partitions still to do, and part files in ``out`` that no partition names (left
    by a run over other inputs)."""
    if not out:
        return partitions, []
    existing = existing_parts(out)
    names = {p.filename for p in partitions}
    todo = [p for p in partitions if p.filename not in existing]
    return todo, sorted(existing - names)


def rescue(
    client: Any, partition: Partition, job: Job, extract_task: DocumentTask
) -> PartitionResult:
    """A partition whose task failed for good, one document per task."""
    started = time.perf_counter()
    items = list(job.read(partition))
    futures = {
        i: client.submit(extract_task, item, job, pure=False)
        for i, item in enumerate(items)
        if isinstance(item, Document)
    }
    results: list[Article | DocumentError] = []
    for i, item in enumerate(items):
        if isinstance(item, DocumentError):
            results.append(item)
            continue
        try:
            results.append(futures[i].result())
        except Exception as exc:  # KilledWorker: this is the document that kills workers
            results.append(_failed(item, exc))
    return write_outputs(partition, results, job, started, rescued=True)


def run_partitions(
    client: Any,
    partitions: list[Partition],
    job: Job,
    *,
    task: Task = process_partition,
    extract_task: DocumentTask = extract_document,
    on_result: Callable[[RunStats, PartitionResult], Any] | None = None,
    retries: int = TASK_RETRIES,
) -> RunStats:
    """Run every partition not done yet on ``client``'s cluster; the counts come back."""
    from distributed import as_completed

    todo, _ = pending(partitions, job.out)
    stats = RunStats(partitions=len(partitions), done_before=len(partitions) - len(todo))
    run_id = uuid.uuid4().hex[:8]
    futures = [
        client.submit(task, p, job, key=f"onrecord-{p.name}-{run_id}", pure=False,
                      retries=retries)
        for p in todo
    ]  # fmt: skip
    by_key = {f.key: p for f, p in zip(futures, todo, strict=True)}
    try:
        for future in as_completed(futures):
            partition = by_key[future.key]
            try:
                result = future.result()
            except Exception as cause:
                try:
                    result = rescue(client, partition, job, extract_task)
                except Exception as exc:
                    stats.failed.append(f"{partition.name}: {type(exc).__name__}: {exc} "
                                        f"(the task: {type(cause).__name__}: {cause})")  # fmt: skip
                    continue
            finally:
                future.release()
            stats.add(result)
            if on_result:
                on_result(stats, result)
    except KeyboardInterrupt:
        client.cancel(futures)
        stats.interrupted = True
    stats.finished = time.perf_counter()
    if job.out and not stats.interrupted and not stats.failed:
        mark_finished(job.out, partitions)
    return stats


def mark_finished(out: str, partitions: list[Partition]) -> None:
    """Every partition of the run has its part file: clear what dead writers left and write
    ``_SUCCESS`` (what ``onrecord load`` looks for)."""
    remove_temporary(out)
    write_success(out, {"partitions": [p.filename for p in partitions]})


# -- the cluster ---------------------------------------------------------------------------


@contextmanager
def open_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local one of ``workers`` processes
    with one thread each (spaCy holds the GIL; threads would not run in parallel)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise OnrecordError("--engine dask needs dask.distributed: "
                            "pip install 'onrecord[dask]'") from exc  # fmt: skip
    if scheduler:
        # A path is a scheduler file (``dask scheduler --scheduler-file``), as batch systems
        # share the address they only learn when the job starts.
        where = (
            {"scheduler_file": scheduler} if os.path.isfile(scheduler) else {"address": scheduler}
        )
        try:
            client = Client(**where, timeout="30s")
        except (OSError, ValueError) as exc:
            raise OnrecordError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    import dask

    # The nanny sets MALLOC_TRIM_THRESHOLD_ low so workers hand freed memory back to the OS;
    # spaCy allocates and frees all the time, and the trimming cost a worker about 8% more
    # CPU time in our measurements, for memory that stays flat anyway.
    environ = dask.config.get("distributed.nanny.pre-spawn-environ", {})
    environ = {k: v for k, v in environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    with (
        dask.config.set({"distributed.nanny.pre-spawn-environ": environ}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # The scheduler's HTTP endpoints on a free loopback port: a fixed one clashes with
            # any other cluster on the machine.
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
