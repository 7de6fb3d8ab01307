"""The exit status of every ``onrecord`` command, defined once.

Library code returns data (counts, records, ``None``); the command looks at it and picks the
status here, so scripts can tell "it worked" from "it worked but some inputs failed" from
"you called it wrong"::

    onrecord ingest corpus/ --db s.db; echo $?   # 1: stored the rest, see `onrecord errors`
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """``0`` ok; ``1`` some inputs failed, or a query found nothing; ``2`` a usage error (bad
    arguments, a missing store or pipeline: the message says which); ``130`` interrupted
    (Ctrl-C, as a shell reports SIGINT)."""

    OK = 0
    SOME_FAILED = 1
    NOT_FOUND = 1  # an alias: "nothing found" is the query commands' "some failed"
    USAGE = 2
    INTERRUPTED = 130
