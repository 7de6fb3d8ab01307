"""Finding attributions in a parsed article: rules over the parse, joined with quotation marks,
optionally corrected by the learned tagger."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from onrecord.attribution.assemble import (
    attach_orphan_quotes,
    attach_quotes,
    dedupe,
    drafts_from_candidates,
    to_attributions,
)
from onrecord.attribution.lexicon import load_lexicon
from onrecord.attribution.quotes import find_quotes
from onrecord.attribution.rules import sentence_candidates
from onrecord.model import Attribution, Boilerplate

if TYPE_CHECKING:
    from onrecord.attribution.learned import AttributionTagger

__all__ = ["find_attributions"]

_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def find_attributions(
    doc: Doc,
    *,
    boilerplate: list[Boilerplate] | None = None,
    tagger: AttributionTagger | None = None,
) -> list[Attribution]:
    """Every attribution in a parsed article, in document order."""
    text = doc.text
    lexicon = load_lexicon()
    quotes = find_quotes(text)
    candidates = [c for sent in doc.sents for c in sentence_candidates(sent, lexicon)]
    drafts = drafts_from_candidates(doc, candidates)
    attach_quotes(text, drafts, quotes)
    drafts += attach_orphan_quotes(text, drafts, quotes, paragraphs_of(text))
    drafts = dedupe(drafts)
    if tagger is not None:
        drafts = tagger.correct(doc, drafts)
    return to_attributions(text, drafts, quotes, boilerplate or [])
