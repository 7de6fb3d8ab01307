"""What store queries return: small frozen rows with ``to_dict`` for JSON output."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class _Row:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class SearchHit(_Row):
    """One attribution matching a search. ``score``: higher is better; comparable within one
    result list only (SQLite ranks by BM25, PostgreSQL by cover density)."""

    doc_id: str
    attr_id: str
    kind: str
    content: str
    speaker: str | None  # as the article names them
    speaker_id: int | None
    speaker_name: str | None  # the global speaker's canonical name
    title: str | None
    published: str | None
    source: str | None
    confidence: float
    score: float


@dataclass(frozen=True)
class ArticleHit(_Row):
    """One article matching a search of article text; ``snippet`` is the stretch of text
    around the words found. ``score``: higher is better, within one result list."""

    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    source: str | None
    n_attributions: int
    snippet: str
    score: float


@dataclass(frozen=True)
class SpeakerRow(_Row):
    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    n_articles: int
    n_attributions: int
    # A person's gender across the store (the one more of its articles show: female, male
    # or unknown); None for a source that is not a person.
    gender: str | None = None


@dataclass(frozen=True)
class QuoteRow(_Row):
    doc_id: str
    attr_id: str
    position: int
    kind: str
    confidence: float
    content: str
    cue: str | None
    speaker: str | None
    speaker_id: int | None
    speaker_name: str | None
    title: str | None
    published: str | None
    source: str | None
    url: str | None


@dataclass(frozen=True)
class DocumentRow(_Row):
    id: str
    source: str | None
    title: str | None
    url: str | None
    published: str | None
    n_attributions: int
    ingested_at: str
    outlet: str | None = None


@dataclass(frozen=True)
class ErrorRow(_Row):
    id: int
    source: str
    reason: str
    doc_id: str | None
    count: int
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class Stats(_Row):
    documents: int
    attributions: int
    speakers: int
    errors: int
    schema_version: int
