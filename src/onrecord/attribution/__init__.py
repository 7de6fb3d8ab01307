"""Finding attributions in a parsed article: rules over the parse, joined with quotation marks,
optionally corrected by the learned tagger."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from onrecord import settings
from onrecord.attribution.assemble import (
    Draft,
    attach_orphan_quotes,
    attach_quotes,
    clip_to_paragraph,
    dedupe,
    drafts_from_candidates,
    drop_echoed_complements,
    drop_titles,
    overlaps,
    to_attributions,
)
from onrecord.attribution.lexicon import load_lexicon
from onrecord.attribution.quotes import Quote, find_quotes
from onrecord.attribution.rules import sentence_candidates
from onrecord.attribution.sequence import extend_cues, fill_sources
from onrecord.attribution.signatures import find_signed
from onrecord.record import Attribution, Boilerplate

if TYPE_CHECKING:
    from onrecord.attribution.learned import AttributionTagger
    from onrecord.attribution.sequence import SpanTagger

__all__ = ["find_attributions"]

# Without the learned filter, only cues that are attributions at least this often on PolNeAR
# train (outside quoted content, where cues are never annotated) are used; the filter sees
# every cue and decides per occurrence.
_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def propose(doc: Doc, min_rate: float) -> tuple[list[Draft], list[Quote]]:
    """Candidate attributions from the rules, joined with the article's quotations."""
    text = doc.text
    lexicon = load_lexicon(min_rate)
    quotes = find_quotes(text)
    candidates = [c for sent in doc.sents for c in sentence_candidates(sent, lexicon)]
    drafts = drafts_from_candidates(doc, candidates)
    clip_to_paragraph(text, drafts)
    attach_quotes(text, drafts, quotes)
    signed = find_signed(text, quotes)
    # A line the rules read already ("X: ..." headlines, "A: I think ...") keeps their
    # reading: on PolNeAR's Q&A articles a whole-line turn would hide, as nested, the
    # attributions inside answers that the annotators mark. A turn led by a name in title
    # case ("Albright: ...") is a line the colon rule cuts short, so it replaces that reading.
    turns = {
        d.cue
        for d in signed
        if d.rule == "answer"
        or (d.rule == "transcript" and d.source and not text[slice(*d.source)].isupper())
    }
    drafts = [d for d in drafts if d.cue not in turns]
    cues = {d.cue for d in drafts}
    drafts += [d for d in signed if d.cue not in cues]
    drafts += attach_orphan_quotes(text, drafts, quotes, paragraphs_of(text))
    return dedupe(drop_titles(text, drafts, quotes)), quotes


def _overlaps_any(draft: Draft, kept: list[Draft]) -> bool:
    return any(
        overlaps(piece, other) for piece in draft.content for k in kept for other in k.content
    )


def find_attributions(
    doc: Doc,
    *,
    boilerplate: list[Boilerplate] | None = None,
    tagger: AttributionTagger | None = None,
    spans: SpanTagger | None = None,
) -> list[Attribution]:
    """Every attribution in a parsed article, in document order. With a ``tagger`` the rules
    propose every cue of the lexicon and the learned filter decides; without one, only cues
    frequent enough on PolNeAR train are proposed. The span tagger (``spans``) reads the
    article token by token, adds the attributions it finds where the filter kept none,
    widens kept cues to the words it puts before them and gives a source to kept drafts that
    have none."""
    proposed, quotes = propose(doc, settings.rules_min_rate() if tagger is None else 0.0)
    drafts = tagger.correct(doc, proposed, quotes) if tagger is not None else proposed
    if spans is not None:
        found = spans.drafts(doc, proposed, quotes, threshold=0.0)
        extend_cues(drafts, found)
        fill_sources(drafts, found)
        confident = [d for d in found if (d.confidence or 0.0) >= spans.threshold]
        added = [d for d in confident if not _overlaps_any(d, drafts)]
        # "The study, which followed ..., found ...": where the filter dropped the rules'
        # reading and the tagger found the attribution without a source, the rules' source.
        fill_sources(added, proposed)
        drafts += added
    drafts = drop_echoed_complements(doc, drafts)
    return to_attributions(doc.text, drafts, quotes, boilerplate or [])
