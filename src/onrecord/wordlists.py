"""Word lists as data: ``data/words/<name>.txt``, one word or phrase a line.

Each file opens with comment lines (``#``) saying what the list is for and where it is used;
blank lines and comments are skipped, the rest is kept as written (stripped). Lists load once
per process.

    >>> "said" in words("speech_verbs")        # doctest: +SKIP
    True
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from onrecord.settings import DATA_DIR

WORDS_DIR = DATA_DIR / "words"


def entries(text: str) -> Iterator[str]:
    """The entries of a word-list text, in order, stripped; comments and blank lines dropped
    (the format of ``data/words/`` and ``data/speakers/`` alike)."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def read_lines(path: Path) -> tuple[str, ...]:
    """The entries of a word-list file, in file order."""
    return tuple(entries(path.read_text(encoding="utf-8")))


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """The list ``name`` in file order (for lists whose order matters, such as phrases tried
    longest first)."""
    return read_lines(WORDS_DIR / f"{name}.txt")


@functools.cache
def words(name: str) -> frozenset[str]:
    """The list ``name`` as a set, for membership tests."""
    return frozenset(lines(name))
