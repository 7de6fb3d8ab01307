"""The encoder at run time: ONNX Runtime over the article's windows, Viterbi over the
wordpieces, and the result as one label per spaCy token, in the span tagger's shape, so the
same grouping turns it into attributions.

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
from onrecord.attribution.quotes import Quote
from onrecord.attribution.span_tagger import tagged_drafts
from onrecord.encoder.labels import LABELS, spans, viterbi
from onrecord.encoder.windows import (
    TOKENIZER_FILE,
    Wordpieces,
    batch,
    best_window,
    load_tokenizer,
    window_starts,
    wordpieces,
)
from onrecord.offsets import TokenOffsets
from onrecord.settings import ENCODER_THRESHOLD

OUTSIDE = "O"
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
        starts = window_starts(n)
        logits = []
        for first in range(0, len(starts), MAX_WINDOWS_PER_RUN):
            chunk = starts[first : first + MAX_WINDOWS_PER_RUN]
            ids, mask = batch(pieces.ids, chunk, self.cls_id, self.sep_id)
            (out,) = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
            logits.append(out)
        by_window = np.concatenate(logits)
        chosen = best_window(n, starts)
        rows = np.array(chosen)
        columns = np.arange(n) - np.array(starts)[rows] + 1  # +1: [CLS]
        return pieces, _softmax(by_window[rows, columns])

    def label(self, doc: Doc, *_: object) -> tuple[list[str], list[float]]:
        """Each token's label (B/I of S, C, T, or O) and the probability the model gives the
        label decoded at the token's first wordpiece (whitespace: O, 1.0)."""
        labels = [OUTSIDE] * len(doc)
        confidence = [1.0] * len(doc)
        pieces, probs = self.probabilities(doc.text)
        if not len(pieces):
            return labels, confidence
        path = viterbi(np.log(np.maximum(probs, 1e-9)))
        offsets = TokenOffsets(doc)
        for span in spans(path):
            start, end = pieces.offsets[span.first][0], pieces.offsets[span.last][1]
            first_token, last_token = offsets.indices(start, end)
            tag = "B"
            for i in range(first_token, last_token):
                if doc[i].is_space:
                    continue
                labels[i] = f"{tag}-{span.role}"
                tag = "I"
        # A token's confidence is the probability of its role (B and I together) at its
        # first wordpiece: "Clinton's" is one token, three wordpieces.
        wp_ends = [e for _, e in pieces.offsets]
        for i in range(len(doc)):
            if doc[i].is_space:
                continue
            j = min(bisect_right(wp_ends, offsets.starts[i]), len(pieces) - 1)
            role = labels[i][2:]
            columns = [LABELS.index(f"B-{role}"), LABELS.index(f"I-{role}")] if role else [0]
            confidence[i] = float(probs[j, columns].sum())
        return labels, confidence

    def drafts(
        self, doc: Doc, drafts: list[Draft], quotes: list[Quote], threshold: float | None = None
    ) -> list[Draft]:
        """The encoder's attributions (the span tagger's grouping of its labels)."""
        labels, confidence = self.label(doc)
        return tagged_drafts(
            doc, labels, confidence, quotes, self.threshold if threshold is None else threshold
        )
