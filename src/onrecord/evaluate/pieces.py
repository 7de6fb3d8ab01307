"""Quotation pieces, scored as a source audit scores them (the Gender Gap Tracker's way).

PolNeAR scores a content as one extent, first start to last end. A quotation its own frame
interrupts ('"A," she said, "B."') is two pieces, and an audit counts quotations, not spans:
a gold piece is *found* when predicted pieces cover more than a share of its characters (0.3
and 0.8 are reported), and a predicted piece is *right* when gold pieces cover more than that
share of its own characters. Recall is found gold pieces over gold pieces, precision right
predicted pieces over predicted pieces.

For ``--scope speech`` the gold is narrowed as the prediction is (``speech_gold``): PolNeAR
marks beliefs and knowledge too ("Republicans fear that ..."), which reported speech leaves
out; a gold attribution is speech when its cue holds a word the cue lexicon files as speech
("said", "told", "according to") or its content is quoted, and its content is a quotation or
a clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language

from onrecord.attribution.forms import content_form
from onrecord.attribution.lexicon import load_lexicon
from onrecord.record import Article, Attribution

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
SPEECH_CATEGORIES = frozenset({"speech", "addressee"})
Piece = tuple[int, int]


@dataclass(frozen=True)
class PieceScores:
    threshold: float
    gold: int
    predicted: int
    found: int  # gold pieces covered past the threshold
    right: int  # predicted pieces covered past the threshold

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "gold_pieces": self.gold,
            "predicted_pieces": self.predicted,
            "found": self.found,
            "right": self.right,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def pieces_of(articles: Iterable[Attribution]) -> list[Piece]:
    return [p for a in articles for p in a.content.pieces() if p[1] > p[0]]


def covered(piece: Piece, others: Sequence[Piece]) -> int:
    """How many of the piece's characters the other pieces cover (each character once)."""
    start, end = piece
    marks = bytearray(end - start)
    for s, e in others:
        lo, hi = max(s, start), min(e, end)
        if lo < hi:
            marks[lo - start : hi - start] = b"\x01" * (hi - lo)
    return sum(marks)


def _passes(piece: Piece, others: Sequence[Piece], threshold: float) -> bool:
    return covered(piece, others) > threshold * (piece[1] - piece[0])


def score_pieces(
    gold: Sequence[Article], predicted: Sequence[Article], threshold: float
) -> PieceScores:
    """The pieces of every gold article against those of the prediction of the same id."""
    by_id = {a.id: a for a in predicted}
    n_gold = n_pred = found = right = 0
    for g in gold:
        p = by_id.get(g.id)
        gold_pieces = pieces_of(g.attributions)
        pred_pieces = pieces_of(p.attributions) if p is not None else []
        n_gold += len(gold_pieces)
        n_pred += len(pred_pieces)
        found += sum(_passes(piece, pred_pieces, threshold) for piece in gold_pieces)
        right += sum(_passes(piece, gold_pieces, threshold) for piece in pred_pieces)
    return PieceScores(threshold, n_gold, n_pred, found, right)


def is_speech(doc: Any, a: Attribution, speech_lemmas: dict[str, set[str]]) -> bool:
    """Whether a gold attribution is reported speech (see the module's docstring)."""
    form = content_form(doc, a)
    if form == "quotation":
        return True
    said = False
    if a.cue is not None:
        for start, end in a.cue.pieces():
            words = doc.char_span(start, end, alignment_mode="expand") or []
            said = said or any(t.lemma_.lower() in speech_lemmas.get(t.pos_, ()) for t in words)
    return said and form == "clause"


def speech_lemmas() -> dict[str, set[str]]:
    """The lexicon's speech cues by part of speech: {"VERB": {"say", ...}, "NOUN": {...}}."""
    lexicon = load_lexicon()
    out: dict[str, set[str]] = {"VERB": set(), "NOUN": set(), "ADP": set()}
    for lemma, cue in lexicon.verbs.items():
        if cue.category in SPEECH_CATEGORIES:
            out["VERB"].add(lemma)
    for lemma, cue in lexicon.nouns.items():
        if cue.category in SPEECH_CATEGORIES:
            out["NOUN"].add(lemma)
    # "according to": the lexicon files the verb "accord"; the tagger may read a preposition.
    out["ADP"].add("accord")
    out["ADP"].add("according")
    return out


def speech_gold(gold: Sequence[Article], nlp: Language) -> list[Article]:
    """The gold with only its speech attributions (PolNeAR gold is all top level)."""
    lemmas = speech_lemmas()
    out = []
    for article, doc in zip(gold, nlp.pipe(a.text for a in gold), strict=True):
        kept = [a for a in article.attributions if is_speech(doc, a, lemmas)]
        out.append(replace(article, attributions=kept))
    return out
