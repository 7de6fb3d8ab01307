"""``onrecord``: the command line. Thin: parses arguments and hands them to ``commands/``."""

from __future__ import annotations

import argparse
import importlib
import sys

from onrecord import __version__
from onrecord.commands import COMMANDS
from onrecord.commands.exits import Exit
from onrecord.errors import OnrecordError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onrecord",
        description="Who said what in the news: attributions and their speakers, as data.",
    )
    parser.add_argument("--version", action="version", version=f"onrecord {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"onrecord.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return Exit.USAGE
    try:
        return int(args.func(args) or Exit.OK)
    except OnrecordError as exc:
        print(f"onrecord: error: {exc}", file=sys.stderr)
        return Exit.USAGE
    except KeyboardInterrupt:
        print("onrecord: interrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # `onrecord extract ... | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return Exit.OK


if __name__ == "__main__":
    sys.exit(main())
