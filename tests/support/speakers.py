"""Helpers for the speaker tests: attributions built as the extractor hands them over."""

from __future__ import annotations

import re

from spacy.language import Language

from onrecord.record import Addressee, Attribution, Entity, Span
from onrecord.speakers import resolve_speakers


def at(text: str, phrase: str, after: str | None = None) -> Span:
    """The first whole-word occurrence of ``phrase`` (after the first ``after``, if given)."""
    start = text.index(after) if after else 0
    found = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)").search(text, start)
    assert found, f"{phrase!r} not in text"
    return Span.of(text, found.start(), found.end())


def attribution(
    text: str,
    source: str | None,
    content: str,
    *,
    after: str | None = None,
    addressee: str | None = None,
    kind: str = "indirect",
) -> Attribution:
    """An attribution as the extractor would hand it over: spans only, no speaker."""
    content_span = at(text, content, after)
    return Attribution(
        id=f"A{content_span.start}",
        kind=kind,
        content=content_span,
        source=at(text, source, after) if source else None,
        addressee=Addressee(addressee, at(text, addressee, after)) if addressee else None,
    )


def entity(entities: list[Entity], entity_id: str | None) -> Entity:
    found = [e for e in entities if e.id == entity_id]
    assert len(found) == 1, f"no entity {entity_id} in {[e.id for e in entities]}"
    return found[0]


def resolve(parser: Language, text: str, atts: list[Attribution]) -> list[Entity]:
    return resolve_speakers(parser(text), atts)
