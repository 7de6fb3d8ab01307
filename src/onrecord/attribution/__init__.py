"""Finding attributions in a parsed article: rules over the parse, joined with quotation marks,
optionally corrected by the learned filter and completed by the span tagger (the fast
reader), or read by the encoder mixed with the span tagger (the accurate reader)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

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
from onrecord.attribution.forms import mark_content_forms
from onrecord.attribution.lexicon import load_lexicon
from onrecord.attribution.quotes import Quote, find_quotes
from onrecord.attribution.rules import sentence_candidates
from onrecord.attribution.signatures import find_signed
from onrecord.attribution.span_tagger import extend_cues, extend_quotations, fill_sources
from onrecord.record import Attribution, Boilerplate
from onrecord.settings import rules_min_rate

if TYPE_CHECKING:
    from onrecord.attribution.filter import AttributionFilter
    from onrecord.attribution.span_tagger import SpanTagger
    from onrecord.encoder.tagger import FusedTagger

__all__ = ["find_attributions"]

# Without the learned filter, only cues that are attributions at least this often on PolNeAR
# train (outside quoted content, where cues are never annotated) are used; the filter sees
# every cue and decides per occurrence.
_PARAGRAPH = re.compile(r"[^\n]+")
_WORDY = re.compile(r"\w")


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """The article's paragraphs, a line each. A line holding only punctuation is not one:
    scraped pages separate paragraphs by a line holding only "." or "*", and a quote-only
    paragraph after such a line continues the speaker of the paragraph before it."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if _WORDY.search(m.group())]


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


def _nested_in_any(draft: Draft, kept: list[Draft]) -> bool:
    """Whether the draft's cue and content lie inside one kept draft's content: an
    attribution nested in another ("... told ABC News that her client has always said Baldwin
    never pulled the trigger"), which the encoder, trained on PolNeAR's top level, does not
    read, and the filter does."""
    if not draft.cue:
        return False
    pieces = [draft.cue, *draft.content]
    return any(
        all(any(s <= a and b <= e for s, e in k.content) for a, b in pieces)
        and not any(k.cue and k.cue[0] < b and a < k.cue[1] for a, b in pieces)
        for k in kept
    )


def find_attributions(
    doc: Doc,
    *,
    boilerplate: list[Boilerplate] | None = None,
    filter: AttributionFilter | None = None,
    span_tagger: SpanTagger | None = None,
    encoder: FusedTagger | None = None,
) -> list[Attribution]:
    """Every attribution in a parsed article, in document order. With a ``filter`` the rules
    propose every cue of the lexicon and the learned filter decides; without one, only cues
    frequent enough on PolNeAR train are proposed. The ``span_tagger`` reads the article
    token by token, adds the attributions it finds where the filter kept none, widens kept
    cues to the words it puts before them and gives a source to kept drafts that have none.
    With an ``encoder`` (the accurate reader) its attributions come first and the filter's
    fill in (``_encoder_reading``); ``span_tagger`` is then not used, the encoder mixing the
    CRF's probabilities into its own."""
    proposed, quotes = propose(doc, rules_min_rate() if filter is None else 0.0)
    if encoder is not None:
        found = _encoder_reading(doc, encoder, filter, proposed, quotes, boilerplate or [])
        return mark_content_forms(doc, found)
    drafts = filter.correct(doc, proposed, quotes) if filter is not None else proposed
    if span_tagger is not None:
        found = span_tagger.drafts(doc, proposed, quotes, threshold=0.0)
        extend_cues(drafts, found)
        fill_sources(drafts, found)
        confident = [d for d in found if (d.confidence or 0.0) >= span_tagger.threshold]
        added = [d for d in confident if not _overlaps_any(d, drafts)]
        # "The study, which followed ..., found ...": where the filter dropped the rules'
        # reading and the tagger found the attribution without a source, the rules' source.
        fill_sources(added, proposed)
        drafts += added
    drafts = drop_echoed_complements(doc, drafts)
    return mark_content_forms(doc, to_attributions(doc.text, drafts, quotes, boilerplate or []))


def _encoder_reading(
    doc: Doc,
    encoder: FusedTagger,
    filter: AttributionFilter | None,
    proposed: list[Draft],
    quotes: list[Quote],
    boilerplate: list[Boilerplate],
) -> list[Attribution]:
    """The accurate reader: the encoder's attributions first. One the encoder left without a
    source takes the source the filter's (else the rules') reading of the same cue has, and
    its cue the words the filter puts before it ("has repeatedly said"); then the filter's
    attributions where the encoder found none (a quote-only paragraph continuing a speaker,
    which has no cue for the encoder to find), and those nested in one of the encoder's."""
    drafts = encoder.drafts(doc, proposed, quotes)
    kept = filter.correct(doc, proposed, quotes) if filter is not None else []
    fill_sources(drafts, kept)
    fill_sources(drafts, proposed)
    extend_cues(drafts, kept)
    extend_quotations(doc.text, drafts, kept)
    added = [d for d in kept if not _overlaps_any(d, drafts) or _nested_in_any(d, drafts)]
    for draft in added:
        # A quote-only paragraph continues the filter's reading of the quote before it; where
        # the encoder's reading replaced that one, it continues the encoder's.
        held = draft.continues
        if held is not None and all(held is not d for d in added):
            draft.continues = next((d for d in drafts if _overlaps_any(d, [held])), None)
    drafts = drop_echoed_complements(doc, drafts + added)
    return to_attributions(doc.text, drafts, quotes, boilerplate)
