"""Attributions from token labels, whoever labelled the tokens (the CRF span tagger, the
encoder, or both mixed): each paragraph's labelled spans, grouped around the nearest cue.

Lines are paragraphs in scraped text; each labelled span of a paragraph goes to the cue
nearest it, and a cue with content is an attribution ("Smith said the vote was rigged":
S, C, T -> one attribution).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from onrecord.attribution.assemble import Draft, char_extent, overlaps
from onrecord.attribution.deps import CUE_HEADS
from onrecord.attribution.lexicon import CueLexicon, load_lexicon
from onrecord.attribution.quotes import Quote
from onrecord.wordlists import words

OUTSIDE = "O"


@dataclass(frozen=True)
class Paragraph:
    """The tokens of one paragraph that are not whitespace (indices into the Doc)."""

    tokens: tuple[int, ...]


def paragraphs(doc: Doc) -> list[Paragraph]:
    """Lines are paragraphs in scraped text; whitespace tokens carry no label."""
    out: list[Paragraph] = []
    current: list[int] = []
    for token in doc:
        if token.is_space:
            if "\n" in token.text and current:
                out.append(Paragraph(tuple(current)))
                current = []
            continue
        current.append(token.i)
        if "\n" in token.whitespace_ and current:
            out.append(Paragraph(tuple(current)))
            current = []
    if current:
        out.append(Paragraph(tuple(current)))
    return out


@dataclass
class TaggedSpan:
    role: str
    start: int  # token index
    end: int  # exclusive


def spans_of(labels: Sequence[str], tokens: Sequence[int]) -> list[TaggedSpan]:
    """The labelled spans of one paragraph, in token indices."""
    out: list[TaggedSpan] = []
    for label, i in zip(labels, tokens, strict=True):
        if label == OUTSIDE:
            continue
        tag, role = label.split("-")
        if tag == "I" and out and out[-1].role == role and out[-1].end >= i - 1:
            out[-1].end = i + 1
        else:
            out.append(TaggedSpan(role, i, i + 1))
    return out


def _gap(a: TaggedSpan, b: TaggedSpan) -> int:
    """Tokens between two spans (0 when they touch or overlap)."""
    return max(a.start - b.end, b.start - a.end, 0)


def _nearest(span: TaggedSpan, cues: list[TaggedSpan]) -> TaggedSpan:
    return min(cues, key=lambda c: _gap(c, span))


def group(spans: list[TaggedSpan]) -> list[tuple[TaggedSpan, list[TaggedSpan], list[TaggedSpan]]]:
    """One paragraph's spans as (cue, contents, sources): each content and source goes to the
    nearest cue. A cue with no content is no attribution; content with no cue in its paragraph
    is left out (every PolNeAR attribution but one has a cue)."""
    cues = [s for s in spans if s.role == "C"]
    groups: dict[int, tuple[TaggedSpan, list[TaggedSpan], list[TaggedSpan]]] = {
        id(c): (c, [], []) for c in cues
    }
    if not cues:
        return []
    for span in spans:
        if span.role == "C":
            continue
        _, contents, sources = groups[id(_nearest(span, cues))]
        (contents if span.role == "T" else sources).append(span)
    return [g for g in groups.values() if g[1]]


def tagged_drafts(
    doc: Doc,
    labels: list[str],
    confidence: list[float],
    quotes: list[Quote],
    threshold: float,
    paras: list[Paragraph] | None = None,
) -> list[Draft]:
    """Attributions from token labels (the CRF's or the encoder's): each paragraph's spans
    grouped by nearest cue, with the mean probability of the cue and content tokens as
    confidence; those under ``threshold`` are left out."""
    lexicon = load_lexicon()
    out = []
    for para in paragraphs(doc) if paras is None else paras:
        for cue, contents, sources in group(
            spans_of([labels[i] for i in para.tokens], para.tokens)
        ):
            tokens = [i for s in (cue, *contents) for i in range(s.start, s.end)]
            p = sum(confidence[i] for i in tokens) / len(tokens)
            if p < threshold:
                continue
            words = (doc[i] for s in contents for i in range(s.start, s.end))
            if not any(t.is_alpha or t.is_digit for t in words):
                continue  # a stray quote mark tagged as content ('He said "') says nothing
            content = [char_extent(doc, (s.start, s.end)) for s in contents]
            out.append(
                Draft(
                    content=content,
                    cue=char_extent(doc, (cue.start, cue.end)),
                    source=_source(doc, cue, sources),
                    category=_category(doc[cue.start : cue.end], lexicon),
                    rule="sequence",
                    # The quotations it touches make it direct or mixed (assemble.kind_of).
                    quotes={
                        qi
                        for qi, q in enumerate(quotes)
                        if any(overlaps(piece, (q.start, q.end)) for piece in content)
                    },
                    confidence=p,
                )
            )
    return out


def _source(doc: Doc, cue: TaggedSpan, sources: list[TaggedSpan]) -> tuple[int, int] | None:
    """The source span nearest the cue, without a trailing relative pronoun ("Council member
    Tomas Ferreira, who voted against ..." -> "Council member Tomas Ferreira"): two sources
    on either side of the cue are never one span across it."""
    if not sources:
        return None
    nearest = _nearest(cue, sources)
    start, end = nearest.start, nearest.end
    if end - start > 1 and doc[end - 1].lower_ in words("source_trailing_relatives"):
        end -= 1
        while end > start and doc[end - 1].is_punct:
            end -= 1
    return char_extent(doc, (start, end))


def _category(cue: Span, lexicon: CueLexicon) -> str:
    """``other`` (belief, knowledge, intention) when the lexicon says so of the cue's verb or
    noun, else ``speech``."""
    head = max(cue, key=lambda t: (t.pos_ in CUE_HEADS, t.i))
    lemma = head.lemma_.lower()
    entry = lexicon.noun(lemma) if head.pos_ == "NOUN" else lexicon.verb(lemma)
    return "other" if entry is not None and entry.category == "other" else "speech"
