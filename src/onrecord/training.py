"""Training the learned attribution models on a PolNeAR split.

    onrecord train --polnear ../shared/corpora/polnear/train --out models/

The filter: every candidate the rules propose (with the whole lexicon) is labelled by the gold:
it is an attribution when a gold attribution's cue overlaps its cue (or, for a cue-less
continuation, when gold content covers most of its content). The span tagger: every paragraph,
each token labelled B/I of a gold source, cue or content, or O. Deterministic: the same split
and parameters give the same models byte for byte.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from onrecord import settings
from onrecord.attribution import propose, span_tagger
from onrecord.attribution.assemble import Draft
from onrecord.attribution.filter import C2, draft_features, nested_flags, train
from onrecord.attribution.quotes import Quote
from onrecord.attribution.tagged import paragraphs
from onrecord.offsets import TokenOffsets
from onrecord.record import Article


@dataclass
class TrainReport:
    articles: int
    candidates: int
    positives: int
    seconds: float
    path: Path
    paragraphs: int = 0
    spans_path: Path | None = None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_gold(draft: Draft, gold: Article) -> bool:
    for g in gold.attributions:
        if draft.cue is not None:
            if g.cue is not None and _overlap(draft.cue, (g.cue.start, g.cue.end)) > 0:
                return True
        elif draft.content:
            size = draft.end - draft.start
            if size and _overlap((draft.start, draft.end), (g.content.start, g.content.end)) >= (
                size / 2
            ):
                return True
    return False


def labelled_candidates(
    doc: Doc, gold: Article, proposed: tuple[list[Draft], list[Quote]] | None = None
) -> Iterator[tuple[list[str], bool]]:
    drafts, quotes = proposed or propose(doc, 0.0)
    offsets = TokenOffsets(doc)
    for draft, nested in zip(drafts, nested_flags(drafts), strict=True):
        if nested:
            continue  # nested attributions are never annotated in PolNeAR: nothing to learn
        yield draft_features(offsets, draft, quotes, nested), is_gold(draft, gold)


def gold_spans(gold: Article) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """(role, pieces) of every gold source, cue and content, for the span tagger's labels."""
    for a in gold.attributions:
        for role, span in (("S", a.source), ("C", a.cue), ("T", a.content)):
            if span is not None:
                yield role, span.pieces()


def labelled_paragraphs(
    doc: Doc, gold: Article, proposed: tuple[list[Draft], list[Quote]] | None = None
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """The span tagger's training sequences: one paragraph's token features and gold labels."""
    drafts, quotes = proposed or propose(doc, 0.0)
    features = span_tagger.doc_features(doc, drafts, quotes)
    labels = span_tagger.gold_labels(doc, gold_spans(gold))
    for para in paragraphs(doc):
        yield [features[i] for i in para.tokens], [labels[i] for i in para.tokens]


def train_polnear(
    split_dir: str | Path,
    out_dir: str | Path,
    *,
    nlp: Language,
    limit: int | None = None,
    c2: float = C2,
    max_iterations: int = 200,
    span_iterations: int = span_tagger.ITERATIONS,
) -> TrainReport:
    """Train the filter and the span tagger on one parse of the split; both files go to
    ``out_dir``."""
    from onrecord.evaluate.polnear import read_split

    started = time.perf_counter()
    golds = read_split(split_dir, limit=limit)
    examples: list[tuple[list[str], bool]] = []
    paragraphs: list[tuple[list[list[str]], list[str]]] = []
    # The parser alone: the onrecord component would run the model being trained.
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == "onrecord"]):
        for doc, gold in zip(nlp.pipe(g.text for g in golds), golds, strict=True):
            proposed = propose(doc, 0.0)
            examples.extend(labelled_candidates(doc, gold, proposed))
            paragraphs.extend(labelled_paragraphs(doc, gold, proposed))
    out = Path(out_dir)
    path = train(examples, out / settings.FILTER_FILE, c2=c2, max_iterations=max_iterations)
    spans_path = span_tagger.train(
        paragraphs, out / settings.SPAN_TAGGER_FILE, max_iterations=span_iterations
    )
    return TrainReport(
        articles=len(golds),
        candidates=len(examples),
        positives=sum(1 for _, label in examples if label),
        seconds=time.perf_counter() - started,
        path=path,
        paragraphs=len(paragraphs),
        spans_path=spans_path,
    )
