"""How many worker processes a run starts. Each one loads the pipeline (seconds, and some
hundreds of MB), so never more than there is work for: 40 documents in batches of 16 are
three batches, and three workers, however many CPUs there are."""

from __future__ import annotations

import math
import os


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or ``taskset``'s share, not the
    machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def local_workers(requested: int | None, total: int | None, batch_size: int) -> int:
    """Processes for a local pool: ``requested`` (default: the CPUs), at most one a batch
    when the number of documents (``total``) is known.

    >>> local_workers(8, 40, 16)
    3
    """
    n = requested if requested is not None else cpu_count()
    if total is not None:
        n = min(n, math.ceil(total / max(1, batch_size)))
    return max(1, n)


def cluster_workers(requested: int | None, partitions: int) -> int:
    """Workers of a local Dask cluster: ``requested`` (default: the CPUs), at most one a
    partition still to do.

    >>> cluster_workers(None, 1)
    1
    """
    return max(1, min(requested or cpu_count(), partitions))
