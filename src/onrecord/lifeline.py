"""Worker processes that die with their parent, on every engine.

A SIGKILL of ``onrecord ingest`` runs no exit hook, so nothing tells a pool's workers to stop:
blocked on their queue, they lived on for a minute or more, reparented to init, about 230 MB
each. Each worker instead watches its parent and leaves as soon as it is gone.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_EVERY_S = 0.25


def die_with_parent(parent: int) -> None:
    """Exit this process soon after process ``parent`` is gone (its parent pid changes:
    reparented to init or a subreaper). Call it first thing in a worker, with the pid of the
    process that started the pool: ``initializer=die_with_parent, initargs=(os.getpid(),)``."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(CHECK_EVERY_S)
        # No cleanup to wait for: the parent owned the store and every open transaction.
        os._exit(1)

    threading.Thread(target=watch, name="onrecord-lifeline", daemon=True).start()
