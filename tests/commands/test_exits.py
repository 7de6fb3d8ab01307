"""The exit statuses, defined once: the numbers scripts rely on."""

from __future__ import annotations

from onrecord.cli import main
from onrecord.commands.exits import Exit


def test_the_documented_numbers() -> None:
    assert (Exit.OK, Exit.SOME_FAILED, Exit.USAGE, Exit.INTERRUPTED) == (0, 1, 2, 130)
    assert Exit.NOT_FOUND is Exit.SOME_FAILED  # one number, two readings


def test_no_command_is_a_usage_error(capsys) -> None:
    assert main([]) == Exit.USAGE
    assert "COMMAND" in capsys.readouterr().err
