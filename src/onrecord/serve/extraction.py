"""Extraction off the event loop: a bounded queue in front of a worker pool.

The pipeline is CPU-bound and takes the GIL, so it never runs on the event loop: with
``workers >= 1`` it runs in that many spawned processes (true parallelism, and a crash or
memory blow-up in one document cannot take the server down); with ``workers == 0`` in one
background thread of this process (what tests use: no second copy of spaCy to load). Either
way ``/health`` and the store queries keep answering while documents are extracted.

This module must not import FastAPI: spawned workers import it to find ``run_job``.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from onrecord.document import DocumentError
from onrecord.errors import InputError
from onrecord.lifeline import die_with_parent
from onrecord.pipeline import extract, load_pipeline
from onrecord.record import Article
from onrecord.settings import DEFAULT_EXTRACT_TIMEOUT_S, DEFAULT_MAX_CHARS, DEFAULT_MAX_PENDING

NlpFactory = Callable[[], Language]

# Beyond this many documents waiting or running, new ones are refused (503) rather than
# queued for minutes: a client is better told to come back than left hanging.
SHUTDOWN_GRACE_S = 3.0


def default_nlp_factory(
    model: str | None = None, use_model: bool | None = None, reader: str | None = None
) -> NlpFactory:
    """A picklable factory (worker processes receive it) for the cached default pipeline."""
    return functools.partial(load_pipeline, model, use_model=use_model, reader=reader)


@dataclass(frozen=True)
class ExtractJob:
    """One document to extract: plain text or an HTML page, and what the caller knows of it."""

    text: str | None = None
    html: str | None = None
    doc_id: str | None = None
    source: str | None = None  # the record's source: a file name, a URL; None for a paste
    metadata: dict[str, Any] = field(default_factory=dict)
    max_chars: int = DEFAULT_MAX_CHARS


def run_job(nlp_factory: NlpFactory, job: ExtractJob) -> Article | DocumentError:
    """The record of one job, or why it has none. Runs in a worker (thread or process)."""
    # Outside the try below: a pipeline that cannot load is the server's fault, not the
    # document's, and must not be reported as a bad document.
    nlp = nlp_factory()
    text, metadata = job.text or "", dict(job.metadata)
    if job.html is not None:
        from onrecord.readers.html import html_document

        url = metadata.get("url") if isinstance(metadata.get("url"), str) else None
        doc = html_document(
            job.html, job.source or "html", url=url, max_chars=job.max_chars, metadata=metadata
        )
        if isinstance(doc, DocumentError):
            return doc
        if not doc.text.strip():
            return DocumentError(job.source or "html", "no article text found in the HTML")
        text, metadata = doc.text, doc.metadata
    try:
        return extract(
            text,
            nlp=nlp,
            doc_id=job.doc_id or None,
            source=job.source,
            metadata=metadata,
            max_chars=job.max_chars,
        )
    except InputError as exc:
        return DocumentError(job.source or "text", str(exc), job.doc_id)


def _start_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the server shuts its workers down itself, so
    # they must not die mid-document with a traceback each. A SIGKILLed server cannot, so
    # each worker also watches for that.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _warm(nlp_factory: NlpFactory) -> bool:
    nlp_factory()
    return True


class ExtractorBusy(Exception):
    """Too many documents are waiting already."""


class ExtractorTimeout(Exception):
    """A document took longer than the timeout."""


class ExtractorFailed(Exception):
    """The worker running a document died (killed, out of memory)."""


class ExtractorError(Exception):
    """Extraction raised: the pipeline failed to load, or a bug met this document."""


class Extractor:
    """Runs ``run_job`` in a pool, at most ``max_pending`` jobs at a time, each awaited for at
    most ``timeout`` seconds."""

    def __init__(
        self,
        nlp_factory: NlpFactory,
        *,
        workers: int = 0,
        timeout: float = DEFAULT_EXTRACT_TIMEOUT_S,
        max_pending: int = DEFAULT_MAX_PENDING,
    ) -> None:
        self.nlp_factory = nlp_factory
        self.workers = max(0, workers)
        self.timeout = timeout
        self.max_pending = max_pending
        self._executor: Executor | None = None
        self._pending = 0
        self._lock = threading.Lock()
        self._warming: list[Future[bool]] = []

    @property
    def mode(self) -> str:
        return "process" if self.workers else "thread"

    @property
    def pending(self) -> int:
        return self._pending

    @property
    def ready(self) -> bool:
        """Whether every worker has its pipeline loaded (the first documents are not slow)."""
        return bool(self._warming) and all(
            f.done() and not f.cancelled() and f.exception() is None for f in self._warming
        )

    @property
    def error(self) -> str | None:
        """Why the pipeline failed to load, if it did."""
        for f in self._warming:
            if f.done() and not f.cancelled() and f.exception() is not None:
                return str(f.exception())
        return None

    def start(self) -> None:
        if self._executor is not None:
            return
        if self.workers:
            # spawn, not fork: the server process has threads (event loop, thread pool), and
            # forking a threaded process can deadlock the child.
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        else:
            # One thread: a spaCy pipeline is not documented as safe to call concurrently.
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="onrecord-extract")
        # Load the pipeline in every worker now, not on the first request.
        self._warming = [
            self._executor.submit(_warm, self.nlp_factory) for _ in range(max(1, self.workers))
        ]

    def close(self, grace: float = SHUTDOWN_GRACE_S) -> None:
        """Stop the pool: waiting jobs are cancelled, a running one gets ``grace`` seconds.

        Worker processes are joined (and terminated if need be) here rather than left to the
        interpreter's exit hooks: uvicorn ends a process stopped by SIGTERM by re-raising the
        signal, which skips those hooks and would leave the workers orphaned.
        """
        executor, self._executor = self._executor, None
        if executor is None:
            return
        # Private, but the only handle on the processes before Python 3.14's terminate_workers.
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(1)

    def _done(self, _future: Future[Any]) -> None:
        with self._lock:
            self._pending -= 1

    def _submit(self, job: ExtractJob) -> Future[Article | DocumentError]:
        with self._lock:
            if self._pending >= self.max_pending:
                raise ExtractorBusy(
                    f"{self._pending} documents are being extracted already; retry shortly"
                )
            self._pending += 1
        try:
            if self._executor is None:
                self.start()
            assert self._executor is not None
            future = self._executor.submit(run_job, self.nlp_factory, job)
        except BaseException:
            with self._lock:
                self._pending -= 1
            raise
        # Counted until the worker is really done, even when the caller gave up waiting:
        # an abandoned job still occupies a worker.
        future.add_done_callback(self._done)
        return future

    async def run(self, job: ExtractJob) -> Article | DocumentError:
        future = self._submit(job)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            raise ExtractorTimeout(
                f"extraction took longer than {self.timeout:g} s; send a shorter document"
            ) from None
        except BrokenProcessPool:
            # A worker died; the pool is unusable from now on, so start a fresh one.
            self.close()
            self.start()
            raise ExtractorFailed("the extraction worker stopped unexpectedly; retry") from None
        except Exception as exc:
            raise ExtractorError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
