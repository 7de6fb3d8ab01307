"""The encoder at run time: ONNX Runtime over the article's windows, each spaCy token given
its first wordpiece's label probabilities, and Viterbi over each paragraph's tokens, so the
span tagger's grouping (attribution/tagged.py) turns the labels into attributions.

Loaded once per process (the pipeline component holds it); no torch.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Self

import numpy as np
import onnxruntime
from spacy.tokens import Doc

from onrecord.attribution.assemble import Draft
from onrecord.attribution.lexicon import load_lexicon
from onrecord.attribution.quotes import Quote
from onrecord.attribution.span_tagger import SpanTagger, doc_features
from onrecord.attribution.tagged import OUTSIDE, paragraphs, tagged_drafts
from onrecord.encoder.labels import LABELS, ROLES, viterbi
from onrecord.encoder.windows import (
    INFERENCE_STRIDE,
    INFERENCE_WINDOW,
    TOKENIZER_FILE,
    Wordpieces,
    batch,
    best_window,
    load_tokenizer,
    window_starts,
    wordpieces,
)
from onrecord.settings import ENCODER_THRESHOLD, ENCODER_WEIGHT

MAX_WINDOWS_PER_RUN = 16  # windows in one session.run: bounds memory on a huge article


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


class EncoderTagger:
    """The fine-tuned encoder: label probabilities for every wordpiece of an article."""

    def __init__(
        self,
        session: onnxruntime.InferenceSession,
        tokenizer_path: Path,
        threshold: float | None = None,
    ):
        self.session = session
        self.threshold = ENCODER_THRESHOLD if threshold is None else threshold
        self.tokenizer = load_tokenizer(tokenizer_path)
        self.window, self.stride = INFERENCE_WINDOW, INFERENCE_STRIDE
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")

    @classmethod
    def load(cls, model: str | Path, threads: int = 1, threshold: float | None = None) -> Self:
        """``model`` is the .onnx file; its tokenizer lies beside it."""
        path = Path(model)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        return cls(session, path.with_name(TOKENIZER_FILE), threshold)

    def probabilities(self, text: str) -> tuple[Wordpieces, np.ndarray]:
        """The article's wordpieces and, for each, the probability of every label (from the
        window where it lies farthest from an edge)."""
        pieces = wordpieces(self.tokenizer, text)
        n = len(pieces)
        if n == 0:
            return pieces, np.zeros((0, len(LABELS)), dtype=np.float32)
        size = self.window - 2
        starts = window_starts(n, size, self.stride)
        logits = []
        for first in range(0, len(starts), MAX_WINDOWS_PER_RUN):
            chunk = starts[first : first + MAX_WINDOWS_PER_RUN]
            ids, mask = batch(pieces.ids, chunk, self.cls_id, self.sep_id, size)
            (out,) = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
            logits.append(out)
        by_window = np.concatenate(logits)
        chosen = best_window(n, starts, size)
        rows = np.array(chosen)
        columns = np.arange(n) - np.array(starts)[rows] + 1  # +1: [CLS]
        return pieces, _softmax(by_window[rows, columns])

    def token_probabilities(self, doc: Doc) -> np.ndarray:
        """Each spaCy token's label probabilities: those of its first wordpiece ("Clinton's"
        is one token, three wordpieces); whitespace tokens are O."""
        out = np.zeros((len(doc), len(LABELS)))
        out[:, 0] = 1.0
        pieces, probs = self.probabilities(doc.text)
        if not len(pieces):
            return out
        ends = [e for _, e in pieces.offsets]
        for token in doc:
            if not token.is_space:
                out[token.i] = probs[min(bisect_right(ends, token.idx), len(pieces) - 1)]
        return out

    def label(self, doc: Doc, *_: object) -> tuple[list[str], list[float]]:
        """Each token's label (B/I of S, C, T, or O) and the probability of its role, the
        encoder alone."""
        return decode(doc, self.token_probabilities(doc))

    def drafts(
        self, doc: Doc, drafts: list[Draft], quotes: list[Quote], threshold: float | None = None
    ) -> list[Draft]:
        """The encoder's attributions (the span tagger's grouping of its labels)."""
        labels, confidence = self.label(doc)
        return tagged_drafts(
            doc, labels, confidence, quotes, self.threshold if threshold is None else threshold
        )


def decode(doc: Doc, probs: np.ndarray) -> tuple[list[str], list[float]]:
    """Labels by Viterbi over each paragraph's tokens, and each token's confidence: the
    probability of its role, B and I together."""
    labels = [OUTSIDE] * len(doc)
    confidence = [1.0] * len(doc)
    for para in paragraphs(doc):
        rows = list(para.tokens)
        path = viterbi(np.log(np.maximum(probs[rows], 1e-9)))
        for i, index in zip(rows, path, strict=True):
            labels[i] = LABELS[index]
            confidence[i] = float(probs[i, _ROLE_COLUMNS[LABELS[index][2:]]].sum())
    return labels, confidence


_ROLE_COLUMNS = {
    "": [LABELS.index(OUTSIDE)],
    **{role: [LABELS.index(f"B-{role}"), LABELS.index(f"I-{role}")] for role in ROLES},
}


class FusedTagger:
    """The accurate reader's tagger: the encoder's token probabilities and the CRF span
    tagger's marginals, mixed with weight ``weight`` on the encoder, decoded as one. The two
    err differently (the CRF reads the parse and the rules' proposals, the encoder the words
    in context): on PolNeAR dev the mix at 0.7 beats either alone on every role
    (docs/accuracy.md)."""

    def __init__(
        self,
        encoder: EncoderTagger,
        crf: SpanTagger | None,
        weight: float = ENCODER_WEIGHT,
        threshold: float | None = None,
    ):
        self.encoder = encoder
        self.crf = crf
        self.weight = weight if crf is not None else 1.0
        self.threshold = ENCODER_THRESHOLD if threshold is None else threshold

    def probabilities(self, doc: Doc, drafts: list[Draft], quotes: list[Quote]) -> np.ndarray:
        probs = self.encoder.token_probabilities(doc)
        if self.crf is None or self.weight >= 1.0:
            return probs
        features = doc_features(doc, drafts, quotes, load_lexicon())
        marginals = self.crf.probabilities(doc, features)
        crf = np.array(
            [[m.get(label, 0.0) for label in LABELS] for m in marginals], dtype=float
        ).reshape(len(doc), len(LABELS))
        return self.weight * probs + (1.0 - self.weight) * crf

    def drafts(
        self, doc: Doc, drafts: list[Draft], quotes: list[Quote], threshold: float | None = None
    ) -> list[Draft]:
        """The attributions the mix finds (the span tagger's grouping of its labels)."""
        labels, confidence = decode(doc, self.probabilities(doc, drafts, quotes))
        return tagged_drafts(
            doc, labels, confidence, quotes, self.threshold if threshold is None else threshold
        )
