"""Running the distributed tests' corpus on a cluster: a rules-only ``Job`` writing to a
folder, and a run of every partition of the inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from onrecord.batch.cluster import Job, run_partitions
from onrecord.batch.partitions import plan_partitions
from support.corpus import PARTITION_SIZE


def job_for(out: Path, **kwargs: Any) -> Job:
    return Job(out=str(out), use_model=False, **kwargs)


def run(client: Any, inputs: list[str], job: Job, **kwargs: Any) -> Any:
    return run_partitions(client, plan_partitions(inputs, PARTITION_SIZE), job, **kwargs)
