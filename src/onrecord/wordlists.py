"""Word lists as data: ``data/words/<name>.txt``, one word or phrase a line.

Each file opens with comment lines (``#``) saying what the list is for and where it is used;
blank lines and comments are skipped, the rest is kept as written (stripped). Lists load once
per process.

    >>> "said" in words("speech_verbs")        # doctest: +SKIP
    True
"""

from __future__ import annotations

import functools
from pathlib import Path

from onrecord.settings import DATA_DIR

WORDS_DIR = DATA_DIR / "words"


def read_lines(path: Path) -> tuple[str, ...]:
    """The entries of a word-list file, in file order, comments and blank lines dropped."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return tuple(entries)


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """The list ``name`` in file order (for lists whose order matters, such as phrases tried
    longest first)."""
    return read_lines(WORDS_DIR / f"{name}.txt")


@functools.cache
def words(name: str) -> frozenset[str]:
    """The list ``name`` as a set, for membership tests."""
    return frozenset(lines(name))
