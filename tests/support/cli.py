"""The command line in-process: ``run_cli(*args, capsys=capsys)`` is the exit status and the
stdout of ``onrecord ARGS...``."""

from __future__ import annotations

import pytest

from onrecord.cli import main


def run_cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The exit status and stdout of ``onrecord ARGS...``."""
    code = main(list(args))
    return code, capsys.readouterr().out
