"""What readers produce and the pipeline consumes: one document's text and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onrecord.model import sha256_text

# Longer inputs are refused with a clear error (every reader, the pipeline and the CLI).
DEFAULT_MAX_CHARS = 1_000_000


@dataclass
class Document:
    """One input document. ``id`` defaults to a prefix of the text's SHA-256, so the same text
    read twice (from a folder, a JSONL dump or a crawl) gets the same id."""

    text: str
    id: str = ""
    source: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


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
