"""The flat attribution: one row per attribution, the layout CSV, Parquet and the store share.

A record (``onrecord.record.Article``) nests spans inside attributions inside an article; a
spreadsheet, a dataframe or a SQL table wants one row per attribution. ``COLUMNS`` says once
which columns that row has, the type of each and what it holds; ``document_values`` and
``attribution_values`` read them off the record. Offsets (``*_start``, ``*_end``) are character
offsets into the article's text, null with their span.

Each consumer takes the columns it needs, by these names and types: ``EXPORT_COLUMNS`` for
``onrecord export`` (CSV and Parquet), the store's attributions table (``onrecord.store.writes``,
which adds the global speaker: ``speaker_id``, ``speaker_name``) and a part file's attribution
struct (``onrecord.batch.parquet``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from onrecord.record import Article, Attribution, Span, gender_name


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the pyarrow type's factory: "string", "int32", "int64", "float64", "bool_"
    meaning: str


# Every flat column, in this order wherever a consumer takes them all.
COLUMNS: dict[str, Column] = {
    c.name: c
    for c in (
        Column("doc_id", "string", "Article.id"),
        Column("source", "string", "Article.source: where the text came from"),
        Column("title", "string", "the metadata's title, when a non-empty string"),
        Column("url", "string", "the metadata's url, when a non-empty string"),
        Column("published", "string", "YYYY-MM-DD, when the metadata's date (or published) is ISO"),
        Column(
            "outlet",
            "string",
            "who published it: the metadata's outlet, site_name or source (a name), else the "
            "url's domain without www. (apnews.com)",
        ),
        Column("attr_id", "string", "Attribution.id (A1, A2, ...)"),
        Column("position", "int32", "the attribution's place in Article.attributions, from 0"),
        Column("kind", "string", "direct, indirect, mixed or other"),
        Column("confidence", "float64", "Attribution.confidence, unrounded"),
        Column("speaker", "string", "the speaker's name as the article gives it"),
        Column("speaker_type", "string", "person, organization, group, ..."),
        Column(
            "speaker_gender",
            "string",
            "a person source's gender as the article shows it (female, male or unknown); "
            "null for a source that is not a person",
        ),
        Column("speaker_id", "int64", "the store's global speaker (a join, not in the record)"),
        Column("speaker_name", "string", "that global speaker's canonical name (likewise)"),
        Column("content", "string", "the content span's text"),
        Column("content_start", "int64", "the content span's start offset"),
        Column("content_end", "int64", "the content span's end offset"),
        Column(
            "content_parts",
            "string",
            "the content's pieces when it has two or more (a quotation its frame interrupts, "
            '"A," she said, "B."), as JSON [{"start", "end", "text"}, ...]; null in one piece',
        ),
        Column("content_form", "string", "quotation, clause or phrase (Attribution.content_form)"),
        Column("cue", "string", "the cue span's text"),
        Column("cue_start", "int64", "the cue span's start offset"),
        Column("cue_end", "int64", "the cue span's end offset"),
        Column("source_text", "string", "the source span as the article words it"),
        Column("source_start", "int64", "the source span's start offset"),
        Column("source_end", "int64", "the source span's end offset"),
        Column("speaker_entity", "string", "the speaking entity's id within the article (E1, ...)"),
        Column("addressee", "string", "who was spoken to, by name"),
        Column("in_boilerplate", "bool_", "whether the attribution sits in boilerplate"),
        Column("parent", "string", "the id of the attribution this one is nested in"),
        Column("continues", "string", "the id of the attribution a quote-only paragraph continues"),
    )
}

# The columns of a document (the same for each of its attributions) and of a store's
# speaker join; the rest are the attribution's own.
DOCUMENT_COLUMNS: tuple[str, ...] = ("doc_id", "source", "title", "url", "published", "outlet")
JOINED_COLUMNS: tuple[str, ...] = ("speaker_id", "speaker_name")

# What ``onrecord export --format csv|parquet`` writes, in this order (users' scripts read
# these names): everything but the source span's offsets, the speaking entity and
# ``continues``. Columns added later come last, so a script that reads by position still
# reads the old ones. ``speaker`` is the source as this article names it ("Baldwin", "the
# actor"); ``speaker_name`` the store's speaker it joins, by canonical name ("Alec Baldwin").
EXPORT_COLUMNS: tuple[str, ...] = (
    "doc_id", "source", "title", "url", "published", "attr_id", "position", "kind",
    "confidence", "speaker", "speaker_type", "speaker_id", "speaker_name", "content",
    "content_start", "content_end", "cue", "cue_start", "cue_end", "source_text",
    "in_boilerplate", "parent", "content_parts", "content_form", "outlet", "speaker_gender",
    "addressee",
)  # fmt: skip

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def published_date(metadata: dict[str, Any]) -> str | None:
    """The article's date as YYYY-MM-DD when its metadata has an ISO date or datetime:
    ``{"date": "2016-09-12T10:00"}`` is ``"2016-09-12"``; ``{"date": "Monday"}`` and
    ``{"date": "2016-02-30"}`` are None."""
    value = metadata.get("date") or metadata.get("published")
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:  # "2016-02-30" has the shape of a date and is none
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


_OUTLET_KEYS = ("outlet", "site_name", "sitename", "publisher")


def outlet_of(metadata: dict[str, Any]) -> str | None:
    """Who published the article: a name the metadata gives (``outlet``, an HTML page's
    ``site_name``, a JSONL ``source`` when it is a name, not a path or URL), else the url's
    domain: ``{"url": "https://www.apnews.com/x"}`` is ``"apnews.com"``."""
    for key in (*_OUTLET_KEYS, "source"):
        value = text_or_none(metadata.get(key))
        if value and value.strip() and "/" not in value:
            return " ".join(value.split())
    return url_domain(text_or_none(metadata.get("url")))


def url_domain(url: str | None) -> str | None:
    """The host of a URL without ``www.`` and port, lower-cased; None when there is none."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.") or None


def text_or_none(value: Any) -> str | None:
    """A metadata value as a column: a non-empty string, else None (``""`` and ``3`` are
    None)."""
    return value if isinstance(value, str) and value else None


def document_values(article: Article) -> dict[str, Any]:
    """The ``DOCUMENT_COLUMNS`` of the article."""
    meta = article.metadata
    return {
        "doc_id": article.id,
        "source": article.source,
        "title": text_or_none(meta.get("title")),
        "url": text_or_none(meta.get("url")),
        "published": published_date(meta),
        "outlet": outlet_of(meta),
    }


def _span(prefix: str, span: Span | None, *, text: str | None = None) -> dict[str, Any]:
    return {
        text or prefix: span.text if span else None,
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
    }


def parts_json(span: Span) -> str | None:
    """A span's pieces as the ``content_parts`` column holds them, or None in one piece."""
    if not span.parts:
        return None
    return json.dumps(span.to_dict()["parts"], ensure_ascii=False)


def speaker_gender(attr: Attribution, article: Article | None) -> str | None:
    """The gender of the attribution's speaker when it is a person, as its entity in the
    article says ("unknown" when it does not); None for any other source."""
    speaker = attr.speaker
    if speaker is None or speaker.type != "person":
        return None
    entity = article.entity(speaker.entity) if article is not None else None
    return gender_name(entity.gender if entity is not None else None)


def attribution_values(
    attr: Attribution, position: int, article: Article | None = None
) -> dict[str, Any]:
    """The attribution's own columns (all but ``DOCUMENT_COLUMNS`` and ``JOINED_COLUMNS``),
    for the attribution at ``position`` in its ``article`` (which tells the speaker's
    gender)."""
    speaker = attr.speaker
    return {
        "attr_id": attr.id,
        "position": position,
        "kind": attr.kind,
        "confidence": float(attr.confidence),
        "speaker": speaker.name if speaker else None,
        "speaker_type": speaker.type if speaker else None,
        "speaker_gender": speaker_gender(attr, article),
        **_span("content", attr.content),
        "content_parts": parts_json(attr.content),
        "content_form": attr.content_form,
        **_span("cue", attr.cue),
        **_span("source", attr.source, text="source_text"),
        "speaker_entity": speaker.entity if speaker else None,
        "addressee": attr.addressee.name if attr.addressee else None,
        "in_boilerplate": bool(attr.in_boilerplate),
        "parent": attr.parent,
        "continues": attr.continues,
    }


def arrow_type(name: str) -> Any:
    """The pyarrow type of the column ``name`` (pyarrow imported by the caller first)."""
    import pyarrow as pa

    return getattr(pa, COLUMNS[name].type)()


def arrow_schema(names: tuple[str, ...]) -> Any:
    """A pyarrow schema of these flat columns, in this order."""
    import pyarrow as pa

    return pa.schema([(name, arrow_type(name)) for name in names])
