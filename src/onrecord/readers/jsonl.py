"""JSON Lines (and JSON arrays): one object, one document, field names configurable.

A line that is not an object, or lacks the text field, becomes an error naming
``file:line``; the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.document import Document, DocumentError
from onrecord.readers.common import DEFAULT_MAX_CHARS, too_long_reason


@dataclass(frozen=True)
class Fields:
    """Which keys of a record hold what. Dotted names reach into nested objects."""

    text: str = "text"
    id: str | None = None
    title: str = "title"
    url: str = "url"
    date: str = "date"


_MISSING = object()


def _get(obj: dict[str, Any], dotted: str) -> Any:
    """The value at ``dotted`` ("meta.title"), ``None`` for a JSON null, ``_MISSING`` when
    there is no such key."""
    value: Any = obj
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return _MISSING
        value = value[key]
    return value


def record_document(
    obj: Any, source: str, fields: Fields, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Document | DocumentError:
    if not isinstance(obj, dict):
        return DocumentError(source, f"expected a JSON object, got {type(obj).__name__}")
    text = _get(obj, fields.text)
    if text is _MISSING:
        return DocumentError(source, f"no {fields.text!r} field")
    if text is None:  # {"text": null}: a text field of the wrong type, not a missing one
        return DocumentError(source, f"{fields.text!r} is null, not a string")
    if not isinstance(text, str):
        return DocumentError(source, f"{fields.text!r} is {type(text).__name__}, not a string")
    if len(text) > max_chars:
        return DocumentError(source, too_long_reason(len(text), max_chars))
    # Everything else in the record is provenance worth keeping; the named fields are renamed
    # to the keys the rest of onrecord reads (title, url, date).
    top_level = {fields.text.split(".")[0]}
    if fields.id:
        top_level.add(fields.id.split(".")[0])
    metadata = {k: v for k, v in obj.items() if k not in top_level}
    for ours, theirs in (("title", fields.title), ("url", fields.url), ("date", fields.date)):
        value = _get(obj, theirs)
        if value is None or value is _MISSING:
            continue
        if "." not in theirs:
            metadata.pop(theirs, None)
        metadata[ours] = value
    doc_id = _get(obj, fields.id) if fields.id else None
    doc_id = None if doc_id is _MISSING else doc_id
    # Without an id field (or a record without one), the id is the content hash.
    given_id = "" if doc_id is None else str(doc_id)
    return Document(text, id=given_id, source=source, metadata=metadata)


def iter_lines(
    lines: Iterable[bytes],
    name: str,
    fields: Fields,
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Document | DocumentError]:
    """Documents from the lines of a JSONL stream called ``name``; blank lines are skipped."""
    for number, raw in enumerate(lines, start=1):
        source = f"{name}:{number}"
        try:
            line = raw.decode(encoding or "utf-8")
        except UnicodeDecodeError as exc:
            yield DocumentError(source, f"not valid {encoding or 'UTF-8'} at byte {exc.start}")
            continue
        except LookupError:
            yield DocumentError(source, f"unknown encoding {encoding!r}")
            return
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocumentError(source, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield record_document(obj, source, fields, max_chars=max_chars)


def _whole_json(stream: BinaryIO, name: str, encoding: str | None) -> Any:
    """The file as one JSON value when it is one (an array or a single object); None when it
    is JSON Lines after all, as many ``.json`` dumps are."""
    head = stream.read(1024).lstrip()
    stream.seek(0)
    if not head.startswith((b"[", b"{")):
        return None
    data = stream.read()
    stream.seek(0)
    try:
        return json.loads(data.decode(encoding or "utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, LookupError):
        return None


def read_jsonl_file(
    path: Path,
    fields: Fields,
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Document | DocumentError]:
    name = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield DocumentError(name, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        whole = _whole_json(stream, name, encoding) if path.suffix.lower() == ".json" else None
        if isinstance(whole, list):
            for index, obj in enumerate(whole):
                yield record_document(obj, f"{name}[{index}]", fields, max_chars=max_chars)
        elif isinstance(whole, dict):
            yield record_document(whole, name, fields, max_chars=max_chars)
        else:
            yield from iter_lines(stream, name, fields, encoding=encoding, max_chars=max_chars)
