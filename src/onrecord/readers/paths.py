"""Which files the command-line inputs name: files, directories (recursively), globs, stdin."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from onrecord.document import DocumentError

Kind = Literal["txt", "html", "jsonl", "warc"]
STDIN = "-"
_SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_GLOB_CHARS = frozenset("*?[")
NO_SUCH_INPUT = "no such file or directory"
NO_MATCH = "no files match this pattern"


def kind_of(path: Path) -> Kind | None:
    """The reader for a file by its name; None for a name no reader claims."""
    name = path.name.lower()
    for suffix, kind in _SUFFIX_KINDS.items():
        if name.endswith(suffix):
            return kind
    return None


def _walk(directory: Path) -> Iterator[Path]:
    """Files under a directory that a reader claims, in a stable order. Hidden entries and
    other files (annotations, images beside the texts) are passed over: naming a folder means
    'the documents in it', not every byte in it."""
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and kind_of(path) is not None:
            yield path


def expand_inputs(args: Iterable[str]) -> Iterator[Path | str | DocumentError]:
    """Each argument as the files it names, ``"-"`` for stdin, or an error for a name that
    matches nothing. Files named explicitly are read whatever their suffix."""
    for arg in args:
        if arg == STDIN:
            yield STDIN
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield DocumentError(arg, NO_MATCH)
            for match in matches:
                found = Path(match)
                yield from _walk(found) if found.is_dir() else (found,)
        else:
            yield DocumentError(arg, NO_SUCH_INPUT)


def missing_input(arg: str) -> str | None:
    """Why a command-line input names nothing (a path that does not exist, a pattern no file
    matches), or None when it names something. Only the argument is looked at, not the
    folders under it, so it is cheap before any work: ``onrecord ingest /nonexistent`` is a
    mistyped command, not a corpus with one bad file."""
    if arg == STDIN or Path(arg).exists():
        return None
    if _GLOB_CHARS & set(arg):
        return None if next(glob.iglob(arg, recursive=True), None) else NO_MATCH
    return NO_SUCH_INPUT


def document_suffixes() -> str:
    """The file names a folder is read for, for a message: ".txt, .text, .html, ..."."""
    return ", ".join(_SUFFIX_KINDS)


def absolute_inputs(args: Iterable[str]) -> list[str]:
    """The arguments as absolute paths (globs too; stdin stays ``-``), for a store that keys
    what it keeps by where it came from: ``corpus`` and ``/home/me/corpus`` are one folder,
    and its bad files must not become two error rows each."""
    return [arg if arg == STDIN else os.path.abspath(arg) for arg in args]


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def count_documents(args: Iterable[str]) -> int | None:
    """About how many documents the inputs hold, for a progress bar; None when that cannot be
    known without reading everything (web archives, JSON arrays, stdin)."""
    total = 0
    for item in expand_inputs(args):
        if isinstance(item, DocumentError):
            total += 1
            continue
        if not isinstance(item, Path):
            return None
        kind = kind_of(item)
        try:
            if kind == "warc":
                return None
            if kind == "jsonl":
                with item.open("rb") as f:
                    if f.read(64).lstrip().startswith(b"["):
                        return None
                total += _count_lines(item)
            else:
                total += 1
        except OSError:
            total += 1
    return total
