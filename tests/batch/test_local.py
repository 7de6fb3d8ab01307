"""The local batch runner (``run_ingest``): every input stored once or kept as an error, a
failure costs only its document, a broken setup stops the run, Ctrl-C keeps whole batches,
and a SIGKILLed run resumes storing everything once. Extraction is a stand-in here."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from onrecord.batch.local import IngestStats, run_ingest
from onrecord.document import Document, DocumentError
from onrecord.readers import read_inputs
from onrecord.record import Article, Attribution, Span, Speaker
from onrecord.store import Store, open_store
from support.corpus import write_bad_inputs, write_good_inputs

pytest_plugins = ("support.pg",)


def fake_article(doc: Document) -> Article:
    """A stand-in for the pipeline: the whole text is one quote by Ann Lee."""
    text = doc.text
    end = len(text.rstrip())
    attrs = (
        [Attribution("a1", "direct", Span.of(text, 0, end), speaker=Speaker("Ann Lee", "person"))]
        if end
        else []
    )
    return Article(doc.id, text, doc.source, attributions=attrs, metadata=dict(doc.metadata))


def fake_many(documents: Iterable[Document]) -> Iterator[Article]:
    for doc in documents:
        if "EXPLODE" in doc.text:
            raise RuntimeError("the extractor blew up")
        yield fake_article(doc)


def fake_one(doc: Document) -> Article:
    if "EXPLODE" in doc.text:
        raise RuntimeError("still broken alone")
    return fake_article(doc)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    target = (
        str(tmp_path / "store.db")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    with open_store(target) as opened:
        yield opened


def ingest(store: Store, paths: list[Path], **kwargs: object) -> IngestStats:
    items = read_inputs([str(p) for p in paths])
    return run_ingest(items, store, fake_many, extract_one=fake_one, **kwargs)  # type: ignore[arg-type]


def test_bad_inputs_become_errors_and_good_ones_are_stored(store: Store, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = write_good_inputs(inputs)
    bad = write_bad_inputs(inputs)
    stats = ingest(store, [inputs])
    # the complete page before the WARC's damage is a good document too
    assert stats.stored == len(good) + 1
    assert stats.errors == len(bad) + 1  # and the JSONL's bad line
    stored_texts = {a.text for a in store.iter_articles()}
    assert set(good) <= stored_texts
    errors = {Path(e.source.split(":")[0].split("#")[0]).name: e for e in store.errors()}
    assert set(errors) == {*bad, "dump.jsonl"}
    for name, word in bad.items():
        assert word in errors[name].reason, errors[name]
    assert errors["dump.jsonl"].source.endswith("dump.jsonl:2")

    again = ingest(store, [inputs])  # a rerun: nothing extracted twice
    assert (again.stored, again.skipped, again.errors) == (0, stats.stored, stats.errors)
    assert store.stats().documents == stats.stored
    assert {e.count for e in store.errors()} == {2}


def test_an_extraction_failure_costs_only_its_document(store: Store) -> None:
    docs = [Document(f"Story number {i}." + (" EXPLODE" if i == 5 else "")) for i in range(12)]
    for i, doc in enumerate(docs):
        doc.source = f"doc{i}"
    stats = run_ingest(docs, store, fake_many, extract_one=fake_one, commit_every=4)
    assert (stats.stored, stats.errors) == (11, 1)
    [error] = store.errors()
    assert error.source == "doc5"
    assert "still broken alone" in error.reason
    assert store.stats().documents == 11


def test_duplicates_and_id_clashes(store: Store) -> None:
    docs: list[Document | DocumentError] = [
        Document("Same text.", source="a"),
        Document("Same text.", source="b"),  # same content: skipped
        Document("First text.", id="X1", source="c"),
        Document("Other text.", id="X1", source="d"),  # an id taken by another text
    ]
    stats = run_ingest(docs, store, fake_many)
    assert (stats.stored, stats.skipped, stats.errors) == (2, 1, 1)
    [error] = store.errors()
    assert error.source == "d" and "different text" in error.reason


def test_bad_documents_in_a_row_do_not_stop_the_run(store: Store) -> None:
    # Four corrupt lines between good ones, extracted one at a time: each fails alone, which
    # once read as a broken setup after three and lost the whole batch.
    docs = [Document(f"Good story {i}.", source=f"good{i}") for i in range(5)]
    docs += [Document(f"Bad story {i}. EXPLODE", source=f"bad{i}") for i in range(4)]
    docs += [Document(f"Later story {i}.", source=f"later{i}") for i in range(5)]

    def one_by_one(documents: Iterable[Document]) -> Iterator[Article]:
        for doc in documents:
            yield from fake_many([doc])

    stats = run_ingest(docs, store, one_by_one, extract_one=fake_one, commit_every=100)
    assert (stats.stored, stats.errors) == (10, 4)
    assert sorted(e.source for e in store.errors()) == ["bad0", "bad1", "bad2", "bad3"]


def test_a_broken_setup_stops_the_run_and_keeps_what_was_done(store: Store) -> None:
    broken = {"now": False}

    def many(documents: Iterable[Document]) -> Iterator[Article]:
        for doc in documents:
            if doc.text.startswith("Story 3"):
                broken["now"] = True  # the model file vanished mid-run, say
            if broken["now"]:
                raise RuntimeError("model gone")
            yield fake_article(doc)

    def one(doc: Document) -> Article:
        if broken["now"]:
            raise RuntimeError("model gone")
        return fake_article(doc)

    docs = [Document(f"Story {i}.", source=f"doc{i}") for i in range(10)]
    with pytest.raises(RuntimeError, match="model gone"):
        run_ingest(docs, store, many, extract_one=one, commit_every=100)
    assert store.stats().documents == 3  # committed before the error went up
    assert len(store.errors()) == 3  # the three that failed before the canary told


def test_a_broken_extractor_stops_the_run(store: Store) -> None:
    def broken(documents: Iterable[Document]) -> Iterator[Article]:
        raise RuntimeError("no model")
        yield  # pragma: no cover

    with pytest.raises(RuntimeError, match="no model"):
        run_ingest([Document("Text.")], store, broken)


def test_ctrl_c_keeps_committed_batches(store: Store) -> None:
    def interrupted(documents: Iterable[Document]) -> Iterator[Article]:
        for i, doc in enumerate(documents):
            if i == 7:
                raise KeyboardInterrupt
            yield fake_article(doc)

    docs = [Document(f"Story {i}.") for i in range(10)]
    stats = run_ingest(docs, store, interrupted, commit_every=3)
    assert stats.interrupted
    assert stats.stored == 6  # what was kept, not what was rolled back
    assert store.stats().documents == 6  # two batches of three committed; the 7th rolled back
    rerun = run_ingest(docs, store, fake_many)
    assert (rerun.stored, rerun.skipped) == (4, 6)


KILLABLE = textwrap.dedent(
    """
    import sys, time
    from onrecord.batch.local import run_ingest
    from onrecord.record import Article, Attribution, Span, Speaker
    from onrecord.readers import read_inputs
    from onrecord.store import open_store

    def slow(documents):
        for d in documents:
            time.sleep(0.02)
            content = Span.of(d.text, 0, len(d.text))
            yield Article(d.id, d.text, d.source, attributions=[
                Attribution("a1", "direct", content, speaker=Speaker("Ann Lee", "person"))])

    with open_store(sys.argv[1]) as store:
        print(run_ingest(read_inputs([sys.argv[2]]), store, slow, commit_every=5).to_dict())
    """
)


def committed(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_resume_after_sigkill_stores_everything_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    n = 60
    for i in range(n):
        (inputs / f"{i:03}.txt").write_text(f"Story number {i} is here.")
    script = tmp_path / "killable.py"
    script.write_text(KILLABLE)
    db = tmp_path / "store.db"
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(inputs)])
    try:
        deadline = time.monotonic() + 30
        while committed(db) < 10 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    kept = committed(db)
    assert 10 <= kept < n and kept % 5 == 0  # whole batches only

    with open_store(str(db)) as store:
        stats = ingest(store, [inputs])
        assert (stats.stored, stats.skipped, stats.errors) == (n - kept, kept, 0)
        assert store.stats().documents == store.stats().attributions == n
        texts = sorted(a.text for a in store.iter_articles())
        assert texts == sorted(f"Story number {i} is here." for i in range(n))
        [speaker] = store.speakers()
        assert (speaker.name, speaker.n_articles) == ("Ann Lee", n)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
