"""Training the learned attribution filter on a PolNeAR split.

    onrecord train --polnear ../shared/corpora/polnear/train --out models/

Every candidate the rules propose (with the whole lexicon) is labelled by the gold: it is an
attribution when a gold attribution's cue overlaps its cue (or, for a cue-less continuation,
when gold content covers most of its content). Deterministic: the same split and parameters
give the same model byte for byte.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.attribution import propose
from onrecord.attribution.assemble import Draft
from onrecord.attribution.learned import C2, draft_features, nested_flags, train
from onrecord.model import Article
from onrecord.offsets import TokenOffsets

MODEL_FILE = "attribution.crfsuite"


@dataclass
class TrainReport:
    articles: int
    candidates: int
    positives: int
    seconds: float
    path: Path


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


def labelled_candidates(doc: Doc, gold: Article) -> Iterator[tuple[list[str], bool]]:
    drafts, quotes = propose(doc, 0.0)
    offsets = TokenOffsets(doc)
    for draft, nested in zip(drafts, nested_flags(drafts), strict=True):
        if nested:
            continue  # nested attributions are never annotated in PolNeAR: nothing to learn
        yield draft_features(offsets, draft, quotes, nested), is_gold(draft, gold)


def train_polnear(
    split_dir: str | Path,
    out_dir: str | Path,
    *,
    nlp: Language,
    limit: int | None = None,
    c2: float = C2,
    max_iterations: int = 200,
) -> TrainReport:
    from onrecord.evaluate.polnear import read_split

    started = time.perf_counter()
    golds = read_split(split_dir, limit=limit)
    examples: list[tuple[list[str], bool]] = []
    # The parser alone: the onrecord component would run the model being trained.
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == "onrecord"]):
        for doc, gold in zip(nlp.pipe(g.text for g in golds), golds, strict=True):
            examples.extend(labelled_candidates(doc, gold))
    path = train(examples, Path(out_dir) / MODEL_FILE, c2=c2, max_iterations=max_iterations)
    return TrainReport(
        articles=len(golds),
        candidates=len(examples),
        positives=sum(1 for _, label in examples if label),
        seconds=time.perf_counter() - started,
        path=path,
    )
