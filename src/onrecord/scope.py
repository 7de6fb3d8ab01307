"""Which attributions a reading of the record counts: the scope presets and the kinds filter.

The record keeps every attribution PolNeAR's scheme defines (speech, beliefs, knowledge,
"according to", nested ones, those in captions). A source audit counts less: attributed speech
in the article body. One ``Selection`` says what a reading keeps; ``extract``, the store's
queries, the export, the API and the web reader all take one, so "speech" means the same
everywhere.

======  =====================================================================================
scope   keeps
======  =====================================================================================
all     every attribution in the record (the default)
speech  direct, indirect and mixed attributions only; top level (not nested in another);
        not in boilerplate (captions, video blocks, share lines); a content that is a
        quotation or a clause, not a bare noun phrase ("voiced support for the bill")
======  =====================================================================================

``kinds`` narrows either scope further: ``--scope speech --kinds direct`` is direct quotations
in the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.record import KINDS, Article, Attribution, keeping

SCOPES: tuple[str, ...] = ("all", "speech")
DEFAULT_SCOPE = "all"
SPEECH_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Selection:
    """What a reading of the record keeps. The default keeps everything."""

    kinds: tuple[str, ...] = KINDS
    top_level: bool = False  # only attributions not nested in another
    body: bool = False  # only attributions outside boilerplate
    spoken: bool = False  # only contents that are a quotation or a clause (or not known)
    min_confidence: float = 0.0

    @property
    def everything(self) -> bool:
        return self == Selection()

    def keeps(self, a: Attribution) -> bool:
        return (
            a.kind in self.kinds
            and not (self.top_level and a.parent is not None)
            and not (self.body and a.in_boilerplate)
            and not (self.spoken and a.content_form == "phrase")
            and a.confidence >= self.min_confidence
        )


def parse_kinds(value: str | None) -> tuple[str, ...] | None:
    """``"direct, indirect"`` as the kinds it names, in the record's order; None for no value.
    An unknown kind is a ``ValueError`` naming the ones there are."""
    if value is None or not value.strip():
        return None
    named = {k.strip().lower() for k in value.split(",") if k.strip()}
    unknown = sorted(named - set(KINDS))
    if unknown:
        raise ValueError(f"unknown kind {', '.join(unknown)}: choose from {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in named)


def selection(
    scope: str | None = None,
    kinds: tuple[str, ...] | str | None = None,
    min_confidence: float = 0.0,
) -> Selection:
    """The selection a scope preset, a kinds filter and a least confidence make.
    ``selection("speech", "direct")`` keeps top-level direct quotations in the body."""
    scope = scope or DEFAULT_SCOPE
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}: choose from {', '.join(SCOPES)}")
    if isinstance(kinds, str):
        kinds = parse_kinds(kinds)
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
    speech = scope == "speech"
    allowed = SPEECH_KINDS if speech else KINDS
    chosen = tuple(k for k in allowed if kinds is None or k in kinds)
    return Selection(
        kinds=chosen,
        top_level=speech,
        body=speech,
        spoken=speech,
        min_confidence=min_confidence,
    )


def select(article: Article, chosen: Selection) -> Article:
    """A copy of the record with only the attributions the selection keeps (nested ones hang
    from their nearest kept ancestor, as ``record.confident`` does)."""
    if chosen.everything:
        return article
    return keeping(article, chosen.keeps)
