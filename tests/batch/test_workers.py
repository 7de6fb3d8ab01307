"""How many worker processes a run starts: never more than there is work for."""

from __future__ import annotations

import pytest

from onrecord.batch import workers
from onrecord.batch.workers import cluster_workers, local_workers


def test_local_workers_are_at_most_one_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cpu_count", lambda: 8)
    assert local_workers(None, None, 16) == 8  # unknown size: every CPU
    assert local_workers(None, 40, 16) == 3  # 40 documents are three batches
    assert local_workers(2, 1000, 16) == 2  # asked for
    assert local_workers(4, 0, 16) == 1  # never none


def test_cluster_workers_are_at_most_one_a_partition(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cpu_count", lambda: 8)
    assert cluster_workers(None, 100) == 8
    assert cluster_workers(None, 2) == 2
    assert cluster_workers(16, 100) == 16
    assert cluster_workers(None, 0) == 1
