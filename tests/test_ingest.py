"""Ingest: every input stored once or kept as an error, resumable after SIGKILL, and the
query commands over what was stored (one real spaCy run on tiny texts)."""

from __future__ import annotations

import csv
import io
import json
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

pytest_plugins = ("support.pg",)

BIG_BYTES = 50 * 1024 * 1024


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


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Inputs that cannot be stored, by file name, with a word their error must contain."""
    from test_readers import WARC_PAGES, write_warc

    (folder / "binary.txt").write_bytes(b"\x00\x01\x02ELF" * 50)
    (folder / "latin.txt").write_bytes("d\xe9clar\xe9".encode("latin-1"))
    with (folder / "big.txt").open("wb") as f:
        f.write(b"words " * (BIG_BYTES // 6))
    whole = folder / "whole.warc.gz"
    write_warc(whole, WARC_PAGES)
    data = whole.read_bytes()
    whole.unlink()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) - 300])
    return {"binary.txt": "binary", "latin.txt": "UTF-8", "big.txt": "too large",
            "cut.warc.gz": "truncated"}  # fmt: skip


def write_good_inputs(folder: Path) -> list[str]:
    texts = [
        '"We will appeal the ruling," Ann Lee said on Monday.',
        '"The bridge opens in May," the mayor told reporters.',
    ]
    for i, text in enumerate(texts):
        (folder / f"good{i}.txt").write_text(text)
    (folder / "empty.txt").write_text("   \n")
    lines = [json.dumps({"text": "Officials said the vote was delayed.", "title": "Vote"}),
             "{oops"]  # fmt: skip
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    return [*texts, "   \n", "Officials said the vote was delayed."]


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


def _gone(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_workers_die_with_a_sigkilled_ingest(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(400):
        (inputs / f"{i:03}.txt").write_text(f"The mayor said story {i} was true.")
    db = str(tmp_path / "s.db")
    command = [sys.executable, "-m", "onrecord.cli", "ingest", str(inputs), "--db", db,
               "--n-process", "2", "--batch-size", "1", "--quiet"]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
            workers = [c.pid for c in parent.children(recursive=True)]
            time.sleep(0.05)
        assert len(workers) >= 2, "the ingest never started its workers"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    deadline = time.monotonic() + 10
    while not all(_gone(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [w for w in workers if not _gone(w)] == []


# -- the command line, with the real pipeline ---------------------------------------------


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One real `onrecord ingest` over good and bad inputs (spaCy loads once, in-process)."""
    from onrecord.cli import main

    root = tmp_path_factory.mktemp("cli")
    inputs = root / "in"
    inputs.mkdir()
    write_good_inputs(inputs)
    write_bad_inputs(inputs)
    db = root / "store.db"
    code = main(["ingest", str(inputs), "--db", str(db), "--n-process", "1", "--quiet"])
    assert code == 1  # some inputs failed
    return db, inputs


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from onrecord.cli import main

    code = main(list(args))
    return code, capsys.readouterr().out


def test_cli_ingest_stores_and_reports(
    ingested: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, inputs = ingested
    code, out = run_cli("errors", "--db", str(db), "--json", capsys=capsys)
    reasons = {Path(e["source"].split(":")[0].split("#")[0]).name for e in json.loads(out)}
    assert reasons == {"binary.txt", "latin.txt", "big.txt", "cut.warc.gz", "dump.jsonl"}
    code, out = run_cli(
        "ingest", str(inputs), "--db", str(db), "--n-process", "1", "--json", capsys=capsys
    )
    summary = json.loads(out)
    assert (summary["stored"], summary["errors"]) == (0, 5)
    assert summary["skipped"] == 5  # 2 texts, the empty one, a JSONL line, a WARC page


def test_one_folder_by_two_spellings_is_one_set_of_error_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "binary.txt").write_bytes(b"\x00\x01\x02ELF" * 50)
    db = str(tmp_path / "s.db")
    monkeypatch.chdir(tmp_path)
    for spelling in ("corpus", str(tmp_path / "corpus"), "./corpus/../corpus"):
        code, _ = run_cli("ingest", spelling, "--db", db, "--n-process", "1", capsys=capsys)
        assert code == 1
    code, out = run_cli("errors", "--db", db, "--json", capsys=capsys)
    [error] = json.loads(out)
    assert error["source"] == str(tmp_path / "corpus" / "binary.txt")
    assert error["count"] == 3


def test_cli_queries(ingested: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db = str(ingested[0])
    code, out = run_cli("search", "appeal ruling", "--db", db, "--json", capsys=capsys)
    [hit] = json.loads(out)
    assert "We will appeal the ruling" in hit["content"]
    sure = ["search", "appeal ruling", "--db", db, "--json", "--min-confidence"]
    code, out = run_cli(*sure, str(hit["confidence"]), capsys=capsys)
    assert [h["attr_id"] for h in json.loads(out)] == [hit["attr_id"]]
    code, out = run_cli(*sure, str(min(1.0, hit["confidence"] + 0.01)), capsys=capsys)
    assert code == 1 and json.loads(out) == []
    code, out = run_cli("search", '"); DROP TABLE documents; --', "--db", db, capsys=capsys)
    assert code == 1  # nothing found, nothing dropped
    code, out = run_cli("speakers", "--db", db, "--json", capsys=capsys)
    names = {s["name"] for s in json.loads(out)}
    assert "Ann Lee" in names
    code, out = run_cli("quotes", "--speaker", "Lee", "--db", db, "--json", capsys=capsys)
    assert any("appeal" in q["content"] for q in json.loads(out))
    code, out = run_cli("show", hit["doc_id"][:8], "--db", db, capsys=capsys)
    assert code == 0 and "We will appeal the ruling" in out
    code, _ = run_cli("show", "ffffffffffff", "--db", db, capsys=capsys)
    assert code == 1


def test_cli_exports(
    ingested: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    db = str(ingested[0])
    with open_store(db) as store:
        n_docs, n_attrs = store.stats().documents, store.stats().attributions
        articles = {a.id: a.to_dict() for a in store.iter_articles()}
    run_cli("export", "--format", "jsonl", "--out", str(tmp_path / "a.jsonl"), "--db", db,
            capsys=capsys)  # fmt: skip
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert len(lines) == n_docs
    assert {d["id"]: d for d in map(json.loads, lines)} == articles
    run_cli("export", "-f", "csv", "-o", str(tmp_path / "a.csv"), "--db", db, capsys=capsys)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text())))
    assert len(rows) == n_attrs
    run_cli("export", "-f", "parquet", "-o", str(tmp_path / "a.parquet"), "--db", db,
            capsys=capsys)  # fmt: skip
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == n_attrs
    assert table.schema.field("confidence").type == "double"


def test_cli_queries_need_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from onrecord.cli import main

    assert main(["speakers", "--db", str(tmp_path / "none.db")]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
