"""Progress on the terminal, one look for every command: a bar for runs that count their
work (``ingest``, on either engine, and ``load``) and a spinner for steps that cannot
(``eval`` running a system over a corpus).

Both draw on stderr, so stdout stays the command's data (``--json`` output, records), and a
bar draws nothing when stderr is not a terminal (a log file gets no carriage returns)::

    ⠋ stored 1,204 · skipped 0 · errors 3 ━━━━━━╸━━━ 1207/2000 docs 41.3 docs/s 0:00:29 ETA 0:00:19
"""

from __future__ import annotations

import sys
from typing import Any


def progress_bar(unit: str, *, quiet: bool = False) -> Any:
    """A ``rich.progress.Progress`` counting ``unit`` (``"docs"``, ``"partitions"``,
    ``"files"``); off with ``quiet`` or when stderr is not a terminal. Use it as a context
    manager, ``add_task`` once and ``update`` it as the work goes."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed or 0:.1f} {unit}/s", style="progress.data.speed")

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=quiet or not sys.stderr.isatty(),
    )


def spinner(message: str) -> Any:
    """A spinner with ``message`` on stderr while a step of unknown length runs (a context
    manager); it leaves nothing behind when the step ends."""
    from rich.console import Console

    return Console(stderr=True).status(message)
