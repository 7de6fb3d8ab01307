"""Readers: turn files, folders, globs and stdin into documents (or errors saying why not).

``read_inputs`` is the one entry point; it yields lazily, so a corpus of any size streams.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.document import Document, DocumentError
from onrecord.readers.common import DEFAULT_MAX_CHARS
from onrecord.readers.html import html_document, read_html_file
from onrecord.readers.jsonl import Fields, iter_lines, read_jsonl_file
from onrecord.readers.paths import STDIN, Kind, expand_inputs, kind_of
from onrecord.readers.txt import read_text_file, text_document
from onrecord.readers.warc import read_warc_file

__all__ = [
    "DEFAULT_MAX_CHARS",
    "Fields",
    "expand_inputs",
    "kind_of",
    "read_file",
    "read_inputs",
    "read_stream",
    "sniff_kind",
]

Item = Document | DocumentError


def sniff_kind(head: bytes) -> Kind:
    """What stdin holds, from its first bytes: a JSON object per line, a web page, or text."""
    start = head.lstrip().lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    return "txt"


def read_file(
    path: Path, fields: Fields, *, encoding: str | None, max_chars: int
) -> Iterator[Item]:
    kind = kind_of(path) or "txt"
    if kind == "html":
        yield read_html_file(path, encoding=encoding, max_chars=max_chars)
    elif kind == "jsonl":
        yield from read_jsonl_file(path, fields, encoding=encoding, max_chars=max_chars)
    elif kind == "warc":
        yield from read_warc_file(path, encoding=encoding, max_chars=max_chars)
    else:
        yield read_text_file(path, encoding=encoding, max_chars=max_chars)


def read_stream(
    stream: BinaryIO, fields: Fields, *, encoding: str | None, max_chars: int
) -> Iterator[Item]:
    """Stdin: JSON Lines stream line by line; text and HTML are one document each."""
    if not hasattr(stream, "peek"):
        # Without peek there is no looking ahead without consuming; stdin is small enough
        # to hold whenever it is not a JSON Lines stream, and this path is for tests.
        stream = io.BufferedReader(io.BytesIO(stream.read()))  # type: ignore[arg-type]
    head = stream.peek(1024)[:1024]
    if sniff_kind(head) == "jsonl":
        yield from iter_lines(stream, STDIN, fields, encoding=encoding, max_chars=max_chars)
        return
    data = stream.read()
    if sniff_kind(data[:1024]) == "html":
        yield html_document(data, STDIN, encoding=encoding, max_chars=max_chars)
    else:
        yield text_document(data, STDIN, encoding=encoding, max_chars=max_chars)


def read_inputs(
    paths: Iterable[str],
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    text_field: str = "text",
    id_field: str | None = None,
    title_field: str = "title",
    url_field: str = "url",
    date_field: str = "date",
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every document the inputs hold, in order, each a ``Document`` or a ``DocumentError``.
    ``paths`` are files, folders (read recursively), glob patterns, or ``"-"`` for stdin."""
    fields = Fields(text_field, id_field, title_field, url_field, date_field)
    for item in expand_inputs(paths):
        if isinstance(item, DocumentError):
            yield item
        elif item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(stream, fields, encoding=encoding, max_chars=max_chars)
        else:
            assert isinstance(item, Path)
            yield from read_file(item, fields, encoding=encoding, max_chars=max_chars)
