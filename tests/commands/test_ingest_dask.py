"""``onrecord ingest --engine dask`` and ``onrecord load``: the commands end to end, a
SIGKILLed driver takes its local workers with it, and the options are checked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onrecord.cli import main
from support.corpus import ARTICLES, write_corpus

distributed = pytest.importorskip("distributed", reason="needs dask[distributed]")
pytest.importorskip("pyarrow", reason="needs pyarrow")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("dist") / "corpus")


@pytest.fixture(scope="module")
def inputs(corpus: Path) -> list[str]:
    # The corpus's bad files are its error rows; a path that is not there would be a usage
    # error of the command (tests/commands/test_ingest.py), not one.
    return [str(corpus)]


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
    assert summary["documents"] == len(ARTICLES) + 3 and summary["errors"] == 2
    assert summary["loaded"]["stored"] == len(ARTICLES) + 3
    # Everything is done: the rerun starts no cluster and loads nothing new.
    assert main(args) == 1
    rerun = json.loads(capsys.readouterr().out)
    assert rerun["done_before"] == rerun["partitions"] and rerun["documents"] == 0
    assert rerun["loaded"]["stored"] == 0
    assert main(["load", str(out), "--db", str(tmp_path / "other.db"), "--json"]) == 1
    loaded = json.loads(capsys.readouterr().out)
    assert (loaded["stored"], loaded["errors"]) == (len(ARTICLES) + 3, 2)


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
