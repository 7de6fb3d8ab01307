"""The batch runner behind ``onrecord ingest``: documents in, records stored, nothing lost.

Every input ends one of three ways: stored, skipped (its text is stored already, checked by
hash before any extraction, which is what makes a rerun resume), or recorded as an error with
its origin and reason. Work is committed in batches, so a killed run keeps every batch it
committed and a rerun does the rest.

Extraction streams through one ``extract_many`` call (one worker pool for the whole run). The
documents it is given come from a generator here that also does the skip check; that
generator runs in the consuming thread, which is where both ``nlp.pipe`` and
``onrecord.pipeline.extract_many`` pull their input, so the store is only ever used from one
thread.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from onrecord.batch.chunks import chunked
from onrecord.document import Document, DocumentError
from onrecord.errors import OnrecordError
from onrecord.record import Article, sha256_text
from onrecord.settings import DEFAULT_COMMIT_EVERY, DEFAULT_COMMIT_SECONDS
from onrecord.store import Store

ExtractMany = Callable[[Iterable[Document]], Iterator[Article]]
ExtractOne = Callable[[Document], Article]

# How many inputs are read ahead for one skip-check query.
LOOKUP_CHUNK = 64
# Extraction failing this many times running with nothing stored in between may be a broken
# setup (a missing model, no memory) rather than bad documents: the canary, a text any working
# setup extracts, tells which. Broken: stop rather than fail every input; working: the
# documents were bad (four corrupt lines in a row), they are error rows and the run goes on.
MAX_BARREN_FAILURES = 3
CANARY = Document("The mayor said the bridge would reopen in May.", id="onrecord-canary")


@dataclass
class IngestStats:
    stored: int = 0
    skipped: int = 0
    errors: int = 0
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.errors

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def docs_per_s(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "stored": self.stored,
            "skipped": self.skipped,
            "errors": self.errors,
            "interrupted": self.interrupted,
            "seconds": round(self.elapsed, 3),
            "docs_per_s": round(self.docs_per_s, 3),
        }


Item = Document | DocumentError


class _Run:
    """One ingest run's state: what is in flight, what waits to be written, the counts."""

    def __init__(
        self,
        store: Store,
        extract_many: ExtractMany,
        extract_one: ExtractOne | None,
        commit_every: int,
        commit_seconds: float,
        on_progress: Callable[[IngestStats], None] | None,
    ) -> None:
        self.store = store
        self.extract_many = extract_many
        self.extract_one = extract_one
        self.commit_every = max(1, commit_every)
        self.commit_seconds = commit_seconds
        self.on_progress = on_progress
        self.stats = IngestStats()
        self.in_flight: deque[Document] = deque()  # handed to extraction, not back yet
        self.failed_inputs: deque[DocumentError] = deque()  # to write from the main loop
        self.sent: set[str] = set()  # hashes handed to extraction in this run
        self.uncommitted = 0
        # What the open batch holds, so an interrupted run reports only what it kept.
        self.batch_stored = self.batch_errors = 0
        self.last_commit = time.monotonic()

    def progress(self) -> None:
        if self.on_progress:
            self.on_progress(self.stats)

    def feed(self, items: Iterable[Document | DocumentError]) -> Iterator[Document]:
        """The documents worth extracting; skips and input errors are counted on the way."""
        try:
            for chunk in chunked(items, LOOKUP_CHUNK):
                digests = [sha256_text(i.text) if isinstance(i, Document) else "" for i in chunk]
                stored = self.store.known_hashes(d for d in digests if d)
                for item, digest in zip(chunk, digests, strict=True):
                    if isinstance(item, DocumentError):
                        self.failed_inputs.append(item)
                        self.stats.errors += 1
                        self.progress()
                    elif digest in stored or digest in self.sent:
                        self.stats.skipped += 1
                        self.progress()
                    else:
                        self.sent.add(digest)
                        self.in_flight.append(item)
                        yield item
        except Exception as exc:  # a reader bug must not lose what was read before it
            self.failed_inputs.append(
                DocumentError("(inputs)", f"reading stopped: {type(exc).__name__}: {exc}")
            )
            self.stats.errors += 1

    def write_pending_errors(self) -> None:
        while self.failed_inputs:
            self.store.add_error(self.failed_inputs.popleft())
            self.uncommitted += 1
            self.batch_errors += 1

    def fail(self, document: Document, reason: str) -> None:
        self.store.add_error(DocumentError(document.source or document.id, reason, document.id))
        self.stats.errors += 1
        self.uncommitted += 1
        self.batch_errors += 1
        self.progress()

    def keep(self, article: Article, document: Document) -> None:
        try:
            added = self.store.add_article(article)
        except Exception as exc:
            self.fail(document, f"cannot store: {type(exc).__name__}: {exc}")
            return
        if added:
            self.stats.stored += 1
            self.batch_stored += 1
        else:
            self.stats.skipped += 1
        self.uncommitted += 1
        self.progress()

    def take(self, article: Article) -> None:
        """An article back from extraction, matched to its document by id (in order)."""
        while self.in_flight:
            document = self.in_flight.popleft()
            if document.id == article.id:
                self.keep(article, document)
                return
            self.fail(document, "extraction returned no record for it")
        raise RuntimeError(f"extraction returned an unexpected record {article.id!r}")

    def retry_alone(self, cause: Exception) -> int:
        """After extraction failed, extract each document that was in flight on its own, so
        only the ones that really fail become errors. Returns how many were stored."""
        documents = list(self.in_flight)
        self.in_flight.clear()
        before = self.stats.stored
        for document in documents:
            if self.extract_one is None:
                self.fail(document, f"extraction failed: {type(cause).__name__}: {cause}")
                continue
            try:
                article = self.extract_one(document)
            except Exception as exc:
                self.fail(document, f"extraction failed: {type(exc).__name__}: {exc}")
            else:
                self.keep(article, document)
            self.maybe_commit()
        return self.stats.stored - before

    def setup_works(self) -> bool:
        """Whether extraction works at all: the canary extracts without an error."""
        if self.extract_one is None:
            return False
        try:
            self.extract_one(CANARY)
        except Exception:
            return False
        return True

    def maybe_commit(self, *, force: bool = False) -> None:
        self.write_pending_errors()
        due = time.monotonic() - self.last_commit >= self.commit_seconds
        if self.uncommitted and (force or due or self.uncommitted >= self.commit_every):
            self.store.commit()
            self.uncommitted = self.batch_stored = self.batch_errors = 0
            self.last_commit = time.monotonic()

    def keep_done(self) -> None:
        try:
            self.maybe_commit(force=True)
        except Exception:  # the store is what broke: nothing more can be kept
            self.store.rollback()

    def run(self, items: Iterable[Document | DocumentError]) -> IngestStats:
        feed = self.feed(items)
        try:
            self.extract_all(feed)
            self.maybe_commit(force=True)
        except KeyboardInterrupt:
            # Keep what was committed; the batch in progress is rolled back whole, and a
            # rerun skips everything committed.
            self.store.rollback()
            self.stats.stored -= self.batch_stored
            self.stats.errors -= self.batch_errors + len(self.failed_inputs)
            self.stats.interrupted = True
        except Exception:
            # A broken setup stops the run; what was stored and the error rows so far are
            # kept, so the rerun after the fix does only the rest.
            self.keep_done()
            raise
        finally:
            feed.close()
            self.stats.finished = time.monotonic()
        return self.stats

    def extract_all(self, feed: Iterator[Document]) -> None:
        stream = self.extract_many(feed)
        barren_failures = 0
        while True:
            try:
                article = next(stream)
            except StopIteration:
                break
            except OnrecordError:
                raise  # the setup is wrong (the pipeline cannot load): no document's fault
            except Exception as exc:
                if not self.in_flight:
                    raise  # nothing to blame it on: the extractor itself is broken
                stored = self.retry_alone(exc)
                barren_failures = 0 if stored else barren_failures + 1
                if barren_failures >= MAX_BARREN_FAILURES:
                    if not self.setup_works():
                        raise
                    barren_failures = 0
                stream = self.extract_many(feed)  # continues where the feed stands
                continue
            barren_failures = 0
            self.take(article)
            self.maybe_commit()
        while self.in_flight:  # extraction ended without returning these
            self.fail(self.in_flight.popleft(), "extraction returned no record for it")


def run_ingest(
    items: Iterable[Document | DocumentError],
    store: Store,
    extract_many: ExtractMany,
    *,
    extract_one: ExtractOne | None = None,
    commit_every: int = DEFAULT_COMMIT_EVERY,
    commit_seconds: float = DEFAULT_COMMIT_SECONDS,
    on_progress: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Store the record of every document in ``items`` (errors become error rows).

    ``extract_many`` turns a stream of documents into articles, in order, with the
    documents' ids; ``extract_one`` (optional) is used to retry the documents that were in
    flight when ``extract_many`` raised. Returns the counts; ``interrupted`` is set when
    Ctrl-C stopped the run (the uncommitted batch is rolled back).
    """
    run = _Run(store, extract_many, extract_one, commit_every, commit_seconds, on_progress)
    return run.run(items)
