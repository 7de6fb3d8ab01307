"""What readers produce and the pipeline consumes: one document's text and where it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from onrecord.record import sha256_text


@dataclass
class Document:
    """One input document. ``id`` defaults to a prefix of the text's SHA-256, so the same text
    read twice (from a folder, a JSONL dump or a crawl) gets the same id."""

    text: str
    id: str = ""
    source: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = without_surrogates(self.text)
        self.metadata = _metadata_without_surrogates(self.metadata)
        self.id = without_surrogates(self.id)
        if self.source is not None:
            self.source = without_surrogates(self.source)
        if not self.id:
            self.id = content_id(self.text)


# A lone surrogate ("a\ud800", legal in a Python str and in JSON as "\ud800") is not a
# character: UTF-8 cannot encode it, so spaCy's tokenizer, SQLite and PostgreSQL all refuse
# it. Each becomes U+FFFD, one code point for one, so every offset into the text stands.
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _metadata_without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        clean = _metadata_without_surrogates
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_metadata_without_surrogates(v) for v in value]
    return value


def content_id(text: str) -> str:
    return sha256_text(text)[:16]


@dataclass
class DocumentError:
    """An input that could not become a record, and why. Batches keep going past these."""

    source: str
    reason: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "reason": self.reason}
