"""Cutting a stream into lists of a given size (``itertools.batched`` arrives in 3.12)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily.

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    size = max(size, 1)  # as the loops it replaces did: a size below one means one
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
