"""``die_with_parent``: the worker processes of a local ingest leave when it is SIGKILLed
(no exit hook runs) instead of living on, reparented to init."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


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
