"""Plain-text files: one file, one document."""

from __future__ import annotations

from pathlib import Path

from onrecord.document import Document, DocumentError
from onrecord.readers.common import (
    DEFAULT_MAX_CHARS,
    byte_limit,
    date_in_name,
    decode,
    too_large_reason,
    too_long_reason,
)


def text_document(
    data: bytes,
    source: str,
    *,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    name: str | None = None,
) -> Document | DocumentError:
    """Bytes of a text file as a document; ``name`` (the file name) may carry a date."""
    if len(data) > byte_limit(max_chars):
        return DocumentError(source, too_large_reason(len(data), max_chars))
    text = decode(data, source, encoding)
    if isinstance(text, DocumentError):
        return text
    if len(text) > max_chars:
        return DocumentError(source, too_long_reason(len(text), max_chars))
    metadata: dict[str, str] = {}
    when = date_in_name(name) if name else None
    if when:
        metadata["date"] = when
    return Document(text, source=source, metadata=metadata)


def read_text_file(
    path: Path, *, encoding: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Document | DocumentError:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > byte_limit(max_chars):
            return DocumentError(source, too_large_reason(size, max_chars))
        data = path.read_bytes()
    except OSError as exc:
        return DocumentError(source, f"cannot read: {exc.strerror or exc}")
    return text_document(data, source, encoding=encoding, max_chars=max_chars, name=path.name)
