"""Splitting the inputs of a distributed ingest into partitions, and reading one back.

A partition is a stable list of members: whole files, line ranges of JSON Lines shards, or
an input argument that named nothing (carried as its error). Planning is deterministic, so a
rerun over the same inputs finds the same partitions under the same names, which is what lets
it skip the ones already written. A partition's name hashes its members: each file's absolute
path and size, and a shard's line range; change an input and its partitions get new names.

Workers open the absolute path, but every source is named by the path as given on the command
line, so a record reads exactly as it does from a local run (``news/a.txt:12``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import chain, islice
from pathlib import Path

from onrecord.document import Document, DocumentError
from onrecord.errors import InputError
from onrecord.readers import read_file
from onrecord.readers.jsonl import Fields, iter_lines
from onrecord.readers.paths import STDIN, expand_inputs, kind_of
from onrecord.settings import DEFAULT_MAX_CHARS, DEFAULT_PARTITION_SIZE

Item = Document | DocumentError
DEFAULT_FIELDS = Fields()
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Member:
    """One input of a partition. ``lines`` (first, last; 1-based, inclusive) and ``offset``
    (the byte where the first line starts) make it a shard of a JSON Lines file."""

    path: str  # absolute: what a worker opens
    name: str  # as given: what sources are named by
    size: int = 0
    lines: tuple[int, int] | None = None
    offset: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Partition:
    index: int
    members: tuple[Member, ...]

    @property
    def digest(self) -> str:
        # The given name is left out: the same files named from another directory are the
        # same partition.
        keys = [(m.path, m.size, m.lines, m.error) for m in self.members]
        return hashlib.sha256(json.dumps(keys).encode()).hexdigest()[:12]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}-{self.digest}"

    @property
    def filename(self) -> str:
        return f"{self.name}.parquet"

    def describe(self) -> list[dict[str, object]]:
        return [{k: v for k, v in asdict(m).items() if v not in (None, 0)} for m in self.members]


def _line_ranges(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """(first line, last line, byte offset of the first) for every ``size`` lines, split where
    ``iter_lines`` splits: at b"\\n"."""
    first, offset, line, pos = 1, 0, 0, 0
    last_byte = b"\n"
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            start = 0
            while (nl := block.find(b"\n", start)) >= 0:
                line += 1
                start = nl + 1
                if line - first + 1 == size:
                    yield first, line, offset
                    first, offset = line + 1, pos + start
            pos += len(block)
            last_byte = block[-1:]
    if last_byte != b"\n":
        line += 1  # a last line without a newline
    if line >= first:
        yield first, line, offset


def _units(inputs: Iterable[str], size: int) -> Iterator[tuple[Member, int]]:
    """Every member with its weight: a document counts 1; a web archive cannot be split
    without reading it, so it fills a partition on its own."""
    for item in expand_inputs(inputs):
        if isinstance(item, DocumentError):
            yield Member("", item.source, error=item.reason), 1
            continue
        if item == STDIN:
            raise InputError("--engine dask cannot read stdin: workers read the inputs by path")
        assert isinstance(item, Path)
        absolute = os.path.abspath(item)
        try:
            nbytes = item.stat().st_size
        except OSError:
            yield Member(absolute, str(item)), 1  # the worker's reader reports why
            continue
        kind = kind_of(item) or "txt"
        # A .json file may be one array, which only a whole-file read can tell.
        if kind == "jsonl" and item.suffix.lower() != ".json":
            try:
                ranges = list(_line_ranges(item, size))
            except OSError:
                yield Member(absolute, str(item), nbytes), 1
                continue
            for first, last, offset in ranges:
                yield Member(absolute, str(item), nbytes, (first, last), offset), last - first + 1
        elif kind == "warc":
            yield Member(absolute, str(item), nbytes), size
        else:
            yield Member(absolute, str(item), nbytes), 1


def plan_partitions(inputs: Iterable[str], size: int = DEFAULT_PARTITION_SIZE) -> list[Partition]:
    """The inputs as partitions of about ``size`` documents each, in input order."""
    size = max(1, size)
    partitions: list[Partition] = []
    members: list[Member] = []
    weight = 0

    def flush() -> None:
        nonlocal members, weight
        if members:
            partitions.append(Partition(len(partitions), tuple(members)))
        members, weight = [], 0

    for member, w in _units(inputs, size):
        if members and weight + w > size:
            flush()
        members.append(member)
        weight += w
        if weight >= size:
            flush()
    flush()
    return partitions


def _renamed(item: Item, path: str, name: str) -> Item:
    """The item with its source named by the path as given rather than as opened."""
    if path != name and item.source.startswith(path):
        item.source = name + item.source[len(path) :]
    return item


def _read_shard(
    member: Member, fields: Fields, *, encoding: str | None, max_chars: int
) -> Iterator[Item]:
    assert member.lines is not None
    first, last = member.lines
    try:
        stream = open(member.path, "rb")  # noqa: SIM115 - closed below, after the generator
    except OSError as exc:
        yield DocumentError(member.path, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        stream.seek(member.offset)
        lines: Iterable[bytes] = islice(stream, last - first + 1)
        # iter_lines numbers from 1 and strips a BOM from line 1 only; a blank line standing
        # in for line 1 keeps both exact, and the numbers are shifted to the file's.
        shift = 0
        if first > 1:
            lines, shift = chain([b"\n"], lines), first - 2
        for item in iter_lines(lines, member.path, fields, encoding=encoding, max_chars=max_chars):
            stem, _, number = item.source.rpartition(":")
            item.source = f"{stem}:{int(number) + shift}"
            yield item


def read_member(
    member: Member,
    fields: Fields = DEFAULT_FIELDS,
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Item]:
    if member.error is not None:
        yield DocumentError(member.name, member.error)
        return
    if member.lines is not None:
        items = _read_shard(member, fields, encoding=encoding, max_chars=max_chars)
    else:
        items = read_file(Path(member.path), fields, encoding=encoding, max_chars=max_chars)
    for item in items:
        yield _renamed(item, member.path, member.name)


def read_partition(
    partition: Partition,
    fields: Fields = DEFAULT_FIELDS,
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Item]:
    """The partition's documents and errors, in order, as ``read_inputs`` gives them."""
    for member in partition.members:
        try:
            yield from read_member(member, fields, encoding=encoding, max_chars=max_chars)
        except Exception as exc:  # a reader bug must cost one input, not the partition
            yield DocumentError(member.name, f"reading stopped: {type(exc).__name__}: {exc}")
